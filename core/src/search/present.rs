//! How a search result reads: the title of what it opens, where it leads, and
//! a snippet of the text that matched when that is not the title.

use super::{Found, Group, highlight::snippet, title_field, words};
use crate::ids::Id;
use crate::state::{Record, State};
use crate::value::Value;

/// A search result ready to show.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Presented {
    /// The name or title of the record it opens (for an offer, its person's name).
    pub title: String,
    /// The matched text around the match, when the title did not match (a
    /// pôle's raison d'être, a kit's body, a meeting's agenda item…).
    pub detail: Option<String>,
    /// The record whose page the result opens: a mission's pôle, else the
    /// result's own record (a kit for a kit version, a meeting for an agenda item).
    pub target: Id,
}

/// The title text of `record` (its title field), if set.
fn title_of(record: &Record) -> Option<&str> {
    title_field(record.kind).and_then(|index| record.values[index].as_text())
}

/// The first piece of text in `value` holding a word the query begins.
fn matching_text<'a>(value: &'a Value, query: &[String]) -> Option<&'a str> {
    let hits = |text: &str| {
        let folded = super::fold(text);
        folded
            .split(' ')
            .any(|word| query.iter().any(|q| word.starts_with(q.as_str())))
    };
    match value {
        Value::Text(text) => Some(text.as_str()),
        Value::List(items) => items.iter().map(String::as_str).find(|item| hits(item)),
        Value::Set(items) => items.iter().map(String::as_str).find(|item| hits(item)),
        Value::Steps(steps) => steps
            .iter()
            .flat_map(|step| [step.title.as_str(), step.phase.as_str(), step.body.as_str()])
            .find(|text| hits(text)),
        _ => None,
    }
}

/// How `found` reads for `query`: the title of the record it opens, the
/// record its link targets, and a window of about `chars` characters of the
/// first matching field when the title did not match (see [`snippet`]).
#[must_use]
pub fn present(state: &State, found: &Found, query: &str, chars: usize) -> Presented {
    let opened = state.record(found.id);
    let mut title = opened.and_then(title_of).unwrap_or_default().to_owned();
    if found.group == Group::Offer
        && let Some(person) = opened
            .and_then(|offer| offer.reference("person"))
            .and_then(|person| state.record(person))
    {
        title = title_of(person).unwrap_or_default().to_owned();
    }
    let target = match found.group {
        Group::Mission => opened.and_then(|mission| mission.reference("pole")),
        _ => None,
    }
    .unwrap_or(found.id);
    let matched = state.record(found.hit.id);
    let is_title = found.hit.kind == found.group.kind()
        && title_field(found.hit.kind)
            .is_some_and(|index| found.hit.kind.fields()[index].name == found.hit.field);
    let detail = if is_title || found.hit.field.is_empty() {
        None
    } else {
        let query_words = words(query);
        matched
            .and_then(|record| matching_text(record.get(found.hit.field), &query_words))
            .map(|text| snippet(text, query, chars))
    };
    Presented {
        title,
        detail,
        target,
    }
}
