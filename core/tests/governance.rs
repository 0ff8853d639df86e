//! The governance board's logic: vacancies becoming needs, accepting a match,
//! the task pool, availability, arrivals and departures, the meeting console,
//! speaking time, the decisions log and who worked on what.

mod support;

use archipel_core::governance::{
    AcceptError, Cover, DecisionFilter, TaskFilter, Trace, accept_match, agenda, arrivals,
    ask_to_speak, check_agenda, console, decisions, end_meeting, hand_over_role, handover,
    need_for_vacancy, onboarding, queue, role_covers, skills_directory, speaking, start_item,
    switch_off, switch_on, take_task, tap_speaker, task_pool, tasks_for, to_review, vacancies,
    worked_on,
};
use archipel_core::queries::{pole_health, suggestions_for_need};
use archipel_core::{Access, Actor, Change, Date, Id, Kind, State, Value};
use proptest::prelude::*;
use support::{Device, World, refused};

fn today() -> Date {
    Date::from_ymd(2026, 11, 22).expect("a date")
}

fn day(text: &str) -> Date {
    text.parse().expect("a date")
}

fn create(world: &mut World, kind: Kind, fields: Vec<(&str, Value)>) -> Id {
    let id = world.admin.ids.next();
    world
        .admin
        .ok(&mut world.state, Change::create(kind, id, fields));
    id
}

fn apply_all(world: &mut World, changes: Vec<Change>) {
    for change in changes {
        world.admin.ok(&mut world.state, change);
    }
}

fn person(world: &mut World, name: &str, fields: Vec<(&str, Value)>) -> Id {
    let mut all = vec![("display_name", Value::text(name))];
    all.extend(fields);
    create(world, Kind::Person, all)
}

fn assign(world: &mut World, person: Id, pole: Id, role: &str) -> Id {
    create(
        world,
        Kind::RoleAssignment,
        vec![
            ("person", Value::Ref(person)),
            ("pole", Value::Ref(pole)),
            ("role", Value::text(role)),
        ],
    )
}

fn task(world: &mut World, title: &str, minutes: i64, skills: &[&str]) -> Id {
    create(
        world,
        Kind::Task,
        vec![
            ("title", Value::text(title)),
            ("pole", Value::Ref(world.lumiere)),
            ("size_minutes", Value::Int(minutes)),
            ("skills", Value::set(skills.iter().copied())),
        ],
    )
}

fn member(world: &World, person: Id, tag: u8) -> Device {
    let _ = world;
    Device::new(tag, Actor::new(person, Access::Member))
}

fn record(world: &World, id: Id) -> archipel_core::Record {
    world.state.existing(id).expect("the record").clone()
}

#[test]
fn a_vacancy_becomes_a_need_an_offer_matches_and_accepting_fills_the_role() {
    let mut world = World::new();
    let lumiere = world.lumiere;
    let vacancy = vacancies(&world.state, today())
        .into_iter()
        .find(|v| v.pole == lumiere && v.role == "facilitator")
        .expect("LUMIÈRE has no facilitator");
    assert_eq!(vacancy.need, None);

    let need = world.admin.ids.next();
    world.admin.ok(
        &mut world.state,
        need_for_vacancy(need, lumiere, "facilitator", "Facilitation de LUMIÈRE"),
    );
    world.admin.ok(
        &mut world.state,
        Change::set(need, "skills", Value::set(["Facilitation", "Écoute"]), 0),
    );
    let vacancy = vacancies(&world.state, today())
        .into_iter()
        .find(|v| v.pole == lumiere && v.role == "facilitator")
        .expect("still vacant until filled");
    assert_eq!(vacancy.need, Some(need), "the vacancy shows its need");

    // Claire, a member, offers help with her own device.
    let claire = world.claire;
    let mut device = member(&world, claire, 0xC1);
    let offer = device.ids.next();
    device.ok(
        &mut world.state,
        Change::create(
            Kind::Offer,
            offer,
            [
                ("person", Value::Ref(claire)),
                ("skills", Value::set(["facilitation", "ecoute"])),
                ("hours_per_week", Value::Int(2)),
            ],
        ),
    );
    let suggestions = suggestions_for_need(&world.state, need, today(), 5);
    let best = suggestions.first().expect("Claire is suggested");
    assert_eq!((best.person, best.offer), (claire, Some(offer)));
    assert_eq!(best.matched_skills.len(), 2);

    let assignment = world.admin.ids.next();
    let changes = accept_match(
        &world.state,
        need,
        claire,
        Some(offer),
        Some(world.yann),
        assignment,
        today(),
    )
    .expect("an open need");
    apply_all(&mut world, changes);

    let health = pole_health(&world.state, lumiere, today()).expect("the pôle");
    let facilitator = health
        .roles
        .iter()
        .find(|gap| gap.role == "facilitator")
        .expect("a required facilitator");
    assert_eq!(
        (facilitator.missing, facilitator.holders.clone()),
        (0, vec![claire])
    );
    assert!(
        !vacancies(&world.state, today())
            .iter()
            .any(|v| v.pole == lumiere && v.role == "facilitator"),
        "the vacancy is gone"
    );
    assert_eq!(record(&world, need).text("status"), Some("filled"));
    assert_eq!(record(&world, offer).text("status"), Some("matched"));
    assert_eq!(record(&world, claire).reference("tutor"), Some(world.yann));
    assert_eq!(
        accept_match(
            &world.state,
            need,
            claire,
            None,
            None,
            world.admin.ids.next(),
            today()
        ),
        Err(AcceptError::NeedNotOpen),
        "a filled need cannot be accepted twice"
    );
}

