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

/// The translated name of an access level.
pub fn access_name(access: archipel_core::Access) -> Signal<String> {
    use leptos_fluent::move_tr;
    match access {
        archipel_core::Access::Guest => move_tr!("role-guest"),
        archipel_core::Access::Member => move_tr!("role-member"),
        archipel_core::Access::Facilitator => move_tr!("role-facilitator"),
        archipel_core::Access::Admin => move_tr!("role-admin"),
    }
}

/// True while the interface is in French (to pick the French text of a server message).
pub fn is_french() -> bool {
    let i18n = expect_context::<leptos_fluent::I18n>();
    i18n.language.get().id.language.as_str() == "fr"
}
