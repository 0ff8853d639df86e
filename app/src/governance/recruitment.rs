//! The Needs tab: open needs with the people the core suggests for each
//! (and why), accepting a match with a tutor; members' offers of help.

use crate::{move_tr, tr};
use archipel_core::governance::accept_match;
use archipel_core::queries::{Suggestion, match_needs};
use archipel_core::schema::ROLES;
use archipel_core::{Change, Id, Kind, State, Value};
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use super::{
    Problem, Tab, hours_text, options, people_choices, person_name, pole_choices, pole_name,
    role_label, send_all, tab_href, today, use_gov,
};
use crate::sync::new_id;

/// How many people are suggested per need.
const SUGGESTIONS: usize = 5;

/// Splits "a, b; c" into trimmed, non-empty skills.
fn skills_from(text: &str) -> Value {
    Value::set(
        text.split([',', ';'])
            .map(str::trim)
            .filter(|skill| !skill.is_empty())
            .map(str::to_owned),
    )
}

fn skills_text(value: &Value) -> String {
    value
        .as_set()
        .map(|skills| skills.iter().cloned().collect::<Vec<_>>().join(", "))
        .unwrap_or_default()
}

/// One open need as the tab shows it.
#[derive(Debug, Clone, PartialEq)]
struct NeedCard {
    need: Id,
    title: String,
    pole: Option<Id>,
    pole_name: String,
    role: Option<String>,
    skills: String,
    hours: Option<i64>,
    description: String,
    suggestions: Vec<(Suggestion, String)>,
}

fn need_cards(state: &State) -> Vec<NeedCard> {
    let mut cards: Vec<NeedCard> = match_needs(state, today(), SUGGESTIONS)
        .into_iter()
        .filter_map(|matches| {
            let need = state.existing(matches.need)?;
            Some(NeedCard {
                need: matches.need,
                title: need.text("title").unwrap_or_default().to_owned(),
                pole: matches.pole,
                pole_name: matches
                    .pole
                    .map(|p| pole_name(state, p))
                    .unwrap_or_default(),
                role: need.text("role").map(str::to_owned),
                skills: skills_text(need.get("skills")),
                hours: need.get("hours_per_week").as_int(),
                description: need.text("description").unwrap_or_default().to_owned(),
                suggestions: matches
                    .suggestions
                    .into_iter()
                    .map(|s| {
                        let name = person_name(state, s.person);
                        (s, name)
                    })
                    .collect(),
            })
        })
        .collect();
    // Newest needs first: a need just published is at the top.
    cards.reverse();
    cards
}

/// Why someone is suggested: "2 of 3 skills · 2 h/week (1 h asked)".
fn explanation(suggestion: &Suggestion) -> String {
    let skills = if suggestion.wanted_skills == 0 {
        tr!("gov-match-offered")
    } else {
        tr!("gov-match-skills", {
            "matched" => suggestion.matched_skills.len(),
            "wanted" => suggestion.wanted_skills,
            "names" => suggestion.matched_skills.join(", "),
        })
    };
    let hours = match (suggestion.hours_per_week, suggestion.needed_hours) {
        (Some(offered), Some(needed)) => {
            tr!("gov-match-hours-asked", { "hours" => offered, "needed" => needed })
        }
        (Some(offered), None) => tr!("gov-hours-per-week", { "hours" => offered }),
        (None, Some(_)) => tr!("gov-match-no-hours"),
        (None, None) => String::new(),
    };
    if hours.is_empty() {
        skills
    } else {
        format!("{skills} · {hours}")
    }
}

