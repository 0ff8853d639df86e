//! The outline: the map as a list, from the centre to the partner
//! collectives, for screen readers and small screens. Each pôle with its
//! referents and functions; facilitators rename in place, and a concurrent
//! edit shows as a conflict that can be settled.

use std::collections::HashMap;

use crate::{move_tr, tr};
use archipel_core::sort::{sort, sort_by};
use archipel_core::{Access, Change, Conflict, Id, Kind, Record, State, Value};
use leptos::prelude::*;

use crate::sync::use_sync;

/// Sort rank of a pôle kind: the centre first, partners last.
fn kind_rank(record: &Record) -> u8 {
    match record.text("kind") {
        Some("centre") => 0,
        Some("pole") => 1,
        Some("function") => 2,
        _ => 3,
    }
}

/// Pôles that are not functions inside another pôle, in map order.
fn top_poles(state: &State) -> Vec<Id> {
    let mut poles: Vec<&Record> = state
        .of_kind(Kind::Pole)
        .filter(|pole| !pole.archived && pole.text("kind") != Some("function"))
        .collect();
    sort_by(&mut poles, |a, b| {
        kind_rank(a)
            .cmp(&kind_rank(b))
            .then_with(|| a.text("order").cmp(&b.text("order")))
            .then_with(|| a.text("name").cmp(&b.text("name")))
    });
    poles.into_iter().map(|pole| pole.id).collect()
}

fn names(state: &State, ids: impl Iterator<Item = Id>) -> String {
    let mut names: Vec<String> = ids
        .filter_map(|id| {
            state
                .existing(id)
                .and_then(|record| record.text("display_name").or(record.text("name")))
        })
        .map(str::to_owned)
        .collect();
    sort(&mut names);
    names.join(", ")
}

/// What each pôle's line shows besides its name: referents and functions, read
/// in one pass over the collective (not once per pôle).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
struct Details {
    referents: String,
    functions: String,
}

fn details(state: &State) -> HashMap<Id, Details> {
    let mut referents: HashMap<Id, Vec<Id>> = HashMap::new();
    let mut functions: HashMap<Id, Vec<&Record>> = HashMap::new();
    for record in state.records() {
        match record.kind {
            Kind::RoleAssignment
                if record.text("role") == Some("referent")
                    && record.get("until").is_null()
                    && !record.archived =>
            {
                if let (Some(pole), Some(person)) =
                    (record.reference("pole"), record.reference("person"))
                {
                    referents.entry(pole).or_default().push(person);
                }
            }
            Kind::Pole if !record.archived && record.text("kind") == Some("function") => {
                if let Some(parent) = record.reference("parent") {
                    functions.entry(parent).or_default().push(record);
                }
            }
            _ => {}
        }
    }
    let mut all: HashMap<Id, Details> = HashMap::new();
    for (pole, people) in referents {
        all.entry(pole).or_default().referents = names(state, people.into_iter());
    }
    for (pole, mut inside) in functions {
        sort_by(&mut inside, |a, b| a.text("order").cmp(&b.text("order")));
        all.entry(pole).or_default().functions = inside
            .iter()
            .filter_map(|child| child.text("name"))
            .collect::<Vec<_>>()
            .join(", ");
    }
    all
}

/// The pôles as a list.
#[component]
pub fn PoleList() -> impl IntoView {
    let sync = use_sync();
    let poles = Memo::new(move |_| sync.view.with(top_poles));
    let details = Memo::new(move |_| sync.view.with(details));
    view! {
        <div class="outline">
            <p class="lede">{move_tr!("poles-lede")}</p>
            <Show when=move || poles.with(Vec::is_empty)>
                <p class="empty-note">{move_tr!("poles-empty")}</p>
            </Show>
            <ul class="poles">
                <For each=move || poles.get() key=|id| *id let:id>
                    <PoleItem id=id details=details />
                </For>
            </ul>
        </div>
    }
}

/// The open conflict on a pôle's name, if any.
fn name_conflict(state: &State, pole: Id) -> Option<Conflict> {
    state
        .open_conflicts()
        .filter(|conflict| conflict.record == pole && conflict.field == "name")
        .max_by_key(|conflict| conflict.at)
        .cloned()
}

