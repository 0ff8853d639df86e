//! The governance board's tasks tab.

use leptos::prelude::*;

/// The tasks tab.
#[component]
pub fn TasksTab() -> impl IntoView {
    view! { <div class="gov-tab"></div> }
}