#[test]
fn nobody_tutors_themselves() {
    let mut world = World::new();
    let lumiere = world.lumiere;
    let need = world.admin.ids.next();
    world.admin.ok(
        &mut world.state,
        need_for_vacancy(need, lumiere, "welcome", "Accueil"),
    );
    let claire = world.claire;
    let id = world.admin.ids.next();
    assert_eq!(
        accept_match(&world.state, need, claire, None, Some(claire), id, today()),
        Err(AcceptError::OwnTutor)
    );
}

#[test]
fn the_pool_filters_by_time_skill_pole_and_words_smallest_first() {
    let mut world = World::new();
    let long = task(&mut world, "Écrire la charte", 120, &["Rédaction"]);
    let short = task(
        &mut world,
        "Relire la NL",
        20,
        &["rédaction", "orthographe"],
    );
    let half = task(&mut world, "Appeler les bénévoles", 30, &["Écoute"]);
    let centre = world.centre;
    let other_pole = create(
        &mut world,
        Kind::Task,
        vec![
            ("title", Value::text("Ranger le local")),
            ("pole", Value::Ref(centre)),
            ("size_minutes", Value::Int(15)),
        ],
    );
    let all = task_pool(&world.state, &TaskFilter::default());
    assert_eq!(all, vec![other_pole, short, half, long]);
    let thirty = TaskFilter {
        max_minutes: Some(30),
        pole: Some(world.lumiere),
        ..TaskFilter::default()
    };
    assert_eq!(task_pool(&world.state, &thirty), vec![short, half]);
    let writing = TaskFilter {
        skill: Some("redac".into()),
        ..TaskFilter::default()
    };
    assert_eq!(task_pool(&world.state, &writing), vec![short, long]);
    let words = TaskFilter {
        text: Some("benevoles".into()),
        ..TaskFilter::default()
    };
    assert_eq!(task_pool(&world.state, &words), vec![half]);

    // Taken tasks leave the pool.
    let claire = world.claire;
    let mut device = member(&world, claire, 0xC2);
    let change = take_task(&record(&world, half), claire);
    device.ok(&mut world.state, change);
    assert!(!task_pool(&world.state, &TaskFilter::default()).contains(&half));
}

#[test]
fn nothing_is_pushed_to_someone_who_is_off_and_one_tap_brings_them_back() {
    let mut world = World::new();
    let claire = world.claire;
    world.admin.ok(
        &mut world.state,
        Change::set(claire, "skills", Value::set(["Rédaction"]), 0),
    );
    let writing = task(&mut world, "Écrire la charte", 120, &["redaction"]);
    task(&mut world, "Souder", 30, &["soudure"]);
    assert_eq!(tasks_for(&world.state, claire, today(), 5), vec![writing]);

    let mut device = member(&world, claire, 0xC3);
    let off = switch_off(&record(&world, claire), Some(day("2026-12-15")));
    device.ok(&mut world.state, off);
    assert!(tasks_for(&world.state, claire, today(), 5).is_empty());
    // The break ends by itself on its date…
    assert_eq!(
        tasks_for(&world.state, claire, day("2026-12-15"), 5),
        vec![writing]
    );
    // …or with one tap.
    let on = switch_on(&record(&world, claire));
    device.ok(&mut world.state, on);
    assert_eq!(tasks_for(&world.state, claire, today(), 5), vec![writing]);
}

