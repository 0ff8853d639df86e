//! Cartography: the interactive map of the collective's pôles, people and partners.

use archipel_core::View;
use leptos::prelude::*;
use leptos_fluent::move_tr;

use crate::ui::EmptyView;

/// The cartography view.
#[component]
pub fn CartographyView() -> impl IntoView {
    view! {
        <EmptyView
            view=View::Cartography
            title=move_tr!("view-cartography")
            lede=move_tr!("cartography-lede")
            coming=vec![
                move_tr!("cartography-coming-1"),
                move_tr!("cartography-coming-2"),
                move_tr!("cartography-coming-3"),
                move_tr!("cartography-coming-4"),
            ]
        />
    }
}
