//! One kit, read: its current (or an older) version's body and steps by
//! phase, attachments, who maintains it, its versions and their changelogs,
//! its runs and the feedback left on it; "start this kit"; print.

use crate::{move_tr, tr};
use archipel_core::kits::{self, RunFor};
use archipel_core::markdown::to_html;
use archipel_core::schema::FEEDBACK_KINDS;
use archipel_core::value::Step;
use archipel_core::{Id, Record, Value};
use leptos::prelude::*;
use leptos_router::hooks::use_navigate;

use super::attachments::Attachments;
use super::{
    Back, Problem, duration_text, format_label, kit_href, language_label, person_name, pole_name,
    run_href, send_all, use_kits,
};
use crate::governance::{options, pole_choices};
use crate::sync::new_id;

/// A version as the list of versions shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
struct VersionRow {
    id: Id,
    number: i64,
    changelog: String,
}

/// The kit page.
#[component]
pub fn KitPage(kit: Id, version: Option<Id>) -> impl IntoView {
    let ctx = use_kits();
    let sync = ctx.sync;
    let exists = Memo::new(move |_| sync.view.with(|state| state.existing(kit).is_some()));
    view! {
        <Show
            when=move || exists.get()
            fallback=|| {
                view! {
                    <Back href=super::View::Kits.path().to_owned() label=move_tr!("kit-back-library") />
                    <h1 id="view-title">{move_tr!("kit-not-found")}</h1>
                }
            }
        >
            <Kit kit=kit version=version />
        </Show>
    }
}

