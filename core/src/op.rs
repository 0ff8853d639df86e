//! Operations: the only way a collective's records change.
//!
//! An operation is made by a client (a device), numbered in that client's
//! order, and names what it changes. The server puts all operations in one
//! order; applying the same operations in the same order gives the same state
//! on every replica.

use std::collections::BTreeMap;
use std::fmt;

use serde::{Deserialize, Serialize, de};

use crate::ids::Id;
use crate::schema::Kind;
use crate::tagged;
use crate::value::Value;

/// A member's level of access to a collective, from least to most.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Access {
    /// A mapping-party guest: may add places and reports, nothing else.
    Guest,
    /// A member: edits their own profile, availability, offers and the tasks they take.
    Member,
    /// A facilitator: restructures pôles, roles, meetings, decisions and kits.
    Facilitator,
    /// An admin: everything, including the collective's settings and deletions.
    Admin,
}

impl Access {
    /// Every level, from least to most.
    pub const ALL: [Access; 4] = [
        Access::Guest,
        Access::Member,
        Access::Facilitator,
        Access::Admin,
    ];

    /// The stable name of the level.
    #[must_use]
    pub const fn name(self) -> &'static str {
        match self {
            Access::Guest => "guest",
            Access::Member => "member",
            Access::Facilitator => "facilitator",
            Access::Admin => "admin",
        }
    }
}

/// Who applies an operation, as the server knows them *now*.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Actor {
    /// The person record of the actor, if they have one (guests may not).
    pub person: Option<Id>,
    /// Their access level in the collective.
    pub access: Access,
}

impl Actor {
    /// An actor with a person record.
    #[must_use]
    pub const fn new(person: Id, access: Access) -> Actor {
        Actor {
            person: Some(person),
            access,
        }
    }

    /// An actor with no person record (a guest at a mapping party, a setup script).
    #[must_use]
    pub const fn anonymous(access: Access) -> Actor {
        Actor {
            person: None,
            access,
        }
    }
}

/// A write of one field, with the version of the field its author saw.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct FieldWrite {
    /// The field's name.
    pub field: String,
    /// The new value ([`Value::Null`] empties an optional field).
    pub value: Value,
    /// The field's version when the author made the change (0: never seen).
    #[serde(default)]
    pub base: u64,
}

impl FieldWrite {
    /// A write based on version `base` of the field.
    pub fn new(field: impl Into<String>, value: Value, base: u64) -> FieldWrite {
        FieldWrite {
            field: field.into(),
            value,
            base,
        }
    }
}

/// What an operation changes.
///
/// Written as an object tagged by `op`; read by hand (see [`crate::tagged`]).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
#[serde(tag = "op", rename_all = "snake_case")]
pub enum Change {
    /// Creates a record with a client-generated id.
    Create {
        /// The kind of record.
        kind: Kind,
        /// Its id (UUIDv7, made by the client).
        id: Id,
        /// Its initial fields; omitted fields are empty.
        fields: BTreeMap<String, Value>,
    },
    /// Sets fields (last writer in server order wins; a concurrent loser is kept as a conflict).
    Set {
        /// The record.
        id: Id,
        /// The fields written, each with the version it was based on.
        fields: Vec<FieldWrite>,
    },
    /// Adds items to a set field (merges without conflict).
    Add {
        /// The record.
        id: Id,
        /// The set field.
        field: String,
        /// Items to add: a [`Value::Set`] or a [`Value::Refs`].
        items: Value,
    },
    /// Removes items from a set field (merges without conflict).
    Remove {
        /// The record.
        id: Id,
        /// The set field.
        field: String,
        /// Items to remove: a [`Value::Set`] or a [`Value::Refs`].
        items: Value,
    },
    /// Adds `by` (possibly negative) to a counter (merges without conflict).
    Increment {
        /// The record.
        id: Id,
        /// The counter field.
        field: String,
        /// The amount.
        by: i64,
    },
    /// Places a record among its siblings (fractional index), optionally under a new parent.
    Move {
        /// The record.
        id: Id,
        /// Its new order key (a `fractional_index` string, between its neighbours).
        order: String,
        /// A new parent: a pôle for pôles and missions, a meeting for agenda items.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        parent: Option<Id>,
    },
    /// Archives (hides, restorably) or un-archives a record.
    Archive {
        /// The record.
        id: Id,
        /// `true` to archive, `false` to restore.
        archived: bool,
    },
    /// Deletes a record for good; later edits to it are refused.
    Delete {
        /// The record.
        id: Id,
    },
    /// Settles a conflict: restores the value that lost, or keeps the winner.
    ResolveConflict {
        /// The conflict record.
        conflict: Id,
        /// `true` to write the losing value back, `false` to keep the current one.
        restore: bool,
    },
}

