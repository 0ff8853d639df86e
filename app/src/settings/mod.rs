//! Settings: the language of this device, the state of its local database,
//! the collective it belongs to.

use crate::i18n::I18n;
use crate::{move_tr, tr};
use archipel_core::View;
use archipel_core::sort::sort_by_key;
use leptos::prelude::*;

use crate::i18n::{access_name, is_french};
use crate::sync::{RefusedOp, use_sync};
use crate::ui::fixed;

/// The settings view.
#[component]
pub fn SettingsView() -> impl IntoView {
    view! {
        <section class="view" data-view=View::Settings.key() aria-labelledby="view-title">
            <h1 id="view-title">{move_tr!("view-settings")}</h1>
            <p class="lede">{move_tr!("settings-lede")}</p>
            <LanguageChoice />
            <StorageStatus />
            <CollectiveCard />
            <AppCard />
            <Unsent />
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
    sort_by_key(&mut languages, |language| language.code != "fr");
    view! {
        <fieldset class="card language-choice">
            <legend>{move_tr!("settings-language")}</legend>
            {languages
                .into_iter()
                .map(|language| {
                    let code = language.code;
                    let input_id = format!("language-{code}");
                    view! {
                        <div class="choice">
                            <input
                                type="radio"
                                name="language"
                                id=input_id.clone()
                                value=code
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

/// The device's database, as the sync engine opened it: how many records it
/// holds, or why it could not be opened.
#[component]
fn StorageStatus() -> impl IntoView {
    let sync = use_sync();
    view! {
        <section class="card" aria-labelledby="storage-title">
            <h2 id="storage-title">{move_tr!("settings-storage")}</h2>
            <p class="storage-status" role="status">
                {move || {
                    let status = sync.status.get();
                    if let Some(reason) = status.storage_error {
                        tr!("settings-storage-failed", { "reason" => reason.clone() })
                    } else if status.loaded {
                        let count = sync.view.with(|state| state.records().count());
                        tr!("settings-storage-ok", { "count" => count })
                    } else {
                        tr!("settings-storage-checking")
                    }
                }}
            </p>
        </section>
    }
}

/// Which collective this device belongs to, as whom.
#[component]
fn CollectiveCard() -> impl IntoView {
    let sync = use_sync();
    view! {
        <section class="card" aria-labelledby="collective-title">
            <h2 id="collective-title">{move_tr!("settings-collective")}</h2>
            {move || match sync.session.get() {
                None => view! { <p>{move_tr!("settings-collective-none")}</p> }.into_any(),
                Some(session) => {
                    let role = access_name(session.access);
                    view! {
                        <p>
                            {move || {
                                tr!(
                                    "settings-member-of", {
                                    "collective" => session.collective_name.clone(),
                                    "role" => role.get(),
                                    "name" => session.display_name.clone(),
                                }
                                )
                            }}
                        </p>
                        <p class="last-sync">
                            {move || {
                                sync.status
                                    .with(|status| status.last_sync)
                                    .map(|millis| tr!("sync-last", { "time" => crate::ui::clock(millis) }))
                            }}
                        </p>
                    }
                        .into_any()
                }
            }}
        </section>
    }
}

fn op_name(op: &archipel_core::Operation) -> Signal<String> {
    match op.change.name() {
        "create" => move_tr!("op-create"),
        "set" => move_tr!("op-set"),
        "add" => move_tr!("op-add"),
        "remove" => move_tr!("op-remove"),
        "increment" => move_tr!("op-increment"),
        "move" => move_tr!("op-move"),
        "archive" => move_tr!("op-archive"),
        "delete" => move_tr!("op-delete"),
        _ => move_tr!("op-resolve_conflict"),
    }
}

/// The record an operation is about, named for people.
fn target_name(state: &archipel_core::State, item: &RefusedOp) -> String {
    let target = item.op.change.target();
    state
        .record(target)
        .and_then(|record| {
            record
                .text("name")
                .or(record.text("title"))
                .or(record.text("display_name"))
        })
        .map_or_else(
            || {
                item.refusal
                    .kind
                    .map_or("?", archipel_core::Kind::name)
                    .to_owned()
            },
            str::to_owned,
        )
}

/// Operations the server refused, with the reason, to redo or discard; and an export.
#[component]
fn Unsent() -> impl IntoView {
    let sync = use_sync();
    let export = move |_| {
        let json = sync.export_unsent();
        crate::ui::download_text(
            "archipel-modifications-non-envoyees.json",
            "application/json",
            &json,
        );
    };
    view! {
        <section class="card unsent" id="non-appliquees" aria-labelledby="unsent-title">
            <h2 id="unsent-title">{move_tr!("unsent-title")}</h2>
            <Show when=move || sync.status.with(|status| status.revoked)>
                <p class="problem" role="alert">{move_tr!("unsent-revoked")}</p>
            </Show>
            <Show
                when=move || sync.refused.with(|refused| !refused.is_empty())
                fallback=|| view! { <p>{move_tr!("unsent-none")}</p> }
            >
                <ul class="refused">
                    <For each=move || sync.refused.get() key=|item| item.op.seq let:item>
                        {
                            let seq = item.op.seq;
                            let what = op_name(&item.op);
                            let target = sync.view.with_untracked(|state| target_name(state, &item));
                            let reason = move || {
                                if is_french() { item.message_fr.clone() } else { item.message_en.clone() }
                            };
                            view! {
                                <li class="refused-op" data-code=item.refusal.code.as_str()>
                                    <p class="refused-what">{move || format!("{} · {}", what.get(), target)}</p>
                                    <p class="refused-reason">{move || tr!("unsent-reason", { "reason" => reason() })}</p>
                                    <button
                                        type="button"
                                        on:click=move |_| {
                                            leptos::task::spawn_local(async move {
                                                let _ = sync.redo(seq).await;
                                            })
                                        }
                                    >
                                        {move_tr!("unsent-redo")}
                                    </button>
                                    <button
                                        type="button"
                                        class="quiet"
                                        on:click=move |_| leptos::task::spawn_local(async move { sync.discard(seq).await })
                                    >
                                        {move_tr!("unsent-discard")}
                                    </button>
                                </li>
                            }
                        }
                    </For>
                </ul>
            </Show>
            <Show when=move || {
                sync.status.with(|status| status.revoked)
                    || sync.pending.with(|pending| !pending.is_empty())
                    || sync.refused.with(|refused| !refused.is_empty())
            }>
                <button type="button" on:click=export>{move_tr!("unsent-export")}</button>
            </Show>
        </section>
    }
}

/// Bytes as people read them, in the interface's language (`1,2 Mo` / `1.2 MB`).
fn bytes(count: f64) -> String {
    let french = is_french();
    let (value, unit) = if count >= 1e9 {
        (count / 1e9, if french { "Go" } else { "GB" })
    } else if count >= 1e6 {
        (count / 1e6, if french { "Mo" } else { "MB" })
    } else {
        (count / 1e3, if french { "ko" } else { "kB" })
    };
    let text = fixed(value, 1);
    let text = if french { text.replace('.', ",") } else { text };
    format!("{text}\u{a0}{unit}")
}

/// The app on this device: storage used and protected, install button.
#[component]
fn AppCard() -> impl IntoView {
    let pwa = crate::pwa::use_pwa();
    let sync = use_sync();
    // Re-read after each sync: the space used grows with the collective.
    let usage = LocalResource::new(move || {
        sync.status.with(|status| status.last_sync);
        crate::pwa::storage_use()
    });
    view! {
        <section class="card" aria-labelledby="app-title">
            <h2 id="app-title">{move_tr!("app-card-title")}</h2>
            <p class="storage-use">
                {move || match usage.get() {
                    Some(Some(usage)) => {
                        tr!("app-storage", { "used" => bytes(usage.used), "quota" => bytes(usage.quota) })
                    }
                    Some(None) => tr!("app-storage-unknown"),
                    None => String::new(),
                }}
            </p>
            <p class="storage-persisted">
                {move || match usage.get() {
                    Some(Some(usage)) if usage.persisted => tr!("app-persisted"),
                    Some(Some(_)) => tr!("app-not-persisted"),
                    _ => String::new(),
                }}
            </p>
            <Show when=move || pwa.can_install.get()>
                <button type="button" class="primary" on:click=move |_| pwa.install()>
                    {move_tr!("app-install")}
                </button>
            </Show>
        </section>
    }
}
