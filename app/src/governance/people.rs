//! The governance board's people tab: this device's person's availability
//! (the on/off switch and who covers their roles), the skills directory,
//! "who has already worked on…", arrivals and departures — and, with
//! `?personne=<id>`, one person's page ([`super::people_page`]).
//!
//! Every answer comes from [`archipel_core::governance`] and
//! [`archipel_core::queries`]; every tap sends the changes they return.

use crate::{move_tr, tr};
use archipel_core::governance::{
    Cover, Trace, role_covers, skills_directory, switch_off, switch_on, worked_on,
};
use archipel_core::queries::is_off;
use archipel_core::{Date, Id, Kind, State, fold};
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use super::people_moves::{Arrivals, Departures};
use super::people_page::PersonPage;
use super::{Problem, Tab, date_text, person_name, pole_name, send_all, tab_href, today, use_gov};

/// The address of `person`'s page.
#[must_use]
pub fn person_href(person: Id) -> String {
    tab_href(Tab::People, &[("personne", person.to_string())])
}

/// "facilitateur·trice — COHÉSION": a role (its own name for a custom one) and its pôle.
#[must_use]
pub fn role_text(state: &State, role: &str, custom_name: Option<&str>, pole: Option<Id>) -> String {
    let role = match custom_name {
        Some(name) if role == "custom" => name.to_owned(),
        _ => super::role_label(role),
    };
    match pole {
        Some(pole) => tr!("people-role-in", { "role" => role, "pole" => pole_name(state, pole) }),
        None => role,
    }
}

/// The role of the assignment `assignment`, as [`role_text`] words it.
#[must_use]
pub fn assignment_text(state: &State, assignment: Id) -> String {
    state
        .existing(assignment)
        .map(|record| {
            role_text(
                state,
                record.text("role").unwrap_or_default(),
                record.text("custom_name"),
                record.reference("pole"),
            )
        })
        .unwrap_or_default()
}

/// A link to someone's page, by name.
#[component]
pub fn PersonLink(person: Id, name: String) -> impl IntoView {
    view! { <a href=person_href(person) data-person=person.to_string()>{name}</a> }
}

/// Focuses the first link to `person`'s page once the overview is drawn.
fn focus_link_to(person: Id) {
    request_animation_frame(move || {
        let selector = format!("a[data-person=\"{person}\"]");
        if let Some(link) = document()
            .query_selector(&selector)
            .ok()
            .flatten()
            .and_then(|element| {
                wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(element).ok()
            })
        {
            let _ = link.focus();
        }
    });
}

/// A date typed in an `<input type="date">` (`YYYY-MM-DD`), if any.
#[must_use]
pub fn typed_date(text: &str) -> Option<Date> {
    text.trim().parse().ok()
}

/// The people tab: the overview, or one person's page.
#[component]
pub fn PeopleTab() -> impl IntoView {
    let query = use_query_map();
    let person = Memo::new(move |_| {
        query.with(|q| q.get_str("personne").and_then(|id| id.parse::<Id>().ok()))
    });
    // Back from someone's page, focus returns to a link to them, so keyboard
    // users carry on where they were.
    Effect::new(move |previous: Option<Option<Id>>| {
        let now = person.get();
        if let (None, Some(Some(left))) = (now, previous) {
            focus_link_to(left);
        }
        now
    });
    view! {
        <div class="gov-tab people">
            {move || match person.get() {
                Some(id) => view! { <PersonPage id=id /> }.into_any(),
                None => view! { <Overview /> }.into_any(),
            }}
        </div>
    }
}

#[component]
fn Overview() -> impl IntoView {
    let gov = use_gov();
    view! {
        {move || gov.me.get().map(|me| view! { <Availability me=me /> })}
        <Directory />
        <WorkedOn />
        <Arrivals />
        <Departures />
    }
}

/// How one of my roles is kept going.
#[derive(Debug, Clone, PartialEq)]
struct CoverLine {
    role: String,
    cover: Cover,
    /// Names of who covers it.
    by: String,
}

