//! Canonical decomposition for the core's search folding, from the browser.
//!
//! `archipel_core::fold` drops accents by decomposing letters ("é" → "e" +
//! a combining acute) and removing the combining marks. The core carries
//! tables for that, but the browser has the same Unicode data built in
//! (`String.prototype.normalize`), so the app builds the core without them
//! (its `unicode-tables` feature) and hands it this function instead: 17 KB
//! less for a phone to download.

use js_sys::{JsString, RegExp};

/// `text` in NFD with every combining mark (General Category M) removed.
#[must_use]
pub fn browser_decompose(text: &str) -> String {
    thread_local! {
        static MARKS: RegExp = RegExp::new(r"\p{M}", "gu");
    }
    let decomposed = JsString::from(text).normalize("NFD");
    MARKS.with(|marks| decomposed.replace_by_pattern(marks, "").into())
}

/// Gives the core's search folding the browser's decomposition (see the module).
pub fn install_browser_decomposition() {
    archipel_core::search::set_decomposer(browser_decompose);
}
