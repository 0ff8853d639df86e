//! Territory: places mapped in the field, duplicates, reports and open exports.

use crate::move_tr;
use archipel_core::View;
use leptos::prelude::*;

use crate::ui::EmptyView;

/// The territory view.
#[component]
pub fn TerritoryView() -> impl IntoView {
    view! {
        <EmptyView
            view=View::Territory
            title=move_tr!("view-territory")
            lede=move_tr!("territory-lede")
            coming=vec![
                move_tr!("territory-coming-1"),
                move_tr!("territory-coming-2"),
                move_tr!("territory-coming-3"),
            ]
        />
    }
}
