//! The cartography: the collective as a map of discs, ready to draw.
//!
//! [`build`] turns a [`State`] into a [`MapModel`]: the centre (Stratégie) at
//! the origin, the pôles on rings around it, the functions of each pôle as
//! smaller discs in its crown, the partner collectives further out, and the
//! links between them. Each node carries what the map shows — name (and its
//! lines, [`label_lines`]), referents, vacant required roles, colour and the
//! ink that reads on it — and its disc in map units (y grows downwards, as on
//! screen). The view only scales and draws; where things go is decided here,
//! tested natively (see [`layout`] for the rules and their stability).
//!
//! Beside it: [`MapModel::neighbour`] for stepping between pôles with the
//! arrow keys, [`coverage`] for the functions-of-a-collective overlay, and
//! [`changed_since`] for time travel's "what changed since" highlight (the
//! past state itself comes from [`crate::history::state_at`]).
//!
//! Which records are on the map: every pôle record (kind `centre`, `pole`,
//! `function` or `partner`) neither archived nor of status `archived`. A
//! function sits in the crown of its nearest ancestor that is not a function,
//! and leaves the map with it; a function with no such ancestor is drawn as a
//! top-level node. x/y set on a function are ignored: functions follow their pôle.

mod coverage;
pub mod label;
pub mod layout;

use std::collections::BTreeMap;

use rustc_hash::{FxHashMap, FxHashSet};

use crate::ids::Id;
use crate::queries::{board_unsorted, current_holders};
use crate::schema::Kind;
use crate::search::fold;
use crate::sort::{sort, sort_by_cached_key, sort_by_key};
use crate::state::{Record, State};
use crate::value::{Date, Value};

pub use coverage::{Coverage, FunctionCoverage, coverage};
pub use label::{Ink, font_size, label_lines, label_radius, subline_chars};

/// What a node of the map is, from its pôle's `kind` ([`crate::schema::POLE_KINDS`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum NodeKind {
    /// The centre every pôle reports to (Stratégie).
    Centre,
    /// A pôle of the collective.
    Pole,
    /// A function inside a pôle (NL, Site web, RS…).
    Function,
    /// A partner collective, at the edge.
    Partner,
}

impl NodeKind {
    /// The kind of node for a pôle's `kind` value.
    #[must_use]
    pub fn from_choice(kind: &str) -> Option<NodeKind> {
        match kind {
            "centre" => Some(NodeKind::Centre),
            "pole" => Some(NodeKind::Pole),
            "function" => Some(NodeKind::Function),
            "partner" => Some(NodeKind::Partner),
            _ => None,
        }
    }

    /// Centre, pôles and partners: the nodes arrow keys step between.
    #[must_use]
    pub const fn is_top_level(self) -> bool {
        !matches!(self, NodeKind::Function)
    }
}

/// One disc of the map.
#[derive(Debug, Clone, PartialEq)]
pub struct MapNode {
    /// The pôle record.
    pub id: Id,
    /// What it is.
    pub kind: NodeKind,
    /// For a function, the pôle whose crown it is in; for another node, its
    /// `parent` if that is on the map (usually the centre).
    pub parent: Option<Id>,
    /// Its name.
    pub name: String,
    /// The name as drawn: one or two lines ([`label_lines`]).
    pub label: Vec<String>,
    /// The font size of the name, in map units ([`font_size`]).
    pub font_size: f64,
    /// Fill colour, `#rrggbb`: the record's own, else its pôle's lightened
    /// (functions), else one of [`label::PALETTE`] chosen by id.
    pub colour: String,
    /// The text colour that reads on [`MapNode::colour`].
    pub ink: Ink,
    /// Display names of its current referents, sorted (accents and case folded).
    pub referents: Vec<String>,
    /// Required roles with someone missing (`referent`, `facilitator`, `welcome`…),
    /// from the health board ([`crate::queries::health_board`]); none for partners.
    pub vacancies: Vec<String>,
    /// Required roles held only by people who are currently off.
    pub at_risk: Vec<String>,
    /// The collective's functions (seed `002`) it serves, in the collective's
    /// order, then any others alphabetically.
    pub functions: Vec<String>,
    /// Centre of its disc, map units.
    pub x: f64,
    /// Centre of its disc, map units (downwards).
    pub y: f64,
    /// Radius of its disc, map units: the name fits inside.
    pub r: f64,
    /// For a top-level node, the radius of the disc holding it and its
    /// functions (no two footprints overlap); for a function, `r`.
    pub footprint: f64,
    /// Its position comes from its `x`/`y` fields.
    pub pinned: bool,
}

