//! The demo collective: every operation applies, and it holds what the seeds describe.

mod support;

use std::collections::{BTreeMap, BTreeSet};

use archipel_core::demo::DEMO_ACTOR;
use archipel_core::{Id, Kind, Receipt, Record, Sequencer, State, Value, demo_changes, demo_state};
use support::Ids;

fn demo(tag: u8) -> State {
    let mut ids = Ids::new(tag);
    demo_state(&mut || ids.next()).unwrap_or_else(|error| panic!("{error}"))
}

fn pole<'a>(state: &'a State, name: &str) -> &'a Record {
    state
        .of_kind(Kind::Pole)
        .find(|pole| pole.text("name") == Some(name))
        .unwrap_or_else(|| panic!("no pôle named {name}"))
}

fn children(state: &State, parent: Id) -> Vec<&Record> {
    let mut children: Vec<&Record> = state
        .of_kind(Kind::Pole)
        .filter(|pole| pole.reference("parent") == Some(parent))
        .collect();
    children.sort_by(|a, b| a.text("order").cmp(&b.text("order")));
    children
}

fn holders(state: &State, pole: Id, role: &str) -> Vec<String> {
    state
        .of_kind(Kind::RoleAssignment)
        .filter(|assignment| {
            assignment.reference("pole") == Some(pole) && assignment.text("role") == Some(role)
        })
        .filter_map(|assignment| assignment.reference("person"))
        .filter_map(|person| state.existing(person)?.text("display_name"))
        .map(str::to_owned)
        .collect()
}

fn counts(state: &State) -> BTreeMap<Kind, usize> {
    let mut counts = BTreeMap::new();
    for record in state.records() {
        *counts.entry(record.kind).or_insert(0) += 1;
    }
    counts
}

const REGULAR_POLES: [&str; 8] = [
    "TÉMOIGNER",
    "SOIGNANTS",
    "ARTISTES",
    "LUMIÈRE",
    "COMPRENDRE",
    "COHÉSION",
    "COLLECTIFS",
    "DIPLOMATES",
];

const PARTNERS: [&str; 6] = [
    "SYNDICAT",
    "COLLECTIF SANTÉ PÉDIATRIQUE",
    "REINFOSANTE",
    "REINFOLIBERTE",
    "COVISOIN",
    "STREETACT",
];

#[test]
fn every_demo_operation_is_accepted_on_an_empty_state() {
    let mut ids = Ids::new(1);
    let changes = demo_changes(&mut || ids.next());
    assert!(!changes.is_empty());
    let mut state = State::new();
    let mut client = Sequencer::new(ids.next());
    for change in changes.iter().cloned() {
        let op = client.operation(ids.next(), 0, change);
        let receipt = state.receive(&op, &DEMO_ACTOR);
        assert!(
            matches!(receipt, Receipt::Applied(_)),
            "{:?} refused: {receipt:?}",
            op.change
        );
    }
    assert_eq!(state.version, changes.len() as u64);
    assert_eq!(state.open_conflicts().count(), 0);
}

#[test]
fn the_collective_requires_two_referents_a_facilitator_and_a_welcome_person() {
    let state = demo(1);
    let collective = state.collective().expect("the collective exists");
    let Value::Roles(roles) = collective.get("required_roles") else {
        panic!("no required roles");
    };
    let roles: Vec<(&str, u8)> = roles
        .iter()
        .map(|entry| (entry.role.as_str(), entry.count))
        .collect();
    assert_eq!(roles, [("referent", 2), ("facilitator", 1), ("welcome", 1)]);
    assert_eq!(
        collective.get("functions").as_list().map(<[String]>::len),
        Some(5)
    );
    assert!(
        collective
            .text("charter")
            .is_some_and(|charter| charter.starts_with("# Charte"))
    );
}

#[test]
fn the_demo_holds_every_pole_of_the_seed_around_the_strategie_centre() {
    let state = demo(1);
    let centre = pole(&state, "Stratégie");
    assert_eq!(centre.text("kind"), Some("centre"));
    let regular: Vec<&str> = children(&state, centre.id)
        .iter()
        .filter_map(|pole| pole.text("name"))
        .collect();
    assert_eq!(
        regular, REGULAR_POLES,
        "pôles under Stratégie, in seed order"
    );
    for name in REGULAR_POLES {
        let pole = pole(&state, name);
        assert_eq!(pole.text("kind"), Some("pole"), "{name}");
        assert!(
            pole.get("purpose")
                .as_list()
                .is_some_and(|purpose| !purpose.is_empty()),
            "{name} has raisons d'être"
        );
        assert!(pole.text("colour").is_some(), "{name} has a colour");
    }
}

