//! The governance board's logic: vacancies and needs, accepting a match,
//! the task pool, availability, arrivals and departures, meetings with their
//! agenda clock and speaking time, the decisions log, and who worked on what.
//!
//! [`crate::queries`] answers the board's two big questions (pôle health and
//! who could answer a need); this module holds everything else the board
//! shows or does, as plain functions on a [`State`]. Functions that *do*
//! something return the [`Change`]s to send (the caller passes the new ids
//! and the time), so the app only displays and sends, and tests can apply the
//! very changes a tap would make.
//!
//! Like the rest of the core, nothing here reads a clock: `today` and `now`
//! (milliseconds since the Unix epoch) are arguments.

use std::collections::{BTreeMap, BTreeSet};

use crate::ids::Id;
use crate::op::Change;
use crate::queries::{board_unsorted, is_current, is_off};
use crate::schema::Kind;
use crate::search::fold;
use crate::state::{Record, State};
use crate::value::{Date, Value};

// ---------------------------------------------------------------------------
// Vacancies and needs
// ---------------------------------------------------------------------------

/// A required role a pôle lacks on `today`, with the open need posted for it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Vacancy {
    /// The pôle.
    pub pole: Id,
    /// The pôle's name.
    pub pole_name: String,
    /// The role (`referent`, `facilitator`, `welcome`, …).
    pub role: String,
    /// How many more holders it needs.
    pub missing: u8,
    /// The open need already posted for this pôle and role, if any.
    pub need: Option<Id>,
}

/// The open need posted for each (pôle, role), the oldest when several are.
#[must_use]
pub fn open_needs_by_role(state: &State) -> BTreeMap<(Id, &str), Id> {
    let mut open_needs: BTreeMap<(Id, &str), Id> = BTreeMap::new();
    for need in state.of_kind(Kind::Need) {
        if need.is_live()
            && need.text("status").unwrap_or("open") == "open"
            && let (Some(pole), Some(role)) = (need.reference("pole"), need.text("role"))
        {
            let entry = open_needs.entry((pole, role)).or_insert(need.id);
            *entry = (*entry).min(need.id);
        }
    }
    open_needs
}

/// Every vacancy on `today`: pôles on the board (not archived, not partners)
/// missing holders of a required role, sorted by pôle name then role order.
#[must_use]
pub fn vacancies(state: &State, today: Date) -> Vec<Vacancy> {
    let open_needs = open_needs_by_role(state);
    let mut board = board_unsorted(state, today);
    board.sort_by_cached_key(|health| (fold(&health.name), health.pole));
    board
        .into_iter()
        .flat_map(|health| {
            let pole = health.pole;
            let name = health.name;
            let needs = &open_needs;
            health
                .roles
                .into_iter()
                .filter(|gap| gap.missing > 0)
                .map(move |gap| Vacancy {
                    pole,
                    pole_name: name.clone(),
                    need: needs.get(&(pole, gap.role.as_str())).copied(),
                    role: gap.role,
                    missing: gap.missing,
                })
        })
        .collect()
}

/// The change that turns a vacancy into a need: an open need `id` for
/// `role` in `pole`, titled `title` (the app words it in the user's language).
#[must_use]
pub fn need_for_vacancy(id: Id, pole: Id, role: &str, title: &str) -> Change {
    Change::create(
        Kind::Need,
        id,
        [
            ("pole", Value::Ref(pole)),
            ("title", Value::text(title)),
            ("role", Value::text(role)),
            ("status", Value::text("open")),
        ],
    )
}

/// Why a match cannot be accepted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AcceptError {
    /// The need does not exist or is no longer open.
    NeedNotOpen,
    /// The person does not exist or has left.
    NoSuchPerson,
    /// The tutor is the person themselves.
    OwnTutor,
}

/// The changes that accept `person` for the open need `need` on `today`:
/// a role assignment `assignment` in the need's pôle (its role, or `member`)
/// starting today, the need marked filled, their offer (if the match came
/// from one) marked matched, and `tutor` named as their tutor.
///
/// # Errors
/// When the need is not open, the person is unknown or has left, or would
/// tutor themselves.
pub fn accept_match(
    state: &State,
    need: Id,
    person: Id,
    offer: Option<Id>,
    tutor: Option<Id>,
    assignment: Id,
    today: Date,
) -> Result<Vec<Change>, AcceptError> {
    let need_record = state
        .existing(need)
        .filter(|record| record.kind == Kind::Need)
        .filter(|record| record.is_live() && record.text("status").unwrap_or("open") == "open")
        .ok_or(AcceptError::NeedNotOpen)?;
    let pole = need_record
        .reference("pole")
        .ok_or(AcceptError::NeedNotOpen)?;
    let person_record = state
        .existing(person)
        .filter(|record| record.kind == Kind::Person && record.text("status") != Some("left"))
        .ok_or(AcceptError::NoSuchPerson)?;
    if tutor == Some(person) {
        return Err(AcceptError::OwnTutor);
    }
    let role = need_record.text("role").unwrap_or("member");
    let mut fields = vec![
        ("person", Value::Ref(person)),
        ("pole", Value::Ref(pole)),
        ("role", Value::text(role)),
        ("since", Value::Date(today)),
    ];
    if role == "custom" {
        let title = need_record.text("title").unwrap_or_default();
        fields.push((
            "custom_name",
            Value::text(title.chars().take(80).collect::<String>()),
        ));
    }
    let mut changes = vec![
        Change::create(Kind::RoleAssignment, assignment, fields),
        Change::set(
            need,
            "status",
            Value::text("filled"),
            need_record.version_of("status"),
        ),
    ];
    if let Some(offer_record) = offer
        .and_then(|offer| state.existing(offer))
        .filter(|record| record.kind == Kind::Offer && record.reference("person") == Some(person))
    {
        changes.push(Change::set(
            offer_record.id,
            "status",
            Value::text("matched"),
            offer_record.version_of("status"),
        ));
    }
    if let Some(tutor) = tutor {
        changes.push(Change::set(
            person,
            "tutor",
            Value::Ref(tutor),
            person_record.version_of("tutor"),
        ));
    }
    Ok(changes)
}

