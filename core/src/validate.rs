//! Field values checked against the schema: types, limits, references.
//!
//! Validation also normalises (trims text, lower-cases colours, drops empty
//! list items), so the app's optimistic result and the server's are equal.

use std::collections::BTreeSet;

use fractional_index::FractionalIndex;

use crate::files::{self, FileRef};
use crate::ids::Id;
use crate::refusal::{Refusal, RefusalCode};
use crate::schema::{FieldSpec, FieldType, Kind, ROLES};
use crate::state::State;
use crate::value::{RoleCount, Step, Value};

/// Earliest instant accepted (1900-01-01T00:00:00Z), in milliseconds.
pub const TIME_MIN: i64 = -2_208_988_800_000;
/// Latest instant accepted (9999-12-31T23:59:59.999Z), in milliseconds.
pub const TIME_MAX: i64 = 253_402_300_799_999;
/// Longest web address accepted.
pub const URL_MAX: usize = 2_000;
/// Most steps in one kit version.
pub const STEPS_MAX: usize = 300;
/// Most entries in a required-roles rule.
pub const ROLES_MAX: usize = 10;
/// Most holders required for one role.
pub const ROLE_COUNT_MAX: u8 = 20;

fn refuse(code: RefusalCode, spec: &FieldSpec) -> Refusal {
    Refusal::new(code).field(spec.name)
}

fn wrong_type(spec: &FieldSpec, expected: &str) -> Refusal {
    refuse(RefusalCode::WrongType, spec).detail(expected)
}

fn char_len(text: &str) -> usize {
    // ASCII fast path: byte length equals character count.
    if text.is_ascii() {
        text.len()
    } else {
        text.chars().count()
    }
}

fn check_len(spec: &FieldSpec, text: &str, max: usize) -> Result<(), Refusal> {
    if char_len(text) > max {
        return Err(refuse(RefusalCode::TooLong, spec).limit(max as i64, max as i64));
    }
    Ok(())
}

/// Trims `text`, reusing its allocation when nothing needs trimming.
fn trimmed(text: String) -> String {
    let trimmed = text.trim();
    if trimmed.len() == text.len() {
        text
    } else {
        trimmed.to_owned()
    }
}

fn one_line(spec: &FieldSpec, text: &str) -> Result<(), Refusal> {
    if text.chars().any(char::is_control) {
        return Err(refuse(RefusalCode::InvalidValue, spec)
            .detail("line breaks and control characters are not allowed"));
    }
    Ok(())
}

