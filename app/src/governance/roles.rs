//! The Roles tab: every pôle's required roles against who holds them, most
//! urgent first; a vacancy becomes a need in one tap; facilitators assign
//! and end roles and override a pôle's required roles.

use crate::{move_tr, tr};
use archipel_core::governance::{need_for_vacancy, open_needs_by_role};
use archipel_core::queries::{PoleHealth, default_required_roles, health_board, is_current};
use archipel_core::schema::ROLES;
use archipel_core::{Change, Id, Kind, RoleCount, State, Value};
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use super::{
    Gov, Problem, Tab, date_text, options, people_choices, person_name, role_label, send_all,
    tab_href, today, use_gov,
};
use crate::sync::new_id;

/// The roles a pôle may require (custom roles are named per person).
const REQUIRABLE: [&str; 4] = ["referent", "facilitator", "welcome", "member"];

/// One holder of a role, as the board lists them.
#[derive(Debug, Clone, PartialEq)]
struct Holder {
    assignment: Id,
    person: Id,
    name: String,
    since: Option<String>,
    off: bool,
}

/// One role row of a pôle card.
#[derive(Debug, Clone, PartialEq)]
struct RoleRow {
    role: String,
    required: u8,
    missing: u8,
    at_risk: bool,
    holders: Vec<Holder>,
    need: Option<Id>,
}

/// One pôle card.
#[derive(Debug, Clone, PartialEq)]
struct PoleCard {
    pole: Id,
    name: String,
    missing: u32,
    at_risk: usize,
    own_roles: bool,
    rows: Vec<RoleRow>,
    /// Current roles that are not required (custom ones, extra members).
    others: Vec<(String, Holder)>,
}

fn cards(state: &State) -> Vec<PoleCard> {
    let day = today();
    // Current assignments by pôle → role → person.
    let mut current: Vec<(Id, String, Holder)> = Vec::new();
    for assignment in state.of_kind(Kind::RoleAssignment) {
        let (Some(pole), Some(person), Some(role)) = (
            assignment.reference("pole"),
            assignment.reference("person"),
            assignment.text("role"),
        ) else {
            continue;
        };
        if !is_current(assignment, day) {
            continue;
        }
        let Some(record) = state.existing(person) else {
            continue;
        };
        if record.text("status") == Some("left") {
            continue;
        }
        let role = if role == "custom" {
            assignment
                .text("custom_name")
                .unwrap_or("custom")
                .to_owned()
        } else {
            role.to_owned()
        };
        current.push((
            pole,
            role,
            Holder {
                assignment: assignment.id,
                person,
                name: person_name(state, person),
                since: assignment.get("since").as_date().map(date_text),
                off: archipel_core::queries::is_off(record, day),
            },
        ));
    }
    let needs = open_needs_by_role(state);
    health_board(state, day)
        .into_iter()
        .map(|health: PoleHealth| {
            let rows: Vec<RoleRow> = health
                .roles
                .iter()
                .map(|gap| RoleRow {
                    role: gap.role.clone(),
                    required: gap.required,
                    missing: gap.missing,
                    at_risk: gap.at_risk,
                    holders: current
                        .iter()
                        .filter(|(pole, role, holder)| {
                            *pole == health.pole
                                && *role == gap.role
                                && gap.holders.contains(&holder.person)
                        })
                        .map(|(_, _, holder)| holder.clone())
                        .collect(),
                    need: needs.get(&(health.pole, gap.role.as_str())).copied(),
                })
                .collect();
            let others = current
                .iter()
                .filter(|(pole, role, _)| {
                    *pole == health.pole && !health.roles.iter().any(|gap| gap.role == *role)
                })
                .map(|(_, role, holder)| (role.clone(), holder.clone()))
                .collect();
            PoleCard {
                pole: health.pole,
                missing: health.missing(),
                at_risk: health.at_risk(),
                own_roles: state
                    .existing(health.pole)
                    .is_some_and(|pole| !pole.get("required_roles").is_null()),
                name: health.name,
                rows,
                others,
            }
        })
        .collect()
}

/// A role's name, custom ones as written.
fn any_role_label(role: &str) -> String {
    if ROLES.contains(&role) {
        role_label(role)
    } else {
        role.to_owned()
    }
}