/// The Needs tab.
#[component]
pub fn RecruitmentTab() -> impl IntoView {
    let gov = use_gov();
    let query = use_query_map();
    let wanted = Memo::new(move |_| {
        query.with(|q| q.get_str("besoin").and_then(|id| id.parse::<Id>().ok()))
    });
    let needs = Memo::new(move |_| gov.sync.view.with(need_cards));
    let creating = RwSignal::new(false);
    view! {
        <section class="gov-recruitment" aria-labelledby="gov-needs-title">
            <Show when=move || gov.me.get().is_some()>
                <OfferForm />
                <MyOffers />
            </Show>
            <h2 id="gov-needs-title">{move_tr!("gov-needs-title")}</h2>
            <Show when=move || gov.facilitates()>
                <button
                    type="button"
                    class="small"
                    aria-expanded=move || creating.get().to_string()
                    on:click=move |_| creating.update(|open| *open = !*open)
                >
                    {move_tr!("gov-need-new")}
                </button>
                <Show when=move || creating.get()>
                    <NeedForm need=None on_done=move || creating.set(false) />
                </Show>
            </Show>
            <Show
                when=move || !needs.with(Vec::is_empty)
                fallback=|| view! { <p class="hint">{move_tr!("gov-needs-none")}</p> }
            >
                <ul class="gov-list needs">
                    <For each=move || needs.get() key=|card| format!("{card:?}") let:card>
                        <NeedView card=card wanted=wanted />
                    </For>
                </ul>
            </Show>
            <OpenOffers />
        </section>
    }
}

#[component]
fn NeedView(card: NeedCard, wanted: Memo<Option<Id>>) -> impl IntoView {
    let gov = use_gov();
    let need = card.need;
    let problem = RwSignal::new(None::<String>);
    let editing = RwSignal::new(false);
    let heading = format!("need-{need}");
    let labelled_by = heading.clone();
    let cancel = move |_| {
        let version = gov
            .sync
            .view
            .with_untracked(|state| state.existing(need).map_or(0, |r| r.version_of("status")));
        send_all(
            gov.sync,
            vec![Change::set(
                need,
                "status",
                Value::text("cancelled"),
                version,
            )],
            problem,
            || {},
        );
    };
    let meta = {
        let mut parts = vec![card.pole_name.clone()];
        if let Some(role) = &card.role {
            parts.push(role_label(role));
        }
        if let Some(hours) = hours_text(card.hours) {
            parts.push(hours);
        }
        parts.retain(|part| !part.is_empty());
        parts.join(" · ")
    };
    let skills = card.skills.clone();
    view! {
        <li class="card need" class:highlight=move || wanted.get() == Some(need) aria-labelledby=labelled_by>
            <h3 id=heading>{card.title.clone()}</h3>
            <p class="gov-meta">{meta}</p>
            {(!skills.is_empty())
                .then(|| view! { <p>{move_tr!("gov-need-skills", { "skills" => skills.clone() })}</p> })}
            {(!card.description.is_empty()).then(|| view! { <p class="description">{card.description.clone()}</p> })}
            <h4>{move_tr!("gov-suggestions")}</h4>
            {if card.suggestions.is_empty() {
                view! { <p class="hint">{move_tr!("gov-suggestions-none")}</p> }.into_any()
            } else {
                view! {
                    <ul class="suggestions">
                        {card
                            .suggestions
                            .into_iter()
                            .map(|(suggestion, name)| view! { <SuggestionView need=need suggestion=suggestion name=name problem=problem /> })
                            .collect_view()}
                    </ul>
                }
                    .into_any()
            }}
            <Problem problem=problem />
            <Show when=move || gov.facilitates()>
                <div class="row">
                    <button
                        type="button"
                        class="small quiet"
                        aria-expanded=move || editing.get().to_string()
                        on:click=move |_| editing.update(|open| *open = !*open)
                    >
                        {move_tr!("gov-need-edit")}
                    </button>
                    <button type="button" class="small quiet" on:click=cancel>{move_tr!("gov-need-cancel")}</button>
                </div>
                <Show when=move || editing.get()>
                    <NeedForm need=Some(need) on_done=move || editing.set(false) />
                </Show>
            </Show>
        </li>
    }
}

