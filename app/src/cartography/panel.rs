//! One pôle in a side panel (a bottom sheet on phones): raisons d'être,
//! missions by function, people and their roles, vacant roles, links, kits
//! and decisions — and, for facilitators and admins, the forms that edit
//! them. Every edit is one operation through the sync engine, so it works
//! offline; a refused one is explained in the panel.

use crate::{move_tr, tr};
use archipel_core::queries::{is_current, pole_health};
use archipel_core::schema::{LINK_KINDS, POLE_KINDS, ROLES};
use archipel_core::sort::{sort, sort_by};
use archipel_core::{Change, FieldWrite, Id, Kind, Record, State, Value};
use leptos::prelude::*;

use super::{MapCtx, today, use_map};
use crate::sync::{SyncEngine, new_id, use_sync};

/// Reads the collective shown (past or live).
fn shown<T>(map: MapCtx, read: impl Fn(&State) -> T) -> T {
    let sync = map.sync;
    map.past.with(|past| match past {
        Some((state, _)) => read(state),
        None => sync.view.with(|state| read(state)),
    })
}

fn name_of(state: &State, id: Id) -> String {
    state
        .existing(id)
        .and_then(|record| record.text("display_name").or(record.text("name")))
        .unwrap_or_default()
        .to_owned()
}

/// A role's name in the current language.
pub fn role_label(role: &str) -> String {
    match role {
        "referent" => tr!("role-referent"),
        "facilitator" => tr!("role-facilitator-pole"),
        "welcome" => tr!("role-welcome"),
        "member" => tr!("role-member-pole"),
        _ => tr!("role-custom"),
    }
}

fn link_label(kind: &str) -> String {
    match kind {
        "reports_to" => tr!("link-reports-to"),
        "partner" => tr!("link-partner"),
        _ => tr!("link-works-with"),
    }
}

/// A pôle kind's name in the current language.
pub fn kind_label(kind: &str) -> String {
    match kind {
        "centre" => tr!("pole-kind-centre"),
        "function" => tr!("pole-kind-function"),
        "partner" => tr!("pole-kind-partner"),
        _ => tr!("pole-kind-pole"),
    }
}

/// Sends an edit; a refusal is shown in `problem`, success runs `done`.
fn send(
    sync: SyncEngine,
    change: Change,
    problem: RwSignal<Option<String>>,
    done: impl FnOnce() + 'static,
) {
    leptos::task::spawn_local(async move {
        match sync.edit(change).await {
            Ok(()) => {
                problem.set(None);
                done();
            }
            Err(refusal) => problem.set(Some(crate::i18n::refusal_text(&refusal))),
        }
    });
}

/// Everything the panel shows about one pôle, read in one pass.
#[derive(Debug, Clone, PartialEq, Default)]
struct Sheet {
    name: String,
    kind: String,
    colour: String,
    parent: Option<Id>,
    purpose: Vec<String>,
    /// (function or "", missions' (id, title)) in order.
    missions: Vec<(String, Vec<(Id, String)>)>,
    functions: Vec<(Id, String)>,
    /// (assignment, role, person's name, since).
    people: Vec<(Id, String, String, String)>,
    /// (role, missing, at risk).
    vacant: Vec<(String, u8, bool)>,
    /// (link, other pôle, its name, kind, note).
    links: Vec<(Id, Id, String, String, String)>,
    kits: Vec<(Id, String)>,
    decisions: Vec<(Id, String, String)>,
}