/// The Roles tab.
#[component]
pub fn RolesTab() -> impl IntoView {
    let gov = use_gov();
    let query = use_query_map();
    // The map's "link to the need": `?pole=…&role=…`.
    let wanted = Memo::new(move |_| {
        query.with(|q| {
            q.get_str("pole")
                .and_then(|pole| pole.parse::<Id>().ok())
                .map(|pole| (pole, q.get_str("role").unwrap_or_default().to_owned()))
        })
    });
    let only_incomplete = RwSignal::new(true);
    let filter = RwSignal::new(String::new());
    let all = Memo::new(move |_| gov.sync.view.with(cards));
    let shown = Memo::new(move |_| {
        let words = archipel_core::fold(&filter.get());
        let wanted = wanted.get().map(|(pole, _)| pole);
        all.get()
            .into_iter()
            .filter(|card| {
                Some(card.pole) == wanted
                    || ((!only_incomplete.get() || card.missing > 0 || card.at_risk > 0)
                        && (words.is_empty() || archipel_core::fold(&card.name).contains(&words)))
            })
            .collect::<Vec<_>>()
    });
    let counts = move || {
        let cards = all.get();
        let incomplete = cards
            .iter()
            .filter(|c| c.missing > 0 || c.at_risk > 0)
            .count();
        tr!("gov-roles-summary", { "incomplete" => incomplete, "count" => cards.len() })
    };
    view! {
        <section class="gov-roles" aria-labelledby="gov-roles-title">
            <h2 id="gov-roles-title">{move_tr!("gov-roles-title")}</h2>
            <p class="lede" role="status">{counts}</p>
            <Show when=move || { gov.access.get() >= archipel_core::Access::Admin }>
                <CollectiveRoles />
            </Show>
            <div class="gov-filters">
                <label>
                    {move_tr!("gov-roles-filter")}
                    <input
                        type="search"
                        prop:value=move || filter.get()
                        on:input=move |event| filter.set(event_target_value(&event))
                    />
                </label>
                <label class="inline">
                    <input
                        type="checkbox"
                        prop:checked=move || only_incomplete.get()
                        on:change=move |event| only_incomplete.set(event_target_checked(&event))
                    />
                    {move_tr!("gov-roles-only-incomplete")}
                </label>
            </div>
            <ul class="gov-list health">
                <For each=move || shown.get() key=|card| format!("{:?}", card) let:card>
                    <PoleHealthCard card=card wanted=wanted />
                </For>
            </ul>
        </section>
    }
}

