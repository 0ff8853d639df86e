//! A meeting's agenda editor (items with timeboxes, their total checked
//! against the meeting's length), the minutes of each item, and a
//! retrospective's three columns ("ce qui a marché / pas marché / idées").

use crate::{move_tr, tr};
use archipel_core::governance::{agenda, check_agenda, start_item};
use archipel_core::validate::order_keys_after;
use archipel_core::{Change, Id, Kind, State, Value};
use leptos::prelude::*;

use super::{Problem, now, person_name, send_all, use_gov};
use crate::sync::new_id;

/// One agenda item as the editor shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ItemRow {
    /// The item.
    pub id: Id,
    /// Its title.
    pub title: String,
    /// Its timebox in minutes.
    pub minutes: Option<i64>,
    /// Its order key.
    pub order: String,
    /// Its minutes (notes).
    pub notes: String,
    /// It was opened in the console.
    pub started: bool,
    /// It was closed in the console.
    pub ended: bool,
}

/// The items of `meeting`, in order.
#[must_use]
pub fn item_rows(state: &State, meeting: Id) -> Vec<ItemRow> {
    agenda(state, meeting)
        .into_iter()
        .map(|item| ItemRow {
            id: item.id,
            title: item.text("title").unwrap_or_default().to_owned(),
            minutes: item.get("timebox_minutes").as_int(),
            order: item.text("order").unwrap_or_default().to_owned(),
            notes: item.text("notes").unwrap_or_default().to_owned(),
            started: item.get("started_at").as_time().is_some(),
            ended: item.get("ended_at").as_time().is_some(),
        })
        .collect()
}

/// Sets one field of a record, based on the version this device has.
fn set_field(state: &State, id: Id, field: &str, value: Value) -> Option<Change> {
    let record = state.existing(id)?;
    Some(Change::set(id, field, value, record.version_of(field)))
}