fn sheet(state: &State, id: Id) -> Option<Sheet> {
    let pole = state.existing(id)?;
    let text = |record: &Record, field: &str| record.text(field).unwrap_or_default().to_owned();
    let mut sheet = Sheet {
        name: text(pole, "name"),
        kind: text(pole, "kind"),
        colour: text(pole, "colour"),
        parent: pole.reference("parent"),
        purpose: pole
            .get("purpose")
            .as_list()
            .map(<[String]>::to_vec)
            .unwrap_or_default(),
        ..Sheet::default()
    };
    let day = today();
    let mut missions: Vec<(String, String, Id, String)> = Vec::new();
    for record in state.records() {
        if record.archived {
            continue;
        }
        match record.kind {
            Kind::Mission if record.reference("pole") == Some(id) => missions.push((
                text(record, "function"),
                text(record, "order"),
                record.id,
                text(record, "title"),
            )),
            Kind::Pole if record.reference("parent") == Some(id) => {
                sheet.functions.push((record.id, text(record, "name")));
            }
            Kind::RoleAssignment
                if record.reference("pole") == Some(id) && is_current(record, day) =>
            {
                let person = record
                    .reference("person")
                    .map_or_else(String::new, |p| name_of(state, p));
                let since = match record.get("since") {
                    Value::Date(date) => date.to_string(),
                    _ => String::new(),
                };
                sheet
                    .people
                    .push((record.id, text(record, "role"), person, since));
            }
            Kind::Link
                if record.reference("from") == Some(id) || record.reference("to") == Some(id) =>
            {
                let other = if record.reference("from") == Some(id) {
                    record.reference("to")
                } else {
                    record.reference("from")
                };
                if let Some(other) = other {
                    sheet.links.push((
                        record.id,
                        other,
                        name_of(state, other),
                        text(record, "kind"),
                        text(record, "note"),
                    ));
                }
            }
            Kind::Kit if record.reference("pole") == Some(id) => {
                sheet.kits.push((record.id, text(record, "title")));
            }
            Kind::Decision if record.reference("pole") == Some(id) => {
                sheet
                    .decisions
                    .push((record.id, text(record, "title"), text(record, "status")));
            }
            _ => {}
        }
    }
    sort(&mut missions);
    for (function, _, mission, title) in missions {
        match sheet.missions.last_mut() {
            Some((current, list)) if *current == function => list.push((mission, title)),
            _ => sheet.missions.push((function, vec![(mission, title)])),
        }
    }
    sort_by(&mut sheet.functions, |a, b| a.1.cmp(&b.1));
    sort_by(&mut sheet.people, |a, b| (&a.1, &a.2).cmp(&(&b.1, &b.2)));
    if let Some(health) = pole_health(state, id, day) {
        sheet.vacant = health
            .roles
            .iter()
            .filter(|gap| gap.missing > 0 || gap.at_risk)
            .map(|gap| (gap.role.clone(), gap.missing, gap.at_risk))
            .collect();
    }
    Some(sheet)
}

/// The open pôle's panel.
#[component]
pub fn PolePanel() -> impl IntoView {
    let map = use_map();
    let current = Memo::new(move |_| {
        map.selected
            .get()
            .and_then(|id| shown(map, |state| sheet(state, id)).map(|sheet| (id, sheet)))
    });
    view! {
        {move || {
            current
                .get()
                .map(|(id, sheet)| view! { <Sheet id=id sheet=sheet /> })
        }}
    }
}

