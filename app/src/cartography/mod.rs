//! Cartography: the collective's pôles, functions, people and partners, as an
//! interactive map (or its outline) with a side panel per pôle.
//!
//! - `map` draws the layout computed by `archipel_core::map` and handles
//!   gestures and keys; `camera` is the pan/zoom arithmetic;
//! - `outline` is the same collective as a list (screen readers, small screens);
//! - `panel` reads and edits one pôle; `timeline` shows the map at a past
//!   date; `present` is the projector mode; `export` writes SVG and PNG files.
//!
//! They share one [`MapCtx`]: what is shown (live or past), the camera, the
//! focused and opened pôles, and the toggles.

mod camera;
mod export;
mod map;
mod outline;
pub(crate) mod panel;
mod present;
mod timeline;

use archipel_core::map::{Coverage, MapChanges, MapModel, NodeKind};
use archipel_core::sort::sort_by_key;
use archipel_core::{Access, Date, Id, State, View};
use leptos::prelude::*;

use crate::{move_tr, tr};

use self::camera::Camera;
use crate::sync::{SyncEngine, use_sync};
use crate::ui::EmptyView;

/// Map or list, remembered on this device.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mode {
    Map,
    Outline,
}

const MODE_KEY: &str = "archipel.map.mode";

fn saved_mode() -> Mode {
    let saved = window()
        .local_storage()
        .ok()
        .flatten()
        .and_then(|storage| storage.get_item(MODE_KEY).ok().flatten());
    if saved.as_deref() == Some("outline") {
        Mode::Outline
    } else {
        Mode::Map
    }
}

fn save_mode(mode: Mode) {
    if let Some(storage) = window().local_storage().ok().flatten() {
        let _ = storage.set_item(
            MODE_KEY,
            if mode == Mode::Outline {
                "outline"
            } else {
                "map"
            },
        );
    }
}

/// Today on this device.
pub fn today() -> Date {
    Date::from_unix_millis(js_sys::Date::now() as i64)
}

/// What every part of the cartography view shares.
#[derive(Clone, Copy)]
pub struct MapCtx {
    /// The sync engine (edits, the live collective, the session).
    pub sync: SyncEngine,
    /// The laid-out map of what is shown (today's collective, or a past one).
    pub model: Memo<MapModel>,
    /// The collective as it was at the timeline's moment, and that day, when
    /// travelling.
    pub past: RwSignal<Option<(State, Date)>>,
    /// What changed between the past shown and now.
    pub changes: Memo<Option<MapChanges>>,
    /// Which pôles serve which of the collective's functions.
    pub functions: Memo<Coverage>,
    /// The point of view.
    pub camera: RwSignal<Camera>,
    /// The map area's size in CSS pixels.
    pub size: RwSignal<(f64, f64)>,
    /// The node with keyboard focus.
    pub focused: RwSignal<Option<Id>>,
    /// The pôle whose panel is open.
    pub selected: RwSignal<Option<Id>>,
    /// Pôles can be moved by hand.
    pub arrange: RwSignal<bool>,
    /// Projector mode.
    pub presenting: RwSignal<bool>,
    /// The functions overlay is shown.
    pub coverage: RwSignal<bool>,
    /// Only pôles serving this function stand out.
    pub coverage_filter: RwSignal<Option<String>>,
}

/// The map context of the cartography view.
#[must_use]
pub fn use_map() -> MapCtx {
    expect_context::<MapCtx>()
}

impl MapCtx {
    fn provide() -> MapCtx {
        let sync = use_sync();
        let past = RwSignal::new(None::<(State, Date)>);
        let model = Memo::new(move |_| {
            let day = today();
            past.with(|past| match past {
                Some((state, then)) => archipel_core::map::build(state, *then),
                None => sync
                    .view
                    .with(|state| archipel_core::map::build(state, day)),
            })
        });
        let changes = Memo::new(move |_| {
            past.with(|past| {
                past.as_ref().map(|(before, _)| {
                    sync.view
                        .with(|now| archipel_core::map::changed_since(before, now))
                })
            })
        });
        let functions = Memo::new(move |_| {
            past.with(|past| match past {
                Some((state, _)) => archipel_core::map::coverage(state),
                None => sync.view.with(archipel_core::map::coverage),
            })
        });
        let map = MapCtx {
            sync,
            model,
            past,
            changes,
            functions,
            camera: RwSignal::new(Camera::default()),
            size: RwSignal::new((0.0, 0.0)),
            focused: RwSignal::new(None),
            selected: RwSignal::new(None),
            arrange: RwSignal::new(false),
            presenting: RwSignal::new(false),
            coverage: RwSignal::new(false),
            coverage_filter: RwSignal::new(None),
        };
        provide_context(map);
        map
    }

