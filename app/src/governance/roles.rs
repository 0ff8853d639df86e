//! The governance board's roles tab.

use leptos::prelude::*;

/// The roles tab.
#[component]
pub fn RolesTab() -> impl IntoView {
    view! { <div class="gov-tab"></div> }
}
