//! One person's page (`?vue=personnes&personne=<id>`): their profile, their
//! current and past roles, the tasks they took or did and the kits they ran;
//! their own profile form when it is this device's person; the start of a
//! departure (facilitators) and its handover while they are leaving.

use std::collections::BTreeSet;

use crate::{move_tr, tr};
use archipel_core::governance::kit_runs_of;
use archipel_core::queries::{contributions, is_off};
use archipel_core::{Change, Date, FieldWrite, Id, Kind, Record, State, Value};
use leptos::html::H2;
use leptos::prelude::*;

use super::people::{PersonLink, kit_title, role_text};
use super::people_moves::{LeavingCard, StartLeaving};
use super::{Problem, Tab, date_text, hours_text, person_name, send_all, tab_href, today, use_gov};

/// What the page shows about the person, read in one pass.
#[derive(Debug, Clone, PartialEq, Default)]
struct Profile {
    name: String,
    status: String,
    off: bool,
    off_until: Option<Date>,
    skills: Vec<String>,
    interests: Vec<String>,
    hours: Option<i64>,
    contact: String,
    joined_on: Option<Date>,
    tutor: Option<(Id, String)>,
}

fn set_items(record: &Record, field: &str) -> Vec<String> {
    record
        .get(field)
        .as_set()
        .map(|items| items.iter().cloned().collect())
        .unwrap_or_default()
}

fn profile(state: &State, id: Id) -> Option<Profile> {
    let record = state.existing(id).filter(|r| r.kind == Kind::Person)?;
    let off = is_off(record, today());
    Some(Profile {
        name: record.text("display_name").unwrap_or_default().to_owned(),
        status: record.text("status").unwrap_or("active").to_owned(),
        off,
        off_until: off.then(|| record.get("off_until").as_date()).flatten(),
        skills: set_items(record, "skills"),
        interests: set_items(record, "interests"),
        hours: record.get("hours_per_week").as_int(),
        contact: record.text("contact").unwrap_or_default().to_owned(),
        joined_on: record.get("joined_on").as_date(),
        tutor: record
            .reference("tutor")
            .map(|tutor| (tutor, person_name(state, tutor))),
    })
}

/// A line of the page's history: what, and when or how it stands.
type Line = (String, String);

/// The person's history: current roles, past roles, tasks, kit runs.
#[derive(Debug, Clone, PartialEq, Default)]
struct History {
    current: Vec<Line>,
    past: Vec<Line>,
    tasks: Vec<Line>,
    kits: Vec<Line>,
}

fn history(state: &State, id: Id) -> History {
    let found = contributions(state, id, today());
    let mut history = History::default();
    for role in found.roles {
        let text = role_text(state, &role.role, role.custom_name.as_deref(), role.pole);
        let when = match (role.since, role.until) {
            (Some(since), Some(until)) if !role.current => {
                tr!("people-from-to", { "from" => date_text(since), "to" => date_text(until) })
            }
            (None, Some(until)) if !role.current => {
                tr!("people-until-date", { "date" => date_text(until) })
            }
            (Some(since), _) => tr!("people-since", { "date" => date_text(since) }),
            _ => String::new(),
        };
        if role.current {
            history.current.push((text, when));
        } else {
            history.past.push((text, when));
        }
    }
    history.tasks = found
        .tasks
        .into_iter()
        .map(|task| {
            let state = if task.done {
                tr!("people-task-done")
            } else {
                tr!("people-task-taken")
            };
            (task.title, state)
        })
        .collect();
    history.kits = kit_runs_of(state, id)
        .into_iter()
        .map(|run| (kit_title(state, run), String::new()))
        .collect();
    history
}

/// One person's page.
#[component]
pub fn PersonPage(id: Id) -> impl IntoView {
    let gov = use_gov();
    let sync = gov.sync;
    let found = Memo::new(move |_| sync.view.with(|state| profile(state, id)));
    let history = Memo::new(move |_| sync.view.with(|state| history(state, id)));
    let heading = NodeRef::<H2>::new();
    // Opening a page moves focus to its title, so reading starts there.
    Effect::new(move |_| {
        if let Some(heading) = heading.get() {
            let _ = heading.focus();
        }
    });
    let back = view! {
        <p class="people-back">
            <a href=tab_href(Tab::People, &[])>{move_tr!("people-back")}</a>
        </p>
    };
    let mine = move || gov.me.get() == Some(id);
    view! {
        {back}
        <article class="people-page" aria-labelledby="people-page-title" data-person=id.to_string()>
            <h2 id="people-page-title" tabindex="-1" node_ref=heading>
                {move || found.with(|p| p.as_ref().map_or_else(|| tr!("people-not-found"), |p| p.name.clone()))}
            </h2>
            {move || {
                found
                    .get()
                    .map(|profile| {
                        view! {
                            <p class="people-state" role="status">{status_text(&profile)}</p>
                            <ProfileFacts profile=profile />
                        }
                    })
            }}
            <Show when=move || mine() && found.with(Option::is_some)>
                <EditProfile id=id />
            </Show>
            <Show when=move || found.with(Option::is_some)>
                <HistoryView history=history />
                {move || match found.with(|p| p.as_ref().map(|p| p.status.clone())).as_deref() {
                    Some("leaving") => view! { <LeavingCard person=id /> }.into_any(),
                    Some("active" | "paused") if gov.facilitates() => {
                        view! { <StartLeaving person=id /> }.into_any()
                    }
                    _ => ().into_any(),
                }}
            </Show>
        </article>
    }
}

