//! The facilitator's console, made for a phone held in one hand: the item
//! under way with a large countdown (red "+2:10" once over), the next item,
//! and the speaking-time tracker — tap a participant when they start
//! speaking; totals, shares and a balance indicator follow live; a queue of
//! who asked to speak.
//!
//! Every figure comes from timestamps through [`archipel_core::governance`]
//! (`console`, `speaking`): a timer only re-reads the clock every second and
//! when the page becomes visible again, so a phone that slept or a tab in
//! the background shows the right time at once. Nothing counts ticks.

use std::time::Duration;

use crate::{move_tr, tr};
use archipel_core::governance::{
    ask_to_speak, console, end_meeting, leave_queue, queue, speaking, start_item, stop_speaking,
    tap_speaker,
};
use archipel_core::{Change, Id, State};
use leptos::prelude::*;

use super::{Problem, now, person_name, send_all, use_gov};
use crate::sync::new_id;

/// `m:ss` (or `h:mm:ss`) of a number of seconds.
#[must_use]
pub fn clock_text(seconds: i64) -> String {
    let seconds = seconds.max(0);
    let (hours, minutes, seconds) = (seconds / 3600, seconds / 60 % 60, seconds % 60);
    if hours > 0 {
        format!("{hours}:{minutes:02}:{seconds:02}")
    } else {
        format!("{minutes}:{seconds:02}")
    }
}

/// Thousandths as a whole percentage.
fn percent(thousandths: u32) -> u32 {
    (thousandths + 5) / 10
}

/// The console's clock as the view shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Clock {
    /// The item under way: id, title, elapsed, remaining, overrun (seconds).
    current: Option<(Id, String, i64, Option<i64>, i64)>,
    /// The next item: id and title.
    next: Option<(Id, String)>,
    /// The meeting started / ended.
    started: bool,
    ended: bool,
}

fn title_of(state: &State, id: Id) -> String {
    state
        .record(id)
        .and_then(|item| item.text("title"))
        .unwrap_or_default()
        .to_owned()
}

fn clock(state: &State, meeting: Id, now: i64) -> Clock {
    let console = console(state, meeting, now);
    Clock {
        current: console.current.map(|clock| {
            (
                clock.item,
                title_of(state, clock.item),
                clock.elapsed,
                clock.remaining(),
                clock.overrun(),
            )
        }),
        next: console.next.map(|item| (item, title_of(state, item))),
        started: state
            .existing(meeting)
            .is_some_and(|m| m.get("started_at").as_time().is_some()),
        ended: console.ended,
    }
}

/// One participant's tile.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Tile {
    person: Id,
    name: String,
    seconds: i64,
    share: u32,
    turns: u32,
    speaking: bool,
    queued: Option<usize>,
}

/// Speaking time as the view shows it: tiles in a stable order (by name, so
/// they never move under a finger), the total and the balance.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Talk {
    tiles: Vec<Tile>,
    total: i64,
    balance: u32,
    queue: Vec<(Id, String)>,
}

fn talk(state: &State, meeting: Id, now: i64) -> Talk {
    let spoken = speaking(state, meeting, now);
    let waiting = queue(state, meeting);
    let mut tiles: Vec<Tile> = spoken
        .totals
        .iter()
        .map(|total| Tile {
            person: total.person,
            name: person_name(state, total.person),
            seconds: total.seconds,
            share: total.share,
            turns: total.turns,
            speaking: spoken.speaker.is_some_and(|(_, who)| who == total.person),
            queued: waiting.iter().position(|&who| who == total.person),
        })
        .collect();
    archipel_core::sort::sort_by_cached_key(&mut tiles, |tile| {
        (archipel_core::fold(&tile.name), tile.person)
    });
    Talk {
        tiles,
        total: spoken.total,
        balance: spoken.balance,
        queue: waiting
            .into_iter()
            .map(|person| (person, person_name(state, person)))
            .collect(),
    }
}

/// The clock, re-read every second and when the page shows again.
fn ticking_now() -> ReadSignal<i64> {
    let (time, set_time) = signal(now());
    if let Ok(timer) = set_interval_with_handle(move || set_time.set(now()), Duration::from_secs(1))
    {
        on_cleanup(move || timer.clear());
    }
    let visible = window_event_listener(leptos::ev::visibilitychange, move |_| set_time.set(now()));
    on_cleanup(move || visible.remove());
    time
}

