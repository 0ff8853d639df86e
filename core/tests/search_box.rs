//! What the search box shows: results grouped by kind, a kit's versions and a
//! meeting's agenda items shown once as their kit or meeting, an index kept in
//! step by fingerprints, and the matched words marked on the original text.

mod support;

use archipel_core::search::{Group, Groups, highlight, present};
use archipel_core::{Change, Id, Kind, SearchIndex, Value, demo_state, fold};
use proptest::prelude::*;
use support::World;

fn create(world: &mut World, kind: Kind, fields: Vec<(&str, Value)>) -> Id {
    let id = world.admin.ids.next();
    world
        .admin
        .ok(&mut world.state, Change::create(kind, id, fields));
    id
}

fn kit_version(world: &mut World, kit: Id, number: i64, body: &str) -> Id {
    create(
        world,
        Kind::KitVersion,
        vec![
            ("kit", Value::Ref(kit)),
            ("number", Value::Int(number)),
            ("body", Value::text(body)),
        ],
    )
}

#[test]
fn a_kit_is_found_once_through_its_latest_version_only() {
    let mut world = World::new();
    let kit = create(
        &mut world,
        Kind::Kit,
        vec![("title", Value::text("Lancer un groupe local"))],
    );
    kit_version(
        &mut world,
        kit,
        1,
        "Accueillir les bénévoles autour d'un café.",
    );
    let index = SearchIndex::build(&world.state);
    let found = index.search_grouped("cafe", Groups::ALL, 5);
    assert_eq!(found.count(Group::Kit), 1);
    assert_eq!(found.groups[0].1[0].id, kit);
    assert_eq!(found.groups[0].1[0].hit.kind, Kind::KitVersion);

    // A second version drops the café: the first one no longer counts.
    let second = kit_version(&mut world, kit, 2, "Accueillir les bénévoles dehors.");
    let mut index = index;
    index.catch_up(&world.state);
    assert_eq!(index.search_grouped("cafe", Groups::ALL, 5).total(), 0);
    // A word of both the kit and its latest version: one result, the kit.
    let both = index.search_grouped("benevoles groupe", Groups::ALL, 5);
    assert_eq!(both.total(), 0, "no single record holds both words");
    let benevoles = index.search_grouped("benevoles", Groups::ALL, 5);
    assert_eq!(benevoles.count(Group::Kit), 1);
    assert_eq!(benevoles.groups[0].1[0].hit.id, second);
    let title = index.search_grouped("lancer", Groups::ALL, 5);
    assert_eq!(title.count(Group::Kit), 1);
    assert_eq!(title.groups[0].1[0].hit.id, kit);

    let shown = present(&world.state, &benevoles.groups[0].1[0], "benevoles", 40);
    assert_eq!(shown.title, "Lancer un groupe local");
    assert_eq!(shown.target, kit);
    assert_eq!(
        shown.detail.as_deref(),
        Some("Accueillir les bénévoles dehors.")
    );
}

#[test]
fn agenda_items_show_as_their_meeting_and_missions_open_their_pole() {
    let mut world = World::new();
    let meeting = create(
        &mut world,
        Kind::Meeting,
        vec![
            ("title", Value::text("Réunion de rentrée")),
            ("theme", Value::text("Rentrée")),
            ("starts_at", Value::Time(1_795_305_600_000)),
        ],
    );
    for title in ["Budget de rentrée", "Rentrée des classes"] {
        create(
            &mut world,
            Kind::AgendaItem,
            vec![
                ("meeting", Value::Ref(meeting)),
                ("title", Value::text(title)),
            ],
        );
    }
    let lumiere = world.lumiere;
    let mission = create(
        &mut world,
        Kind::Mission,
        vec![
            ("pole", Value::Ref(lumiere)),
            ("title", Value::text("Préparer le budget annuel")),
        ],
    );
    let index = SearchIndex::build(&world.state);
    let rentree = index.search_grouped("rentree", Groups::ALL, 5);
    assert_eq!(rentree.counts, vec![(Group::Meeting, 1)]);
    assert_eq!(
        rentree.groups[0].1[0].hit.id, meeting,
        "the meeting itself ranks first"
    );

    let budget = index.search_grouped("budget", Groups::ALL, 5);
    assert_eq!(
        budget.counts,
        vec![(Group::Mission, 1), (Group::Meeting, 1)]
    );
    let item = &budget.groups[1].1[0];
    assert_eq!(item.id, meeting);
    let shown = present(&world.state, item, "budget", 80);
    assert_eq!(shown.title, "Réunion de rentrée");
    assert_eq!(shown.detail.as_deref(), Some("Budget de rentrée"));
    let shown = present(&world.state, &budget.groups[0].1[0], "budget", 80);
    assert_eq!((shown.target, shown.detail), (world.lumiere, None));
    assert_ne!(shown.target, mission);
}

