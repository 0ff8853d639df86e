//! Who may do what: the permission matrix, checked for every operation with the
//! actor's role *now* (the server's view), never the role they had when offline.
//!
//! # Permission matrix
//!
//! The least access level needed for each action on each kind of record.
//! `—` means nobody. Levels are ordered guest < member < facilitator < admin,
//! and a higher level may do everything a lower one may.
//!
//! | kind | create | edit | count | archive | delete |
//! |---|---|---|---|---|---|
//! | collective | admin ⁶ | admin | — | — | — |
//! | pole, mission, link, role_assignment, need, meeting, agenda_item, speaking_turn, decision, kit, event | facilitator | facilitator | — | facilitator | admin |
//! | person | facilitator | facilitator ¹ | — | facilitator | admin |
//! | kit_version | facilitator ² | — (immutable) | — | facilitator | admin |
//! | offer | member ³ | facilitator ¹ | — | facilitator ¹ | admin ¹ |
//! | task | member ⁴ | facilitator ¹ ⁵ | — | facilitator ¹ | admin ¹ |
//! | kit_run | member | member | — | facilitator ¹ | admin ¹ |
//! | feedback | member ³ | facilitator ¹ | — | facilitator ¹ | admin ¹ |
//! | place | guest | member | member | facilitator | admin |
//! | report | guest | facilitator | — | facilitator | admin |
//!
//! "count" is incrementing a counter field; only places have one (confirmations
//! that a place still exists, added up from every device).
//!
//! Exceptions that widen the table for members (never for guests):
//! 1. **Owners.** A member may edit the fields marked `own` in the schema of the
//!    records they own — their own person record (profile, skills, availability,
//!    contact); offers, feedback and kit runs about themselves; tasks they created —
//!    and may archive or delete their own offers, feedback, kit runs and tasks.
//! 2. A member holding any role in a kit's pôle may publish a new version of that kit.
//! 3. A member's offer or feedback must be their own (`person` is themselves or empty).
//! 4. A member creates tasks open and untaken, or taken by themselves.
//! 5. **The task pool.** Any member may take an open task (status `taken`, taker
//!    themselves), and release or complete a task they hold.
//! 6. A state holds one collective: a second `collective` record is refused
//!    (`already_exists`).

use crate::ids::Id;
use crate::op::{Access, Actor};
use crate::refusal::{Refusal, RefusalCode};
use crate::schema::Kind;
use crate::state::{Record, State};
use crate::value::Value;

/// What an operation does to a record, for authorisation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Action {
    /// Create a record.
    Create,
    /// Change fields, sets, order or parent, or settle a conflict.
    Edit,
    /// Increment a counter.
    Count,
    /// Archive or restore.
    Archive,
    /// Delete for good.
    Delete,
}

impl Action {
    /// Every action.
    pub const ALL: [Action; 5] = [
        Action::Create,
        Action::Edit,
        Action::Count,
        Action::Archive,
        Action::Delete,
    ];
}

/// The least access level the table gives for `action` on `kind` (`None`: nobody).
#[must_use]
pub const fn least_access(kind: Kind, action: Action) -> Option<Access> {
    use Access::{Admin, Facilitator, Guest, Member};
    match (kind, action) {
        (Kind::Collective, Action::Create | Action::Edit) => Some(Admin),
        (Kind::Collective, _) => None,
        (Kind::KitVersion, Action::Edit) => None,
        (Kind::Place, Action::Count) => Some(Member),
        (_, Action::Count) => None,
        (_, Action::Delete) => Some(Admin),
        (Kind::Place | Kind::Report, Action::Create) => Some(Guest),
        (Kind::Offer | Kind::Task | Kind::KitRun | Kind::Feedback, Action::Create) => Some(Member),
        (Kind::Place | Kind::KitRun, Action::Edit) => Some(Member),
        _ => Some(Facilitator),
    }
}

fn allowed_by_table(kind: Kind, action: Action, access: Access) -> bool {
    least_access(kind, action).is_some_and(|least| access >= least)
}

fn forbidden(kind: Kind) -> Refusal {
    Refusal::new(RefusalCode::Forbidden).kind(kind)
}

/// A first check before any validation, so that people without the right to
/// act learn nothing about the data from validation errors: refuses actions
/// nobody may take, and anything beyond the table for guests. Members may
/// still be refused by the full check once the exceptions are evaluated.
pub fn precheck(kind: Kind, action: Action, actor: &Actor) -> Result<(), Refusal> {
    if kind.is_immutable() && action == Action::Edit {
        return Err(Refusal::new(RefusalCode::Immutable).kind(kind));
    }
    if allowed_by_table(kind, action, actor.access) {
        return Ok(());
    }
    if least_access(kind, action).is_none() || actor.access < Access::Member {
        return Err(forbidden(kind));
    }
    Ok(())
}

/// Whether a guest may read records of `kind` at all: guests (mapping
/// parties, visitors) see the map and the territory, never the governance
/// board — needs, offers, tasks, meetings and their minutes, speaking time,
/// decisions. The server withholds those from their pulls.
#[must_use]
pub const fn guest_may_read_kind(kind: Kind) -> bool {
    !matches!(
        kind,
        Kind::Need
            | Kind::Offer
            | Kind::Task
            | Kind::Meeting
            | Kind::AgendaItem
            | Kind::SpeakingTurn
            | Kind::Decision
    )
}