fn status_text(profile: &Profile) -> String {
    match profile.status.as_str() {
        "left" => tr!("people-status-left"),
        "leaving" => tr!("people-status-leaving"),
        "paused" => tr!("people-status-paused"),
        _ if profile.off => match profile.off_until {
            Some(date) => tr!("people-off-until", { "date" => date_text(date) }),
            None => tr!("people-off"),
        },
        _ => tr!("people-on"),
    }
}

#[component]
fn ProfileFacts(profile: Profile) -> impl IntoView {
    let none = || view! { <span class="empty-note">{move_tr!("people-not-given")}</span> };
    let chips = |items: Vec<String>| {
        if items.is_empty() {
            none().into_any()
        } else {
            view! {
                <ul class="chips">{items.into_iter().map(|item| view! { <li>{item}</li> }).collect_view()}</ul>
            }
            .into_any()
        }
    };
    let Profile {
        skills,
        interests,
        hours,
        contact,
        joined_on,
        tutor,
        ..
    } = profile;
    view! {
        <dl class="people-facts">
            <dt>{move_tr!("people-skills-label")}</dt>
            <dd class="people-skills-list">{chips(skills)}</dd>
            <dt>{move_tr!("people-interests-label")}</dt>
            <dd>{chips(interests)}</dd>
            <dt>{move_tr!("people-hours-label")}</dt>
            <dd>{hours_text(hours).map_or_else(|| none().into_any(), |text| text.into_any())}</dd>
            <dt>{move_tr!("people-contact-label")}</dt>
            <dd>{if contact.is_empty() { none().into_any() } else { contact.into_any() }}</dd>
            {joined_on
                .map(|date| {
                    view! {
                        <dt>{move_tr!("people-joined-label")}</dt>
                        <dd>{date_text(date)}</dd>
                    }
                })}
            <dt>{move_tr!("people-tutor-label")}</dt>
            <dd>
                {match tutor {
                    Some((tutor, name)) => view! { <PersonLink person=tutor name=name /> }.into_any(),
                    None => none().into_any(),
                }}
            </dd>
        </dl>
    }
}

/// A list of lines, or "none so far".
fn lines_view(lines: Vec<Line>) -> AnyView {
    if lines.is_empty() {
        return view! { <p class="empty-note">{tr!("people-none")}</p> }.into_any();
    }
    view! {
        <ul class="gov-list">
            {lines
                .into_iter()
                .map(|(text, meta)| {
                    view! {
                        <li>
                            {text}
                            {(!meta.is_empty()).then(|| view! { " " <span class="gov-meta">{meta}</span> })}
                        </li>
                    }
                })
                .collect_view()}
        </ul>
    }
    .into_any()
}

/// One part of the history: a titled list.
fn history_part(
    class: &'static str,
    title: Signal<String>,
    history: Memo<History>,
    part: fn(&History) -> &Vec<Line>,
) -> AnyView {
    view! {
        <section class=class>
            <h3>{title}</h3>
            {move || lines_view(history.with(|h| part(h).clone()))}
        </section>
    }
    .into_any()
}

#[component]
fn HistoryView(history: Memo<History>) -> impl IntoView {
    view! {
        {history_part("people-current", move_tr!("people-current-roles"), history, |h| &h.current)}
        {history_part("people-past", move_tr!("people-past-roles"), history, |h| &h.past)}
        {history_part("people-tasks", move_tr!("people-tasks"), history, |h| &h.tasks)}
        {history_part("people-kits", move_tr!("people-kits"), history, |h| &h.kits)}
    }
}

/// Items typed as a comma-separated list, trimmed, without repeats.
fn typed_items(text: &str) -> BTreeSet<String> {
    text.split([',', ';', '\n'])
        .map(str::trim)
        .filter(|item| !item.is_empty())
        .map(str::to_owned)
        .collect()
}

