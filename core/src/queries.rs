//! Questions the views ask of a collective's state.
//!
//! The governance board asks which pôles lack referents, a facilitator or a
//! welcome person (the "required roles" check of the field notes), who could
//! answer an open need, and who did what. These are plain functions on a
//! [`State`], written once here so the app and the server give the same
//! answers. They read no clock: whatever depends on the date takes `today`.

use std::collections::{BTreeMap, BTreeSet};

use rustc_hash::FxHashMap;

use crate::ids::Id;
use crate::schema::Kind;
use crate::search::fold;
use crate::state::{Record, State};
use crate::value::{Date, RoleCount, Value};

/// The required roles when neither the pôle nor the collective says otherwise:
/// two referents, a facilitator and a volunteer-welcome person per group.
#[must_use]
pub fn default_required_roles() -> Vec<RoleCount> {
    [("referent", 2), ("facilitator", 1), ("welcome", 1)]
        .into_iter()
        .map(|(role, count)| RoleCount {
            role: role.to_owned(),
            count,
        })
        .collect()
}

/// The roles `pole` needs: its own `required_roles` if set (even empty), else
/// the collective's, else [`default_required_roles`].
#[must_use]
pub fn required_roles(state: &State, pole: &Record) -> Vec<RoleCount> {
    roles_of(pole, &collective_roles(state))
}

/// The collective's required roles, else [`default_required_roles`].
fn collective_roles(state: &State) -> Vec<RoleCount> {
    match state.collective().map(|c| c.get("required_roles")) {
        Some(Value::Roles(roles)) => roles.clone(),
        _ => default_required_roles(),
    }
}

/// The pôle's own required roles if set, else `fallback`.
fn roles_of(pole: &Record, fallback: &[RoleCount]) -> Vec<RoleCount> {
    match pole.get("required_roles") {
        Value::Roles(roles) => roles.clone(),
        _ => fallback.to_vec(),
    }
}

/// A person has left the collective.
fn has_left(person: &Record) -> bool {
    person.text("status") == Some("left")
}

/// A person is "off" on `today`: they switched availability off, and either
/// gave no return date or return after `today`.
#[must_use]
pub fn is_off(person: &Record, today: Date) -> bool {
    person.get("available").as_bool() == Some(false)
        && person
            .get("off_until")
            .as_date()
            .is_none_or(|until| until > today)
}

/// A role assignment holds on `today`: not archived, started (no `since` or
/// `since` on or before today) and not ended (no `until` or `until` after today).
#[must_use]
pub fn is_current(assignment: &Record, today: Date) -> bool {
    !assignment.archived
        && assignment
            .get("since")
            .as_date()
            .is_none_or(|since| since <= today)
        && assignment
            .get("until")
            .as_date()
            .is_none_or(|until| until > today)
}

/// A role, how many people it needs in a pôle and how many hold it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RoleGap {
    /// The role (`referent`, `facilitator`, `welcome`, `member`).
    pub role: String,
    /// How many holders the pôle needs.
    pub required: u8,
    /// How many distinct people hold it now.
    pub held: u8,
    /// How many more are needed (`required − held`, never below 0).
    pub missing: u8,
    /// Held, but only by people who are currently off.
    pub at_risk: bool,
    /// The people holding it now, sorted by id.
    pub holders: Vec<Id>,
}

/// The required roles of one pôle against who holds them today.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PoleHealth {
    /// The pôle.
    pub pole: Id,
    /// Its name.
    pub name: String,
    /// One entry per required role, in the order they are required.
    pub roles: Vec<RoleGap>,
}

impl PoleHealth {
    /// People missing, all roles together.
    #[must_use]
    pub fn missing(&self) -> u32 {
        self.roles.iter().map(|gap| u32::from(gap.missing)).sum()
    }

    /// Missing people weighted by role: a missing referent counts double, as
    /// a pôle without its pair of referents has no one to answer for it.
    #[must_use]
    pub fn urgency(&self) -> u32 {
        self.roles
            .iter()
            .map(|gap| u32::from(gap.missing) * if gap.role == "referent" { 2 } else { 1 })
            .sum()
    }

