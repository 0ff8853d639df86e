//! The frame around every view: top bar (name, network status, language),
//! navigation (a bottom bar on phones, a side bar on wide screens) and routes.

use crate::i18n::I18n;
use crate::move_tr;
use archipel_core::View;
use leptos::prelude::*;
use leptos_router::StaticSegment;
use leptos_router::components::{A, Redirect, Route, Router, Routes};
use wasm_bindgen::JsCast;

use crate::cartography::CartographyView;
use crate::governance::GovernanceView;
use crate::i18n::I18nProvider;
use crate::join::JoinView;
use crate::kits::KitsView;
use crate::search::SearchBox;
use crate::settings::SettingsView;
use crate::sync::SyncEngine;
use crate::territory::TerritoryView;
use crate::ui::{NetworkStatus, SyncBadge};

/// The whole app.
#[component]
pub fn App() -> impl IntoView {
    SyncEngine::provide();
    crate::pwa::Pwa::provide();
    view! {
        <I18nProvider>
            <Router>
                <SkipLink />
                <div class="shell">
                    <TopBar />
                    <UpdateBanner />
                    <Navigation />
                    <main id="main" tabindex="-1">
                        <Routes fallback=NotFound>
                            <Route
                                path=StaticSegment("")
                                view=|| view! { <Redirect path=View::Cartography.path() /> }
                            />
                            <Route path=segment(View::Cartography) view=CartographyView />
                            <Route path=segment(View::Governance) view=GovernanceView />
                            <Route path=segment(View::Kits) view=KitsView />
                            <Route path=segment(View::Territory) view=TerritoryView />
                            <Route path=segment(View::Settings) view=SettingsView />
                            <Route
                                path=StaticSegment(crate::join::JOIN_PATH.trim_start_matches('/'))
                                view=JoinView
                            />
                        </Routes>
                    </main>
                </div>
            </Router>
        </I18nProvider>
    }
}

/// A link, first in the tab order, that moves keyboard focus to the content.
#[component]
fn SkipLink() -> impl IntoView {
    let to_content = |event: leptos::ev::MouseEvent| {
        // The router would treat `#main` as a navigation; focus the content instead.
        event.prevent_default();
        if let Some(main) = document()
            .get_element_by_id("main")
            .and_then(|main| main.dyn_into::<web_sys::HtmlElement>().ok())
        {
            let _ = main.focus();
        }
    };
    view! {
        <a class="skip-link" href="#main" on:click=to_content>
            {move_tr!("skip-to-content")}
        </a>
    }
}

/// The router segment of a view: its path without the leading slash.
fn segment(view: View) -> StaticSegment<&'static str> {
    StaticSegment(view.path().trim_start_matches('/'))
}

/// Offers the new version once it is installed; never reloads by itself.
#[component]
fn UpdateBanner() -> impl IntoView {
    let pwa = crate::pwa::use_pwa();
    view! {
        <Show when=move || pwa.update_ready.get()>
            <div class="update-banner" role="status">
                <span>{move_tr!("update-ready")}</span>
                <button type="button" class="primary" on:click=move |_| pwa.apply_update()>
                    {move_tr!("update-reload")}
                </button>
            </div>
        </Show>
    }
}

#[component]
fn TopBar() -> impl IntoView {
    view! {
        <header class="topbar">
            <a class="brand" href=View::Cartography.path()>
                <Logo />
                <span>{move_tr!("app-name")}</span>
            </a>
            <SearchBox />
            <NetworkStatus />
            <SyncBadge />
            <LanguageToggle />
        </header>
    }
}

/// One button that switches to the other language, named in that language.
#[component]
fn LanguageToggle() -> impl IntoView {
    let i18n = expect_context::<I18n>();
    let other = move || {
        i18n.languages
            .iter()
            .copied()
            .find(|language| i18n.language.get() != *language)
    };
    view! {
        <button
            type="button"
            class="language-toggle"
            lang=move || other().map(|language| language.code)
            on:click=move |_| {
                if let Some(language) = other() {
                    i18n.language.set(language);
                }
            }
        >
            {move || other().map(|language| language.name)}
        </button>
    }
}

#[component]
fn Navigation() -> impl IntoView {
    view! {
        <nav class="navigation" aria-label=move_tr!("nav-label")>
            <ul>
                {View::ALL
                    .into_iter()
                    .map(|view| {
                        view! {
                            <li>
                                <A href=view.path() attr:data-view=view.key()>
                                    <ViewIcon view=view />
                                    <span class="label">{view_name(view)}</span>
                                </A>
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
            <p class="tagline">{move_tr!("app-tagline")}</p>
        </nav>
    }
}

/// The translated name of a view.
pub fn view_name(view: View) -> Signal<String> {
    match view {
        View::Cartography => move_tr!("view-cartography"),
        View::Governance => move_tr!("view-governance"),
        View::Kits => move_tr!("view-kits"),
        View::Territory => move_tr!("view-territory"),
        View::Settings => move_tr!("view-settings"),
    }
}

#[component]
fn NotFound() -> impl IntoView {
    view! {
        <section class="view" aria-labelledby="view-title">
            <h1 id="view-title">{move_tr!("not-found-title")}</h1>
            <p class="lede">{move_tr!("not-found-text")}</p>
            <p>
                <A href=View::Cartography.path()>{move_tr!("not-found-back")}</A>
            </p>
        </section>
    }
}

#[component]
fn Logo() -> impl IntoView {
    view! {
        <svg class="logo" viewBox="0 0 32 32" aria-hidden="true" focusable="false">
            <circle cx="16" cy="16" r="5" />
            <circle cx="6" cy="8" r="3" />
            <circle cx="26" cy="9" r="3.5" />
            <circle cx="24" cy="25" r="3" />
            <circle cx="7" cy="24" r="2.5" />
        </svg>
    }
}

/// A simple line icon per view (decorative: the label says the same).
#[component]
fn ViewIcon(view: View) -> impl IntoView {
    let path = match view {
        // Circles around a centre.
        View::Cartography => {
            "M12 9a3 3 0 1 0 0 6a3 3 0 1 0 0-6M5 3.5a2 2 0 1 0 0 4a2 2 0 1 0 0-4M19 3.5a2 2 0 1 0 0 4a2 2 0 1 0 0-4M12 18a2 2 0 1 0 0 4a2 2 0 1 0 0-4M7 6.5l2.8 3.6M17 6.5l-2.8 3.6M12 15v3"
        }
        // People around a table.
        View::Governance => {
            "M4 14h16M6 14v6M18 14v6M8 6a2 2 0 1 0 4 0a2 2 0 1 0-4 0M13 7a2 2 0 1 0 4 0a2 2 0 1 0-4 0M6 12c0-2 2-3 4-3s3 1 3 1M12 12c0-1.5 1.5-2.5 3-2.5s3 1 3 2.5"
        }
        // An open book.
        View::Kits => "M3 5c3-1 6-1 9 1c3-2 6-2 9-1v14c-3-1-6-1-9 1c-3-2-6-2-9-1zM12 6v14",
        // A map pin.
        View::Territory => {
            "M12 21s-7-6.5-7-11.5a7 7 0 0 1 14 0C19 14.5 12 21 12 21zM12 7a2.5 2.5 0 1 0 0 5a2.5 2.5 0 1 0 0-5"
        }
        // Sliders.
        View::Settings => "M4 6h10M18 6h2M4 12h4M12 12h8M4 18h12M20 18h0M16 4v4M10 10v4M18 16v4",
    };
    view! {
        <svg class="icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
            <path d=path />
        </svg>
    }
}