/// A link between two nodes of the map.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MapLink {
    /// The link record.
    pub id: Id,
    /// The node it starts from.
    pub from: Id,
    /// The node it goes to.
    pub to: Id,
    /// `works_with`, `reports_to` or `partner` ([`crate::schema::LINK_KINDS`]).
    pub kind: String,
    /// Why it exists.
    pub note: Option<String>,
}

/// The smallest rectangle holding every disc, map units.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Bounds {
    /// Left edge.
    pub min_x: f64,
    /// Top edge.
    pub min_y: f64,
    /// Right edge.
    pub max_x: f64,
    /// Bottom edge.
    pub max_y: f64,
}

impl Bounds {
    /// Width of the rectangle.
    #[must_use]
    pub fn width(&self) -> f64 {
        self.max_x - self.min_x
    }

    /// Height of the rectangle.
    #[must_use]
    pub fn height(&self) -> f64 {
        self.max_y - self.min_y
    }
}

/// The map of a collective, ready to draw.
#[derive(Debug, Clone, PartialEq)]
pub struct MapModel {
    /// Every node, in creation order (`created_at`, then id).
    pub nodes: Vec<MapNode>,
    /// Links whose two ends are on the map, in creation order.
    pub links: Vec<MapLink>,
    /// The rectangle holding every disc (all zero for an empty map).
    pub bounds: Bounds,
    index: FxHashMap<Id, usize>,
    /// Per node: laid out on the rings (not in a pôle's crown).
    top: Vec<bool>,
}

/// A direction of the arrow keys (on screen: up is towards smaller y).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Direction {
    /// Towards the top of the screen.
    Up,
    /// Towards the bottom.
    Down,
    /// Towards the left.
    Left,
    /// Towards the right.
    Right,
}

impl Direction {
    const fn vector(self) -> (f64, f64) {
        match self {
            Direction::Up => (0.0, -1.0),
            Direction::Down => (0.0, 1.0),
            Direction::Left => (-1.0, 0.0),
            Direction::Right => (1.0, 0.0),
        }
    }
}

impl MapModel {
    /// The node of this record, if it is on the map.
    #[must_use]
    pub fn node(&self, id: Id) -> Option<&MapNode> {
        self.index.get(&id).map(|&at| &self.nodes[at])
    }

    /// Where keyboard focus starts: the centre, else the first top-level node.
    #[must_use]
    pub fn first(&self) -> Option<Id> {
        self.nodes
            .iter()
            .find(|node| node.kind == NodeKind::Centre)
            .or_else(|| {
                let mut top = self.nodes.iter().zip(&self.top);
                top.find(|(_, top)| **top).map(|(node, _)| node)
            })
            .map(|node| node.id)
    }

    /// The top-level node (centre, pôle, partner, or a function outside any
    /// pôle) the arrow key `dir` leads to from `from` (any node, functions
    /// included).
    ///
    /// Candidates lie ahead in that direction; those within 45° of it come
    /// first, the others only when there are none. Among them, the nearest
    /// wins, a sideways offset counting twice as much as distance ahead (ties:
    /// the smaller id). `None` at the edge of the map or if `from` is not on it.
    #[must_use]
    pub fn neighbour(&self, from: Id, dir: Direction) -> Option<Id> {
        let start = self.node(from)?;
        let (dx, dy) = dir.vector();
        let mut in_cone: Option<(f64, Id)> = None;
        let mut ahead: Option<(f64, Id)> = None;
        let top = self.nodes.iter().zip(&self.top).filter(|(_, top)| **top);
        for (node, _) in top {
            if node.id == from {
                continue;
            }
            let (vx, vy) = (node.x - start.x, node.y - start.y);
            let along = vx * dx + vy * dy;
            let across = (vx * dy - vy * dx).abs();
            if along <= 0.0 {
                continue;
            }
            let score = along + 2.0 * across;
            let best = if across <= along {
                &mut in_cone
            } else {
                &mut ahead
            };
            if best.is_none_or(|(known, id)| score < known || (score == known && node.id < id)) {
                *best = Some((score, node.id));
            }
        }
        in_cone.or(ahead).map(|(_, id)| id)
    }
}

