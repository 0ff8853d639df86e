//! The search dialog's panel: the combobox, the kind filter, the results
//! grouped by kind with the matched words marked, and the keyboard.

use archipel_core::search::{Group, Groups, SearchIndex, Segment, highlight, present};
use archipel_core::{Id, State, View};
use leptos::prelude::*;
use leptos_router::NavigateOptions;
use leptos_router::hooks::use_navigate;

use super::{Indexed, group_name, mark, measure};
use crate::governance::{Tab, tab_href};
use crate::sync::use_sync;
use crate::{move_tr, tr};

/// Results shown per group when several groups are shown.
const PER_GROUP: usize = 5;
/// Results shown when the filter keeps one group.
const PER_GROUP_ALONE: usize = 50;
/// Characters of a snippet around the match.
const SNIPPET_CHARS: usize = 90;

/// One result ready to draw.
#[derive(Clone, PartialEq, Eq)]
struct Row {
    href: String,
    title: String,
    detail: Option<String>,
    archived: bool,
}

/// One group of results.
#[derive(Clone, PartialEq, Eq)]
struct Section {
    group: Group,
    count: usize,
    rows: Vec<Row>,
}

impl Section {
    /// Results of this group left out of the list.
    fn more(&self) -> usize {
        self.count - self.rows.len()
    }
}

/// What the panel shows for one query.
#[derive(Clone, PartialEq, Eq, Default)]
struct Shown {
    query: String,
    counts: Vec<(Group, usize)>,
    sections: Vec<Section>,
}

/// What an option of the listbox does when chosen.
#[derive(Clone, PartialEq, Eq)]
enum Choice {
    Open(String),
    Only(Group),
}

impl Shown {
    /// The options in listbox order: each section's rows then its "more" entry.
    fn choices(&self) -> Vec<Choice> {
        let mut all = Vec::new();
        for section in &self.sections {
            all.extend(
                section
                    .rows
                    .iter()
                    .map(|row| Choice::Open(row.href.clone())),
            );
            if section.more() > 0 {
                all.push(Choice::Only(section.group));
            }
        }
        all
    }

    fn total(&self) -> usize {
        self.counts.iter().map(|(_, count)| count).sum()
    }
}

/// Where a result of `group` opens, for its `target` record (see `present`).
#[must_use]
pub fn href(group: Group, target: Id) -> String {
    let id = target.to_string();
    match group {
        Group::Pole | Group::Mission => format!("{}?pole={id}", View::Cartography.path()),
        Group::Person => tab_href(Tab::People, &[("personne", id)]),
        Group::Need => tab_href(Tab::Recruitment, &[("besoin", id)]),
        Group::Offer => tab_href(Tab::Recruitment, &[]),
        Group::Task => tab_href(Tab::Tasks, &[]),
        Group::Meeting => tab_href(Tab::Meetings, &[("reunion", id)]),
        Group::Decision => tab_href(Tab::Decisions, &[("decision", id)]),
        Group::Kit => format!("{}?kit={id}", View::Kits.path()),
        Group::Place => format!("{}?lieu={id}", View::Territory.path()),
    }
}

/// The results of `query` shown through `filter` (no chip pressed: every group).
fn shown(index: &SearchIndex, state: &State, query: &str, filter: Groups) -> Shown {
    let only = if filter.is_empty() {
        Groups::ALL
    } else {
        filter
    };
    let alone = Group::ALL
        .iter()
        .filter(|group| only.contains(**group))
        .count()
        == 1;
    let per_group = if alone { PER_GROUP_ALONE } else { PER_GROUP };
    let grouped = index.search_grouped(query, only, per_group);
    let sections = grouped
        .groups
        .iter()
        .map(|(group, found)| Section {
            group: *group,
            count: grouped.count(*group),
            rows: found
                .iter()
                .map(|found| {
                    let presented = present(state, found, query, SNIPPET_CHARS);
                    Row {
                        href: href(*group, presented.target),
                        title: presented.title,
                        detail: presented.detail,
                        archived: found.hit.archived,
                    }
                })
                .collect(),
        })
        .collect();
    Shown {
        query: query.to_owned(),
        counts: grouped.counts,
        sections,
    }
}

