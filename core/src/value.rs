//! Field values: the few shapes every field of every record takes.

use std::collections::BTreeSet;
use std::fmt;

use serde::{Deserialize, Serialize};

use crate::ids::Id;

/// A calendar date, as days since 1970-01-01 (proleptic Gregorian), written
/// `YYYY-MM-DD` on the wire.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Date(i32);

impl Date {
    /// The date `year-month-day`, if it exists.
    #[must_use]
    pub fn from_ymd(year: i32, month: u32, day: u32) -> Option<Date> {
        if !(1..=12).contains(&month) || day == 0 || day > days_in_month(year, month) {
            return None;
        }
        // Days from civil (Howard Hinnant's algorithm).
        let y = i64::from(year) - i64::from(month <= 2);
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let m = i64::from(month);
        let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(day) - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        i32::try_from(era * 146_097 + doe - 719_468).ok().map(Date)
    }

    /// Days since 1970-01-01.
    #[must_use]
    pub const fn days(self) -> i32 {
        self.0
    }

    /// The date `days` after 1970-01-01.
    #[must_use]
    pub const fn from_days(days: i32) -> Date {
        Date(days)
    }

    /// The date of a Unix time in milliseconds (UTC).
    #[must_use]
    pub fn from_unix_millis(millis: i64) -> Date {
        let days = millis.div_euclid(86_400_000);
        Date(i32::try_from(days).unwrap_or(if days < 0 { i32::MIN } else { i32::MAX }))
    }

    /// Year, month (1–12) and day (1–31).
    #[must_use]
    pub fn ymd(self) -> (i32, u32, u32) {
        let z = i64::from(self.0) + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = doy - (153 * mp + 2) / 5 + 1;
        let month = if mp < 10 { mp + 3 } else { mp - 9 };
        let year = yoe + era * 400 + i64::from(month <= 2);
        (year as i32, month as u32, day as u32)
    }
}

fn days_in_month(year: i32, month: u32) -> u32 {
    match month {
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (year, month, day) = self.ymd();
        write!(f, "{year:04}-{month:02}-{day:02}")
    }
}

impl fmt::Debug for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Date({self})")
    }
}

impl std::str::FromStr for Date {
    type Err = String;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let bad = || format!("not a date (YYYY-MM-DD): {text:?}");
        let mut parts = text.splitn(3, '-');
        let (Some(y), Some(m), Some(d)) = (parts.next(), parts.next(), parts.next()) else {
            return Err(bad());
        };
        if y.len() != 4 || m.len() != 2 || d.len() != 2 {
            return Err(bad());
        }
        let year = y.parse().map_err(|_| bad())?;
        let month = m.parse().map_err(|_| bad())?;
        let day = d.parse().map_err(|_| bad())?;
        Date::from_ymd(year, month, day).ok_or_else(bad)
    }
}

impl TryFrom<String> for Date {
    type Error = String;

    fn try_from(text: String) -> Result<Self, Self::Error> {
        text.parse()
    }
}

impl From<Date> for String {
    fn from(date: Date) -> Self {
        date.to_string()
    }
}

/// How many people a pôle needs in one role (the "required roles" rule).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct RoleCount {
    /// The role (`referent`, `facilitator`, `welcome`, …).
    pub role: String,
    /// How many holders the pôle needs.
    pub count: u8,
}

/// One step of a kit, grouped by phase (or day).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Step {
    /// A key stable across versions, used by checklists (`"j1-accueil"`).
    pub key: String,
    /// The phase or day the step belongs to (`"_comprendre · jour 1"`).
    pub phase: String,
    /// What to do.
    pub title: String,
    /// Details (markdown).
    #[serde(default)]
    pub body: String,
}

/// The value of one field.
///
/// Coordinates are integers in 1e-7 degrees (about a centimetre), so values
/// compare and hash exactly on every platform.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Value {
    /// No value (an optional field left empty).
    Null,
    /// Yes or no.
    Bool(bool),
    /// A whole number (also counters and coordinates).
    Int(i64),
    /// Text: plain, markdown, a choice, a colour, a URL or an order key.
    Text(String),
    /// An ordered list of texts (purpose statements, accountabilities).
    List(Vec<String>),
    /// A set of short texts (tags, skills, categories, checked steps).
    Set(BTreeSet<String>),
    /// A calendar date.
    Date(Date),
    /// An instant, in milliseconds since the Unix epoch.
    Time(i64),
    /// A reference to another record.
    Ref(Id),
    /// A set of references to other records.
    Refs(BTreeSet<Id>),
    /// Required roles and their counts.
    Roles(Vec<RoleCount>),
    /// The steps of a kit.
    Steps(Vec<Step>),
    /// Attachments (files stored by the server under their hash).
    Files(Vec<crate::files::FileRef>),
}