#[component]
fn Kit(kit: Id, version: Option<Id>) -> impl IntoView {
    let ctx = use_kits();
    let sync = ctx.sync;
    let versions = Memo::new(move |_| {
        sync.view.with(|state| {
            kits::versions(state, kit)
                .into_iter()
                .map(|record| VersionRow {
                    id: record.id,
                    number: record.get("number").as_int().unwrap_or(0),
                    changelog: record.text("changelog").unwrap_or_default().to_owned(),
                })
                .collect::<Vec<_>>()
        })
    });
    let latest = Memo::new(move |_| versions.with(|all| all.last().map(|row| row.id)));
    // The version read: the one asked for if it belongs to this kit, else the current one.
    let shown = Memo::new(move |_| {
        version
            .filter(|id| versions.with(|all| all.iter().any(|row| row.id == *id)))
            .or_else(|| latest.get())
    });
    let field = move |name: &'static str| {
        move || {
            sync.view.with(|state| {
                state
                    .existing(kit)
                    .and_then(|record| record.text(name))
                    .unwrap_or_default()
                    .to_owned()
            })
        }
    };
    let title = field("title");
    let summary = field("summary");
    let version_text = move |name: &'static str| {
        move || {
            shown.get().and_then(|id| {
                sync.view.with(|state| {
                    state
                        .existing(id)
                        .and_then(|record| record.text(name))
                        .map(str::to_owned)
                })
            })
        }
    };
    let number = move || {
        shown.get().and_then(|id| {
            versions.with(|all| all.iter().find(|row| row.id == id).map(|row| row.number))
        })
    };
    let older = move || shown.get().is_some() && shown.get() != latest.get();
    let people = Memo::new(move |_| {
        sync.view.with(|state| {
            let record = state.existing(kit);
            let maintainer = record
                .and_then(|record| record.reference("maintainer"))
                .map(|id| person_name(state, id));
            let pole = record
                .and_then(|record| record.reference("pole"))
                .map(|id| pole_name(state, id));
            (maintainer, pole)
        })
    });
    let duration = move || {
        read_version(sync, shown, |version| {
            version.get("duration_minutes").as_int()
        })
    };
    let tags = move || {
        read_version(sync, shown, |version| match version.get("tags") {
            Value::Set(tags) => tags.iter().cloned().collect::<Vec<_>>(),
            _ => Vec::new(),
        })
    };
    // Rendered again only when the text read changes, not on every sync.
    let body = Memo::new(move |_| version_text("body")().unwrap_or_default());
    let body_html = Memo::new(move |_| body.with(|body| to_html(body)));
    let steps =
        Memo::new(move |_| read_version(sync, shown, |version| kits::steps(version).to_vec()));
    let files = Memo::new(move |_| {
        read_version(sync, shown, |version| kits::attachments(version).to_vec())
    });
    let may_publish = Memo::new(move |_| ctx.may_publish(kit));
    let print = |_| {
        let _ = window().print();
    };
    view! {
        <Back href=super::View::Kits.path().to_owned() label=move_tr!("kit-back-library") />
        <article class="kit" aria-labelledby="view-title">
            <header class="kit-head">
                <h1 id="view-title">{title}</h1>
                <p class="kit-version" data-version=move || number().unwrap_or(0)>
                    {move || number().map(|n| tr!("kit-version-n", { "number" => n }))}
                    {move || version_text("changelog")().map(|line| view! { <span class="changelog">{" — "}{line}</span> })}
                </p>
                <Show when=older>
                    <p class="notice" role="note">
                        {move_tr!("kit-older-version")}
                        " "
                        <a href=kit_href(kit, "")>{move_tr!("kit-read-current")}</a>
                    </p>
                </Show>
                {move || {
                    let text = summary();
                    (!text.is_empty()).then(|| view! { <p class="summary">{text}</p> })
                }}
                <dl class="kit-meta">
                    {move || version_text("format")().map(|format| view! {
                        <div><dt>{move_tr!("kit-filter-format")}</dt><dd>{format_label(&format)}</dd></div>
                    })}
                    {move || version_text("audience")().map(|audience| view! {
                        <div><dt>{move_tr!("kit-filter-audience")}</dt><dd>{audience}</dd></div>
                    })}
                    {move || duration().map(|minutes| view! {
                        <div><dt>{move_tr!("kit-duration")}</dt><dd>{duration_text(minutes)}</dd></div>
                    })}
                    {move || version_text("language")().map(|code| view! {
                        <div><dt>{move_tr!("kit-filter-language")}</dt><dd>{language_label(&code)}</dd></div>
                    })}
                    {move || people.get().1.map(|pole| view! {
                        <div><dt>{move_tr!("kit-filter-pole")}</dt><dd>{pole}</dd></div>
                    })}
                    {move || people.get().0.map(|name| view! {
                        <div><dt>{move_tr!("kit-maintainer")}</dt><dd>{name}</dd></div>
                    })}
                    {move || version_text("licence")().map(|licence| view! {
                        <div><dt>{move_tr!("kit-licence")}</dt><dd>{licence}</dd></div>
                    })}
                </dl>
                {move || {
                    let tags = tags();
                    (!tags.is_empty()).then(|| view! {
                        <ul class="tags" aria-label=move_tr!("kit-filter-tag")>
                            {tags.into_iter().map(|tag| view! { <li>{tag}</li> }).collect_view()}
                        </ul>
                    })
                }}
                <div class="kit-actions no-print">
                    <Show when=move || may_publish.get()>
                        <a class="button" href=kit_href(kit, "&edition")>{move_tr!("kit-edit")}</a>
                    </Show>
                    <Show when=move || { versions.with(Vec::len) > 1 }>
                        <a class="button" href=move || compare_href(kit, &versions.get())>{move_tr!("kit-compare")}</a>
                    </Show>
                    <button type="button" on:click=print>{move_tr!("kit-print")}</button>
                </div>
            </header>
            <div class="kit-body markdown" inner_html=body_html></div>
            <Steps steps=steps.into() />
            <Show when=move || !files.with(Vec::is_empty)>
                <Attachments files=files.into() />
            </Show>
            <StartKit kit=kit has_version=Signal::derive(move || latest.get().is_some()) />
            <Runs kit=kit />
            <Feedback kit=kit />
            <section class="kit-versions no-print" aria-labelledby="kit-versions-title">
                <h2 id="kit-versions-title">{move_tr!("kit-versions")}</h2>
                <ol reversed>
                    {move || {
                        let current = shown.get();
                        versions
                            .get()
                            .into_iter()
                            .rev()
                            .map(|row| {
                                let label = tr!("kit-version-n", { "number" => row.number });
                                let here = current == Some(row.id);
                                view! {
                                    <li>
                                        <a
                                            href=kit_href(kit, &format!("&version={}", row.id))
                                            aria-current=here.then_some("page")
                                        >
                                            {label}
                                        </a>
                                        {(!row.changelog.is_empty()).then(|| format!(" — {}", row.changelog))}
                                    </li>
                                }
                            })
                            .collect_view()
                    }}
                </ol>
            </section>
        </article>
    }
}

/// `read` applied to the version `shown` (tracked), or the default when
/// there is none.
fn read_version<T: Default>(
    sync: crate::sync::SyncEngine,
    shown: Memo<Option<Id>>,
    read: impl Fn(&Record) -> T,
) -> T {
    shown
        .get()
        .and_then(|id| sync.view.with(|state| state.existing(id).map(&read)))
        .unwrap_or_default()
}

/// The comparison of the two latest versions.
fn compare_href(kit: Id, versions: &[VersionRow]) -> String {
    match versions {
        [.., older, newer] => kit_href(kit, &format!("&comparer={},{}", older.id, newer.id)),
        _ => kit_href(kit, ""),
    }
}