    /// Shows the whole map.
    pub fn fit(self) {
        let (width, height) = self.size.get_untracked();
        let camera = self
            .model
            .with_untracked(|model| Camera::fit(&model.bounds, width, height));
        self.camera.set(camera);
    }

    /// The top-level nodes in presentation order: the centre, the pôles, the
    /// partners.
    fn sequence(self) -> Vec<Id> {
        self.model.with_untracked(|model| {
            let mut nodes: Vec<_> = model
                .nodes
                .iter()
                .filter(|node| node.kind != NodeKind::Function)
                .map(|node| {
                    let rank = match node.kind {
                        NodeKind::Centre => 0,
                        NodeKind::Pole => 1,
                        _ => 2,
                    };
                    (rank, node.id)
                })
                .collect();
            // Stable: the layout's own order within a rank.
            sort_by_key(&mut nodes, |(rank, _)| *rank);
            nodes.into_iter().map(|(_, id)| id).collect()
        })
    }

    /// Steps `by` nodes through the presentation order, focusing and opening
    /// the pôle reached and zooming on it.
    pub fn step(self, by: isize) {
        let order = self.sequence();
        if order.is_empty() {
            return;
        }
        let current = self
            .focused
            .get_untracked()
            .and_then(|id| order.iter().position(|other| *other == id));
        let next = match current {
            Some(index) => (index as isize + by).rem_euclid(order.len() as isize) as usize,
            None => 0,
        };
        let id = order[next];
        self.selected.set(Some(id));
        if let Some(node) = self.model.with_untracked(|model| model.node(id).cloned()) {
            let (width, height) = self.size.get_untracked();
            let share = if self.presenting.get_untracked() {
                0.55
            } else {
                0.35
            };
            self.camera.set(Camera::focused_on(
                node.x, node.y, node.r, share, width, height,
            ));
        }
        map::focus_node(self, id);
    }

    /// How the timeline marks a node: `archived` since, `changed` since.
    fn change_of(self, id: Id) -> Option<&'static str> {
        self.changes.with(|changes| {
            changes.as_ref().and_then(|changes| {
                if changes.removed.contains(&id) {
                    Some("archived")
                } else if changes.changed.contains(&id) {
                    Some("changed")
                } else {
                    None
                }
            })
        })
    }

    /// The numbers of the collective functions a node serves ("1 3"), as the
    /// overlay's legend numbers them.
    fn served_marks(self, id: Id) -> String {
        self.functions.with(|coverage| {
            coverage
                .functions
                .iter()
                .enumerate()
                .filter(|(_, function)| function.poles.contains(&id))
                .map(|(index, _)| (index + 1).to_string())
                .collect::<Vec<_>>()
                .join(" ")
        })
    }

    /// Whether this device may edit the map.
    pub fn can_edit(self) -> bool {
        self.past.with(Option::is_none)
            && self.sync.session.with(|session| {
                session
                    .as_ref()
                    .is_some_and(|session| session.access >= Access::Facilitator)
            })
    }
}

/// The cartography view.
#[component]
pub fn CartographyView() -> impl IntoView {
    let sync = use_sync();
    let joined = move || sync.session.with(Option::is_some);
    view! {
        <Show
            when=joined
            fallback=|| {
                view! {
                    <EmptyView
                        view=View::Cartography
                        title=move_tr!("view-cartography")
                        lede=move_tr!("cartography-lede")
                        coming=vec![
                            move_tr!("poles-join-hint"),
                            move_tr!("cartography-coming-1"),
                            move_tr!("cartography-coming-2"),
                            move_tr!("cartography-coming-3"),
                            move_tr!("cartography-coming-4"),
                        ]
                    />
                }
            }
        >
            <MapScreen />
        </Show>
    }
}

