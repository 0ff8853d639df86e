//! The sync status in the top bar: changes waiting, syncing, up to date,
//! refused changes (a link to the list), or access revoked.

use crate::tr;
use leptos::prelude::*;

use crate::sync::use_sync;

/// Local hours and minutes of a Unix time in milliseconds.
pub fn clock(millis: i64) -> String {
    let date = js_sys::Date::new(&wasm_bindgen::JsValue::from_f64(millis as f64));
    format!("{:02}:{:02}", date.get_hours(), date.get_minutes())
}

/// Shown once this device has joined a collective.
#[component]
pub fn SyncBadge() -> impl IntoView {
    let sync = use_sync();
    let joined = move || sync.session.with(Option::is_some);
    let pending = move || sync.pending.with(Vec::len);
    let refused = move || sync.refused.with(Vec::len);
    let text = move || {
        let status = sync.status.get();
        if status.revoked {
            tr!("sync-revoked")
        } else if pending() > 0 {
            tr!("sync-pending", { "count" => pending() })
        } else if status.syncing {
            tr!("sync-syncing")
        } else if status.error.is_some() {
            tr!("sync-error")
        } else {
            tr!("sync-up-to-date")
        }
    };
    let title = move || {
        sync.status
            .with(|status| status.last_sync)
            .map(|millis| tr!("sync-last", { "time" => clock(millis) }))
    };
    view! {
        <Show when=joined>
            <p
                class=move || {
                    let mut class = String::from("sync");
                    if pending() > 0 {
                        class.push_str(" waiting");
                    }
                    if sync.status.with(|status| status.revoked) {
                        class.push_str(" revoked");
                    }
                    class
                }
                role="status"
                aria-live="polite"
                title=title
                data-pending=move || pending().to_string()
            >
                <span class="sync-text">{text}</span>
                <Show when=move || { refused() > 0 }>
                    <a class="sync-refused" href="/reglages#non-appliquees">
                        {move || tr!("sync-refused-link", { "count" => refused() })}
                    </a>
                </Show>
            </p>
        </Show>
    }
}