#[component]
fn Sheet(id: Id, sheet: Sheet) -> impl IntoView {
    let map = use_map();
    let problem = RwSignal::new(None::<String>);
    let editing = RwSignal::new(false);
    let open = move |other: Id| {
        map.selected.set(Some(other));
        super::map::focus_node(map, other);
    };
    let close = move |_| {
        let was = map.selected.get_untracked();
        map.selected.set(None);
        if let Some(id) = was {
            super::map::focus_node(map, id);
        }
    };
    let Sheet {
        name,
        kind,
        colour,
        parent,
        purpose,
        missions,
        functions,
        people,
        vacant,
        links,
        kits,
        decisions,
    } = sheet;
    let title = name.clone();
    let can_edit = move || map.can_edit();
    view! {
        <aside class="pole-panel" aria-labelledby="panel-title" data-id=id.to_string()>
            <header>
                <span class="swatch" style:background=colour.clone() aria-hidden="true"></span>
                <div>
                    <h2 id="panel-title">{name.clone()}</h2>
                    <p class="pole-kind">{kind_label(&kind)}</p>
                </div>
                <button type="button" class="icon quiet" on:click=close aria-label=move_tr!("panel-close")>
                    "×"
                </button>
            </header>
            {move || problem.get().map(|text| view! { <p class="problem" role="alert">{text}</p> })}
            <Show when=can_edit>
                <div class="panel-actions">
                    <button type="button" on:click=move |_| editing.update(|on| *on = !*on) aria-expanded=move || editing.get().to_string()>
                        {move_tr!("panel-edit")}
                    </button>
                    <ArchivePole id=id name=title.clone() problem=problem />
                </div>
                <Show when=move || editing.get()>
                    <EditPole id=id problem=problem on_done=move || editing.set(false) />
                </Show>
            </Show>
            <section>
                <h3>{move_tr!("panel-purpose")}</h3>
                {if purpose.is_empty() {
                    view! { <p class="empty-note">{move_tr!("panel-none")}</p> }.into_any()
                } else {
                    view! { <ul>{purpose.into_iter().map(|line| view! { <li>{line}</li> }).collect_view()}</ul> }
                        .into_any()
                }}
            </section>
            <section class="missions">
                <h3>{move_tr!("panel-missions")}</h3>
                {missions
                    .into_iter()
                    .map(|(function, list)| {
                        view! {
                            <h4>
                                {if function.is_empty() { tr!("panel-missions-general") } else { function }}
                            </h4>
                            <ul>
                                {list
                                    .into_iter()
                                    .map(|(mission, title)| {
                                        view! {
                                            <li>
                                                {title.clone()}
                                                <Show when=can_edit>
                                                    <RemoveButton target=mission label=title.clone() problem=problem />
                                                </Show>
                                            </li>
                                        }
                                    })
                                    .collect_view()}
                            </ul>
                        }
                    })
                    .collect_view()}
                <Show when=can_edit>
                    <AddMission pole=id problem=problem />
                </Show>
            </section>
            {(!functions.is_empty())
                .then(|| {
                    view! {
                        <section>
                            <h3>{move_tr!("panel-functions")}</h3>
                            <ul class="chips">
                                {functions
                                    .into_iter()
                                    .map(|(function, name)| {
                                        view! {
                                            <li>
                                                <button type="button" class="quiet" on:click=move |_| open(function)>
                                                    {name}
                                                </button>
                                            </li>
                                        }
                                    })
                                    .collect_view()}
                            </ul>
                        </section>
                    }
                })}
            <section class="people">
                <h3>{move_tr!("panel-people")}</h3>
                <ul>
                    {people
                        .into_iter()
                        .map(|(assignment, role, person, since)| {
                            let what = format!("{person} ({})", role_label(&role));
                            view! {
                                <li>
                                    <strong>{person.clone()}</strong>
                                    " — "
                                    {role_label(&role)}
                                    {(!since.is_empty())
                                        .then(|| view! { <span class="since">{move || tr!("panel-since", { "date" => since.clone() })}</span> })}
                                    <Show when=can_edit>
                                        <EndRole assignment=assignment label=what.clone() problem=problem />
                                    </Show>
                                </li>
                            }
                        })
                        .collect_view()}
                </ul>
                <Show when=can_edit>
                    <AssignRole pole=id problem=problem />
                </Show>
            </section>
            {(!vacant.is_empty())
                .then(|| {
                    view! {
                        <section class="vacancies">
                            <h3>{move_tr!("panel-vacant")}</h3>
                            <ul>
                                {vacant
                                    .into_iter()
                                    .map(|(role, missing, _)| {
                                        let label = role_label(&role);
                                        view! {
                                            <li>
                                                <span class="mark" aria-hidden="true">"!"</span>
                                                {move || {
                                                    if missing > 0 {
                                                        tr!("panel-missing", { "role" => label.clone(), "count" => missing })
                                                    } else {
                                                        tr!("panel-at-risk", { "role" => label.clone() })
                                                    }
                                                }}
                                                " "
                                                <a href=format!("/gouvernance?pole={id}&role={role}")>
                                                    {move_tr!("panel-need-link")}
                                                </a>
                                            </li>
                                        }
                                    })
                                    .collect_view()}
                            </ul>
                        </section>
                    }
                })}
            <section>
                <h3>{move_tr!("panel-links")}</h3>
                <ul>
                    {links
                        .into_iter()
                        .map(|(link, other, other_name, kind, note)| {
                            let label = other_name.clone();
                            view! {
                                <li>
                                    {link_label(&kind)}
                                    " : "
                                    <button type="button" class="link" on:click=move |_| open(other)>
                                        {other_name}
                                    </button>
                                    {(!note.is_empty()).then(|| view! { <span class="note">{note}</span> })}
                                    <Show when=can_edit>
                                        <RemoveButton target=link label=label.clone() problem=problem />
                                    </Show>
                                </li>
                            }
                        })
                        .collect_view()}
                </ul>
                <Show when=can_edit>
                    <AddLink pole=id problem=problem />
                </Show>
            </section>
            {(!kits.is_empty())
                .then(|| {
                    view! {
                        <section>
                            <h3>{move_tr!("panel-kits")}</h3>
                            <ul>
                                {kits
                                    .into_iter()
                                    .map(|(kit, title)| view! { <li><a href=format!("/kits?kit={kit}")>{title}</a></li> })
                                    .collect_view()}
                            </ul>
                        </section>
                    }
                })}
            {(!decisions.is_empty())
                .then(|| {
                    view! {
                        <section>
                            <h3>{move_tr!("panel-decisions")}</h3>
                            <ul>
                                {decisions
                                    .into_iter()
                                    .map(|(decision, title, status)| {
                                        view! {
                                            <li>
                                                <a href=format!("/gouvernance?decision={decision}")>{title}</a>
                                                {(!status.is_empty()).then(|| view! { <span class="note">{status}</span> })}
                                            </li>
                                        }
                                    })
                                    .collect_view()}
                            </ul>
                        </section>
                    }
                })}
            {parent
                .map(|parent| {
                    view! {
                        <p class="hint">
                            {move_tr!("panel-parent")}
                            " "
                            <button type="button" class="link" on:click=move |_| open(parent)>
                                {shown(map, |state| name_of(state, parent))}
                            </button>
                        </p>
                    }
                })}
        </aside>
    }
}

