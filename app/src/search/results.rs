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

/// A new element `tag` with `class`.
fn element(tag: &str, class: &str) -> Option<web_sys::Element> {
    let element = document().create_element(tag).ok()?;
    if !class.is_empty() {
        element.set_class_name(class);
    }
    Some(element)
}

/// Appends `text` to `parent` with the words matching `query` in `<mark>`.
fn append_marked(parent: &web_sys::Element, text: &str, query: &str) {
    for Segment {
        start,
        end,
        matched,
    } in highlight(text, query)
    {
        let piece = &text[start..end];
        if matched {
            if let Some(mark) = element("mark", "") {
                mark.set_text_content(Some(piece));
                let _ = parent.append_child(&mark);
            }
        } else {
            let _ = parent.append_with_str_1(piece);
        }
    }
}

/// Draws the results into the listbox `list`, replacing what it showed: the
/// list changes with every key, so it is written directly rather than diffed.
fn draw(list: &web_sys::Element, shown: &Shown, active: usize) -> Option<()> {
    list.set_text_content(None);
    let mut at = 0usize;
    for section in &shown.sections {
        let name = group_name(section.group);
        let group = element("div", "search-group")?;
        group.set_attribute("role", "group").ok()?;
        group
            .set_attribute(
                "aria-label",
                &tr!("search-group-heading", { "name" => name.clone(), "count" => section.count }),
            )
            .ok()?;
        let heading = element("div", "search-group-heading")?;
        heading.set_attribute("aria-hidden", "true").ok()?;
        heading.set_text_content(Some(&name));
        let count = element("span", "search-group-count")?;
        count.set_text_content(Some(&section.count.to_string()));
        heading.append_with_str_1(" ").ok()?;
        heading.append_child(&count).ok()?;
        group.append_child(&heading).ok()?;
        let mut option = |class: &str| -> Option<web_sys::Element> {
            let option = element("div", class)?;
            option.set_attribute("role", "option").ok()?;
            option.set_id(&option_id(at));
            option.set_attribute("data-index", &at.to_string()).ok()?;
            option
                .set_attribute("aria-selected", if at == active { "true" } else { "false" })
                .ok()?;
            at += 1;
            group.append_child(&option).ok()?;
            Some(option)
        };
        for row in &section.rows {
            let class = if row.archived {
                "search-result archived"
            } else {
                "search-result"
            };
            let item = option(class)?;
            item.set_attribute("data-href", &row.href).ok()?;
            let title = element("span", "search-result-title")?;
            append_marked(&title, &row.title, &shown.query);
            item.append_child(&title).ok()?;
            if let Some(detail) = &row.detail {
                let line = element("span", "search-result-detail")?;
                append_marked(&line, detail, &shown.query);
                item.append_child(&line).ok()?;
            }
            if row.archived {
                let flag = element("span", "search-result-archived")?;
                flag.set_text_content(Some(&tr!("search-archived")));
                item.append_child(&flag).ok()?;
            }
        }
        if section.more() > 0 {
            let more = option("search-more")?;
            more.set_text_content(Some(
                &tr!("search-more", { "count" => section.more(), "name" => name }),
            ));
        }
        list.append_child(&group).ok()?;
    }
    Some(())
}

/// Draws the kind filter: one toggle button per group with results, pressed
/// when the filter keeps it (clicks are handled by the container).
fn draw_chips(chips: &web_sys::Element, shown: &Shown, pressed: Groups) -> Option<()> {
    chips.set_text_content(None);
    for &(group, count) in &shown.counts {
        let chip = element("button", "search-chip")?;
        chip.set_attribute("type", "button").ok()?;
        chip.set_attribute("data-group", &(group as usize).to_string())
            .ok()?;
        chip.set_attribute(
            "aria-pressed",
            if pressed.contains(group) {
                "true"
            } else {
                "false"
            },
        )
        .ok()?;
        chip.set_text_content(Some(&group_name(group)));
        let number = element("span", "search-chip-count")?;
        number.set_text_content(Some(&count.to_string()));
        chip.append_with_str_1(" ").ok()?;
        chip.append_child(&number).ok()?;
        chips.append_child(&chip).ok()?;
    }
    Some(())
}