/// Checks `value` for the field `spec` of a record, and returns it normalised.
///
/// `Null` is accepted for optional fields; required fields are checked by the caller,
/// which knows whether the record is being created.
pub fn value(state: &State, spec: &FieldSpec, value: Value) -> Result<Value, Refusal> {
    if value.is_null() {
        return Ok(Value::Null);
    }
    match spec.ty {
        FieldType::Text { max } => {
            let Value::Text(text) = value else {
                return Err(wrong_type(spec, "text"));
            };
            let text = trimmed(text);
            one_line(spec, &text)?;
            check_len(spec, &text, max)?;
            Ok(if text.is_empty() {
                Value::Null
            } else {
                Value::Text(text)
            })
        }
        FieldType::LongText { max } | FieldType::Markdown { max } => {
            let Value::Text(text) = value else {
                return Err(wrong_type(spec, "text"));
            };
            let text = trimmed(text);
            check_len(spec, &text, max)?;
            Ok(if text.is_empty() {
                Value::Null
            } else {
                Value::Text(text)
            })
        }
        FieldType::List { max_items, max_len } => {
            let Value::List(items) = value else {
                return Err(wrong_type(spec, "list of texts"));
            };
            let clean: Vec<String> = short_items(spec, items, max_len)?;
            if clean.len() > max_items {
                return Err(
                    refuse(RefusalCode::TooMany, spec).limit(max_items as i64, max_items as i64)
                );
            }
            Ok(if clean.is_empty() {
                Value::Null
            } else {
                Value::List(clean)
            })
        }
        FieldType::Set { max_items, max_len } => {
            let Value::Set(items) = value else {
                return Err(wrong_type(spec, "set of texts"));
            };
            let clean = set_items(spec, items, max_len)?;
            if clean.len() > max_items {
                return Err(
                    refuse(RefusalCode::TooMany, spec).limit(max_items as i64, max_items as i64)
                );
            }
            Ok(if clean.is_empty() {
                Value::Null
            } else {
                Value::Set(clean)
            })
        }
        FieldType::Choice(choices) => {
            let Value::Text(text) = value else {
                return Err(wrong_type(spec, "one of a list of choices"));
            };
            if choices.contains(&text.as_str()) {
                Ok(Value::Text(text))
            } else {
                Err(refuse(RefusalCode::InvalidValue, spec)
                    .detail(format!("“{text}” is not one of {}", choices.join(", "))))
            }
        }
        FieldType::Int { min, max } => {
            let Value::Int(number) = value else {
                return Err(wrong_type(spec, "whole number"));
            };
            if (min..=max).contains(&number) {
                Ok(Value::Int(number))
            } else {
                Err(refuse(RefusalCode::OutOfRange, spec).limit(min, max))
            }
        }
        FieldType::Counter => {
            let Value::Int(number) = value else {
                return Err(wrong_type(spec, "whole number"));
            };
            if number >= 0 {
                Ok(Value::Int(number))
            } else {
                Err(refuse(RefusalCode::OutOfRange, spec).limit(0, i64::MAX))
            }
        }
        FieldType::Latitude => degrees(spec, value, 900_000_000),
        FieldType::Longitude => degrees(spec, value, 1_800_000_000),
        FieldType::Bool => match value {
            Value::Bool(_) => Ok(value),
            _ => Err(wrong_type(spec, "yes or no")),
        },
        FieldType::Date => match value {
            Value::Date(_) => Ok(value),
            _ => Err(wrong_type(spec, "date")),
        },
        FieldType::Time => match value {
            Value::Time(millis) if (TIME_MIN..=TIME_MAX).contains(&millis) => Ok(value),
            Value::Time(_) => Err(refuse(RefusalCode::OutOfRange, spec).limit(TIME_MIN, TIME_MAX)),
            _ => Err(wrong_type(spec, "date and time")),
        },
        FieldType::Ref(kind) => {
            let Value::Ref(id) = value else {
                return Err(wrong_type(spec, "reference"));
            };
            reference(state, spec, id, kind)?;
            Ok(Value::Ref(id))
        }
        FieldType::Refs { kind, max_items } => {
            let Value::Refs(ids) = value else {
                return Err(wrong_type(spec, "set of references"));
            };
            if ids.len() > max_items {
                return Err(
                    refuse(RefusalCode::TooMany, spec).limit(max_items as i64, max_items as i64)
                );
            }
            for id in &ids {
                reference(state, spec, *id, kind)?;
            }
            Ok(if ids.is_empty() {
                Value::Null
            } else {
                Value::Refs(ids)
            })
        }
        FieldType::Colour => {
            let Value::Text(text) = value else {
                return Err(wrong_type(spec, "colour"));
            };
            let text = text.trim().to_ascii_lowercase();
            let ok = text.len() == 7
                && text.starts_with('#')
                && text[1..].bytes().all(|byte| byte.is_ascii_hexdigit());
            if ok {
                Ok(Value::Text(text))
            } else {
                Err(refuse(RefusalCode::InvalidValue, spec)
                    .detail(format!("“{text}” is not a colour like #1f4e5f")))
            }
        }
        FieldType::Url => {
            let Value::Text(text) = value else {
                return Err(wrong_type(spec, "web address"));
            };
            let text = trimmed(text);
            check_len(spec, &text, URL_MAX)?;
            let lower = text.to_ascii_lowercase();
            let scheme_ok = ["https://", "http://", "mailto:"]
                .iter()
                .any(|scheme| lower.starts_with(scheme) && lower.len() > scheme.len());
            if scheme_ok && !text.chars().any(|c| c.is_whitespace() || c.is_control()) {
                Ok(Value::Text(text))
            } else if text.is_empty() {
                Ok(Value::Null)
            } else {
                Err(refuse(RefusalCode::InvalidValue, spec)
                    .detail(format!("“{text}” is not an http(s) or mailto address")))
            }
        }
        FieldType::Order => {
            let Value::Text(text) = value else {
                return Err(wrong_type(spec, "order key"));
            };
            order_key(spec, &text)?;
            Ok(Value::Text(text))
        }
        FieldType::Roles => {
            let Value::Roles(roles) = value else {
                return Err(wrong_type(spec, "required roles"));
            };
            required_roles(spec, &roles)?;
            Ok(Value::Roles(roles))
        }
        FieldType::Steps => {
            let Value::Steps(steps) = value else {
                return Err(wrong_type(spec, "kit steps"));
            };
            Ok(Value::Steps(kit_steps(spec, steps)?))
        }
        FieldType::Files { max_items } => {
            let Value::Files(files) = value else {
                return Err(wrong_type(spec, "attachments"));
            };
            Ok(Value::Files(attachments(spec, files, max_items)?))
        }
    }
}

