//! Searching every record: what people type, and what they find.

mod support;

use archipel_core::{Change, Id, Kind, SearchIndex, State, Step, Value, fold};
use support::World;

/// The ids found for `query`, best first.
fn ids(index: &SearchIndex, query: &str) -> Vec<Id> {
    index.search(query).into_iter().map(|hit| hit.id).collect()
}

fn create(world: &mut World, kind: Kind, fields: Vec<(&str, Value)>) -> Id {
    let id = world.admin.ids.next();
    world
        .admin
        .ok(&mut world.state, Change::create(kind, id, fields));
    id
}

fn pole(world: &mut World, name: &str, description: &str) -> Id {
    create(
        world,
        Kind::Pole,
        vec![
            ("name", Value::text(name)),
            ("kind", Value::text("pole")),
            ("description", Value::text(description)),
        ],
    )
}

#[test]
fn pole_finds_pole_with_accent() {
    let mut world = World::new();
    let accueil = pole(&mut world, "Pôle accueil", "");
    let index = SearchIndex::build(&world.state);
    assert_eq!(ids(&index, "pole"), vec![accueil]);
    assert_eq!(ids(&index, "PÔLE"), vec![accueil]);
}

#[test]
fn benevoles_finds_benevoles_with_accents() {
    let mut world = World::new();
    let lumiere = world.lumiere;
    let need = create(
        &mut world,
        Kind::Need,
        vec![
            ("pole", Value::Ref(lumiere)),
            ("title", Value::text("Renfort")),
            (
                "description",
                Value::text("Accueillir les nouveaux bénévoles"),
            ),
        ],
    );
    let index = SearchIndex::build(&world.state);
    let hits = index.search("benevoles");
    assert_eq!(hits.len(), 1);
    assert_eq!(hits[0].id, need);
    assert_eq!(hits[0].kind, Kind::Need);
    assert_eq!(hits[0].field, "description");
}

#[test]
fn site_web_with_a_hyphen_finds_site_web_with_a_space() {
    let mut world = World::new();
    let lumiere = world.lumiere;
    let mission = create(
        &mut world,
        Kind::Mission,
        vec![
            ("pole", Value::Ref(lumiere)),
            ("title", Value::text("Site web")),
        ],
    );
    let index = SearchIndex::build(&world.state);
    assert_eq!(ids(&index, "site-web"), vec![mission]);
    assert_eq!(ids(&index, "Site, Web!"), vec![mission]);
}

#[test]
fn a_half_typed_word_finds_the_record() {
    let world = World::new();
    let index = SearchIndex::build(&world.state);
    assert_eq!(ids(&index, "l"), ids(&index, "lumiere"));
    assert_eq!(ids(&index, "lum"), vec![world.lumiere]);
    assert_eq!(ids(&index, "strat"), vec![world.centre]);
    assert!(
        ids(&index, "umiere").is_empty(),
        "only beginnings of words match"
    );
}

#[test]
fn every_word_of_the_query_must_match() {
    let mut world = World::new();
    let newsletter = pole(&mut world, "Newsletter", "Écrire la lettre mensuelle");
    let letters = pole(&mut world, "Courrier", "Répondre aux lettres reçues");
    let index = SearchIndex::build(&world.state);
    let mut both = ids(&index, "lettre");
    both.sort();
    let mut expected = vec![newsletter, letters];
    expected.sort();
    assert_eq!(both, expected);
    assert_eq!(ids(&index, "lettre mens"), vec![newsletter]);
    assert_eq!(ids(&index, "mens lettre"), vec![newsletter]);
    assert!(ids(&index, "lettre absente").is_empty());
}

#[test]
fn a_name_match_ranks_before_a_description_match() {
    let mut world = World::new();
    let described = pole(
        &mut world,
        "Coordination",
        "Travaille avec le pôle graphisme",
    );
    let named = pole(&mut world, "Graphisme", "Affiches et visuels");
    let index = SearchIndex::build(&world.state);
    let hits = index.search("graph");
    assert_eq!(
        hits.iter().map(|hit| hit.id).collect::<Vec<_>>(),
        vec![named, described]
    );
    assert_eq!(hits[0].field, "name");
    assert_eq!(hits[1].field, "description");
}

