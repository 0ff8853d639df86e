//! Canonical decomposition for the core's search folding, from the browser.
//!
//! `archipel_core::fold` drops accents by decomposing letters ("é" → "e" +
//! a combining acute) and removing the combining marks. The core carries
//! tables for that, but the browser has the same Unicode data built in
//! (`String.prototype.normalize`, `toLowerCase`), so the app builds the core
//! without them (its `unicode-tables` feature) and hands it this function
//! instead: about 29 KB less for a phone to download.

use js_sys::{JsString, RegExp};

/// `text` in NFD, lower-cased character by character, with every combining
/// mark (General Category M) removed: what `archipel_core::search::set_decomposer`
/// asks for. `toLowerCase` alone would turn a word-final capital sigma into
/// "ς" where Rust's `char::to_lowercase` gives "σ", so sigmas are lowered first.
#[must_use]
pub fn browser_decompose(text: &str) -> String {
    thread_local! {
        static SIGMA: RegExp = RegExp::new("Σ", "g");
        static MARKS: RegExp = RegExp::new(r"\p{M}", "gu");
    }
    let decomposed = JsString::from(text).normalize("NFD");
    let lowered = SIGMA
        .with(|sigma| decomposed.replace_by_pattern(sigma, "σ"))
        .to_lower_case();
    MARKS.with(|marks| lowered.replace_by_pattern(marks, "").into())
}

/// Gives the core's search folding the browser's decomposition (see the module).
pub fn install_browser_decomposition() {
    archipel_core::search::set_decomposer(browser_decompose);
}
