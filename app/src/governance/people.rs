//! The governance board's people tab.

use leptos::prelude::*;

/// The people tab.
#[component]
pub fn PeopleTab() -> impl IntoView {
    view! { <div class="gov-tab"></div> }
}