#[test]
fn a_record_matching_in_more_fields_ranks_first() {
    let mut world = World::new();
    let once = pole(&mut world, "Presse", "Relations avec les journalistes");
    let twice = create(
        &mut world,
        Kind::Pole,
        vec![
            ("name", Value::text("Presse locale")),
            ("kind", Value::text("pole")),
            (
                "description",
                Value::text("Écrire aux rédactions de presse"),
            ),
        ],
    );
    let index = SearchIndex::build(&world.state);
    let hits = index.search("presse");
    assert_eq!(
        hits.iter().map(|hit| hit.id).collect::<Vec<_>>(),
        vec![twice, once]
    );
    assert_eq!(hits[0].fields, vec!["name", "description"]);
}

#[test]
fn a_whole_word_ranks_before_a_word_it_only_begins() {
    let mut world = World::new();
    let longer = pole(&mut world, "Comment faire", "");
    let exact = pole(&mut world, "Comm", "");
    let index = SearchIndex::build(&world.state);
    assert_eq!(ids(&index, "comm"), vec![exact, longer]);
}

#[test]
fn skills_lists_and_sets_are_searched() {
    let mut world = World::new();
    let claire = world.claire;
    world.admin.ok(
        &mut world.state,
        Change::Add {
            id: claire,
            field: "skills".into(),
            items: Value::set(["Vidéo", "Montage"]),
        },
    );
    world.admin.ok(
        &mut world.state,
        Change::set(
            world.lumiere,
            "purpose",
            Value::list(["Rendre visibles les actions du collectif"]),
            0,
        ),
    );
    let index = SearchIndex::build(&world.state);
    let hits = index.search("video");
    assert_eq!(hits.len(), 1);
    assert_eq!((hits[0].id, hits[0].field), (claire, "skills"));
    let hits = index.search("visibles");
    assert_eq!((hits[0].id, hits[0].field), (world.lumiere, "purpose"));
}

#[test]
fn kit_steps_titles_phases_and_bodies_are_searched() {
    let mut world = World::new();
    let kit = create(
        &mut world,
        Kind::Kit,
        vec![("title", Value::text("Lancer un groupe local"))],
    );
    let version = create(
        &mut world,
        Kind::KitVersion,
        vec![
            ("kit", Value::Ref(kit)),
            ("number", Value::Int(1)),
            (
                "steps",
                Value::Steps(vec![Step {
                    key: "j1-accueil".into(),
                    phase: "Comprendre · jour 1".into(),
                    title: "Accueillir les arrivants".into(),
                    body: "Préparer un café et des étiquettes".into(),
                }]),
            ),
        ],
    );
    let index = SearchIndex::build(&world.state);
    for query in ["comprendre jour", "accueillir", "etiquettes cafe"] {
        let hits = index.search(query);
        assert_eq!(hits.len(), 1, "{query}");
        assert_eq!((hits[0].id, hits[0].field), (version, "steps"), "{query}");
    }
    assert_eq!(ids(&index, "groupe local"), vec![kit]);
}

#[test]
fn choice_codes_are_not_words_people_search_for() {
    let mut world = World::new();
    let (claire, lumiere) = (world.claire, world.lumiere);
    create(
        &mut world,
        Kind::RoleAssignment,
        vec![
            ("person", Value::Ref(claire)),
            ("pole", Value::Ref(lumiere)),
            ("role", Value::text("referent")),
        ],
    );
    let index = SearchIndex::build(&world.state);
    assert!(index.search("referent").is_empty());
    assert!(index.search("centre").is_empty(), "a pôle's kind is a code");
}

