//! Two versions of a kit compared, inline: lines removed and added, the words
//! that changed within them marked, and the other fields that changed.

use crate::{move_tr, tr};
use archipel_core::Id;
use archipel_core::kits::{self, DiffLine, LineChange};
use leptos::prelude::*;
use leptos_router::hooks::use_navigate;

use super::{Back, format_label, kit_href, use_kits};

/// A field's name in the current language.
fn field_label(field: &str) -> String {
    match field {
        "audience" => tr!("kit-filter-audience"),
        "format" => tr!("kit-filter-format"),
        "pole" => tr!("kit-filter-pole"),
        "tags" => tr!("kit-filter-tag"),
        "language" => tr!("kit-filter-language"),
        "licence" => tr!("kit-licence"),
        "duration_minutes" => tr!("kit-duration"),
        _ => tr!("kit-attachments"),
    }
}

fn lines_view(lines: Vec<DiffLine>) -> impl IntoView {
    lines
        .into_iter()
        .map(|line| {
            let parts = line
                .parts
                .into_iter()
                .map(|(changed, text)| {
                    if changed {
                        view! { <mark>{text}</mark> }.into_any()
                    } else {
                        text.into_any()
                    }
                })
                .collect_view();
            match line.change {
                LineChange::Same => view! { <li class="same">{parts}</li> }.into_any(),
                LineChange::Added => view! {
                    <li class="added"><ins><span class="visually-hidden">{move_tr!("kit-diff-added")}</span>{parts}</ins></li>
                }
                .into_any(),
                LineChange::Removed => view! {
                    <li class="removed"><del><span class="visually-hidden">{move_tr!("kit-diff-removed")}</span>{parts}</del></li>
                }
                .into_any(),
            }
        })
        .collect_view()
}

/// The comparison page.
#[component]
pub fn ComparePage(kit: Id, older: Option<Id>, newer: Option<Id>) -> impl IntoView {
    let sync = use_kits().sync;
    let navigate = StoredValue::new_local(use_navigate());
    let versions = Memo::new(move |_| {
        sync.view.with(|state| {
            kits::versions(state, kit)
                .into_iter()
                .map(|version| {
                    (
                        version.id,
                        tr!("kit-version-n", { "number" => version.get("number").as_int().unwrap_or(0) }),
                    )
                })
                .collect::<Vec<_>>()
        })
    });
    let pick = move |wanted: Option<Id>, from_end: usize| {
        versions.with(|all| {
            wanted
                .filter(|id| all.iter().any(|(each, _)| each == id))
                .or_else(|| all.iter().rev().nth(from_end).map(|(id, _)| *id))
        })
    };
    let older_id = Memo::new(move |_| pick(older, 1));
    let newer_id = Memo::new(move |_| pick(newer, 0));
    let diff = Memo::new(move |_| {
        let (Some(a), Some(b)) = (older_id.get(), newer_id.get()) else {
            return None;
        };
        sync.view.with(|state| {
            let (a, b) = (state.existing(a)?, state.existing(b)?);
            Some(kits::diff(a, b))
        })
    });
    let go = move |a: Option<Id>, b: Option<Id>| {
        if let (Some(a), Some(b)) = (a, b) {
            let href = kit_href(kit, &format!("&comparer={a},{b}"));
            navigate.with_value(|go| go(&href, Default::default()));
        }
    };
    let title = move || {
        sync.view.with(|state| {
            state
                .existing(kit)
                .and_then(|record| record.text("title"))
                .unwrap_or_default()
                .to_owned()
        })
    };
    let choice = move |selected: Memo<Option<Id>>| {
        move || {
            versions
                .get()
                .into_iter()
                .map(|(id, label)| view! { <option value=id.to_string() selected=selected.get() == Some(id)>{label}</option> })
                .collect_view()
        }
    };
    view! {
        <Back href=kit_href(kit, "") label=move_tr!("kit-back-kit") />
        <h1 id="view-title">{move || tr!("kit-compare-title", { "title" => title() })}</h1>
        <form class="kit-compare-pick" on:submit=|event| event.prevent_default()>
            <label>
                {move_tr!("kit-compare-from")}
                <select on:change=move |event| go(event_target_value(&event).parse().ok(), newer_id.get_untracked())>
                    {choice(older_id)}
                </select>
            </label>
            <label>
                {move_tr!("kit-compare-to")}
                <select on:change=move |event| go(older_id.get_untracked(), event_target_value(&event).parse().ok())>
                    {choice(newer_id)}
                </select>
            </label>
        </form>
        {move || match diff.get() {
            None => view! { <p class="empty-note">{move_tr!("kit-compare-need-two")}</p> }.into_any(),
            Some(diff) if diff.is_empty() => view! { <p class="empty-note">{move_tr!("kit-compare-same")}</p> }.into_any(),
            Some(diff) => {
                let fields = (!diff.fields.is_empty()).then(|| {
                    let rows = diff
                        .fields
                        .into_iter()
                        .map(|change| {
                            let shown = |value: String| {
                                if change.field == "format" { format_label(&value) } else { value }
                            };
                            view! {
                                <tr>
                                    <th scope="row">{field_label(change.field)}</th>
                                    <td><del>{shown(change.before.clone())}</del></td>
                                    <td><ins>{shown(change.after.clone())}</ins></td>
                                </tr>
                            }
                        })
                        .collect_view();
                    view! {
                        <table class="kit-diff-fields">
                            <caption>{move_tr!("kit-compare-fields")}</caption>
                            <thead>
                                <tr>
                                    <th scope="col">{move_tr!("kit-compare-field")}</th>
                                    <th scope="col">{move_tr!("kit-compare-before")}</th>
                                    <th scope="col">{move_tr!("kit-compare-after")}</th>
                                </tr>
                            </thead>
                            <tbody>{rows}</tbody>
                        </table>
                    }
                });
                let changed = |lines: &[DiffLine]| lines.iter().any(|line| line.change != LineChange::Same);
                let body = changed(&diff.body).then(|| view! {
                    <h2>{move_tr!("kit-compare-body")}</h2>
                    <ol class="kit-diff">{lines_view(diff.body.clone())}</ol>
                });
                let steps = changed(&diff.steps).then(|| view! {
                    <h2>{move_tr!("kit-steps")}</h2>
                    <ol class="kit-diff">{lines_view(diff.steps.clone())}</ol>
                });
                view! { {fields} {body} {steps} }.into_any()
            }
        }}
    }
}