#[component]
fn SuggestionView(
    need: Id,
    suggestion: Suggestion,
    name: String,
    problem: RwSignal<Option<String>>,
) -> impl IntoView {
    let gov = use_gov();
    let person = suggestion.person;
    let offer = suggestion.offer;
    let why = explanation(&suggestion);
    let accepting = RwSignal::new(false);
    let tutor = RwSignal::new(String::new());
    let tutors: Vec<(Id, String)> = gov
        .sync
        .view
        .with_untracked(people_choices)
        .into_iter()
        .filter(|(id, _)| *id != person)
        .collect();
    let accept = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        let tutor = tutor.get_untracked().parse::<Id>().ok();
        let changes = gov.sync.view.with_untracked(|state| {
            accept_match(state, need, person, offer, tutor, new_id(), today())
        });
        match changes {
            Ok(changes) => send_all(gov.sync, changes, problem, move || accepting.set(false)),
            Err(_) => problem.set(Some(tr!("gov-accept-failed"))),
        }
    };
    let label = name.clone();
    view! {
        <li class="suggestion">
            <a href=tab_href(Tab::People, &[("personne", person.to_string())])>{name.clone()}</a>
            {offer.is_some().then(|| view! { <span class="badge ok">{move_tr!("gov-offered-help")}</span> })}
            <span class="gov-meta">" " {why}</span>
            <Show when=move || gov.facilitates()>
                <button
                    type="button"
                    class="small primary"
                    aria-expanded=move || accepting.get().to_string()
                    aria-label={
                        let label = label.clone();
                        move || tr!("gov-accept-named", { "name" => label.clone() })
                    }
                    on:click=move |_| accepting.update(|open| *open = !*open)
                >
                    {move_tr!("gov-accept")}
                </button>
            </Show>
            <Show when=move || accepting.get()>
                <form class="gov-form accept" on:submit=accept>
                    <label>
                        {move_tr!("gov-tutor")}
                        <select on:change=move |e| tutor.set(event_target_value(&e))>
                            <option value="">{move_tr!("gov-no-tutor")}</option>
                            {options(tutors.clone(), None)}
                        </select>
                    </label>
                    <button type="submit" class="primary">{move_tr!("gov-accept-confirm")}</button>
                </form>
            </Show>
        </li>
    }
}

/// Creates a need, or edits `need`.
#[component]
fn NeedForm(need: Option<Id>, on_done: impl Fn() + Copy + Send + Sync + 'static) -> impl IntoView {
    let gov = use_gov();
    let problem = RwSignal::new(None::<String>);
    let (title0, pole0, role0, skills0, hours0, description0) =
        gov.sync.view.with_untracked(|state| {
            need.and_then(|id| state.existing(id)).map_or_else(
                || {
                    (
                        String::new(),
                        None,
                        String::new(),
                        String::new(),
                        String::new(),
                        String::new(),
                    )
                },
                |record| {
                    (
                        record.text("title").unwrap_or_default().to_owned(),
                        record.reference("pole"),
                        record.text("role").unwrap_or_default().to_owned(),
                        skills_text(record.get("skills")),
                        record
                            .get("hours_per_week")
                            .as_int()
                            .map(|h| h.to_string())
                            .unwrap_or_default(),
                        record.text("description").unwrap_or_default().to_owned(),
                    )
                },
            )
        });
    let title = RwSignal::new(title0);
    let pole = RwSignal::new(pole0.map(|p| p.to_string()).unwrap_or_default());
    let role = RwSignal::new(role0);
    let skills = RwSignal::new(skills0);
    let hours = RwSignal::new(hours0);
    let description = RwSignal::new(description0);
    let poles = gov.sync.view.with_untracked(pole_choices);
    let save = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        let Ok(pole_id) = pole.get_untracked().parse::<Id>() else {
            problem.set(Some(tr!("gov-choose-pole")));
            return;
        };
        let hours_value = match hours.get_untracked().trim() {
            "" => Value::Null,
            text => match text.parse::<i64>() {
                Ok(hours) => Value::Int(hours),
                Err(_) => {
                    problem.set(Some(tr!("gov-hours-invalid")));
                    return;
                }
            },
        };
        let role_value = match role.get_untracked().as_str() {
            "" => Value::Null,
            role => Value::text(role),
        };
        let description_value = match description.get_untracked().trim() {
            "" => Value::Null,
            text => Value::text(text),
        };
        let fields = vec![
            ("title", Value::text(title.get_untracked())),
            ("pole", Value::Ref(pole_id)),
            ("role", role_value),
            ("skills", skills_from(&skills.get_untracked())),
            ("hours_per_week", hours_value),
            ("description", description_value),
        ];
        let change = match need {
            None => {
                let mut fields = fields;
                fields.retain(|(_, value)| !value.is_null());
                fields.push(("status", Value::text("open")));
                Change::create(Kind::Need, new_id(), fields)
            }
            Some(id) => gov.sync.view.with_untracked(|state| {
                let record = state.existing(id);
                Change::Set {
                    id,
                    fields: fields
                        .into_iter()
                        .map(|(name, value)| {
                            let base = record.map_or(0, |r| r.version_of(name));
                            archipel_core::FieldWrite::new(name, value, base)
                        })
                        .collect(),
                }
            }),
        };
        send_all(gov.sync, vec![change], problem, on_done);
    };
    view! {
        <form class="gov-form need-form" on:submit=save>
            <label>
                {move_tr!("gov-need-field-title")}
                <input type="text" required maxlength="200" prop:value=move || title.get() on:input=move |e| title.set(event_target_value(&e)) />
            </label>
            <label>
                {move_tr!("gov-pole")}
                <select required on:change=move |e| pole.set(event_target_value(&e))>
                    <option value="">{move_tr!("gov-choose")}</option>
                    {options(poles, pole0)}
                </select>
            </label>
            <label>
                {move_tr!("gov-role")}
                <select on:change=move |e| role.set(event_target_value(&e))>
                    <option value="" selected=move || role.get_untracked().is_empty()>{move_tr!("gov-no-role")}</option>
                    {ROLES
                        .iter()
                        .filter(|r| **r != "custom")
                        .map(|value| view! { <option value=*value selected=move || role.get_untracked() == *value>{role_label(value)}</option> })
                        .collect_view()}
                </select>
            </label>
            <label>
                {move_tr!("gov-skills")}
                <input type="text" prop:value=move || skills.get() on:input=move |e| skills.set(event_target_value(&e)) aria-describedby="gov-skills-hint" />
            </label>
            <p class="hint" id="gov-skills-hint">{move_tr!("gov-skills-hint")}</p>
            <label>
                {move_tr!("gov-hours")}
                <input type="number" min="0" max="80" inputmode="numeric" prop:value=move || hours.get() on:input=move |e| hours.set(event_target_value(&e)) />
            </label>
            <label>
                {move_tr!("gov-description")}
                <textarea maxlength="2000" prop:value=move || description.get() on:input=move |e| description.set(event_target_value(&e))></textarea>
            </label>
            <Problem problem=problem />
            <div class="row">
                <button type="submit" class="primary">{move_tr!("gov-save")}</button>
                <button type="button" class="quiet" on:click=move |_| on_done()>{move_tr!("gov-cancel")}</button>
            </div>
        </form>
    }
}

