//! The governance board's meetings tab.

use leptos::prelude::*;

/// The meetings tab.
#[component]
pub fn MeetingsTab() -> impl IntoView {
    view! { <div class="gov-tab"></div> }
}