/// My availability: the on/off switch, an optional return date, my roles
/// and who covers each while I am off.
#[component]
fn Availability(me: Id) -> impl IntoView {
    let gov = use_gov();
    let sync = gov.sync;
    let problem = RwSignal::new(None::<String>);
    let until = RwSignal::new(String::new());
    // (off today, return date).
    let state = Memo::new(move |_| {
        sync.view.with(|state| {
            state.existing(me).map_or((false, None), |record| {
                let off = is_off(record, today());
                (
                    off,
                    off.then(|| record.get("off_until").as_date()).flatten(),
                )
            })
        })
    });
    let covers = Memo::new(move |_| {
        sync.view.with(|state| {
            role_covers(state, me, today())
                .into_iter()
                .map(|cover| {
                    let by = match &cover.cover {
                        Cover::CoveredBy(people) => people
                            .iter()
                            .map(|person| person_name(state, *person))
                            .collect::<Vec<_>>()
                            .join(", "),
                        _ => String::new(),
                    };
                    let role = state
                        .existing(cover.assignment)
                        .and_then(|record| record.text("custom_name"));
                    CoverLine {
                        role: role_text(state, &cover.role, role, Some(cover.pole)),
                        cover: cover.cover,
                        by,
                    }
                })
                .collect::<Vec<_>>()
        })
    });
    let toggle = move |_| {
        let Some(record) = sync
            .view
            .with_untracked(|state| state.existing(me).cloned())
        else {
            return;
        };
        let change = if state.get_untracked().0 {
            switch_on(&record)
        } else {
            let typed = until.get_untracked();
            let date = typed_date(&typed);
            if !typed.trim().is_empty() && date.is_none_or(|date| date <= today()) {
                problem.set(Some(tr!("people-until-future")));
                return;
            }
            switch_off(&record, date)
        };
        send_all(sync, vec![change], problem, move || {
            until.set(String::new())
        });
    };
    let tomorrow = Date::from_days(today().days() + 1).to_string();
    view! {
        <section class="people-mine" aria-labelledby="people-mine-title">
            <h2 id="people-mine-title">{move_tr!("people-mine-title")}</h2>
            <p class="people-state" role="status">
                {move || match state.get() {
                    (false, _) => tr!("people-state-on"),
                    (true, Some(date)) => tr!("people-state-off-until", { "date" => date_text(date) }),
                    (true, None) => tr!("people-state-off"),
                }}
            </p>
            <div class="people-switch">
                <Show when=move || !state.get().0>
                    <label class="people-until">
                        {move_tr!("people-until")}
                        <input
                            type="date"
                            min=tomorrow.clone()
                            prop:value=move || until.get()
                            on:input=move |event| until.set(event_target_value(&event))
                        />
                    </label>
                </Show>
                <button
                    type="button"
                    class="switch"
                    aria-pressed=move || state.get().0.to_string()
                    on:click=toggle
                >
                    <span class="switch-track" aria-hidden="true">
                        <span class="switch-thumb"></span>
                    </span>
                    {move_tr!("people-switch")}
                </button>
            </div>
            <Problem problem=problem />
            <h3>{move_tr!("people-my-roles")}</h3>
            {move || {
                let lines = covers.get();
                if lines.is_empty() {
                    return view! { <p class="empty-note">{move_tr!("people-no-roles")}</p> }.into_any();
                }
                view! {
                    <ul class="gov-list people-covers">
                        {lines
                            .into_iter()
                            .map(|line| {
                                let (class, text) = match line.cover {
                                    Cover::Held => ("badge ok", tr!("people-cover-held")),
                                    Cover::CoveredBy(_) => {
                                        ("badge ok", tr!("people-cover-by", { "people" => line.by.clone() }))
                                    }
                                    Cover::AtRisk => ("badge at-risk", tr!("people-cover-at-risk")),
                                };
                                view! {
                                    <li>
                                        {line.role}
                                        " "
                                        <span class=class>{text}</span>
                                    </li>
                                }
                            })
                            .collect_view()}
                    </ul>
                }
                    .into_any()
            }}
            <p>
                <a href=person_href(me) data-person=me.to_string()>{move_tr!("people-my-page")}</a>
            </p>
        </section>
    }
}

/// People whose name has words starting like every word of `query`.
fn people_named(state: &State, query: &str) -> Vec<(Id, String)> {
    let words: Vec<String> = fold(query)
        .split(' ')
        .filter(|w| !w.is_empty())
        .map(str::to_owned)
        .collect();
    super::people_choices(state)
        .into_iter()
        .filter(|(_, name)| {
            let folded = fold(name);
            let have: Vec<&str> = folded.split(' ').collect();
            words
                .iter()
                .all(|word| have.iter().any(|h| h.starts_with(word.as_str())))
        })
        .collect()
}

