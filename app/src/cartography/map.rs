//! The map itself: an SVG of the laid-out pôles, panned and zoomed by mouse,
//! touch and keyboard.
//!
//! The layout comes from `archipel_core::map`; this module only draws it and
//! turns gestures into camera moves and, in arrange mode, pôles moved by hand
//! into `x`/`y` edits. Panning and zooming change one CSS transform on the map
//! layer: no node is re-rendered while the view moves.

use std::hash::{DefaultHasher, Hash, Hasher};

use crate::tr;
use archipel_core::map::{Direction, MapNode, NodeKind, label};
use archipel_core::{Change, FieldWrite, Id, Value};
use leptos::prelude::*;
use wasm_bindgen::JsCast;

use super::{MapCtx, use_map};
use crate::ui::{fixed, shortest};

/// Below this zoom, referents' names are hidden (they would be unreadable).
const DETAIL_SCALE: f64 = 0.45;
/// A pointer that moved less than this (screen pixels) made a click, not a drag.
const CLICK_SLOP: f64 = 6.0;
/// How far one arrow key press moves a pôle in arrange mode (map units).
const NUDGE: f64 = 20.0;

/// A fingerprint of what a node shows: the node is re-rendered only when it
/// changes (the `For` key), so a sync touching one pôle redraws one pôle.
fn fingerprint(node: &MapNode) -> u64 {
    let mut hasher = DefaultHasher::new();
    node.id.hash(&mut hasher);
    node.name.hash(&mut hasher);
    node.colour.hash(&mut hasher);
    node.referents.hash(&mut hasher);
    node.vacancies.hash(&mut hasher);
    node.at_risk.hash(&mut hasher);
    node.label.hash(&mut hasher);
    node.functions.hash(&mut hasher);
    node.x.to_bits().hash(&mut hasher);
    node.y.to_bits().hash(&mut hasher);
    node.r.to_bits().hash(&mut hasher);
    hasher.finish()
}

fn kind_key(kind: NodeKind) -> &'static str {
    match kind {
        NodeKind::Centre => "centre",
        NodeKind::Pole => "pole",
        NodeKind::Function => "function",
        NodeKind::Partner => "partner",
    }
}

/// Stands for the list a translated phrase is about, so each phrase is
/// formatted once per render and not once per node.
const SLOT: &str = "\u{1}";

/// The translated words of the nodes' accessible names, in the current
/// language (formatting a Fluent message per node would cost more than
/// drawing the node).
#[derive(Debug, Clone, PartialEq)]
pub struct Words {
    kinds: [String; 4],
    referents: String,
    vacant: String,
    at_risk: String,
    roles: Vec<(&'static str, String)>,
}

impl Words {
    /// The words in the current language.
    pub fn now() -> Words {
        Words {
            kinds: ["centre", "pole", "function", "partner"].map(super::panel::kind_label),
            referents: tr!("pole-referents", { "names" => SLOT }),
            vacant: tr!("map-vacant", { "roles" => SLOT }),
            at_risk: tr!("map-at-risk", { "roles" => SLOT }),
            roles: archipel_core::schema::ROLES
                .iter()
                .map(|role| (*role, super::panel::role_label(role)))
                .collect(),
        }
    }

    fn roles(&self, list: &[String]) -> String {
        list.iter()
            .map(|role| {
                self.roles
                    .iter()
                    .find(|(key, _)| key == role)
                    .map_or(role.as_str(), |(_, label)| label.as_str())
            })
            .collect::<Vec<_>>()
            .join(", ")
    }

