//! The governance board's meetings tab: the list (upcoming first, then
//! past), a new meeting from a template, and one meeting's page — its
//! details, the agenda editor ([`super::meetings_agenda`]), the facilitator's
//! console and speaking time ([`super::console`]), minutes per item, the
//! retrospective's columns and the decisions recorded during it.
//!
//! Which meeting is open is the `reunion` query parameter, so a meeting has
//! an address people can share. Facilitators and admins create and run
//! meetings; members read them (and add to a retrospective's columns).

use crate::{move_tr, tr};
use archipel_core::governance::{DecisionFilter, decisions, template};
use archipel_core::schema::MEETING_TEMPLATES;
use archipel_core::validate::order_keys_after;
use archipel_core::{Change, Date, Id, Kind, Record, State, Value};
use leptos::prelude::*;
use leptos_router::hooks::{use_navigate, use_query_map};
use wasm_bindgen::JsValue;

use super::console::Console;
use super::decisions::{DecisionForm, DecisionList};
use super::meetings_agenda::{AgendaEditor, Feedback, Minutes};
use super::{
    Problem, Tab, date_text, now, people_choices, person_name, pole_choices, pole_name, send_all,
    tab_href, today, use_gov,
};
use crate::sync::new_id;

/// A template's name in the current language.
pub fn template_label(name: &str) -> String {
    match name {
        "strategic" => tr!("meet-template-strategic"),
        "retrospective" => tr!("meet-template-retrospective"),
        _ => tr!("meet-template-thematic"),
    }
}

/// The title a template gives one of its items, in the current language.
fn template_item_title(key: &str) -> String {
    match key {
        "weather" => tr!("meet-item-weather"),
        "strategy" => tr!("meet-item-strategy"),
        "decisions" => tr!("meet-item-decisions"),
        "closing" => tr!("meet-item-closing"),
        "theme_intro" => tr!("meet-item-theme-intro"),
        "theme_discussion" => tr!("meet-item-theme-discussion"),
        "worked" => tr!("meet-item-worked"),
        "didnt" => tr!("meet-item-didnt"),
        _ => tr!("meet-item-ideas"),
    }
}

/// The local calendar day and wall-clock time of an instant (ms).
fn local_parts(ms: i64) -> (i32, u32, u32, u32, u32) {
    let date = js_sys::Date::new(&JsValue::from_f64(ms as f64));
    (
        date.get_full_year() as i32,
        date.get_month() + 1,
        date.get_date(),
        date.get_hours(),
        date.get_minutes(),
    )
}

/// "22/11/2026 à 18:30": an instant as people read it, in local time.
#[must_use]
pub fn when_text(ms: i64) -> String {
    let (year, month, day, hour, minute) = local_parts(ms);
    let date = Date::from_ymd(year, month, day).map_or_else(String::new, date_text);
    tr!("meet-when", { "date" => date, "time" => format!("{hour:02}:{minute:02}") })
}

/// The instant of a local `YYYY-MM-DD` day at `HH:MM`, if both read.
fn local_instant(day: &str, time: &str) -> Option<i64> {
    let mut parts = day.trim().splitn(3, '-').map(str::parse::<u32>);
    let (year, month, date) = (
        parts.next()?.ok()?,
        parts.next()?.ok()?,
        parts.next()?.ok()?,
    );
    let (hour, minute) = time.trim().split_once(':')?;
    let (hour, minute) = (hour.parse::<u32>().ok()?, minute.parse::<u32>().ok()?);
    Date::from_ymd(year as i32, month, date)?;
    let instant = js_sys::Date::new_with_year_month_day_hr_min(
        year,
        month as i32 - 1,
        date as i32,
        hour as i32,
        minute as i32,
    );
    let ms = instant.get_time();
    ms.is_finite().then_some(ms as i64)
}

/// `YYYY-MM-DD` of a date, as date inputs want it.
#[must_use]
pub fn iso_day(date: Date) -> String {
    let (year, month, day) = date.ymd();
    format!("{year:04}-{month:02}-{day:02}")
}

/// A date input's value, if it reads as a day.
#[must_use]
pub fn parse_day(text: &str) -> Option<Date> {
    let mut parts = text.trim().splitn(3, '-').map(str::parse::<u32>);
    let (year, month, day) = (
        parts.next()?.ok()?,
        parts.next()?.ok()?,
        parts.next()?.ok()?,
    );
    Date::from_ymd(year as i32, month, day)
}