/// A member offers help: skills, hours per week, a message.
#[component]
fn OfferForm() -> impl IntoView {
    let gov = use_gov();
    let problem = RwSignal::new(None::<String>);
    let sent = RwSignal::new(false);
    let skills = RwSignal::new(String::new());
    let hours = RwSignal::new(String::new());
    let message = RwSignal::new(String::new());
    let save = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        let Some(me) = gov.me.get_untracked() else {
            return;
        };
        let mut fields = vec![
            ("person", Value::Ref(me)),
            ("skills", skills_from(&skills.get_untracked())),
            ("status", Value::text("open")),
        ];
        match hours.get_untracked().trim() {
            "" => {}
            text => match text.parse::<i64>() {
                Ok(value) => fields.push(("hours_per_week", Value::Int(value))),
                Err(_) => {
                    problem.set(Some(tr!("gov-hours-invalid")));
                    return;
                }
            },
        }
        let text = message.get_untracked();
        if !text.trim().is_empty() {
            fields.push(("message", Value::text(text.trim())));
        }
        send_all(
            gov.sync,
            vec![Change::create(Kind::Offer, new_id(), fields)],
            problem,
            move || {
                skills.set(String::new());
                hours.set(String::new());
                message.set(String::new());
                sent.set(true);
            },
        );
    };
    view! {
        <details class="card offer">
            <summary>{move_tr!("gov-offer-title")}</summary>
            <form class="gov-form" on:submit=save>
                <p class="hint">{move_tr!("gov-offer-hint")}</p>
                <label>
                    {move_tr!("gov-skills")}
                    <input type="text" required prop:value=move || skills.get() on:input=move |e| skills.set(event_target_value(&e)) />
                </label>
                <label>
                    {move_tr!("gov-hours")}
                    <input type="number" min="0" max="80" inputmode="numeric" prop:value=move || hours.get() on:input=move |e| hours.set(event_target_value(&e)) />
                </label>
                <label>
                    {move_tr!("gov-offer-message")}
                    <textarea maxlength="2000" prop:value=move || message.get() on:input=move |e| message.set(event_target_value(&e))></textarea>
                </label>
                <Problem problem=problem />
                {move || sent.get().then(|| view! { <p class="ok" role="status">{move_tr!("gov-offer-sent")}</p> })}
                <button type="submit" class="primary">{move_tr!("gov-offer-send")}</button>
            </form>
        </details>
    }
}

