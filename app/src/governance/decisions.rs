//! The governance board's decisions log: what was decided, how (consent,
//! consensus, vote, advice), its status, when, and when to review it;
//! filtered and searched, with the decisions to review this month first.
//! Facilitators record and edit decisions (here or from a meeting);
//! everyone reads them. A decision's text is shown as plain text with its
//! line breaks, never rendered as HTML.

use crate::{move_tr, tr};
use archipel_core::governance::{DecisionFilter, decisions, to_review};
use archipel_core::schema::{DECISION_PROCESSES, DECISION_STATUSES};
use archipel_core::{Change, Date, FieldWrite, Id, Kind, State, Value};
use leptos::prelude::*;

use super::meetings::{iso_day, meeting_href, parse_day};
use super::{Problem, date_text, options, pole_choices, pole_name, send_all, today, use_gov};
use crate::sync::new_id;

/// How a decision was made, in the current language.
fn process_label(process: &str) -> String {
    match process {
        "consensus" => tr!("dec-process-consensus"),
        "vote" => tr!("dec-process-vote"),
        "advice" => tr!("dec-process-advice"),
        _ => tr!("dec-process-consent"),
    }
}

/// A decision's status, in the current language.
fn status_label(status: &str) -> String {
    match status {
        "proposed" => tr!("dec-status-proposed"),
        "rejected" => tr!("dec-status-rejected"),
        "superseded" => tr!("dec-status-superseded"),
        _ => tr!("dec-status-adopted"),
    }
}

/// One decision as the log shows it.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
struct Row {
    id: Id,
    title: String,
    text: String,
    pole: Option<String>,
    meeting: Option<(Id, String)>,
    process: String,
    status: String,
    decided_on: Option<Date>,
    review_on: Option<Date>,
}

fn row(state: &State, id: Id) -> Option<Row> {
    let record = state.existing(id)?;
    let text = |field: &str| record.text(field).unwrap_or_default().to_owned();
    Some(Row {
        id,
        title: text("title"),
        text: text("text"),
        pole: record.reference("pole").map(|pole| pole_name(state, pole)),
        meeting: record.reference("meeting").and_then(|meeting| {
            state
                .existing(meeting)
                .map(|m| (meeting, m.text("title").unwrap_or_default().to_owned()))
        }),
        process: text("process"),
        status: record.text("status").unwrap_or("adopted").to_owned(),
        decided_on: record.get("decided_on").as_date(),
        review_on: record.get("review_on").as_date(),
    })
}

/// The decisions tab.
#[component]
pub fn DecisionsTab() -> impl IntoView {
    let gov = use_gov();
    let adding = RwSignal::new(false);
    let search = RwSignal::new(String::new());
    let pole = RwSignal::new(String::new());
    let process = RwSignal::new(String::new());
    let status = RwSignal::new(String::new());
    let poles = Memo::new(move |_| gov.sync.view.with(pole_choices));
    let review = Memo::new(move |_| gov.sync.view.with(|state| to_review(state, today())));
    let found = Memo::new(move |_| {
        let chosen = |value: String| (!value.is_empty()).then_some(value);
        let filter = DecisionFilter {
            pole: pole.get().parse::<Id>().ok(),
            process: chosen(process.get()),
            status: chosen(status.get()),
            text: chosen(search.get()),
            meeting: None,
        };
        gov.sync.view.with(|state| decisions(state, &filter))
    });
    view! {
        <div class="gov-tab decisions">
            <h2>{move_tr!("dec-title")}</h2>
            <Show when=move || gov.facilitates()>
                <Show
                    when=move || adding.get()
                    fallback=move || {
                        view! {
                            <button type="button" class="primary" on:click=move |_| adding.set(true)>
                                {move_tr!("dec-new")}
                            </button>
                        }
                    }
                >
                    <DecisionForm meeting=None pole=None editing=None on_done=move || adding.set(false) />
                </Show>
            </Show>
            <section class="to-review" aria-labelledby="dec-review-title">
                <h3 id="dec-review-title">{move_tr!("dec-to-review")}</h3>
                <Show
                    when=move || !review.with(Vec::is_empty)
                    fallback=|| view! { <p class="empty-note">{move_tr!("dec-none-to-review")}</p> }
                >
                    <DecisionList ids=review.into() />
                </Show>
            </section>
            <section class="decision-log" aria-labelledby="dec-log-title">
                <h3 id="dec-log-title">{move_tr!("dec-log")}</h3>
                <form class="gov-filters" role="search" on:submit=|event| event.prevent_default()>
                    <label>
                        {move_tr!("dec-search")}
                        <input type="search" prop:value=move || search.get() on:input=move |event| search.set(event_target_value(&event)) />
                    </label>
                    <label>
                        {move_tr!("dec-field-pole")}
                        <select on:change=move |event| pole.set(event_target_value(&event))>
                            <option value="">{move_tr!("dec-any")}</option>
                            {move || options(poles.get(), None)}
                        </select>
                    </label>
                    <label>
                        {move_tr!("dec-field-process")}
                        <select on:change=move |event| process.set(event_target_value(&event))>
                            <option value="">{move_tr!("dec-any")}</option>
                            {DECISION_PROCESSES
                                .iter()
                                .map(|value| view! { <option value=*value>{move || process_label(value)}</option> })
                                .collect_view()}
                        </select>
                    </label>
                    <label>
                        {move_tr!("dec-field-status")}
                        <select on:change=move |event| status.set(event_target_value(&event))>
                            <option value="">{move_tr!("dec-any")}</option>
                            {DECISION_STATUSES
                                .iter()
                                .map(|value| view! { <option value=*value>{move || status_label(value)}</option> })
                                .collect_view()}
                        </select>
                    </label>
                </form>
                <p class="gov-meta" role="status">{move || tr!("dec-count", { "count" => found.with(Vec::len) })}</p>
                <DecisionList ids=found.into() />
            </section>
        </div>
    }
}