/// The address of one meeting's page.
#[must_use]
pub fn meeting_href(id: Id) -> String {
    tab_href(Tab::Meetings, &[("reunion", id.to_string())])
}

/// The meetings tab: one meeting when the address names it, else the list.
#[component]
pub fn MeetingsTab() -> impl IntoView {
    let query = use_query_map();
    let open = Memo::new(move |_| {
        query.with(|q| q.get_str("reunion").and_then(|id| id.parse::<Id>().ok()))
    });
    view! {
        <div class="gov-tab meetings">
            {move || match open.get() {
                Some(id) => view! { <MeetingPage id=id /> }.into_any(),
                None => view! { <MeetingList /> }.into_any(),
            }}
        </div>
    }
}

/// One line of the meetings list.
#[derive(Debug, Clone, PartialEq, Eq)]
struct MeetingRow {
    id: Id,
    title: String,
    theme: String,
    starts_at: i64,
    minutes: Option<i64>,
    template: String,
    ended: bool,
}

fn meeting_row(record: &Record) -> MeetingRow {
    MeetingRow {
        id: record.id,
        title: record.text("title").unwrap_or_default().to_owned(),
        theme: record.text("theme").unwrap_or_default().to_owned(),
        starts_at: record.get("starts_at").as_time().unwrap_or_default(),
        minutes: record.get("duration_minutes").as_int(),
        template: record.text("template").unwrap_or_default().to_owned(),
        ended: record.get("ended_at").as_time().is_some(),
    }
}

/// Upcoming meetings (not ended, not over yet), soonest first; then past
/// ones, latest first.
fn meeting_rows(state: &State, now: i64) -> (Vec<MeetingRow>, Vec<MeetingRow>) {
    let (mut upcoming, mut past): (Vec<MeetingRow>, Vec<MeetingRow>) = state
        .of_kind(Kind::Meeting)
        .filter(|meeting| meeting.is_live())
        .map(meeting_row)
        .partition(|row| !row.ended && row.starts_at + row.minutes.unwrap_or(0) * 60_000 >= now);
    archipel_core::sort::sort_by_key(&mut upcoming, |row| (row.starts_at, row.id));
    archipel_core::sort::sort_by_key(&mut past, |row| (std::cmp::Reverse(row.starts_at), row.id));
    (upcoming, past)
}