// ---------------------------------------------------------------------------
// Task pool
// ---------------------------------------------------------------------------

/// What someone looks for in the task pool; empty parts do not filter.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TaskFilter {
    /// Only tasks of this pôle.
    pub pole: Option<Id>,
    /// Only tasks asking for this skill (compared folded, prefix allowed).
    pub skill: Option<String>,
    /// Only tasks that fit in this many minutes ("I have 30 minutes").
    pub max_minutes: Option<i64>,
    /// Only tasks whose title or description has words starting like these.
    pub text: Option<String>,
}

fn folded_words(text: &str) -> Vec<String> {
    fold(text)
        .split(' ')
        .filter(|word| !word.is_empty())
        .map(str::to_owned)
        .collect()
}

/// Whether every word of `query` starts some word of `haystack` (both folded).
fn words_match(query: &[String], haystack: &[String]) -> bool {
    query.iter().all(|word| {
        haystack
            .iter()
            .any(|candidate| candidate.starts_with(word.as_str()))
    })
}

fn set_folded(record: &Record, field: &str) -> Vec<String> {
    record
        .get(field)
        .as_set()
        .map(|items| items.iter().map(|item| fold(item)).collect())
        .unwrap_or_default()
}

fn task_status(task: &Record) -> &str {
    task.text("status").unwrap_or("open")
}

/// The open tasks matching `filter`: smallest first, then oldest first.
#[must_use]
pub fn task_pool(state: &State, filter: &TaskFilter) -> Vec<Id> {
    let skill = filter.skill.as_deref().map(fold).filter(|s| !s.is_empty());
    let text = filter.text.as_deref().map(folded_words).unwrap_or_default();
    let mut tasks: Vec<(i64, Id)> = state
        .of_kind(Kind::Task)
        .filter(|task| task.is_live() && task_status(task) == "open")
        .filter(|task| filter.pole.is_none() || task.reference("pole") == filter.pole)
        .filter(|task| {
            filter.max_minutes.is_none_or(|max| {
                task.get("size_minutes")
                    .as_int()
                    .is_some_and(|size| size <= max)
            })
        })
        .filter(|task| {
            skill.as_ref().is_none_or(|skill| {
                set_folded(task, "skills")
                    .iter()
                    .any(|have| have.starts_with(skill.as_str()))
            })
        })
        .filter(|task| {
            text.is_empty() || {
                let mut haystack = folded_words(task.text("title").unwrap_or_default());
                haystack.extend(folded_words(task.text("description").unwrap_or_default()));
                words_match(&text, &haystack)
            }
        })
        .map(|task| {
            (
                task.get("size_minutes").as_int().unwrap_or(i64::MAX),
                task.id,
            )
        })
        .collect();
    tasks.sort_unstable();
    tasks.into_iter().map(|(_, id)| id).collect()
}

/// The tasks `person` holds (taken, not done), oldest first.
#[must_use]
pub fn tasks_held(state: &State, person: Id) -> Vec<Id> {
    let mut tasks: Vec<Id> = state
        .of_kind(Kind::Task)
        .filter(|task| {
            task.is_live()
                && task_status(task) == "taken"
                && task.reference("taker") == Some(person)
        })
        .map(|task| task.id)
        .collect();
    tasks.sort_unstable();
    tasks
}

/// Open tasks worth showing `person` on `today`: those asking for one of
/// their skills or belonging to a pôle where they hold a role, most skills in
/// common first, at most `limit`. **Empty when they are off** (nothing is
/// pushed to people taking a break), have left or paused.
#[must_use]
pub fn tasks_for(state: &State, person: Id, today: Date, limit: usize) -> Vec<Id> {
    let Some(record) = state.existing(person) else {
        return Vec::new();
    };
    if is_off(record, today) || matches!(record.text("status"), Some("left" | "paused" | "leaving"))
    {
        return Vec::new();
    }
    let skills: BTreeSet<String> = set_folded(record, "skills").into_iter().collect();
    let poles: BTreeSet<Id> = state
        .of_kind(Kind::RoleAssignment)
        .filter(|a| a.reference("person") == Some(person) && is_current(a, today))
        .filter_map(|a| a.reference("pole"))
        .collect();
    let mut ranked: Vec<(std::cmp::Reverse<usize>, bool, i64, Id)> = state
        .of_kind(Kind::Task)
        .filter(|task| task.is_live() && task_status(task) == "open")
        .filter_map(|task| {
            let common = set_folded(task, "skills")
                .iter()
                .filter(|skill| skills.contains(*skill))
                .count();
            let in_my_pole = task
                .reference("pole")
                .is_some_and(|pole| poles.contains(&pole));
            (common > 0 || in_my_pole).then(|| {
                (
                    std::cmp::Reverse(common),
                    !in_my_pole,
                    task.get("size_minutes").as_int().unwrap_or(i64::MAX),
                    task.id,
                )
            })
        })
        .collect();
    ranked.sort_unstable();
    ranked
        .into_iter()
        .take(limit)
        .map(|entry| entry.3)
        .collect()
}

/// The change that has `person` take the open task `task`.
#[must_use]
pub fn take_task(task: &Record, person: Id) -> Change {
    Change::Set {
        id: task.id,
        fields: vec![
            crate::op::FieldWrite::new("status", Value::text("taken"), task.version_of("status")),
            crate::op::FieldWrite::new("taker", Value::Ref(person), task.version_of("taker")),
        ],
    }
}

/// The change that puts a taken task back in the pool.
#[must_use]
pub fn release_task(task: &Record) -> Change {
    Change::Set {
        id: task.id,
        fields: vec![
            crate::op::FieldWrite::new("status", Value::text("open"), task.version_of("status")),
            crate::op::FieldWrite::new("taker", Value::Null, task.version_of("taker")),
        ],
    }
}