/// The agenda: items in order, their timeboxes, the total against the length.
#[component]
pub fn AgendaEditor(meeting: Id) -> impl IntoView {
    let gov = use_gov();
    let problem = RwSignal::new(None::<String>);
    let items = Memo::new(move |_| gov.sync.view.with(|state| item_rows(state, meeting)));
    let check = Memo::new(move |_| gov.sync.view.with(|state| check_agenda(state, meeting)));
    let edit = move |changes: Vec<Change>| send_all(gov.sync, changes, problem, || {});
    let set = move |id: Id, field: &'static str, value: Value| {
        if let Some(change) = gov
            .sync
            .view
            .with_untracked(|state| set_field(state, id, field, value))
        {
            edit(vec![change]);
        }
    };
    // Swaps the order keys of an item and its neighbour (`step` = ±1).
    let swap = move |id: Id, step: isize| {
        let list = items.get_untracked();
        let Some(index) = list.iter().position(|item| item.id == id) else {
            return;
        };
        if let (Some(a), Some(b)) = (list.get(index), list.get(index.wrapping_add_signed(step)))
            && a.order != b.order
        {
            edit(vec![
                Change::Move {
                    id: a.id,
                    order: b.order.clone(),
                    parent: None,
                },
                Change::Move {
                    id: b.id,
                    order: a.order.clone(),
                    parent: None,
                },
            ]);
        }
    };
    // Rows are keyed by item and read their figures reactively, so a save
    // (on leaving a field) or a reorder redraws no row: focus stays put.
    let row = move |id: Id| {
        let item = Memo::new(move |_| {
            items.with(|list| {
                let position = list.iter().position(|item| item.id == id);
                let row = position.and_then(|index| list.get(index)).cloned();
                (position.unwrap_or(0), list.len(), row)
            })
        });
        let title = move || {
            item.with(|(_, _, row)| row.as_ref().map(|r| r.title.clone()).unwrap_or_default())
        };
        let minutes = move || item.with(|(_, _, row)| row.as_ref().and_then(|r| r.minutes));
        let number = move || item.with(|(index, _, _)| index + 1);
        view! {
            <li
                class="agenda-item"
                class:done=move || item.with(|(_, _, row)| row.as_ref().is_some_and(|r| r.ended))
                class:running=move || item.with(|(_, _, row)| row.as_ref().is_some_and(|r| r.started && !r.ended))
            >
                <Show
                    when=move || gov.facilitates()
                    fallback=move || {
                        view! {
                            <span class="agenda-title">{title}</span>
                            <span class="agenda-time">
                                {move || minutes().map(|minutes| tr!("meet-minutes", { "minutes" => minutes }))}
                            </span>
                        }
                    }
                >
                    <label class="agenda-title">
                        <span class="visually-hidden">{move || tr!("meet-item-title-label", { "number" => number() })}</span>
                        <input
                            type="text"
                            maxlength="200"
                            required
                            prop:value=title
                            on:change=move |event| {
                                let text = event_target_value(&event);
                                if !text.trim().is_empty() {
                                    set(id, "title", Value::text(text));
                                }
                            }
                        />
                    </label>
                    <label class="agenda-time">
                        <span class="visually-hidden">{move || tr!("meet-item-minutes-label", { "number" => number() })}</span>
                        <input
                            type="number"
                            min="1"
                            max="480"
                            inputmode="numeric"
                            prop:value=move || minutes().map(|m| m.to_string()).unwrap_or_default()
                            on:change=move |event| {
                                let value = event_target_value(&event)
                                    .trim()
                                    .parse::<i64>()
                                    .map_or(Value::Null, Value::Int);
                                set(id, "timebox_minutes", value);
                            }
                        />
                        <span aria-hidden="true">{move_tr!("meet-min")}</span>
                    </label>
                    <span class="agenda-actions">
                        <button
                            type="button"
                            class="quiet small"
                            disabled=move || number() == 1
                            aria-label=move || tr!("meet-item-up", { "title" => title() })
                            on:click=move |_| swap(id, -1)
                        >
                            "↑"
                        </button>
                        <button
                            type="button"
                            class="quiet small"
                            disabled=move || item.with(|(index, count, _)| index + 1 == *count)
                            aria-label=move || tr!("meet-item-down", { "title" => title() })
                            on:click=move |_| swap(id, 1)
                        >
                            "↓"
                        </button>
                        <button
                            type="button"
                            class="quiet small"
                            aria-label=move || tr!("meet-item-start", { "title" => title() })
                            on:click=move |_| {
                                let changes = gov.sync.view.with_untracked(|state| start_item(state, meeting, id, now()));
                                edit(changes);
                            }
                        >
                            "▶"
                        </button>
                        <button
                            type="button"
                            class="quiet small"
                            aria-label=move || tr!("meet-item-remove", { "title" => title() })
                            on:click=move |_| edit(vec![Change::Archive { id, archived: true }])
                        >
                            "×"
                        </button>
                    </span>
                </Show>
            </li>
        }
    };
    let ids =
        Memo::new(move |_| items.with(|list| list.iter().map(|item| item.id).collect::<Vec<_>>()));
    view! {
        <section class="agenda" aria-labelledby="agenda-title">
            <h3 id="agenda-title">{move_tr!("meet-agenda")}</h3>
            <Show when=move || ids.with(Vec::is_empty)>
                <p class="empty-note">{move_tr!("meet-agenda-empty")}</p>
            </Show>
            <ol class="agenda-items">
                <For each=move || ids.get() key=|id| *id let:id>
                    {row(id)}
                </For>
            </ol>
            <AgendaCheck check=check />
            <Problem problem=problem />
            <Show when=move || gov.facilitates()>
                <AddItem meeting=meeting problem=problem last=Signal::derive(move || items.with(|list| list.last().map(|item| item.order.clone()))) />
            </Show>
        </section>
    }
}

/// The total of the timeboxes against the meeting's length.
#[component]
fn AgendaCheck(check: Memo<archipel_core::governance::AgendaCheck>) -> impl IntoView {
    view! {
        <div class="agenda-check" class:over=move || { check.get().over_by() > 0 } role="status">
            <p>
                {move || {
                    let check = check.get();
                    match check.length {
                        Some(length) => tr!("meet-planned-of", { "planned" => check.planned, "length" => length }),
                        None => tr!("meet-planned", { "planned" => check.planned }),
                    }
                }}
            </p>
            {move || {
                let check = check.get();
                if check.over_by() > 0 {
                    Some(view! { <p class="over-by"><strong>{move_tr!("meet-over-by", { "minutes" => check.over_by() })}</strong></p> }.into_any())
                } else if check.length.is_some() && check.spare() > 0 {
                    Some(view! { <p>{move_tr!("meet-spare", { "minutes" => check.spare() })}</p> }.into_any())
                } else {
                    None
                }
            }}
            {move || {
                let untimed = check.get().untimed;
                (untimed > 0).then(|| view! { <p>{move_tr!("meet-untimed", { "count" => untimed })}</p> })
            }}
        </div>
    }
}

