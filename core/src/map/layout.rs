//! Where each node of the map goes: discs that never overlap, and that stay
//! where they are when the collective grows.
//!
//! # The rules
//!
//! - **Crowns.** A function is a small disc in the *crown* of its pôle, in
//!   creation order, as close to the pôle's disc as it fits: the first one
//!   straight out from the centre of the map, the next ones alternately on
//!   either side; when the first orbit is full, further out in the gaps. The
//!   pôle's *footprint* is the disc around its centre that holds its crown
//!   (rounded up to [`FOOTPRINT_STEP`], so that a small change of a name
//!   rarely changes it).
//! - **Pins.** A top-level node (centre, pôle, partner) with a position of its
//!   own is put there first, in creation order; a pin whose footprint would
//!   overlap an earlier pin's is not honoured and the node is placed like the
//!   others.
//! - **Everything else**, in creation order, takes the first free spot for its
//!   footprint: the centre tries the origin first; then candidate spots on
//!   concentric rings ([`RING_STEP`] apart), on each ring in golden-angle
//!   order (0°, 137.5°, 275°, 52.5°…, 0° pointing up), so that the first few
//!   pôles of a ring spread around it whatever their number. A partner
//!   collective starts on the first ring beyond every centre and pôle placed
//!   before it ([`PARTNER_GAP`]): created after the pôles, as usual, they make
//!   an outer ring.
//!
//! Two footprints always keep [`MARGIN`] between them, and functions keep
//! [`FUNCTION_MARGIN`] between siblings, so no two discs of the map overlap.
//!
//! # Stability
//!
//! A node's spot depends only on the nodes created before it and on the pins:
//! a new node, created last, leaves every other node where it was. The
//! layout is given every record that is not deleted, archived ones included,
//! and the map draws only the live ones: **archiving leaves a gap** and moves
//! nothing. A pinned node still holds the spot it would have had unpinned (a
//! *ghost*, not drawn), so nudging a node by hand only moves the nodes its new
//! position overlaps. Growing a pôle's footprint (a function added, a longer
//! name) or deleting a record can move the nodes created after it.
//!
//! # Cost
//!
//! Spots are tested against a uniform grid of placed footprints, and each ring
//! remembers, per spot and as a whole, the smallest footprint that did not fit
//! (the placed set only grows, so a spot refused for a radius stays refused
//! for larger ones): 1 001 nodes take about a millisecond natively
//! (`docs/benchmarks.md`, `cargo bench -p archipel-core --bench map`).

use std::f64::consts::{PI, TAU};

use rustc_hash::FxHashMap;

use super::NodeKind;

/// Space kept between the footprints of two top-level nodes, in map units.
pub const MARGIN: f64 = 14.0;
/// Space between a pôle's disc and its first orbit of functions, and between orbits.
pub const FUNCTION_GAP: f64 = 6.0;
/// Space kept between two functions of the same pôle.
pub const FUNCTION_MARGIN: f64 = 6.0;
/// Footprints are rounded up to a multiple of this.
pub const FOOTPRINT_STEP: f64 = 8.0;
/// Distance between two candidate rings.
pub const RING_STEP: f64 = 48.0;
/// Distance between two candidate spots along a ring (about).
pub const ARC_STEP: f64 = 32.0;
/// How far beyond the pôles placed so far a partner collective's ring starts.
pub const PARTNER_GAP: f64 = 48.0;
/// Candidate directions for a function around its pôle.
const CROWN_DIRECTIONS: usize = 72;
/// How much further out a function tries when no direction is free.
const CROWN_STEP: f64 = 4.0;
/// The golden angle, in radians: the step between a ring's candidate spots.
const GOLDEN_ANGLE: f64 = PI * 0.763_932_022_500_210_3; // π (3 − √5)
/// Side of a cell of the collision grid.
const CELL: f64 = 320.0;