/// The change that marks a taken task done (its taker stays, as history).
#[must_use]
pub fn complete_task(task: &Record) -> Change {
    Change::set(
        task.id,
        "status",
        Value::text("done"),
        task.version_of("status"),
    )
}

// ---------------------------------------------------------------------------
// Availability
// ---------------------------------------------------------------------------

/// The change that switches `person` off, until `until` if given.
#[must_use]
pub fn switch_off(person: &Record, until: Option<Date>) -> Change {
    Change::Set {
        id: person.id,
        fields: vec![
            crate::op::FieldWrite::new(
                "available",
                Value::Bool(false),
                person.version_of("available"),
            ),
            crate::op::FieldWrite::new(
                "off_until",
                until.map_or(Value::Null, Value::Date),
                person.version_of("off_until"),
            ),
        ],
    }
}

/// The change that switches `person` back on.
#[must_use]
pub fn switch_on(person: &Record) -> Change {
    Change::Set {
        id: person.id,
        fields: vec![
            crate::op::FieldWrite::new(
                "available",
                Value::Bool(true),
                person.version_of("available"),
            ),
            crate::op::FieldWrite::new("off_until", Value::Null, person.version_of("off_until")),
        ],
    }
}

/// Who keeps a role going while its holder is off.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Cover {
    /// Its holder is available.
    Held,
    /// Its holder is off; these other holders of the same role in the same pôle are not.
    CoveredBy(Vec<Id>),
    /// Its holder is off and nobody else holding it is available.
    AtRisk,
}

/// A current role of someone, and whether it is covered while they are off.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RoleCover {
    /// The role assignment.
    pub assignment: Id,
    /// The pôle.
    pub pole: Id,
    /// The role.
    pub role: String,
    /// Who covers it.
    pub cover: Cover,
}

/// The current roles of `person` on `today` and who covers each.
#[must_use]
pub fn role_covers(state: &State, person: Id, today: Date) -> Vec<RoleCover> {
    let off = state
        .existing(person)
        .is_some_and(|record| is_off(record, today));
    let mut covers: Vec<RoleCover> = state
        .of_kind(Kind::RoleAssignment)
        .filter(|a| a.reference("person") == Some(person) && is_current(a, today))
        .filter_map(|a| {
            let pole = a.reference("pole")?;
            let role = a.text("role")?.to_owned();
            let cover = if off {
                let mut others: Vec<Id> = state
                    .of_kind(Kind::RoleAssignment)
                    .filter(|other| {
                        other.reference("pole") == Some(pole)
                            && other.text("role") == Some(role.as_str())
                            && is_current(other, today)
                    })
                    .filter_map(|other| other.reference("person"))
                    .filter(|&other| other != person)
                    .filter(|&other| {
                        state.existing(other).is_some_and(|record| {
                            record.text("status") != Some("left") && !is_off(record, today)
                        })
                    })
                    .collect();
                others.sort_unstable();
                others.dedup();
                if others.is_empty() {
                    Cover::AtRisk
                } else {
                    Cover::CoveredBy(others)
                }
            } else {
                Cover::Held
            };
            Some(RoleCover {
                assignment: a.id,
                pole,
                role,
                cover,
            })
        })
        .collect();
    covers.sort_by_key(|cover| cover.assignment);
    covers
}

// ---------------------------------------------------------------------------
// Arrivals and departures
// ---------------------------------------------------------------------------

/// A newcomer's first steps: a tutor, a first kit, a first task.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Onboarding {
    /// The person.
    pub person: Id,
    /// When they joined.
    pub joined_on: Option<Date>,
    /// Their tutor.
    pub tutor: Option<Id>,
    /// Their first kit run (the oldest they started or were named in).
    pub first_kit: Option<Id>,
    /// Their first task (the oldest they took or did).
    pub first_task: Option<Id>,
}

impl Onboarding {
    /// How many of the three steps are done.
    #[must_use]
    pub fn steps_done(&self) -> usize {
        usize::from(self.tutor.is_some())
            + usize::from(self.first_kit.is_some())
            + usize::from(self.first_task.is_some())
    }

    /// All three steps done.
    #[must_use]
    pub fn is_complete(&self) -> bool {
        self.steps_done() == 3
    }
}

/// The onboarding checklist of `person`.
#[must_use]
pub fn onboarding(state: &State, person: Id) -> Option<Onboarding> {
    let record = state
        .existing(person)
        .filter(|record| record.kind == Kind::Person)?;
    let first_kit = state
        .of_kind(Kind::KitRun)
        .filter(|run| {
            !run.deleted
                && (run.reference("person") == Some(person) || run.created_by == Some(person))
        })
        .map(|run| run.id)
        .min();
    let first_task = state
        .of_kind(Kind::Task)
        .filter(|task| {
            !task.deleted
                && task.reference("taker") == Some(person)
                && matches!(task.text("status"), Some("taken" | "done"))
        })
        .map(|task| task.id)
        .min();
    Some(Onboarding {
        person,
        joined_on: record.get("joined_on").as_date(),
        tutor: record.reference("tutor"),
        first_kit,
        first_task,
    })
}

/// The people who joined within `days` days before `today` (or joined with
/// no date and never finished onboarding) and are still active, with their
/// checklist: unfinished first, then the most recent arrivals first.
#[must_use]
pub fn arrivals(state: &State, today: Date, days: i32) -> Vec<Onboarding> {
    let since = Date::from_days(today.days() - days);
    let mut list: Vec<Onboarding> = state
        .of_kind(Kind::Person)
        .filter(|person| {
            person.is_live()
                && person.text("status").unwrap_or("active") == "active"
                && person
                    .get("joined_on")
                    .as_date()
                    .is_some_and(|joined| joined >= since && joined <= today)
        })
        .filter_map(|person| onboarding(state, person.id))
        .collect();
    list.sort_by(|a, b| {
        a.is_complete()
            .cmp(&b.is_complete())
            .then_with(|| b.joined_on.cmp(&a.joined_on))
            .then_with(|| a.person.cmp(&b.person))
    });
    list
}

