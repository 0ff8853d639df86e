//! A run of a kit: its checklist, shared by everyone in the group (each tick
//! is an add to a set, so ticks from several devices merge), and finishing it
//! with feedback for the kit's maintainers.

use crate::{move_tr, tr};
use archipel_core::Id;
use archipel_core::kits;
use archipel_core::schema::FEEDBACK_KINDS;
use leptos::prelude::*;

use super::reader::{feedback_label, run_for_text};
use super::{Back, Problem, kit_href, send_all, use_kits};
use crate::sync::new_id;

/// One step of the checklist as shown.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Row {
    key: String,
    phase: String,
    title: String,
    done: bool,
}

/// The run page.
#[component]
pub fn RunPage(run: Id) -> impl IntoView {
    let ctx = use_kits();
    let sync = ctx.sync;
    let problem = RwSignal::new(None::<String>);
    let facts = Memo::new(move |_| {
        sync.view.with(|state| {
            let record = state.existing(run)?;
            let kit = record.reference("kit")?;
            let title = state
                .existing(kit)
                .and_then(|kit| kit.text("title"))
                .unwrap_or_default()
                .to_owned();
            let list = kits::checklist(state, record);
            let rows: Vec<Row> = list
                .steps
                .iter()
                .map(|(step, done)| Row {
                    key: step.key.clone(),
                    phase: step.phase.clone(),
                    title: step.title.clone(),
                    done: *done,
                })
                .collect();
            Some((
                kit,
                title,
                run_for_text(state, record),
                rows,
                list.done,
                list.percent(),
                record.text("status") == Some("finished"),
            ))
        })
    });
    let member = move || ctx.access.get() >= archipel_core::Access::Member;
    let tick = move |key: String, done: bool| {
        send_all(
            sync,
            vec![kits::check_step(run, &key, done)],
            problem,
            || {},
        );
    };
    view! {
        {move || match facts.get() {
            None => view! {
                <Back href=super::View::Kits.path().to_owned() label=move_tr!("kit-back-library") />
                <h1 id="view-title">{move_tr!("kit-run-not-found")}</h1>
            }
            .into_any(),
            Some((kit, title, who, rows, done, percent, finished)) => {
                let total = rows.len();
                let mut phase = None::<String>;
                let items = rows
                    .into_iter()
                    .map(|row| {
                        let heading = (phase.as_deref() != Some(row.phase.as_str()) && !row.phase.is_empty())
                            .then(|| view! { <li class="phase-title" aria-hidden="true">{row.phase.clone()}</li> });
                        phase = Some(row.phase.clone());
                        let key = row.key.clone();
                        let label = if row.phase.is_empty() {
                            row.title.clone()
                        } else {
                            format!("{} — {}", row.title, row.phase)
                        };
                        view! {
                            {heading}
                            <li class="check" data-step=row.key.clone() data-done=row.done.to_string()>
                                <label>
                                    <input
                                        type="checkbox"
                                        prop:checked=row.done
                                        disabled=move || !member()
                                        aria-label=label
                                        on:change=move |event| tick(key.clone(), event_target_checked(&event))
                                    />
                                    <span>{row.title.clone()}</span>
                                </label>
                            </li>
                        }
                    })
                    .collect_view();
                view! {
                    <Back href=kit_href(kit, "") label=move_tr!("kit-back-kit") />
                    <h1 id="view-title">{title}</h1>
                    <p class="lede">{who}</p>
                    <p class="run-progress">
                        <label for="run-progress">{move || tr!("kit-run-progress", { "done" => done, "total" => total })}</label>
                        <progress id="run-progress" max="100" value=percent>{format!("{percent} %")}</progress>
                    </p>
                    <ul class="checklist" aria-label=move_tr!("kit-checklist")>{items}</ul>
                    <Problem problem=problem />
                    {if finished {
                        view! { <p class="notice" role="status">{move_tr!("kit-run-finished")}</p> }.into_any()
                    } else {
                        view! {
                            <Show when=member>
                                <Finish run=run />
                            </Show>
                            <p class="no-print">
                                <button type="button" on:click=|_| { let _ = window().print(); }>{move_tr!("kit-print")}</button>
                            </p>
                        }
                        .into_any()
                    }}
                }
                .into_any()
            }
        }}
    }
}

/// Finishing the run: feedback (worked / didn't / idea) for the maintainers.
#[component]
fn Finish(run: Id) -> impl IntoView {
    let ctx = use_kits();
    let sync = ctx.sync;
    let open = RwSignal::new(false);
    let kind = RwSignal::new("worked".to_owned());
    let text = RwSignal::new(String::new());
    let problem = RwSignal::new(None::<String>);
    let finish = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        let Some(record) = sync
            .view
            .with_untracked(|state| state.existing(run).cloned())
        else {
            return;
        };
        let said = text.get_untracked();
        let kind_now = kind.get_untracked();
        let feedback = (!said.trim().is_empty()).then_some((kind_now.as_str(), said.as_str()));
        let changes = kits::finish(&record, feedback, ctx.me.get_untracked(), new_id());
        send_all(sync, changes, problem, move || open.set(false));
    };
    view! {
        <section class="run-finish no-print" aria-labelledby="run-finish-title">
            <h2 id="run-finish-title">{move_tr!("kit-run-finish")}</h2>
            <Show
                when=move || open.get()
                fallback=move || view! {
                    <button type="button" class="primary" on:click=move |_| open.set(true)>{move_tr!("kit-run-finish")}</button>
                }
            >
                <form on:submit=finish>
                    <fieldset>
                        <legend>{move_tr!("kit-feedback-question")}</legend>
                        {FEEDBACK_KINDS
                            .iter()
                            .map(|each| view! {
                                <label>
                                    <input type="radio" name="feedback-kind" value=*each prop:checked=move || kind.get() == *each on:change=move |_| kind.set((*each).to_owned()) />
                                    {move || feedback_label(each)}
                                </label>
                            })
                            .collect_view()}
                    </fieldset>
                    <label>
                        {move_tr!("kit-feedback-text")}
                        <textarea maxlength="2000" rows="3" prop:value=move || text.get() on:input=move |event| text.set(event_target_value(&event))></textarea>
                    </label>
                    <Problem problem=problem />
                    <div class="form-actions">
                        <button type="submit" class="primary">{move_tr!("kit-run-finish-go")}</button>
                        <button type="button" on:click=move |_| open.set(false)>{move_tr!("kit-cancel")}</button>
                    </div>
                </form>
            </Show>
        </section>
    }
}