/// Archives one record (a mission, a link) after naming it in the button.
#[component]
fn RemoveButton(target: Id, label: String, problem: RwSignal<Option<String>>) -> impl IntoView {
    let sync = use_sync();
    view! {
        <button
            type="button"
            class="quiet small"
            aria-label=move || tr!("panel-remove", { "what" => label.clone() })
            on:click=move |_| send(sync, Change::Archive { id: target, archived: true }, problem, || {})
        >
            "×"
        </button>
    }
}

/// Ends a role: the assignment gets today as its end date (history keeps it).
#[component]
fn EndRole(assignment: Id, label: String, problem: RwSignal<Option<String>>) -> impl IntoView {
    let sync = use_sync();
    let end = move |_| {
        let base = sync.view.with_untracked(|state| {
            state
                .existing(assignment)
                .map_or(0, |record| record.version_of("until"))
        });
        send(
            sync,
            Change::set(assignment, "until", Value::Date(today()), base),
            problem,
            || {},
        );
    };
    view! {
        <button
            type="button"
            class="quiet small"
            aria-label=move || tr!("panel-end-role", { "what" => label.clone() })
            on:click=end
        >
            "×"
        </button>
    }
}

/// Archives the pôle, after a confirmation.
#[component]
fn ArchivePole(id: Id, name: String, problem: RwSignal<Option<String>>) -> impl IntoView {
    let map = use_map();
    let sync = map.sync;
    let asking = RwSignal::new(false);
    view! {
        <Show
            when=move || asking.get()
            fallback=move || {
                view! {
                    <button type="button" class="quiet" on:click=move |_| asking.set(true)>
                        {move_tr!("panel-archive")}
                    </button>
                }
            }
        >
            <p role="alert">{
                let name = name.clone();
                move || tr!("panel-archive-confirm", { "name" => name.clone() })
            }</p>
            <button
                type="button"
                class="danger"
                on:click=move |_| {
                    send(sync, Change::Archive { id, archived: true },
                        problem,
                        move || map.selected.set(None),
                    );
                }
            >
                {move_tr!("panel-archive-yes")}
            </button>
            <button type="button" class="quiet" on:click=move |_| asking.set(false)>
                {move_tr!("pole-cancel")}
            </button>
        </Show>
    }
}

