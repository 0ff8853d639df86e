//! The state of one collective: its records, their per-field versions, the
//! conflicts kept for people to settle, and each client's progress.

use std::collections::BTreeMap;

use rustc_hash::FxHashMap;
use serde::{Deserialize, Serialize};

use crate::ids::Id;
use crate::schema::Kind;
use crate::value::Value;

/// One record: a kind, an id, and one value per field of its kind (in schema order).
///
/// The schema only ever grows by appending optional fields to a kind, so a
/// record stored before a field existed (in the server's database, on a
/// device) reads back with the missing trailing fields empty, at version 0.
/// A record with *more* values than its kind has fields is refused.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "StoredRecord")]
pub struct Record {
    /// Its kind.
    pub kind: Kind,
    /// Its id.
    pub id: Id,
    /// One value per field of the kind, in schema order ([`Value::Null`] when empty).
    pub values: Vec<Value>,
    /// For each field, the collective version that last wrote it.
    pub versions: Vec<u64>,
    /// For each field, the client that last wrote it.
    pub writers: Vec<Id>,
    /// The person who created it, if any (ownership for members' rights).
    pub created_by: Option<Id>,
    /// The collective version that created it.
    pub created_at: u64,
    /// The collective version that last changed it (what pulls look at).
    pub changed_at: u64,
    /// Hidden from everyday views, restorable.
    pub archived: bool,
    /// Deleted for good: kept as a tombstone so later edits are refused.
    pub deleted: bool,
}

impl Record {
    /// The value of the field called `name` (`Null` if the kind has no such field).
    #[must_use]
    pub fn get(&self, name: &str) -> &Value {
        match self.kind.field_index(name) {
            Some(index) => &self.values[index],
            None => &Value::Null,
        }
    }

    /// The text of a text field, if set.
    #[must_use]
    pub fn text(&self, name: &str) -> Option<&str> {
        self.get(name).as_text()
    }

    /// The reference held by a reference field, if set.
    #[must_use]
    pub fn reference(&self, name: &str) -> Option<Id> {
        self.get(name).as_ref_id()
    }

    /// The version of the field called `name` (0 if unknown).
    #[must_use]
    pub fn version_of(&self, name: &str) -> u64 {
        self.kind
            .field_index(name)
            .map_or(0, |index| self.versions[index])
    }

    /// Neither archived nor deleted.
    #[must_use]
    pub const fn is_live(&self) -> bool {
        !self.archived && !self.deleted
    }
}

/// A [`Record`] as stored or sent, before its fields are checked against the schema.
#[derive(Deserialize)]
struct StoredRecord {
    kind: Kind,
    id: Id,
    values: Vec<Value>,
    versions: Vec<u64>,
    writers: Vec<Id>,
    created_by: Option<Id>,
    created_at: u64,
    changed_at: u64,
    archived: bool,
    deleted: bool,
}

impl TryFrom<StoredRecord> for Record {
    type Error = String;

    fn try_from(stored: StoredRecord) -> Result<Self, Self::Error> {
        let StoredRecord {
            kind,
            id,
            mut values,
            mut versions,
            mut writers,
            created_by,
            created_at,
            changed_at,
            archived,
            deleted,
        } = stored;
        let fields = kind.fields().len();
        let stored = values.len();
        if stored > fields || versions.len() != stored || writers.len() != stored {
            return Err(format!(
                "{} {id} has {stored} values, {} versions and {} writers for {fields} fields",
                kind.name(),
                versions.len(),
                writers.len(),
            ));
        }
        // Fields added to the schema since it was stored: empty, never written.
        let writer = writers.first().copied().unwrap_or(id);
        values.resize(fields, Value::Null);
        versions.resize(fields, 0);
        writers.resize(fields, writer);
        Ok(Record {
            kind,
            id,
            values,
            versions,
            writers,
            created_by,
            created_at,
            changed_at,
            archived,
            deleted,
        })
    }
}

/// A value that lost to a concurrent write, kept so people can restore it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Conflict {
    /// The conflict's id (derived from the operation that caused it).
    pub id: Id,
    /// The record concerned.
    pub record: Id,
    /// Its kind.
    pub kind: Kind,
    /// The field concerned.
    pub field: String,
    /// The value that was overwritten.
    pub lost: Value,
    /// The client that had written the lost value.
    pub lost_by: Id,
    /// The value that won (the later write in server order).
    pub won: Value,
    /// The operation whose write won.
    pub won_by: Id,
    /// The collective version at which it happened.
    pub at: u64,
    /// Settled by someone (restored or dismissed).
    pub resolved: bool,
}

