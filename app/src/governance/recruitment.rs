//! The governance board's recruitment tab.

use leptos::prelude::*;

/// The recruitment tab.
#[component]
pub fn RecruitmentTab() -> impl IntoView {
    view! { <div class="gov-tab"></div> }
}
