//! Writing a kit: a new kit with its first version (facilitators), or the
//! next version of a kit (facilitators and members of its pôle) with a
//! changelog line. Nothing is overwritten: publishing adds a version.

use crate::{move_tr, tr};
use archipel_core::files::FileRef;
use archipel_core::kits::{self, Draft, PublishError};
use archipel_core::markdown::to_html;
use archipel_core::schema::{KIT_FORMATS, LANGUAGES};
use archipel_core::value::Step;
use archipel_core::{Access, Id, View};
use leptos::prelude::*;
use leptos_router::hooks::use_navigate;

use super::attachments::Uploader;
use super::{Back, Problem, format_label, kit_href, language_label, send_all, use_kits};
use crate::governance::{options, people_choices, pole_choices};
use crate::sync::new_id;

/// A step being edited, with a local id that keeps its row while others move.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Row {
    uid: u32,
    step: Step,
}

/// A stable key for a new step, from its title ("Réserver la salle" →
/// `reserver-la-salle`), not used by `taken`.
fn step_key(title: &str, taken: &[String]) -> String {
    let mut base: String = archipel_core::fold(title)
        .split(' ')
        .filter(|word| !word.is_empty())
        .collect::<Vec<_>>()
        .join("-")
        .chars()
        .take(60)
        .collect();
    if base.is_empty() {
        base = "etape".to_owned();
    }
    let mut key = base.clone();
    let mut n = 2;
    while taken.contains(&key) {
        key = format!("{base}-{n}");
        n += 1;
    }
    key
}

/// The editor: `kit` is the kit to publish a new version of, `None` for a new kit.
#[component]
pub fn Editor(kit: Option<Id>) -> impl IntoView {
    let ctx = use_kits();
    let sync = ctx.sync;
    let allowed = move || match kit {
        Some(kit) => ctx.may_publish(kit),
        None => ctx.access.get() >= Access::Facilitator,
    };
    let back = kit.map_or_else(|| View::Kits.path().to_owned(), |kit| kit_href(kit, ""));
    let back_label = if kit.is_some() {
        move_tr!("kit-back-kit")
    } else {
        move_tr!("kit-back-library")
    };
    view! {
        <Back href=back label=back_label />
        <Show
            when=allowed
            fallback=|| view! {
                <h1 id="view-title">{move_tr!("kit-edit")}</h1>
                <p class="problem" role="alert">{move_tr!("kit-edit-not-allowed")}</p>
            }
        >
            {move || {
                let draft = kit
                    .and_then(|kit| {
                        sync.view.with_untracked(|state| kits::latest(state, kit).map(Draft::of))
                    })
                    .unwrap_or_else(|| Draft {
                        format: "kit".to_owned(),
                        language: "fr".to_owned(),
                        ..Draft::default()
                    });
                view! { <Form kit=kit draft=draft /> }
            }}
        </Show>
    }
}