/// A pôle record and where it stands on the map.
struct Entry<'a> {
    record: &'a Record,
    kind: NodeKind,
    /// For a function, the index of the top-level entry whose crown it is in.
    host: Option<usize>,
    /// Drawn on the map (live, and so is its host).
    shown: bool,
}

/// Every pôle record that is not deleted, in creation order, with its host
/// and whether it is shown.
fn census(state: &State) -> Vec<Entry<'_>> {
    let mut records: Vec<(&Record, NodeKind)> = state
        .of_kind(Kind::Pole)
        .filter_map(|record| Some((record, NodeKind::from_choice(record.text("kind")?)?)))
        .collect();
    sort_by_key(&mut records, |(record, _)| (record.created_at, record.id));
    let at: FxHashMap<Id, usize> = records
        .iter()
        .enumerate()
        .map(|(index, (record, _))| (record.id, index))
        .collect();
    let host_of = |index: usize| -> Option<usize> {
        let (record, kind) = records[index];
        if kind != NodeKind::Function {
            return None;
        }
        let mut current = record.reference("parent");
        let mut steps = 0;
        while let Some(&ancestor) = current.and_then(|id| at.get(&id)) {
            let (ancestor_record, ancestor_kind) = records[ancestor];
            if ancestor_kind != NodeKind::Function {
                return Some(ancestor);
            }
            steps += 1;
            if steps > records.len() {
                return None;
            }
            current = ancestor_record.reference("parent");
        }
        None
    };
    let hosts: Vec<Option<usize>> = (0..records.len()).map(host_of).collect();
    let live = |record: &Record| record.is_live() && record.text("status") != Some("archived");
    records
        .iter()
        .zip(&hosts)
        .map(|(&(record, kind), &host)| Entry {
            record,
            kind,
            host,
            shown: live(record) && host.is_none_or(|host| live(records[host].0)),
        })
        .collect()
}

/// The map of `state` on `today` (today decides who holds a role now).
#[must_use]
pub fn build(state: &State, today: Date) -> MapModel {
    let entries = census(state);
    let items: Vec<layout::Item> = entries
        .iter()
        .map(|entry| {
            let name = entry.record.text("name").unwrap_or_default();
            let pin = match (entry.record.get("x"), entry.record.get("y")) {
                (Value::Int(x), Value::Int(y)) if entry.host.is_none() => {
                    Some((*x as f64, *y as f64))
                }
                _ => None,
            };
            layout::Item {
                kind: entry.kind,
                radius: label_radius(entry.kind, name),
                host: entry.host,
                pin,
            }
        })
        .collect();
    let placements = layout::layout(&items);

    let health: FxHashMap<Id, (Vec<String>, Vec<String>)> = board_unsorted(state, today)
        .into_iter()
        .map(|health| {
            let vacant = health.roles.iter().filter(|gap| gap.missing > 0);
            let at_risk = health.roles.iter().filter(|gap| gap.at_risk);
            (
                health.pole,
                (
                    vacant.map(|gap| gap.role.clone()).collect(),
                    at_risk.map(|gap| gap.role.clone()).collect(),
                ),
            )
        })
        .collect();
    let holders = current_holders(state, today);
    let order = collective_functions(state);

    // Colours: top-level nodes first, so that functions can take their pôle's.
    let mut colours: Vec<String> = entries
        .iter()
        .map(|entry| own_colour(entry.record).unwrap_or_default())
        .collect();
    for (index, entry) in entries.iter().enumerate() {
        if colours[index].is_empty() && entry.host.is_none() {
            colours[index] = palette_colour(entry.record.id).to_owned();
        }
    }
    // Functions share their pôle's colour: mix each one once.
    let mut lightened: FxHashMap<String, String> = FxHashMap::default();
    for (index, entry) in entries.iter().enumerate() {
        if let Some(host) = entry.host.filter(|_| colours[index].is_empty()) {
            let base = colours[host].clone();
            colours[index] = lightened
                .entry(base)
                .or_insert_with_key(|base| {
                    label::lighten(base, 0.45)
                        .unwrap_or_else(|| palette_colour(entry.record.id).to_owned())
                })
                .clone();
        }
    }
    let mut inks: FxHashMap<String, Ink> = FxHashMap::default();
    let mut known: FxHashMap<String, usize> = FxHashMap::default();

    let shown: FxHashSet<Id> = entries
        .iter()
        .filter(|entry| entry.shown)
        .map(|entry| entry.record.id)
        .collect();
    let mut nodes = Vec::with_capacity(shown.len());
    let mut top = Vec::with_capacity(shown.len());
    for (index, entry) in entries.iter().enumerate() {
        if !entry.shown {
            continue;
        }
        top.push(entry.host.is_none());
        let record = entry.record;
        let name = record.text("name").unwrap_or_default().to_owned();
        let place = placements[index];
        let parent = match entry.host {
            Some(host) => Some(entries[host].record.id),
            None => record.reference("parent").filter(|id| shown.contains(id)),
        };
        let mut referents: Vec<String> = holders
            .get(&record.id)
            .and_then(|roles| roles.get("referent"))
            .into_iter()
            .flatten()
            .filter_map(|&person| state.existing(person)?.text("display_name"))
            .map(str::to_owned)
            .collect();
        if referents.len() > 1 {
            sort_by_cached_key(&mut referents, |name| (fold(name), name.clone()));
        }
        let (vacancies, at_risk) = health.get(&record.id).cloned().unwrap_or_default();
        let colour = std::mem::take(&mut colours[index]);
        nodes.push(MapNode {
            id: record.id,
            kind: entry.kind,
            parent,
            label: label_lines(&name),
            font_size: font_size(entry.kind),
            name,
            ink: *inks
                .entry(colour.clone())
                .or_insert_with_key(|colour| Ink::on(colour)),
            colour,
            referents,
            vacancies,
            at_risk,
            functions: served_functions(record, &order, &mut known),
            x: place.x,
            y: place.y,
            r: items[index].radius,
            footprint: place.footprint,
            pinned: place.pinned,
        });
    }

    let mut links: Vec<&Record> = state
        .of_kind(Kind::Link)
        .filter(|link| link.is_live())
        .collect();
    sort_by_key(&mut links, |link| (link.created_at, link.id));
    let links = links
        .into_iter()
        .filter_map(|link| {
            let (from, to) = (link.reference("from")?, link.reference("to")?);
            (shown.contains(&from) && shown.contains(&to)).then(|| MapLink {
                id: link.id,
                from,
                to,
                kind: link.text("kind").unwrap_or_default().to_owned(),
                note: link.text("note").map(str::to_owned),
            })
        })
        .collect();

    let bounds = bounds(&nodes);
    let index = nodes
        .iter()
        .enumerate()
        .map(|(at, node)| (node.id, at))
        .collect();
    MapModel {
        nodes,
        links,
        bounds,
        index,
        top,
    }
}