#[test]
fn someone_elses_availability_is_not_theirs_to_switch() {
    let mut world = World::new();
    let (claire, yann) = (world.claire, world.yann);
    let mut device = member(&world, claire, 0xC4);
    let change = switch_off(&record(&world, yann), None);
    assert_eq!(
        refused(&device.send(&mut world.state, change)),
        Some("forbidden")
    );
}

#[test]
fn an_off_persons_roles_are_covered_by_an_available_co_holder_or_at_risk() {
    let mut world = World::new();
    let (lumiere, claire, yann) = (world.lumiere, world.claire, world.yann);
    let shared = assign(&mut world, claire, lumiere, "referent");
    assign(&mut world, yann, lumiere, "referent");
    let alone = assign(&mut world, claire, lumiere, "welcome");
    assert!(
        role_covers(&world.state, claire, today())
            .iter()
            .all(|cover| cover.cover == Cover::Held)
    );
    let change = switch_off(&record(&world, claire), None);
    world.admin.ok(&mut world.state, change);
    let covers = role_covers(&world.state, claire, today());
    let of = |assignment: Id| {
        covers
            .iter()
            .find(|cover| cover.assignment == assignment)
            .map(|cover| cover.cover.clone())
    };
    assert_eq!(of(shared), Some(Cover::CoveredBy(vec![yann])));
    assert_eq!(of(alone), Some(Cover::AtRisk));
}

#[test]
fn leaving_completes_only_once_every_role_and_task_is_handed_over() {
    let mut world = World::new();
    let (lumiere, claire, yann) = (world.lumiere, world.claire, world.yann);
    let role = assign(&mut world, claire, lumiere, "referent");
    let chore = task(&mut world, "Archiver les photos", 60, &[]);
    let mut device = member(&world, claire, 0xC5);
    let change = take_task(&record(&world, chore), claire);
    device.ok(&mut world.state, change);

    world.admin.ok(
        &mut world.state,
        Change::set(claire, "status", Value::text("leaving"), 0),
    );
    let pending = handover(&world.state, claire);
    assert_eq!(
        (pending.roles.clone(), pending.tasks.clone()),
        (vec![role], vec![chore])
    );
    let leave = |world: &World| {
        Change::set(
            claire,
            "status",
            Value::text("left"),
            record(world, claire).version_of("status"),
        )
    };
    let change = leave(&world);
    assert_eq!(
        refused(&world.admin.send(&mut world.state, change)),
        Some("invalid_combination"),
        "roles and tasks are still held"
    );

    let successor = world.admin.ids.next();
    let changes = hand_over_role(&record(&world, role), Some(yann), successor, today());
    apply_all(&mut world, changes);
    let change = leave(&world);
    assert!(
        refused(&world.admin.send(&mut world.state, change)).is_some(),
        "the task is still held"
    );
    let release = archipel_core::governance::release_task(&record(&world, chore));
    device.ok(&mut world.state, release);
    assert!(handover(&world.state, claire).is_empty());
    let change = leave(&world);
    world.admin.ok(&mut world.state, change);

    let health = pole_health(&world.state, lumiere, today()).expect("the pôle");
    let referents = health
        .roles
        .iter()
        .find(|gap| gap.role == "referent")
        .expect("referents are required");
    assert_eq!(referents.holders, vec![yann], "Yann took over the role");
    assert!(task_pool(&world.state, &TaskFilter::default()).contains(&chore));
}

#[test]
fn a_newcomers_checklist_fills_in_with_a_tutor_a_kit_and_a_task() {
    let mut world = World::new();
    let yann = world.yann;
    let newcomer = person(
        &mut world,
        "Inès",
        vec![("joined_on", Value::Date(day("2026-11-10")))],
    );
    person(
        &mut world,
        "Ancien",
        vec![("joined_on", Value::Date(day("2025-01-10")))],
    );
    let list = arrivals(&world.state, today(), 90);
    assert_eq!(list.len(), 1);
    assert_eq!((list[0].person, list[0].steps_done()), (newcomer, 0));

    world.admin.ok(
        &mut world.state,
        Change::set(newcomer, "tutor", Value::Ref(yann), 0),
    );
    let kit = create(
        &mut world,
        Kind::Kit,
        vec![("title", Value::text("Accueil"))],
    );
    let version = create(
        &mut world,
        Kind::KitVersion,
        vec![("kit", Value::Ref(kit)), ("number", Value::Int(1))],
    );
    let mut device = member(&world, newcomer, 0xC6);
    let run = device.ids.next();
    device.ok(
        &mut world.state,
        Change::create(
            Kind::KitRun,
            run,
            [
                ("kit", Value::Ref(kit)),
                ("version", Value::Ref(version)),
                ("person", Value::Ref(newcomer)),
            ],
        ),
    );
    let chore = task(&mut world, "Tenir le stand", 30, &[]);
    let change = take_task(&record(&world, chore), newcomer);
    device.ok(&mut world.state, change);
    let checklist = onboarding(&world.state, newcomer).expect("a person");
    assert_eq!(
        (checklist.tutor, checklist.first_kit, checklist.first_task),
        (Some(yann), Some(run), Some(chore))
    );
    assert!(checklist.is_complete());
}

