//! Global search: one box over every record of the device's copy of the
//! collective (Ctrl/Cmd+K, `/`, or the top bar's button), in a modal dialog.
//!
//! The index is the core's `SearchIndex`, built the first time the box opens
//! and afterwards kept in step with the sync engine's view by
//! `SearchIndex::catch_up` (only records whose versions moved are re-indexed),
//! lazily: a change marks it stale, and it catches up when the box is open.
//! Everything is read locally, so search works offline.
//!
//! The app emits performance marks for the browser benchmark
//! (`end2end/bench/search.bench.ts`): `search-index-build` (a measure around
//! the build), `search-query` (the core's query and presentation), `search-keystroke`
//! (from an input event to its results in the page) and `search-frame` (to
//! the next animation frame).

mod results;

use archipel_core::search::{Group, Groups, SearchIndex};
use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::move_tr;
use crate::sync::use_sync;

/// What the open box needs: the index and whether the view moved since it was
/// last brought in step.
#[derive(Default)]
struct Indexed {
    index: Option<SearchIndex>,
    stale: bool,
}

/// The wasm module's linear memory, in bytes (0 off wasm).
fn memory_bytes() -> usize {
    #[cfg(target_arch = "wasm32")]
    {
        core::arch::wasm32::memory_size(0) * 65_536
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        0
    }
}

/// A performance mark (ignored where the browser has none).
fn mark(name: &str) {
    if let Some(performance) = window().performance() {
        let _ = performance.mark(name);
    }
}

/// A performance measure from the mark `start` to now.
fn measure(name: &str, start: &str) {
    if let Some(performance) = window().performance() {
        let _ = performance.measure_with_start_mark(name, start);
    }
}

/// Whether the keyboard is in a place where `/` is typed text.
fn typing_in_a_field() -> bool {
    document().active_element().is_some_and(|element| {
        matches!(element.tag_name().as_str(), "INPUT" | "TEXTAREA" | "SELECT")
            || element
                .dyn_ref::<web_sys::HtmlElement>()
                .is_some_and(web_sys::HtmlElement::is_content_editable)
    })
}

/// The search button of the top bar and the dialog it opens.
#[component]
pub fn SearchBox() -> impl IntoView {
    let sync = use_sync();
    let indexed = StoredValue::new(Indexed::default());
    // Bumped each time the index changes, so results are asked again.
    let revision = RwSignal::new(0u32);
    let open = RwSignal::new(false);
    let query = RwSignal::new(String::new());
    let filter = RwSignal::new(Groups::default());
    let dialog = NodeRef::<leptos::html::Dialog>::new();
    let input = NodeRef::<leptos::html::Input>::new();
    let opener = StoredValue::new_local(None::<web_sys::HtmlElement>);

    // Builds the index the first time, else catches up with the view if it moved.
    let bring_in_step = move || {
        let built = indexed.with_value(|state| state.index.is_some());
        if !built {
            let before = memory_bytes();
            mark("search-index-build-start");
            let index = sync.view.with_untracked(SearchIndex::build);
            measure("search-index-build", "search-index-build-start");
            // For the benchmark: records and words indexed, wasm memory
            // before and after (bytes), on the dialog.
            if let Some(dialog) = dialog.get_untracked() {
                for (name, value) in [
                    ("data-index-records", index.len()),
                    ("data-index-words", index.word_count()),
                    ("data-memory-before", before),
                    ("data-memory-after", memory_bytes()),
                ] {
                    let _ = dialog.set_attribute(name, &value.to_string());
                }
            }
            indexed.update_value(|state| {
                state.index = Some(index);
                state.stale = false;
            });
            revision.update(|n| *n += 1);
        } else if indexed.with_value(|state| state.stale) {
            mark("search-catch-up-start");
            let changed = indexed
                .try_update_value(|state| {
                    state.stale = false;
                    let index = state.index.as_mut()?;
                    Some(sync.view.with_untracked(|view| index.catch_up(view)))
                })
                .flatten()
                .unwrap_or(0);
            measure("search-catch-up", "search-catch-up-start");
            if changed > 0 {
                revision.update(|n| *n += 1);
            }
        }
    };

    // Every change of the view makes the index stale; the open box catches up at once.
    Effect::new(move |_| {
        sync.view.track();
        indexed.update_value(|state| state.stale = true);
        if open.get_untracked() {
            bring_in_step();
        }
    });

    let show = move || {
        if open.get_untracked() {
            return;
        }
        opener.set_value(
            document()
                .active_element()
                .and_then(|element| element.dyn_into::<web_sys::HtmlElement>().ok()),
        );
        bring_in_step();
        open.set(true);
        if let Some(dialog) = dialog.get_untracked() {
            let _ = dialog.show_modal();
        }
        if let Some(input) = input.get_untracked() {
            let _ = input.focus();
            input.select();
        }
    };
    let hide = move || {
        if let Some(dialog) = dialog.get_untracked() {
            dialog.close();
        }
    };
    // The dialog closed (Escape, a result opened, the close button): focus
    // goes back where it was.
    let on_close = move |_| {
        open.set(false);
        if let Some(element) = opener.get_value() {
            let _ = element.focus();
        }
    };

    let keys = window_event_listener(leptos::ev::keydown, move |event| {
        let key = event.key();
        let shortcut = (event.ctrl_key() || event.meta_key()) && key.eq_ignore_ascii_case("k");
        let slash = key == "/" && !event.ctrl_key() && !event.meta_key() && !typing_in_a_field();
        if (shortcut || slash) && !open.get_untracked() {
            event.prevent_default();
            show();
        }
    });
    on_cleanup(move || keys.remove());

    view! {
        <button
            type="button"
            class="search-open"
            aria-haspopup="dialog"
            aria-keyshortcuts="Control+K Meta+K"
            on:click=move |_| show()
        >
            <span class="search-icon" aria-hidden="true"></span>
            <span class="search-open-label">{move_tr!("search-open")}</span>
            <kbd class="search-open-key" aria-hidden="true">"Ctrl K"</kbd>
        </button>
        <dialog
            node_ref=dialog
            class="search-dialog"
            aria-labelledby="search-title"
            data-index-records="0"
            on:close=on_close
            on:click=move |event| {
                // A click on the backdrop (the dialog itself, outside its panel) closes it.
                if event
                    .target()
                    .and_then(|target| target.dyn_into::<web_sys::Element>().ok())
                    .is_some_and(|target| target.class_list().contains("search-dialog"))
                {
                    hide();
                }
            }
        >
            <results::SearchPanel
                indexed=indexed
                revision=revision
                query=query
                filter=filter
                input=input
                close=Callback::new(move |()| hide())
            />
        </dialog>
    }
}

/// The group's name, plural, for headings and filter chips.
fn group_name(group: Group) -> String {
    match group {
        Group::Pole => crate::tr!("search-group-pole"),
        Group::Mission => crate::tr!("search-group-mission"),
        Group::Person => crate::tr!("search-group-person"),
        Group::Need => crate::tr!("search-group-need"),
        Group::Offer => crate::tr!("search-group-offer"),
        Group::Task => crate::tr!("search-group-task"),
        Group::Meeting => crate::tr!("search-group-meeting"),
        Group::Decision => crate::tr!("search-group-decision"),
        Group::Kit => crate::tr!("search-group-kit"),
        Group::Place => crate::tr!("search-group-place"),
    }
}