/// Decisions, one card each; facilitators may edit them in place.
#[component]
pub fn DecisionList(ids: Signal<Vec<Id>>) -> impl IntoView {
    let gov = use_gov();
    let rows = Memo::new(move |_| {
        let ids = ids.get();
        gov.sync.view.with(|state| {
            ids.iter()
                .filter_map(|&id| row(state, id))
                .collect::<Vec<_>>()
        })
    });
    view! {
        <ul class="gov-list decision-list">
            <For each=move || rows.get() key=|row| row.clone() let:row>
                <DecisionCard row=row />
            </For>
        </ul>
    }
}

#[component]
fn DecisionCard(row: Row) -> impl IntoView {
    let gov = use_gov();
    let editing = RwSignal::new(false);
    let Row {
        id,
        title,
        text,
        pole,
        meeting,
        process,
        status,
        decided_on,
        review_on,
    } = row;
    let label = StoredValue::new(title.clone());
    let kind = status.clone();
    // The map panel links to one decision: `?decision=<id>`.
    let query = leptos_router::hooks::use_query_map();
    let wanted = move || {
        query.with(|q| q.get_str("decision").and_then(|d| d.parse::<Id>().ok())) == Some(id)
    };
    view! {
        <li class="card decision" data-status=kind class:highlight=wanted>
            <h4>{title}</h4>
            <p class="gov-meta">
                <span class="badge">{move || status_label(&status)}</span>
                " "
                {move || process_label(&process)}
                {pole.map(|pole| view! { " · " {pole} })}
            </p>
            <p class="gov-meta">
                {decided_on.map(|day| view! { <span>{move_tr!("dec-decided-on", { "date" => date_text(day) })}</span> " " })}
                {review_on.map(|day| view! { <span>{move_tr!("dec-review-on", { "date" => date_text(day) })}</span> })}
            </p>
            {(!text.is_empty()).then(|| view! { <p class="plain-text">{text}</p> })}
            {meeting.map(|(meeting, name)| view! {
                <p class="gov-meta">{move_tr!("dec-from-meeting")} " " <a href=meeting_href(meeting)>{name}</a></p>
            })}
            <Show when=move || gov.facilitates()>
                <button
                    type="button"
                    class="quiet small"
                    aria-expanded=move || editing.get().to_string()
                    aria-label=move || tr!("dec-edit-named", { "title" => label.get_value() })
                    on:click=move |_| editing.update(|on| *on = !*on)
                >
                    {move_tr!("dec-edit")}
                </button>
                <Show when=move || editing.get()>
                    <DecisionForm meeting=None pole=None editing=Some(id) on_done=move || editing.set(false) />
                </Show>
            </Show>
        </li>
    }
}