/// `text` with the words matching `query` in `<mark>`.
fn marked(text: &str, query: &str) -> impl IntoView + use<> {
    highlight(text, query)
        .into_iter()
        .map(
            |Segment {
                 start,
                 end,
                 matched,
             }| {
                let piece = text[start..end].to_owned();
                if matched {
                    view! { <mark>{piece}</mark> }.into_any()
                } else {
                    piece.into_any()
                }
            },
        )
        .collect_view()
}

/// The panel inside the dialog.
#[component]
pub(super) fn SearchPanel(
    indexed: StoredValue<Indexed>,
    revision: RwSignal<u32>,
    query: RwSignal<String>,
    filter: RwSignal<Groups>,
    input: NodeRef<leptos::html::Input>,
    close: Callback<()>,
) -> impl IntoView {
    let sync = use_sync();
    let navigate = StoredValue::new_local(use_navigate());
    let results = Memo::new(move |_| {
        revision.track();
        let text = query.get();
        let filter = filter.get();
        if text.trim().is_empty() {
            return Shown::default();
        }
        mark("search-query-start");
        let shown = indexed
            .with_value(|state| {
                let index = state.index.as_ref()?;
                Some(
                    sync.view
                        .with_untracked(|view| shown(index, view, &text, filter)),
                )
            })
            .unwrap_or_default();
        measure("search-query", "search-query-start");
        shown
    });
    let choices = Memo::new(move |_| results.with(Shown::choices));
    let active = RwSignal::new(0usize);
    Effect::new(move |_| {
        results.track();
        active.set(0);
    });

    let choose = move |choice: Choice| match choice {
        Choice::Open(href) => {
            close.run(());
            navigate.with_value(|navigate| navigate(&href, NavigateOptions::default()));
        }
        Choice::Only(group) => {
            filter.set(group.bit());
            if let Some(input) = input.get_untracked() {
                let _ = input.focus();
            }
        }
    };
    let on_key = move |event: leptos::ev::KeyboardEvent| {
        let count = choices.with_untracked(Vec::len);
        match event.key().as_str() {
            "ArrowDown" if count > 0 => {
                event.prevent_default();
                active.update(|at| *at = (*at + 1) % count);
            }
            "ArrowUp" if count > 0 => {
                event.prevent_default();
                active.update(|at| *at = (*at + count - 1) % count);
            }
            "Home" | "End" if count > 0 && event.ctrl_key() => {
                event.prevent_default();
                active.set(if event.key() == "Home" { 0 } else { count - 1 });
            }
            "Enter" => {
                event.prevent_default();
                let at = active.get_untracked();
                if let Some(choice) = choices.with_untracked(|all| all.get(at).cloned()) {
                    choose(choice);
                }
            }
            _ => {}
        }
    };
    let on_input = move |event: leptos::ev::Event| {
        mark("search-input");
        query.set(event_target_value(&event));
        request_animation_frame(|| measure("search-keystroke", "search-input"));
    };
    let option_id = |at: usize| format!("search-option-{at}");
    let expanded = move || results.with(|shown| !shown.sections.is_empty());

    // Keeps the active option in view as arrows move it.
    Effect::new(move |_| {
        let at = active.get();
        if let Some(element) = document().get_element_by_id(&option_id(at)) {
            let options = web_sys::ScrollIntoViewOptions::new();
            options.set_block(web_sys::ScrollLogicalPosition::Nearest);
            element.scroll_into_view_with_scroll_into_view_options(&options);
        }
    });

    let chips = move || {
        results.with(|shown| {
            let pressed = filter.get();
            shown
                .counts
                .iter()
                .map(|&(group, count)| {
                    let on = pressed.contains(group);
                    view! {
                        <button
                            type="button"
                            class="search-chip"
                            aria-pressed=on.to_string()
                            on:click=move |_| filter.update(|set| *set = set.toggled(group))
                        >
                            {group_name(group)}
                            " "
                            <span class="search-chip-count">{count}</span>
                        </button>
                    }
                })
                .collect_view()
        })
    };

    let list = move || {
        results.with(|shown| {
            let mut at = 0usize;
            shown
                .sections
                .iter()
                .map(|section| {
                    let group = section.group;
                    let name = group_name(group);
                    let label = tr!("search-group-heading", { "name" => name.clone(), "count" => section.count });
                    let rows = section
                        .rows
                        .iter()
                        .map(|row| {
                            let here = at;
                            at += 1;
                            let choice = Choice::Open(row.href.clone());
                            view! {
                                <div
                                    role="option"
                                    id=option_id(here)
                                    data-href=row.href.clone()
                                    class="search-result"
                                    class:archived=row.archived
                                    aria-selected=move || (active.get() == here).to_string()
                                    on:click=move |_| choose(choice.clone())
                                    on:mousemove=move |_| {
                                        if active.get_untracked() != here {
                                            active.set(here);
                                        }
                                    }
                                >
                                    <span class="search-result-title">{marked(&row.title, &shown.query)}</span>
                                    {row
                                        .detail
                                        .as_ref()
                                        .map(|detail| {
                                            view! {
                                                <span class="search-result-detail">
                                                    {marked(detail, &shown.query)}
                                                </span>
                                            }
                                        })}
                                    {row
                                        .archived
                                        .then(|| {
                                            view! {
                                                <span class="search-result-archived">
                                                    {move_tr!("search-archived")}
                                                </span>
                                            }
                                        })}
                                </div>
                            }
                        })
                        .collect_view();
                    let more = (section.more() > 0)
                        .then(|| {
                            let here = at;
                            at += 1;
                            let more = section.more();
                            view! {
                                <div
                                    role="option"
                                    id=option_id(here)
                                    class="search-more"
                                    aria-selected=move || (active.get() == here).to_string()
                                    on:click=move |_| choose(Choice::Only(group))
                                >
                                    {tr!("search-more", { "count" => more, "name" => name.clone() })}
                                </div>
                            }
                        });
                    view! {
                        <div role="group" class="search-group" aria-label=label data-group=format!("{group:?}")>
                            <div class="search-group-heading" aria-hidden="true">
                                {group_name(group)}
                                " "
                                <span class="search-group-count">{section.count}</span>
                            </div>
                            {rows}
                            {more}
                        </div>
                    }
                })
                .collect_view()
        })
    };

    let status = move || {
        results.with(|shown| {
            if shown.query.trim().is_empty() {
                String::new()
            } else if shown.sections.is_empty() {
                if shown.total() == 0 {
                    tr!("search-empty", { "query" => shown.query.clone() })
                } else {
                    tr!("search-empty-filtered")
                }
            } else {
                tr!("search-count", { "count" => shown.total() })
            }
        })
    };

    view! {
        <div class="search-panel">
            <div class="search-head">
                <h2 id="search-title" class="visually-hidden">{move_tr!("search-title")}</h2>
                <label for="search-input" class="visually-hidden">{move_tr!("search-label")}</label>
                <input
                    node_ref=input
                    id="search-input"
                    type="text"
                    role="combobox"
                    autocomplete="off"
                    autocapitalize="off"
                    spellcheck="false"
                    enterkeyhint="go"
                    autofocus
                    aria-autocomplete="list"
                    aria-controls="search-results"
                    aria-expanded=move || expanded().to_string()
                    aria-activedescendant=move || {
                        (expanded() && active.get() < choices.with(Vec::len)).then(|| option_id(active.get()))
                    }
                    placeholder=move_tr!("search-placeholder")
                    prop:value=move || query.get()
                    on:input=on_input
                    on:keydown=on_key
                />
                <button type="button" class="search-close" on:click=move |_| close.run(())>
                    {move_tr!("search-close")}
                </button>
            </div>
            <Show when=move || results.with(|shown| !shown.counts.is_empty())>
                <div class="search-filters" role="group" aria-label=move_tr!("search-filter")>
                    {chips}
                </div>
            </Show>
            <p class="search-status" role="status" aria-live="polite">{status}</p>
            <div id="search-results" class="search-results" role="listbox" aria-label=move_tr!("search-results")>
                {list}
            </div>
            <p class="search-hint">{move_tr!("search-hint")}</p>
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn results_open_where_their_record_lives() {
        let id: Id = "01900000-0000-7000-8000-000000000001".parse().expect("id");
        assert_eq!(href(Group::Pole, id), format!("/cartographie?pole={id}"));
        assert_eq!(href(Group::Kit, id), format!("/kits?kit={id}"));
        assert_eq!(href(Group::Place, id), format!("/territoire?lieu={id}"));
    }
}
