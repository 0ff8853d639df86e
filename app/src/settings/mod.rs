//! Settings: the language of this device, the state of its local database,
//! the collective it belongs to.

use archipel_core::View;
use leptos::prelude::*;
use leptos_fluent::{I18n, move_tr};

use crate::storage::{Collection, LocalDb, StorageError};

/// The settings view.
#[component]
pub fn SettingsView() -> impl IntoView {
    view! {
        <section class="view" data-view=View::Settings.key() aria-labelledby="view-title">
            <h1 id="view-title">{move_tr!("view-settings")}</h1>
            <p class="lede">{move_tr!("settings-lede")}</p>
            <LanguageChoice />
            <StorageStatus />
            <section class="card" aria-labelledby="collective-title">
                <h2 id="collective-title">{move_tr!("settings-collective")}</h2>
                <p>{move_tr!("settings-collective-none")}</p>
            </section>
            <p class="version">
                {move_tr!("settings-version", { "version" => env!("CARGO_PKG_VERSION") })}
            </p>
        </section>
    }
}

/// A radio group of the available languages, each named in its own language,
/// French (the reference language) first.
#[component]
fn LanguageChoice() -> impl IntoView {
    let i18n = expect_context::<I18n>();
    let mut languages = i18n.languages.to_vec();
    languages.sort_by_key(|language| language.id.language.as_str() != "fr");
    view! {
        <fieldset class="card language-choice">
            <legend>{move_tr!("settings-language")}</legend>
            {languages
                .into_iter()
                .map(|language| {
                    let code = language.id.to_string();
                    let input_id = format!("language-{code}");
                    view! {
                        <div class="choice">
                            <input
                                type="radio"
                                name="language"
                                id=input_id.clone()
                                value=code.clone()
                                prop:checked=move || i18n.language.get() == language
                                on:change=move |_| i18n.language.set(language)
                            />
                            <label for=input_id lang=code>{language.name}</label>
                        </div>
                    }
                })
                .collect_view()}
            <p class="hint">{move_tr!("settings-language-hint")}</p>
        </fieldset>
    }
}

/// Opens the local database and reports how many records it holds, or why it cannot.
#[component]
fn StorageStatus() -> impl IntoView {
    let status = LocalResource::new(|| async {
        let db = LocalDb::open().await?;
        let count = db.count(Collection::Records).await;
        db.close();
        count
    });
    view! {
        <section class="card" aria-labelledby="storage-title">
            <h2 id="storage-title">{move_tr!("settings-storage")}</h2>
            <p class="storage-status" role="status">
                {move || match status.get() {
                    None => move_tr!("settings-storage-checking").into_any(),
                    Some(Ok(count)) => {
                        move_tr!("settings-storage-ok", { "count" => count }).into_any()
                    }
                    Some(Err(error)) => storage_failure(error).into_any(),
                }}
            </p>
        </section>
    }
}

fn storage_failure(error: StorageError) -> Signal<String> {
    let reason = error.to_string();
    move_tr!("settings-storage-failed", { "reason" => reason.clone() })
}