impl Value {
    /// Text value from anything string-like.
    pub fn text(text: impl Into<String>) -> Value {
        Value::Text(text.into())
    }

    /// A set of short texts.
    pub fn set<I, S>(items: I) -> Value
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        Value::Set(items.into_iter().map(Into::into).collect())
    }

    /// An ordered list of texts.
    pub fn list<I, S>(items: I) -> Value
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        Value::List(items.into_iter().map(Into::into).collect())
    }

    /// A coordinate in degrees, stored in 1e-7 degrees.
    #[must_use]
    pub fn degrees(degrees: f64) -> Value {
        Value::Int((degrees * 1e7).round() as i64)
    }

    /// True for [`Value::Null`].
    #[must_use]
    pub const fn is_null(&self) -> bool {
        matches!(self, Value::Null)
    }

    /// The text, if this is a text value.
    #[must_use]
    pub fn as_text(&self) -> Option<&str> {
        match self {
            Value::Text(text) => Some(text),
            _ => None,
        }
    }

    /// The number, if this is an integer value.
    #[must_use]
    pub const fn as_int(&self) -> Option<i64> {
        match self {
            Value::Int(number) => Some(*number),
            _ => None,
        }
    }

    /// The reference, if this is a reference.
    #[must_use]
    pub const fn as_ref_id(&self) -> Option<Id> {
        match self {
            Value::Ref(id) => Some(*id),
            _ => None,
        }
    }

    /// The boolean, if this is one.
    #[must_use]
    pub const fn as_bool(&self) -> Option<bool> {
        match self {
            Value::Bool(flag) => Some(*flag),
            _ => None,
        }
    }

    /// The date, if this is one.
    #[must_use]
    pub const fn as_date(&self) -> Option<Date> {
        match self {
            Value::Date(date) => Some(*date),
            _ => None,
        }
    }

    /// The instant (ms since the Unix epoch), if this is one.
    #[must_use]
    pub const fn as_time(&self) -> Option<i64> {
        match self {
            Value::Time(millis) => Some(*millis),
            _ => None,
        }
    }

    /// The set of texts, if this is one.
    #[must_use]
    pub fn as_set(&self) -> Option<&BTreeSet<String>> {
        match self {
            Value::Set(items) => Some(items),
            _ => None,
        }
    }

    /// The list of texts, if this is one.
    #[must_use]
    pub fn as_list(&self) -> Option<&[String]> {
        match self {
            Value::List(items) => Some(items),
            _ => None,
        }
    }

    /// The set of references, if this is one.
    #[must_use]
    pub fn as_refs(&self) -> Option<&BTreeSet<Id>> {
        match self {
            Value::Refs(items) => Some(items),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_round_trip_through_days_and_text() {
        for (y, m, d) in [
            (1970, 1, 1),
            (2020, 3, 17),
            (2024, 2, 29),
            (1969, 12, 31),
            (2100, 12, 31),
        ] {
            let date = Date::from_ymd(y, m, d).expect("valid date");
            assert_eq!(date.ymd(), (y, m, d));
            assert_eq!(Date::from_days(date.days()), date);
            assert_eq!(date.to_string().parse::<Date>(), Ok(date));
        }
        assert_eq!(Date::from_ymd(1970, 1, 1).map(Date::days), Some(0));
        assert_eq!(Date::from_ymd(1970, 1, 2).map(Date::days), Some(1));
    }

    #[test]
    fn impossible_dates_are_refused() {
        assert_eq!(Date::from_ymd(2023, 2, 29), None);
        assert_eq!(Date::from_ymd(2024, 13, 1), None);
        assert!("2024-02-30".parse::<Date>().is_err());
        assert!("21/11/2026".parse::<Date>().is_err());
        assert!(serde_json::from_str::<Date>("\"2026-11-31\"").is_err());
    }

    #[test]
    fn unix_millis_map_to_utc_dates() {
        assert_eq!(Date::from_unix_millis(0).to_string(), "1970-01-01");
        assert_eq!(Date::from_unix_millis(-1).to_string(), "1969-12-31");
        assert_eq!(
            Date::from_unix_millis(1_795_305_600_000).to_string(),
            "2026-11-22"
        );
    }
}
