//! Kit library: versioned how-to kits, readable offline, that turn into checklists.

use crate::move_tr;
use archipel_core::View;
use leptos::prelude::*;

use crate::ui::EmptyView;

/// The kit library view.
#[component]
pub fn KitsView() -> impl IntoView {
    view! {
        <EmptyView
            view=View::Kits
            title=move_tr!("view-kits")
            lede=move_tr!("kits-lede")
            coming=vec![
                move_tr!("kits-coming-1"),
                move_tr!("kits-coming-2"),
                move_tr!("kits-coming-3"),
            ]
        />
    }
}