fn bounds(nodes: &[MapNode]) -> Bounds {
    if nodes.is_empty() {
        return Bounds {
            min_x: 0.0,
            min_y: 0.0,
            max_x: 0.0,
            max_y: 0.0,
        };
    }
    nodes.iter().fold(
        Bounds {
            min_x: f64::INFINITY,
            min_y: f64::INFINITY,
            max_x: f64::NEG_INFINITY,
            max_y: f64::NEG_INFINITY,
        },
        |b, node| Bounds {
            min_x: b.min_x.min(node.x - node.r),
            min_y: b.min_y.min(node.y - node.r),
            max_x: b.max_x.max(node.x + node.r),
            max_y: b.max_y.max(node.y + node.r),
        },
    )
}

/// The record's own colour, if it is a valid `#rrggbb`.
fn own_colour(record: &Record) -> Option<String> {
    let colour = record.text("colour")?;
    label::rgb(colour).map(label::hex)
}

/// A palette colour chosen by id (the same on every platform).
fn palette_colour(id: Id) -> &'static str {
    let sum = id.as_uuid().as_bytes().iter().fold(0u32, |acc, byte| {
        acc.wrapping_mul(31).wrapping_add(u32::from(*byte))
    });
    label::PALETTE[sum as usize % label::PALETTE.len()]
}

/// The collective's functions (seed `002`), folded, with their position.
fn collective_functions(state: &State) -> BTreeMap<String, usize> {
    state
        .collective()
        .and_then(|collective| collective.get("functions").as_list())
        .unwrap_or_default()
        .iter()
        .enumerate()
        .map(|(at, name)| (fold(name), at))
        .collect()
}

