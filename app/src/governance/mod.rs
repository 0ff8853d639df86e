//! Governance board: roles and vacancies, recruitment, the task pool, people
//! (skills, availability, arrivals and departures), meetings, decisions.
//!
//! One tab per part, chosen by the `vue` query parameter so that a link
//! (the map's "link to the need" of a vacancy: `?pole=…&role=…`) opens the
//! right place. Every answer comes from [`archipel_core::queries`] and
//! [`archipel_core::governance`]; this module only displays them and sends
//! the changes they return. Guests see none of it.

mod console;
mod decisions;
mod meetings;
mod meetings_agenda;
mod people;
mod people_moves;
mod people_page;
mod recruitment;
mod roles;
mod tasks;

use crate::{move_tr, tr};
use archipel_core::{Access, Change, Date, Id, Kind, Refusal, State, View};
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use crate::sync::{SyncEngine, use_sync};
use crate::ui::EmptyView;

pub use crate::cartography::panel::role_label;

/// The parts of the board.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tab {
    /// Roles per pôle, health, vacancies.
    Roles,
    /// Needs, offers of help, matches.
    Recruitment,
    /// The task pool.
    Tasks,
    /// Skills, people's pages, availability, arrivals and departures.
    People,
    /// Meetings and the facilitator's console.
    Meetings,
    /// The decisions log.
    Decisions,
}

impl Tab {
    /// Every tab, in the order shown.
    pub const ALL: [Tab; 6] = [
        Tab::Roles,
        Tab::Recruitment,
        Tab::Tasks,
        Tab::People,
        Tab::Meetings,
        Tab::Decisions,
    ];

    /// Its value in the `vue` query parameter (French: it shows in the address).
    #[must_use]
    pub const fn key(self) -> &'static str {
        match self {
            Tab::Roles => "roles",
            Tab::Recruitment => "besoins",
            Tab::Tasks => "taches",
            Tab::People => "personnes",
            Tab::Meetings => "reunions",
            Tab::Decisions => "decisions",
        }
    }

    fn from_key(key: &str) -> Option<Tab> {
        Tab::ALL.into_iter().find(|tab| tab.key() == key)
    }

    fn label(self) -> String {
        match self {
            Tab::Roles => tr!("gov-tab-roles"),
            Tab::Recruitment => tr!("gov-tab-recruitment"),
            Tab::Tasks => tr!("gov-tab-tasks"),
            Tab::People => tr!("gov-tab-people"),
            Tab::Meetings => tr!("gov-tab-meetings"),
            Tab::Decisions => tr!("gov-tab-decisions"),
        }
    }
}

/// The address of a tab, with extra query parameters.
#[must_use]
pub fn tab_href(tab: Tab, extra: &[(&str, String)]) -> String {
    let mut href = format!("{}?vue={}", View::Governance.path(), tab.key());
    for (key, value) in extra {
        href.push('&');
        href.push_str(key);
        href.push('=');
        href.push_str(
            &js_sys::encode_uri_component(value)
                .as_string()
                .unwrap_or_default(),
        );
    }
    href
}

/// What every tab shares.
#[derive(Clone, Copy)]
pub struct Gov {
    /// The sync engine: the collective, edits, the session.
    pub sync: SyncEngine,
    /// The person this device acts as, if any.
    pub me: Memo<Option<Id>>,
    /// This device's access level.
    pub access: Memo<Access>,
}

impl Gov {
    /// Facilitators and admins run meetings and assign roles.
    #[must_use]
    pub fn facilitates(&self) -> bool {
        self.access.get() >= Access::Facilitator
    }
}

/// Today on this device.
#[must_use]
pub fn today() -> Date {
    crate::cartography::today()
}

/// Now on this device, in milliseconds since the Unix epoch.
#[must_use]
pub fn now() -> i64 {
    js_sys::Date::now() as i64
}

/// A person's display name, or a placeholder when unknown.
#[must_use]
pub fn person_name(state: &State, id: Id) -> String {
    state
        .record(id)
        .and_then(|record| record.text("display_name"))
        .map_or_else(|| tr!("gov-someone"), str::to_owned)
}

/// A pôle's name, or a placeholder when unknown.
#[must_use]
pub fn pole_name(state: &State, id: Id) -> String {
    state
        .record(id)
        .and_then(|record| record.text("name"))
        .map_or_else(|| tr!("gov-unknown-pole"), str::to_owned)
}

/// People who may be chosen (live, not gone), by name.
#[must_use]
pub fn people_choices(state: &State) -> Vec<(Id, String)> {
    let mut people: Vec<(Id, String)> = state
        .of_kind(Kind::Person)
        .filter(|person| person.is_live() && person.text("status") != Some("left"))
        .map(|person| {
            (
                person.id,
                person.text("display_name").unwrap_or_default().to_owned(),
            )
        })
        .collect();
    archipel_core::sort::sort_by_cached_key(&mut people, |(id, name)| {
        (archipel_core::fold(name), *id)
    });
    people
}