    /// Roles held only by people who are off.
    #[must_use]
    pub fn at_risk(&self) -> usize {
        self.roles.iter().filter(|gap| gap.at_risk).count()
    }

    /// Nothing missing and nothing at risk.
    #[must_use]
    pub fn is_healthy(&self) -> bool {
        self.missing() == 0 && self.at_risk() == 0
    }
}

/// Current holders per pôle and role: pôle → role → people, from every role
/// assignment current on `today` whose person exists and has not left.
pub(crate) fn current_holders(
    state: &State,
    today: Date,
) -> FxHashMap<Id, BTreeMap<&str, BTreeSet<Id>>> {
    let mut holders: FxHashMap<Id, BTreeMap<&str, BTreeSet<Id>>> = FxHashMap::default();
    for assignment in state.of_kind(Kind::RoleAssignment) {
        let (Some(pole), Some(person), Some(role)) = (
            assignment.reference("pole"),
            assignment.reference("person"),
            assignment.text("role"),
        ) else {
            continue;
        };
        if !is_current(assignment, today) {
            continue;
        }
        if state.existing(person).is_none_or(has_left) {
            continue;
        }
        holders
            .entry(pole)
            .or_default()
            .entry(role)
            .or_default()
            .insert(person);
    }
    holders
}

fn health_of(
    state: &State,
    pole: &Record,
    fallback: &[RoleCount],
    held: Option<&BTreeMap<&str, BTreeSet<Id>>>,
    today: Date,
) -> PoleHealth {
    let roles = roles_of(pole, fallback)
        .into_iter()
        .map(|required| {
            let holders: Vec<Id> = held
                .and_then(|roles| roles.get(required.role.as_str()))
                .map(|people| people.iter().copied().collect())
                .unwrap_or_default();
            let count = u8::try_from(holders.len()).unwrap_or(u8::MAX);
            let at_risk = !holders.is_empty()
                && holders.iter().all(|&person| {
                    state
                        .existing(person)
                        .is_some_and(|record| is_off(record, today))
                });
            RoleGap {
                missing: required.count.saturating_sub(count),
                required: required.count,
                held: count,
                at_risk,
                holders,
                role: required.role,
            }
        })
        .collect();
    PoleHealth {
        pole: pole.id,
        name: pole.text("name").unwrap_or_default().to_owned(),
        roles,
    }
}

/// The health of one pôle on `today` (`None` if there is no such pôle).
#[must_use]
pub fn pole_health(state: &State, pole: Id, today: Date) -> Option<PoleHealth> {
    let record = state.existing(pole).filter(|r| r.kind == Kind::Pole)?;
    let holders = current_holders(state, today);
    let fallback = collective_roles(state);
    Some(health_of(
        state,
        record,
        &fallback,
        holders.get(&pole),
        today,
    ))
}

/// A pôle the health board looks at: neither archived (flag or status) nor a
/// partner collective (whose roles are not ours to fill).
fn on_the_board(pole: &Record) -> bool {
    !pole.archived
        && pole.text("status") != Some("archived")
        && pole.text("kind") != Some("partner")
}

/// The health of every pôle on the board on `today`, in no particular order
/// (the map reads it per pôle and needs no ranking).
pub(crate) fn board_unsorted(state: &State, today: Date) -> Vec<PoleHealth> {
    let holders = current_holders(state, today);
    let fallback = collective_roles(state);
    state
        .of_kind(Kind::Pole)
        .filter(|pole| on_the_board(pole))
        .map(|pole| health_of(state, pole, &fallback, holders.get(&pole.id), today))
        .collect()
}