/// One node to place, in creation order.
#[derive(Debug, Clone, PartialEq)]
pub struct Item {
    /// What it is (a partner goes outside; a centre tries the origin).
    pub kind: NodeKind,
    /// The radius of its own disc ([`super::label_radius`]).
    pub radius: f64,
    /// For a function, the index (in the same slice) of the top-level node
    /// whose crown it is in; `None` for a top-level node.
    pub host: Option<usize>,
    /// A position set by hand, for a top-level node.
    pub pin: Option<(f64, f64)>,
}

/// Where one node went.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Placement {
    /// Centre of its disc.
    pub x: f64,
    /// Centre of its disc (y grows downwards, as on screen).
    pub y: f64,
    /// For a top-level node, the radius of the disc holding it and its crown;
    /// for a function, its own radius.
    pub footprint: f64,
    /// Placed at its pin.
    pub pinned: bool,
}

/// Places every item (see the module docs). `items[i].host`, when set, must
/// point to a top-level item; a function whose host is out of range or a
/// function itself is placed as a top-level node.
#[must_use]
pub fn layout(items: &[Item]) -> Vec<Placement> {
    let top = |index: usize| {
        items
            .get(index)
            .is_some_and(|item: &Item| item.host.is_none())
    };
    let host_of = |item: &Item| item.host.filter(|&host| top(host));
    let mut crowns: Vec<Vec<usize>> = vec![Vec::new(); items.len()];
    for (index, item) in items.iter().enumerate() {
        if let Some(host) = host_of(item) {
            crowns[host].push(index);
        }
    }
    let mut out = vec![
        Placement {
            x: 0.0,
            y: 0.0,
            footprint: 0.0,
            pinned: false,
        };
        items.len()
    ];
    // Crowns, relative to their pôle with "outwards" pointing up.
    let mut offsets: Vec<(f64, f64)> = vec![(0.0, 0.0); items.len()];
    let directions = crown_directions();
    for (index, item) in items.iter().enumerate() {
        if host_of(item).is_some() {
            continue;
        }
        let radii: Vec<f64> = crowns[index].iter().map(|&f| items[f].radius).collect();
        let (spots, footprint) = crown(item.radius, &radii, &directions);
        for (&function, spot) in crowns[index].iter().zip(spots) {
            offsets[function] = spot;
        }
        out[index].footprint = footprint;
    }

    let mut grid = Grid::default();
    let mut rings = Rings::default();
    // Pins first, in creation order.
    let mut pin_entry: Vec<Option<usize>> = vec![None; items.len()];
    for (index, item) in items.iter().enumerate() {
        if host_of(item).is_some() {
            continue;
        }
        if let Some((x, y)) = item.pin.filter(|(x, y)| x.is_finite() && y.is_finite()) {
            let footprint = out[index].footprint;
            if !grid.collides(x, y, footprint, MARGIN, None) {
                pin_entry[index] = Some(grid.insert(x, y, footprint));
                out[index] = Placement {
                    x,
                    y,
                    footprint,
                    pinned: true,
                };
            }
        }
    }
    // Then everyone in creation order; a pinned node leaves a ghost.
    let mut extent: f64 = 0.0;
    for (index, item) in items.iter().enumerate() {
        if host_of(item).is_some() {
            continue;
        }
        let footprint = out[index].footprint;
        let first_ring = if item.kind == NodeKind::Partner {
            ((extent + PARTNER_GAP + footprint) / RING_STEP)
                .ceil()
                .max(1.0) as usize
        } else {
            1
        };
        let own_pin = pin_entry[index];
        let (x, y) = rings.place(
            &grid,
            footprint,
            first_ring,
            item.kind == NodeKind::Centre,
            own_pin,
        );
        grid.insert(x, y, footprint);
        if item.kind != NodeKind::Partner {
            extent = extent.max(x.hypot(y) + footprint);
        }
        if own_pin.is_none() {
            out[index] = Placement {
                x,
                y,
                footprint,
                pinned: false,
            };
        }
    }
    // Crowns turned to face outwards from the origin.
    for (index, item) in items.iter().enumerate() {
        let Some(host) = host_of(item) else {
            continue;
        };
        let Placement { x, y, .. } = out[host];
        let distance = x.hypot(y);
        let (ux, uy) = if distance > 0.0 {
            (x / distance, y / distance)
        } else {
            (0.0, -1.0)
        };
        let (ox, oy) = offsets[index];
        out[index] = Placement {
            x: x + ox * -uy - oy * ux,
            y: y + ox * ux - oy * uy,
            footprint: item.radius,
            pinned: false,
        };
    }
    out
}

