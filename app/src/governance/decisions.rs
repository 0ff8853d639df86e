//! The governance board's decisions tab.

use leptos::prelude::*;

/// The decisions tab.
#[component]
pub fn DecisionsTab() -> impl IntoView {
    view! { <div class="gov-tab"></div> }
}