/// The steps, grouped by phase or day; printed as a checklist.
#[component]
fn Steps(steps: Signal<Vec<Step>>) -> impl IntoView {
    view! {
        <Show when=move || !steps.with(Vec::is_empty)>
            <section class="kit-steps" aria-labelledby="kit-steps-title">
                <h2 id="kit-steps-title">{move_tr!("kit-steps")}</h2>
                {move || {
                    steps.with(|steps| {
                        kits::phases(steps)
                            .into_iter()
                            .map(|(phase, list)| {
                                let heading = (!phase.is_empty()).then(|| view! { <h3>{phase.to_owned()}</h3> });
                                let items = list
                                    .into_iter()
                                    .map(|step| {
                                        let body = (!step.body.is_empty()).then(|| {
                                            view! { <div class="markdown" inner_html=to_html(&step.body)></div> }
                                        });
                                        view! {
                                            <li data-step=step.key.clone()>
                                                <strong>{step.title.clone()}</strong>
                                                {body}
                                            </li>
                                        }
                                    })
                                    .collect_view();
                                view! {
                                    <div class="phase">
                                        {heading}
                                        <ol class="checklist-print">{items}</ol>
                                    </div>
                                }
                            })
                            .collect_view()
                    })
                }}
            </section>
        </Show>
    }
}

/// "Start this kit" for a pôle, a local group or oneself.
#[component]
fn StartKit(kit: Id, has_version: Signal<bool>) -> impl IntoView {
    let ctx = use_kits();
    let sync = ctx.sync;
    let navigate = StoredValue::new_local(use_navigate());
    let open = RwSignal::new(false);
    let target = RwSignal::new("me".to_owned());
    let pole = RwSignal::new(String::new());
    let group = RwSignal::new(String::new());
    let with_tasks = RwSignal::new(false);
    let problem = RwSignal::new(None::<String>);
    let poles = Memo::new(move |_| sync.view.with(pole_choices));
    let member = move || ctx.access.get() >= archipel_core::Access::Member;
    let start = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        let run_for = match target.get_untracked().as_str() {
            "pole" => match pole.get_untracked().parse::<Id>() {
                Ok(pole) => RunFor::Pole(pole),
                Err(_) => {
                    problem.set(Some(tr!("kit-start-choose-pole")));
                    return;
                }
            },
            "group" if group.get_untracked().trim().is_empty() => {
                problem.set(Some(tr!("kit-start-name-group")));
                return;
            }
            "group" => RunFor::Group(group.get_untracked()),
            _ => RunFor::Me,
        };
        let run = new_id();
        let steps = sync.view.with_untracked(|state| {
            kits::latest(state, kit).map_or(0, |version| kits::steps(version).len())
        });
        let tasks: Vec<Id> = if with_tasks.get_untracked() {
            (0..steps).map(|_| new_id()).collect()
        } else {
            Vec::new()
        };
        let me = ctx.me.get_untracked();
        let Some(changes) = sync
            .view
            .with_untracked(|state| kits::start(state, kit, &run_for, me, run, &tasks))
        else {
            return;
        };
        send_all(sync, changes, problem, move || {
            navigate.with_value(|go| go(&run_href(run), Default::default()));
        });
    };
    view! {
        <Show when=move || member() && has_version.get()>
            <section class="kit-start no-print" aria-labelledby="kit-start-title">
                <h2 id="kit-start-title">{move_tr!("kit-start")}</h2>
                <Show
                    when=move || open.get()
                    fallback=move || view! {
                        <button type="button" class="primary" on:click=move |_| open.set(true)>{move_tr!("kit-start")}</button>
                    }
                >
                    <form class="kit-start-form" on:submit=start>
                        <fieldset>
                            <legend>{move_tr!("kit-start-for")}</legend>
                            <label>
                                <input type="radio" name="for" value="me" prop:checked=move || target.get() == "me" on:change=move |_| target.set("me".into()) />
                                {move_tr!("kit-start-me")}
                            </label>
                            <label>
                                <input type="radio" name="for" value="pole" prop:checked=move || target.get() == "pole" on:change=move |_| target.set("pole".into()) />
                                {move_tr!("kit-start-pole")}
                            </label>
                            <Show when=move || target.get() == "pole">
                                <label>
                                    {move_tr!("kit-filter-pole")}
                                    <select on:change=move |event| pole.set(event_target_value(&event))>
                                        <option value="">{move_tr!("kit-choose")}</option>
                                        {move || options(poles.get(), None)}
                                    </select>
                                </label>
                            </Show>
                            <label>
                                <input type="radio" name="for" value="group" prop:checked=move || target.get() == "group" on:change=move |_| target.set("group".into()) />
                                {move_tr!("kit-start-group")}
                            </label>
                            <Show when=move || target.get() == "group">
                                <label>
                                    {move_tr!("kit-start-group-name")}
                                    <input type="text" maxlength="120" prop:value=move || group.get() on:input=move |event| group.set(event_target_value(&event)) />
                                </label>
                            </Show>
                        </fieldset>
                        <label class="inline">
                            <input type="checkbox" prop:checked=move || with_tasks.get() on:change=move |event| with_tasks.set(event_target_checked(&event)) />
                            {move_tr!("kit-start-tasks")}
                        </label>
                        <Problem problem=problem />
                        <div class="form-actions">
                            <button type="submit" class="primary">{move_tr!("kit-start-go")}</button>
                            <button type="button" on:click=move |_| open.set(false)>{move_tr!("kit-cancel")}</button>
                        </div>
                    </form>
                </Show>
            </section>
        </Show>
    }
}