/// The health of every pôle of the collective on `today`, most urgent first.
///
/// Archived pôles and partner collectives are left out. Order: highest
/// [`PoleHealth::urgency`] (referents weigh double), then most people missing,
/// then most roles at risk, then by name and id.
#[must_use]
pub fn health_board(state: &State, today: Date) -> Vec<PoleHealth> {
    let mut board: Vec<(String, PoleHealth)> = board_unsorted(state, today)
        .into_iter()
        .map(|health| (fold(&health.name), health))
        .collect();
    board.sort_by(|(a_name, a), (b_name, b)| {
        b.urgency()
            .cmp(&a.urgency())
            .then_with(|| b.missing().cmp(&a.missing()))
            .then_with(|| b.at_risk().cmp(&a.at_risk()))
            .then_with(|| a_name.cmp(b_name))
            .then_with(|| a.pole.cmp(&b.pole))
    });
    board.into_iter().map(|(_, health)| health).collect()
}

/// Someone who could answer a need, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Suggestion {
    /// The person.
    pub person: Id,
    /// Their open offer of help this suggestion comes from, if any (else
    /// their profile's skills).
    pub offer: Option<Id>,
    /// The need's skills they have, as the need spells them, in the need's order.
    pub matched_skills: Vec<String>,
    /// How many distinct skills the need asks for.
    pub wanted_skills: usize,
    /// The hours per week they offer (from the offer, else their profile).
    pub hours_per_week: Option<i64>,
    /// The hours per week the need asks for.
    pub needed_hours: Option<i64>,
}

impl Suggestion {
    /// Whether they offer at least the hours the need asks for (true when
    /// the need names no hours; false when they gave none).
    #[must_use]
    pub fn covers_hours(&self) -> bool {
        match (self.needed_hours, self.hours_per_week) {
            (None, _) => true,
            (Some(needed), Some(offered)) => offered >= needed,
            (Some(_), None) => false,
        }
    }
}

/// The suggestions for one open need.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NeedMatches {
    /// The need.
    pub need: Id,
    /// The pôle it is for.
    pub pole: Option<Id>,
    /// The best candidates first.
    pub suggestions: Vec<Suggestion>,
}

/// One person who may be suggested: their folded skills and hours.
struct Candidate {
    person: Id,
    offer: Option<Id>,
    skills: BTreeSet<String>,
    hours: Option<i64>,
}

/// Folded skills of a set field.
fn folded_skills(record: &Record) -> BTreeSet<String> {
    record
        .get("skills")
        .as_set()
        .map(|skills| {
            skills
                .iter()
                .map(|skill| fold(skill))
                .filter(|skill| !skill.is_empty())
                .collect()
        })
        .unwrap_or_default()
}

/// Whether `person` may be suggested for anything on `today`: they have not
/// left, are not paused and are not off.
fn may_be_suggested(person: &Record, today: Date) -> bool {
    person.is_live()
        && !has_left(person)
        && !matches!(person.text("status"), Some("paused" | "leaving"))
        && !is_off(person, today)
}

/// The people who may be suggested, with what they offer: for someone with
/// open offers, one candidate per offer (offer skills and profile skills
/// together); for everyone, one candidate from their profile.
struct Pool {
    candidates: Vec<Candidate>,
    /// Folded skill → candidates having it.
    by_skill: FxHashMap<String, Vec<usize>>,
    /// Candidates coming from an open offer.
    offers: Vec<usize>,
}

