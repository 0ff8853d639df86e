//! Hand-written reading of the internally tagged enums ([`Change`](crate::Change),
//! [`PushResult`](crate::wire::PushResult)).
//!
//! Serde's derive reads an internally tagged enum by first buffering the whole
//! object into its private `Content` tree, then reading the variant from that
//! buffer: every type inside gets a second deserialiser, and the app's bundle
//! pays for both. These enums are read instead in one pass into a flat set of
//! optional fields, then checked against the tag: the same JSON is accepted
//! and the same errors (unknown tag, missing field, duplicate field, wrong
//! type) are raised, with serde's own messages.
//!
//! Two differences with the derive, on inputs no client produces: a field
//! that belongs to another variant must still have that variant's type (the
//! derive ignored it), and the positional form (`["delete", "<id>"]`), an
//! accident of serde's buffering, is not accepted.

use std::fmt;

use serde::Deserialize;
use serde::de::{self, DeserializeSeed, Deserializer, MapAccess, Visitor};

/// Reads a map key as its position in a list of known names (`None`: unknown).
pub(crate) struct Key(pub &'static [&'static str]);

impl<'de> DeserializeSeed<'de> for Key {
    type Value = Option<usize>;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        deserializer.deserialize_identifier(self)
    }
}

impl Visitor<'_> for Key {
    type Value = Option<usize>;

    fn expecting(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        formatter.write_str("a field name")
    }

    fn visit_str<E: de::Error>(self, name: &str) -> Result<Self::Value, E> {
        Ok(self.0.iter().position(|known| *known == name))
    }
}

/// Reads a tag as its position in the list of variant names.
struct Tag(&'static [&'static str]);

impl<'de> DeserializeSeed<'de> for Tag {
    type Value = usize;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        deserializer.deserialize_str(self)
    }
}

impl Visitor<'_> for Tag {
    type Value = usize;

    fn expecting(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        formatter.write_str("a variant name")
    }

    fn visit_str<E: de::Error>(self, name: &str) -> Result<Self::Value, E> {
        self.0
            .iter()
            .position(|known| *known == name)
            .ok_or_else(|| E::unknown_variant(name, self.0))
    }
}

/// Reads the tag (field `name`, variants `variants`) into `slot`, once.
pub(crate) fn tag<'de, A: MapAccess<'de>>(
    map: &mut A,
    slot: &mut Option<usize>,
    name: &'static str,
    variants: &'static [&'static str],
) -> Result<(), A::Error> {
    if slot.is_some() {
        return Err(de::Error::duplicate_field(name));
    }
    *slot = Some(map.next_value_seed(Tag(variants))?);
    Ok(())
}

/// Reads the value of field `name` into `slot`, once.
pub(crate) fn field<'de, A: MapAccess<'de>, T: Deserialize<'de>>(
    map: &mut A,
    slot: &mut Option<T>,
    name: &'static str,
) -> Result<(), A::Error> {
    if slot.is_some() {
        return Err(de::Error::duplicate_field(name));
    }
    *slot = Some(map.next_value()?);
    Ok(())
}

/// Skips the value of a field this type does not know (as the derive does).
pub(crate) fn skip<'de, A: MapAccess<'de>>(map: &mut A) -> Result<(), A::Error> {
    map.next_value::<de::IgnoredAny>().map(|_| ())
}

/// The value of a required field.
pub(crate) fn need<T, E: de::Error>(slot: Option<T>, name: &'static str) -> Result<T, E> {
    slot.ok_or_else(|| E::missing_field(name))
}

#[cfg(test)]
mod tests {
    //! The hand-written readers against serde's derive (kept here as mirrors):
    //! the same JSON gives the same value, malformed JSON fails in both.

    use std::collections::BTreeMap;

    use serde::Deserialize;

    use crate::ids::Id;
    use crate::op::{Change, FieldWrite};
    use crate::refusal::{Refusal, RefusalCode};
    use crate::schema::Kind;
    use crate::value::Value;
    use crate::wire::PushResult;

    #[derive(Deserialize)]
    #[serde(tag = "op", rename_all = "snake_case")]
    enum DerivedChange {
        Create {
            kind: Kind,
            id: Id,
            fields: BTreeMap<String, Value>,
        },
        Set {
            id: Id,
            fields: Vec<FieldWrite>,
        },
        Add {
            id: Id,
            field: String,
            items: Value,
        },
        Remove {
            id: Id,
            field: String,
            items: Value,
        },
        Increment {
            id: Id,
            field: String,
            by: i64,
        },
        Move {
            id: Id,
            order: String,
            #[serde(default)]
            parent: Option<Id>,
        },
        Archive {
            id: Id,
            archived: bool,
        },
        Delete {
            id: Id,
        },
        ResolveConflict {
            conflict: Id,
            restore: bool,
        },
    }