/// The console of a meeting: clock and speaking time.
#[component]
pub fn Console(meeting: Id) -> impl IntoView {
    let gov = use_gov();
    let problem = RwSignal::new(None::<String>);
    let time = ticking_now();
    let clock = Memo::new(move |_| {
        let at = time.get();
        gov.sync.view.with(|state| clock(state, meeting, at))
    });
    let talk = Memo::new(move |_| {
        let at = time.get();
        gov.sync.view.with(|state| talk(state, meeting, at))
    });
    // What a screen reader hears: the item changing, its time running out,
    // the meeting ending — never every second.
    let announce = Memo::new(move |_| {
        clock.with(|clock| {
            if clock.ended {
                tr!("meet-ended")
            } else {
                match &clock.current {
                    Some((_, title, _, _, overrun)) if *overrun > 0 => {
                        tr!("meet-announce-over", { "title" => title.clone() })
                    }
                    Some((_, title, ..)) => tr!("meet-announce-item", { "title" => title.clone() }),
                    None => String::new(),
                }
            }
        })
    });
    let edit = move |changes: Vec<Change>| send_all(gov.sync, changes, problem, || {});
    let start_next = move |_| {
        if let Some((item, _)) = clock.get_untracked().next {
            let changes = gov
                .sync
                .view
                .with_untracked(|state| start_item(state, meeting, item, now()));
            edit(changes);
        }
    };
    let finish = move |_| {
        let changes = gov
            .sync
            .view
            .with_untracked(|state| end_meeting(state, meeting, now()));
        edit(changes);
    };
    let current_item = move || clock.with_untracked(|c| c.current.as_ref().map(|c| c.0));
    let tap = move |person: Id| {
        let changes = gov.sync.view.with_untracked(|state| {
            tap_speaker(state, meeting, person, new_id(), current_item(), now())
        });
        edit(changes);
    };
    let stop = move |_| {
        let changes = gov
            .sync
            .view
            .with_untracked(|state| stop_speaking(state, meeting, now()));
        edit(changes);
    };
    let toggle_queue = move |person: Id, queued: bool| {
        let change = gov.sync.view.with_untracked(|state| {
            if queued {
                leave_queue(state, meeting, person)
            } else {
                ask_to_speak(state, meeting, person)
            }
        });
        edit(change.into_iter().collect());
    };
    let runs = move || gov.facilitates();
    view! {
        <section class="console" aria-labelledby="console-title">
            <h3 id="console-title">{move_tr!("meet-console")}</h3>
            <p class="visually-hidden" aria-live="polite">{move || announce.get()}</p>
            <div class="console-clock" class:over=move || clock.with(|c| c.current.as_ref().is_some_and(|c| c.4 > 0))>
                {move || {
                    let shown = clock.get();
                    match shown.current {
                        Some((_, title, elapsed, remaining, overrun)) => {
                            view! {
                                <p class="console-label">{move_tr!("meet-now")}</p>
                                <p class="console-item">{title}</p>
                                <p class="countdown" data-over=(overrun > 0).to_string()>
                                    {match remaining {
                                        Some(_) if overrun > 0 => format!("+{}", clock_text(overrun)),
                                        Some(left) => clock_text(left),
                                        None => clock_text(elapsed),
                                    }}
                                </p>
                                <p class="console-hint">
                                    {move || {
                                        if overrun > 0 {
                                            tr!("meet-overrun", { "time" => clock_text(overrun) })
                                        } else if remaining.is_some() {
                                            tr!("meet-remaining")
                                        } else {
                                            tr!("meet-elapsed")
                                        }
                                    }}
                                </p>
                            }
                            .into_any()
                        }
                        None if shown.ended => view! { <p class="console-item">{move_tr!("meet-ended")}</p> }.into_any(),
                        None => view! { <p class="console-item">{move_tr!("meet-not-running")}</p> }.into_any(),
                    }
                }}
            </div>
            <p class="console-next">
                {move || match clock.get().next {
                    Some((_, title)) => tr!("meet-next-is", { "title" => title }),
                    None => tr!("meet-no-next"),
                }}
            </p>
            <Show when=runs>
                <div class="console-actions">
                    <Show when=move || clock.with(|c| c.next.is_some())>
                        <button type="button" class="primary big" on:click=start_next>
                            {move || if clock.with(|c| c.current.is_some()) { tr!("meet-next-item") } else { tr!("meet-start") }}
                        </button>
                    </Show>
                    <Show when=move || clock.with(|c| c.started && !c.ended)>
                        <button type="button" class="big" on:click=finish>{move_tr!("meet-end")}</button>
                    </Show>
                </div>
            </Show>
            <Problem problem=problem />
            <section class="speaking" aria-labelledby="speaking-title">
                <h4 id="speaking-title">{move_tr!("meet-speaking")}</h4>
                <Show when=move || talk.with(|t| t.tiles.is_empty())>
                    <p class="empty-note">{move_tr!("meet-no-participants")}</p>
                </Show>
                <ul class="speakers">
                    // Keyed by person, figures read reactively: the tiles are
                    // not redrawn every second, so keyboard focus stays.
                    <For
                        each=move || talk.with(|t| t.tiles.iter().map(|tile| tile.person).collect::<Vec<_>>())
                        key=|person| *person
                        let:person
                    >
                        {
                            let tile = Memo::new(move |_| {
                                talk.with(|t| t.tiles.iter().find(|tile| tile.person == person).cloned())
                            });
                            let read = move |part: fn(&Tile) -> String| move || tile.with(|tile| tile.as_ref().map(part).unwrap_or_default());
                            let name = read(|tile| tile.name.clone());
                            let figures = read(|tile| {
                                format!("{} · {}", clock_text(tile.seconds), tr!("meet-share", { "percent" => percent(tile.share) }))
                            });
                            let aria = read(|tile| {
                                tr!("meet-speaker-label", {
                                    "name" => tile.name.clone(),
                                    "time" => clock_text(tile.seconds),
                                    "percent" => percent(tile.share),
                                    "turns" => tile.turns,
                                })
                            });
                            let speaking = move || tile.with(|tile| tile.as_ref().is_some_and(|tile| tile.speaking));
                            let queued = move || tile.with(|tile| tile.as_ref().and_then(|tile| tile.queued));
                            view! {
                                <li class="speaker" class:speaking=speaking data-person=person.to_string()>
                                    <Show
                                        when=runs
                                        fallback=move || {
                                            view! {
                                                <span class="speaker-tap">
                                                    <span class="speaker-name">{name}</span>
                                                    <span class="speaker-time">{figures}</span>
                                                </span>
                                            }
                                        }
                                    >
                                        <button
                                            type="button"
                                            class="speaker-tap"
                                            aria-pressed=move || speaking().to_string()
                                            aria-label=aria
                                            on:click=move |_| tap(person)
                                        >
                                            <span class="speaker-name">{name}</span>
                                            <span class="speaker-time">{figures}</span>
                                        </button>
                                        <button
                                            type="button"
                                            class="quiet small queue-toggle"
                                            aria-pressed=move || queued().is_some().to_string()
                                            aria-label=move || {
                                                if queued().is_some() {
                                                    tr!("meet-queue-leave", { "name" => name() })
                                                } else {
                                                    tr!("meet-queue-ask", { "name" => name() })
                                                }
                                            }
                                            on:click=move |_| toggle_queue(person, queued().is_some())
                                        >
                                            "✋"
                                            {move || queued().map(|place| format!(" {}", place + 1))}
                                        </button>
                                    </Show>
                                </li>
                            }
                        }
                    </For>
                </ul>
                <Show when=move || runs() && talk.with(|t| t.tiles.iter().any(|tile| tile.speaking))>
                    <button type="button" class="big" on:click=stop>{move_tr!("meet-stop-speaking")}</button>
                </Show>
                <p class="speaking-total">
                    {move || tr!("meet-total-speaking", { "time" => clock_text(talk.with(|t| t.total)) })}
                </p>
                <Balance balance=Signal::derive(move || talk.with(|t| t.balance)) />
                <div class="speaking-queue">
                    <h5>{move_tr!("meet-queue")}</h5>
                    {move || {
                        let waiting = talk.with(|t| t.queue.clone());
                        if waiting.is_empty() {
                            view! { <p class="empty-note">{move_tr!("meet-queue-empty")}</p> }.into_any()
                        } else {
                            view! {
                                <ol>
                                    {waiting.into_iter().map(|(_, name)| view! { <li>{name}</li> }).collect_view()}
                                </ol>
                            }
                            .into_any()
                        }
                    }}
                </div>
            </section>
        </section>
    }
}

/// How evenly speaking time is shared, as a meter and a word.
#[component]
fn Balance(balance: Signal<u32>) -> impl IntoView {
    let word = move || {
        let value = balance.get();
        if value >= 700 {
            tr!("meet-balance-even")
        } else if value >= 400 {
            tr!("meet-balance-uneven")
        } else {
            tr!("meet-balance-skewed")
        }
    };
    let level = move || {
        let value = balance.get();
        if value >= 700 {
            "even"
        } else if value >= 400 {
            "uneven"
        } else {
            "skewed"
        }
    };
    view! {
        <p class="balance" data-level=level>
            <label for="speaking-balance">{move_tr!("meet-balance")}</label>
            " "
            <meter id="speaking-balance" min="0" max="1000" low="400" high="700" optimum="1000" value=move || balance.get()></meter>
            " "
            <span class="balance-word">{move || tr!("meet-balance-value", { "percent" => percent(balance.get()), "word" => word() })}</span>
        </p>
    }
}