/// The pôles one may attach to, as (id, name), sorted by name.
fn pole_choices(state: &State, except: Option<Id>) -> Vec<(Id, String)> {
    let mut poles: Vec<(Id, String)> = state
        .of_kind(Kind::Pole)
        .filter(|pole| !pole.archived && Some(pole.id) != except)
        .map(|pole| (pole.id, pole.text("name").unwrap_or_default().to_owned()))
        .collect();
    sort_by(&mut poles, |a, b| a.1.cmp(&b.1));
    poles
}

fn options(choices: Vec<(Id, String)>, chosen: Option<Id>) -> impl IntoView {
    choices
        .into_iter()
        .map(|(id, name)| {
            view! { <option value=id.to_string() selected=chosen == Some(id)>{name}</option> }
        })
        .collect_view()
}

/// Name, colour, parent and raisons d'être of a pôle.
#[component]
fn EditPole(
    id: Id,
    problem: RwSignal<Option<String>>,
    on_done: impl Fn() + Copy + 'static,
) -> impl IntoView {
    let sync = use_sync();
    let Some(record) = sync
        .view
        .with_untracked(|state| state.existing(id).cloned())
    else {
        return ().into_any();
    };
    let name = RwSignal::new(record.text("name").unwrap_or_default().to_owned());
    let colour = RwSignal::new(record.text("colour").unwrap_or("#7fb8a4").to_owned());
    let parent = RwSignal::new(
        record
            .reference("parent")
            .map(|id| id.to_string())
            .unwrap_or_default(),
    );
    let purpose = RwSignal::new(
        record
            .get("purpose")
            .as_list()
            .map(|lines| lines.join("\n"))
            .unwrap_or_default(),
    );
    let choices = sync
        .view
        .with_untracked(|state| pole_choices(state, Some(id)));
    let chosen = record.reference("parent");
    let save = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        let write =
            |field: &str, value: Value| FieldWrite::new(field, value, record.version_of(field));
        let lines: Vec<String> = purpose
            .get_untracked()
            .lines()
            .map(str::trim)
            .filter(|line| !line.is_empty())
            .map(str::to_owned)
            .collect();
        let parent_value = parent
            .get_untracked()
            .parse::<Id>()
            .map_or(Value::Null, Value::Ref);
        let change = Change::Set {
            id,
            fields: vec![
                write("name", Value::text(name.get_untracked())),
                write("colour", Value::text(colour.get_untracked())),
                write("parent", parent_value),
                write("purpose", Value::List(lines)),
            ],
        };
        send(sync, change, problem, on_done);
    };
    view! {
        <form class="panel-form" on:submit=save>
            <label>
                {move_tr!("panel-name")}
                <input type="text" maxlength="80" required prop:value=move || name.get() on:input=move |event| name.set(event_target_value(&event)) />
            </label>
            <label>
                {move_tr!("panel-colour")}
                <input type="color" prop:value=move || colour.get() on:input=move |event| colour.set(event_target_value(&event)) />
            </label>
            <label>
                {move_tr!("panel-parent-label")}
                <select on:change=move |event| parent.set(event_target_value(&event))>
                    <option value="" selected=chosen.is_none()>{move_tr!("panel-no-parent")}</option>
                    {options(choices, chosen)}
                </select>
            </label>
            <label>
                {move_tr!("panel-purpose-label")}
                <textarea rows="4" prop:value=move || purpose.get() on:input=move |event| purpose.set(event_target_value(&event))></textarea>
            </label>
            <div class="row">
                <button type="submit" class="primary">{move_tr!("pole-save")}</button>
                <button type="button" class="quiet" on:click=move |_| on_done()>{move_tr!("pole-cancel")}</button>
            </div>
        </form>
    }
    .into_any()
}