#[component]
fn AddItem(
    meeting: Id,
    problem: RwSignal<Option<String>>,
    last: Signal<Option<String>>,
) -> impl IntoView {
    let gov = use_gov();
    let title = RwSignal::new(String::new());
    let minutes = RwSignal::new("10".to_owned());
    let save = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        let order = order_keys_after(last.get_untracked().as_deref(), 1)
            .pop()
            .unwrap_or_default();
        let mut fields = vec![
            ("meeting", Value::Ref(meeting)),
            ("title", Value::text(title.get_untracked())),
            ("order", Value::Text(order)),
        ];
        if let Ok(minutes) = minutes.get_untracked().trim().parse::<i64>() {
            fields.push(("timebox_minutes", Value::Int(minutes)));
        }
        send_all(
            gov.sync,
            vec![Change::create(Kind::AgendaItem, new_id(), fields)],
            problem,
            move || title.set(String::new()),
        );
    };
    view! {
        <form class="gov-form add-item" on:submit=save>
            <label>
                {move_tr!("meet-new-item")}
                <input type="text" maxlength="200" required prop:value=move || title.get() on:input=move |event| title.set(event_target_value(&event)) />
            </label>
            <label>
                {move_tr!("meet-new-item-minutes")}
                <input type="number" min="1" max="480" inputmode="numeric" prop:value=move || minutes.get() on:input=move |event| minutes.set(event_target_value(&event)) />
            </label>
            <button type="submit">{move_tr!("meet-add-item")}</button>
        </form>
    }
}

/// The minutes of each item: facilitators write them (saved when the field
/// loses focus, or with the button); members read them.
#[component]
pub fn Minutes(meeting: Id) -> impl IntoView {
    let gov = use_gov();
    let problem = RwSignal::new(None::<String>);
    // Only titles and notes matter here: the console's clicks redraw nothing.
    let items = Memo::new(move |_| {
        gov.sync.view.with(|state| {
            item_rows(state, meeting)
                .into_iter()
                .map(|item| (item.id, item.title, item.notes))
                .collect::<Vec<_>>()
        })
    });
    let save = move |id: Id, text: String| {
        let change = gov.sync.view.with_untracked(|state| {
            let record = state.existing(id)?;
            (record.text("notes").unwrap_or_default() != text).then(|| {
                let value = if text.trim().is_empty() {
                    Value::Null
                } else {
                    Value::text(text)
                };
                Change::set(id, "notes", value, record.version_of("notes"))
            })
        });
        if let Some(change) = change {
            send_all(gov.sync, vec![change], problem, || {});
        }
    };
    view! {
        <section class="minutes" aria-labelledby="minutes-title">
            <h3 id="minutes-title">{move_tr!("meet-minutes-title")}</h3>
            <Problem problem=problem />
            <For each=move || items.with(|list| list.iter().map(|item| item.0).collect::<Vec<_>>()) key=|id| *id let:id>
                {
                    // Keyed by item: saving one item's notes redraws no other
                    // field, so moving on with Tab keeps the focus.
                    let row = Memo::new(move |_| {
                        items.with(|list| {
                            list.iter()
                                .find(|item| item.0 == id)
                                .map(|item| (item.1.clone(), item.2.clone()))
                                .unwrap_or_default()
                        })
                    });
                    let title = move || row.with(|row| row.0.clone());
                    let notes = move || row.with(|row| row.1.clone());
                    let draft = RwSignal::new(notes());
                    // Notes saved elsewhere show here too.
                    Effect::new(move |_| draft.set(notes()));
                    let field = format!("notes-{id}");
                    view! {
                        <div class="minutes-item">
                            <Show
                                when=move || gov.facilitates()
                                fallback=move || {
                                    view! {
                                        <h4>{title}</h4>
                                        {move || {
                                            let text = notes();
                                            if text.is_empty() {
                                                view! { <p class="empty-note">{move_tr!("meet-no-notes")}</p> }.into_any()
                                            } else {
                                                view! { <p class="plain-text">{text}</p> }.into_any()
                                            }
                                        }}
                                    }
                                }
                            >
                                <label for=field.clone()>{move || tr!("meet-notes-for", { "title" => title() })}</label>
                                <textarea
                                    id=field.clone()
                                    rows="3"
                                    maxlength="10000"
                                    prop:value=move || draft.get()
                                    on:input=move |event| draft.set(event_target_value(&event))
                                    on:blur=move |_| save(id, draft.get_untracked())
                                ></textarea>
                                <button type="button" class="small" on:click=move |_| save(id, draft.get_untracked())>
                                    {move || tr!("meet-save-notes", { "title" => title() })}
                                </button>
                            </Show>
                        </div>
                    }
                }
            </For>
        </section>
    }
}

