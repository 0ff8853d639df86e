//! Governance board: roles and vacancies, recruitment, tasks, meetings, decisions.

use crate::move_tr;
use archipel_core::View;
use leptos::prelude::*;

use crate::ui::EmptyView;

/// The governance view.
#[component]
pub fn GovernanceView() -> impl IntoView {
    view! {
        <EmptyView
            view=View::Governance
            title=move_tr!("view-governance")
            lede=move_tr!("governance-lede")
            coming=vec![
                move_tr!("governance-coming-1"),
                move_tr!("governance-coming-2"),
                move_tr!("governance-coming-3"),
                move_tr!("governance-coming-4"),
            ]
        />
    }
}
