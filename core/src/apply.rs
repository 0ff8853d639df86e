//! Applying operations: validation, authorisation, per-field versions and conflicts.
//!
//! [`State::apply`] is the one function both sides run: the app to show a
//! change at once, the server to decide. It checks everything before it
//! touches anything, so a refused operation leaves no trace.
//! [`State::receive`] wraps it with each client's sequence: duplicates are
//! no-ops, gaps are reported so the client resends, and a refusal still
//! advances the client's sequence (no deadlock on a bad operation).

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::authz::{self, Action};
use crate::ids::Id;
use crate::op::{Actor, Change, FieldWrite, Operation};
use crate::refusal::{Refusal, RefusalCode};
use crate::schema::{FieldType, Kind};
use crate::state::{Conflict, Record, State};
use crate::validate;
use crate::value::Value;

/// What an applied operation did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Applied {
    /// The collective version the operation produced.
    pub version: u64,
    /// The record it changed.
    pub record: Id,
    /// Conflicts it created (values it overwrote that a concurrent writer had set).
    pub conflicts: Vec<Id>,
}

/// The outcome of receiving an operation from a client.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "outcome", rename_all = "snake_case")]
pub enum Receipt {
    /// Applied; the state moved to a new version.
    Applied(Applied),
    /// Refused for good, with the reason; nothing changed but the client's sequence.
    Refused(Refusal),
    /// Already received (a replay): nothing happened.
    Duplicate,
    /// An earlier operation of this client is missing: resend from `expected`.
    OutOfOrder {
        /// The sequence number the server expects next from this client.
        expected: u64,
    },
}

/// The parent field of kinds that can be moved under another record.
fn parent_field(kind: Kind) -> Option<&'static str> {
    match kind {
        Kind::Pole => Some("parent"),
        Kind::Mission => Some("pole"),
        Kind::AgendaItem => Some("meeting"),
        _ => None,
    }
}

impl State {
    /// Receives `op` from its client: drops duplicates, reports gaps, applies or
    /// refuses it, and advances the client's sequence.
    pub fn receive(&mut self, op: &Operation, actor: &Actor) -> Receipt {
        let last = self.last_seq(op.client);
        if op.seq <= last {
            return Receipt::Duplicate;
        }
        if op.seq != last + 1 {
            return Receipt::OutOfOrder { expected: last + 1 };
        }
        let receipt = match self.apply(op, actor) {
            Ok(applied) => Receipt::Applied(applied),
            Err(refusal) => Receipt::Refused(refusal),
        };
        self.last_seq.insert(op.client, op.seq);
        receipt
    }

    /// Applies an operation the server's log says it applied at `version`, as
    /// `actor` (time travel: rebuilding a past state from that log).
    ///
    /// Unlike [`State::receive`], the client's sequence is not checked (the log
    /// of applied operations leaves out refused ones, so sequences have gaps);
    /// it only moves forward. The operation produces `version` itself, so
    /// records carry the versions they had on the server even if the log
    /// given starts later or skips entries.
    ///
    /// # Errors
    /// A [`Refusal`] if the operation does not apply to this state (the log
    /// is incomplete or out of order); nothing changes then.
    pub fn apply_logged(
        &mut self,
        op: &Operation,
        actor: &Actor,
        version: u64,
    ) -> Result<Applied, Refusal> {
        let current = self.version;
        if version > current + 1 {
            self.version = version - 1;
        }
        match self.apply(op, actor) {
            Ok(applied) => {
                let last = self.last_seq.entry(op.client).or_insert(0);
                *last = (*last).max(op.seq);
                Ok(applied)
            }
            Err(refusal) => {
                self.version = current;
                Err(refusal)
            }
        }
    }