/// Records a decision (linked to `meeting` and `pole` when given), or edits
/// the decision `editing`.
#[component]
pub fn DecisionForm(
    meeting: Option<Id>,
    pole: Option<Id>,
    editing: Option<Id>,
    on_done: impl Fn() + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let gov = use_gov();
    let problem = RwSignal::new(None::<String>);
    let record = editing.and_then(|id| {
        gov.sync
            .view
            .with_untracked(|state| state.existing(id).cloned())
    });
    let text_of = |field: &str, default: &str| {
        record
            .as_ref()
            .and_then(|r| r.text(field))
            .unwrap_or(default)
            .to_owned()
    };
    let day_of = |field: &str| {
        record
            .as_ref()
            .and_then(|r| r.get(field).as_date())
            .map(iso_day)
            .unwrap_or_default()
    };
    let title = RwSignal::new(text_of("title", ""));
    let text = RwSignal::new(text_of("text", ""));
    let process = RwSignal::new(text_of("process", "consent"));
    let status = RwSignal::new(text_of("status", "adopted"));
    let chosen_pole = record.as_ref().map_or(pole, |r| r.reference("pole"));
    let pole_value = RwSignal::new(chosen_pole.map(|id| id.to_string()).unwrap_or_default());
    let decided = RwSignal::new(if record.is_some() {
        day_of("decided_on")
    } else {
        iso_day(today())
    });
    let review = RwSignal::new(day_of("review_on"));
    let poles = gov.sync.view.with_untracked(pole_choices);
    let save = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        let day = |value: String| parse_day(&value).map_or(Value::Null, Value::Date);
        let body = text.get_untracked();
        let values = [
            ("title", Value::text(title.get_untracked())),
            (
                "text",
                if body.trim().is_empty() {
                    Value::Null
                } else {
                    Value::text(body)
                },
            ),
            (
                "pole",
                pole_value
                    .get_untracked()
                    .parse::<Id>()
                    .map_or(Value::Null, Value::Ref),
            ),
            ("process", Value::text(process.get_untracked())),
            ("status", Value::text(status.get_untracked())),
            ("decided_on", day(decided.get_untracked())),
            ("review_on", day(review.get_untracked())),
        ];
        let change = match editing {
            Some(id) => {
                let Some(current) = gov
                    .sync
                    .view
                    .with_untracked(|state| state.existing(id).cloned())
                else {
                    return;
                };
                Change::Set {
                    id,
                    fields: values
                        .into_iter()
                        .map(|(field, value)| {
                            FieldWrite::new(field, value, current.version_of(field))
                        })
                        .collect(),
                }
            }
            None => {
                let mut fields: Vec<(&str, Value)> = values
                    .into_iter()
                    .filter(|(_, value)| !value.is_null())
                    .collect();
                if let Some(meeting) = meeting {
                    fields.push(("meeting", Value::Ref(meeting)));
                }
                Change::create(Kind::Decision, new_id(), fields)
            }
        };
        send_all(gov.sync, vec![change], problem, on_done);
    };
    view! {
        <form class="gov-form card decision-form" on:submit=save>
            <label>
                {move_tr!("dec-field-title")}
                <input type="text" maxlength="200" required prop:value=move || title.get() on:input=move |event| title.set(event_target_value(&event)) />
            </label>
            <label>
                {move_tr!("dec-field-text")}
                <textarea rows="4" maxlength="20000" prop:value=move || text.get() on:input=move |event| text.set(event_target_value(&event))></textarea>
            </label>
            <label>
                {move_tr!("dec-field-pole")}
                <select on:change=move |event| pole_value.set(event_target_value(&event))>
                    <option value="" selected=chosen_pole.is_none()>{move_tr!("dec-no-pole")}</option>
                    {options(poles, chosen_pole)}
                </select>
            </label>
            <label>
                {move_tr!("dec-field-process")}
                <select on:change=move |event| process.set(event_target_value(&event))>
                    {DECISION_PROCESSES
                        .iter()
                        .map(|value| view! { <option value=*value selected=move || process.get() == *value>{move || process_label(value)}</option> })
                        .collect_view()}
                </select>
            </label>
            <label>
                {move_tr!("dec-field-status")}
                <select on:change=move |event| status.set(event_target_value(&event))>
                    {DECISION_STATUSES
                        .iter()
                        .map(|value| view! { <option value=*value selected=move || status.get() == *value>{move || status_label(value)}</option> })
                        .collect_view()}
                </select>
            </label>
            <div class="row two">
                <label>
                    {move_tr!("dec-field-decided")}
                    <input type="date" prop:value=move || decided.get() on:input=move |event| decided.set(event_target_value(&event)) />
                </label>
                <label>
                    {move_tr!("dec-field-review")}
                    <input type="date" prop:value=move || review.get() on:input=move |event| review.set(event_target_value(&event)) />
                </label>
            </div>
            <Problem problem=problem />
            <div class="row">
                <button type="submit" class="primary">{move_tr!("dec-save")}</button>
                <button type="button" class="quiet" on:click=move |_| on_done()>{move_tr!("dec-cancel")}</button>
            </div>
        </form>
    }
}