#[test]
fn lumiere_has_the_functions_of_the_seed_with_missions_grouped_by_function() {
    let state = demo(1);
    let lumiere = pole(&state, "LUMIÈRE");
    let functions: Vec<&str> = children(&state, lumiere.id)
        .iter()
        .inspect(|function| assert_eq!(function.text("kind"), Some("function")))
        .filter_map(|function| function.text("name"))
        .collect();
    assert_eq!(
        functions,
        [
            "NL",
            "Site web",
            "RS",
            "Presse",
            "Comm",
            "Vidéo",
            "Graphisme"
        ]
    );
    let missions: BTreeSet<&str> = state
        .of_kind(Kind::Mission)
        .filter(|mission| mission.reference("pole") == Some(lumiere.id))
        .filter_map(|mission| mission.text("function"))
        .collect();
    assert_eq!(
        missions,
        BTreeSet::from(["NL", "Site web", "RS", "Presse", "Comm"])
    );
}

#[test]
fn cohesion_has_coordination_recruitment_prudence_and_harmony() {
    let state = demo(1);
    let cohesion = pole(&state, "COHÉSION");
    let functions: Vec<&str> = children(&state, cohesion.id)
        .iter()
        .filter_map(|function| function.text("name"))
        .collect();
    for expected in ["Coordination", "Recrutement", "Prudence", "Harmonie"] {
        assert!(functions.contains(&expected), "{expected} in {functions:?}");
    }
    assert!(state.of_kind(Kind::Mission).any(|mission| {
        mission.reference("pole") == Some(cohesion.id)
            && mission.text("function") == Some("Coordination")
            && mission.text("title")
                == Some("Établir une cartographie dynamique des pôles et des fonctions")
    }));
}

#[test]
fn each_regular_pole_has_two_referents() {
    let state = demo(1);
    for name in REGULAR_POLES {
        let referents = holders(&state, pole(&state, name).id, "referent");
        assert_eq!(referents.len(), 2, "{name}: {referents:?}");
    }
    let mut lumiere = holders(&state, pole(&state, "LUMIÈRE").id, "referent");
    lumiere.sort();
    assert_eq!(lumiere, ["Maximilien", "Stéphane"]);
}

#[test]
fn partner_collectives_are_partners_linked_to_the_collective() {
    let state = demo(1);
    for name in PARTNERS {
        let partner = pole(&state, name);
        assert_eq!(partner.text("kind"), Some("partner"), "{name}");
        assert!(
            state.of_kind(Kind::Link).any(|link| {
                link.text("kind") == Some("partner")
                    && (link.reference("from") == Some(partner.id)
                        || link.reference("to") == Some(partner.id))
            }),
            "{name} has a partner link"
        );
    }
    let kinds: BTreeSet<&str> = state
        .of_kind(Kind::Pole)
        .filter_map(|pole| pole.text("kind"))
        .collect();
    assert_eq!(
        kinds,
        BTreeSet::from(["centre", "function", "partner", "pole"])
    );
}

#[test]
fn every_pole_reports_to_strategie_and_artistes_relay_via_collectifs() {
    let state = demo(1);
    let centre = pole(&state, "Stratégie").id;
    let has_link = |from: Id, to: Id, kind: &str| {
        state.of_kind(Kind::Link).any(|link| {
            link.reference("from") == Some(from)
                && link.reference("to") == Some(to)
                && link.text("kind") == Some(kind)
        })
    };
    for name in REGULAR_POLES {
        assert!(
            has_link(pole(&state, name).id, centre, "reports_to"),
            "{name}"
        );
    }
    assert!(has_link(
        pole(&state, "ARTISTES").id,
        pole(&state, "COLLECTIFS").id,
        "works_with"
    ));
}