/// One retrospective column's entries: (id, text, author's name).
type Column = Vec<(Id, String, String)>;

/// A retrospective's three columns (seed 003): what worked, what did not,
/// ideas. Every member may add to them.
#[component]
pub fn Feedback(meeting: Id) -> impl IntoView {
    let gov = use_gov();
    let problem = RwSignal::new(None::<String>);
    let columns = Memo::new(move |_| {
        gov.sync.view.with(|state| {
            let mut entries: Vec<(&str, Id, String, String)> = state
                .of_kind(Kind::Feedback)
                .filter(|f| f.is_live() && f.reference("meeting") == Some(meeting))
                .map(|f| {
                    let author = f
                        .reference("person")
                        .or(f.created_by)
                        .map(|person| person_name(state, person))
                        .unwrap_or_default();
                    (
                        f.text("kind").unwrap_or("idea"),
                        f.id,
                        f.text("text").unwrap_or_default().to_owned(),
                        author,
                    )
                })
                .collect();
            archipel_core::sort::sort_by_key(&mut entries, |entry| entry.1);
            let column = |kind: &str| -> Column {
                entries
                    .iter()
                    .filter(|entry| entry.0 == kind)
                    .map(|entry| (entry.1, entry.2.clone(), entry.3.clone()))
                    .collect()
            };
            [column("worked"), column("didnt"), column("idea")]
        })
    });
    let column = move |index: usize, kind: &'static str, title: Signal<String>| {
        let text = RwSignal::new(String::new());
        let heading = format!("feedback-{kind}");
        let add = move |event: leptos::ev::SubmitEvent| {
            event.prevent_default();
            let mut fields = vec![
                ("meeting", Value::Ref(meeting)),
                ("kind", Value::text(kind)),
                ("text", Value::text(text.get_untracked())),
            ];
            if let Some(me) = gov.me.get_untracked() {
                fields.push(("person", Value::Ref(me)));
            }
            send_all(
                gov.sync,
                vec![Change::create(Kind::Feedback, new_id(), fields)],
                problem,
                move || text.set(String::new()),
            );
        };
        view! {
            <section class="feedback-column" data-kind=kind aria-labelledby=heading.clone()>
                <h4 id=heading.clone()>{title}</h4>
                <ul>
                    {move || {
                        columns.with(|all| all[index].clone())
                            .into_iter()
                            .map(|(_, text, author)| {
                                view! {
                                    <li>
                                        <span class="plain-text">{text}</span>
                                        {(!author.is_empty()).then(|| view! { <span class="gov-meta">" — " {author}</span> })}
                                    </li>
                                }
                            })
                            .collect_view()
                    }}
                </ul>
                <form class="gov-form" on:submit=add>
                    <label>
                        {move_tr!("meet-feedback-add-label", { "column" => title.get() })}
                        <textarea rows="2" maxlength="2000" required prop:value=move || text.get() on:input=move |event| text.set(event_target_value(&event))></textarea>
                    </label>
                    <button type="submit" class="small">{move_tr!("meet-feedback-add")}</button>
                </form>
            </section>
        }
    };
    view! {
        <section class="feedback" aria-labelledby="feedback-title">
            <h3 id="feedback-title">{move_tr!("meet-feedback")}</h3>
            <Problem problem=problem />
            <div class="feedback-columns">
                {column(0, "worked", move_tr!("meet-feedback-worked"))}
                {column(1, "didnt", move_tr!("meet-feedback-didnt"))}
                {column(2, "idea", move_tr!("meet-feedback-ideas"))}
            </div>
        </section>
    }
}
