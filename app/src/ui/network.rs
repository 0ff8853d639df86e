//! Whether the device is online, as the browser reports it, and the badge that shows it.

use crate::move_tr;
use leptos::ev;
use leptos::prelude::*;

/// A signal that follows the browser's `online` / `offline` events.
pub fn use_online() -> ReadSignal<bool> {
    let initial = window().navigator().on_line();
    let (online, set_online) = signal(initial);
    let on = window_event_listener(ev::online, move |_| set_online.set(true));
    let off = window_event_listener(ev::offline, move |_| set_online.set(false));
    on_cleanup(move || {
        on.remove();
        off.remove();
    });
    online
}

/// A small status badge: "En ligne" / "Hors ligne", announced to screen readers when it changes.
#[component]
pub fn NetworkStatus() -> impl IntoView {
    let online = use_online();
    view! {
        <p
            class="network"
            class:offline=move || !online.get()
            role="status"
            aria-live="polite"
            data-online=move || online.get().to_string()
        >
            <span class="dot" aria-hidden="true"></span>
            <span class="network-label">
                {move || {
                    if online.get() { move_tr!("network-online") } else { move_tr!("network-offline") }
                }}
            </span>
            <Show when=move || !online.get()>
                <span class="network-hint">{move_tr!("network-offline-hint")}</span>
            </Show>
        </p>
    }
}