impl Change {
    /// Creates a record of `kind` with the given fields.
    pub fn create<'a>(
        kind: Kind,
        id: Id,
        fields: impl IntoIterator<Item = (&'a str, Value)>,
    ) -> Change {
        // Inserted one by one rather than collected (the last value of a
        // repeated name wins either way): collecting into a B-tree sorts
        // first, a sort compiled once more into the app's bundle.
        let mut by_name = BTreeMap::new();
        for (name, value) in fields {
            by_name.insert(name.to_owned(), value);
        }
        Change::Create {
            kind,
            id,
            fields: by_name,
        }
    }

    /// Sets one field, based on version `base` of it.
    pub fn set(id: Id, field: &str, value: Value, base: u64) -> Change {
        Change::Set {
            id,
            fields: vec![FieldWrite::new(field, value, base)],
        }
    }

    /// The record the change is about (for a conflict resolution, the conflict's id).
    #[must_use]
    pub const fn target(&self) -> Id {
        match self {
            Change::Create { id, .. }
            | Change::Set { id, .. }
            | Change::Add { id, .. }
            | Change::Remove { id, .. }
            | Change::Increment { id, .. }
            | Change::Move { id, .. }
            | Change::Archive { id, .. }
            | Change::Delete { id } => *id,
            Change::ResolveConflict { conflict, .. } => *conflict,
        }
    }

    /// The operation's name (for logs and the history view).
    #[must_use]
    pub const fn name(&self) -> &'static str {
        match self {
            Change::Create { .. } => "create",
            Change::Set { .. } => "set",
            Change::Add { .. } => "add",
            Change::Remove { .. } => "remove",
            Change::Increment { .. } => "increment",
            Change::Move { .. } => "move",
            Change::Archive { .. } => "archive",
            Change::Delete { .. } => "delete",
            Change::ResolveConflict { .. } => "resolve_conflict",
        }
    }
}

/// The variants of [`Change`], in declaration order, as tagged on the wire.
const CHANGE_OPS: &[&str] = &[
    "create",
    "set",
    "add",
    "remove",
    "increment",
    "move",
    "archive",
    "delete",
    "resolve_conflict",
];

/// Every field of every variant of [`Change`], the tag first.
const CHANGE_FIELDS: &[&str] = &[
    "op", "kind", "id", "fields", "field", "items", "by", "order", "parent", "archived",
    "conflict", "restore",
];

/// The `fields` of a change: a map for `create`, a list of writes for `set`.
enum Fields {
    Map(BTreeMap<String, Value>),
    Writes(Vec<FieldWrite>),
}

impl<'de> Deserialize<'de> for Fields {
    fn deserialize<D: de::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct FieldsVisitor;

        impl<'de> de::Visitor<'de> for FieldsVisitor {
            type Value = Fields;

            fn expecting(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
                formatter.write_str("a map of fields or a sequence of field writes")
            }

            fn visit_map<A: de::MapAccess<'de>>(self, mut map: A) -> Result<Fields, A::Error> {
                let mut fields = BTreeMap::new();
                while let Some((name, value)) = map.next_entry()? {
                    fields.insert(name, value);
                }
                Ok(Fields::Map(fields))
            }

            fn visit_seq<A: de::SeqAccess<'de>>(self, mut seq: A) -> Result<Fields, A::Error> {
                let mut writes = Vec::new();
                while let Some(write) = seq.next_element()? {
                    writes.push(write);
                }
                Ok(Fields::Writes(writes))
            }
        }

        deserializer.deserialize_any(FieldsVisitor)
    }
}

impl<'de> Deserialize<'de> for Change {
    fn deserialize<D: de::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct ChangeVisitor;

        impl<'de> de::Visitor<'de> for ChangeVisitor {
            type Value = Change;

            fn expecting(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
                formatter.write_str("a change (an object tagged by `op`)")
            }

