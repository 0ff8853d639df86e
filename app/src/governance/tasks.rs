//! The Tasks tab: the pool of small tasks without deadlines, filtered by
//! pôle, skill, words and the time someone has ("I have 30 minutes"); take,
//! release, complete; tasks suggested to the device's person unless they
//! are off; a form to add a task.

use crate::{move_tr, tr};
use archipel_core::governance::{
    TaskFilter, complete_task, release_task, take_task, task_pool, tasks_for, tasks_held,
};
use archipel_core::{Change, Id, Kind, State, Value};
use leptos::prelude::*;

use super::{Problem, options, person_name, pole_choices, pole_name, send_all, today, use_gov};
use crate::sync::new_id;

/// The "I have …" choices, in minutes.
const TIME_CHOICES: [i64; 5] = [15, 30, 60, 120, 240];
/// How many tasks are suggested.
const FOR_YOU: usize = 5;

/// One task as a card shows it.
#[derive(Debug, Clone, PartialEq)]
struct TaskCard {
    id: Id,
    title: String,
    pole: String,
    minutes: Option<i64>,
    skills: String,
    description: String,
    taker: Option<(Id, String)>,
}

fn card(state: &State, id: Id) -> Option<TaskCard> {
    let task = state.existing(id)?;
    Some(TaskCard {
        id,
        title: task.text("title").unwrap_or_default().to_owned(),
        pole: task
            .reference("pole")
            .map(|pole| pole_name(state, pole))
            .unwrap_or_default(),
        minutes: task.get("size_minutes").as_int(),
        skills: task
            .get("skills")
            .as_set()
            .map(|skills| skills.iter().cloned().collect::<Vec<_>>().join(", "))
            .unwrap_or_default(),
        description: task.text("description").unwrap_or_default().to_owned(),
        taker: task
            .reference("taker")
            .map(|person| (person, person_name(state, person))),
    })
}

fn cards(state: &State, ids: Vec<Id>) -> Vec<TaskCard> {
    ids.into_iter().filter_map(|id| card(state, id)).collect()
}

/// "30 min", "1 h 30".
fn duration_text(minutes: i64) -> String {
    if minutes < 60 {
        tr!("gov-minutes", { "minutes" => minutes })
    } else if minutes % 60 == 0 {
        tr!("gov-duration-hours", { "hours" => minutes / 60 })
    } else {
        tr!("gov-hours-minutes", { "hours" => minutes / 60, "minutes" => minutes % 60 })
    }
}

/// What a button on a card does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Act {
    Take,
    Release,
    Complete,
}