/// What someone leaving still has to hand over.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Handover {
    /// Role assignments still open-ended (no end date).
    pub roles: Vec<Id>,
    /// Tasks they still hold.
    pub tasks: Vec<Id>,
}

impl Handover {
    /// Nothing left to hand over: leaving can complete.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.roles.is_empty() && self.tasks.is_empty()
    }
}

/// A role assignment still held with no end in sight: live and without an
/// end date. Ending it (today) or archiving it releases it.
fn open_ended(assignment: &Record) -> bool {
    assignment.is_live() && assignment.get("until").is_null()
}

/// What `person` must hand over before they can leave: their open-ended
/// roles and the tasks they hold (the rule that refuses `status: left`
/// until this is empty lives in [`crate::rules`]).
#[must_use]
pub fn handover(state: &State, person: Id) -> Handover {
    let mut roles: Vec<Id> = state
        .of_kind(Kind::RoleAssignment)
        .filter(|a| a.reference("person") == Some(person) && open_ended(a))
        .map(|a| a.id)
        .collect();
    roles.sort_unstable();
    Handover {
        roles,
        tasks: tasks_held(state, person),
    }
}

/// The changes that hand the role `assignment` over on `today`: it ends
/// today and, if `successor` is given, a new assignment `new_id` of the same
/// role in the same pôle starts today for them.
#[must_use]
pub fn hand_over_role(
    assignment: &Record,
    successor: Option<Id>,
    new_id: Id,
    today: Date,
) -> Vec<Change> {
    let mut changes = vec![Change::set(
        assignment.id,
        "until",
        Value::Date(today),
        assignment.version_of("until"),
    )];
    if let (Some(successor), Some(pole), Some(role)) = (
        successor,
        assignment.reference("pole"),
        assignment.text("role"),
    ) {
        let mut fields = vec![
            ("person", Value::Ref(successor)),
            ("pole", Value::Ref(pole)),
            ("role", Value::text(role)),
            ("since", Value::Date(today)),
        ];
        for field in ["custom_name", "custom_purpose", "accountabilities"] {
            let value = assignment.get(field);
            if !value.is_null() {
                fields.push((field, value.clone()));
            }
        }
        changes.push(Change::create(Kind::RoleAssignment, new_id, fields));
    }
    changes
}

/// Whether `person` holds anything that must be handed over before leaving.
pub(crate) fn must_hand_over(state: &State, person: Id) -> bool {
    state
        .of_kind(Kind::RoleAssignment)
        .any(|a| a.reference("person") == Some(person) && open_ended(a))
        || state.of_kind(Kind::Task).any(|task| {
            task.is_live()
                && task_status(task) == "taken"
                && task.reference("taker") == Some(person)
        })
}

// ---------------------------------------------------------------------------
// Meetings
// ---------------------------------------------------------------------------

/// An agenda item a template proposes: a stable key (the app words the
/// title) and its timebox in minutes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TemplateItem {
    /// Stable key (`weather`, `worked`, …).
    pub key: &'static str,
    /// Timebox in minutes.
    pub minutes: i64,
}

const fn item(key: &'static str, minutes: i64) -> TemplateItem {
    TemplateItem { key, minutes }
}

/// The agenda a meeting template starts with, and the meeting's length.
///
/// - `strategic`: check-in, strategy, decisions, check-out (90 min);
/// - `thematic`: one theme per meeting — introduce it, discuss, decide (90 min);
/// - `retrospective`: "ce qui a marché / pas marché / idées" (seed 003), then decisions (60 min).
#[must_use]
pub fn template(name: &str) -> (&'static [TemplateItem], i64) {
    const STRATEGIC: &[TemplateItem] = &[
        item("weather", 10),
        item("strategy", 45),
        item("decisions", 25),
        item("closing", 10),
    ];
    const THEMATIC: &[TemplateItem] = &[
        item("theme_intro", 15),
        item("theme_discussion", 45),
        item("decisions", 20),
        item("closing", 10),
    ];
    const RETROSPECTIVE: &[TemplateItem] = &[
        item("worked", 15),
        item("didnt", 15),
        item("ideas", 15),
        item("decisions", 15),
    ];
    match name {
        "strategic" => (STRATEGIC, 90),
        "retrospective" => (RETROSPECTIVE, 60),
        _ => (THEMATIC, 90),
    }
}

/// The agenda items of `meeting`, in order (order key, then creation).
#[must_use]
pub fn agenda(state: &State, meeting: Id) -> Vec<&Record> {
    let mut items: Vec<&Record> = state
        .of_kind(Kind::AgendaItem)
        .filter(|item| item.is_live() && item.reference("meeting") == Some(meeting))
        .collect();
    items.sort_by(|a, b| {
        a.text("order")
            .unwrap_or_default()
            .cmp(b.text("order").unwrap_or_default())
            .then_with(|| a.id.cmp(&b.id))
    });
    items
}

/// The agenda's timeboxes against the meeting's length.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AgendaCheck {
    /// Sum of the items' timeboxes, in minutes.
    pub planned: i64,
    /// The meeting's length in minutes, if set.
    pub length: Option<i64>,
    /// Items without a timebox.
    pub untimed: usize,
}

impl AgendaCheck {
    /// Minutes planned beyond the meeting's length (0 when it fits or has no length).
    #[must_use]
    pub fn over_by(&self) -> i64 {
        self.length
            .map_or(0, |length| (self.planned - length).max(0))
    }

    /// Minutes left unplanned (0 when full or over).
    #[must_use]
    pub fn spare(&self) -> i64 {
        self.length
            .map_or(0, |length| (length - self.planned).max(0))
    }
}

/// Checks the total of the timeboxes of `meeting` against its length.
#[must_use]
pub fn check_agenda(state: &State, meeting: Id) -> AgendaCheck {
    let items = agenda(state, meeting);
    AgendaCheck {
        planned: items
            .iter()
            .filter_map(|item| item.get("timebox_minutes").as_int())
            .sum(),
        length: state
            .existing(meeting)
            .and_then(|m| m.get("duration_minutes").as_int()),
        untimed: items
            .iter()
            .filter(|item| item.get("timebox_minutes").is_null())
            .count(),
    }
}