    /// Applies `op` by `actor`, or refuses it without changing anything.
    ///
    /// # Errors
    /// A [`Refusal`] saying why the operation cannot apply.
    pub fn apply(&mut self, op: &Operation, actor: &Actor) -> Result<Applied, Refusal> {
        match &op.change {
            Change::Create { kind, id, fields } => self.create(op, actor, *kind, *id, fields),
            Change::Set { id, fields } => self.set(op, actor, *id, fields),
            Change::Add { id, field, items } => {
                self.add_or_remove(op, actor, *id, field, items, true)
            }
            Change::Remove { id, field, items } => {
                self.add_or_remove(op, actor, *id, field, items, false)
            }
            Change::Increment { id, field, by } => self.increment(op, actor, *id, field, *by),
            Change::Move { id, order, parent } => self.move_record(op, actor, *id, order, *parent),
            Change::Archive { id, archived } => self.archive(op, actor, *id, *archived),
            Change::Delete { id } => self.delete(op, actor, *id),
            Change::ResolveConflict { conflict, restore } => {
                self.resolve(op, actor, *conflict, *restore)
            }
        }
    }

    /// The live record `id`, or why it cannot be edited.
    fn editable(&self, id: Id) -> Result<&Record, Refusal> {
        match self.records.get(&id) {
            None => Err(Refusal::new(RefusalCode::NotFound)),
            Some(record) if record.deleted => {
                Err(Refusal::new(RefusalCode::Deleted).on(record.kind, id))
            }
            Some(record) => Ok(record),
        }
    }

    fn next_version(&mut self) -> u64 {
        self.version += 1;
        self.version
    }

    fn create(
        &mut self,
        op: &Operation,
        actor: &Actor,
        kind: Kind,
        id: Id,
        fields: &BTreeMap<String, Value>,
    ) -> Result<Applied, Refusal> {
        if let Some(existing) = self.records.get(&id) {
            return Err(Refusal::new(RefusalCode::AlreadyExists).on(existing.kind, id));
        }
        if kind == Kind::Collective && self.collective().is_some() {
            return Err(Refusal::new(RefusalCode::AlreadyExists)
                .on(kind, id)
                .detail("a collective already exists here"));
        }
        authz::precheck(kind, Action::Create, actor).map_err(|refusal| refusal.on(kind, id))?;
        let specs = kind.fields();
        let mut values = vec![Value::Null; specs.len()];
        for (name, value) in fields {
            let index = kind.field_index(name).ok_or_else(|| {
                Refusal::new(RefusalCode::UnknownField)
                    .kind(kind)
                    .field(name)
            })?;
            let spec = &specs[index];
            values[index] =
                validate::value(self, spec, value.clone()).map_err(|refusal| refusal.kind(kind))?;
        }
        for (spec, value) in specs.iter().zip(&values) {
            if spec.required && value.is_null() {
                return Err(Refusal::new(RefusalCode::Required)
                    .kind(kind)
                    .field(spec.name));
            }
        }
        authz::create(self, actor, kind, |name| {
            kind.field_index(name).map(|index| &values[index])
        })
        .map_err(|refusal| refusal.on(kind, id))?;
        crate::rules::check(
            self,
            kind,
            id,
            &crate::rules::lookup(|name| {
                kind.field_index(name)
                    .map_or(&Value::Null, |index| &values[index])
            }),
        )
        .map_err(|refusal| refusal.on(kind, id))?;
        if kind == Kind::KitVersion {
            self.check_new_kit_version(&values)?;
        }

        let version = self.next_version();
        let count = specs.len();
        self.records.insert(
            id,
            Record {
                kind,
                id,
                values,
                versions: vec![version; count],
                writers: vec![op.client; count],
                created_by: actor.person,
                created_at: version,
                changed_at: version,
                archived: false,
                deleted: false,
            },
        );
        Ok(Applied {
            version,
            record: id,
            conflicts: Vec::new(),
        })
    }

    fn check_new_kit_version(&self, values: &[Value]) -> Result<(), Refusal> {
        let kit_index = Kind::KitVersion.field_index("kit").unwrap_or(0);
        let number_index = Kind::KitVersion.field_index("number").unwrap_or(0);
        let kit = values[kit_index].as_ref_id();
        let number = values[number_index].as_int().unwrap_or(0);
        let taken = self.of_kind(Kind::KitVersion).any(|other| {
            other.reference("kit") == kit && other.get("number").as_int() == Some(number)
        });
        if taken {
            return Err(Refusal::new(RefusalCode::VersionExists)
                .kind(Kind::KitVersion)
                .field("number")
                .limit(number, number));
        }
        Ok(())
    }

