//! The honest placeholder of a view that holds nothing yet: what the view is
//! for and what will appear in it — never fake data.

use crate::move_tr;
use archipel_core::View;
use leptos::prelude::*;

/// A view's heading, its purpose, and the list of what is coming.
#[component]
pub fn EmptyView(
    /// Which view this is (for styling and tests).
    view: View,
    /// The view's title.
    title: Signal<String>,
    /// One sentence on what the view is for.
    lede: Signal<String>,
    /// What the view will hold.
    coming: Vec<Signal<String>>,
) -> impl IntoView {
    view! {
        <section class="view" data-view=view.key() aria-labelledby="view-title">
            <h1 id="view-title">{title}</h1>
            <p class="lede">{lede}</p>
            <p class="empty-note" role="note">{move_tr!("empty-nothing-yet")}</p>
            <h2>{move_tr!("coming-title")}</h2>
            <ul class="coming">
                {coming.into_iter().map(|item| view! { <li>{item}</li> }).collect_view()}
            </ul>
        </section>
    }
}
