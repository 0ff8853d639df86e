//! The shapes that travel between the app and the server (`docs/api.md`).
//!
//! The only types both sides import besides the model itself: the server
//! serialises them, the app deserialises them, so they cannot drift apart.

use std::fmt;

use serde::{Deserialize, Serialize, de};

use crate::ids::Id;
use crate::op::{Access, Actor, Operation};
use crate::refusal::{Lang, Refusal};
use crate::state::{Conflict, Record};
use crate::tagged;

/// An error answer: a stable code and a message for people.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ErrorBody {
    /// Stable machine code (`invite_expired`, `access_revoked`…).
    pub code: String,
    /// What happened, for people.
    pub message: String,
    /// The message in French, when the server words it in both languages
    /// (attachments' refusals).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub message_fr: Option<String>,
    /// The message in English, alongside `message_fr`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub message_en: Option<String>,
}

impl ErrorBody {
    /// An error body with a code and a message in one language.
    #[must_use]
    pub fn new(code: impl Into<String>, message: impl Into<String>) -> ErrorBody {
        ErrorBody {
            code: code.into(),
            message: message.into(),
            message_fr: None,
            message_en: None,
        }
    }

    /// The refusal of a file (`file_too_large`…), in both languages; the
    /// `message` is the French one.
    #[must_use]
    pub fn file(error: &crate::files::FileError) -> ErrorBody {
        let fr = error.message(Lang::Fr);
        ErrorBody {
            code: error.code().to_owned(),
            message: fr.clone(),
            message_fr: Some(fr),
            message_en: Some(error.message(Lang::En)),
        }
    }

    /// The message in `lang` when the server gave one, else `message`.
    #[must_use]
    pub fn message_in(&self, lang: Lang) -> &str {
        let localised = match lang {
            Lang::Fr => self.message_fr.as_deref(),
            Lang::En => self.message_en.as_deref(),
        };
        localised.unwrap_or(&self.message)
    }
}

/// `POST /api/invites/inspect` request, and the token part of a join.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct InviteToken {
    /// The invite token (from the link's fragment).
    pub token: String,
}

/// What an invite opens.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct InviteInfo {
    /// The collective's name.
    pub collective: String,
    /// The access level it gives.
    pub access: Access,
    /// When it expires (Unix milliseconds).
    pub expires_at: i64,
    /// How many more devices may use it.
    pub uses_left: u32,
}

/// `POST /api/join` request.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct JoinRequest {
    /// The invite token.
    pub token: String,
    /// The name to show others.
    pub display_name: String,
    /// The device's client id (a UUIDv7 it made).
    pub client_id: Id,
}

/// A collective as the API names it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CollectiveInfo {
    /// Its id.
    pub id: Id,
    /// Its name.
    pub name: String,
    /// Its version when answered.
    pub version: u64,
}

/// `POST /api/join` answer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Joined {
    /// The device token (shown once).
    pub device_token: String,
    /// The device's client id.
    pub client_id: Id,
    /// The member.
    pub member_id: Id,
    /// The person record they act as (none for guests).
    pub person_id: Option<Id>,
    /// Their name.
    pub display_name: String,
    /// Their access level.
    pub access: Access,
    /// The collective joined.
    pub collective: CollectiveInfo,
}

/// `GET /api/me` answer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Me {
    /// This device.
    pub device_id: Id,
    /// Its member.
    pub member_id: Id,
    /// Their person record.
    pub person_id: Option<Id>,
    /// Their name.
    pub display_name: String,
    /// Their access level now.
    pub access: Access,
    /// The collective.
    pub collective: CollectiveInfo,
}

/// `POST /api/sync/push` request.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PushRequest {
    /// Operations of this device, in sequence order.
    pub operations: Vec<Operation>,
}

/// What became of one pushed operation.
///
/// Written as an object tagged by `outcome`; read by hand (see [`crate::tagged`]).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "outcome", rename_all = "snake_case")]
pub enum PushResult {
    /// Applied at `version`; `conflicts` lists values it overwrote.
    Applied {
        /// The client's sequence number.
        seq: u64,
        /// The collective version it produced.
        version: u64,
        /// Conflicts created.
        conflicts: Vec<Id>,
    },
    /// Refused for good.
    Refused {
        /// The client's sequence number.
        seq: u64,
        /// Why.
        refusal: Refusal,
        /// The reason in French, ready to show.
        message_fr: String,
        /// The reason in English, ready to show.
        message_en: String,
    },
    /// An earlier operation is missing: resend from `expected`.
    OutOfOrder {
        /// The client's sequence number.
        seq: u64,
        /// The sequence number expected next.
        expected: u64,
    },
}

impl PushResult {
    /// A refusal with its messages in both languages.
    #[must_use]
    pub fn refused(seq: u64, refusal: Refusal) -> PushResult {
        PushResult::Refused {
            seq,
            message_fr: refusal.message(Lang::Fr),
            message_en: refusal.message(Lang::En),
            refusal,
        }
    }