    fn set(
        &mut self,
        op: &Operation,
        actor: &Actor,
        id: Id,
        fields: &[FieldWrite],
    ) -> Result<Applied, Refusal> {
        let record = self.editable(id)?;
        let kind = record.kind;
        authz::precheck(kind, Action::Edit, actor).map_err(|refusal| refusal.on(kind, id))?;
        if fields.is_empty() {
            return Err(Refusal::new(RefusalCode::EmptyChange).on(kind, id));
        }
        if kind.is_immutable() {
            return Err(Refusal::new(RefusalCode::Immutable)
                .on(kind, id)
                .field(&fields[0].field));
        }
        let specs = kind.fields();
        let mut writes: Vec<(usize, Value, u64)> = Vec::with_capacity(fields.len());
        for write in fields {
            let index = kind.field_index(&write.field).ok_or_else(|| {
                Refusal::new(RefusalCode::UnknownField)
                    .on(kind, id)
                    .field(&write.field)
            })?;
            let spec = &specs[index];
            if spec.ty == FieldType::Counter {
                // Counters change by increments only, so concurrent counts add up.
                return Err(Refusal::new(RefusalCode::WrongType)
                    .on(kind, id)
                    .field(spec.name)
                    .detail("increment"));
            }
            let value = validate::value(self, spec, write.value.clone())
                .map_err(|refusal| refusal.on(kind, id))?;
            if spec.required && value.is_null() {
                return Err(Refusal::new(RefusalCode::Required)
                    .on(kind, id)
                    .field(spec.name));
            }
            writes.push((index, value, write.base));
        }
        let refs: Vec<(usize, &Value)> = writes
            .iter()
            .map(|(index, value, _)| (*index, value))
            .collect();
        authz::edit(actor, record, &refs).map_err(|refusal| refusal.on(kind, id))?;
        if let Some((_, parent, _)) = writes
            .iter()
            .find(|(index, _, _)| kind == Kind::Pole && specs[*index].name == "parent")
        {
            self.check_no_cycle(id, parent.as_ref_id())?;
        }
        let lookup = crate::rules::lookup(|name| match kind.field_index(name) {
            Some(index) => writes
                .iter()
                .rev()
                .find(|(written, _, _)| *written == index)
                .map_or(&record.values[index], |(_, value, _)| value),
            None => &Value::Null,
        });
        crate::rules::check(self, kind, id, &lookup).map_err(|refusal| refusal.on(kind, id))?;
        drop(refs);

        let version = self.next_version();
        let mut conflicts = Vec::new();
        let record = self
            .records
            .get_mut(&id)
            .ok_or_else(|| Refusal::new(RefusalCode::NotFound))?;
        for (index, value, base) in writes {
            let concurrent = record.versions[index] > base && record.writers[index] != op.client;
            if concurrent && record.values[index] != value {
                let conflict_id = derived_id(op.id, index);
                let lost = std::mem::replace(&mut record.values[index], value.clone());
                self.conflicts.insert(
                    conflict_id,
                    Conflict {
                        id: conflict_id,
                        record: id,
                        kind,
                        field: specs[index].name.to_owned(),
                        lost,
                        lost_by: record.writers[index],
                        won: value,
                        won_by: op.id,
                        at: version,
                        resolved: false,
                    },
                );
                conflicts.push(conflict_id);
            } else {
                record.values[index] = value;
            }
            record.versions[index] = version;
            record.writers[index] = op.client;
        }
        if kind == Kind::Pole {
            // Archiving by status and by the archive operation are the same thing.
            if let Some(status) = kind.field_index("status") {
                record.archived = record.values[status].as_text() == Some("archived");
            }
        }
        record.changed_at = version;
        Ok(Applied {
            version,
            record: id,
            conflicts,
        })
    }

    /// Refuses making `pole` a descendant of itself.
    fn check_no_cycle(&self, pole: Id, new_parent: Option<Id>) -> Result<(), Refusal> {
        let mut current = new_parent;
        let mut steps = 0usize;
        while let Some(ancestor) = current {
            if ancestor == pole || steps > self.records.len() {
                return Err(Refusal::new(RefusalCode::Cycle)
                    .on(Kind::Pole, pole)
                    .field("parent"));
            }
            current = self
                .existing(ancestor)
                .and_then(|record| record.reference("parent"));
            steps += 1;
        }
        Ok(())
    }

