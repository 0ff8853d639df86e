//! Kit library: versioned how-to kits, readable offline, that turn into checklists.
//!
//! One page per query (so links, the global search and reloads land in
//! place): the library (no parameter), a kit (`?kit=<id>`, an older version
//! with `&version=<id>`), two versions compared (`&comparer=<id>,<id>`), the
//! editor (`&edition` for a new version, `?nouveau` for a new kit), and a run's
//! checklist (`?run=<id>`). Every answer comes from [`archipel_core::kits`];
//! bodies are rendered by [`archipel_core::markdown`], which never lets raw
//! HTML or a `javascript:` link through.

mod attachments;
mod compare;
mod editor;
mod library;
mod reader;
mod run;

use crate::{move_tr, tr};
use archipel_core::{Access, Id, View};
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use crate::sync::{SyncEngine, use_sync};
use crate::ui::EmptyView;

pub use crate::governance::{Problem, date_text, person_name, pole_name, send_all};

/// What every kit page shares.
#[derive(Clone, Copy)]
pub struct Kits {
    /// The sync engine: the collective, edits, files.
    pub sync: SyncEngine,
    /// The person this device acts as, if any.
    pub me: Memo<Option<Id>>,
    /// This device's access level.
    pub access: Memo<Access>,
}

impl Kits {
    /// Whether this device may publish a new version of `kit`.
    #[must_use]
    pub fn may_publish(&self, kit: Id) -> bool {
        let (access, me) = (self.access.get(), self.me.get());
        self.sync
            .view
            .with(|state| archipel_core::kits::may_publish(state, access, me, kit))
    }
}

/// The kits' shared context.
#[must_use]
pub fn use_kits() -> Kits {
    expect_context::<Kits>()
}

/// The address of a kit (its current version), with extra parameters.
#[must_use]
pub fn kit_href(kit: Id, extra: &str) -> String {
    format!("{}?kit={kit}{extra}", View::Kits.path())
}

/// The address of a run's checklist.
#[must_use]
pub fn run_href(run: Id) -> String {
    format!("{}?run={run}", View::Kits.path())
}

/// A kit format in the current language.
#[must_use]
pub fn format_label(format: &str) -> String {
    match format {
        "kit" => tr!("kit-format-kit"),
        "remote_training" => tr!("kit-format-remote"),
        "in_person_training" => tr!("kit-format-in-person"),
        "faq" => tr!("kit-format-faq"),
        _ => tr!("kit-format-other"),
    }
}

/// A language's name in the current language (its code when unknown).
#[must_use]
pub fn language_label(code: &str) -> String {
    match code {
        "fr" => tr!("kit-lang-fr"),
        "en" => tr!("kit-lang-en"),
        "es" => tr!("kit-lang-es"),
        "de" => tr!("kit-lang-de"),
        "it" => tr!("kit-lang-it"),
        other => other.to_owned(),
    }
}

/// An estimated duration as people say it ("45 min", "2 h", "2 h 30").
#[must_use]
pub fn duration_text(minutes: i64) -> String {
    let (hours, rest) = (minutes / 60, minutes % 60);
    match (hours, rest) {
        (0, _) => tr!("kit-minutes", { "minutes" => minutes }),
        (_, 0) => tr!("kit-hours", { "hours" => hours }),
        _ => tr!("kit-hours-minutes", { "hours" => hours, "minutes" => format!("{rest:02}") }),
    }
}

/// The kit library view.
#[component]
pub fn KitsView() -> impl IntoView {
    let sync = use_sync();
    let joined = move || sync.session.with(Option::is_some);
    view! {
        <Show
            when=joined
            fallback=|| {
                view! {
                    <EmptyView
                        view=View::Kits
                        title=move_tr!("view-kits")
                        lede=move_tr!("kits-lede")
                        coming=vec![
                            move_tr!("kits-coming-1"),
                            move_tr!("kits-coming-2"),
                            move_tr!("kits-coming-3"),
                        ]
                    />
                }
            }
        >
            <Pages />
        </Show>
    }
}

/// Which page the address asks for.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Page {
    Library,
    Kit {
        kit: Id,
        version: Option<Id>,
    },
    Compare {
        kit: Id,
        older: Option<Id>,
        newer: Option<Id>,
    },
    Edit(Id),
    New,
    Run(Id),
}

#[component]
fn Pages() -> impl IntoView {
    let sync = use_sync();
    let (me, access) = (sync.person(), sync.access());
    provide_context(Kits { sync, me, access });
    let query = use_query_map();
    let page = Memo::new(move |_| {
        query.with(|q| {
            let id = |key: &str| q.get_str(key).and_then(|value| value.parse::<Id>().ok());
            if let Some(run) = id("run") {
                return Page::Run(run);
            }
            if q.get_str("nouveau").is_some() {
                return Page::New;
            }
            let Some(kit) = id("kit") else {
                return Page::Library;
            };
            if q.get_str("edition").is_some() {
                return Page::Edit(kit);
            }
            if let Some(pair) = q.get_str("comparer") {
                let mut ids = pair.split(',').map(|part| part.parse::<Id>().ok());
                return Page::Compare {
                    kit,
                    older: ids.next().flatten(),
                    newer: ids.next().flatten(),
                };
            }
            Page::Kit {
                kit,
                version: id("version"),
            }
        })
    });
    view! {
        <section class="view kits" data-view=View::Kits.key() aria-labelledby="view-title">
            {move || match page.get() {
                Page::Library => library::Library().into_any(),
                Page::Kit { kit, version } => view! { <reader::KitPage kit=kit version=version /> }.into_any(),
                Page::Compare { kit, older, newer } => {
                    view! { <compare::ComparePage kit=kit older=older newer=newer /> }.into_any()
                }
                Page::Edit(kit) => view! { <editor::Editor kit=Some(kit) /> }.into_any(),
                Page::New => view! { <editor::Editor kit=None /> }.into_any(),
                Page::Run(run) => view! { <run::RunPage run=run /> }.into_any(),
            }}
        </section>
    }
}

/// "Back to the library" / "back to the kit" link.
#[component]
pub fn Back(
    /// Where the link goes.
    href: String,
    /// What it says.
    label: Signal<String>,
) -> impl IntoView {
    view! {
        <p class="back no-print">
            <a href=href>{"← "}{label}</a>
        </p>
    }
}