fn meeting_with_items(world: &mut World, length: i64, boxes: &[i64]) -> (Id, Vec<Id>) {
    let meeting = create(
        world,
        Kind::Meeting,
        vec![
            ("title", Value::text("Réunion stratégique")),
            ("theme", Value::text("Recrutement")),
            ("starts_at", Value::Time(1_795_000_000_000)),
            ("duration_minutes", Value::Int(length)),
            (
                "participants",
                Value::Refs([world.claire, world.yann].into_iter().collect()),
            ),
        ],
    );
    let keys = archipel_core::validate::order_keys_after(None, boxes.len());
    let items = boxes
        .iter()
        .zip(keys)
        .map(|(&minutes, order)| {
            create(
                world,
                Kind::AgendaItem,
                vec![
                    ("meeting", Value::Ref(meeting)),
                    ("title", Value::text(format!("Point {order}"))),
                    ("timebox_minutes", Value::Int(minutes)),
                    ("order", Value::text(order)),
                ],
            )
        })
        .collect();
    (meeting, items)
}

#[test]
fn the_agenda_total_is_checked_against_the_meeting_length() {
    let mut world = World::new();
    let (meeting, _) = meeting_with_items(&mut world, 60, &[20, 30, 25]);
    let check = check_agenda(&world.state, meeting);
    assert_eq!((check.planned, check.over_by(), check.spare()), (75, 15, 0));
    let (fits, _) = meeting_with_items(&mut world, 90, &[20, 30]);
    let check = check_agenda(&world.state, fits);
    assert_eq!((check.over_by(), check.spare()), (0, 40));
}

const T0: i64 = 1_795_000_000_000;
const MINUTE: i64 = 60_000;

#[test]
fn the_console_counts_down_from_timestamps_and_shows_the_overrun() {
    let mut world = World::new();
    let (meeting, items) = meeting_with_items(&mut world, 60, &[10, 20, 5]);
    let idle = console(&world.state, meeting, T0);
    assert_eq!((idle.current, idle.next), (None, Some(items[0])));

    let changes = start_item(&world.state, meeting, items[0], T0);
    apply_all(&mut world, changes);
    // Seven minutes later (the phone slept in between: no ticks counted).
    let view = console(&world.state, meeting, T0 + 7 * MINUTE);
    let clock = view.current.expect("an item under way");
    assert_eq!(
        (clock.item, clock.remaining(), clock.overrun()),
        (items[0], Some(180), 0)
    );
    assert_eq!(view.next, Some(items[1]));
    let late = console(&world.state, meeting, T0 + 12 * MINUTE)
        .current
        .expect("still under way");
    assert_eq!((late.remaining(), late.overrun()), (Some(-120), 120));

    let changes = start_item(&world.state, meeting, items[1], T0 + 12 * MINUTE);
    apply_all(&mut world, changes);
    let view = console(&world.state, meeting, T0 + 13 * MINUTE);
    assert_eq!(view.done, vec![items[0]]);
    assert_eq!(view.current.map(|c| c.item), Some(items[1]));
    assert_eq!(view.next, Some(items[2]));

    let changes = end_meeting(&world.state, meeting, T0 + 40 * MINUTE);
    apply_all(&mut world, changes);
    let view = console(&world.state, meeting, T0 + 41 * MINUTE);
    assert!(view.ended && view.current.is_none() && view.next.is_none());
    assert_eq!(view.done, vec![items[0], items[1]]);
    assert_eq!(agenda(&world.state, meeting).len(), 3);
}