fn degrees(spec: &FieldSpec, value: Value, bound: i64) -> Result<Value, Refusal> {
    let Value::Int(e7) = value else {
        return Err(wrong_type(spec, "coordinate"));
    };
    if (-bound..=bound).contains(&e7) {
        Ok(Value::Int(e7))
    } else {
        Err(refuse(RefusalCode::OutOfRange, spec).limit(-bound / 10_000_000, bound / 10_000_000))
    }
}

/// Trims and checks the items of a set of short texts.
pub fn set_items(
    spec: &FieldSpec,
    items: BTreeSet<String>,
    max_len: usize,
) -> Result<BTreeSet<String>, Refusal> {
    short_items(spec, items, max_len)
}

/// Trims one-line items, drops empty ones, checks each against `max_len`.
fn short_items<C: Default + Extend<String>>(
    spec: &FieldSpec,
    items: impl IntoIterator<Item = String>,
    max_len: usize,
) -> Result<C, Refusal> {
    let mut clean = C::default();
    for item in items {
        let item = trimmed(item);
        if item.is_empty() {
            continue;
        }
        one_line(spec, &item)?;
        check_len(spec, &item, max_len)?;
        clean.extend(std::iter::once(item));
    }
    Ok(clean)
}

/// A reference must name an existing, not deleted record of the right kind.
pub fn reference(state: &State, spec: &FieldSpec, id: Id, kind: Kind) -> Result<(), Refusal> {
    match state.existing(id) {
        None => Err(refuse(RefusalCode::DanglingReference, spec).detail(id.to_string())),
        Some(target) if target.kind != kind => Err(refuse(RefusalCode::WrongKind, spec).detail(
            format!("{} expected, {} given", kind.name(), target.kind.name()),
        )),
        Some(_) => Ok(()),
    }
}

/// `count` order keys, in increasing order, all after `last` (an order key
/// already used, or the start when `None` or not a key): what a list
/// appends with.
#[must_use]
pub fn order_keys_after(last: Option<&str>, count: usize) -> Vec<String> {
    let mut keys = Vec::with_capacity(count);
    let mut current = match last.and_then(|key| FractionalIndex::from_string(key).ok()) {
        Some(last) => FractionalIndex::new_after(&last),
        None => FractionalIndex::default(),
    };
    for _ in 0..count {
        keys.push(current.to_string());
        current = FractionalIndex::new_after(&current);
    }
    keys
}

