//! Arrivals and departures: newcomers' onboarding checklists (a tutor, a
//! first kit, a first task; facilitators name the tutor) and the leaving
//! process, which lists what someone still holds and completes only once
//! every role and task has a new holder or is released.

use crate::{move_tr, tr};
use archipel_core::governance::{arrivals, hand_over_role, handover, release_task};
use archipel_core::{Change, Date, Id, State, Value};
use leptos::prelude::*;

use super::people::{PersonLink, assignment_text};
use super::{Problem, date_text, options, people_choices, person_name, send_all, today, use_gov};
use crate::sync::new_id;

/// How far back arrivals are listed, in days.
const ARRIVAL_DAYS: i32 = 90;

/// One newcomer's checklist, ready to show.
#[derive(Debug, Clone, PartialEq)]
struct Arrival {
    person: Id,
    name: String,
    joined_on: Option<Date>,
    tutor: Option<(Id, String)>,
    kit: bool,
    task: bool,
    done: usize,
}

/// Newcomers of the last 90 days and their first steps.
#[component]
pub fn Arrivals() -> impl IntoView {
    let gov = use_gov();
    let list = Memo::new(move |_| {
        gov.sync.view.with(|state| {
            arrivals(state, today(), ARRIVAL_DAYS)
                .into_iter()
                .map(|onboarding| Arrival {
                    person: onboarding.person,
                    name: person_name(state, onboarding.person),
                    joined_on: onboarding.joined_on,
                    tutor: onboarding
                        .tutor
                        .map(|tutor| (tutor, person_name(state, tutor))),
                    kit: onboarding.first_kit.is_some(),
                    task: onboarding.first_task.is_some(),
                    done: onboarding.steps_done(),
                })
                .collect::<Vec<_>>()
        })
    });
    view! {
        <section class="people-arrivals" aria-labelledby="people-arrivals-title">
            <h2 id="people-arrivals-title">{move_tr!("people-arrivals-title")}</h2>
            <p class="hint">{move_tr!("people-arrivals-lede", { "days" => ARRIVAL_DAYS })}</p>
            {move || {
                let list = list.get();
                if list.is_empty() {
                    return view! { <p class="empty-note">{move_tr!("people-arrivals-none")}</p> }.into_any();
                }
                view! {
                    <ul class="gov-list">
                        {list.into_iter().map(|arrival| view! { <ArrivalItem arrival=arrival /> }).collect_view()}
                    </ul>
                }
                    .into_any()
            }}
        </section>
    }
}

#[component]
fn ArrivalItem(arrival: Arrival) -> impl IntoView {
    let gov = use_gov();
    let Arrival {
        person,
        name,
        joined_on,
        tutor,
        kit,
        task,
        done,
    } = arrival;
    let step = |done: bool, text: String| {
        view! {
            <li class:done=done>
                <span class="mark" aria-hidden="true">{if done { "✓" } else { "○" }}</span>
                " "
                {text}
            </li>
        }
    };
    let tutor_text = tutor.as_ref().map_or_else(
        || tr!("people-step-tutor-missing"),
        |(_, tutor)| tr!("people-step-tutor", { "name" => tutor.clone() }),
    );
    let has_tutor = tutor.is_some();
    let label_name = name.clone();
    view! {
        <li class="people-arrival card" data-person=person.to_string()>
            <h3>
                <PersonLink person=person name=name.clone() />
            </h3>
            {joined_on.map(|date| view! { <p class="gov-meta">{move_tr!("people-joined-on", { "date" => date_text(date) })}</p> })}
            <p class="people-steps">
                <strong>{move_tr!("people-steps-done", { "done" => done, "total" => 3 })}</strong>
            </p>
            <ul class="people-checklist">
                {step(has_tutor, tutor_text)}
                {step(kit, if kit { tr!("people-step-kit") } else { tr!("people-step-kit-missing") })}
                {step(task, if task { tr!("people-step-task") } else { tr!("people-step-task-missing") })}
            </ul>
            <Show when=move || gov.facilitates()>
                <TutorForm person=person name=label_name.clone() current=tutor.as_ref().map(|(id, _)| *id) />
            </Show>
        </li>
    }
}

/// Facilitators name (or change) a newcomer's tutor.
#[component]
fn TutorForm(person: Id, name: String, current: Option<Id>) -> impl IntoView {
    let sync = use_gov().sync;
    let problem = RwSignal::new(None::<String>);
    let chosen = RwSignal::new(current.map(|id| id.to_string()).unwrap_or_default());
    let choices = Memo::new(move |_| {
        sync.view.with(|state| {
            people_choices(state)
                .into_iter()
                .filter(|(id, _)| *id != person)
                .collect::<Vec<_>>()
        })
    });
    let save = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        let Ok(tutor) = chosen.get_untracked().parse::<Id>() else {
            problem.set(Some(tr!("people-tutor-choose")));
            return;
        };
        let base = sync.view.with_untracked(|state| {
            state
                .existing(person)
                .map_or(0, |record| record.version_of("tutor"))
        });
        send_all(
            sync,
            vec![Change::set(person, "tutor", Value::Ref(tutor), base)],
            problem,
            || {},
        );
    };
    view! {
        <form class="gov-form inline" on:submit=save>
            <label>
                {move || tr!("people-tutor-for", { "name" => name.clone() })}
                <select on:change=move |event| chosen.set(event_target_value(&event))>
                    <option value="">"—"</option>
                    {move || options(choices.get(), current)}
                </select>
            </label>
            <button type="submit">{move_tr!("people-tutor-name")}</button>
            <Problem problem=problem />
        </form>
    }
}