#[test]
fn groups_are_counted_whole_and_filtered_by_kind() {
    let mut ids = support::Ids::new(7);
    let state = demo_state(&mut || ids.next()).expect("demo");
    let index = SearchIndex::build(&state);
    let all = index.search_grouped("benevoles", Groups::ALL, 2);
    assert!(all.count(Group::Pole) >= 1, "{:?}", all.counts);
    assert!(all.count(Group::Task) >= 1, "{:?}", all.counts);
    let order: Vec<Group> = all.counts.iter().map(|(group, _)| *group).collect();
    let mut sorted = order.clone();
    sorted.sort();
    assert_eq!(order, sorted, "groups in display order");
    for (group, list) in &all.groups {
        assert!(list.len() <= 2);
        assert_eq!(list.len(), all.count(*group).min(2));
        assert!(list.iter().all(|found| found.group == *group));
    }
    let flat: usize = index
        .search("benevoles")
        .iter()
        .filter(|hit| Group::of(hit.kind).is_some() && hit.kind != Kind::KitVersion)
        .count();
    assert!(all.total() <= flat + 10);

    let tasks = index.search_grouped("benevoles", Group::Task.bit(), 50);
    assert_eq!(
        tasks.counts, all.counts,
        "counts do not depend on the filter"
    );
    assert_eq!(tasks.groups.len(), 1);
    assert_eq!(tasks.groups[0].0, Group::Task);
    assert_eq!(tasks.groups[0].1.len(), all.count(Group::Task));
    assert!(
        index
            .search_grouped("benevoles", Groups::default(), 5)
            .groups
            .is_empty()
    );

    let pole = all.groups[0].1[0].clone();
    assert_eq!(pole.group, Group::Pole);
    let shown = present(&state, &pole, "benevoles", 80);
    assert!(
        shown
            .detail
            .as_deref()
            .is_some_and(|text| text.contains("bénévoles"))
    );
}

#[test]
fn catching_up_reindexes_only_what_changed() {
    let mut world = World::new();
    let mut index = SearchIndex::build(&world.state);
    assert_eq!(index.catch_up(&world.state), 0);
    let pole = create(
        &mut world,
        Kind::Pole,
        vec![
            ("name", Value::text("Jardins")),
            ("kind", Value::text("pole")),
        ],
    );
    assert_eq!(index.catch_up(&world.state), 1);
    world.admin.ok(
        &mut world.state,
        Change::set(pole, "name", Value::text("Vergers"), 0),
    );
    assert_eq!(index.catch_up(&world.state), 1);
    assert!(index.search("jardins").is_empty());
    assert_eq!(index.search("verger")[0].id, pole);

    // A copy of the state rebuilt from scratch (as a device's view after a
    // pull) changes nothing.
    let copy = world.state.clone();
    assert_eq!(index.catch_up(&copy), 0);

    world
        .admin
        .ok(&mut world.state, Change::Delete { id: pole });
    assert_eq!(index.catch_up(&world.state), 1);
    assert!(index.search("verger").is_empty());

    // A record gone from the state (a discarded pending creation) is forgotten.
    let before = world.state.clone();
    create(
        &mut world,
        Kind::Pole,
        vec![
            ("name", Value::text("Ruches")),
            ("kind", Value::text("pole")),
        ],
    );
    index.catch_up(&world.state);
    assert_eq!(index.search("ruches").len(), 1);
    assert_eq!(index.catch_up(&before), 1);
    assert!(index.search("ruches").is_empty());
    let fresh = SearchIndex::build(&before);
    assert_eq!(index.len(), fresh.len());
    assert_eq!(index.word_count(), fresh.word_count());
}

/// Words made of letters people type, some accented.
fn word() -> impl Strategy<Value = String> {
    proptest::collection::vec(
        prop::sample::select(vec![
            'a', 'b', 'e', 'é', 'è', 'o', 'ô', 'l', 's', 'ç', 'E', 'É',
        ]),
        1..7,
    )
    .prop_map(|letters| letters.into_iter().collect())
}

fn text() -> impl Strategy<Value = String> {
    proptest::collection::vec(
        (
            word(),
            prop::sample::select(vec![" ", ", ", "-", " « ", "’", "\u{a0}"]),
        ),
        1..8,
    )
    .prop_map(|parts| parts.into_iter().map(|(w, gap)| w + gap).collect())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn highlighted_words_begin_with_a_query_word(text in text(), query in word()) {
        let folded_query = fold(&query);
        let segments = highlight(&text, &query);
        let mut at = 0;
        for segment in &segments {
            prop_assert_eq!(segment.start, at);
            at = segment.end;
            let folded = fold(&text[segment.start..segment.end]);
            if segment.matched {
                prop_assert!(folded.starts_with(&folded_query), "{folded} / {folded_query}");
            } else {
                prop_assert!(
                    folded.split(' ').all(|word| !word.starts_with(&folded_query)),
                    "{folded} unmarked for {folded_query}"
                );
            }
        }
        prop_assert_eq!(at, text.len());
    }

    #[test]
    fn a_record_found_by_a_query_is_found_by_its_prefixes(
        texts in proptest::collection::vec(text(), 1..6),
        pick in any::<prop::sample::Index>(),
        cut in any::<prop::sample::Index>(),
    ) {
        let mut world = World::new();
        let ids: Vec<Id> = texts
            .iter()
            .map(|description| {
                create(
                    &mut world,
                    Kind::Task,
                    vec![
                        ("title", Value::text("Tâche")),
                        ("description", Value::text(description.as_str())),
                    ],
                )
            })
            .collect();
        let index = SearchIndex::build(&world.state);
        let chosen = pick.index(texts.len());
        let words: Vec<&str> = texts[chosen].split_whitespace().collect();
        let query = words[..=cut.index(words.len())].join(" ");
        let found = |query: &str| {
            index
                .search_grouped(query, Groups::ALL, usize::MAX)
                .groups
                .iter()
                .flat_map(|(_, list)| list.iter().map(|found| found.id))
                .collect::<Vec<Id>>()
        };
        prop_assert!(found(&query).contains(&ids[chosen]));
        for end in (1..query.len()).filter(|end| query.is_char_boundary(*end)) {
            let prefix = &query[..end];
            if fold(prefix).is_empty() {
                continue;
            }
            prop_assert!(found(prefix).contains(&ids[chosen]), "{prefix:?} of {query:?}");
        }
    }
}