    impl From<DerivedChange> for Change {
        fn from(change: DerivedChange) -> Change {
            match change {
                DerivedChange::Create { kind, id, fields } => Change::Create { kind, id, fields },
                DerivedChange::Set { id, fields } => Change::Set { id, fields },
                DerivedChange::Add { id, field, items } => Change::Add { id, field, items },
                DerivedChange::Remove { id, field, items } => Change::Remove { id, field, items },
                DerivedChange::Increment { id, field, by } => Change::Increment { id, field, by },
                DerivedChange::Move { id, order, parent } => Change::Move { id, order, parent },
                DerivedChange::Archive { id, archived } => Change::Archive { id, archived },
                DerivedChange::Delete { id } => Change::Delete { id },
                DerivedChange::ResolveConflict { conflict, restore } => {
                    Change::ResolveConflict { conflict, restore }
                }
            }
        }
    }

    #[derive(Deserialize)]
    #[serde(tag = "outcome", rename_all = "snake_case")]
    enum DerivedPushResult {
        Applied {
            seq: u64,
            version: u64,
            conflicts: Vec<Id>,
        },
        Refused {
            seq: u64,
            refusal: Refusal,
            message_fr: String,
            message_en: String,
        },
        OutOfOrder {
            seq: u64,
            expected: u64,
        },
    }

    impl From<DerivedPushResult> for PushResult {
        fn from(result: DerivedPushResult) -> PushResult {
            match result {
                DerivedPushResult::Applied {
                    seq,
                    version,
                    conflicts,
                } => PushResult::Applied {
                    seq,
                    version,
                    conflicts,
                },
                DerivedPushResult::Refused {
                    seq,
                    refusal,
                    message_fr,
                    message_en,
                } => PushResult::Refused {
                    seq,
                    refusal,
                    message_fr,
                    message_en,
                },
                DerivedPushResult::OutOfOrder { seq, expected } => {
                    PushResult::OutOfOrder { seq, expected }
                }
            }
        }
    }

    /// serde_json's message without its position (the derive reads the whole
    /// object before failing, so positions may differ).
    fn message(error: &serde_json::Error) -> String {
        let text = error.to_string();
        match text.find(" at line ") {
            Some(at) => text[..at].to_owned(),
            None => text,
        }
    }

    /// Both readers agree on `json`: same value, or both fail. Returns the value.
    fn agree<T, M>(json: &str) -> Result<T, String>
    where
        T: for<'de> Deserialize<'de> + PartialEq + std::fmt::Debug,
        M: for<'de> Deserialize<'de> + Into<T>,
    {
        let ours = serde_json::from_str::<T>(json);
        let derived = serde_json::from_str::<M>(json).map(Into::into);
        match (ours, derived) {
            (Ok(ours), Ok(derived)) => {
                assert_eq!(ours, derived, "different values for {json}");
                Ok(ours)
            }
            (Err(ours), Err(_)) => Err(message(&ours)),
            (ours, derived) => panic!(
                "readers disagree on {json}: hand-written {ours:?}, derive {:?}",
                derived.map(|_| ()).map_err(|error| message(&error))
            ),
        }
    }

    fn id(n: u8) -> Id {
        Id::from_parts(1, [n; 10])
    }

    fn every_change() -> Vec<Change> {
        vec![
            Change::create(
                Kind::Pole,
                id(1),
                [
                    ("name", Value::text("LUMIÈRE")),
                    ("tags", Value::set(["a", "b"])),
                ],
            ),
            Change::create(Kind::Pole, id(1), []),
            Change::Set {
                id: id(2),
                fields: vec![
                    FieldWrite::new("name", Value::text("Jardin"), 7),
                    FieldWrite::new("archived_note", Value::Null, 0),
                ],
            },
            Change::Set {
                id: id(2),
                fields: vec![],
            },
            Change::Add {
                id: id(3),
                field: "tags".into(),
                items: Value::set(["x"]),
            },
            Change::Remove {
                id: id(3),
                field: "members".into(),
                items: Value::Refs([id(4), id(5)].into_iter().collect()),
            },
            Change::Increment {
                id: id(6),
                field: "count".into(),
                by: -3,
            },
            Change::Move {
                id: id(7),
                order: "a0".into(),
                parent: Some(id(8)),
            },
            Change::Move {
                id: id(7),
                order: "a1".into(),
                parent: None,
            },
            Change::Archive {
                id: id(9),
                archived: true,
            },
            Change::Delete { id: id(10) },
            Change::ResolveConflict {
                conflict: id(11),
                restore: false,
            },
        ]
    }