impl Pool {
    fn new(state: &State, today: Date) -> Pool {
        let mut candidates = Vec::new();
        let mut people: Vec<&Record> = state
            .of_kind(Kind::Person)
            .filter(|person| may_be_suggested(person, today))
            .collect();
        people.sort_unstable_by_key(|person| person.id);
        let mut offers_of: FxHashMap<Id, Vec<&Record>> = FxHashMap::default();
        for offer in state.of_kind(Kind::Offer) {
            if offer.is_live()
                && offer.text("status").unwrap_or("open") == "open"
                && let Some(person) = offer.reference("person")
            {
                offers_of.entry(person).or_default().push(offer);
            }
        }
        for person in people {
            let profile = folded_skills(person);
            let profile_hours = person.get("hours_per_week").as_int();
            if let Some(offers) = offers_of.get_mut(&person.id) {
                offers.sort_unstable_by_key(|offer| offer.id);
                for offer in offers.iter() {
                    let mut skills = folded_skills(offer);
                    skills.extend(profile.iter().cloned());
                    candidates.push(Candidate {
                        person: person.id,
                        offer: Some(offer.id),
                        skills,
                        hours: offer.get("hours_per_week").as_int().or(profile_hours),
                    });
                }
            }
            candidates.push(Candidate {
                person: person.id,
                offer: None,
                skills: profile,
                hours: profile_hours,
            });
        }
        let mut by_skill: FxHashMap<String, Vec<usize>> = FxHashMap::default();
        let mut offers = Vec::new();
        for (index, candidate) in candidates.iter().enumerate() {
            for skill in &candidate.skills {
                by_skill.entry(skill.clone()).or_default().push(index);
            }
            if candidate.offer.is_some() {
                offers.push(index);
            }
        }
        Pool {
            candidates,
            by_skill,
            offers,
        }
    }

    /// The best `limit` suggestions for `need`, one per person.
    fn suggest(&self, need: &Record, limit: usize) -> Vec<Suggestion> {
        // The need's skills, folded, each with the need's own spelling.
        let mut wanted: Vec<(String, &str)> = Vec::new();
        if let Some(skills) = need.get("skills").as_set() {
            for skill in skills {
                let folded = fold(skill);
                if !folded.is_empty() && !wanted.iter().any(|(known, _)| *known == folded) {
                    wanted.push((folded, skill));
                }
            }
        }
        let needed_hours = need.get("hours_per_week").as_int();
        // Candidate → which wanted skills (bit per skill) it has.
        let mut found: FxHashMap<usize, u64> = FxHashMap::default();
        if wanted.is_empty() {
            // No skills asked: those who offered help are the candidates.
            found.extend(self.offers.iter().map(|&index| (index, 0)));
        } else {
            for (bit, (skill, _)) in wanted.iter().enumerate().take(64) {
                for &index in self.by_skill.get(skill).into_iter().flatten() {
                    *found.entry(index).or_default() |= 1 << bit;
                }
            }
        }
        // Rank on cheap keys; build suggestions for the best ones only.
        let covers = |hours: Option<i64>| match (needed_hours, hours) {
            (None, _) => true,
            (Some(needed), Some(offered)) => offered >= needed,
            (Some(_), None) => false,
        };
        let mut ranked: Vec<_> = found
            .into_iter()
            .filter_map(|(index, mask)| {
                let candidate = self.candidates.get(index)?;
                let key = (
                    std::cmp::Reverse(mask.count_ones()),
                    std::cmp::Reverse(covers(candidate.hours)),
                    std::cmp::Reverse(candidate.offer.is_some()),
                    std::cmp::Reverse(candidate.hours),
                    candidate.person,
                    candidate.offer,
                );
                Some((key, mask, candidate))
            })
            .collect();
        ranked.sort_unstable_by_key(|entry| entry.0);
        let mut seen = BTreeSet::new();
        ranked
            .into_iter()
            .filter(|(_, _, candidate)| seen.insert(candidate.person))
            .take(limit)
            .map(|(_, mask, candidate)| Suggestion {
                person: candidate.person,
                offer: candidate.offer,
                matched_skills: wanted
                    .iter()
                    .enumerate()
                    .filter(|(bit, _)| *bit < 64 && mask & (1 << bit) != 0)
                    .map(|(_, (_, spelling))| (*spelling).to_owned())
                    .collect(),
                wanted_skills: wanted.len(),
                hours_per_week: candidate.hours,
                needed_hours,
            })
            .collect()
    }
}

/// A need is open: live, and its status is `open` (or unset).
fn is_open_need(need: &Record) -> bool {
    need.is_live() && need.text("status").unwrap_or("open") == "open"
}