/// What the status line says: how many results, or that there are none.
fn status_text(shown: &Shown) -> String {
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
}

/// The id of the listbox's option number `at`.
fn option_id(at: usize) -> String {
    format!("search-option-{at}")
}

/// The option number of the element an event happened on, if inside an option.
fn option_at(event: &leptos::ev::Event) -> Option<usize> {
    use wasm_bindgen::JsCast;
    event
        .target()?
        .dyn_into::<web_sys::Element>()
        .ok()?
        .closest("[role=option]")
        .ok()??
        .get_attribute("data-index")?
        .parse()
        .ok()
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
        request_animation_frame(|| measure("search-frame", "search-input"));
    };
    // The listbox is drawn directly (see `draw`); the active option is
    // marked in place as arrows move it.
    let listbox = NodeRef::<leptos::html::Div>::new();
    let filters = NodeRef::<leptos::html::Div>::new();
    let status = NodeRef::<leptos::html::P>::new();
    Effect::new(move |_| {
        let (Some(list), Some(chips), Some(status), Some(input)) =
            (listbox.get(), filters.get(), status.get(), input.get())
        else {
            return;
        };
        let pressed = filter.get();
        results.with(|shown| {
            draw(&list, shown, active.get_untracked());
            draw_chips(&chips, shown, pressed);
            status.set_text_content(Some(&status_text(shown)));
            let _ = input.set_attribute(
                "aria-expanded",
                if shown.sections.is_empty() {
                    "false"
                } else {
                    "true"
                },
            );
        });
        measure("search-keystroke", "search-input");
    });
    let marked = StoredValue::new(0usize);
    Effect::new(move |_| {
        let now = active.get();
        let before = marked.get_value();
        marked.set_value(now);
        if let Some(input) = input.get() {
            let _ = if choices.with(|all| now < all.len()) {
                input.set_attribute("aria-activedescendant", &option_id(now))
            } else {
                input.remove_attribute("aria-activedescendant")
            };
        }
        for (at, selected) in [(before, "false"), (now, "true")] {
            if let Some(element) = document().get_element_by_id(&option_id(at)) {
                let _ = element.set_attribute("aria-selected", selected);
                if selected == "true" {
                    let options = web_sys::ScrollIntoViewOptions::new();
                    options.set_block(web_sys::ScrollLogicalPosition::Nearest);
                    element.scroll_into_view_with_scroll_into_view_options(&options);
                }
            }
        }
    });
    let on_click = move |event: leptos::ev::MouseEvent| {
        if let Some(at) = option_at(&event)
            && let Some(choice) = choices.with_untracked(|all| all.get(at).cloned())
        {
            choose(choice);
        }
    };
    let on_chip = move |event: leptos::ev::MouseEvent| {
        use wasm_bindgen::JsCast;
        let group = event
            .target()
            .and_then(|target| target.dyn_into::<web_sys::Element>().ok())
            .and_then(|target| target.closest("button").ok().flatten())
            .and_then(|chip| chip.get_attribute("data-group"))
            .and_then(|index| index.parse::<usize>().ok())
            .and_then(|index| Group::ALL.get(index).copied());
        if let Some(group) = group {
            filter.update(|set| *set = set.toggled(group));
        }
    };
    let on_hover = move |event: leptos::ev::MouseEvent| {
        if let Some(at) = option_at(&event)
            && active.get_untracked() != at
        {
            active.set(at);
        }
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
                    aria-expanded="false"
                    placeholder=move_tr!("search-placeholder")
                    prop:value=move || query.get()
                    on:input=on_input
                    on:keydown=on_key
                />
                <button type="button" class="search-close" on:click=move |_| close.run(())>
                    {move_tr!("search-close")}
                </button>
            </div>
            <div
                node_ref=filters
                class="search-filters"
                role="group"
                aria-label=move_tr!("search-filter")
                on:click=on_chip
            ></div>
            <p node_ref=status class="search-status" role="status" aria-live="polite"></p>
            <div
                node_ref=listbox
                id="search-results"
                class="search-results"
                role="listbox"
                aria-label=move_tr!("search-results")
                on:click=on_click
                on:mousemove=on_hover
            ></div>
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