fn time(record: &Record, field: &str) -> Option<i64> {
    record.get(field).as_time()
}

/// Where the facilitator's console stands at `now`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Console {
    /// The item under way (started, not ended), if any.
    pub current: Option<ItemClock>,
    /// The first item not started yet, after the current one.
    pub next: Option<Id>,
    /// Items ended, in agenda order.
    pub done: Vec<Id>,
    /// The meeting has ended.
    pub ended: bool,
}

/// The clock of the item under way, in seconds, from timestamps (so a phone
/// that slept or a tab in the background reads the right time on waking).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ItemClock {
    /// The item.
    pub item: Id,
    /// Seconds since it started.
    pub elapsed: i64,
    /// Its timebox in seconds, if it has one.
    pub timebox: Option<i64>,
}

impl ItemClock {
    /// Seconds left in the timebox (negative once over).
    #[must_use]
    pub fn remaining(&self) -> Option<i64> {
        self.timebox.map(|timebox| timebox - self.elapsed)
    }

    /// Seconds beyond the timebox (0 while within it).
    #[must_use]
    pub fn overrun(&self) -> i64 {
        self.remaining().map_or(0, |left| (-left).max(0))
    }
}

/// The console's view of `meeting` at `now` (ms).
#[must_use]
pub fn console(state: &State, meeting: Id, now: i64) -> Console {
    let items = agenda(state, meeting);
    let ended = state
        .existing(meeting)
        .is_some_and(|m| time(m, "ended_at").is_some());
    let mut current = None;
    let mut done = Vec::new();
    for item in &items {
        match (time(item, "started_at"), time(item, "ended_at")) {
            (Some(_), Some(_)) => done.push(item.id),
            (Some(started), None) if current.is_none() && !ended => {
                current = Some(ItemClock {
                    item: item.id,
                    elapsed: (now - started).max(0) / 1000,
                    timebox: item.get("timebox_minutes").as_int().map(|m| m * 60),
                });
            }
            _ => {}
        }
    }
    let after = current
        .and_then(|clock| items.iter().position(|item| item.id == clock.item))
        .map_or(0, |index| index + 1);
    let next = if ended {
        None
    } else {
        items
            .iter()
            .skip(after)
            .find(|item| time(item, "started_at").is_none())
            .map(|item| item.id)
    };
    Console {
        current,
        next,
        done,
        ended,
    }
}

/// The changes that start agenda item `item` at `now`: the item under way
/// (if any) ends now, the meeting starts if it had not, and `item` starts.
#[must_use]
pub fn start_item(state: &State, meeting: Id, item: Id, now: i64) -> Vec<Change> {
    let mut changes = end_running_items(state, meeting, now, Some(item));
    if let Some(record) = state.existing(meeting)
        && time(record, "started_at").is_none()
    {
        changes.push(Change::set(
            meeting,
            "started_at",
            Value::Time(now),
            record.version_of("started_at"),
        ));
    }
    if let Some(record) = state.existing(item) {
        changes.push(Change::Set {
            id: item,
            fields: vec![
                crate::op::FieldWrite::new(
                    "started_at",
                    Value::Time(now),
                    record.version_of("started_at"),
                ),
                crate::op::FieldWrite::new("ended_at", Value::Null, record.version_of("ended_at")),
            ],
        });
    }
    changes
}

fn end_running_items(state: &State, meeting: Id, now: i64, except: Option<Id>) -> Vec<Change> {
    agenda(state, meeting)
        .into_iter()
        .filter(|item| Some(item.id) != except)
        .filter(|item| time(item, "started_at").is_some() && time(item, "ended_at").is_none())
        .map(|item| {
            let started = time(item, "started_at").unwrap_or(now);
            Change::set(
                item.id,
                "ended_at",
                Value::Time(now.max(started)),
                item.version_of("ended_at"),
            )
        })
        .collect()
}

/// The changes that end `meeting` at `now`: the item under way ends, the
/// person speaking stops, and the meeting is marked ended.
#[must_use]
pub fn end_meeting(state: &State, meeting: Id, now: i64) -> Vec<Change> {
    let mut changes = end_running_items(state, meeting, now, None);
    changes.extend(stop_speaking(state, meeting, now));
    if let Some(record) = state.existing(meeting) {
        let start = time(record, "started_at").unwrap_or(now);
        changes.push(Change::set(
            meeting,
            "ended_at",
            Value::Time(now.max(start)),
            record.version_of("ended_at"),
        ));
    }
    changes
}

// ---------------------------------------------------------------------------
// Speaking time
// ---------------------------------------------------------------------------

/// One participant's speaking time.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SpeakerTotal {
    /// The person.
    pub person: Id,
    /// Seconds spoken in all.
    pub seconds: i64,
    /// Their share of all speaking time, in thousandths.
    pub share: u32,
    /// Turns taken.
    pub turns: u32,
}

/// Speaking time in a meeting at `now`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Speaking {
    /// Who is speaking: their open turn and themselves.
    pub speaker: Option<(Id, Id)>,
    /// Every participant (listed on the meeting or having spoken), most
    /// speaking time first, then by id.
    pub totals: Vec<SpeakerTotal>,
    /// All speaking time, in seconds.
    pub total: i64,
    /// How evenly time is shared among participants: 1000 when everyone
    /// spoke as long, 0 when one person spoke alone (one minus the
    /// normalised Gini coefficient, in thousandths).
    pub balance: u32,
}