/// An order key is the string form of a fractional index.
pub fn order_key(spec: &FieldSpec, text: &str) -> Result<(), Refusal> {
    if text.len() > 200 || FractionalIndex::from_string(text).is_err() {
        return Err(
            refuse(RefusalCode::InvalidValue, spec).detail(format!("“{text}” is not an order key"))
        );
    }
    Ok(())
}

fn required_roles(spec: &FieldSpec, roles: &[RoleCount]) -> Result<(), Refusal> {
    if roles.len() > ROLES_MAX {
        return Err(refuse(RefusalCode::TooMany, spec).limit(ROLES_MAX as i64, ROLES_MAX as i64));
    }
    let mut seen = BTreeSet::new();
    for entry in roles {
        if !ROLES.contains(&entry.role.as_str()) || entry.role == "custom" {
            return Err(refuse(RefusalCode::InvalidValue, spec)
                .detail(format!("“{}” is not a role", entry.role)));
        }
        if entry.count > ROLE_COUNT_MAX {
            return Err(refuse(RefusalCode::OutOfRange, spec).limit(0, i64::from(ROLE_COUNT_MAX)));
        }
        if !seen.insert(entry.role.as_str()) {
            return Err(refuse(RefusalCode::InvalidValue, spec)
                .detail(format!("“{}” is listed twice", entry.role)));
        }
    }
    Ok(())
}

fn attachments(
    spec: &FieldSpec,
    files: Vec<FileRef>,
    max_items: usize,
) -> Result<Vec<FileRef>, Refusal> {
    if files.len() > max_items {
        return Err(refuse(RefusalCode::TooMany, spec).limit(max_items as i64, max_items as i64));
    }
    let mut seen = BTreeSet::new();
    let mut clean = Vec::with_capacity(files.len());
    for file in files {
        let file = FileRef {
            name: trimmed(file.name),
            ..file
        };
        if !files::is_hash(&file.hash) {
            return Err(refuse(RefusalCode::InvalidValue, spec)
                .detail("an attachment's hash is 64 lower-case hexadecimal digits"));
        }
        if !files::TYPES.contains(&file.content_type.as_str()) {
            return Err(refuse(RefusalCode::InvalidValue, spec).detail(format!(
                "“{}” is not an accepted file type",
                file.content_type
            )));
        }
        if file.size == 0 || file.size > files::MAX_BYTES {
            return Err(refuse(RefusalCode::OutOfRange, spec).limit(1, files::MAX_BYTES as i64));
        }
        if file.name.is_empty() {
            return Err(refuse(RefusalCode::Required, spec).detail("every attachment needs a name"));
        }
        check_len(spec, &file.name, 200)?;
        if !seen.insert(file.hash.clone()) {
            return Err(refuse(RefusalCode::InvalidValue, spec)
                .detail(format!("“{}” is attached twice", file.name)));
        }
        clean.push(file);
    }
    Ok(clean)
}

fn kit_steps(spec: &FieldSpec, steps: Vec<Step>) -> Result<Vec<Step>, Refusal> {
    if steps.len() > STEPS_MAX {
        return Err(refuse(RefusalCode::TooMany, spec).limit(STEPS_MAX as i64, STEPS_MAX as i64));
    }
    let mut keys = BTreeSet::new();
    let mut clean = Vec::with_capacity(steps.len());
    for step in steps {
        let step = Step {
            key: trimmed(step.key),
            phase: trimmed(step.phase),
            title: trimmed(step.title),
            body: trimmed(step.body),
        };
        if step.key.is_empty() || step.title.is_empty() {
            return Err(
                refuse(RefusalCode::Required, spec).detail("every step needs a key and a title")
            );
        }
        check_len(spec, &step.key, 80)?;
        check_len(spec, &step.phase, 120)?;
        check_len(spec, &step.title, 200)?;
        check_len(spec, &step.body, 10_000)?;
        if !keys.insert(step.key.clone()) {
            return Err(refuse(RefusalCode::InvalidValue, spec)
                .detail(format!("step key “{}” is used twice", step.key)));
        }
        clean.push(step);
    }
    Ok(clean)
}