/// The best `limit` people for the need `need` on `today` (empty if it is not an open need).
///
/// Candidates are people who have not left, are not paused and are not off,
/// from their open offers of help and their profile. When the need lists
/// skills, a candidate must have at least one (compared folded: "Vidéo" is
/// "video"); when it lists none, people with an open offer are the
/// candidates. Order: most skills matched, then those offering the hours
/// asked, then those who offered help, then most hours, then by id.
/// Each person appears once, with their best match.
#[must_use]
pub fn suggestions_for_need(state: &State, need: Id, today: Date, limit: usize) -> Vec<Suggestion> {
    match state.existing(need) {
        Some(record) if record.kind == Kind::Need && is_open_need(record) => {
            Pool::new(state, today).suggest(record, limit)
        }
        _ => Vec::new(),
    }
}

/// Suggestions for every open need on `today`, at most `limit` per need,
/// needs sorted by id (creation order).
#[must_use]
pub fn match_needs(state: &State, today: Date, limit: usize) -> Vec<NeedMatches> {
    let pool = Pool::new(state, today);
    let mut needs: Vec<&Record> = state
        .of_kind(Kind::Need)
        .filter(|need| is_open_need(need))
        .collect();
    needs.sort_unstable_by_key(|need| need.id);
    needs
        .into_iter()
        .map(|need| NeedMatches {
            need: need.id,
            pole: need.reference("pole"),
            suggestions: pool.suggest(need, limit),
        })
        .collect()
}

/// A role someone holds or held.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RoleHeld {
    /// The role assignment record.
    pub assignment: Id,
    /// The pôle.
    pub pole: Option<Id>,
    /// The role (`referent`, …, `custom`).
    pub role: String,
    /// The name of a custom role.
    pub custom_name: Option<String>,
    /// When it started.
    pub since: Option<Date>,
    /// When it ended or ends.
    pub until: Option<Date>,
    /// It holds on the day asked about.
    pub current: bool,
}

/// A task someone took or did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TaskTaken {
    /// The task.
    pub task: Id,
    /// Its title.
    pub title: String,
    /// The pôle it is for.
    pub pole: Option<Id>,
    /// True when done, false while still taken.
    pub done: bool,
}

/// Who did what: one person's roles and tasks.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Contributions {
    /// The person.
    pub person: Id,
    /// Their roles: current ones first, then most recently started first.
    pub roles: Vec<RoleHeld>,
    /// Tasks they took or did: taken ones first, then newest first.
    pub tasks: Vec<TaskTaken>,
}

/// The roles (current and past) and tasks (taken and done) of `person` on
/// `today`. Archived roles and tasks are included (they are history).
#[must_use]
pub fn contributions(state: &State, person: Id, today: Date) -> Contributions {
    let mut roles: Vec<RoleHeld> = state
        .of_kind(Kind::RoleAssignment)
        .filter(|assignment| assignment.reference("person") == Some(person))
        .map(|assignment| RoleHeld {
            assignment: assignment.id,
            pole: assignment.reference("pole"),
            role: assignment.text("role").unwrap_or_default().to_owned(),
            custom_name: assignment.text("custom_name").map(str::to_owned),
            since: assignment.get("since").as_date(),
            until: assignment.get("until").as_date(),
            current: is_current(assignment, today),
        })
        .collect();
    roles.sort_by(|a, b| {
        b.current
            .cmp(&a.current)
            .then_with(|| b.since.cmp(&a.since))
            .then_with(|| b.assignment.cmp(&a.assignment))
    });
    let mut tasks: Vec<TaskTaken> = state
        .of_kind(Kind::Task)
        .filter(|task| task.reference("taker") == Some(person))
        .filter_map(|task| {
            let done = match task.text("status") {
                Some("taken") => false,
                Some("done") => true,
                _ => return None,
            };
            Some(TaskTaken {
                task: task.id,
                title: task.text("title").unwrap_or_default().to_owned(),
                pole: task.reference("pole"),
                done,
            })
        })
        .collect();
    tasks.sort_by(|a, b| a.done.cmp(&b.done).then_with(|| b.task.cmp(&a.task)));
    Contributions {
        person,
        roles,
        tasks,
    }
}