#[component]
fn AddMission(pole: Id, problem: RwSignal<Option<String>>) -> impl IntoView {
    let sync = use_sync();
    let title = RwSignal::new(String::new());
    let function = RwSignal::new(String::new());
    let save = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        let mut fields = vec![
            ("pole", Value::Ref(pole)),
            ("title", Value::text(title.get_untracked())),
        ];
        let chosen = function.get_untracked();
        if !chosen.trim().is_empty() {
            fields.push(("function", Value::text(chosen.trim())));
        }
        send(
            sync,
            Change::create(Kind::Mission, new_id(), fields),
            problem,
            move || {
                title.set(String::new());
            },
        );
    };
    view! {
        <form class="panel-form inline" on:submit=save>
            <label>
                {move_tr!("panel-mission-title")}
                <input type="text" maxlength="200" required prop:value=move || title.get() on:input=move |event| title.set(event_target_value(&event)) />
            </label>
            <label>
                {move_tr!("panel-mission-function")}
                <input type="text" maxlength="80" prop:value=move || function.get() on:input=move |event| function.set(event_target_value(&event)) />
            </label>
            <button type="submit">{move_tr!("panel-mission-add")}</button>
        </form>
    }
}

#[component]
fn AddLink(pole: Id, problem: RwSignal<Option<String>>) -> impl IntoView {
    let sync = use_sync();
    let other = RwSignal::new(String::new());
    let kind = RwSignal::new(LINK_KINDS[0].to_owned());
    let choices = Memo::new(move |_| sync.view.with(|state| pole_choices(state, Some(pole))));
    let save = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        let Ok(to) = other.get_untracked().parse::<Id>() else {
            problem.set(Some(tr!("panel-link-choose")));
            return;
        };
        let change = Change::create(
            Kind::Link,
            new_id(),
            [
                ("from", Value::Ref(pole)),
                ("to", Value::Ref(to)),
                ("kind", Value::text(kind.get_untracked())),
            ],
        );
        send(sync, change, problem, || {});
    };
    view! {
        <form class="panel-form inline" on:submit=save>
            <label>
                {move_tr!("panel-link-to")}
                <select on:change=move |event| other.set(event_target_value(&event))>
                    <option value="">"—"</option>
                    {move || options(choices.get(), None)}
                </select>
            </label>
            <label>
                {move_tr!("panel-link-kind")}
                <select on:change=move |event| kind.set(event_target_value(&event))>
                    {LINK_KINDS
                        .iter()
                        .map(|kind| view! { <option value=*kind>{link_label(kind)}</option> })
                        .collect_view()}
                </select>
            </label>
            <button type="submit">{move_tr!("panel-link-add")}</button>
        </form>
    }
}