/// Everything a collective holds, at one collective version.
///
/// It serialises whole (records sorted by id, conflicts, each client's last
/// sequence number): what a new replica downloads instead of replaying history.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct State {
    /// The collective version: how many operations were applied.
    pub version: u64,
    pub(crate) records: FxHashMap<Id, Record>,
    pub(crate) conflicts: BTreeMap<Id, Conflict>,
    pub(crate) last_seq: FxHashMap<Id, u64>,
}

impl State {
    /// An empty collective at version 0.
    #[must_use]
    pub fn new() -> State {
        State::default()
    }

    /// Rebuilds a state from stored parts (the server's rows, a device's snapshot).
    ///
    /// Applying the same operations to a restored state and to the original gives
    /// the same result: records keep their per-field versions and writers, and
    /// clients their last sequence numbers.
    pub fn restore(
        version: u64,
        records: impl IntoIterator<Item = Record>,
        conflicts: impl IntoIterator<Item = Conflict>,
        last_seq: impl IntoIterator<Item = (Id, u64)>,
    ) -> State {
        // Inserted one by one rather than collected: collecting into a B-tree
        // sorts first, a sort compiled once more into the app's bundle.
        let mut by_id = BTreeMap::new();
        for conflict in conflicts {
            by_id.insert(conflict.id, conflict);
        }
        State {
            version,
            records: records
                .into_iter()
                .map(|record| (record.id, record))
                .collect(),
            conflicts: by_id,
            last_seq: last_seq.into_iter().collect(),
        }
    }

    /// Takes in a record as the server sent it (a device's copy of the server state).
    pub fn upsert(&mut self, record: Record) {
        self.records.insert(record.id, record);
    }

    /// Takes in a conflict as the server sent it.
    pub fn upsert_conflict(&mut self, conflict: Conflict) {
        self.conflicts.insert(conflict.id, conflict);
    }

    /// Sets the collective version a device's copy is at (after a pull).
    pub fn set_version(&mut self, version: u64) {
        self.version = version;
    }

    /// Each client's last sequence number, in no particular order.
    pub fn last_seqs(&self) -> impl Iterator<Item = (Id, u64)> + '_ {
        self.last_seq.iter().map(|(client, seq)| (*client, *seq))
    }

    /// The record with this id, deleted or not.
    #[must_use]
    pub fn record(&self, id: Id) -> Option<&Record> {
        self.records.get(&id)
    }

    /// The record with this id, if it exists and is not deleted.
    #[must_use]
    pub fn existing(&self, id: Id) -> Option<&Record> {
        self.records.get(&id).filter(|record| !record.deleted)
    }

    /// Every record that is not deleted (archived ones included), in no particular order.
    pub fn records(&self) -> impl Iterator<Item = &Record> {
        self.records.values().filter(|record| !record.deleted)
    }

    /// Records of one kind that are not deleted, in no particular order.
    pub fn of_kind(&self, kind: Kind) -> impl Iterator<Item = &Record> {
        self.records().filter(move |record| record.kind == kind)
    }

    /// Every record including tombstones, sorted by id (for comparisons and snapshots).
    #[must_use]
    pub fn all_records_sorted(&self) -> Vec<&Record> {
        let mut all: Vec<&Record> = self.records.values().collect();
        all.sort_unstable_by_key(|record| record.id);
        all
    }

    /// Records changed after collective version `since` (what a pull sends), sorted by id.
    #[must_use]
    pub fn changed_since(&self, since: u64) -> Vec<&Record> {
        let mut changed: Vec<&Record> = self
            .records
            .values()
            .filter(|record| record.changed_at > since)
            .collect();
        changed.sort_unstable_by_key(|record| record.id);
        changed
    }

    /// Conflicts not yet settled, oldest first.
    pub fn open_conflicts(&self) -> impl Iterator<Item = &Conflict> {
        self.conflicts
            .values()
            .filter(|conflict| !conflict.resolved)
    }

    /// Every conflict, settled or not.
    pub fn conflicts(&self) -> impl Iterator<Item = &Conflict> {
        self.conflicts.values()
    }

    /// The conflict with this id.
    #[must_use]
    pub fn conflict(&self, id: Id) -> Option<&Conflict> {
        self.conflicts.get(&id)
    }

    /// The last sequence number applied (or refused) for `client` (0 if none).
    #[must_use]
    pub fn last_seq(&self, client: Id) -> u64 {
        self.last_seq.get(&client).copied().unwrap_or(0)
    }

    /// How many records exist (tombstones included).
    #[must_use]
    pub fn len(&self) -> usize {
        self.records.len()
    }

    /// True when the collective holds no record at all.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.records.is_empty()
    }

    /// Reserves room for `additional` more records (bulk loads).
    pub fn reserve(&mut self, additional: usize) {
        self.records.reserve(additional);
    }

    /// The collective's own record (the first `Collective` record), if created.
    #[must_use]
    pub fn collective(&self) -> Option<&Record> {
        self.of_kind(Kind::Collective)
            .min_by_key(|record| record.id)
    }

    /// The value of `field` on record `id`, if both exist.
    #[must_use]
    pub fn value(&self, id: Id, field: &str) -> Option<&Value> {
        self.existing(id).map(|record| record.get(field))
    }
}