/// How a meeting's speaking time is shared, from its turns' timestamps: a
/// turn counts its recorded duration once stopped, and `now − started_at`
/// while still open — so totals are right after a phone slept or went offline.
#[must_use]
pub fn speaking(state: &State, meeting: Id, now: i64) -> Speaking {
    let mut seconds: BTreeMap<Id, (i64, u32)> = BTreeMap::new();
    if let Some(record) = state.existing(meeting)
        && let Some(people) = record.get("participants").as_refs()
    {
        for &person in people {
            seconds.insert(person, (0, 0));
        }
    }
    let mut speaker: Option<(Id, Id, i64)> = None;
    for turn in state.of_kind(Kind::SpeakingTurn) {
        if !turn.is_live() || turn.reference("meeting") != Some(meeting) {
            continue;
        }
        let (Some(person), Some(started)) = (turn.reference("person"), time(turn, "started_at"))
        else {
            continue;
        };
        let spent = match turn.get("duration_seconds").as_int() {
            Some(duration) => duration,
            None => {
                // The latest open turn is the one speaking now.
                if speaker.is_none_or(|(_, _, since)| started > since) {
                    speaker = Some((turn.id, person, started));
                }
                (now - started).max(0) / 1000
            }
        };
        let entry = seconds.entry(person).or_insert((0, 0));
        entry.0 += spent;
        entry.1 += 1;
    }
    let total: i64 = seconds.values().map(|(s, _)| s).sum();
    let mut totals: Vec<SpeakerTotal> = seconds
        .iter()
        .map(|(&person, &(spent, turns))| SpeakerTotal {
            person,
            seconds: spent,
            share: if total > 0 {
                u32::try_from(spent * 1000 / total).unwrap_or(1000)
            } else {
                0
            },
            turns,
        })
        .collect();
    totals.sort_by(|a, b| {
        b.seconds
            .cmp(&a.seconds)
            .then_with(|| a.person.cmp(&b.person))
    });
    let balance = balance(&totals.iter().map(|t| t.seconds).collect::<Vec<_>>());
    Speaking {
        speaker: speaker.map(|(turn, person, _)| (turn, person)),
        totals,
        total,
        balance,
    }
}

/// One minus the Gini coefficient of `times`, normalised so that one person
/// holding all the time gives 0, in thousandths; 1000 for fewer than two
/// people or no time at all.
fn balance(times: &[i64]) -> u32 {
    let n = times.len();
    let sum: i64 = times.iter().sum();
    if n < 2 || sum <= 0 {
        return 1000;
    }
    let mut differences: i128 = 0;
    for a in times {
        for b in times {
            differences += i128::from((a - b).abs());
        }
    }
    // Gini = Σ|a−b| / (2 n sum); its maximum is (n−1)/n.
    let n = n as i128;
    let gini_normalised = differences * 1000 / (2 * (n - 1) * i128::from(sum));
    u32::try_from(1000 - gini_normalised.clamp(0, 1000)).unwrap_or(0)
}

fn stop_open_turns(state: &State, meeting: Id, now: i64) -> Vec<(Id, Change)> {
    state
        .of_kind(Kind::SpeakingTurn)
        .filter(|turn| {
            turn.is_live()
                && turn.reference("meeting") == Some(meeting)
                && turn.get("duration_seconds").is_null()
        })
        .filter_map(|turn| {
            let started = time(turn, "started_at")?;
            let person = turn.reference("person")?;
            let seconds = ((now - started).max(0) / 1000).min(86_400);
            Some((
                person,
                Change::set(
                    turn.id,
                    "duration_seconds",
                    Value::Int(seconds),
                    turn.version_of("duration_seconds"),
                ),
            ))
        })
        .collect()
}

/// The changes that stop whoever is speaking in `meeting` at `now`.
#[must_use]
pub fn stop_speaking(state: &State, meeting: Id, now: i64) -> Vec<Change> {
    stop_open_turns(state, meeting, now)
        .into_iter()
        .map(|(_, change)| change)
        .collect()
}

/// The changes a tap on `person` makes at `now`: whoever is speaking stops;
/// unless that was `person` (a second tap stops them), a new turn `turn`
/// starts for them, during `item` if given, and they leave the queue.
#[must_use]
pub fn tap_speaker(
    state: &State,
    meeting: Id,
    person: Id,
    turn: Id,
    item: Option<Id>,
    now: i64,
) -> Vec<Change> {
    let stopped = stop_open_turns(state, meeting, now);
    let was_speaking = stopped.iter().any(|(who, _)| *who == person);
    let mut changes: Vec<Change> = stopped.into_iter().map(|(_, change)| change).collect();
    if !was_speaking {
        let mut fields = vec![
            ("meeting", Value::Ref(meeting)),
            ("person", Value::Ref(person)),
            ("started_at", Value::Time(now)),
        ];
        if let Some(item) = item {
            fields.push(("item", Value::Ref(item)));
        }
        changes.push(Change::create(Kind::SpeakingTurn, turn, fields));
        if let Some(change) = leave_queue(state, meeting, person) {
            changes.push(change);
        }
    }
    changes
}

/// Who asked to speak in `meeting`, in the order they asked.
#[must_use]
pub fn queue(state: &State, meeting: Id) -> Vec<Id> {
    state
        .existing(meeting)
        .and_then(|m| m.get("queue").as_list())
        .map(|items| items.iter().filter_map(|item| item.parse().ok()).collect())
        .unwrap_or_default()
}

fn write_queue(state: &State, meeting: Id, people: &[Id]) -> Option<Change> {
    let record = state.existing(meeting)?;
    let value = if people.is_empty() {
        Value::Null
    } else {
        Value::list(people.iter().map(ToString::to_string))
    };
    Some(Change::set(
        meeting,
        "queue",
        value,
        record.version_of("queue"),
    ))
}

/// The change that puts `person` at the end of the queue (none if already in it).
#[must_use]
pub fn ask_to_speak(state: &State, meeting: Id, person: Id) -> Option<Change> {
    let mut people = queue(state, meeting);
    if people.contains(&person) {
        return None;
    }
    people.push(person);
    write_queue(state, meeting, &people)
}

/// The change that takes `person` out of the queue (none if not in it).
#[must_use]
pub fn leave_queue(state: &State, meeting: Id, person: Id) -> Option<Change> {
    let mut people = queue(state, meeting);
    let before = people.len();
    people.retain(|&queued| queued != person);
    if people.len() == before {
        return None;
    }
    write_queue(state, meeting, &people)
}