#[component]
fn MapScreen() -> impl IntoView {
    let map = MapCtx::provide();
    let mode = RwSignal::new(saved_mode());
    let choose = move |chosen: Mode| {
        mode.set(chosen);
        save_mode(chosen);
    };
    let travelling = RwSignal::new(false);
    present::watch_fullscreen(map);
    // `?pole=<id>` (the global search's links) opens that pôle's panel.
    let query = leptos_router::hooks::use_query_map();
    Effect::new(move |_| {
        if let Some(id) = query.with(|q| q.get_str("pole").and_then(|id| id.parse::<Id>().ok())) {
            map.focused.set(Some(id));
            map.selected.set(Some(id));
        }
    });
    view! {
        <section
            class="view cartography"
            class:presenting=move || map.presenting.get()
            data-view=View::Cartography.key()
            aria-labelledby="view-title"
        >
            <div class="map-head">
                <h1 id="view-title">{move_tr!("view-cartography")}</h1>
                <div class="segmented" role="group" aria-label=move_tr!("map-mode")>
                    <button
                        type="button"
                        aria-pressed=move || (mode.get() == Mode::Map).to_string()
                        on:click=move |_| choose(Mode::Map)
                    >
                        {move_tr!("map-mode-map")}
                    </button>
                    <button
                        type="button"
                        aria-pressed=move || (mode.get() == Mode::Outline).to_string()
                        on:click=move |_| choose(Mode::Outline)
                    >
                        {move_tr!("map-mode-outline")}
                    </button>
                </div>
            </div>
            <Toolbar mode=mode travelling=travelling />
            <Show when=move || travelling.get()>
                <timeline::Timeline on_close=move || travelling.set(false) />
            </Show>
            <Show when=move || map.coverage.get()>
                <CoverageLegend />
            </Show>
            <div class="map-stage">
                <Show
                    when=move || mode.get() == Mode::Map
                    fallback=|| view! { <outline::PoleList /> }
                >
                    <map::MapCanvas />
                </Show>
                <panel::PolePanel />
            </div>
        </section>
    }
}

/// Search, zoom, overlays, presentation, export and adding a pôle.
#[component]
fn Toolbar(mode: RwSignal<Mode>, travelling: RwSignal<bool>) -> impl IntoView {
    let map = use_map();
    let on_map = move || mode.get() == Mode::Map;
    let zoom = move |factor: f64| {
        let (width, height) = map.size.get_untracked();
        map.camera.update(|camera| {
            *camera = camera.zoomed_at(factor, width / 2.0, height / 2.0, width, height);
        });
    };
    let adding = RwSignal::new(false);
    let more = RwSignal::new(false);
    view! {
        <div class="map-tools" role="toolbar" aria-label=move_tr!("map-tools")>
            <FlySearch mode=mode />
            <Show when=on_map>
                <button type="button" on:click=move |_| map.fit() title=move_tr!("map-fit-hint")>
                    {move_tr!("map-fit")}
                </button>
                <button type="button" class="icon" on:click=move |_| zoom(1.25) aria-label=move_tr!("map-zoom-in")>
                    "+"
                </button>
                <button type="button" class="icon" on:click=move |_| zoom(0.8) aria-label=move_tr!("map-zoom-out")>
                    "−"
                </button>
            </Show>
            // On phones the other tools fold behind one button, so the map
            // stays on screen.
            <button
                type="button"
                class="tools-toggle"
                aria-expanded=move || more.get().to_string()
                aria-controls="map-tools-more"
                on:click=move |_| more.update(|open| *open = !*open)
            >
                {move_tr!("map-more-tools")}
            </button>
            <div class="tools-more" id="map-tools-more" class:open=move || more.get()>
            <button
                type="button"
                aria-pressed=move || map.coverage.get().to_string()
                on:click=move |_| {
                    map.coverage.update(|on| *on = !*on);
                    map.coverage_filter.set(None);
                }
            >
                {move_tr!("map-functions")}
            </button>
            <button
                type="button"
                aria-pressed=move || travelling.get().to_string()
                on:click=move |_| {
                    let open = !travelling.get_untracked();
                    travelling.set(open);
                    if !open {
                        map.past.set(None);
                    }
                }
            >
                {move_tr!("map-history")}
            </button>
            <Show when=on_map>
                <button type="button" on:click=move |_| present::start(map)>
                    {move_tr!("map-present")}
                </button>
                <export::ExportMenu />
            </Show>
            <Show when=move || map.can_edit()>
                <Show when=on_map>
                    <button
                        type="button"
                        aria-pressed=move || map.arrange.get().to_string()
                        on:click=move |_| map.arrange.update(|on| *on = !*on)
                        title=move_tr!("map-arrange-hint")
                    >
                        {move_tr!("map-arrange")}
                    </button>
                </Show>
                <button type="button" class="primary" on:click=move |_| adding.set(true)>
                    {move_tr!("map-add-pole")}
                </button>
            </Show>
            </div>
        </div>
        <Show when=move || adding.get()>
            <panel::NewPole on_done=move || adding.set(false) />
        </Show>
    }
}

/// A match of the fly-to search: a pôle, or a person and the pôle they serve.
#[derive(Debug, Clone, PartialEq)]
struct Found {
    pole: Id,
    label: String,
}