/// Who a run is for, in words.
pub fn run_for_text(state: &archipel_core::State, run: &archipel_core::Record) -> String {
    if let Some(pole) = run.reference("pole") {
        return tr!("kit-run-for-pole", { "pole" => pole_name(state, pole) });
    }
    if let Some(group) = run.text("group") {
        return tr!("kit-run-for-group", { "group" => group.to_owned() });
    }
    let person = run.reference("person").or(run.created_by);
    person.map_or_else(
        || tr!("kit-run-for-someone"),
        |person| tr!("kit-run-for-person", { "person" => person_name(state, person) }),
    )
}

/// The kit's runs, with their progress.
#[component]
fn Runs(kit: Id) -> impl IntoView {
    let sync = use_kits().sync;
    let rows = Memo::new(move |_| {
        sync.view.with(|state| {
            kits::runs(state, kit)
                .into_iter()
                .map(|run| {
                    let list = kits::checklist(state, run);
                    (
                        run.id,
                        run_for_text(state, run),
                        list.done,
                        list.steps.len(),
                        run.text("status") == Some("finished"),
                    )
                })
                .collect::<Vec<_>>()
        })
    });
    view! {
        <Show when=move || !rows.with(Vec::is_empty)>
            <section class="kit-runs no-print" aria-labelledby="kit-runs-title">
                <h2 id="kit-runs-title">{move_tr!("kit-runs")}</h2>
                <ul>
                    {move || {
                        rows.get()
                            .into_iter()
                            .map(|(id, who, done, total, finished)| {
                                let state = if finished { tr!("kit-run-finished") } else { tr!("kit-run-progress", { "done" => done, "total" => total }) };
                                view! {
                                    <li>
                                        <a href=run_href(id)>{who}</a>
                                        {format!(" — {state}")}
                                    </li>
                                }
                            })
                            .collect_view()
                    }}
                </ul>
            </section>
        </Show>
    }
}

/// Feedback kind in the current language.
pub fn feedback_label(kind: &str) -> String {
    match kind {
        "worked" => tr!("kit-feedback-worked"),
        "didnt" => tr!("kit-feedback-didnt"),
        _ => tr!("kit-feedback-idea"),
    }
}

/// Feedback left on the kit, by kind (worked / didn't / idea).
#[component]
fn Feedback(kit: Id) -> impl IntoView {
    let sync = use_kits().sync;
    let left = Memo::new(move |_| {
        sync.view.with(|state| {
            kits::feedback(state, kit)
                .into_iter()
                .map(|record| {
                    (
                        record.text("kind").unwrap_or("idea").to_owned(),
                        record.text("text").unwrap_or_default().to_owned(),
                        record
                            .reference("person")
                            .map(|person| person_name(state, person)),
                    )
                })
                .collect::<Vec<_>>()
        })
    });
    view! {
        <Show when=move || !left.with(Vec::is_empty)>
            <section class="kit-feedback no-print" aria-labelledby="kit-feedback-title">
                <h2 id="kit-feedback-title">{move_tr!("kit-feedback")}</h2>
                <div class="feedback-columns">
                    {FEEDBACK_KINDS
                        .iter()
                        .map(|kind| {
                            let items = move || {
                                left.get()
                                    .into_iter()
                                    .filter(|(each, _, _)| each == kind)
                                    .map(|(_, text, who)| view! {
                                        <li>
                                            {text}
                                            {who.map(|who| view! { <span class="who">{format!(" — {who}")}</span> })}
                                        </li>
                                    })
                                    .collect_view()
                            };
                            view! {
                                <div class="feedback-column" data-kind=*kind>
                                    <h3>{move || feedback_label(kind)}</h3>
                                    <ul>{items}</ul>
                                </div>
                            }
                        })
                        .collect_view()}
                </div>
            </section>
        </Show>
    }
}
