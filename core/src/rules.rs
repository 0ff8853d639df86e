//! Rules that tie several fields of a record together.
//!
//! Checked on the record as it would be after the change, before anything is
//! written: a link never joins a pôle to itself, a custom role has a name, a
//! taken task has a taker, an event does not end before it starts.

use crate::ids::Id;
use crate::refusal::{Refusal, RefusalCode};
use crate::schema::Kind;
use crate::state::State;
use crate::value::Value;

fn contradiction(field: &str, detail: &str) -> Refusal {
    Refusal::new(RefusalCode::InvalidCombination)
        .field(field)
        .detail(detail)
}

/// Checks the rules of `kind` on the record `id` whose fields `get` returns.
pub fn check<'a>(
    state: &State,
    kind: Kind,
    id: Id,
    get: &dyn Fn(&str) -> &'a Value,
) -> Result<(), Refusal> {
    match kind {
        Kind::Pole if get("parent").as_ref_id() == Some(id) => {
            return Err(Refusal::new(RefusalCode::Cycle).field("parent"));
        }
        Kind::Link if get("from") == get("to") => {
            return Err(contradiction("to", "a link joins two different pôles"));
        }
        Kind::RoleAssignment => {
            if get("role").as_text() == Some("custom") && get("custom_name").is_null() {
                return Err(contradiction("custom_name", "a custom role needs a name"));
            }
            ends_after_start(get("since"), get("until"), "until")?;
        }
        Kind::Task => {
            let status = get("status").as_text().unwrap_or("open");
            let taker = get("taker");
            if status == "taken" && taker.is_null() {
                return Err(contradiction("taker", "a taken task needs a taker"));
            }
            if status == "open" && !taker.is_null() {
                return Err(contradiction("taker", "an open task has no taker"));
            }
        }
        Kind::Feedback if get("kit").is_null() == get("meeting").is_null() => {
            return Err(contradiction(
                "kit",
                "feedback is about one kit or one meeting",
            ));
        }
        Kind::Event => ends_after_start(get("starts_at"), get("ends_at"), "ends_at")?,
        Kind::Meeting | Kind::AgendaItem => {
            ends_after_start(get("started_at"), get("ended_at"), "ended_at")?;
        }
        // Leaving completes only once every role and task has been handed
        // over (see `crate::governance::handover`).
        Kind::Person
            if get("status").as_text() == Some("left")
                && state
                    .existing(id)
                    .is_none_or(|before| before.text("status") != Some("left"))
                && crate::governance::must_hand_over(state, id) =>
        {
            return Err(contradiction(
                "status",
                "hand over or release every role and task before leaving",
            ));
        }
        Kind::KitRun => {
            let (Some(kit), Some(version)) = (get("kit").as_ref_id(), get("version").as_ref_id())
            else {
                return Ok(());
            };
            if state
                .existing(version)
                .and_then(|record| record.reference("kit"))
                != Some(kit)
            {
                return Err(contradiction(
                    "version",
                    "the version belongs to another kit",
                ));
            }
        }
        _ => {}
    }
    Ok(())
}

fn ends_after_start(start: &Value, end: &Value, field: &str) -> Result<(), Refusal> {
    let ordered = match (start, end) {
        (Value::Date(start), Value::Date(end)) => end >= start,
        (Value::Time(start), Value::Time(end)) => end >= start,
        _ => true,
    };
    if ordered {
        Ok(())
    } else {
        Err(contradiction(field, "the end comes before the start"))
    }
}

/// Helps the compiler see that a field lookup returns values borrowed from the
/// record, not from the field name.
pub fn lookup<'a, F: Fn(&str) -> &'a Value>(get: F) -> F {
    get
}