#[component]
fn PoleHealthCard(card: PoleCard, wanted: Memo<Option<(Id, String)>>) -> impl IntoView {
    let gov = use_gov();
    let pole = card.pole;
    let problem = RwSignal::new(None::<String>);
    let editing_roles = RwSignal::new(false);
    let status = if card.missing > 0 {
        view! { <span class="badge vacant">{move_tr!("gov-missing-people", { "count" => card.missing })}</span> }.into_any()
    } else if card.at_risk > 0 {
        view! { <span class="badge at-risk">{move_tr!("gov-roles-at-risk-count", { "count" => card.at_risk })}</span> }.into_any()
    } else {
        view! { <span class="badge ok">{move_tr!("gov-roles-complete")}</span> }.into_any()
    };
    let heading = format!("gov-pole-{pole}");
    let labelled_by = heading.clone();
    let highlighted = move || wanted.get().is_some_and(|(wanted, _)| wanted == pole);
    let name = card.name.clone();
    let own_roles = card.own_roles;
    let required: Vec<RoleCount> = card
        .rows
        .iter()
        .map(|row| RoleCount {
            role: row.role.clone(),
            count: row.required,
        })
        .collect();
    view! {
        <li class="card pole-health" class:highlight=highlighted aria-labelledby=labelled_by>
            <h3 id=heading>{card.name.clone()} " " {status}</h3>
            <ul class="role-rows">
                {card
                    .rows
                    .into_iter()
                    .map(|row| view! { <RoleRowView pole=pole pole_name=name.clone() row=row problem=problem wanted=wanted /> })
                    .collect_view()}
                {card
                    .others
                    .into_iter()
                    .map(|(role, holder)| {
                        let label = any_role_label(&role);
                        view! {
                            <li class="role-row">
                                <span class="role-name">{label}</span>
                                <HolderView holder=holder problem=problem />
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
            <Problem problem=problem />
            <Show when=move || gov.facilitates()>
                <details class="gov-more">
                    <summary>{move_tr!("gov-assign-title")}</summary>
                    <AssignForm pole=pole problem=problem />
                </details>
                <button
                    type="button"
                    class="small quiet"
                    aria-expanded=move || editing_roles.get().to_string()
                    on:click=move |_| editing_roles.update(|open| *open = !*open)
                >
                    {move_tr!("gov-required-edit")}
                </button>
                {
                    let required = required.clone();
                    move || {
                        editing_roles
                            .get()
                            .then(|| {
                                view! {
                                    <RequiredRolesForm
                                        target=Some(pole)
                                        current=required.clone()
                                        own=own_roles
                                        on_done=move || editing_roles.set(false)
                                    />
                                }
                            })
                    }
                }
            </Show>
        </li>
    }
}

#[component]
fn RoleRowView(
    pole: Id,
    pole_name: String,
    row: RoleRow,
    problem: RwSignal<Option<String>>,
    wanted: Memo<Option<(Id, String)>>,
) -> impl IntoView {
    let gov = use_gov();
    let role = row.role.clone();
    let label = role_label(&row.role);
    let title = {
        let label = label.clone();
        let pole_name = pole_name.clone();
        move || tr!("gov-need-title", { "role" => label.clone(), "pole" => pole_name.clone() })
    };
    let is_wanted = {
        let role = role.clone();
        move || wanted.get().is_some_and(|(p, r)| p == pole && r == role)
    };
    let publish = {
        let role = role.clone();
        move |_| {
            let id = new_id();
            let change = need_for_vacancy(id, pole, &role, &title());
            send_all(gov.sync, vec![change], problem, || {});
        }
    };
    let counts = tr!("gov-role-held", { "held" => row.holders.len(), "required" => row.required });
    let need = row.need;
    let missing = row.missing;
    view! {
        <li class="role-row" class:vacant=move || { missing > 0 } class:highlight=is_wanted.clone()>
            <span class="role-name">{label.clone()} <span class="gov-meta">" " {counts}</span></span>
            {row
                .holders
                .into_iter()
                .map(|holder| view! { <HolderView holder=holder problem=problem /> })
                .collect_view()}
            {(row.at_risk && missing == 0)
                .then(|| view! { <span class="badge at-risk">{move_tr!("gov-role-at-risk")}</span> })}
            {(missing > 0)
                .then(|| {
                    view! {
                        <span class="badge vacant">{move_tr!("gov-role-missing", { "count" => missing })}</span>
                        {match need {
                            Some(need) => {
                                view! {
                                    <a class="need-link" href=tab_href(Tab::Recruitment, &[("besoin", need.to_string())])>
                                        {move_tr!("gov-need-posted")}
                                    </a>
                                }
                                    .into_any()
                            }
                            None => {
                                view! {
                                    <Show when=move || gov.facilitates()>
                                        <button type="button" class="small primary" on:click=publish.clone()>
                                            {move_tr!("gov-need-publish")}
                                        </button>
                                    </Show>
                                }
                                    .into_any()
                            }
                        }}
                    }
                })}
        </li>
    }
}

#[component]
fn HolderView(holder: Holder, problem: RwSignal<Option<String>>) -> impl IntoView {
    let gov = use_gov();
    let assignment = holder.assignment;
    let end = move |_| {
        let version = gov.sync.view.with_untracked(|state| {
            state
                .existing(assignment)
                .map_or(0, |record| record.version_of("until"))
        });
        send_all(
            gov.sync,
            vec![Change::set(
                assignment,
                "until",
                Value::Date(today()),
                version,
            )],
            problem,
            || {},
        );
    };
    let name = holder.name.clone();
    let end_label = move || tr!("gov-role-end-named", { "name" => name.clone() });
    view! {
        <span class="holder">
            <a href=tab_href(Tab::People, &[("personne", holder.person.to_string())])>{holder.name.clone()}</a>
            {holder.since.map(|since| view! { <span class="gov-meta">" " {move_tr!("gov-since", { "date" => since.clone() })}</span> })}
            {holder.off.then(|| view! { <span class="badge at-risk">{move_tr!("gov-off")}</span> })}
            <Show when=move || gov.facilitates()>
                <button
                    type="button"
                    class="small quiet"
                    aria-label=end_label.clone()
                    on:click=end
                >
                    {move_tr!("gov-role-end")}
                </button>
            </Show>
        </span>
    }
}

/// Facilitators give someone a role in a pôle, starting today.
#[component]
fn AssignForm(pole: Id, problem: RwSignal<Option<String>>) -> impl IntoView {
    let gov = use_gov();
    let person = RwSignal::new(String::new());
    let role = RwSignal::new("member".to_owned());
    let custom = RwSignal::new(String::new());
    let people = gov.sync.view.with_untracked(people_choices);
    let save = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        let Ok(person_id) = person.get_untracked().parse::<Id>() else {
            problem.set(Some(tr!("gov-choose-person")));
            return;
        };
        let role = role.get_untracked();
        let mut fields = vec![
            ("person", Value::Ref(person_id)),
            ("pole", Value::Ref(pole)),
            ("role", Value::text(role.clone())),
            ("since", Value::Date(today())),
        ];
        if role == "custom" {
            fields.push(("custom_name", Value::text(custom.get_untracked())));
        }
        send_all(
            gov.sync,
            vec![Change::create(Kind::RoleAssignment, new_id(), fields)],
            problem,
            move || person.set(String::new()),
        );
    };
    view! {
        <form class="gov-form" on:submit=save>
            <label>
                {move_tr!("gov-person")}
                <select required prop:value=move || person.get() on:change=move |e| person.set(event_target_value(&e))>
                    <option value="">{move_tr!("gov-choose")}</option>
                    {options(people, None)}
                </select>
            </label>
            <label>
                {move_tr!("gov-role")}
                <select on:change=move |e| role.set(event_target_value(&e))>
                    {ROLES
                        .iter()
                        .map(|value| view! { <option value=*value selected=*value == "member">{role_label(value)}</option> })
                        .collect_view()}
                </select>
            </label>
            <Show when=move || role.get() == "custom">
                <label>
                    {move_tr!("gov-custom-role")}
                    <input type="text" maxlength="80" required prop:value=move || custom.get() on:input=move |e| custom.set(event_target_value(&e)) />
                </label>
            </Show>
            <button type="submit" class="primary">{move_tr!("gov-assign")}</button>
        </form>
    }
}

/// How many holders each role needs — for one pôle (`target`) or, for
/// admins, the whole collective (`None`).
#[component]
fn RequiredRolesForm(
    target: Option<Id>,
    current: Vec<RoleCount>,
    own: bool,
    on_done: impl Fn() + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let gov = use_gov();
    let problem = RwSignal::new(None::<String>);
    let counts: Vec<(&'static str, RwSignal<u8>)> = REQUIRABLE
        .iter()
        .map(|role| {
            let count = current
                .iter()
                .find(|entry| entry.role == *role)
                .map_or(0, |entry| entry.count);
            (*role, RwSignal::new(count))
        })
        .collect();
    let fields = counts.clone();
    let record = move |state: &State| match target {
        Some(pole) => state
            .existing(pole)
            .map(|r| (r.id, r.version_of("required_roles"))),
        None => state
            .collective()
            .map(|r| (r.id, r.version_of("required_roles"))),
    };
    let write = move |value: Value| {
        let Some((id, version)) = gov.sync.view.with_untracked(record) else {
            return;
        };
        send_all(
            gov.sync,
            vec![Change::set(id, "required_roles", value, version)],
            problem,
            on_done,
        );
    };
    let save = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        let roles: Vec<RoleCount> = fields
            .iter()
            .filter(|(_, count)| count.get_untracked() > 0)
            .map(|(role, count)| RoleCount {
                role: (*role).to_owned(),
                count: count.get_untracked(),
            })
            .collect();
        write(Value::Roles(roles));
    };
    let legend = move || match target {
        Some(_) => tr!("gov-required-pole"),
        None => tr!("gov-required-collective"),
    };
    view! {
        <form class="gov-form required-roles" on:submit=save>
            <fieldset>
                <legend>{legend}</legend>
                {counts
                    .into_iter()
                    .map(|(role, count)| {
                        view! {
                            <label>
                                {role_label(role)}
                                <input
                                    type="number"
                                    min="0"
                                    max="9"
                                    prop:value=move || count.get().to_string()
                                    on:input=move |e| count.set(event_target_value(&e).parse().unwrap_or(0).min(9))
                                />
                            </label>
                        }
                    })
                    .collect_view()}
            </fieldset>
            <Problem problem=problem />
            <div class="row">
                <button type="submit" class="primary">{move_tr!("gov-save")}</button>
                {(target.is_some() && own)
                    .then(|| {
                        view! {
                            <button type="button" class="quiet" on:click=move |_| write(Value::Null)>
                                {move_tr!("gov-required-inherit")}
                            </button>
                        }
                    })}
            </div>
        </form>
    }
}

/// Admins set the roles every pôle requires unless it says otherwise.
#[component]
fn CollectiveRoles() -> impl IntoView {
    let gov: Gov = use_gov();
    let current = gov.sync.view.with_untracked(|state| {
        match state.collective().map(|c| c.get("required_roles")) {
            Some(Value::Roles(roles)) => roles.clone(),
            _ => default_required_roles(),
        }
    });
    view! {
        <details class="gov-more">
            <summary>{move_tr!("gov-required-collective")}</summary>
            <RequiredRolesForm target=None current=current own=true on_done=|| {} />
        </details>
    }
}