/// Departures in progress, and (facilitators) the start of a new one.
#[component]
pub fn Departures() -> impl IntoView {
    let gov = use_gov();
    let leaving = Memo::new(move |_| {
        gov.sync.view.with(|state| {
            let mut people: Vec<(String, Id)> = state
                .of_kind(archipel_core::Kind::Person)
                .filter(|p| p.is_live() && p.text("status") == Some("leaving"))
                .map(|p| {
                    (
                        archipel_core::fold(p.text("display_name").unwrap_or_default()),
                        p.id,
                    )
                })
                .collect();
            archipel_core::sort::sort(&mut people);
            people.into_iter().map(|(_, id)| id).collect::<Vec<_>>()
        })
    });
    view! {
        <section class="people-departures" aria-labelledby="people-departures-title">
            <h2 id="people-departures-title">{move_tr!("people-departures-title")}</h2>
            <p class="hint">{move_tr!("people-departures-lede")}</p>
            <Show when=move || gov.facilitates()>
                <StartLeavingForm />
            </Show>
            {move || {
                let leaving = leaving.get();
                if leaving.is_empty() {
                    return view! { <p class="empty-note">{move_tr!("people-departures-none")}</p> }.into_any();
                }
                leaving
                    .into_iter()
                    .map(|person| view! { <LeavingCard person=person /> })
                    .collect_view()
                    .into_any()
            }}
        </section>
    }
}

fn start_leaving(state: &State, person: Id) -> Option<Change> {
    let record = state.existing(person)?;
    Some(Change::set(
        person,
        "status",
        Value::text("leaving"),
        record.version_of("status"),
    ))
}

/// Facilitators pick who is leaving.
#[component]
fn StartLeavingForm() -> impl IntoView {
    let sync = use_gov().sync;
    let problem = RwSignal::new(None::<String>);
    let chosen = RwSignal::new(String::new());
    let choices = Memo::new(move |_| {
        sync.view.with(|state| {
            people_choices(state)
                .into_iter()
                .filter(|(id, _)| {
                    state.existing(*id).is_some_and(|p| {
                        matches!(p.text("status").unwrap_or("active"), "active" | "paused")
                    })
                })
                .collect::<Vec<_>>()
        })
    });
    let save = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        let Some(change) = chosen
            .get_untracked()
            .parse::<Id>()
            .ok()
            .and_then(|person| {
                sync.view
                    .with_untracked(|state| start_leaving(state, person))
            })
        else {
            problem.set(Some(tr!("people-leaving-choose")));
            return;
        };
        send_all(sync, vec![change], problem, move || {
            chosen.set(String::new())
        });
    };
    view! {
        <form class="gov-form inline people-start" on:submit=save>
            <label>
                {move_tr!("people-leaving-who")}
                <select prop:value=move || chosen.get() on:change=move |event| chosen.set(event_target_value(&event))>
                    <option value="">"—"</option>
                    {move || options(choices.get(), None)}
                </select>
            </label>
            <button type="submit">{move_tr!("people-leaving-start")}</button>
            <Problem problem=problem />
        </form>
    }
}

/// On a person's page: facilitators start their departure.
#[component]
pub fn StartLeaving(person: Id) -> impl IntoView {
    let sync = use_gov().sync;
    let problem = RwSignal::new(None::<String>);
    let start = move |_| {
        if let Some(change) = sync
            .view
            .with_untracked(|state| start_leaving(state, person))
        {
            send_all(sync, vec![change], problem, || {});
        }
    };
    view! {
        <div class="people-start">
            <button type="button" on:click=start>{move_tr!("people-leaving-start-one")}</button>
            <Problem problem=problem />
        </div>
    }
}

/// What someone leaving still holds: (assignment, its role) and (task, its title).
#[derive(Debug, Clone, PartialEq, Default)]
struct ToHandOver {
    name: String,
    roles: Vec<(Id, String)>,
    tasks: Vec<(Id, String)>,
}