/// The wire form of a [`State`] (deterministic: everything sorted by id).
#[derive(Serialize)]
struct StateOut<'a> {
    version: u64,
    records: Vec<&'a Record>,
    conflicts: Vec<&'a Conflict>,
    last_seq: BTreeMap<Id, u64>,
}

#[derive(Deserialize)]
struct StateIn {
    version: u64,
    records: Vec<Record>,
    conflicts: Vec<Conflict>,
    last_seq: BTreeMap<Id, u64>,
}

impl Serialize for State {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        StateOut {
            version: self.version,
            records: self.all_records_sorted(),
            conflicts: self.conflicts.values().collect(),
            last_seq: self
                .last_seq
                .iter()
                .map(|(client, seq)| (*client, *seq))
                .collect(),
        }
        .serialize(serializer)
    }
}

impl<'de> Deserialize<'de> for State {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let wire = StateIn::deserialize(deserializer)?;
        let mut records = FxHashMap::default();
        records.reserve(wire.records.len());
        // Each record was checked against its kind's fields as it was read.
        for record in wire.records {
            records.insert(record.id, record);
        }
        Ok(State {
            version: wire.version,
            records,
            conflicts: wire
                .conflicts
                .into_iter()
                .map(|conflict| (conflict.id, conflict))
                .collect(),
            last_seq: wire.last_seq.into_iter().collect(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pole_as_stored_before_the_map_fields() -> serde_json::Value {
        let id = Id::from_parts(1_795_305_600_000, [1; 10]);
        let client = Id::from_parts(1_795_305_600_000, [2; 10]);
        let mut values = vec![Value::Null; 10];
        values[0] = Value::text("LUMIÈRE");
        values[1] = Value::text("pole");
        serde_json::json!({
            "kind": "pole", "id": id, "values": values,
            "versions": vec![3; 10], "writers": vec![client; 10],
            "created_by": null, "created_at": 3, "changed_at": 3,
            "archived": false, "deleted": false,
        })
    }

    #[test]
    fn a_record_stored_before_fields_were_appended_reads_back_with_them_empty() {
        let record: Record =
            serde_json::from_value(pole_as_stored_before_the_map_fields()).expect("reads back");
        assert_eq!(record.values.len(), Kind::Pole.fields().len());
        assert_eq!(record.text("name"), Some("LUMIÈRE"));
        assert_eq!(record.get("x"), &Value::Null);
        assert_eq!(record.version_of("x"), 0);
        assert_eq!(record.version_of("name"), 3);
    }

    #[test]
    fn a_record_with_more_values_than_fields_is_refused() {
        let mut stored = pole_as_stored_before_the_map_fields();
        let extra = Kind::Pole.fields().len() + 1;
        stored["values"] = serde_json::json!(vec![Value::Null; extra]);
        stored["versions"] = serde_json::json!(vec![3; extra]);
        stored["writers"] = serde_json::json!(vec![stored["writers"][0].clone(); extra]);
        let error = serde_json::from_value::<Record>(stored).expect_err("refused");
        assert!(error.to_string().contains("fields"), "{error}");
    }
}