/// Pôles that may be chosen (live, not archived), by name.
#[must_use]
pub fn pole_choices(state: &State) -> Vec<(Id, String)> {
    let mut poles: Vec<(Id, String)> = state
        .of_kind(Kind::Pole)
        .filter(|pole| pole.is_live() && pole.text("status") != Some("archived"))
        .map(|pole| (pole.id, pole.text("name").unwrap_or_default().to_owned()))
        .collect();
    archipel_core::sort::sort_by_cached_key(&mut poles, |(id, name)| {
        (archipel_core::fold(name), *id)
    });
    poles
}

/// `<option>`s for a list of choices, `selected` preselected.
pub fn options(choices: Vec<(Id, String)>, selected: Option<Id>) -> impl IntoView {
    choices
        .into_iter()
        .map(|(id, name)| {
            view! { <option value=id.to_string() selected=Some(id) == selected>{name}</option> }
        })
        .collect_view()
}

/// Sends `changes` one after the other; the first refusal stops and is
/// shown in `problem` (what was sent before it stays, as the user would
/// expect of taps made one by one); success runs `done`.
pub fn send_all(
    sync: SyncEngine,
    changes: Vec<Change>,
    problem: RwSignal<Option<String>>,
    done: impl FnOnce() + 'static,
) {
    leptos::task::spawn_local(async move {
        for change in changes {
            if let Err(refusal) = sync.edit(change).await {
                problem.set(Some(refusal_text(&refusal)));
                return;
            }
        }
        problem.set(None);
        done();
    });
}

/// A refusal in the current language.
#[must_use]
pub fn refusal_text(refusal: &Refusal) -> String {
    crate::i18n::refusal_text(refusal)
}

/// A refusal or error message, announced.
#[component]
pub fn Problem(
    /// The message, when there is one.
    problem: RwSignal<Option<String>>,
) -> impl IntoView {
    move || {
        problem
            .get()
            .map(|text| view! { <p class="problem" role="alert">{text}</p> })
    }
}

/// "3 h/semaine"-style hours, or nothing.
#[must_use]
pub fn hours_text(hours: Option<i64>) -> Option<String> {
    hours.map(|hours| tr!("gov-hours-per-week", { "hours" => hours }))
}

/// A date as people read it (`22/11/2026` in French, `2026-11-22` in English).
#[must_use]
pub fn date_text(date: Date) -> String {
    let (year, month, day) = date.ymd();
    if crate::i18n::is_french() {
        format!("{day:02}/{month:02}/{year}")
    } else {
        format!("{year}-{month:02}-{day:02}")
    }
}

/// The governance view.
#[component]
pub fn GovernanceView() -> impl IntoView {
    let sync = use_sync();
    let joined = move || sync.session.with(Option::is_some);
    view! {
        <Show
            when=joined
            fallback=|| {
                view! {
                    <EmptyView
                        view=View::Governance
                        title=move_tr!("view-governance")
                        lede=move_tr!("governance-lede")
                        coming=vec![
                            move_tr!("governance-coming-1"),
                            move_tr!("governance-coming-2"),
                            move_tr!("governance-coming-3"),
                            move_tr!("governance-coming-4"),
                        ]
                    />
                }
            }
        >
            <Board />
        </Show>
    }
}

#[component]
fn Board() -> impl IntoView {
    let sync = use_sync();
    let (me, access) = (sync.person(), sync.access());
    let gov = Gov { sync, me, access };
    provide_context(gov);
    let query = use_query_map();
    let tab = Memo::new(move |_| {
        query.with(|q| {
            q.get_str("vue")
                .and_then(Tab::from_key)
                // The map panel's links name a pôle and a role (a vacancy) or a decision.
                .or_else(|| q.get_str("decision").map(|_| Tab::Decisions))
                .or_else(|| q.get_str("role").map(|_| Tab::Roles))
                .unwrap_or(Tab::Roles)
        })
    });
    view! {
        <section class="view governance" data-view=View::Governance.key() aria-labelledby="view-title">
            <h1 id="view-title">{move_tr!("view-governance")}</h1>
            <Show
                when=move || { access.get() >= Access::Member }
                fallback=|| view! { <p class="lede">{move_tr!("gov-guests")}</p> }
            >
                <nav class="tabs" aria-label=move_tr!("gov-sections")>
                    <ul>
                        {Tab::ALL
                            .into_iter()
                            .map(|each| {
                                view! {
                                    <li>
                                        <a
                                            href=tab_href(each, &[])
                                            data-tab=each.key()
                                            aria-current=move || (tab.get() == each).then_some("page")
                                        >
                                            {move || each.label()}
                                        </a>
                                    </li>
                                }
                            })
                            .collect_view()}
                    </ul>
                </nav>
                {move || match tab.get() {
                    Tab::Roles => view! { <roles::RolesTab /> }.into_any(),
                    Tab::Recruitment => view! { <recruitment::RecruitmentTab /> }.into_any(),
                    Tab::Tasks => view! { <tasks::TasksTab /> }.into_any(),
                    Tab::People => view! { <people::PeopleTab /> }.into_any(),
                    Tab::Meetings => view! { <meetings::MeetingsTab /> }.into_any(),
                    Tab::Decisions => view! { <decisions::DecisionsTab /> }.into_any(),
                }}
            </Show>
        </section>
    }
}

/// The board's shared context.
#[must_use]
pub fn use_gov() -> Gov {
    expect_context::<Gov>()
}