/// One departure: what is left to hand over, and (facilitators) the
/// hand-over, release and completion buttons.
#[component]
pub fn LeavingCard(person: Id) -> impl IntoView {
    let gov = use_gov();
    let sync = gov.sync;
    let problem = RwSignal::new(None::<String>);
    let left = Memo::new(move |_| {
        sync.view.with(|state| {
            let found = handover(state, person);
            ToHandOver {
                name: person_name(state, person),
                roles: found
                    .roles
                    .iter()
                    .map(|id| (*id, assignment_text(state, *id)))
                    .collect(),
                tasks: found
                    .tasks
                    .iter()
                    .map(|id| {
                        let title = state
                            .existing(*id)
                            .and_then(|task| task.text("title"))
                            .unwrap_or_default()
                            .to_owned();
                        (*id, title)
                    })
                    .collect(),
            }
        })
    });
    let empty = move || left.with(|left| left.roles.is_empty() && left.tasks.is_empty());
    let set_status = move |status: &'static str| {
        let base = sync.view.with_untracked(|state| {
            state
                .existing(person)
                .map_or(0, |record| record.version_of("status"))
        });
        send_all(
            sync,
            vec![Change::set(person, "status", Value::text(status), base)],
            problem,
            || {},
        );
    };
    let title_id = format!("people-leaving-{person}");
    let labelled_by = title_id.clone();
    let name = move || left.with(|left| left.name.clone());
    view! {
        <article class="people-leaving card" aria-labelledby=labelled_by data-person=person.to_string()>
            <h3 id=title_id>
                {move || tr!("people-leaving-title", { "name" => name() })}
            </h3>
            <p class="people-left-count" role="status">
                {move || {
                    let count = left.with(|left| left.roles.len() + left.tasks.len());
                    if count == 0 {
                        tr!("people-leaving-clear")
                    } else {
                        tr!("people-leaving-count", { "count" => count })
                    }
                }}
            </p>
            <ul class="gov-list people-handover">
                {move || {
                    left.get()
                        .roles
                        .into_iter()
                        .map(|(assignment, role)| view! { <RoleToHandOver person=person assignment=assignment role=role problem=problem /> })
                        .collect_view()
                }}
                {move || {
                    left.get()
                        .tasks
                        .into_iter()
                        .map(|(task, title)| view! { <TaskToHandOver task=task title=title problem=problem /> })
                        .collect_view()
                }}
            </ul>
            <Show when=move || gov.facilitates()>
                <div class="row">
                    <button
                        type="button"
                        class="primary"
                        disabled=move || !empty()
                        aria-describedby=format!("people-leaving-why-{person}")
                        on:click=move |_| set_status("left")
                    >
                        {move_tr!("people-leaving-complete")}
                    </button>
                    <button type="button" class="quiet" on:click=move |_| set_status("active")>
                        {move_tr!("people-leaving-cancel")}
                    </button>
                </div>
                <p class="hint" id=format!("people-leaving-why-{person}")>
                    {move || (!empty()).then(|| tr!("people-leaving-blocked"))}
                </p>
            </Show>
            <Problem problem=problem />
        </article>
    }
}

#[component]
fn RoleToHandOver(
    person: Id,
    assignment: Id,
    role: String,
    problem: RwSignal<Option<String>>,
) -> impl IntoView {
    let gov = use_gov();
    let sync = gov.sync;
    let successor = RwSignal::new(String::new());
    let choices = Memo::new(move |_| {
        sync.view.with(|state| {
            people_choices(state)
                .into_iter()
                .filter(|(id, _)| *id != person)
                .collect::<Vec<_>>()
        })
    });
    let hand = move |to: Option<Id>| {
        let Some(record) = sync
            .view
            .with_untracked(|state| state.existing(assignment).cloned())
        else {
            return;
        };
        send_all(
            sync,
            hand_over_role(&record, to, new_id(), today()),
            problem,
            || {},
        );
    };
    let give = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        match successor.get_untracked().parse::<Id>() {
            Ok(to) => hand(Some(to)),
            Err(_) => problem.set(Some(tr!("people-successor-choose"))),
        }
    };
    let label_role = role.clone();
    view! {
        <li class="people-handover-role">
            <span>{role.clone()}</span>
            <Show when=move || gov.facilitates()>
                <form class="gov-form inline" on:submit=give>
                    <label>
                        {
                            let role = label_role.clone();
                            move || tr!("people-successor-for", { "role" => role.clone() })
                        }
                        <select on:change=move |event| successor.set(event_target_value(&event))>
                            <option value="">"—"</option>
                            {move || options(choices.get(), None)}
                        </select>
                    </label>
                    <div class="row">
                        <button type="submit">{move_tr!("people-hand-over")}</button>
                        <button type="button" class="quiet" on:click=move |_| hand(None)>
                            {move_tr!("people-release-role")}
                        </button>
                    </div>
                </form>
            </Show>
        </li>
    }
}

#[component]
fn TaskToHandOver(task: Id, title: String, problem: RwSignal<Option<String>>) -> impl IntoView {
    let gov = use_gov();
    let sync = gov.sync;
    let release = move |_| {
        if let Some(record) = sync
            .view
            .with_untracked(|state| state.existing(task).cloned())
        {
            send_all(sync, vec![release_task(&record)], problem, || {});
        }
    };
    view! {
        <li class="people-handover-task">
            <span>{move || tr!("people-task-line", { "title" => title.clone() })}</span>
            <Show when=move || gov.facilitates()>
                <button type="button" on:click=release>{move_tr!("people-release-task")}</button>
            </Show>
        </li>
    }
}