    fn add_or_remove(
        &mut self,
        op: &Operation,
        actor: &Actor,
        id: Id,
        field: &str,
        items: &Value,
        add: bool,
    ) -> Result<Applied, Refusal> {
        let record = self.editable(id)?;
        let kind = record.kind;
        authz::precheck(kind, Action::Edit, actor).map_err(|refusal| refusal.on(kind, id))?;
        if kind.is_immutable() {
            return Err(Refusal::new(RefusalCode::Immutable)
                .on(kind, id)
                .field(field));
        }
        let index = kind.field_index(field).ok_or_else(|| {
            Refusal::new(RefusalCode::UnknownField)
                .on(kind, id)
                .field(field)
        })?;
        let spec = &kind.fields()[index];
        let current = &record.values[index];
        let merged = match (spec.ty, items) {
            (FieldType::Set { max_len, .. }, Value::Set(items)) => {
                let items = validate::set_items(spec, items.clone(), max_len)
                    .map_err(|refusal| refusal.on(kind, id))?;
                let mut set = current.as_set().cloned().unwrap_or_default();
                if add {
                    set.extend(items);
                } else {
                    set.retain(|item| !items.contains(item));
                }
                Value::Set(set)
            }
            (FieldType::Refs { .. }, Value::Refs(items)) => {
                let mut set = current.as_refs().cloned().unwrap_or_default();
                if add {
                    set.extend(items.iter().copied());
                } else {
                    set.retain(|item| !items.contains(item));
                }
                Value::Refs(set)
            }
            (FieldType::Set { .. } | FieldType::Refs { .. }, _) => {
                return Err(Refusal::new(RefusalCode::WrongType)
                    .on(kind, id)
                    .field(field)
                    .detail("items of the set's own type"));
            }
            _ => {
                return Err(Refusal::new(RefusalCode::WrongType)
                    .on(kind, id)
                    .field(field)
                    .detail("a set field"));
            }
        };
        // Validate the whole resulting set (limits, references of added items).
        let merged = match (add, merged) {
            (true, merged) => {
                validate::value(self, spec, merged).map_err(|refusal| refusal.on(kind, id))?
            }
            (false, Value::Set(set)) if set.is_empty() => Value::Null,
            (false, Value::Refs(set)) if set.is_empty() => Value::Null,
            (false, merged) => merged,
        };
        if spec.required && merged.is_null() {
            return Err(Refusal::new(RefusalCode::Required)
                .on(kind, id)
                .field(field));
        }
        authz::edit(actor, record, &[(index, &merged)]).map_err(|refusal| refusal.on(kind, id))?;
        let version = self.next_version();
        self.write_field(id, index, merged, version, op.client)?;
        Ok(Applied {
            version,
            record: id,
            conflicts: Vec::new(),
        })
    }

    fn increment(
        &mut self,
        op: &Operation,
        actor: &Actor,
        id: Id,
        field: &str,
        by: i64,
    ) -> Result<Applied, Refusal> {
        let record = self.editable(id)?;
        let kind = record.kind;
        authz::precheck(kind, Action::Count, actor).map_err(|refusal| refusal.on(kind, id))?;
        let index = kind.field_index(field).ok_or_else(|| {
            Refusal::new(RefusalCode::UnknownField)
                .on(kind, id)
                .field(field)
        })?;
        if kind.fields()[index].ty != FieldType::Counter {
            return Err(Refusal::new(RefusalCode::WrongType)
                .on(kind, id)
                .field(field)
                .detail("a counter"));
        }
        authz::count(actor, record).map_err(|refusal| refusal.on(kind, id))?;
        let current = record.values[index].as_int().unwrap_or(0);
        let next = current
            .checked_add(by)
            .filter(|next| *next >= 0)
            .ok_or_else(|| {
                Refusal::new(RefusalCode::OutOfRange)
                    .on(kind, id)
                    .field(field)
                    .limit(0, i64::MAX)
            })?;
        let version = self.next_version();
        self.write_field(id, index, Value::Int(next), version, op.client)?;
        Ok(Applied {
            version,
            record: id,
            conflicts: Vec::new(),
        })
    }