/// The skills directory: skills with the people who list them, and people
/// by name, filtered as one types (accents and case ignored).
#[component]
fn Directory() -> impl IntoView {
    let sync = use_gov().sync;
    let query = RwSignal::new(String::new());
    let skills = Memo::new(move |_| {
        let query = query.get();
        sync.view.with(|state| {
            skills_directory(state, &query)
                .into_iter()
                .map(|entry| {
                    let people: Vec<(Id, String)> = entry
                        .people
                        .iter()
                        .map(|person| (*person, person_name(state, *person)))
                        .collect();
                    (entry.skill, people)
                })
                .collect::<Vec<_>>()
        })
    });
    let people = Memo::new(move |_| {
        let query = query.get();
        sync.view.with(|state| people_named(state, &query))
    });
    view! {
        <section class="people-directory" aria-labelledby="people-directory-title">
            <h2 id="people-directory-title">{move_tr!("people-directory-title")}</h2>
            <div class="gov-filters" role="search">
                <label>
                    {move_tr!("people-search")}
                    <input
                        type="search"
                        prop:value=move || query.get()
                        on:input=move |event| query.set(event_target_value(&event))
                    />
                </label>
            </div>
            <h3>{move_tr!("people-skills")}</h3>
            {move || {
                let skills = skills.get();
                if skills.is_empty() {
                    return view! { <p class="empty-note">{move_tr!("people-no-skill")}</p> }.into_any();
                }
                view! {
                    <ul class="gov-list people-skills">
                        {skills
                            .into_iter()
                            .map(|(skill, people)| {
                                view! {
                                    <li>
                                        <strong class="people-skill">{skill}</strong>
                                        " — "
                                        <PeopleLinks people=people />
                                    </li>
                                }
                            })
                            .collect_view()}
                    </ul>
                }
                    .into_any()
            }}
            <h3>{move_tr!("people-everyone")}</h3>
            {move || {
                let people = people.get();
                if people.is_empty() {
                    return view! { <p class="empty-note">{move_tr!("people-no-person")}</p> }.into_any();
                }
                view! {
                    <ul class="people-names">
                        {people
                            .into_iter()
                            .map(|(person, name)| view! { <li><PersonLink person=person name=name /></li> })
                            .collect_view()}
                    </ul>
                }
                    .into_any()
            }}
        </section>
    }
}

/// Links to several people's pages, separated by commas.
#[component]
fn PeopleLinks(people: Vec<(Id, String)>) -> impl IntoView {
    people
        .into_iter()
        .enumerate()
        .map(|(index, (person, name))| {
            view! {
                {(index > 0).then_some(", ")}
                <PersonLink person=person name=name />
            }
        })
        .collect_view()
}

/// One trace of work, worded.
fn trace_text(state: &State, trace: &Trace) -> String {
    match trace {
        Trace::Role {
            assignment,
            current,
        } => {
            let role = assignment_text(state, *assignment);
            if *current {
                tr!("people-trace-role-current", { "role" => role })
            } else {
                tr!("people-trace-role-past", { "role" => role })
            }
        }
        Trace::Task { task } => {
            let title = state
                .existing(*task)
                .and_then(|record| record.text("title"))
                .unwrap_or_default()
                .to_owned();
            tr!("people-trace-task", { "title" => title })
        }
        Trace::Kit { run } => tr!("people-trace-kit", { "title" => kit_title(state, *run) }),
    }
}

/// The title of the kit a run is of.
#[must_use]
pub fn kit_title(state: &State, run: Id) -> String {
    state
        .existing(run)
        .and_then(|run| run.reference("kit"))
        .and_then(|kit| state.existing(kit))
        .filter(|kit| kit.kind == Kind::Kit)
        .and_then(|kit| kit.text("title"))
        .unwrap_or_default()
        .to_owned()
}

/// "Who has already worked on X", from roles, tasks and kit runs.
#[component]
fn WorkedOn() -> impl IntoView {
    let sync = use_gov().sync;
    let subject = RwSignal::new(String::new());
    let found = Memo::new(move |_| {
        let subject = subject.get();
        sync.view.with(|state| {
            worked_on(state, &subject, today())
                .into_iter()
                .map(|found| {
                    let traces: Vec<String> = found
                        .traces
                        .iter()
                        .map(|trace| trace_text(state, trace))
                        .collect();
                    (found.person, person_name(state, found.person), traces)
                })
                .collect::<Vec<_>>()
        })
    });
    view! {
        <section class="people-worked" aria-labelledby="people-worked-title">
            <h2 id="people-worked-title">{move_tr!("people-worked-title")}</h2>
            <div class="gov-filters" role="search">
                <label>
                    {move_tr!("people-worked-search")}
                    <input
                        type="search"
                        prop:value=move || subject.get()
                        on:input=move |event| subject.set(event_target_value(&event))
                    />
                </label>
            </div>
            {move || {
                let found = found.get();
                if subject.with(|s| s.trim().is_empty()) {
                    return view! { <p class="hint">{move_tr!("people-worked-hint")}</p> }.into_any();
                }
                if found.is_empty() {
                    return view! { <p class="empty-note">{move_tr!("people-worked-none")}</p> }.into_any();
                }
                view! {
                    <ul class="gov-list">
                        {found
                            .into_iter()
                            .map(|(person, name, traces)| {
                                view! {
                                    <li>
                                        <PersonLink person=person name=name />
                                        <ul class="gov-meta">
                                            {traces.into_iter().map(|trace| view! { <li>{trace}</li> }).collect_view()}
                                        </ul>
                                    </li>
                                }
                            })
                            .collect_view()}
                    </ul>
                }
                    .into_any()
            }}
        </section>
    }
}