#[component]
fn Form(kit: Option<Id>, draft: Draft) -> impl IntoView {
    let ctx = use_kits();
    let sync = ctx.sync;
    let navigate = StoredValue::new_local(use_navigate());
    let problem = RwSignal::new(None::<String>);
    let title = RwSignal::new(String::new());
    let summary = RwSignal::new(String::new());
    let maintainer = RwSignal::new(
        ctx.me
            .get_untracked()
            .map(|id| id.to_string())
            .unwrap_or_default(),
    );
    let body = RwSignal::new(draft.body.clone());
    let audience = RwSignal::new(draft.audience.clone());
    let format = RwSignal::new(draft.format.clone());
    let language = RwSignal::new(draft.language.clone());
    let licence = RwSignal::new(draft.licence.clone());
    let duration = RwSignal::new(
        draft
            .duration_minutes
            .map(|m| m.to_string())
            .unwrap_or_default(),
    );
    let tags = RwSignal::new(draft.tags.join(", "));
    let pole = RwSignal::new(draft.pole.map(|id| id.to_string()).unwrap_or_default());
    let files = RwSignal::new(draft.attachments.clone());
    let changelog = RwSignal::new(String::new());
    let preview = RwSignal::new(false);
    let next_uid = StoredValue::new(0u32);
    let uid = || {
        let id = next_uid.get_value();
        next_uid.set_value(id + 1);
        id
    };
    let rows = RwSignal::new(
        draft
            .steps
            .iter()
            .map(|step| Row {
                uid: uid(),
                step: step.clone(),
            })
            .collect::<Vec<_>>(),
    );
    let poles = Memo::new(move |_| sync.view.with(pole_choices));
    let people = Memo::new(move |_| sync.view.with(people_choices));
    let add_step = move |_| {
        let id = next_uid.get_value();
        next_uid.set_value(id + 1);
        let phase = rows.with(|rows| {
            rows.last()
                .map(|row| row.step.phase.clone())
                .unwrap_or_default()
        });
        rows.update(|rows| {
            rows.push(Row {
                uid: id,
                step: Step {
                    key: String::new(),
                    phase,
                    title: String::new(),
                    body: String::new(),
                },
            });
        });
    };
    let edit_step = move |uid: u32, change: &dyn Fn(&mut Step)| {
        rows.update(|rows| {
            if let Some(row) = rows.iter_mut().find(|row| row.uid == uid) {
                change(&mut row.step);
            }
        });
    };
    let step_value = move |uid: u32, read: fn(&Step) -> String| {
        move || {
            rows.with(|rows| {
                rows.iter()
                    .find(|row| row.uid == uid)
                    .map(|row| read(&row.step))
                    .unwrap_or_default()
            })
        }
    };
    let collect = move || -> Result<Draft, String> {
        let duration = duration.get_untracked();
        let duration_minutes = if duration.trim().is_empty() {
            None
        } else {
            Some(
                duration
                    .trim()
                    .parse::<i64>()
                    .ok()
                    .filter(|m| *m >= 1)
                    .ok_or_else(|| tr!("kit-edit-bad-duration"))?,
            )
        };
        let mut steps: Vec<Step> = Vec::new();
        for row in rows.get_untracked() {
            let mut step = row.step;
            if step.title.trim().is_empty() {
                if step.body.trim().is_empty() {
                    continue;
                }
                return Err(tr!("kit-edit-step-needs-title"));
            }
            if step.key.is_empty() {
                let taken: Vec<String> = steps.iter().map(|s| s.key.clone()).collect();
                step.key = step_key(&step.title, &taken);
            }
            steps.push(step);
        }
        Ok(Draft {
            body: body.get_untracked(),
            steps,
            audience: audience.get_untracked(),
            format: format.get_untracked(),
            pole: pole.get_untracked().parse::<Id>().ok(),
            tags: tags
                .get_untracked()
                .split(',')
                .map(|tag| tag.trim().to_owned())
                .filter(|tag| !tag.is_empty())
                .collect(),
            language: language.get_untracked(),
            licence: licence.get_untracked(),
            duration_minutes,
            attachments: files.get_untracked(),
        })
    };
    let save = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        let draft = match collect() {
            Ok(draft) => draft,
            Err(message) => {
                problem.set(Some(message));
                return;
            }
        };
        let (changes, target) = match kit {
            Some(kit) => {
                let published = sync.view.with_untracked(|state| {
                    kits::publish(state, kit, &draft, &changelog.get_untracked(), new_id())
                });
                match published {
                    Ok(change) => (vec![change], kit),
                    Err(PublishError::NoChangelog) => {
                        problem.set(Some(tr!("kit-edit-needs-changelog")));
                        return;
                    }
                    Err(PublishError::Unchanged) => {
                        problem.set(Some(tr!("kit-edit-unchanged")));
                        return;
                    }
                    Err(PublishError::NoKit) => {
                        problem.set(Some(tr!("kit-not-found")));
                        return;
                    }
                }
            }
            None => {
                if title.get_untracked().trim().is_empty() {
                    problem.set(Some(tr!("kit-edit-needs-title")));
                    return;
                }
                let kit = new_id();
                let changes = kits::create(
                    kit,
                    new_id(),
                    &title.get_untracked(),
                    &summary.get_untracked(),
                    maintainer.get_untracked().parse::<Id>().ok(),
                    &draft,
                );
                (changes, kit)
            }
        };
        send_all(sync, changes, problem, move || {
            navigate.with_value(|go| go(&kit_href(target, ""), Default::default()));
        });
    };
    let heading = if kit.is_some() {
        move_tr!("kit-edit-title")
    } else {
        move_tr!("kit-new")
    };
    let remove_file =
        move |hash: String| files.update(|files| files.retain(|file| file.hash != hash));
    let on_uploaded = Callback::new(move |file: FileRef| {
        files.update(|files| {
            if !files.iter().any(|each| each.hash == file.hash) {
                files.push(file);
            }
        });
    });
    view! {
        <h1 id="view-title">{heading}</h1>
        <form class="kit-editor" on:submit=save novalidate>
            {kit.is_none().then(|| view! {
                <label>
                    {move_tr!("kit-field-title")}
                    <input type="text" required maxlength="200" prop:value=move || title.get() on:input=move |e| title.set(event_target_value(&e)) />
                </label>
                <label>
                    {move_tr!("kit-field-summary")}
                    <textarea maxlength="500" rows="2" prop:value=move || summary.get() on:input=move |e| summary.set(event_target_value(&e))></textarea>
                </label>
                <label>
                    {move_tr!("kit-maintainer")}
                    <select on:change=move |e| maintainer.set(event_target_value(&e))>
                        <option value="">{move_tr!("kit-choose")}</option>
                        {move || options(people.get(), maintainer.get_untracked().parse().ok())}
                    </select>
                </label>
            })}
            <div class="kit-editor-grid">
                <label>
                    {move_tr!("kit-filter-pole")}
                    <select on:change=move |e| pole.set(event_target_value(&e))>
                        <option value="">{move_tr!("kit-choose")}</option>
                        {move || options(poles.get(), pole.get_untracked().parse().ok())}
                    </select>
                </label>
                <label>
                    {move_tr!("kit-filter-format")}
                    <select on:change=move |e| format.set(event_target_value(&e))>
                        {KIT_FORMATS.iter().map(|value| view! {
                            <option value=*value selected=format.get_untracked() == *value>{move || format_label(value)}</option>
                        }).collect_view()}
                    </select>
                </label>
                <label>
                    {move_tr!("kit-filter-audience")}
                    <input type="text" maxlength="200" prop:value=move || audience.get() on:input=move |e| audience.set(event_target_value(&e)) />
                </label>
                <label>
                    {move_tr!("kit-filter-language")}
                    <select on:change=move |e| language.set(event_target_value(&e))>
                        {LANGUAGES.iter().map(|value| view! {
                            <option value=*value selected=language.get_untracked() == *value>{language_label(value)}</option>
                        }).collect_view()}
                    </select>
                </label>
                <label>
                    {move_tr!("kit-field-duration")}
                    <input type="number" min="1" inputmode="numeric" prop:value=move || duration.get() on:input=move |e| duration.set(event_target_value(&e)) />
                </label>
                <label>
                    {move_tr!("kit-field-tags")}
                    <input type="text" prop:value=move || tags.get() on:input=move |e| tags.set(event_target_value(&e)) />
                </label>
                <label>
                    {move_tr!("kit-licence")}
                    <input type="text" maxlength="80" prop:value=move || licence.get() on:input=move |e| licence.set(event_target_value(&e)) />
                </label>
            </div>
            <label>
                {move_tr!("kit-field-body")}
                <textarea class="kit-body-input" rows="14" maxlength="100000" prop:value=move || body.get() on:input=move |e| body.set(event_target_value(&e))></textarea>
            </label>
            <p class="hint">{move_tr!("kit-field-body-hint")}</p>
            <p>
                <button type="button" aria-pressed=move || preview.get().to_string() on:click=move |_| preview.update(|p| *p = !*p)>
                    {move_tr!("kit-preview")}
                </button>
            </p>
            <Show when=move || preview.get()>
                <div class="kit-body markdown preview" inner_html=move || to_html(&body.get())></div>
            </Show>
            <fieldset class="kit-steps-editor">
                <legend>{move_tr!("kit-steps")}</legend>
                <ol>
                    <For each=move || rows.get() key=|row| row.uid let:row>
                        {
                            let uid = row.uid;
                            view! {
                                <li class="step-row">
                                    <label>
                                        {move_tr!("kit-field-phase")}
                                        <input type="text" maxlength="120" prop:value=step_value(uid, |s| s.phase.clone()) on:input=move |e| { let v = event_target_value(&e); edit_step(uid, &|s| s.phase = v.clone()); } />
                                    </label>
                                    <label>
                                        {move_tr!("kit-field-step-title")}
                                        <input type="text" maxlength="200" prop:value=step_value(uid, |s| s.title.clone()) on:input=move |e| { let v = event_target_value(&e); edit_step(uid, &|s| s.title = v.clone()); } />
                                    </label>
                                    <label>
                                        {move_tr!("kit-field-step-body")}
                                        <textarea rows="2" maxlength="10000" prop:value=step_value(uid, |s| s.body.clone()) on:input=move |e| { let v = event_target_value(&e); edit_step(uid, &|s| s.body = v.clone()); }></textarea>
                                    </label>
                                    <button type="button" on:click=move |_| rows.update(|rows| rows.retain(|row| row.uid != uid))>
                                        {move_tr!("kit-step-remove")}
                                    </button>
                                </li>
                            }
                        }
                    </For>
                </ol>
                <button type="button" on:click=add_step>{move_tr!("kit-step-add")}</button>
            </fieldset>
            <fieldset class="kit-files-editor">
                <legend>{move_tr!("kit-attachments")}</legend>
                <ul>
                    {move || files.get().into_iter().map(|file| {
                        let hash = file.hash.clone();
                        view! {
                            <li>
                                {file.name.clone()}
                                {format!(" ({})", super::attachments::size_text(file.size))}
                                " "
                                <button type="button" on:click=move |_| remove_file(hash.clone())>{move_tr!("kit-file-remove")}</button>
                            </li>
                        }
                    }).collect_view()}
                </ul>
                <Uploader on_uploaded=on_uploaded />
            </fieldset>
            {kit.is_some().then(|| view! {
                <label>
                    {move_tr!("kit-field-changelog")}
                    <input type="text" name="changelog" required maxlength="500" prop:value=move || changelog.get() on:input=move |e| changelog.set(event_target_value(&e)) />
                </label>
            })}
            <Problem problem=problem />
            <div class="form-actions">
                <button type="submit" class="primary">{move_tr!("kit-publish")}</button>
            </div>
        </form>
    }
}