/// The Tasks tab.
#[component]
pub fn TasksTab() -> impl IntoView {
    let gov = use_gov();
    let pole = RwSignal::new(String::new());
    let skill = RwSignal::new(String::new());
    let minutes = RwSignal::new(String::new());
    let words = RwSignal::new(String::new());
    let adding = RwSignal::new(false);
    let filter = Memo::new(move |_| TaskFilter {
        pole: pole.get().parse().ok(),
        skill: Some(skill.get()).filter(|s| !s.trim().is_empty()),
        max_minutes: minutes.get().parse().ok(),
        text: Some(words.get()).filter(|s| !s.trim().is_empty()),
    });
    let pool = Memo::new(move |_| {
        let filter = filter.get();
        gov.sync
            .view
            .with(|state| cards(state, task_pool(state, &filter)))
    });
    let mine = Memo::new(move |_| match gov.me.get() {
        Some(me) => gov
            .sync
            .view
            .with(|state| cards(state, tasks_held(state, me))),
        None => Vec::new(),
    });
    let me_off = Memo::new(move |_| {
        gov.me.get().is_some_and(|me| {
            gov.sync.view.with(|state| {
                state
                    .existing(me)
                    .is_some_and(|person| archipel_core::queries::is_off(person, today()))
            })
        })
    });
    let for_you = Memo::new(move |_| match gov.me.get() {
        Some(me) => gov
            .sync
            .view
            .with(|state| cards(state, tasks_for(state, me, today(), FOR_YOU))),
        None => Vec::new(),
    });
    let poles = gov.sync.view.with_untracked(pole_choices);
    view! {
        <section class="gov-tasks" aria-labelledby="gov-tasks-title">
            <h2 id="gov-tasks-title">{move_tr!("gov-tasks-title")}</h2>
            <p class="lede">{move_tr!("gov-tasks-lede")}</p>
            <Show when=move || gov.me.get().is_some()>
                <section class="my-tasks" aria-labelledby="my-tasks-title">
                    <h3 id="my-tasks-title">{move_tr!("gov-my-tasks")}</h3>
                    <Show
                        when=move || !mine.with(Vec::is_empty)
                        fallback=|| view! { <p class="hint">{move_tr!("gov-my-tasks-none")}</p> }
                    >
                        <TaskList tasks=mine acts=&[Act::Complete, Act::Release] />
                    </Show>
                </section>
                <section class="for-you" aria-labelledby="for-you-title">
                    <h3 id="for-you-title">{move_tr!("gov-for-you")}</h3>
                    {move || {
                        if me_off.get() {
                            view! { <p class="hint">{move_tr!("gov-for-you-off")}</p> }.into_any()
                        } else if for_you.with(Vec::is_empty) {
                            view! { <p class="hint">{move_tr!("gov-for-you-none")}</p> }.into_any()
                        } else {
                            view! { <TaskList tasks=for_you acts=&[Act::Take] /> }.into_any()
                        }
                    }}
                </section>
            </Show>
            <h3>{move_tr!("gov-pool")}</h3>
            <div class="gov-filters" role="search" aria-label=move_tr!("gov-pool-filters")>
                <label>
                    {move_tr!("gov-time-available")}
                    <select on:change=move |e| minutes.set(event_target_value(&e))>
                        <option value="">{move_tr!("gov-any-time")}</option>
                        {TIME_CHOICES
                            .into_iter()
                            .map(|m| view! { <option value=m.to_string()>{move || tr!("gov-i-have", { "time" => duration_text(m) })}</option> })
                            .collect_view()}
                    </select>
                </label>
                <label>
                    {move_tr!("gov-pole")}
                    <select on:change=move |e| pole.set(event_target_value(&e))>
                        <option value="">{move_tr!("gov-all-poles")}</option>
                        {options(poles, None)}
                    </select>
                </label>
                <label>
                    {move_tr!("gov-skill")}
                    <input type="search" prop:value=move || skill.get() on:input=move |e| skill.set(event_target_value(&e)) />
                </label>
                <label>
                    {move_tr!("gov-words")}
                    <input type="search" prop:value=move || words.get() on:input=move |e| words.set(event_target_value(&e)) />
                </label>
            </div>
            <p class="gov-meta" role="status">{move || tr!("gov-pool-count", { "count" => pool.with(Vec::len) })}</p>
            <TaskList tasks=pool acts=&[Act::Take] />
            <button
                type="button"
                class="small"
                aria-expanded=move || adding.get().to_string()
                on:click=move |_| adding.update(|open| *open = !*open)
            >
                {move_tr!("gov-task-new")}
            </button>
            <Show when=move || adding.get()>
                <NewTask on_done=move || adding.set(false) />
            </Show>
        </section>
    }
}

#[component]
fn TaskList(tasks: Memo<Vec<TaskCard>>, acts: &'static [Act]) -> impl IntoView {
    view! {
        <ul class="gov-list tasks">
            <For each=move || tasks.get() key=|task| format!("{task:?}") let:task>
                <TaskView task=task acts=acts />
            </For>
        </ul>
    }
}