    /// The sequence number this result is about.
    #[must_use]
    pub const fn seq(&self) -> u64 {
        match self {
            PushResult::Applied { seq, .. }
            | PushResult::Refused { seq, .. }
            | PushResult::OutOfOrder { seq, .. } => *seq,
        }
    }
}

/// The variants of [`PushResult`], in declaration order, as tagged on the wire.
const PUSH_OUTCOMES: &[&str] = &["applied", "refused", "out_of_order"];

/// Every field of every variant of [`PushResult`], the tag first.
const PUSH_FIELDS: &[&str] = &[
    "outcome",
    "seq",
    "version",
    "conflicts",
    "refusal",
    "message_fr",
    "message_en",
    "expected",
];

impl<'de> Deserialize<'de> for PushResult {
    fn deserialize<D: de::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct PushResultVisitor;

        impl<'de> de::Visitor<'de> for PushResultVisitor {
            type Value = PushResult;

            fn expecting(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
                formatter.write_str("a push result (an object tagged by `outcome`)")
            }

            fn visit_map<A: de::MapAccess<'de>>(self, mut map: A) -> Result<PushResult, A::Error> {
                let mut outcome = None;
                let mut seq = None;
                let mut version = None;
                let mut conflicts = None;
                let mut refusal = None;
                let mut message_fr = None;
                let mut message_en = None;
                let mut expected = None;
                while let Some(key) = map.next_key_seed(tagged::Key(PUSH_FIELDS))? {
                    match key {
                        Some(0) => tagged::tag(&mut map, &mut outcome, "outcome", PUSH_OUTCOMES)?,
                        Some(1) => tagged::field(&mut map, &mut seq, "seq")?,
                        Some(2) => tagged::field(&mut map, &mut version, "version")?,
                        Some(3) => tagged::field(&mut map, &mut conflicts, "conflicts")?,
                        Some(4) => tagged::field(&mut map, &mut refusal, "refusal")?,
                        Some(5) => tagged::field(&mut map, &mut message_fr, "message_fr")?,
                        Some(6) => tagged::field(&mut map, &mut message_en, "message_en")?,
                        Some(7) => tagged::field(&mut map, &mut expected, "expected")?,
                        _ => tagged::skip(&mut map)?,
                    }
                }
                let outcome = tagged::need(outcome, "outcome")?;
                let seq = tagged::need(seq, "seq")?;
                Ok(match outcome {
                    0 => PushResult::Applied {
                        seq,
                        version: tagged::need(version, "version")?,
                        conflicts: tagged::need(conflicts, "conflicts")?,
                    },
                    1 => PushResult::Refused {
                        seq,
                        refusal: tagged::need(refusal, "refusal")?,
                        message_fr: tagged::need(message_fr, "message_fr")?,
                        message_en: tagged::need(message_en, "message_en")?,
                    },
                    _ => PushResult::OutOfOrder {
                        seq,
                        expected: tagged::need(expected, "expected")?,
                    },
                })
            }
        }

        deserializer.deserialize_map(PushResultVisitor)
    }
}

/// `POST /api/sync/push` answer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Pushed {
    /// One result per operation looked at, in order.
    pub results: Vec<PushResult>,
}

/// What became of one of a client's operations, as stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StoredResult {
    /// The client's sequence number.
    pub seq: u64,
    /// The operation id.
    pub op_id: Id,
    /// The collective version it produced, if applied.
    pub version: Option<u64>,
    /// Why it was refused, if refused.
    pub refusal: Option<Refusal>,
}

/// `GET /api/sync/pull` answer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Pulled {
    /// Records changed after `since`, oldest change first.
    pub records: Vec<Record>,
    /// Conflicts created or settled in that range.
    pub conflicts: Vec<Conflict>,
    /// Outcomes of this device's operations with a sequence above `acked`.
    pub results: Vec<StoredResult>,
    /// The collective version when read.
    pub version: u64,
    /// The `since` to ask for next.
    pub cursor: u64,
    /// Whether another page follows.
    pub more: bool,
    /// The device's access level now (absent from older servers): a device
    /// promoted from guest pulls again from the start, since guests are not
    /// sent the governance board (see [`crate::authz::guest_may_read`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub access: Option<crate::op::Access>,
}

/// One operation of the server's log of *applied* operations (time travel).
///
/// Refused operations are not in that log, so a client's sequence numbers
/// may have gaps; versions follow one another.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AppliedEntry {
    /// The collective version the operation produced.
    pub version: u64,
    /// When the server received it (Unix milliseconds, the server's clock).
    pub received_at: i64,
    /// The operation as the client sent it.
    pub op: Operation,
    /// The actor as the server authorised them then.
    pub actor: Actor,
}

/// A page of the log of applied operations, in version order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HistoryPage {
    /// Entries after the cursor asked for, oldest first.
    pub entries: Vec<AppliedEntry>,
    /// Whether another page follows.
    pub more: bool,
    /// The version to ask from next (the last entry's, or the one asked for).
    pub cursor: u64,
}
