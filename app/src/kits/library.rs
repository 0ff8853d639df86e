//! The library: every kit as a card (title, summary, version, format,
//! audience, estimated duration), filtered by theme, audience, format, pôle in
//! charge and language.

use crate::move_tr;
use archipel_core::kits::{self, KitFilter};
use archipel_core::{Access, Id, Value, View};
use leptos::prelude::*;

use super::{duration_text, format_label, kit_href, language_label, pole_name, use_kits};

/// One kit as a card shows it.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
struct Card {
    id: Id,
    title: String,
    summary: String,
    number: i64,
    format: Option<String>,
    audience: Option<String>,
    duration: Option<i64>,
    pole: Option<String>,
    language: Option<String>,
    tags: Vec<String>,
}

/// A filter menu: its label, its choices (value, label) and the chosen value.
#[component]
fn Choice(
    label: Signal<String>,
    choices: Signal<Vec<(String, String)>>,
    chosen: RwSignal<String>,
    #[prop(into)] name: String,
) -> impl IntoView {
    view! {
        <label>
            {label}
            <select
                name=name
                on:change=move |event| chosen.set(event_target_value(&event))
                prop:value=move || chosen.get()
            >
                <option value="">{move_tr!("kit-any")}</option>
                {move || {
                    choices
                        .get()
                        .into_iter()
                        .map(|(value, text)| view! { <option value=value>{text}</option> })
                        .collect_view()
                }}
            </select>
        </label>
    }
}

/// The library page.
#[component]
pub fn Library() -> impl IntoView {
    let kits_ctx = use_kits();
    let sync = kits_ctx.sync;
    let tag = RwSignal::new(String::new());
    let audience = RwSignal::new(String::new());
    let format = RwSignal::new(String::new());
    let pole = RwSignal::new(String::new());
    let language = RwSignal::new(String::new());
    let facets = Memo::new(move |_| sync.view.with(kits::facets));
    let same = |values: Vec<String>| -> Vec<(String, String)> {
        values
            .into_iter()
            .map(|value| (value.clone(), value))
            .collect()
    };
    let tags = Signal::derive(move || same(facets.with(|f| f.tags.clone())));
    let audiences = Signal::derive(move || same(facets.with(|f| f.audiences.clone())));
    let formats = Signal::derive(move || {
        facets.with(|f| {
            f.formats
                .iter()
                .map(|value| (value.clone(), format_label(value)))
                .collect()
        })
    });
    let languages = Signal::derive(move || {
        facets.with(|f| {
            f.languages
                .iter()
                .map(|value| (value.clone(), language_label(value)))
                .collect()
        })
    });
    let poles = Signal::derive(move || {
        let ids = facets.with(|f| f.poles.clone());
        sync.view.with(|state| {
            ids.into_iter()
                .map(|id| (id.to_string(), pole_name(state, id)))
                .collect()
        })
    });
    let cards = Memo::new(move |_| {
        let chosen = |value: String| (!value.is_empty()).then_some(value);
        let filter = KitFilter {
            tag: chosen(tag.get()),
            audience: chosen(audience.get()),
            format: chosen(format.get()),
            pole: pole.get().parse::<Id>().ok(),
            language: chosen(language.get()),
        };
        sync.view.with(|state| {
            kits::library(state, &filter)
                .into_iter()
                .map(|card| Card {
                    id: card.kit.id,
                    title: card.kit.text("title").unwrap_or_default().to_owned(),
                    summary: card.kit.text("summary").unwrap_or_default().to_owned(),
                    number: card.number(),
                    format: card.text("format").map(str::to_owned),
                    audience: card.text("audience").map(str::to_owned),
                    duration: card
                        .version
                        .and_then(|version| version.get("duration_minutes").as_int()),
                    pole: card.pole().map(|pole| pole_name(state, pole)),
                    language: card.text("language").map(str::to_owned),
                    tags: match card.version.map(|version| version.get("tags")) {
                        Some(Value::Set(tags)) => tags.iter().cloned().collect(),
                        _ => Vec::new(),
                    },
                })
                .collect::<Vec<Card>>()
        })
    });
    let facilitates = move || kits_ctx.access.get() >= Access::Facilitator;
    view! {
        <h1 id="view-title">{move_tr!("view-kits")}</h1>
        <p class="lede">{move_tr!("kits-lede")}</p>
        <Show when=facilitates>
            <p>
                <a class="button primary" href=format!("{}?nouveau", View::Kits.path())>
                    {move_tr!("kit-new")}
                </a>
            </p>
        </Show>
        <form class="kit-filters" role="search" aria-label=move_tr!("kit-filters") on:submit=|event| event.prevent_default()>
            <Choice label=move_tr!("kit-filter-tag") choices=tags chosen=tag name="theme" />
            <Choice label=move_tr!("kit-filter-audience") choices=audiences chosen=audience name="public" />
            <Choice label=move_tr!("kit-filter-format") choices=formats chosen=format name="format" />
            <Choice label=move_tr!("kit-filter-pole") choices=poles chosen=pole name="pole" />
            <Choice label=move_tr!("kit-filter-language") choices=languages chosen=language name="langue" />
        </form>
        <p class="kit-count" role="status">
            {move || crate::tr!("kit-count", { "count" => cards.with(Vec::len) })}
        </p>
        <ul class="kit-cards">
            <For each=move || cards.get() key=|card| card.clone() let:card>
                <li>
                    <article class="kit-card" aria-labelledby=format!("kit-card-{}", card.id)>
                        <h2 id=format!("kit-card-{}", card.id)>
                            <a href=kit_href(card.id, "")>{card.title.clone()}</a>
                        </h2>
                        {(!card.summary.is_empty()).then(|| view! { <p class="summary">{card.summary.clone()}</p> })}
                        <dl class="kit-meta">
                            <div>
                                <dt>{move_tr!("kit-version")}</dt>
                                <dd>{format!("v{}", card.number)}</dd>
                            </div>
                            {card.format.clone().map(|chosen: String| view! {
                                <div><dt>{move_tr!("kit-filter-format")}</dt><dd>{move || format_label(&chosen)}</dd></div>
                            })}
                            {card.audience.clone().map(|audience| view! {
                                <div><dt>{move_tr!("kit-filter-audience")}</dt><dd>{audience}</dd></div>
                            })}
                            {card.duration.map(|minutes| view! {
                                <div><dt>{move_tr!("kit-duration")}</dt><dd>{move || duration_text(minutes)}</dd></div>
                            })}
                            {card.pole.clone().map(|pole| view! {
                                <div><dt>{move_tr!("kit-filter-pole")}</dt><dd>{pole}</dd></div>
                            })}
                            {card.language.clone().map(|code: String| view! {
                                <div><dt>{move_tr!("kit-filter-language")}</dt><dd>{move || language_label(&code)}</dd></div>
                            })}
                        </dl>
                        {(!card.tags.is_empty()).then(|| view! {
                            <ul class="tags" aria-label=move_tr!("kit-filter-tag")>
                                {card.tags.iter().map(|tag| view! { <li>{tag.clone()}</li> }).collect_view()}
                            </ul>
                        })}
                    </article>
                </li>
            </For>
        </ul>
        <Show when=move || cards.with(Vec::is_empty)>
            <p class="empty-note">{move_tr!("kit-none")}</p>
        </Show>
    }
}