#[test]
fn speaking_time_comes_from_timestamps_and_a_tap_switches_speakers() {
    let mut world = World::new();
    let (claire, yann) = (world.claire, world.yann);
    let (meeting, _) = meeting_with_items(&mut world, 60, &[30]);
    let queued = ask_to_speak(&world.state, meeting, yann).expect("Yann asks");
    world.admin.ok(&mut world.state, queued);
    assert_eq!(queue(&world.state, meeting), vec![yann]);
    assert_eq!(
        ask_to_speak(&world.state, meeting, yann),
        None,
        "once in the queue"
    );

    let turn = world.admin.ids.next();
    let changes = tap_speaker(&world.state, meeting, claire, turn, None, T0);
    apply_all(&mut world, changes);
    // Claire has spoken for 90 s: counted from her start, not from ticks.
    let live = speaking(&world.state, meeting, T0 + 90_000);
    assert_eq!(live.speaker.map(|(_, who)| who), Some(claire));
    assert_eq!(live.total, 90);

    let turn = world.admin.ids.next();
    let changes = tap_speaker(&world.state, meeting, yann, turn, None, T0 + 90_000);
    apply_all(&mut world, changes);
    assert!(
        queue(&world.state, meeting).is_empty(),
        "Yann left the queue"
    );
    let turn = world.admin.ids.next();
    let changes = tap_speaker(&world.state, meeting, yann, turn, None, T0 + 120_000);
    apply_all(&mut world, changes);
    let done = speaking(&world.state, meeting, T0 + 3_600_000);
    assert_eq!(done.speaker, None, "a second tap stops the speaker");
    let totals: Vec<(Id, i64, u32)> = done
        .totals
        .iter()
        .map(|t| (t.person, t.seconds, t.share))
        .collect();
    assert_eq!(totals, vec![(claire, 90, 750), (yann, 30, 250)]);
    assert_eq!(done.total, 120);
    assert!(done.balance < 1000 && done.balance > 0);
}

#[test]
fn decisions_filter_search_and_list_what_to_review_this_month() {
    let mut world = World::new();
    let lumiere = world.lumiere;
    let decision =
        |world: &mut World, title: &str, process: &str, decided: &str, review: Option<&str>| {
            let mut fields = vec![
                ("title", Value::text(title)),
                ("process", Value::text(process)),
                ("status", Value::text("adopted")),
                ("decided_on", Value::Date(day(decided))),
                ("pole", Value::Ref(lumiere)),
            ];
            if let Some(review) = review {
                fields.push(("review_on", Value::Date(day(review))));
            }
            create(world, Kind::Decision, fields)
        };
    let charter = decision(
        &mut world,
        "Adopter la charte des bénévoles",
        "consent",
        "2026-09-01",
        Some("2026-11-30"),
    );
    let overdue = decision(
        &mut world,
        "Réunions à thème unique",
        "consensus",
        "2026-03-01",
        Some("2026-10-01"),
    );
    let later = decision(
        &mut world,
        "Budget",
        "vote",
        "2026-10-15",
        Some("2027-01-15"),
    );
    assert_eq!(
        decisions(&world.state, &DecisionFilter::default()),
        vec![later, charter, overdue]
    );
    let search = DecisionFilter {
        text: Some("benevole".into()),
        ..DecisionFilter::default()
    };
    assert_eq!(decisions(&world.state, &search), vec![charter]);
    let by_process = DecisionFilter {
        process: Some("vote".into()),
        ..DecisionFilter::default()
    };
    assert_eq!(decisions(&world.state, &by_process), vec![later]);
    assert_eq!(to_review(&world.state, today()), vec![overdue, charter]);
}

#[test]
fn the_skills_directory_folds_spellings_and_who_worked_on_a_subject_comes_from_history() {
    let mut world = World::new();
    let (lumiere, claire, yann) = (world.lumiere, world.claire, world.yann);
    world.admin.ok(
        &mut world.state,
        Change::set(claire, "skills", Value::set(["Vidéo", "Montage"]), 0),
    );
    world.admin.ok(
        &mut world.state,
        Change::set(yann, "skills", Value::set(["video"]), 0),
    );
    let directory = skills_directory(&world.state, "");
    assert_eq!(directory[0].people, vec![claire, yann]);
    assert_eq!(fold_name(&directory[0].skill), "video");
    assert_eq!(skills_directory(&world.state, "mont").len(), 1);

    // Yann held a role in LUMIÈRE until the summer: history counts.
    let past = create(
        &mut world,
        Kind::RoleAssignment,
        vec![
            ("person", Value::Ref(yann)),
            ("pole", Value::Ref(lumiere)),
            ("role", Value::text("referent")),
            ("since", Value::Date(day("2025-01-01"))),
            ("until", Value::Date(day("2026-06-30"))),
        ],
    );
    let found = worked_on(&world.state, "lumiere", today());
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].person, yann);
    assert_eq!(
        found[0].traces,
        vec![Trace::Role {
            assignment: past,
            current: false
        }]
    );
}