    #[test]
    fn every_change_round_trips_as_the_derive_reads_it() {
        for change in every_change() {
            let json = serde_json::to_string(&change).expect("serialises");
            let back = agree::<Change, DerivedChange>(&json).expect("parses");
            assert_eq!(back, change, "{json}");
            // Keys in any order, the tag last.
            let mut object: serde_json::Map<String, serde_json::Value> =
                serde_json::from_str(&json).expect("an object");
            let tag = object.remove("op").expect("tagged");
            object.insert("op".into(), tag);
            let mut reordered = String::from("{");
            for (index, (key, value)) in object.iter().rev().enumerate() {
                if index > 0 {
                    reordered.push(',');
                }
                reordered.push_str(&format!("{}:{value}", serde_json::Value::from(key.clone())));
            }
            reordered.push('}');
            assert_eq!(
                agree::<Change, DerivedChange>(&reordered).expect("parses"),
                change,
                "{reordered}"
            );
            // Unknown keys are ignored.
            let extra = json.replacen('{', r#"{"note":[1,{"a":null}],"#, 1);
            assert_eq!(
                agree::<Change, DerivedChange>(&extra).expect("parses"),
                change
            );
            // Through serde_json's own tree too.
            let value: serde_json::Value = serde_json::from_str(&json).expect("json");
            assert_eq!(
                serde_json::from_value::<Change>(value).expect("parses"),
                change
            );
        }
    }

    #[test]
    #[allow(clippy::useless_format)] // every case written the same way
    fn malformed_changes_fail_as_with_the_derive() {
        let a = id(1);
        let b = id(2);
        let cases = [
            "null".to_owned(),
            "1".to_owned(),
            r#""delete""#.to_owned(),
            "{}".to_owned(),
            format!(r#"{{"id":"{a}"}}"#),
            format!(r#"{{"op":"destroy","id":"{a}"}}"#),
            format!(r#"{{"op":"Delete","id":"{a}"}}"#),
            format!(r#"{{"op":5,"id":"{a}"}}"#),
            format!(r#"{{"op":"delete"}}"#),
            format!(r#"{{"op":"delete","id":"{a}","id":"{b}"}}"#),
            format!(r#"{{"op":"delete","op":"delete","id":"{a}"}}"#),
            format!(r#"{{"op":"delete","id":"not-an-id"}}"#),
            format!(r#"{{"op":"delete","id":null}}"#),
            format!(r#"{{"op":"create","id":"{a}","fields":{{}}}}"#),
            format!(r#"{{"op":"create","kind":"pole","fields":{{}}}}"#),
            format!(r#"{{"op":"create","kind":"pole","id":"{a}"}}"#),
            format!(r#"{{"op":"create","kind":"planet","id":"{a}","fields":{{}}}}"#),
            format!(r#"{{"op":"create","kind":"pole","id":"{a}","fields":[]}}"#),
            format!(
                r#"{{"op":"create","kind":"pole","id":"{a}","fields":{{"name":{{"txt":"x"}}}}}}"#
            ),
            format!(r#"{{"op":"create","kind":"pole","id":"{a}","fields":3}}"#),
            format!(r#"{{"op":"set","id":"{a}"}}"#),
            format!(r#"{{"op":"set","id":"{a}","fields":{{}}}}"#),
            format!(r#"{{"op":"set","id":"{a}","fields":[{{"field":"name"}}]}}"#),
            format!(r#"{{"op":"set","id":"{a}","fields":[{{"field":"name","value":"null"}}]}}"#),
            format!(r#"{{"op":"add","id":"{a}","field":"tags"}}"#),
            format!(r#"{{"op":"remove","id":"{a}","items":{{"set":[]}}}}"#),
            format!(r#"{{"op":"increment","id":"{a}","field":"n","by":1.5}}"#),
            format!(r#"{{"op":"increment","id":"{a}","field":"n","by":"1"}}"#),
            format!(r#"{{"op":"increment","id":"{a}","field":"n"}}"#),
            format!(r#"{{"op":"move","id":"{a}"}}"#),
            format!(r#"{{"op":"move","id":"{a}","order":"a0","parent":null}}"#),
            format!(r#"{{"op":"move","id":"{a}","order":"a0","parent":"{b}","parent":"{b}"}}"#),
            format!(r#"{{"op":"archive","id":"{a}","archived":"yes"}}"#),
            format!(r#"{{"op":"archive","id":"{a}"}}"#),
            format!(r#"{{"op":"resolve_conflict","conflict":"{a}"}}"#),
            format!(r#"{{"op":"resolve_conflict","restore":true}}"#),
            format!(r#"{{"op":"resolve_conflict","id":"{a}","conflict":"{b}","restore":true}}"#),
            format!(r#"{{"op":"delete","id":"{a}""#),
        ];
        let mut failures = 0;
        for json in &cases {
            if agree::<Change, DerivedChange>(json).is_err() {
                failures += 1;
            }
        }
        // Only the three well-formed ones parse: a write of `"null"` (the
        // empty value), a move to no parent, a resolution with a stray id of
        // the right type.
        assert_eq!(failures, cases.len() - 3);
    }

    #[test]
    fn errors_name_what_is_wrong_as_serde_does() {
        let a = id(1);
        let unknown = agree::<Change, DerivedChange>(&format!(r#"{{"op":"destroy","id":"{a}"}}"#));
        assert_eq!(
            unknown.expect_err("unknown op"),
            "unknown variant `destroy`, expected one of `create`, `set`, `add`, `remove`, \
             `increment`, `move`, `archive`, `delete`, `resolve_conflict`"
        );
        let missing = agree::<Change, DerivedChange>(r#"{"op":"delete"}"#);
        assert_eq!(missing.expect_err("no id"), "missing field `id`");
        let untagged = agree::<Change, DerivedChange>(&format!(r#"{{"id":"{a}"}}"#));
        assert_eq!(untagged.expect_err("no op"), "missing field `op`");
        let twice =
            agree::<Change, DerivedChange>(&format!(r#"{{"op":"delete","id":"{a}","id":"{a}"}}"#));
        assert_eq!(twice.expect_err("two ids"), "duplicate field `id`");
    }

    fn every_push_result() -> Vec<PushResult> {
        let mut refusal = Refusal::new(RefusalCode::Forbidden);
        refusal.kind = Some(Kind::Pole);
        refusal.record = Some(id(3));
        refusal.limit = Some((1, 80));
        vec![
            PushResult::Applied {
                seq: 12,
                version: 208,
                conflicts: vec![id(1), id(2)],
            },
            PushResult::Applied {
                seq: 1,
                version: 1,
                conflicts: vec![],
            },
            PushResult::refused(13, refusal),
            PushResult::refused(14, Refusal::new(RefusalCode::NotFound)),
            PushResult::OutOfOrder {
                seq: 15,
                expected: 14,
            },
        ]
    }

    #[test]
    fn every_push_result_round_trips_as_the_derive_reads_it() {
        for result in every_push_result() {
            let json = serde_json::to_string(&result).expect("serialises");
            let back = agree::<PushResult, DerivedPushResult>(&json).expect("parses");
            assert_eq!(back, result, "{json}");
            let tag_last = {
                let mut object: serde_json::Map<String, serde_json::Value> =
                    serde_json::from_str(&json).expect("an object");
                let tag = object.remove("outcome").expect("tagged");
                object.insert("outcome".into(), tag);
                serde_json::to_string(&object).expect("serialises")
            };
            assert_eq!(
                agree::<PushResult, DerivedPushResult>(&tag_last).expect("parses"),
                result
            );
            let extra = json.replacen('{', r#"{"server":"v2","#, 1);
            assert_eq!(
                agree::<PushResult, DerivedPushResult>(&extra).expect("parses"),
                result
            );
        }
    }

    #[test]
    fn malformed_push_results_fail_as_with_the_derive() {
        let cases = [
            "[]",
            "{}",
            r#"{"seq":1,"expected":2}"#,
            r#"{"outcome":"lost","seq":1}"#,
            r#"{"outcome":"applied","seq":1,"version":2}"#,
            r#"{"outcome":"applied","version":2,"conflicts":[]}"#,
            r#"{"outcome":"applied","seq":-1,"version":2,"conflicts":[]}"#,
            r#"{"outcome":"applied","seq":1,"seq":1,"version":2,"conflicts":[]}"#,
            r#"{"outcome":"refused","seq":1,"message_fr":"a","message_en":"b"}"#,
            r#"{"outcome":"refused","seq":1,"refusal":{"code":"nope"},"message_fr":"a","message_en":"b"}"#,
            r#"{"outcome":"refused","seq":1,"refusal":{"code":"forbidden"},"message_fr":"a"}"#,
            r#"{"outcome":"out_of_order","seq":1}"#,
            r#"{"outcome":"out_of_order","seq":1,"expected":"2"}"#,
        ];
        for json in cases {
            assert!(
                agree::<PushResult, DerivedPushResult>(json).is_err(),
                "{json} should fail"
            );
        }
        // A refusal's optional parts may be left out.
        let minimal = r#"{"outcome":"refused","seq":1,"refusal":{"code":"forbidden"},"message_fr":"a","message_en":"b"}"#;
        assert!(agree::<PushResult, DerivedPushResult>(minimal).is_ok());
    }
}