    /// What a screen reader says for a node: name, kind, referents, vacancies.
    pub fn accessible_name(&self, node: &MapNode) -> String {
        let kind = match node.kind {
            NodeKind::Centre => &self.kinds[0],
            NodeKind::Pole => &self.kinds[1],
            NodeKind::Function => &self.kinds[2],
            NodeKind::Partner => &self.kinds[3],
        };
        let mut parts = vec![node.name.clone(), kind.clone()];
        if !node.referents.is_empty() {
            parts.push(self.referents.replace(SLOT, &node.referents.join(", ")));
        }
        if !node.vacancies.is_empty() {
            parts.push(self.vacant.replace(SLOT, &self.roles(&node.vacancies)));
        }
        if !node.at_risk.is_empty() {
            parts.push(self.at_risk.replace(SLOT, &self.roles(&node.at_risk)));
        }
        parts.join(" — ")
    }
}

/// Moves keyboard focus to the node `id` and brings it into view.
pub fn focus_node(map: MapCtx, id: Id) {
    map.focused.set(Some(id));
    let node = map.model.with_untracked(|model| model.node(id).cloned());
    let Some(node) = node else { return };
    let (width, height) = map.size.get_untracked();
    if !map
        .camera
        .get_untracked()
        .shows(node.x, node.y, width, height)
    {
        map.camera.update(|camera| {
            camera.x = node.x;
            camera.y = node.y;
        });
    }
    request_animation_frame(move || focus_element(id));
}

/// Gives keyboard focus to the drawn node `id`, if it is drawn.
fn focus_element(id: Id) {
    let selector = format!(".map-layer [data-id=\"{id}\"]");
    if let Some(element) = document()
        .query_selector(&selector)
        .ok()
        .flatten()
        .and_then(|element| element.dyn_into::<web_sys::SvgElement>().ok())
    {
        let _ = element.focus();
    }
}

/// Saves a pôle's hand-placed position.
fn save_position(map: MapCtx, id: Id, x: f64, y: f64) {
    let sync = map.sync;
    let bases = sync.view.with_untracked(|state| {
        state.existing(id).map_or((0, 0), |record| {
            (record.version_of("x"), record.version_of("y"))
        })
    });
    let change = Change::Set {
        id,
        fields: vec![
            FieldWrite::new("x", Value::Int(x.round() as i64), bases.0),
            FieldWrite::new("y", Value::Int(y.round() as i64), bases.1),
        ],
    };
    leptos::task::spawn_local(async move {
        let _ = sync.edit(change).await;
    });
}

/// How long a gesture must pause before the map is redrawn sharp at the new zoom.
const SETTLE_MS: u32 = 150;

/// A link as drawn: its ends' positions are part of its key, so moving a
/// pôle redraws its links.
#[derive(Debug, Clone, PartialEq)]
struct LinkLine {
    id: Id,
    ends: [f64; 4],
}

impl LinkLine {
    fn key(&self) -> (Id, [u64; 4]) {
        (self.id, self.ends.map(f64::to_bits))
    }
}

/// A pointer held down on the map.
#[derive(Debug, Clone, Copy)]
struct Touch {
    id: i32,
    x: f64,
    y: f64,
}

/// A pôle being moved by hand, in arrange mode.
#[derive(Debug, Clone)]
struct Carried {
    id: Id,
    element: web_sys::Element,
    x: f64,
    y: f64,
}

fn local_point(event: &web_sys::PointerEvent, host: &web_sys::Element) -> (f64, f64) {
    let rect = host.get_bounding_client_rect();
    (
        f64::from(event.client_x()) - rect.left(),
        f64::from(event.client_y()) - rect.top(),
    )
}

/// The node element (`[data-id]`) an event started on, if any.
fn node_of(event: &web_sys::Event) -> Option<(Id, web_sys::Element)> {
    let element = event
        .target()?
        .dyn_into::<web_sys::Element>()
        .ok()?
        .closest("[data-id]")
        .ok()??;
    let id = element.get_attribute("data-id")?.parse().ok()?;
    Some((id, element))
}

/// The interactive map.
#[component]
pub fn MapCanvas() -> impl IntoView {
    let map = use_map();
    let host = NodeRef::<leptos::html::Div>::new();
    let touches = StoredValue::new(Vec::<Touch>::new());
    let travelled = StoredValue::new(0.0_f64);
    let carried = StoredValue::new_local(None::<Carried>);
    // The node a press started on: pointer capture retargets the click that
    // follows to the map area, so the click cannot tell by itself.
    let pressed = StoredValue::new(None::<Id>);
    let dragging = RwSignal::new(false);
    let committed = RwSignal::new(map.camera.get_untracked());

    let measure = move || {
        if let Some(element) = host.get_untracked() {
            let rect = element.get_bounding_client_rect();
            map.size.set((rect.width(), rect.height()));
        }
    };
    Effect::new(move |_| {
        if host.get().is_some() {
            measure();
        }
    });
    let resize = window_event_listener(leptos::ev::resize, move |_| measure());
    on_cleanup(move || resize.remove());

    // Fit once, when both the map and its area are known.
    let fitted = StoredValue::new(false);
    Effect::new(move |_| {
        let (width, _) = map.size.get();
        let empty = map.model.with(|model| model.nodes.is_empty());
        if !fitted.get_value() && width > 0.0 && !empty {
            fitted.set_value(true);
            map.fit();
            committed.set(map.camera.get_untracked());
            // The first frame with the whole map on screen, for benchmarks.
            request_animation_frame(|| {
                if let Some(performance) = window().performance() {
                    let _ = performance.mark("map-first-frame");
                }
            });
        }
    });

    let on_wheel = move |event: leptos::ev::WheelEvent| {
        event.prevent_default();
        let Some(element) = host.get_untracked() else {
            return;
        };
        let rect = element.get_bounding_client_rect();
        let (sx, sy) = (
            f64::from(event.client_x()) - rect.left(),
            f64::from(event.client_y()) - rect.top(),
        );
        let factor = (-event.delta_y() * 0.0015).exp();
        let (width, height) = (rect.width(), rect.height());
        map.camera
            .update(|camera| *camera = camera.zoomed_at(factor, sx, sy, width, height));
    };

    let on_down = move |event: leptos::ev::PointerEvent| {
        if event.button() > 0 {
            return;
        }
        let Some(element) = host.get_untracked() else {
            return;
        };
        let (x, y) = local_point(&event, &element);
        let under = node_of(&event);
        pressed.set_value(under.as_ref().map(|(id, _)| *id));
        if map.arrange.get_untracked()
            && let Some((id, node)) = under
        {
            let (width, height) = map.size.get_untracked();
            let (mx, my) = map.camera.get_untracked().map_point(x, y, width, height);
            carried.set_value(Some(Carried {
                id,
                element: node,
                x: mx,
                y: my,
            }));
        }
        let _ = element.set_pointer_capture(event.pointer_id());
        touches.update_value(|all| {
            all.retain(|touch| touch.id != event.pointer_id());
            all.push(Touch {
                id: event.pointer_id(),
                x,
                y,
            });
        });
        travelled.set_value(0.0);
        dragging.set(true);
    };

    let on_move = move |event: leptos::ev::PointerEvent| {
        let Some(element) = host.get_untracked() else {
            return;
        };
        let (x, y) = local_point(&event, &element);
        let before = touches.with_value(Vec::clone);
        let Some(index) = before
            .iter()
            .position(|touch| touch.id == event.pointer_id())
        else {
            return;
        };
        let old = before[index];
        let (width, height) = map.size.get_untracked();
        travelled.update_value(|distance| *distance += (x - old.x).hypot(y - old.y));
        if let Some(mut moving) = carried.get_value() {
            let camera = map.camera.get_untracked();
            moving.x += (x - old.x) / camera.scale;
            moving.y += (y - old.y) / camera.scale;
            let _ = moving.element.set_attribute(
                "transform",
                &format!("translate({} {})", fixed(moving.x, 1), fixed(moving.y, 1)),
            );
            carried.set_value(Some(moving));
        } else if before.len() == 1 {
            map.camera
                .update(|camera| *camera = camera.panned(x - old.x, y - old.y));
        } else if before.len() >= 2 {
            // Pinch: the other finger stays; zoom by the change of distance
            // around the midpoint, and pan by the midpoint's move.
            let other = before[usize::from(index == 0)];
            let distance_before = (old.x - other.x).hypot(old.y - other.y).max(1.0);
            let distance_after = (x - other.x).hypot(y - other.y).max(1.0);
            let (mid_x, mid_y) = ((x + other.x) / 2.0, (y + other.y) / 2.0);
            let (old_mid_x, old_mid_y) = ((old.x + other.x) / 2.0, (old.y + other.y) / 2.0);
            map.camera.update(|camera| {
                *camera = camera
                    .panned(mid_x - old_mid_x, mid_y - old_mid_y)
                    .zoomed_at(
                        distance_after / distance_before,
                        mid_x,
                        mid_y,
                        width,
                        height,
                    );
            });
        }
        touches.update_value(|all| all[index] = Touch { x, y, ..old });
    };

    let on_up = move |event: leptos::ev::PointerEvent| {
        touches.update_value(|all| all.retain(|touch| touch.id != event.pointer_id()));
        if let Some(moving) = carried.get_value() {
            carried.set_value(None);
            if travelled.get_value() > CLICK_SLOP {
                save_position(map, moving.id, moving.x, moving.y);
            }
        }
        if touches.with_value(Vec::is_empty) {
            dragging.set(false);
        }
    };

    let on_click = move |_: leptos::ev::MouseEvent| {
        if travelled.get_value() > CLICK_SLOP {
            return;
        }
        match pressed.get_value() {
            Some(id) => {
                map.selected.set(Some(id));
                focus_node(map, id);
            }
            None => map.selected.set(None),
        }
    };

    let on_key = move |event: leptos::ev::KeyboardEvent| {
        let key = event.key();
        let focused = map.focused.get_untracked();
        let direction = match key.as_str() {
            "ArrowUp" => Some(Direction::Up),
            "ArrowDown" => Some(Direction::Down),
            "ArrowLeft" => Some(Direction::Left),
            "ArrowRight" => Some(Direction::Right),
            _ => None,
        };
        let (width, height) = map.size.get_untracked();
        let handled = if let Some(direction) = direction {
            if map.presenting.get_untracked()
                && matches!(direction, Direction::Left | Direction::Right)
            {
                map.step(if direction == Direction::Right { 1 } else { -1 });
            } else if map.arrange.get_untracked()
                && event.shift_key()
                && let Some(id) = focused
            {
                let (dx, dy) = match direction {
                    Direction::Up => (0.0, -NUDGE),
                    Direction::Down => (0.0, NUDGE),
                    Direction::Left => (-NUDGE, 0.0),
                    Direction::Right => (NUDGE, 0.0),
                };
                if let Some(node) = map.model.with_untracked(|model| model.node(id).cloned()) {
                    save_position(map, id, node.x + dx, node.y + dy);
                }
            } else {
                let next = match focused {
                    Some(id) => map
                        .model
                        .with_untracked(|model| model.neighbour(id, direction)),
                    None => map
                        .model
                        .with_untracked(archipel_core::map::MapModel::first),
                };
                if let Some(next) = next {
                    focus_node(map, next);
                }
            }
            true
        } else {
            match key.as_str() {
                "Enter" | " " => {
                    if let Some(id) = focused {
                        map.selected.set(Some(id));
                    }
                    true
                }
                "Escape" => {
                    if map.selected.get_untracked().is_some() {
                        map.selected.set(None);
                    } else if map.presenting.get_untracked() {
                        super::present::stop(map);
                    }
                    true
                }
                "+" | "=" => {
                    map.camera.update(|camera| {
                        *camera = camera.zoomed_at(1.25, width / 2.0, height / 2.0, width, height);
                    });
                    true
                }
                "-" | "_" => {
                    map.camera.update(|camera| {
                        *camera = camera.zoomed_at(0.8, width / 2.0, height / 2.0, width, height);
                    });
                    true
                }
                "0" => {
                    map.fit();
                    true
                }
                "PageDown" => {
                    map.step(1);
                    true
                }
                "PageUp" => {
                    map.step(-1);
                    true
                }
                _ => false,
            }
        };
        if handled {
            event.prevent_default();
        }
    };

    // Two cameras: the live one follows every gesture at once as a transform
    // of the composited `.map-pan` layer (no repaint of the SVG), and the
    // committed one, which the SVG itself is drawn with, catches up once the
    // gesture has paused — then the map is re-rasterised sharp.
    let settle = StoredValue::new_local(None::<gloo::timers::callback::Timeout>);
    Effect::new(move |_| {
        let live = map.camera.get();
        let timer = gloo::timers::callback::Timeout::new(SETTLE_MS, move || committed.set(live));
        settle.set_value(Some(timer));
    });
    let pan = move || {
        let live = map.camera.get();
        let drawn = committed.get();
        let k = live.scale / drawn.scale;
        format!(
            "translate({}px,{}px) scale({})",
            fixed((drawn.x - live.x) * live.scale, 2),
            fixed((drawn.y - live.y) * live.scale, 2),
            fixed(k, 5)
        )
    };
    // The SVG is three times the map area each way, centred on it, so a pan
    // of up to one screen shows already drawn parts of the map.
    let transform = move || {
        let (width, height) = map.size.get();
        committed.with(|camera| camera.css(3.0 * width, 3.0 * height))
    };
    let detailed = move || committed.with(|camera| camera.scale >= DETAIL_SCALE);
    let focused = Selector::new(move || map.focused.get());
    let selected = Selector::new(move || map.selected.get());
    let roving = Selector::new(move || {
        map.focused
            .get()
            .or_else(|| map.model.with(archipel_core::map::MapModel::first))
    });
    let words = Memo::new(move |_| Words::now());
    // A node redrawn (a sync or an edit changed it) while it had keyboard
    // focus gets it back, so editing by keyboard can go on.
    Effect::new(move |_| {
        map.model.track();
        request_animation_frame(move || {
            let lost = document()
                .active_element()
                .is_none_or(|active| active.tag_name().eq_ignore_ascii_case("body"));
            if lost && let Some(id) = map.focused.get_untracked() {
                focus_element(id);
            }
        });
    });
    let links = move || {
        map.model.with(|model| {
            model
                .links
                .iter()
                .filter_map(|link| {
                    let (a, b) = (model.node(link.from)?, model.node(link.to)?);
                    Some(LinkLine {
                        id: link.id,
                        ends: [a.x, a.y, b.x, b.y],
                    })
                })
                .collect::<Vec<_>>()
        })
    };

    view! {
        <div
            class="map-area"
            class:dragging=move || dragging.get()
            class:arranging=move || map.arrange.get()
            node_ref=host
            role="application"
            aria-roledescription=move || tr!("map-roledescription")
            aria-label=move || tr!("map-label")
            on:wheel=on_wheel
            on:pointerdown=on_down
            on:pointermove=on_move
            on:pointerup=on_up
            on:pointercancel=on_up
            on:click=on_click
            on:keydown=on_key
        >
            <div class="map-pan" style:transform=pan>
            <svg class="map" class:detailed=detailed xmlns="http://www.w3.org/2000/svg">
                <g class="map-layer" style:transform=transform>
                    <g class="links">
                        <For each=links key=LinkLine::key let:line>
                            <line
                                x1=shortest(line.ends[0])
                                y1=shortest(line.ends[1])
                                x2=shortest(line.ends[2])
                                y2=shortest(line.ends[3])
                            />
                        </For>
                    </g>
                    <For
                        each=move || map.model.with(|model| model.nodes.clone())
                        key=fingerprint
                        let:node
                    >
                        <Node
                            node=node
                            focused=focused.clone()
                            selected=selected.clone()
                            roving=roving.clone()
                            words=words
                        />
                    </For>
                </g>
            </svg>
            </div>
        </div>
    }
}

/// One pôle, function, centre or partner on the map.
#[component]
fn Node(
    node: MapNode,
    focused: Selector<Option<Id>>,
    selected: Selector<Option<Id>>,
    roving: Selector<Option<Id>>,
    words: Memo<Words>,
) -> impl IntoView {
    let map = use_map();
    let id = node.id;
    let described = node.clone();
    let label = move || words.with(|words| words.accessible_name(&described));
    let lines = node.label.clone();
    let size = node.font_size;
    let sub = size * label::SUBLINE_SCALE;
    let subline = (label::has_subline(node.kind) && !node.referents.is_empty()).then(|| {
        let all = node.referents.join(", ");
        let room = label::subline_chars(node.kind, &node.name);
        if all.chars().count() > room {
            let cut: String = all.chars().take(room.saturating_sub(1)).collect();
            format!("{cut}…")
        } else {
            all
        }
    });
    // The text block (name lines, then the referents line) centred on the disc.
    let block = lines.len() as f64 * label::LINE_HEIGHT_EM * size
        + if subline.is_some() {
            label::LINE_HEIGHT_EM * sub
        } else {
            0.0
        };
    let first_line = -block / 2.0 + label::LINE_HEIGHT_EM * size / 2.0;
    let sub_y = block / 2.0 - label::LINE_HEIGHT_EM * sub / 2.0;
    let ink = node.ink.css();
    let vacant = !node.vacancies.is_empty() || !node.at_risk.is_empty();
    let r = node.r;
    let functions = node.functions.clone();
    let is_focused = {
        let focused = focused.clone();
        move || focused.selected(&Some(id))
    };
    let tabindex = move || {
        if roving.selected(&Some(id)) {
            "0"
        } else {
            "-1"
        }
    };
    let change = move || map.change_of(id);
    let dim = move || {
        map.coverage_filter
            .get()
            .is_some_and(|name| !functions.contains(&name))
    };
    let serves = !node.functions.is_empty();
    view! {
        <g
            class="node"
            class:focused=is_focused
            class:selected=move || selected.selected(&Some(id))
            class:vacant=vacant
            class:dim=dim
            data-id=id.to_string()
            data-kind=kind_key(node.kind)
            data-change=change
            transform=format!("translate({} {})", fixed(node.x, 1), fixed(node.y, 1))
            tabindex=tabindex
            role="button"
            aria-label=label
            on:focus=move |_| map.focused.set(Some(id))
        >
            <circle class="disc" r=shortest(r) fill=node.colour.clone() />
            <text class="name" font-size=shortest(size) fill=ink text-anchor="middle">
                {lines
                    .into_iter()
                    .enumerate()
                    .map(|(index, line)| {
                        view! {
                            <tspan
                                x="0"
                                y=shortest(first_line + index as f64 * label::LINE_HEIGHT_EM * size)
                                dy="0.35em"
                            >
                                {line}
                            </tspan>
                        }
                    })
                    .collect_view()}
            </text>
            {subline
                .map(|line| {
                    view! {
                        <text
                            class="referents"
                            font-size=shortest(sub)
                            fill=ink
                            text-anchor="middle"
                            y=shortest(sub_y)
                            dy="0.35em"
                        >
                            {line}
                        </text>
                    }
                })}
            {vacant
                .then(|| {
                    let badge = r * 0.2 + 6.0;
                    view! {
                        <g class="health" transform=format!("translate({} {})", fixed(r * 0.72, 1), fixed(-r * 0.72, 1))>
                            <circle r=shortest(badge) />
                            <text font-size=shortest(badge * 1.4) text-anchor="middle" dy="0.35em">"!"</text>
                        </g>
                    }
                })}
            {move || {
                (serves && map.coverage.get())
                    .then(|| {
                        view! {
                            <text class="served" font-size=shortest(sub) text-anchor="middle" y=shortest(-r - 8.0)>
                                {map.served_marks(id)}
                            </text>
                        }
                    })
            }}
        </g>
    }
}