/// Whether a guest may read `record`: its kind is readable
/// ([`guest_may_read_kind`]) and, for feedback, it is about a kit, not a meeting.
#[must_use]
pub fn guest_may_read(record: &Record) -> bool {
    guest_may_read_kind(record.kind)
        && !(record.kind == Kind::Feedback && record.reference("meeting").is_some())
}

/// Whether `actor` owns `record` (see exception 1).
#[must_use]
pub fn owns(actor: &Actor, record: &Record) -> bool {
    let Some(person) = actor.person else {
        return false;
    };
    match record.kind {
        Kind::Person => record.id == person,
        Kind::Offer => record.reference("person") == Some(person),
        Kind::Task => record.created_by == Some(person),
        Kind::KitRun | Kind::Feedback => {
            record.created_by == Some(person) || record.reference("person") == Some(person)
        }
        _ => false,
    }
}

/// Checks the creation of a record of `kind` with `fields` (looked up by name).
pub fn create<'a>(
    state: &State,
    actor: &Actor,
    kind: Kind,
    field: impl Fn(&str) -> Option<&'a Value>,
) -> Result<(), Refusal> {
    if allowed_by_table(kind, Action::Create, actor.access) {
        if actor.access >= Access::Facilitator {
            return Ok(());
        }
        // Members and guests create on their own behalf only.
        let me = actor.person;
        let about_me = |name: &str| match field(name) {
            None | Some(Value::Null) => true,
            Some(Value::Ref(id)) => Some(*id) == me,
            Some(_) => false,
        };
        let fine = match kind {
            Kind::Offer => me.is_some() && field("person").and_then(Value::as_ref_id) == me,
            Kind::Feedback => about_me("person"),
            Kind::KitRun => about_me("person"),
            Kind::Task => {
                let status = field("status").and_then(Value::as_text).unwrap_or("open");
                let taker = field("taker").and_then(Value::as_ref_id);
                match status {
                    "open" => taker.is_none(),
                    "taken" => taker.is_some() && taker == me,
                    _ => false,
                }
            }
            _ => true,
        };
        return if fine { Ok(()) } else { Err(forbidden(kind)) };
    }
    // Exception 2: members of a kit's pôle publish its new versions.
    if kind == Kind::KitVersion && actor.access == Access::Member {
        let kit_pole = field("kit")
            .and_then(Value::as_ref_id)
            .and_then(|kit| state.existing(kit))
            .and_then(|kit| kit.reference("pole"));
        if let (Some(pole), Some(person)) = (kit_pole, actor.person)
            && holds_role_in(state, person, pole)
        {
            return Ok(());
        }
    }
    Err(forbidden(kind))
}

/// Whether `person` holds any current role in `pole`.
#[must_use]
pub fn holds_role_in(state: &State, person: Id, pole: Id) -> bool {
    state.of_kind(Kind::RoleAssignment).any(|assignment| {
        assignment.reference("person") == Some(person)
            && assignment.reference("pole") == Some(pole)
            && assignment.get("until").is_null()
    })
}

/// Checks writing `writes` (field name, new value) on `record`.
pub fn edit(actor: &Actor, record: &Record, writes: &[(usize, &Value)]) -> Result<(), Refusal> {
    let kind = record.kind;
    if allowed_by_table(kind, Action::Edit, actor.access) {
        return Ok(());
    }
    if actor.access < Access::Member {
        return Err(forbidden(kind));
    }
    let fields = kind.fields();
    let owner = owns(actor, record);
    let all_own = writes
        .iter()
        .all(|(index, _)| fields[*index].owner_may_edit);
    if owner && all_own {
        return Ok(());
    }
    if kind == Kind::Task && task_pool_move(actor, record, writes) {
        return Ok(());
    }
    Err(forbidden(kind))
}

/// Exception 5: take an open task, release or complete one's own.
fn task_pool_move(actor: &Actor, task: &Record, writes: &[(usize, &Value)]) -> bool {
    let Some(me) = actor.person else {
        return false;
    };
    let fields = Kind::Task.fields();
    let mut status = task.text("status").unwrap_or("open");
    let mut taker = task.reference("taker");
    let holder = taker;
    let before = status;
    for (index, value) in writes {
        match fields[*index].name {
            "status" => status = value.as_text().unwrap_or("open"),
            "taker" => taker = value.as_ref_id(),
            _ => return false,
        }
    }
    match (before, status) {
        // Take.
        ("open", "taken") => holder.is_none() && taker == Some(me),
        // Release.
        ("taken", "open") => holder == Some(me) && taker.is_none(),
        // Complete.
        ("taken", "done") => holder == Some(me) && (taker == Some(me) || taker.is_none()),
        _ => false,
    }
}

/// Checks incrementing a counter of `record`.
pub fn count(actor: &Actor, record: &Record) -> Result<(), Refusal> {
    if allowed_by_table(record.kind, Action::Count, actor.access) {
        Ok(())
    } else {
        Err(forbidden(record.kind))
    }
}

/// Checks archiving or deleting `record`.
pub fn archive_or_delete(actor: &Actor, record: &Record, action: Action) -> Result<(), Refusal> {
    if allowed_by_table(record.kind, action, actor.access) {
        return Ok(());
    }
    let owned_kind = matches!(
        record.kind,
        Kind::Offer | Kind::Task | Kind::KitRun | Kind::Feedback
    );
    if actor.access >= Access::Member && owned_kind && owns(actor, record) {
        return Ok(());
    }
    Err(forbidden(record.kind))
}