#[component]
fn MeetingList() -> impl IntoView {
    let gov = use_gov();
    let creating = RwSignal::new(false);
    let rows = Memo::new(move |_| gov.sync.view.with(|state| meeting_rows(state, now())));
    let list = |rows: Vec<MeetingRow>| {
        if rows.is_empty() {
            return view! { <p class="empty-note">{move_tr!("meet-none")}</p> }.into_any();
        }
        view! {
            <ul class="gov-list meeting-list">
                {rows
                    .into_iter()
                    .map(|row| {
                        let when = row.starts_at;
                        let template = row.template.clone();
                        view! {
                            <li class="card meeting-row">
                                <h4><a href=meeting_href(row.id)>{row.title}</a></h4>
                                <p class="gov-meta">
                                    {move || when_text(when)}
                                    {row.minutes.map(|minutes| view! { " · " {move || tr!("meet-minutes", { "minutes" => minutes })} })}
                                    {(!template.is_empty()).then(|| view! { " · " {move || template_label(&template)} })}
                                </p>
                                <p class="meeting-theme">{move_tr!("meet-theme-is", { "theme" => row.theme.clone() })}</p>
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
        }
        .into_any()
    };
    view! {
        <h2>{move_tr!("meet-title")}</h2>
        <Show when=move || gov.facilitates()>
            <Show
                when=move || creating.get()
                fallback=move || {
                    view! {
                        <button type="button" class="primary" on:click=move |_| creating.set(true)>
                            {move_tr!("meet-new")}
                        </button>
                    }
                }
            >
                <NewMeeting on_cancel=move || creating.set(false) />
            </Show>
        </Show>
        <section aria-labelledby="meet-upcoming">
            <h3 id="meet-upcoming">{move_tr!("meet-upcoming")}</h3>
            {move || list(rows.get().0)}
        </section>
        <section aria-labelledby="meet-past">
            <h3 id="meet-past">{move_tr!("meet-past")}</h3>
            {move || list(rows.get().1)}
        </section>
    }
}

/// A group of checkboxes choosing some of `choices` into `chosen`.
#[component]
fn Choices(
    /// The group's name.
    legend: Signal<String>,
    /// What may be chosen.
    choices: Memo<Vec<(Id, String)>>,
    /// What is chosen.
    chosen: RwSignal<Vec<Id>>,
) -> impl IntoView {
    view! {
        <fieldset class="choices">
            <legend>{legend}</legend>
            <div class="choice-box">
                {move || choices
                    .get()
                    .into_iter()
                    .map(|(id, name)| {
                        view! {
                            <label class="choice">
                                <input
                                    type="checkbox"
                                    prop:checked=move || chosen.with(|list| list.contains(&id))
                                    on:change=move |event| {
                                        let on = event_target_checked(&event);
                                        chosen
                                            .update(|list| {
                                                list.retain(|other| *other != id);
                                                if on {
                                                    list.push(id);
                                                }
                                            });
                                    }
                                />
                                {name}
                            </label>
                        }
                    })
                    .collect_view()}
            </div>
        </fieldset>
    }
}

/// A new meeting from a template: the meeting and its template's agenda.
/// The fields a meeting is created and edited with: title, theme, day,
/// time, length and place (the same inputs in both forms).
#[component]
fn MeetingFields(
    title: RwSignal<String>,
    theme: RwSignal<String>,
    day: RwSignal<String>,
    time: RwSignal<String>,
    length: RwSignal<String>,
    place: RwSignal<String>,
) -> impl IntoView {
    view! {
        <label>
            {move_tr!("meet-field-title")}
            <input type="text" maxlength="200" required prop:value=move || title.get() on:input=move |event| title.set(event_target_value(&event)) />
        </label>
        <label>
            {move_tr!("meet-field-theme")}
            <input type="text" maxlength="200" required prop:value=move || theme.get() on:input=move |event| theme.set(event_target_value(&event)) />
        </label>
        <div class="row two">
            <label>
                {move_tr!("meet-field-day")}
                <input type="date" required prop:value=move || day.get() on:input=move |event| day.set(event_target_value(&event)) />
            </label>
            <label>
                {move_tr!("meet-field-time")}
                <input type="time" required prop:value=move || time.get() on:input=move |event| time.set(event_target_value(&event)) />
            </label>
        </div>
        <label>
            {move_tr!("meet-field-length")}
            <input type="number" min="5" max="1440" inputmode="numeric" prop:value=move || length.get() on:input=move |event| length.set(event_target_value(&event)) />
        </label>
        <label>
            {move_tr!("meet-field-place")}
            <input type="text" maxlength="300" prop:value=move || place.get() on:input=move |event| place.set(event_target_value(&event)) />
        </label>
    }
}

#[component]
fn NewMeeting(on_cancel: impl Fn() + Copy + Send + Sync + 'static) -> impl IntoView {
    let gov = use_gov();
    let navigate = StoredValue::new_local(use_navigate());
    let problem = RwSignal::new(None::<String>);
    let kind = RwSignal::new("thematic".to_owned());
    let title = RwSignal::new(String::new());
    let theme = RwSignal::new(String::new());
    let day = RwSignal::new(iso_day(today()));
    let time = RwSignal::new("18:30".to_owned());
    let length = RwSignal::new(template("thematic").1.to_string());
    let place = RwSignal::new(String::new());
    let participants = RwSignal::new(Vec::<Id>::new());
    let poles = RwSignal::new(Vec::<Id>::new());
    let people = Memo::new(move |_| gov.sync.view.with(people_choices));
    let pole_list = Memo::new(move |_| gov.sync.view.with(pole_choices));
    let save = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        let Some(starts_at) = local_instant(&day.get_untracked(), &time.get_untracked()) else {
            problem.set(Some(tr!("meet-bad-date")));
            return;
        };
        let name = kind.get_untracked();
        let id = new_id();
        let mut fields = vec![
            ("title", Value::text(title.get_untracked())),
            ("theme", Value::text(theme.get_untracked())),
            ("starts_at", Value::Time(starts_at)),
            ("template", Value::text(name.clone())),
        ];
        if let Ok(minutes) = length.get_untracked().trim().parse::<i64>() {
            fields.push(("duration_minutes", Value::Int(minutes)));
        }
        let where_ = place.get_untracked();
        if !where_.trim().is_empty() {
            fields.push(("place", Value::text(where_)));
        }
        let people = participants.get_untracked();
        if !people.is_empty() {
            fields.push(("participants", Value::Refs(people.into_iter().collect())));
        }
        let chosen_poles = poles.get_untracked();
        if !chosen_poles.is_empty() {
            fields.push(("poles", Value::Refs(chosen_poles.into_iter().collect())));
        }
        let (items, _) = template(&name);
        let keys = order_keys_after(None, items.len());
        let mut changes = vec![Change::create(Kind::Meeting, id, fields)];
        changes.extend(items.iter().zip(keys).map(|(item, order)| {
            Change::create(
                Kind::AgendaItem,
                new_id(),
                [
                    ("meeting", Value::Ref(id)),
                    ("title", Value::text(template_item_title(item.key))),
                    ("timebox_minutes", Value::Int(item.minutes)),
                    ("order", Value::Text(order)),
                ],
            )
        }));
        send_all(gov.sync, changes, problem, move || {
            navigate.with_value(|go| go(&meeting_href(id), Default::default()));
        });
    };
    view! {
        <form class="gov-form card new-meeting" on:submit=save aria-labelledby="new-meeting-title">
            <h3 id="new-meeting-title">{move_tr!("meet-new")}</h3>
            <label>
                {move_tr!("meet-template")}
                <select on:change=move |event| {
                    let name = event_target_value(&event);
                    length.set(template(&name).1.to_string());
                    kind.set(name);
                }>
                    {MEETING_TEMPLATES
                        .iter()
                        .map(|name| {
                            view! {
                                <option value=*name selected=*name == "thematic">
                                    {move || template_label(name)}
                                </option>
                            }
                        })
                        .collect_view()}
                </select>
            </label>
            <MeetingFields title=title theme=theme day=day time=time length=length place=place />
            <Choices legend=move_tr!("meet-field-participants") choices=people chosen=participants />
            <Choices legend=move_tr!("meet-field-poles") choices=pole_list chosen=poles />
            <Problem problem=problem />
            <div class="row">
                <button type="submit" class="primary">{move_tr!("meet-create")}</button>
                <button type="button" class="quiet" on:click=move |_| on_cancel()>{move_tr!("meet-cancel")}</button>
            </div>
        </form>
    }
}

/// What a meeting's page shows at its head.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Head {
    row: MeetingRow,
    place: String,
    link: String,
    participants: Vec<(Id, String)>,
    poles: Vec<(Id, String)>,
}

fn head(state: &State, id: Id) -> Option<Head> {
    let record = state.existing(id).filter(|r| r.kind == Kind::Meeting)?;
    let names = |field: &str, name: fn(&State, Id) -> String| {
        let mut list: Vec<(Id, String)> = record
            .get(field)
            .as_refs()
            .into_iter()
            .flatten()
            .map(|&other| (other, name(state, other)))
            .collect();
        archipel_core::sort::sort_by_cached_key(&mut list, |(other, name)| {
            (archipel_core::fold(name), *other)
        });
        list
    };
    Some(Head {
        row: meeting_row(record),
        place: record.text("place").unwrap_or_default().to_owned(),
        link: record.text("link").unwrap_or_default().to_owned(),
        participants: names("participants", person_name),
        poles: names("poles", pole_name),
    })
}

#[component]
fn MeetingPage(id: Id) -> impl IntoView {
    let gov = use_gov();
    let head = Memo::new(move |_| gov.sync.view.with(|state| head(state, id)));
    let exists = move || head.with(Option::is_some);
    view! {
        <p class="back"><a href=tab_href(Tab::Meetings, &[])>{move_tr!("meet-back")}</a></p>
        <Show when=exists fallback=|| view! { <p class="empty-note">{move_tr!("meet-not-found")}</p> }>
            <MeetingHead id=id head=head />
            <AgendaEditor meeting=id />
            <Console meeting=id />
            <Minutes meeting=id />
            <Show when=move || head.with(|h| h.as_ref().is_some_and(|h| h.row.template == "retrospective"))>
                <Feedback meeting=id />
            </Show>
            <MeetingDecisions id=id first_pole=Signal::derive(move || head.with(|h| h.as_ref().and_then(|h| h.poles.first().map(|p| p.0)))) />
        </Show>
    }
}

#[component]
fn MeetingHead(id: Id, head: Memo<Option<Head>>) -> impl IntoView {
    let gov = use_gov();
    let editing = RwSignal::new(false);
    let field = move |read: fn(&Head) -> String| {
        move || head.with(|h| h.as_ref().map(read).unwrap_or_default())
    };
    view! {
        <header class="meeting-head">
            <h2>{field(|h| h.row.title.clone())}</h2>
            <p class="gov-meta">
                {move || head.with(|h| h.as_ref().map(|h| when_text(h.row.starts_at)))}
                {move || head.with(|h| h.as_ref().and_then(|h| h.row.minutes).map(|minutes| format!(" · {}", tr!("meet-minutes", { "minutes" => minutes }))))}
                {move || head.with(|h| h.as_ref().filter(|h| !h.row.template.is_empty()).map(|h| format!(" · {}", template_label(&h.row.template))))}
            </p>
            <p class="meeting-theme">{move || tr!("meet-theme-is", { "theme" => field(|h| h.row.theme.clone())() })}</p>
            {move || {
                let place = field(|h| h.place.clone())();
                (!place.is_empty()).then(|| view! { <p class="gov-meta">{move_tr!("meet-place-is", { "place" => place.clone() })}</p> })
            }}
            {move || {
                let link = field(|h| h.link.clone())();
                (!link.is_empty()).then(|| view! { <p><a href=link.clone() rel="noopener noreferrer" target="_blank">{move_tr!("meet-join-link")}</a></p> })
            }}
            <p class="gov-meta">
                {move_tr!("meet-participants")} " "
                {move || {
                    let names: Vec<String> = head.with(|h| h.as_ref().map(|h| h.participants.iter().map(|p| p.1.clone()).collect()).unwrap_or_default());
                    if names.is_empty() { tr!("meet-nobody") } else { names.join(", ") }
                }}
            </p>
            {move || {
                let poles: Vec<String> = head.with(|h| h.as_ref().map(|h| h.poles.iter().map(|p| p.1.clone()).collect()).unwrap_or_default());
                (!poles.is_empty()).then(|| view! { <p class="gov-meta">{move_tr!("meet-poles")} " " {poles.join(", ")}</p> })
            }}
            <Show when=move || gov.facilitates()>
                <button type="button" class="quiet" aria-expanded=move || editing.get().to_string() on:click=move |_| editing.update(|on| *on = !*on)>
                    {move_tr!("meet-edit")}
                </button>
                <Show when=move || editing.get()>
                    <EditMeeting id=id on_done=move || editing.set(false) />
                </Show>
            </Show>
        </header>
    }
}

/// Edits a meeting's details; participants and pôles are added and removed
/// one by one (sets merge without conflict).
#[component]
fn EditMeeting(id: Id, on_done: impl Fn() + Copy + Send + Sync + 'static) -> impl IntoView {
    let gov = use_gov();
    let problem = RwSignal::new(None::<String>);
    let Some(record) = gov
        .sync
        .view
        .with_untracked(|state| state.existing(id).cloned())
    else {
        return ().into_any();
    };
    let text = |field: &str| record.text(field).unwrap_or_default().to_owned();
    let title = RwSignal::new(text("title"));
    let theme = RwSignal::new(text("theme"));
    let place = RwSignal::new(text("place"));
    let link = RwSignal::new(text("link"));
    let starts = record.get("starts_at").as_time().unwrap_or_else(now);
    let (year, month, date, hour, minute) = local_parts(starts);
    let day = RwSignal::new(format!("{year:04}-{month:02}-{date:02}"));
    let time = RwSignal::new(format!("{hour:02}:{minute:02}"));
    let length = RwSignal::new(
        record
            .get("duration_minutes")
            .as_int()
            .map(|m| m.to_string())
            .unwrap_or_default(),
    );
    let refs = |field: &str| -> Vec<Id> {
        record
            .get(field)
            .as_refs()
            .into_iter()
            .flatten()
            .copied()
            .collect()
    };
    let before_people = refs("participants");
    let before_poles = refs("poles");
    let participants = RwSignal::new(before_people.clone());
    let poles = RwSignal::new(before_poles.clone());
    let people = Memo::new(move |_| gov.sync.view.with(people_choices));
    let pole_list = Memo::new(move |_| gov.sync.view.with(pole_choices));
    let save = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        let Some(starts_at) = local_instant(&day.get_untracked(), &time.get_untracked()) else {
            problem.set(Some(tr!("meet-bad-date")));
            return;
        };
        let Some(record) = gov
            .sync
            .view
            .with_untracked(|state| state.existing(id).cloned())
        else {
            return;
        };
        let write = |field: &str, value: Value| {
            archipel_core::FieldWrite::new(field, value, record.version_of(field))
        };
        let optional = |value: String| {
            if value.trim().is_empty() {
                Value::Null
            } else {
                Value::text(value)
            }
        };
        let mut changes = vec![Change::Set {
            id,
            fields: vec![
                write("title", Value::text(title.get_untracked())),
                write("theme", Value::text(theme.get_untracked())),
                write("starts_at", Value::Time(starts_at)),
                write(
                    "duration_minutes",
                    length
                        .get_untracked()
                        .trim()
                        .parse::<i64>()
                        .map_or(Value::Null, Value::Int),
                ),
                write("place", optional(place.get_untracked())),
                write("link", optional(link.get_untracked())),
            ],
        }];
        for (field, before, after) in [
            ("participants", &before_people, participants.get_untracked()),
            ("poles", &before_poles, poles.get_untracked()),
        ] {
            let added: std::collections::BTreeSet<Id> = after
                .iter()
                .filter(|id| !before.contains(id))
                .copied()
                .collect();
            let removed: std::collections::BTreeSet<Id> = before
                .iter()
                .filter(|id| !after.contains(id))
                .copied()
                .collect();
            if !added.is_empty() {
                changes.push(Change::Add {
                    id,
                    field: field.to_owned(),
                    items: Value::Refs(added),
                });
            }
            if !removed.is_empty() {
                changes.push(Change::Remove {
                    id,
                    field: field.to_owned(),
                    items: Value::Refs(removed),
                });
            }
        }
        send_all(gov.sync, changes, problem, on_done);
    };
    view! {
        <form class="gov-form card" on:submit=save>
            <MeetingFields title=title theme=theme day=day time=time length=length place=place />
            <label>
                {move_tr!("meet-field-link")}
                <input type="url" prop:value=move || link.get() on:input=move |event| link.set(event_target_value(&event)) />
            </label>
            <Choices legend=move_tr!("meet-field-participants") choices=people chosen=participants />
            <Choices legend=move_tr!("meet-field-poles") choices=pole_list chosen=poles />
            <Problem problem=problem />
            <div class="row">
                <button type="submit" class="primary">{move_tr!("meet-save")}</button>
                <button type="button" class="quiet" on:click=move |_| on_done()>{move_tr!("meet-cancel")}</button>
            </div>
        </form>
    }
    .into_any()
}

/// The decisions recorded in this meeting, and the form to record one.
#[component]
fn MeetingDecisions(id: Id, first_pole: Signal<Option<Id>>) -> impl IntoView {
    let gov = use_gov();
    let recording = RwSignal::new(false);
    let found = Memo::new(move |_| {
        gov.sync.view.with(|state| {
            decisions(
                state,
                &DecisionFilter {
                    meeting: Some(id),
                    ..DecisionFilter::default()
                },
            )
        })
    });
    view! {
        <section class="meeting-decisions" aria-labelledby="meeting-decisions-title">
            <h3 id="meeting-decisions-title">{move_tr!("meet-decisions")}</h3>
            <Show when=move || found.with(Vec::is_empty)>
                <p class="empty-note">{move_tr!("meet-no-decisions")}</p>
            </Show>
            <DecisionList ids=found.into() />
            <Show when=move || gov.facilitates()>
                <Show
                    when=move || recording.get()
                    fallback=move || {
                        view! {
                            <button type="button" class="primary" on:click=move |_| recording.set(true)>
                                {move_tr!("meet-record-decision")}
                            </button>
                        }
                    }
                >
                    {move || {
                        view! {
                            <DecisionForm
                                meeting=Some(id)
                                pole=first_pole.get_untracked()
                                editing=None
                                on_done=move || recording.set(false)
                            />
                        }
                    }}
                </Show>
            </Show>
        </section>
    }
}