fn offers_of(
    state: &State,
    person: Option<Id>,
) -> Vec<(Id, String, String, Option<i64>, String, String)> {
    let mut offers: Vec<_> = state
        .of_kind(Kind::Offer)
        .filter(|offer| offer.is_live())
        .filter(|offer| match person {
            Some(me) => offer.reference("person") == Some(me),
            None => offer.text("status").unwrap_or("open") == "open",
        })
        .map(|offer| {
            let who = offer
                .reference("person")
                .map(|p| person_name(state, p))
                .unwrap_or_default();
            (
                offer.id,
                who,
                skills_text(offer.get("skills")),
                offer.get("hours_per_week").as_int(),
                offer.text("message").unwrap_or_default().to_owned(),
                offer.text("status").unwrap_or("open").to_owned(),
            )
        })
        .collect();
    archipel_core::sort::sort_by_key(&mut offers, |offer| std::cmp::Reverse(offer.0));
    offers
}

fn offer_status(status: &str) -> String {
    match status {
        "matched" => tr!("gov-offer-matched"),
        "withdrawn" => tr!("gov-offer-withdrawn"),
        _ => tr!("gov-offer-open"),
    }
}

/// The device's own offers, with a way to withdraw them.
#[component]
fn MyOffers() -> impl IntoView {
    let gov = use_gov();
    let problem = RwSignal::new(None::<String>);
    let mine = Memo::new(move |_| match gov.me.get() {
        Some(me) => gov.sync.view.with(|state| offers_of(state, Some(me))),
        None => Vec::new(),
    });
    view! {
        <Show when=move || !mine.with(Vec::is_empty)>
            <section class="my-offers" aria-labelledby="my-offers-title">
                <h2 id="my-offers-title">{move_tr!("gov-my-offers")}</h2>
                <ul class="gov-list">
                    <For each=move || mine.get() key=|offer| format!("{offer:?}") let:offer>
                        {
                            let (id, _, skills, hours, _, status) = offer;
                            let open = status == "open";
                            let withdraw = move |_| {
                                let version = gov.sync.view.with_untracked(|state| {
                                    state.existing(id).map_or(0, |r| r.version_of("status"))
                                });
                                send_all(gov.sync, vec![Change::set(id, "status", Value::text("withdrawn"), version)], problem, || {});
                            };
                            view! {
                                <li class="card">
                                    <span>{skills}</span>
                                    {hours_text(hours).map(|h| view! { <span class="gov-meta">" · " {h}</span> })}
                                    " "
                                    <span class="badge">{offer_status(&status)}</span>
                                    {open.then(|| view! { <button type="button" class="small quiet" on:click=withdraw>{move_tr!("gov-offer-withdraw")}</button> })}
                                </li>
                            }
                        }
                    </For>
                </ul>
                <Problem problem=problem />
            </section>
        </Show>
    }
}

/// Everyone's open offers of help.
#[component]
fn OpenOffers() -> impl IntoView {
    let gov = use_gov();
    let offers = Memo::new(move |_| gov.sync.view.with(|state| offers_of(state, None)));
    view! {
        <section class="open-offers" aria-labelledby="open-offers-title">
            <h2 id="open-offers-title">{move_tr!("gov-offers-title")}</h2>
            <Show
                when=move || !offers.with(Vec::is_empty)
                fallback=|| view! { <p class="hint">{move_tr!("gov-offers-none")}</p> }
            >
                <ul class="gov-list">
                    <For each=move || offers.get() key=|offer| format!("{offer:?}") let:offer>
                        <li class="card">
                            <strong>{offer.1.clone()}</strong>
                            " · "
                            <span>{offer.2.clone()}</span>
                            {hours_text(offer.3).map(|h| view! { <span class="gov-meta">" · " {h}</span> })}
                            {(!offer.4.is_empty()).then(|| view! { <p class="description">{offer.4.clone()}</p> })}
                        </li>
                    </For>
                </ul>
            </Show>
        </section>
    }
}