#[test]
fn there_are_at_least_five_kits_each_with_steps_in_several_phases() {
    let state = demo(1);
    let kits: Vec<&Record> = state.of_kind(Kind::Kit).collect();
    assert!(kits.len() >= 5, "{} kits", kits.len());
    for kit in kits {
        let title = kit.text("title").unwrap_or("?");
        let versions: Vec<&Record> = state
            .of_kind(Kind::KitVersion)
            .filter(|version| version.reference("kit") == Some(kit.id))
            .collect();
        assert_eq!(versions.len(), 1, "{title}");
        let version = versions[0];
        assert_eq!(version.get("number"), &Value::Int(1));
        assert_eq!(version.text("language"), Some("fr"));
        assert!(version.text("licence").is_some(), "{title}");
        assert!(
            version.text("body").is_some_and(|body| body.len() > 500),
            "{title}"
        );
        let Value::Steps(steps) = version.get("steps") else {
            panic!("{title} has no steps");
        };
        assert!(
            (5..=15).contains(&steps.len()),
            "{title}: {} steps",
            steps.len()
        );
        let phases: BTreeSet<&str> = steps.iter().map(|step| step.phase.as_str()).collect();
        assert!(phases.len() >= 2, "{title}: phases {phases:?}");
        assert!(
            version.reference("pole").is_some() && kit.reference("pole").is_some(),
            "{title} has a pôle in charge"
        );
    }
}

#[test]
fn no_person_has_contact_details() {
    let state = demo(1);
    let people: Vec<&Record> = state.of_kind(Kind::Person).collect();
    assert!(!people.is_empty());
    for person in people {
        assert!(person.get("contact").is_null(), "{person:?}");
        let name = person.text("display_name").unwrap_or("");
        assert!(
            !name.contains('@') && !name.chars().any(|c| c.is_ascii_digit()),
            "{name} looks like contact details"
        );
    }
}

#[test]
fn open_needs_and_tasks_wait_to_be_picked() {
    let state = demo(1);
    let needs: Vec<&Record> = state.of_kind(Kind::Need).collect();
    assert!(needs.iter().all(|need| need.text("status") == Some("open")));
    assert!(
        needs
            .iter()
            .any(|need| need.text("role") == Some("facilitator"))
    );
    assert!(
        needs
            .iter()
            .any(|need| need.text("role") == Some("welcome"))
    );
    let tasks: Vec<&Record> = state.of_kind(Kind::Task).collect();
    assert!(tasks.len() >= 3);
    assert!(
        tasks
            .iter()
            .all(|task| task.text("status") == Some("open") && task.get("taker").is_null())
    );
}

#[test]
fn two_runs_with_different_ids_give_the_same_shape() {
    let first = demo(1);
    let second = demo(2);
    assert_eq!(counts(&first), counts(&second));
    assert_eq!(first.version, second.version);
    let ids = |state: &State| -> BTreeSet<Id> { state.records().map(|record| record.id).collect() };
    assert!(ids(&first).is_disjoint(&ids(&second)));
    let names = |state: &State| -> BTreeSet<String> {
        state
            .of_kind(Kind::Pole)
            .filter_map(|pole| pole.text("name"))
            .map(str::to_owned)
            .collect()
    };
    assert_eq!(names(&first), names(&second));
}

#[test]
fn every_name_in_the_demo_tables_resolves_to_a_record() {
    use archipel_core::demo::{KITS, LINKS, NEEDS, PARTNERS as PARTNER_SEEDS, POLES, TASKS};
    let state = demo(1);
    let count = |kind| state.of_kind(kind).count();
    assert_eq!(
        count(Kind::Link),
        POLES.len() + LINKS.len() + PARTNER_SEEDS.len()
    );
    assert_eq!(count(Kind::Need), NEEDS.len());
    assert_eq!(count(Kind::Task), TASKS.len());
    assert_eq!(count(Kind::Kit), KITS.len());
    let referents: usize = POLES.iter().map(|pole| pole.referents.len()).sum::<usize>()
        + PARTNER_SEEDS
            .iter()
            .map(|partner| partner.referents.len())
            .sum::<usize>();
    assert_eq!(count(Kind::Person), referents);
    assert_eq!(count(Kind::RoleAssignment), referents);
}

#[test]
fn demo_texts_carry_no_line_break_artefacts() {
    let state = demo(1);
    for record in state.records() {
        for value in &record.values {
            let texts: Vec<&str> = match value {
                Value::Text(text) => vec![text.as_str()],
                Value::List(items) => items.iter().map(String::as_str).collect(),
                _ => Vec::new(),
            };
            for text in texts {
                for line in text.lines() {
                    assert!(
                        !line.contains("  ") || line.starts_with(' '),
                        "double space in {:?}: {line:?}",
                        record.kind
                    );
                }
            }
        }
    }
}
