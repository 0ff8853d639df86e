//! Time travel: a slider over the collective's history that shows the map as
//! it was at any past moment, and what changed since then.
//!
//! The history is the server's log of applied operations (`GET
//! /api/history`), fetched once per opening and replayed on the device with
//! the core's own apply, so the past map is built by the same code as today's.

use crate::{move_tr, tr};
use archipel_core::Date;
use archipel_core::wire::AppliedEntry;
use leptos::prelude::*;
use wasm_bindgen::JsValue;

use super::use_map;
use crate::sync::{api, use_sync};

/// The log, or why it could not be read.
#[derive(Debug, Clone)]
enum Loaded {
    Loading,
    Ready,
    Failed(String),
}

async fn fetch_all(token: &str) -> Result<Vec<AppliedEntry>, api::ApiFailure> {
    let mut entries = Vec::new();
    let mut since = 0;
    loop {
        let page = api::history(token, since).await?;
        entries.extend(page.entries);
        since = page.cursor;
        if !page.more {
            return Ok(entries);
        }
    }
}

/// A date and time in the interface's language.
fn moment(millis: i64) -> String {
    let date = js_sys::Date::new(&JsValue::from_f64(millis as f64));
    let lang = if crate::i18n::is_french() {
        "fr-FR"
    } else {
        "en-GB"
    };
    date.to_locale_string(lang, &JsValue::UNDEFINED).into()
}

/// The timeline bar.
#[component]
pub fn Timeline(on_close: impl Fn() + Copy + 'static) -> impl IntoView {
    let map = use_map();
    let sync = use_sync();
    let entries = StoredValue::new(Vec::<AppliedEntry>::new());
    let loaded = RwSignal::new(Loaded::Loading);
    let count = RwSignal::new(0_usize);
    let index = RwSignal::new(0_usize);
    if let Some(token) = sync
        .session
        .with_untracked(|session| session.as_ref().map(|session| session.token.clone()))
    {
        leptos::task::spawn_local(async move {
            match fetch_all(&token).await {
                Ok(all) => {
                    let last = all.len();
                    entries.set_value(all);
                    count.set(last);
                    index.set(last);
                    loaded.set(Loaded::Ready);
                }
                Err(failure) => loaded.set(Loaded::Failed(failure.to_string())),
            }
        });
    }
    // Position `k` shows the collective right after the `k`-th applied
    // operation; the last position is today.
    let travel = move |chosen: usize| {
        let total = count.get_untracked();
        if chosen >= total {
            map.past.set(None);
            return;
        }
        let past = entries.with_value(|all| {
            let entry = &all[chosen.saturating_sub(1)];
            (
                archipel_core::history::state_at(all, entry.version),
                Date::from_unix_millis(entry.received_at),
            )
        });
        map.past.set(Some(past));
    };
    let label = move || {
        let chosen = index.get();
        if chosen >= count.get() {
            tr!("timeline-now")
        } else {
            entries.with_value(|all| {
                all.get(chosen.saturating_sub(1))
                    .map(|entry| moment(entry.received_at))
                    .unwrap_or_default()
            })
        }
    };
    let summary = move || {
        map.changes.with(|changes| {
            changes.as_ref().map(|changes| {
                tr!("timeline-since", {
                    "added" => changes.added.len(),
                    "archived" => changes.removed.len(),
                    "changed" => changes.changed.len(),
                })
            })
        })
    };
    let close = move |_| {
        map.past.set(None);
        on_close();
    };
    view! {
        <section class="timeline" aria-labelledby="timeline-title">
            <h2 id="timeline-title">{move_tr!("timeline-title")}</h2>
            {move || match loaded.get() {
                Loaded::Loading => view! { <p class="hint">{move_tr!("timeline-loading")}</p> }.into_any(),
                Loaded::Failed(reason) => {
                    view! {
                        <p class="problem" role="alert">
                            {move || tr!("timeline-failed", { "reason" => reason.clone() })}
                        </p>
                    }
                        .into_any()
                }
                Loaded::Ready => {
                    view! {
                        <label for="timeline-slider">{move_tr!("timeline-label")}</label>
                        <input
                            id="timeline-slider"
                            type="range"
                            min="1"
                            max=move || count.get().to_string()
                            step="1"
                            prop:value=move || index.get().to_string()
                            aria-valuetext=label
                            on:input=move |event| {
                                if let Ok(chosen) = event_target_value(&event).parse::<usize>() {
                                    index.set(chosen);
                                }
                            }
                            on:change=move |event| {
                                if let Ok(chosen) = event_target_value(&event).parse::<usize>() {
                                    index.set(chosen);
                                    travel(chosen);
                                }
                            }
                        />
                        <output for="timeline-slider">{label}</output>
                        <p class="since" aria-live="polite">{summary}</p>
                    }
                        .into_any()
                }
            }}
            <button type="button" class="quiet" on:click=close>
                {move_tr!("timeline-close")}
            </button>
        </section>
    }
}