    fn move_record(
        &mut self,
        op: &Operation,
        actor: &Actor,
        id: Id,
        order: &str,
        parent: Option<Id>,
    ) -> Result<Applied, Refusal> {
        let record = self.editable(id)?;
        let kind = record.kind;
        authz::precheck(kind, Action::Edit, actor).map_err(|refusal| refusal.on(kind, id))?;
        let order_index = kind.field_index("order").ok_or_else(|| {
            Refusal::new(RefusalCode::UnknownField)
                .on(kind, id)
                .field("order")
        })?;
        let specs = kind.fields();
        validate::order_key(&specs[order_index], order).map_err(|refusal| refusal.on(kind, id))?;
        let mut writes = vec![(order_index, Value::Text(order.to_owned()))];
        if let Some(parent) = parent {
            let name = parent_field(kind).ok_or_else(|| {
                Refusal::new(RefusalCode::InvalidValue)
                    .on(kind, id)
                    .field("parent")
                    .detail("this kind has no parent")
            })?;
            let index = kind.field_index(name).unwrap_or(0);
            let value = validate::value(self, &specs[index], Value::Ref(parent))
                .map_err(|refusal| refusal.on(kind, id))?;
            if kind == Kind::Pole {
                self.check_no_cycle(id, Some(parent))?;
            }
            writes.push((index, value));
        }
        let refs: Vec<(usize, &Value)> = writes
            .iter()
            .map(|(index, value)| (*index, value))
            .collect();
        authz::edit(actor, record, &refs).map_err(|refusal| refusal.on(kind, id))?;
        let version = self.next_version();
        let record = self
            .records
            .get_mut(&id)
            .ok_or_else(|| Refusal::new(RefusalCode::NotFound))?;
        for (index, value) in writes {
            record.values[index] = value;
            record.versions[index] = version;
            record.writers[index] = op.client;
        }
        record.changed_at = version;
        Ok(Applied {
            version,
            record: id,
            conflicts: Vec::new(),
        })
    }

    fn archive(
        &mut self,
        op: &Operation,
        actor: &Actor,
        id: Id,
        archived: bool,
    ) -> Result<Applied, Refusal> {
        let record = self.editable(id)?;
        let kind = record.kind;
        authz::archive_or_delete(actor, record, Action::Archive)
            .map_err(|refusal| refusal.on(kind, id))?;
        let version = self.next_version();
        let record = self
            .records
            .get_mut(&id)
            .ok_or_else(|| Refusal::new(RefusalCode::NotFound))?;
        record.archived = archived;
        if kind == Kind::Pole {
            // A pôle's status follows: archived, or active again.
            if let Some(index) = kind.field_index("status") {
                record.values[index] = Value::text(if archived { "archived" } else { "active" });
                record.versions[index] = version;
                record.writers[index] = op.client;
            }
        }
        record.changed_at = version;
        Ok(Applied {
            version,
            record: id,
            conflicts: Vec::new(),
        })
    }

    fn delete(&mut self, op: &Operation, actor: &Actor, id: Id) -> Result<Applied, Refusal> {
        let record = self.editable(id)?;
        let kind = record.kind;
        authz::archive_or_delete(actor, record, Action::Delete)
            .map_err(|refusal| refusal.on(kind, id))?;
        let users = self.referrers(id);
        if !users.is_empty() {
            let names: Vec<&str> = users.iter().map(|kind| kind.name()).collect();
            return Err(Refusal::new(RefusalCode::InUse)
                .on(kind, id)
                .detail(names.join(", ")));
        }
        let version = self.next_version();
        let record = self
            .records
            .get_mut(&id)
            .ok_or_else(|| Refusal::new(RefusalCode::NotFound))?;
        record.deleted = true;
        // A tombstone keeps no content (a deleted person's details are gone).
        for value in &mut record.values {
            *value = Value::Null;
        }
        record.versions.fill(version);
        record.writers.fill(op.client);
        record.changed_at = version;
        Ok(Applied {
            version,
            record: id,
            conflicts: Vec::new(),
        })
    }