// ---------------------------------------------------------------------------
// Decisions
// ---------------------------------------------------------------------------

/// What the decisions log is filtered on; empty parts do not filter.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DecisionFilter {
    /// Only this pôle's decisions.
    pub pole: Option<Id>,
    /// Only decisions made this way (`consent`, `consensus`, `vote`, `advice`).
    pub process: Option<String>,
    /// Only decisions in this status.
    pub status: Option<String>,
    /// Only decisions whose title or text has words starting like these.
    pub text: Option<String>,
    /// Only decisions of this meeting.
    pub meeting: Option<Id>,
}

/// The decisions matching `filter`, most recent first (by decision date,
/// undated ones by creation, newest first).
#[must_use]
pub fn decisions(state: &State, filter: &DecisionFilter) -> Vec<Id> {
    let words = filter.text.as_deref().map(folded_words).unwrap_or_default();
    let mut found: Vec<(Option<Date>, Id)> = state
        .of_kind(Kind::Decision)
        .filter(|d| d.is_live())
        .filter(|d| filter.pole.is_none() || d.reference("pole") == filter.pole)
        .filter(|d| filter.meeting.is_none() || d.reference("meeting") == filter.meeting)
        .filter(|d| {
            filter
                .process
                .as_deref()
                .is_none_or(|process| d.text("process") == Some(process))
        })
        .filter(|d| {
            filter
                .status
                .as_deref()
                .is_none_or(|status| d.text("status").unwrap_or("adopted") == status)
        })
        .filter(|d| {
            words.is_empty() || {
                let mut haystack = folded_words(d.text("title").unwrap_or_default());
                haystack.extend(folded_words(d.text("text").unwrap_or_default()));
                words_match(&words, &haystack)
            }
        })
        .map(|d| (d.get("decided_on").as_date(), d.id))
        .collect();
    found.sort_unstable_by(|a, b| b.cmp(a));
    found.into_iter().map(|(_, id)| id).collect()
}

/// The last day of the month of `day`.
#[must_use]
pub fn end_of_month(day: Date) -> Date {
    let (year, month, _) = day.ymd();
    let (next_year, next_month) = if month == 12 {
        (year + 1, 1)
    } else {
        (year, month + 1)
    };
    Date::from_ymd(next_year, next_month, 1).map_or(day, |first| Date::from_days(first.days() - 1))
}

/// Decisions to review this month: adopted ones whose review date falls on
/// or before the end of `today`'s month (overdue ones included), soonest first.
#[must_use]
pub fn to_review(state: &State, today: Date) -> Vec<Id> {
    let last = end_of_month(today);
    let mut found: Vec<(Date, Id)> = state
        .of_kind(Kind::Decision)
        .filter(|d| d.is_live() && d.text("status").unwrap_or("adopted") == "adopted")
        .filter_map(|d| {
            let review = d.get("review_on").as_date()?;
            (review <= last).then_some((review, d.id))
        })
        .collect();
    found.sort_unstable();
    found.into_iter().map(|(_, id)| id).collect()
}

// ---------------------------------------------------------------------------
// Who does what
// ---------------------------------------------------------------------------

/// A skill and the people who list it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SkillEntry {
    /// The skill as most people spell it (first spelling seen, by person id).
    pub skill: String,
    /// The people listing it, by id.
    pub people: Vec<Id>,
}

/// Every skill people list (profile and open offers), folded together
/// ("Vidéo" and "video" are one), with who has it; filtered to skills with a
/// word starting like each word of `query` when given. Most people first,
/// then alphabetical. People who left are not listed.
#[must_use]
pub fn skills_directory(state: &State, query: &str) -> Vec<SkillEntry> {
    let query = folded_words(query);
    let mut skills: BTreeMap<String, (String, BTreeSet<Id>)> = BTreeMap::new();
    let mut add = |skill: &str, person: Id| {
        let folded = fold(skill);
        if folded.is_empty() {
            return;
        }
        skills
            .entry(folded)
            .or_insert_with(|| (skill.trim().to_owned(), BTreeSet::new()))
            .1
            .insert(person);
    };
    let mut people: Vec<&Record> = state
        .of_kind(Kind::Person)
        .filter(|p| p.is_live() && p.text("status") != Some("left"))
        .collect();
    people.sort_unstable_by_key(|p| p.id);
    let present: BTreeSet<Id> = people.iter().map(|p| p.id).collect();
    for person in &people {
        for skill in person.get("skills").as_set().into_iter().flatten() {
            add(skill, person.id);
        }
    }
    let mut offers: Vec<&Record> = state
        .of_kind(Kind::Offer)
        .filter(|o| o.is_live() && o.text("status").unwrap_or("open") == "open")
        .collect();
    offers.sort_unstable_by_key(|o| o.id);
    for offer in offers {
        if let Some(person) = offer.reference("person").filter(|p| present.contains(p)) {
            for skill in offer.get("skills").as_set().into_iter().flatten() {
                add(skill, person);
            }
        }
    }
    let mut entries: Vec<(String, SkillEntry)> = skills
        .into_iter()
        .filter(|(folded, _)| query.is_empty() || words_match(&query, &folded_words(folded)))
        .map(|(folded, (skill, people))| {
            (
                folded,
                SkillEntry {
                    skill,
                    people: people.into_iter().collect(),
                },
            )
        })
        .collect();
    entries.sort_by(|(a_key, a), (b_key, b)| {
        b.people
            .len()
            .cmp(&a.people.len())
            .then_with(|| a_key.cmp(b_key))
    });
    entries.into_iter().map(|(_, entry)| entry).collect()
}

/// Why someone is listed as having worked on a subject.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Trace {
    /// They hold or held a role in a pôle whose name matches.
    Role {
        /// The role assignment.
        assignment: Id,
        /// It still holds today.
        current: bool,
    },
    /// They took or did a task whose title or skills match.
    Task {
        /// The task.
        task: Id,
    },
    /// They ran a kit whose title matches.
    Kit {
        /// The kit run.
        run: Id,
    },
}