/// The functions a pôle serves, in the collective's order, then the others;
/// `known` remembers each spelling's position (names repeat from pôle to pôle).
fn served_functions(
    record: &Record,
    order: &BTreeMap<String, usize>,
    known: &mut FxHashMap<String, usize>,
) -> Vec<String> {
    let mut served: Vec<(usize, String)> = record
        .get("functions")
        .as_set()
        .into_iter()
        .flatten()
        .map(|name| {
            let at = *known
                .entry(name.clone())
                .or_insert_with_key(|name| order.get(&fold(name)).copied().unwrap_or(usize::MAX));
            (at, name.clone())
        })
        .collect();
    sort(&mut served);
    served.into_iter().map(|(_, name)| name).collect()
}

/// What differs on the map between two states of the collective (time travel).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct MapChanges {
    /// Pôles (any kind) live after and not before: created or restored.
    pub added: Vec<Id>,
    /// Pôles live before and not after: archived or deleted.
    pub removed: Vec<Id>,
    /// Pôles live on both sides that changed: any of their fields, or a role
    /// assignment, mission or need of theirs (created, edited, archived,
    /// deleted), or the name or status of someone holding a role there.
    pub changed: Vec<Id>,
    /// Links created, edited, archived or deleted.
    pub links: Vec<Id>,
}

impl MapChanges {
    /// Nothing changed.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.added.is_empty()
            && self.removed.is_empty()
            && self.changed.is_empty()
            && self.links.is_empty()
    }
}

/// The kinds of record that belong to one pôle through their `pole` field
/// and show on its node or its panel.
const POLE_PARTS: [Kind; 3] = [Kind::RoleAssignment, Kind::Mission, Kind::Need];

/// What changed on the map from `before` to `after` (ids sorted).
#[must_use]
pub fn changed_since(before: &State, after: &State) -> MapChanges {
    let live_pole = |state: &State, id: Id| {
        state.existing(id).is_some_and(|record| {
            record.kind == Kind::Pole
                && record.is_live()
                && record.text("status") != Some("archived")
        })
    };
    let mut changes = MapChanges::default();
    let poles: FxHashSet<Id> = before
        .of_kind(Kind::Pole)
        .chain(after.of_kind(Kind::Pole))
        .map(|record| record.id)
        .collect();
    let touched = touched_poles(before, after);
    for id in poles {
        match (live_pole(before, id), live_pole(after, id)) {
            (false, true) => changes.added.push(id),
            (true, false) => changes.removed.push(id),
            (true, true)
                if touched.contains(&id) || differs(before.record(id), after.record(id)) =>
            {
                changes.changed.push(id);
            }
            _ => {}
        }
    }
    let links: FxHashSet<Id> = before
        .records()
        .chain(after.records())
        .filter(|record| record.kind == Kind::Link)
        .map(|record| record.id)
        .collect();
    changes.links = links
        .into_iter()
        .filter(|&id| differs(before.record(id), after.record(id)))
        .collect();
    for ids in [
        &mut changes.added,
        &mut changes.removed,
        &mut changes.changed,
        &mut changes.links,
    ] {
        sort(ids);
    }
    changes
}

/// Two versions of a record differ for the map (content, archived or deleted).
fn differs(before: Option<&Record>, after: Option<&Record>) -> bool {
    match (before, after) {
        (Some(a), Some(b)) => {
            a.values != b.values || a.archived != b.archived || a.deleted != b.deleted
        }
        (None, None) => false,
        (Some(record), None) | (None, Some(record)) => !record.deleted,
    }
}

/// Pôles whose role assignments, missions or needs changed, or one of whose
/// role holders was renamed or changed status.
fn touched_poles(before: &State, after: &State) -> FxHashSet<Id> {
    let mut touched = FxHashSet::default();
    let mut seen = FxHashSet::default();
    for record in before.records().chain(after.records()) {
        if !POLE_PARTS.contains(&record.kind) || !seen.insert(record.id) {
            continue;
        }
        let (old, new) = (before.record(record.id), after.record(record.id));
        let person_changed = record.kind == Kind::RoleAssignment
            && [old, new].into_iter().flatten().any(|assignment| {
                assignment.reference("person").is_some_and(|person| {
                    let fields = |state: &State| {
                        state
                            .existing(person)
                            .map(|p| (p.get("display_name").clone(), p.get("status").clone()))
                    };
                    fields(before) != fields(after)
                })
            });
        if differs(old, new) || person_changed {
            touched.extend(
                [old, new]
                    .into_iter()
                    .flatten()
                    .filter_map(|part| part.reference("pole")),
            );
        }
    }
    touched
}