#[component]
fn TaskView(task: TaskCard, acts: &'static [Act]) -> impl IntoView {
    let gov = use_gov();
    let problem = RwSignal::new(None::<String>);
    let id = task.id;
    let act = move |act: Act| {
        let Some(me) = gov.me.get_untracked() else {
            problem.set(Some(tr!("gov-needs-person")));
            return;
        };
        let change = gov.sync.view.with_untracked(|state| {
            state.existing(id).map(|record| match act {
                Act::Take => take_task(record, me),
                Act::Release => release_task(record),
                Act::Complete => complete_task(record),
            })
        });
        if let Some(change) = change {
            send_all(gov.sync, vec![change], problem, || {});
        }
    };
    let title = task.title.clone();
    let heading = format!("task-{id}");
    let labelled_by = heading.clone();
    let mut meta = Vec::new();
    if let Some(minutes) = task.minutes {
        meta.push(duration_text(minutes));
    }
    if !task.pole.is_empty() {
        meta.push(task.pole.clone());
    }
    if !task.skills.is_empty() {
        meta.push(task.skills.clone());
    }
    view! {
        <li class="card task" aria-labelledby=labelled_by>
            <h4 id=heading>{task.title.clone()}</h4>
            <p class="gov-meta">{meta.join(" · ")}</p>
            {(!task.description.is_empty())
                .then(|| view! { <p class="description">{task.description.clone()}</p> })}
            <div class="row">
                {acts
                    .iter()
                    .map(|&each| {
                        let title = title.clone();
                        let (text, class) = match each {
                            Act::Take => ("gov-task-take", "small primary"),
                            Act::Release => ("gov-task-release", "small quiet"),
                            Act::Complete => ("gov-task-complete", "small primary"),
                        };
                        view! {
                            <button
                                type="button"
                                class=class
                                aria-label=move || format!("{} — {}", act_label(text), title)
                                on:click=move |_| act(each)
                            >
                                {move || act_label(text)}
                            </button>
                        }
                    })
                    .collect_view()}
            </div>
            <Problem problem=problem />
        </li>
    }
}

fn act_label(key: &str) -> String {
    match key {
        "gov-task-take" => tr!("gov-task-take"),
        "gov-task-release" => tr!("gov-task-release"),
        _ => tr!("gov-task-complete"),
    }
}

/// Any member adds a task to the pool.
#[component]
fn NewTask(on_done: impl Fn() + Copy + Send + Sync + 'static) -> impl IntoView {
    let gov = use_gov();
    let problem = RwSignal::new(None::<String>);
    let title = RwSignal::new(String::new());
    let pole = RwSignal::new(String::new());
    let minutes = RwSignal::new(String::new());
    let skills = RwSignal::new(String::new());
    let description = RwSignal::new(String::new());
    let poles = gov.sync.view.with_untracked(pole_choices);
    let save = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        let mut fields = vec![
            ("title", Value::text(title.get_untracked())),
            ("status", Value::text("open")),
        ];
        if let Ok(pole) = pole.get_untracked().parse::<Id>() {
            fields.push(("pole", Value::Ref(pole)));
        }
        match minutes.get_untracked().trim() {
            "" => {}
            text => match text.parse::<i64>() {
                Ok(value) => fields.push(("size_minutes", Value::Int(value))),
                Err(_) => {
                    problem.set(Some(tr!("gov-minutes-invalid")));
                    return;
                }
            },
        }
        let skills_value = Value::set(
            skills
                .get_untracked()
                .split([',', ';'])
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(str::to_owned),
        );
        if skills_value.as_set().is_some_and(|set| !set.is_empty()) {
            fields.push(("skills", skills_value));
        }
        let text = description.get_untracked();
        if !text.trim().is_empty() {
            fields.push(("description", Value::text(text.trim())));
        }
        send_all(
            gov.sync,
            vec![Change::create(Kind::Task, new_id(), fields)],
            problem,
            on_done,
        );
    };
    view! {
        <form class="gov-form new-task" on:submit=save>
            <label>
                {move_tr!("gov-task-field-title")}
                <input type="text" required maxlength="200" prop:value=move || title.get() on:input=move |e| title.set(event_target_value(&e)) />
            </label>
            <label>
                {move_tr!("gov-pole")}
                <select on:change=move |e| pole.set(event_target_value(&e))>
                    <option value="">{move_tr!("gov-no-pole")}</option>
                    {options(poles, None)}
                </select>
            </label>
            <label>
                {move_tr!("gov-task-minutes")}
                <input type="number" min="1" max="10080" inputmode="numeric" prop:value=move || minutes.get() on:input=move |e| minutes.set(event_target_value(&e)) />
            </label>
            <label>
                {move_tr!("gov-skills")}
                <input type="text" prop:value=move || skills.get() on:input=move |e| skills.set(event_target_value(&e)) />
            </label>
            <label>
                {move_tr!("gov-description")}
                <textarea maxlength="10000" prop:value=move || description.get() on:input=move |e| description.set(event_target_value(&e))></textarea>
            </label>
            <Problem problem=problem />
            <div class="row">
                <button type="submit" class="primary">{move_tr!("gov-task-add")}</button>
                <button type="button" class="quiet" on:click=move |_| on_done()>{move_tr!("gov-cancel")}</button>
            </div>
        </form>
    }
}