/// The spots of functions of radii `radii` (in creation order) around a disc
/// of radius `own`, "outwards" pointing up, and the footprint of the whole.
fn crown(own: f64, radii: &[f64], directions: &[(f64, f64)]) -> (Vec<(f64, f64)>, f64) {
    let mut placed: Vec<(f64, f64, f64)> = Vec::with_capacity(radii.len());
    for &radius in radii {
        let mut distance = own + FUNCTION_GAP + radius;
        let spot = loop {
            let free = directions
                .iter()
                .map(|&(sin, cos)| (distance * sin, -distance * cos))
                .find(|&(x, y)| {
                    placed.iter().all(|&(px, py, pr)| {
                        let reach = radius + pr + FUNCTION_MARGIN;
                        (x - px) * (x - px) + (y - py) * (y - py) >= reach * reach
                    })
                });
            if let Some(spot) = free {
                break spot;
            }
            distance += CROWN_STEP;
        };
        placed.push((spot.0, spot.1, radius));
    }
    let reach = placed
        .iter()
        .map(|&(x, y, r)| x.hypot(y) + r)
        .fold(own, f64::max);
    let footprint = (reach / FOOTPRINT_STEP).ceil() * FOOTPRINT_STEP;
    (
        placed.into_iter().map(|(x, y, _)| (x, y)).collect(),
        footprint,
    )
}

/// The directions a function may take around its pôle, in the order tried:
/// straight out, then alternately either side, as `(sin, cos)` of the angle.
fn crown_directions() -> Vec<(f64, f64)> {
    (0..=CROWN_DIRECTIONS / 2)
        .flat_map(|step| {
            let angle = TAU * step as f64 / CROWN_DIRECTIONS as f64;
            if step == 0 || step == CROWN_DIRECTIONS / 2 {
                vec![angle]
            } else {
                vec![angle, -angle]
            }
        })
        .map(f64::sin_cos)
        .collect()
}

/// Placed footprints, bucketed by the grid cells their bounding boxes cover.
#[derive(Default)]
struct Grid {
    discs: Vec<(f64, f64, f64)>,
    cells: FxHashMap<(i32, i32), Vec<usize>>,
}

impl Grid {
    fn cell_range(x: f64, y: f64, reach: f64) -> impl Iterator<Item = (i32, i32)> {
        let lo_x = ((x - reach) / CELL).floor() as i32;
        let hi_x = ((x + reach) / CELL).floor() as i32;
        let lo_y = ((y - reach) / CELL).floor() as i32;
        let hi_y = ((y + reach) / CELL).floor() as i32;
        (lo_x..=hi_x).flat_map(move |cx| (lo_y..=hi_y).map(move |cy| (cx, cy)))
    }

    fn insert(&mut self, x: f64, y: f64, r: f64) -> usize {
        let entry = self.discs.len();
        self.discs.push((x, y, r));
        for cell in Grid::cell_range(x, y, r) {
            self.cells.entry(cell).or_default().push(entry);
        }
        entry
    }

    /// Whether a disc at `(x, y)` of radius `r` comes closer than `margin` to
    /// a placed one (other than `ignore`).
    fn collides(&self, x: f64, y: f64, r: f64, margin: f64, ignore: Option<usize>) -> bool {
        self.blocker(x, y, r, margin, ignore).is_some()
    }

    /// The first placed disc (other than `ignore`) that a disc at `(x, y)` of
    /// radius `r` comes closer to than `margin`.
    fn blocker(&self, x: f64, y: f64, r: f64, margin: f64, ignore: Option<usize>) -> Option<usize> {
        Grid::cell_range(x, y, r + margin).find_map(|cell| {
            self.cells.get(&cell).and_then(|entries| {
                entries
                    .iter()
                    .copied()
                    .find(|&entry| Some(entry) != ignore && self.blocks(entry, x, y, r, margin))
            })
        })
    }

