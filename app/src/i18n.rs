//! The one translation layer: Fluent files in `app/locales/<lang>/main.ftl`,
//! loaded at compile time by `leptos-fluent`.
//!
//! French is the reference language and the default; English is second. The
//! choice is kept in the device's local storage (`archipel.lang`). Only
//! French and English are offered, both left-to-right, so Fluent's Unicode
//! isolation marks are turned off (they would end up in copied text and
//! accessible names). Components translate with
//! `move_tr!("key")` (reactive) — never with literal strings.

use leptos::prelude::*;
use leptos_fluent::leptos_fluent;

/// Provides the translation context to `children`.
#[component]
pub fn I18nProvider(children: Children) -> impl IntoView {
    leptos_fluent! {
        children: children(),
        locales: "./locales",
        default_language: "fr",
        check_translations: "./src/**/*.rs",
        sync_html_tag_lang: true,
        local_storage_key: "archipel.lang",
        initial_language_from_local_storage: true,
        set_language_to_local_storage: true,
        customise: |bundle| bundle.set_use_isolating(false),
    }
}