    /// Writes one field of a record already checked to exist, at `version`, by `client`.
    fn write_field(
        &mut self,
        id: Id,
        index: usize,
        value: Value,
        version: u64,
        client: Id,
    ) -> Result<(), Refusal> {
        let record = self
            .records
            .get_mut(&id)
            .ok_or_else(|| Refusal::new(RefusalCode::NotFound))?;
        record.values[index] = value;
        record.versions[index] = version;
        record.writers[index] = client;
        record.changed_at = version;
        Ok(())
    }

    /// The kinds of live records that refer to `id` (sorted, without repeats).
    #[must_use]
    pub fn referrers(&self, id: Id) -> Vec<Kind> {
        let mut kinds: Vec<Kind> = self
            .records()
            .filter(|record| {
                record.values.iter().any(|value| match value {
                    Value::Ref(target) => *target == id,
                    Value::Refs(targets) => targets.contains(&id),
                    _ => false,
                })
            })
            .map(|record| record.kind)
            .collect();
        crate::sort::sort(&mut kinds);
        kinds.dedup();
        kinds
    }

    fn resolve(
        &mut self,
        op: &Operation,
        actor: &Actor,
        conflict_id: Id,
        restore: bool,
    ) -> Result<Applied, Refusal> {
        let conflict = self
            .conflicts
            .get(&conflict_id)
            .ok_or_else(|| Refusal::new(RefusalCode::NotFound).detail("conflict"))?;
        if conflict.resolved {
            return Err(Refusal::new(RefusalCode::InvalidValue)
                .field(&conflict.field)
                .detail("this conflict is already settled"));
        }
        let record_id = conflict.record;
        let field = conflict.field.clone();
        let lost = conflict.lost.clone();
        let record = self.editable(record_id)?;
        let kind = record.kind;
        let index = kind.field_index(&field).ok_or_else(|| {
            Refusal::new(RefusalCode::UnknownField)
                .on(kind, record_id)
                .field(&field)
        })?;
        let value = if restore {
            let spec = &kind.fields()[index];
            let value =
                validate::value(self, spec, lost).map_err(|refusal| refusal.on(kind, record_id))?;
            if spec.required && value.is_null() {
                return Err(Refusal::new(RefusalCode::Required)
                    .on(kind, record_id)
                    .field(spec.name));
            }
            Some(value)
        } else {
            None
        };
        let check_value = value
            .clone()
            .unwrap_or_else(|| record.values[index].clone());
        authz::edit(actor, record, &[(index, &check_value)])
            .map_err(|refusal| refusal.on(kind, record_id))?;
        if value.is_some() {
            // A restored value is a write like any other: the record's rules and
            // the pôle tree must still hold with it (the other fields may have
            // moved on since it lost).
            if kind == Kind::Pole && kind.fields()[index].name == "parent" {
                self.check_no_cycle(record_id, check_value.as_ref_id())?;
            }
            let lookup = crate::rules::lookup(|name| match kind.field_index(name) {
                Some(at) if at == index => &check_value,
                Some(at) => &record.values[at],
                None => &Value::Null,
            });
            crate::rules::check(self, kind, record_id, &lookup)
                .map_err(|refusal| refusal.on(kind, record_id))?;
        }
        let version = self.next_version();
        if let Some(value) = value {
            self.write_field(record_id, index, value, version, op.client)?;
        }
        if let Some(conflict) = self.conflicts.get_mut(&conflict_id) {
            conflict.resolved = true;
            conflict.at = version;
        }
        Ok(Applied {
            version,
            record: record_id,
            conflicts: Vec::new(),
        })
    }
}

/// A deterministic id for something an operation produced (a conflict per field).
fn derived_id(op: Id, salt: usize) -> Id {
    let bytes = op.as_uuid().as_bytes();
    let mut random = [0u8; 10];
    random.copy_from_slice(&bytes[6..16]);
    random[9] ^= (salt as u8).wrapping_add(1);
    random[8] ^= 0x5a;
    Id::from_parts(op.unix_millis(), random)
}