    /// Whether placed disc `entry` comes closer than `margin` to a disc at `(x, y)` of radius `r`.
    fn blocks(&self, entry: usize, x: f64, y: f64, r: f64, margin: f64) -> bool {
        let (px, py, pr) = self.discs[entry];
        let reach = r + pr + margin;
        (x - px) * (x - px) + (y - py) * (y - py) < reach * reach
    }
}

/// One candidate ring: its spots, and what did not fit on it so far.
struct Ring {
    /// Its spots, in golden-angle order.
    spots: Vec<(f64, f64)>,
    /// The smallest footprint no spot of the ring could take.
    full_for: f64,
    /// Per spot, the smallest footprint that did not fit there.
    refused: Vec<f64>,
    /// Per spot, the placed disc that last stood in the way ([`NO_ONE`] if
    /// none yet): tested first, as it usually still does.
    blocker: Vec<usize>,
}

/// No disc stood in the way of this spot yet.
const NO_ONE: usize = usize::MAX;

/// The candidate rings, made as the layout reaches them.
#[derive(Default)]
struct Rings {
    rings: Vec<Ring>,
}

impl Rings {
    fn ring(&mut self, index: usize) -> &mut Ring {
        while self.rings.len() <= index {
            let radius = (self.rings.len() + 1) as f64 * RING_STEP;
            let count = ((TAU * radius / ARC_STEP).ceil() as usize).max(6);
            // Turning by the golden angle spot after spot: one rotation
            // each instead of a sine and a cosine.
            let (step_sin, step_cos) = GOLDEN_ANGLE.sin_cos();
            let (mut sin, mut cos) = (0.0_f64, 1.0_f64);
            let spots = (0..count)
                .map(|_| {
                    let spot = (radius * sin, -radius * cos);
                    (sin, cos) = (
                        sin * step_cos + cos * step_sin,
                        cos * step_cos - sin * step_sin,
                    );
                    spot
                })
                .collect();
            self.rings.push(Ring {
                spots,
                full_for: f64::INFINITY,
                refused: vec![f64::INFINITY; count],
                blocker: vec![NO_ONE; count],
            });
        }
        &mut self.rings[index]
    }