#[component]
fn PoleItem(id: Id, details: Memo<HashMap<Id, Details>>) -> impl IntoView {
    let sync = use_sync();
    let map = super::use_map();
    let record = Memo::new(move |_| sync.view.with(|state| state.existing(id).cloned()));
    let name = move || {
        record.with(|record| {
            record
                .as_ref()
                .and_then(|r| r.text("name"))
                .unwrap_or_default()
                .to_owned()
        })
    };
    let kind = move || {
        record.with(|record| {
            record
                .as_ref()
                .and_then(|r| r.text("kind"))
                .map(str::to_owned)
        })
    };
    let mine = Memo::new(move |_| details.with(|all| all.get(&id).cloned().unwrap_or_default()));
    let referents = Memo::new(move |_| mine.with(|details| details.referents.clone()));
    let functions = Memo::new(move |_| mine.with(|details| details.functions.clone()));
    let conflict = Memo::new(move |_| sync.view.with(|state| name_conflict(state, id)));
    let can_edit = move || {
        sync.session.with(|session| {
            session
                .as_ref()
                .is_some_and(|s| s.access >= Access::Facilitator)
        })
    };
    let editing = RwSignal::new(false);
    let draft = RwSignal::new(String::new());
    let problem = RwSignal::new(None::<String>);

    let save = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        let base =
            record.with_untracked(|record| record.as_ref().map_or(0, |r| r.version_of("name")));
        let change = Change::set(id, "name", Value::text(draft.get_untracked()), base);
        leptos::task::spawn_local(async move {
            match sync.edit(change).await {
                Ok(()) => {
                    editing.set(false);
                    problem.set(None);
                }
                Err(refusal) => problem.set(Some(crate::i18n::refusal_text(&refusal))),
            }
        });
    };
    let settle = move |restore: bool| {
        if let Some(conflict) = conflict.get_untracked() {
            leptos::task::spawn_local(async move {
                let _ = sync
                    .edit(Change::ResolveConflict {
                        conflict: conflict.id,
                        restore,
                    })
                    .await;
            });
        }
    };
    let text_of = |value: &Value| value.as_text().unwrap_or_default().to_owned();

    view! {
        <li class="pole" data-id=id.to_string() data-kind=kind>
            <div class="pole-head">
                <h2 class="pole-name">{name}</h2>
                <span class="pole-kind">{move || super::panel::kind_label(kind().as_deref().unwrap_or("pole"))}</span>
                <button type="button" class="quiet small" on:click=move |_| map.selected.set(Some(id))>
                    {move || tr!("pole-details", { "name" => name() })}
                </button>
            </div>
            <p class="pole-people">
                {move || {
                    let names = referents.get();
                    if names.is_empty() {
                        tr!("pole-no-referent")
                    } else {
                        tr!("pole-referents", { "names" => names.clone() })
                    }
                }}
            </p>
            <Show when=move || functions.with(|f| !f.is_empty())>
                <p class="pole-functions">
                    {move || tr!("pole-functions", { "names" => functions.get() })}
                </p>
            </Show>
            {move || {
                conflict
                    .get()
                    .map(|conflict| {
                        let lost = text_of(&conflict.lost);
                        let won = text_of(&conflict.won);
                        let (lost2, won2) = (lost.clone(), won.clone());
                        view! {
                            <div class="conflict" role="status">
                                <p>{move || tr!("pole-conflict", { "lost" => lost.clone(), "won" => won.clone() })}</p>
                                <Show when=can_edit>
                                    <button type="button" on:click=move |_| settle(true)>
                                        {
                                            let lost = lost2.clone();
                                            move || tr!("pole-conflict-restore", { "lost" => lost.clone() })
                                        }
                                    </button>
                                    <button type="button" class="quiet" on:click=move |_| settle(false)>
                                        {
                                            let won = won2.clone();
                                            move || tr!("pole-conflict-keep", { "won" => won.clone() })
                                        }
                                    </button>
                                </Show>
                            </div>
                        }
                    })
            }}
            <Show when=can_edit>
                <Show
                    when=move || editing.get()
                    fallback=move || {
                        view! {
                            <button
                                type="button"
                                class="quiet"
                                on:click=move |_| {
                                    draft.set(name());
                                    editing.set(true);
                                }
                            >
                                {move_tr!("pole-rename")}
                            </button>
                        }
                    }
                >
                    <form class="rename" on:submit=save>
                        <label for=format!("rename-{id}")>{move || tr!("pole-rename-label", { "name" => name() })}</label>
                        <input
                            id=format!("rename-{id}")
                            type="text"
                            maxlength="80"
                            required
                            prop:value=move || draft.get()
                            on:input=move |event| draft.set(event_target_value(&event))
                        />
                        <button type="submit" class="primary">{move_tr!("pole-save")}</button>
                        <button type="button" class="quiet" on:click=move |_| editing.set(false)>
                            {move_tr!("pole-cancel")}
                        </button>
                    </form>
                    {move || problem.get().map(|text| view! { <p class="problem" role="alert">{text}</p> })}
                </Show>
            </Show>
        </li>
    }
}