            fn visit_map<A: de::MapAccess<'de>>(self, mut map: A) -> Result<Change, A::Error> {
                let mut op = None;
                let mut kind = None;
                let mut id = None;
                let mut fields = None;
                let mut field = None;
                let mut items = None;
                let mut by = None;
                let mut order = None;
                let mut parent: Option<Option<Id>> = None;
                let mut archived = None;
                let mut conflict = None;
                let mut restore = None;
                while let Some(key) = map.next_key_seed(tagged::Key(CHANGE_FIELDS))? {
                    match key {
                        Some(0) => tagged::tag(&mut map, &mut op, "op", CHANGE_OPS)?,
                        Some(1) => tagged::field(&mut map, &mut kind, "kind")?,
                        Some(2) => tagged::field(&mut map, &mut id, "id")?,
                        Some(3) => tagged::field(&mut map, &mut fields, "fields")?,
                        Some(4) => tagged::field(&mut map, &mut field, "field")?,
                        Some(5) => tagged::field(&mut map, &mut items, "items")?,
                        Some(6) => tagged::field(&mut map, &mut by, "by")?,
                        Some(7) => tagged::field(&mut map, &mut order, "order")?,
                        Some(8) => tagged::field(&mut map, &mut parent, "parent")?,
                        Some(9) => tagged::field(&mut map, &mut archived, "archived")?,
                        Some(10) => tagged::field(&mut map, &mut conflict, "conflict")?,
                        Some(11) => tagged::field(&mut map, &mut restore, "restore")?,
                        _ => tagged::skip(&mut map)?,
                    }
                }
                let op = tagged::need(op, "op")?;
                if op == 0 {
                    // Checked in the order of the variant's fields, as the derive does.
                    let kind = tagged::need(kind, "kind")?;
                    let id = tagged::need(id, "id")?;
                    return match tagged::need(fields, "fields")? {
                        Fields::Map(fields) => Ok(Change::Create { kind, id, fields }),
                        Fields::Writes(_) => {
                            Err(de::Error::invalid_type(de::Unexpected::Seq, &"a map"))
                        }
                    };
                }
                if op == 8 {
                    return Ok(Change::ResolveConflict {
                        conflict: tagged::need(conflict, "conflict")?,
                        restore: tagged::need(restore, "restore")?,
                    });
                }
                let id = tagged::need(id, "id")?;
                Ok(match op {
                    1 => Change::Set {
                        id,
                        fields: match tagged::need(fields, "fields")? {
                            Fields::Writes(writes) => writes,
                            Fields::Map(_) => {
                                return Err(de::Error::invalid_type(
                                    de::Unexpected::Map,
                                    &"a sequence",
                                ));
                            }
                        },
                    },
                    2 | 3 => {
                        let field = tagged::need(field, "field")?;
                        let items = tagged::need(items, "items")?;
                        if op == 2 {
                            Change::Add { id, field, items }
                        } else {
                            Change::Remove { id, field, items }
                        }
                    }
                    4 => Change::Increment {
                        id,
                        field: tagged::need(field, "field")?,
                        by: tagged::need(by, "by")?,
                    },
                    5 => Change::Move {
                        id,
                        order: tagged::need(order, "order")?,
                        parent: parent.flatten(),
                    },
                    6 => Change::Archive {
                        id,
                        archived: tagged::need(archived, "archived")?,
                    },
                    _ => Change::Delete { id },
                })
            }
        }

        deserializer.deserialize_map(ChangeVisitor)
    }
}

/// One operation, as made by a client.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Operation {
    /// The operation's own id.
    pub id: Id,
    /// The client (device) that made it.
    pub client: Id,
    /// Its number in that client's order, from 1, without gaps.
    pub seq: u64,
    /// The client's wall time in milliseconds: for display only, never to order.
    pub wall_time: i64,
    /// What it changes.
    pub change: Change,
}

/// Numbers a client's operations: one per device, kept with its pending operations.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Sequencer {
    /// The client (device) id.
    pub client: Id,
    /// The sequence number the next operation gets.
    pub next_seq: u64,
}

impl Sequencer {
    /// A new client, whose first operation is number 1.
    #[must_use]
    pub const fn new(client: Id) -> Sequencer {
        Sequencer {
            client,
            next_seq: 1,
        }
    }

    /// Wraps `change` into the client's next operation.
    pub fn operation(&mut self, id: Id, wall_time: i64, change: Change) -> Operation {
        let seq = self.next_seq;
        self.next_seq += 1;
        Operation {
            id,
            client: self.client,
            seq,
            wall_time,
            change,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn operations_have_a_readable_wire_form() {
        let op = Operation {
            id: Id::from_parts(1, [1; 10]),
            client: Id::from_parts(1, [2; 10]),
            seq: 3,
            wall_time: 1_000,
            change: Change::Set {
                id: Id::from_parts(1, [3; 10]),
                fields: vec![FieldWrite::new("name", Value::text("LUMIÈRE"), 7)],
            },
        };
        let json = serde_json::to_value(&op).expect("serialises");
        assert_eq!(json["change"]["op"], "set");
        assert_eq!(json["seq"], 3);
        assert_eq!(json["change"]["fields"][0]["field"], "name");
        assert_eq!(json["change"]["fields"][0]["value"]["text"], "LUMIÈRE");
        let back: Operation = serde_json::from_value(json).expect("parses");
        assert_eq!(back, op);
    }

    #[test]
    fn access_levels_are_ordered() {
        assert!(Access::Guest < Access::Member);
        assert!(Access::Member < Access::Facilitator);
        assert!(Access::Facilitator < Access::Admin);
    }
}