fn fold_name(text: &str) -> String {
    archipel_core::fold(text)
}

fn arbitrary_turns() -> impl Strategy<Value = Vec<(usize, i64, Option<i64>)>> {
    prop::collection::vec(
        (0..4usize, 0..3_600_000i64, prop::option::of(0..3_600i64)),
        0..30,
    )
}

proptest! {
    /// Whatever the turns, totals add up, shares add up to about 1000 and
    /// the balance stays within 0..=1000.
    #[test]
    fn speaking_totals_add_up(turns in arbitrary_turns(), later in 0..7_200_000i64) {
        let mut world = World::new();
        let people: Vec<Id> = (0..4).map(|i| person(&mut world, &format!("P{i}"), vec![])).collect();
        let (meeting, _) = meeting_with_items(&mut world, 60, &[]);
        let mut expected = 0;
        let now = T0 + 3_600_000 + later;
        for (who, start, duration) in &turns {
            let mut fields = vec![
                ("meeting", Value::Ref(meeting)),
                ("person", Value::Ref(people[*who])),
                ("started_at", Value::Time(T0 + start)),
            ];
            match duration {
                Some(seconds) => {
                    fields.push(("duration_seconds", Value::Int(*seconds)));
                    expected += seconds;
                }
                None => expected += (now - T0 - start) / 1000,
            }
            create(&mut world, Kind::SpeakingTurn, fields);
        }
        let result = speaking(&world.state, meeting, now);
        prop_assert_eq!(result.total, expected);
        prop_assert_eq!(result.totals.iter().map(|t| t.seconds).sum::<i64>(), expected);
        let shares: u32 = result.totals.iter().map(|t| t.share).sum();
        if expected > 0 {
            prop_assert!(shares <= 1000 && shares + result.totals.len() as u32 >= 1000);
        }
        prop_assert!(result.balance <= 1000);
    }

    /// Accepting any suggestion for any open role need leaves that role
    /// with one more holder and never creates a need or vacancy out of nothing.
    #[test]
    fn accepting_a_suggestion_reduces_the_vacancy(role in prop::sample::select(vec!["referent", "facilitator", "welcome"]), pick in 0..3usize) {
        let mut world = World::new();
        let lumiere = world.lumiere;
        let people: Vec<Id> = (0..3)
            .map(|i| person(&mut world, &format!("P{i}"), vec![("skills", Value::set(["accueil"]))]))
            .collect();
        let need = world.admin.ids.next();
        world.admin.ok(&mut world.state, need_for_vacancy(need, lumiere, role, "Besoin"));
        world.admin.ok(&mut world.state, Change::set(need, "skills", Value::set(["Accueil"]), 0));
        let missing_before = vacancies(&world.state, today())
            .iter()
            .find(|v| v.pole == lumiere && v.role == role)
            .map_or(0, |v| v.missing);
        let suggestions = suggestions_for_need(&world.state, need, today(), 3);
        prop_assert_eq!(suggestions.len(), 3);
        let chosen = suggestions[pick].person;
        prop_assert!(people.contains(&chosen));
        let id = world.admin.ids.next();
        let changes = accept_match(&world.state, need, chosen, None, None, id, today()).expect("open");
        apply_all(&mut world, changes);
        let missing_after = vacancies(&world.state, today())
            .iter()
            .find(|v| v.pole == lumiere && v.role == role)
            .map_or(0, |v| v.missing);
        prop_assert_eq!(missing_after, missing_before - 1);
        prop_assert!(suggestions_for_need(&world.state, need, today(), 3).is_empty());
    }
}

#[test]
fn a_state_without_governance_records_has_empty_answers() {
    let state = State::new();
    assert!(vacancies(&state, today()).is_empty());
    assert!(task_pool(&state, &TaskFilter::default()).is_empty());
    assert!(to_review(&state, today()).is_empty());
    assert!(skills_directory(&state, "").is_empty());
}