#[component]
fn AssignRole(pole: Id, problem: RwSignal<Option<String>>) -> impl IntoView {
    let sync = use_sync();
    let person = RwSignal::new(String::new());
    let role = RwSignal::new(ROLES[0].to_owned());
    let people = Memo::new(move |_| {
        sync.view.with(|state| {
            let mut people: Vec<(Id, String)> = state
                .of_kind(Kind::Person)
                .filter(|person| !person.archived && person.text("status") != Some("left"))
                .map(|person| {
                    (
                        person.id,
                        person.text("display_name").unwrap_or_default().to_owned(),
                    )
                })
                .collect();
            sort_by(&mut people, |a, b| a.1.cmp(&b.1));
            people
        })
    });
    let save = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        let Ok(who) = person.get_untracked().parse::<Id>() else {
            problem.set(Some(tr!("panel-assign-choose")));
            return;
        };
        let change = Change::create(
            Kind::RoleAssignment,
            new_id(),
            [
                ("person", Value::Ref(who)),
                ("pole", Value::Ref(pole)),
                ("role", Value::text(role.get_untracked())),
                ("since", Value::Date(today())),
            ],
        );
        send(sync, change, problem, || {});
    };
    view! {
        <form class="panel-form inline" on:submit=save>
            <label>
                {move_tr!("panel-assign-person")}
                <select on:change=move |event| person.set(event_target_value(&event))>
                    <option value="">"—"</option>
                    {move || options(people.get(), None)}
                </select>
            </label>
            <label>
                {move_tr!("panel-assign-role")}
                <select on:change=move |event| role.set(event_target_value(&event))>
                    {ROLES
                        .iter()
                        .filter(|role| **role != "custom")
                        .map(|role| view! { <option value=*role>{role_label(role)}</option> })
                        .collect_view()}
                </select>
            </label>
            <button type="submit">{move_tr!("panel-assign")}</button>
        </form>
    }
}

/// A new pôle: its name, kind and (for a function) the pôle it belongs to.
#[component]
pub fn NewPole(on_done: impl Fn() + Copy + Send + Sync + 'static) -> impl IntoView {
    let sync = use_sync();
    let map = use_map();
    let name = RwSignal::new(String::new());
    let kind = RwSignal::new("pole".to_owned());
    let parent = RwSignal::new(String::new());
    let problem = RwSignal::new(None::<String>);
    let choices = sync.view.with_untracked(|state| pole_choices(state, None));
    let save = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        let id = new_id();
        let mut fields = vec![
            ("name", Value::text(name.get_untracked())),
            ("kind", Value::text(kind.get_untracked())),
        ];
        if let Ok(parent) = parent.get_untracked().parse::<Id>() {
            fields.push(("parent", Value::Ref(parent)));
        }
        send(
            sync,
            Change::create(Kind::Pole, id, fields),
            problem,
            move || {
                on_done();
                map.selected.set(Some(id));
                super::map::focus_node(map, id);
            },
        );
    };
    view! {
        <form class="panel-form new-pole" on:submit=save aria-labelledby="new-pole-title">
            <h2 id="new-pole-title">{move_tr!("map-add-pole")}</h2>
            <label>
                {move_tr!("panel-name")}
                <input type="text" maxlength="80" required autofocus prop:value=move || name.get() on:input=move |event| name.set(event_target_value(&event)) />
            </label>
            <label>
                {move_tr!("panel-kind")}
                <select on:change=move |event| kind.set(event_target_value(&event))>
                    {POLE_KINDS
                        .iter()
                        .filter(|kind| **kind != "centre")
                        .map(|value| view! { <option value=*value selected=*value == "pole">{kind_label(value)}</option> })
                        .collect_view()}
                </select>
            </label>
            <label>
                {move_tr!("panel-parent-label")}
                <select on:change=move |event| parent.set(event_target_value(&event))>
                    <option value="">{move_tr!("panel-no-parent")}</option>
                    {options(choices, None)}
                </select>
            </label>
            {move || problem.get().map(|text| view! { <p class="problem" role="alert">{text}</p> })}
            <div class="row">
                <button type="submit" class="primary">{move_tr!("panel-create")}</button>
                <button type="button" class="quiet" on:click=move |_| on_done()>{move_tr!("pole-cancel")}</button>
            </div>
        </form>
    }
}