#[test]
fn archived_records_are_found_but_flagged_and_ranked_last() {
    let mut world = World::new();
    let old = pole(&mut world, "Vidéo", "");
    let current = pole(&mut world, "Vidéos du collectif", "");
    world.admin.ok(
        &mut world.state,
        Change::Archive {
            id: old,
            archived: true,
        },
    );
    let index = SearchIndex::build(&world.state);
    let hits = index.search("video");
    assert_eq!(
        hits.iter().map(|hit| hit.id).collect::<Vec<_>>(),
        vec![current, old]
    );
    assert!(!hits[0].archived);
    assert!(hits[1].archived);
}

#[test]
fn deleted_records_are_never_found() {
    let mut world = World::new();
    let gone = pole(&mut world, "Éphémère", "");
    let mut index = SearchIndex::build(&world.state);
    assert_eq!(ids(&index, "ephemere"), vec![gone]);
    world
        .admin
        .ok(&mut world.state, Change::Delete { id: gone });
    index.refresh(&world.state, gone);
    assert!(index.search("ephemere").is_empty());
    assert!(
        SearchIndex::build(&world.state)
            .search("ephemere")
            .is_empty()
    );
}

#[test]
fn a_renamed_record_is_found_by_its_new_name_only() {
    let mut world = World::new();
    let mut index = SearchIndex::build(&world.state);
    world.admin.ok(
        &mut world.state,
        Change::set(world.lumiere, "name", Value::text("Communication"), 0),
    );
    let record = world.state.existing(world.lumiere).expect("exists");
    index.update(record);
    assert_eq!(ids(&index, "communic"), vec![world.lumiere]);
    assert!(index.search("lumiere").is_empty());
}

#[test]
fn an_index_kept_in_step_answers_like_a_fresh_one() {
    let mut world = World::new();
    let mut index = SearchIndex::build(&world.state);
    let mut touched = Vec::new();
    for n in 0..40 {
        let id = pole(
            &mut world,
            &format!("Pôle {n}"),
            &format!("Groupe numéro {n} du réseau"),
        );
        touched.push(id);
        index.refresh(&world.state, id);
    }
    for (n, &id) in touched.iter().enumerate() {
        let change = match n % 3 {
            0 => Change::Delete { id },
            1 => Change::set(id, "description", Value::text("Réseau renommé"), 0),
            _ => Change::Archive { id, archived: true },
        };
        world.admin.ok(&mut world.state, change);
        index.refresh(&world.state, id);
    }
    let fresh = SearchIndex::build(&world.state);
    assert_eq!(index.len(), fresh.len());
    assert_eq!(index.word_count(), fresh.word_count());
    for query in ["pole", "reseau", "groupe num", "renomme", "1", "lum", "p"] {
        let mut kept = index.search(query);
        let mut rebuilt = fresh.search(query);
        kept.sort_by_key(|hit| hit.id);
        rebuilt.sort_by_key(|hit| hit.id);
        assert_eq!(kept, rebuilt, "{query}");
    }
}

#[test]
fn a_query_of_only_punctuation_finds_nothing() {
    let world = World::new();
    let index = SearchIndex::build(&world.state);
    assert!(index.search("").is_empty());
    assert!(index.search(" - , ; ").is_empty());
    assert!(SearchIndex::build(&State::new()).search("pole").is_empty());
}

#[test]
fn search_top_keeps_the_best_hits_in_order() {
    let mut world = World::new();
    for n in 0..30 {
        pole(&mut world, &format!("Atelier {n}"), "");
    }
    let named = pole(&mut world, "Zéro", "atelier");
    let index = SearchIndex::build(&world.state);
    let all = index.search("atelier");
    assert_eq!(all.len(), 31);
    assert_eq!(all.last().map(|hit| hit.id), Some(named));
    let top = index.search_top("atelier", 5);
    assert_eq!(top, all[..5].to_vec());
}

#[test]
fn folding_is_exposed_for_the_ui_to_highlight_matches() {
    assert_eq!(fold("Site-Web · LUMIÈRE"), "site web lumiere");
}