    /// The first free spot for a footprint of radius `r`, from ring
    /// `first_ring` (1 is the innermost) outwards, the origin first for a
    /// centre. `ignore` is a node's own pin (its ghost may overlap it); what
    /// such a search finds is not remembered, as it differs for other nodes.
    fn place(
        &mut self,
        grid: &Grid,
        r: f64,
        first_ring: usize,
        at_origin: bool,
        ignore: Option<usize>,
    ) -> (f64, f64) {
        if at_origin && !grid.collides(0.0, 0.0, r, MARGIN, ignore) {
            return (0.0, 0.0);
        }
        let remember = ignore.is_none();
        for index in first_ring.max(1) - 1.. {
            let ring = self.ring(index);
            if remember && ring.full_for <= r {
                continue;
            }
            for spot in 0..ring.spots.len() {
                let (x, y) = ring.spots[spot];
                if remember {
                    let known = ring.blocker[spot];
                    if ring.refused[spot] <= r
                        || (known != NO_ONE && grid.blocks(known, x, y, r, MARGIN))
                    {
                        ring.refused[spot] = ring.refused[spot].min(r);
                        continue;
                    }
                }
                match grid.blocker(x, y, r, MARGIN, ignore) {
                    None => return (x, y),
                    Some(entry) if remember => {
                        ring.refused[spot] = ring.refused[spot].min(r);
                        ring.blocker[spot] = entry;
                    }
                    Some(_) => {}
                }
            }
            if remember {
                ring.full_for = ring.full_for.min(r);
            }
        }
        unreachable!("rings beyond every placed footprint are free")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pole(radius: f64) -> Item {
        Item {
            kind: NodeKind::Pole,
            radius,
            host: None,
            pin: None,
        }
    }

    fn function(host: usize, radius: f64) -> Item {
        Item {
            kind: NodeKind::Function,
            radius,
            host: Some(host),
            pin: None,
        }
    }

    #[test]
    fn a_crown_starts_outwards_and_alternates_sides() {
        let (spots, footprint) = crown(40.0, &[20.0, 20.0, 20.0], &crown_directions());
        assert!(spots[0].0.abs() < 1e-9 && spots[0].1 < 0.0, "{spots:?}");
        assert!(spots[1].0 > 0.0 && spots[2].0 < 0.0, "{spots:?}");
        assert!(footprint >= 40.0 + FUNCTION_GAP + 40.0);
        assert_eq!(footprint % FOOTPRINT_STEP, 0.0);
    }

    #[test]
    fn functions_that_do_not_fit_close_by_go_further_out_without_overlapping() {
        let radii = vec![20.0; 30];
        let (spots, footprint) = crown(36.0, &radii, &crown_directions());
        let first = 36.0 + FUNCTION_GAP + 20.0;
        let outer = spots
            .iter()
            .filter(|(x, y)| x.hypot(*y) > first + 1.0)
            .count();
        assert!(outer > 0, "some functions go further out");
        for (a, pa) in spots.iter().enumerate() {
            for pb in &spots[a + 1..] {
                assert!((pa.0 - pb.0).hypot(pa.1 - pb.1) >= 40.0 + FUNCTION_MARGIN - 1e-9);
            }
            assert!(pa.0.hypot(pa.1) + 20.0 <= footprint);
        }
    }

    #[test]
    fn the_centre_takes_the_origin_and_the_first_poles_spread_around_it() {
        let mut items = vec![Item {
            kind: NodeKind::Centre,
            radius: 56.0,
            host: None,
            pin: None,
        }];
        items.extend((0..3).map(|_| pole(40.0)));
        let out = layout(&items);
        assert_eq!((out[0].x, out[0].y), (0.0, 0.0));
        let angles: Vec<f64> = out[1..].iter().map(|p| p.x.atan2(-p.y)).collect();
        for (a, b) in [(0, 1), (1, 2), (0, 2)] {
            let apart = (angles[a] - angles[b]).rem_euclid(TAU);
            let apart = apart.min(TAU - apart);
            assert!(apart > PI / 3.0, "{angles:?}");
        }
    }

    #[test]
    fn partners_go_beyond_the_poles_placed_before_them() {
        let mut items: Vec<Item> = (0..20).map(|_| pole(40.0)).collect();
        items.extend((0..4).map(|_| Item {
            kind: NodeKind::Partner,
            ..pole(30.0)
        }));
        let out = layout(&items);
        let poles = out[..20]
            .iter()
            .map(|p| p.x.hypot(p.y) + p.footprint)
            .fold(0.0, f64::max);
        for partner in &out[20..] {
            assert!(partner.x.hypot(partner.y) - partner.footprint >= poles + PARTNER_GAP - 1e-9);
        }
    }

    #[test]
    fn a_pin_overlapping_an_earlier_pin_is_not_honoured() {
        let mut items = vec![pole(40.0), pole(40.0), pole(40.0)];
        items[0].pin = Some((500.0, 500.0));
        items[1].pin = Some((520.0, 500.0));
        items[2].pin = Some((800.0, 500.0));
        let out = layout(&items);
        assert!(out[0].pinned && !out[1].pinned && out[2].pinned);
        assert_eq!((out[0].x, out[0].y), (500.0, 500.0));
        assert_eq!((out[2].x, out[2].y), (800.0, 500.0));
    }

    #[test]
    fn functions_follow_their_pole_and_turn_outwards() {
        let mut items = vec![pole(40.0), function(0, 20.0)];
        items[0].pin = Some((300.0, 0.0));
        let out = layout(&items);
        // Straight out from the origin: to the right of the pôle.
        assert!((out[1].y - 0.0).abs() < 1e-9, "{out:?}");
        assert!((out[1].x - (300.0 + 40.0 + FUNCTION_GAP + 20.0)).abs() < 1e-9);
    }
}