fn search(state: &State, model: &MapModel, query: &str) -> Vec<Found> {
    let query = archipel_core::fold(query);
    if query.is_empty() {
        return Vec::new();
    }
    let mut found: Vec<Found> = model
        .nodes
        .iter()
        .filter(|node| archipel_core::fold(&node.name).contains(&query))
        .map(|node| Found {
            pole: node.id,
            label: node.name.clone(),
        })
        .collect();
    let today = today();
    for assignment in state.of_kind(archipel_core::Kind::RoleAssignment) {
        if found.len() >= 12 {
            break;
        }
        if assignment.archived || !archipel_core::queries::is_current(assignment, today) {
            continue;
        }
        let (Some(person), Some(pole)) = (
            assignment
                .reference("person")
                .and_then(|id| state.existing(id)),
            assignment.reference("pole"),
        ) else {
            continue;
        };
        let name = person.text("display_name").unwrap_or_default();
        if archipel_core::fold(name).contains(&query)
            && let Some(node) = model.node(pole)
        {
            found.push(Found {
                pole,
                label: format!("{name} — {}", node.name),
            });
        }
    }
    found.truncate(12);
    found
}

/// "Find a pôle or a person": choosing a result flies the map to the pôle and
/// opens it.
#[component]
fn FlySearch(mode: RwSignal<Mode>) -> impl IntoView {
    let map = use_map();
    let sync = use_sync();
    let query = RwSignal::new(String::new());
    let results = Memo::new(move |_| {
        let text = query.get();
        map.model
            .with(|model| sync.view.with(|state| search(state, model, &text)))
    });
    let go = move |found: &Found| {
        query.set(String::new());
        if mode.get_untracked() == Mode::Map {
            let id = found.pole;
            map.focused.set(Some(id));
            map.selected.set(Some(id));
            if let Some(node) = map.model.with_untracked(|model| model.node(id).cloned()) {
                let (width, height) = map.size.get_untracked();
                map.camera.set(Camera::focused_on(
                    node.x, node.y, node.r, 0.35, width, height,
                ));
            }
            map::focus_node(map, id);
        } else {
            map.selected.set(Some(found.pole));
        }
    };
    let on_key = move |event: leptos::ev::KeyboardEvent| {
        if event.key() == "Enter" {
            event.prevent_default();
            if let Some(first) = results.with_untracked(|all| all.first().cloned()) {
                go(&first);
            }
        } else if event.key() == "Escape" {
            query.set(String::new());
        }
    };
    view! {
        <div class="fly-search">
            <label for="map-search" class="visually-hidden">{move_tr!("map-search-label")}</label>
            <input
                id="map-search"
                type="search"
                autocomplete="off"
                placeholder=move_tr!("map-search-label")
                prop:value=move || query.get()
                on:input=move |event| query.set(event_target_value(&event))
                on:keydown=on_key
            />
            <Show when=move || !query.with(String::is_empty)>
                <ul class="fly-results" role="list" aria-live="polite">
                    <For
                        each=move || results.get()
                        key=|found| (found.pole, found.label.clone())
                        let:found
                    >
                        {
                            let label = found.label.clone();
                            view! {
                                <li>
                                    <button type="button" on:click=move |_| go(&found)>
                                        {label}
                                    </button>
                                </li>
                            }
                        }
                    </For>
                    <Show when=move || results.with(Vec::is_empty)>
                        <li class="empty-note">{move_tr!("map-search-none")}</li>
                    </Show>
                </ul>
            </Show>
        </div>
    }
}

/// The functions overlay's legend: each collective function, numbered as on
/// the map, with the pôles serving it; functions no one covers stand out.
#[component]
fn CoverageLegend() -> impl IntoView {
    let map = use_map();
    view! {
        <section class="coverage" aria-labelledby="coverage-title">
            <h2 id="coverage-title">{move_tr!("map-functions-title")}</h2>
            <ol>
                {move || {
                    map.functions
                        .get()
                        .functions
                        .into_iter()
                        .enumerate()
                        .map(|(index, function)| {
                            let count = function.poles.len();
                            let name = function.name.clone();
                            let chosen = name.clone();
                            let pressed = {
                                let name = name.clone();
                                move || {
                                    (map.coverage_filter.get().as_deref() == Some(name.as_str()))
                                        .to_string()
                                }
                            };
                            view! {
                                <li class:uncovered=count == 0>
                                    <button
                                        type="button"
                                        aria-pressed=pressed
                                        on:click=move |_| {
                                            let chosen = chosen.clone();
                                            map.coverage_filter
                                                .update(|filter| {
                                                    *filter = if filter.as_deref() == Some(chosen.as_str()) {
                                                        None
                                                    } else {
                                                        Some(chosen)
                                                    };
                                                });
                                        }
                                    >
                                        <span class="number">{index + 1}</span>
                                        {name}
                                    </button>
                                    <span class="count">
                                        {move || {
                                            if count == 0 {
                                                tr!("map-function-uncovered")
                                            } else {
                                                tr!("map-function-poles", { "count" => count })
                                            }
                                        }}
                                    </span>
                                </li>
                            }
                        })
                        .collect_view()
                }}
            </ol>
        </section>
    }
}