/// The changes that turn the set `field` of `record` into `wanted`: adds
/// and removes, which merge with other devices' edits instead of
/// overwriting them.
fn set_changes(record: &Record, field: &str, wanted: &BTreeSet<String>) -> Vec<Change> {
    let have: BTreeSet<String> = set_items(record, field).into_iter().collect();
    let added: Vec<&String> = wanted.difference(&have).collect();
    let removed: Vec<&String> = have.difference(wanted).collect();
    let mut changes = Vec::new();
    if !added.is_empty() {
        changes.push(Change::Add {
            id: record.id,
            field: field.to_owned(),
            items: Value::set(added.into_iter().cloned()),
        });
    }
    if !removed.is_empty() {
        changes.push(Change::Remove {
            id: record.id,
            field: field.to_owned(),
            items: Value::set(removed.into_iter().cloned()),
        });
    }
    changes
}

/// The owner's form: skills, interests, hours per week, contact.
#[component]
fn EditProfile(id: Id) -> impl IntoView {
    let sync = use_gov().sync;
    let open = RwSignal::new(false);
    let problem = RwSignal::new(None::<String>);
    let skills = RwSignal::new(String::new());
    let interests = RwSignal::new(String::new());
    let hours = RwSignal::new(String::new());
    let contact = RwSignal::new(String::new());
    let start = move |_| {
        if open.get_untracked() {
            open.set(false);
            return;
        }
        sync.view.with_untracked(|state| {
            if let Some(record) = state.existing(id) {
                skills.set(set_items(record, "skills").join(", "));
                interests.set(set_items(record, "interests").join(", "));
                hours.set(
                    record
                        .get("hours_per_week")
                        .as_int()
                        .map(|h| h.to_string())
                        .unwrap_or_default(),
                );
                contact.set(record.text("contact").unwrap_or_default().to_owned());
            }
        });
        open.set(true);
    };
    let save = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        let Some(record) = sync
            .view
            .with_untracked(|state| state.existing(id).cloned())
        else {
            return;
        };
        let typed_hours = hours.get_untracked();
        let hours_value = if typed_hours.trim().is_empty() {
            Value::Null
        } else if let Ok(hours) = typed_hours.trim().parse::<i64>() {
            Value::Int(hours)
        } else {
            problem.set(Some(tr!("people-hours-invalid")));
            return;
        };
        let mut changes = set_changes(&record, "skills", &typed_items(&skills.get_untracked()));
        changes.extend(set_changes(
            &record,
            "interests",
            &typed_items(&interests.get_untracked()),
        ));
        let contact_typed = contact.get_untracked();
        let contact_value = if contact_typed.trim().is_empty() {
            Value::Null
        } else {
            Value::text(contact_typed.trim())
        };
        let mut fields = Vec::new();
        if record.get("hours_per_week") != &hours_value {
            fields.push(FieldWrite::new(
                "hours_per_week",
                hours_value,
                record.version_of("hours_per_week"),
            ));
        }
        if record.get("contact") != &contact_value {
            fields.push(FieldWrite::new(
                "contact",
                contact_value,
                record.version_of("contact"),
            ));
        }
        if !fields.is_empty() {
            changes.push(Change::Set { id, fields });
        }
        send_all(sync, changes, problem, move || open.set(false));
    };
    view! {
        <div class="people-edit">
            <button type="button" on:click=start aria-expanded=move || open.get().to_string()>
                {move_tr!("people-edit")}
            </button>
            <Problem problem=problem />
            <Show when=move || open.get()>
                <form class="gov-form" on:submit=save>
                    <p class="hint" id="people-skills-hint">{move_tr!("people-skills-hint")}</p>
                    <label>
                        {move_tr!("people-skills-input")}
                        <input
                            type="text"
                            autocomplete="off"
                            aria-describedby="people-skills-hint"
                            prop:value=move || skills.get()
                            on:input=move |event| skills.set(event_target_value(&event))
                        />
                    </label>
                    <label>
                        {move_tr!("people-interests-input")}
                        <input
                            type="text"
                            autocomplete="off"
                            aria-describedby="people-skills-hint"
                            prop:value=move || interests.get()
                            on:input=move |event| interests.set(event_target_value(&event))
                        />
                    </label>
                    <label>
                        {move_tr!("people-hours-input")}
                        <input
                            type="number"
                            min="0"
                            max="80"
                            inputmode="numeric"
                            prop:value=move || hours.get()
                            on:input=move |event| hours.set(event_target_value(&event))
                        />
                    </label>
                    <label>
                        {move_tr!("people-contact-input")}
                        <input
                            type="text"
                            maxlength="200"
                            prop:value=move || contact.get()
                            on:input=move |event| contact.set(event_target_value(&event))
                        />
                    </label>
                    <div class="row">
                        <button type="submit" class="primary">{move_tr!("people-save")}</button>
                        <button type="button" class="quiet" on:click=move |_| open.set(false)>
                            {move_tr!("people-cancel")}
                        </button>
                    </div>
                </form>
            </Show>
        </div>
    }
}