/// Someone who worked on a subject, and the traces showing it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WorkedOn {
    /// The person.
    pub person: Id,
    /// What shows it, roles first.
    pub traces: Vec<Trace>,
}

/// "Who has already worked on X": people whose roles (current or past, in a
/// pôle whose name or missions match), tasks (taken or done, by title or
/// skill) or kit runs (by kit title) match every word of `subject` as a
/// prefix, accents and case ignored. Most traces first, then by id.
#[must_use]
pub fn worked_on(state: &State, subject: &str, today: Date) -> Vec<WorkedOn> {
    let words = folded_words(subject);
    if words.is_empty() {
        return Vec::new();
    }
    let matches = |texts: &[&str]| {
        let haystack: Vec<String> = texts.iter().flat_map(|text| folded_words(text)).collect();
        words_match(&words, &haystack)
    };
    let mut mission_titles: BTreeMap<Id, Vec<&str>> = BTreeMap::new();
    for mission in state.of_kind(Kind::Mission) {
        if let (Some(pole), Some(title)) = (mission.reference("pole"), mission.text("title"))
            && mission.is_live()
        {
            mission_titles.entry(pole).or_default().push(title);
        }
    }
    let mut traces: BTreeMap<Id, Vec<Trace>> = BTreeMap::new();
    for assignment in state.of_kind(Kind::RoleAssignment) {
        if assignment.deleted {
            continue;
        }
        let (Some(person), Some(pole)) =
            (assignment.reference("person"), assignment.reference("pole"))
        else {
            continue;
        };
        let Some(pole_record) = state.record(pole) else {
            continue;
        };
        let mut texts = vec![pole_record.text("name").unwrap_or_default()];
        texts.extend(mission_titles.get(&pole).into_iter().flatten().copied());
        if let Some(name) = assignment.text("custom_name") {
            texts.push(name);
        }
        // A pôle matches on its name, or on any one of its missions.
        let pole_matches = matches(&texts[..1]) || texts[1..].iter().any(|text| matches(&[text]));
        if pole_matches {
            traces.entry(person).or_default().push(Trace::Role {
                assignment: assignment.id,
                current: is_current(assignment, today),
            });
        }
    }
    for task in state.of_kind(Kind::Task) {
        let Some(person) = task.reference("taker") else {
            continue;
        };
        if task.deleted || !matches!(task.text("status"), Some("taken" | "done")) {
            continue;
        }
        let mut texts = vec![task.text("title").unwrap_or_default()];
        let skills: Vec<&str> = task
            .get("skills")
            .as_set()
            .into_iter()
            .flatten()
            .map(String::as_str)
            .collect();
        texts.extend(skills);
        if matches(&texts) {
            traces
                .entry(person)
                .or_default()
                .push(Trace::Task { task: task.id });
        }
    }
    for run in state.of_kind(Kind::KitRun) {
        let Some(person) = run.reference("person").or(run.created_by) else {
            continue;
        };
        let title = run
            .reference("kit")
            .and_then(|kit| state.record(kit))
            .and_then(|kit| kit.text("title"))
            .unwrap_or_default();
        if !run.deleted && matches(&[title]) {
            traces
                .entry(person)
                .or_default()
                .push(Trace::Kit { run: run.id });
        }
    }
    let mut found: Vec<WorkedOn> = traces
        .into_iter()
        .filter(|(person, _)| state.existing(*person).is_some())
        .map(|(person, mut traces)| {
            traces.sort_by_key(|trace| match trace {
                Trace::Role { current, .. } => u8::from(!current),
                Trace::Task { .. } => 2,
                Trace::Kit { .. } => 3,
            });
            WorkedOn { person, traces }
        })
        .collect();
    found.sort_by(|a, b| {
        b.traces
            .len()
            .cmp(&a.traces.len())
            .then_with(|| a.person.cmp(&b.person))
    });
    found
}

/// The kit runs `person` started or was named in, newest first.
#[must_use]
pub fn kit_runs_of(state: &State, person: Id) -> Vec<Id> {
    let mut runs: Vec<Id> = state
        .of_kind(Kind::KitRun)
        .filter(|run| {
            !run.deleted
                && (run.reference("person") == Some(person) || run.created_by == Some(person))
        })
        .map(|run| run.id)
        .collect();
    runs.sort_unstable_by(|a, b| b.cmp(a));
    runs
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn balance_is_full_when_equal_and_zero_when_one_speaks_alone() {
        assert_eq!(balance(&[60, 60, 60]), 1000);
        assert_eq!(balance(&[180, 0, 0]), 0);
        assert_eq!(balance(&[]), 1000);
        assert_eq!(balance(&[0, 0]), 1000);
        let uneven = balance(&[120, 60]);
        assert!(uneven > 0 && uneven < 1000, "{uneven}");
    }

    #[test]
    fn the_end_of_a_month_knows_leap_years_and_december() {
        let day = |y, m, d| Date::from_ymd(y, m, d).expect("a date");
        assert_eq!(end_of_month(day(2028, 2, 10)), day(2028, 2, 29));
        assert_eq!(end_of_month(day(2026, 2, 28)), day(2026, 2, 28));
        assert_eq!(end_of_month(day(2026, 12, 1)), day(2026, 12, 31));
        assert_eq!(end_of_month(day(2026, 11, 22)), day(2026, 11, 30));
    }

    #[test]
    fn templates_fit_their_meeting_length() {
        for name in ["strategic", "thematic", "retrospective"] {
            let (items, length) = template(name);
            let planned: i64 = items.iter().map(|item| item.minutes).sum();
            assert!(planned <= length, "{name}: {planned} > {length}");
        }
        assert_eq!(
            template("retrospective")
                .0
                .iter()
                .map(|item| item.key)
                .take(3)
                .collect::<Vec<_>>(),
            ["worked", "didnt", "ideas"]
        );
    }
}
