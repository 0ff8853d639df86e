//! The large-collective generator: deterministic, valid for the core, and of
//! the size asked.

mod support;

use archipel_core::generate::{self, GENERATOR_ACTOR, Size};
use archipel_core::map::{self, NodeKind};
use archipel_core::{Change, Date, Kind, Sequencer, State, Value};
use support::Ids;

/// Applies `changes` through `State::apply` as an admin; returns the state
/// and every refusal (index and reason).
fn apply_all(changes: Vec<Change>) -> (State, Vec<(usize, String)>) {
    let mut ids = Ids::new(0x6e);
    let mut client = Sequencer::new(ids.next());
    let mut state = State::new();
    let mut refusals = Vec::new();
    for (index, change) in changes.into_iter().enumerate() {
        let op = client.operation(ids.next(), 0, change);
        if let Err(refusal) = state.apply(&op, &GENERATOR_ACTOR) {
            refusals.push((index, refusal.to_string()));
        }
    }
    (state, refusals)
}

fn count(state: &State, kind: Kind) -> usize {
    state.of_kind(kind).count()
}

fn poles_of(state: &State, kind: &str) -> usize {
    state
        .of_kind(Kind::Pole)
        .filter(|pole| pole.text("kind") == Some(kind))
        .count()
}

/// No text anywhere looks like an e-mail address or a phone number.
fn assert_no_contact_details(state: &State) {
    for record in state.records() {
        for value in &record.values {
            let texts: Vec<&str> = match value {
                Value::Text(text) => vec![text],
                Value::List(items) => items.iter().map(String::as_str).collect(),
                Value::Set(items) => items.iter().map(String::as_str).collect(),
                _ => Vec::new(),
            };
            for text in texts {
                assert!(!text.contains('@'), "{text}");
                let digits = text.chars().filter(char::is_ascii_digit).count();
                assert!(digits < 8, "{text}");
            }
        }
        assert!(record.get("contact").is_null());
    }
}

#[test]
fn a_large_collective_applies_without_a_single_refusal() {
    let size = Size::large();
    let (state, refusals) = apply_all(generate::changes(&size, 2026));
    assert_eq!(refusals, Vec::<(usize, String)>::new());
    assert_eq!(poles_of(&state, "centre"), 1);
    assert_eq!(poles_of(&state, "pole"), 500);
    assert_eq!(poles_of(&state, "function"), 1_000);
    assert_eq!(poles_of(&state, "partner"), 20);
    assert_eq!(count(&state, Kind::Person), 5_000);
    assert_eq!(count(&state, Kind::Task), 20_000);
    assert_eq!(count(&state, Kind::Meeting), 300);
    assert_eq!(count(&state, Kind::AgendaItem), 900);
    assert_eq!(count(&state, Kind::Decision), 400);
    assert_eq!(count(&state, Kind::Kit), 200);
    assert_eq!(count(&state, Kind::KitVersion), 200);
    assert_eq!(count(&state, Kind::Place), 50_000);
    assert!(count(&state, Kind::RoleAssignment) > 1_000);
    assert_no_contact_details(&state);
}

#[test]
fn the_map_benchmark_collective_has_a_thousand_nodes_some_roles_vacant() {
    let size = Size::map_bench();
    assert_eq!(size.map_nodes(), 1_001);
    let state = generate::state(&size, 42).expect("every change applies");
    let model = map::build(&state, Date::from_ymd(2026, 11, 21).expect("a date"));
    assert_eq!(model.nodes.len(), 1_001);
    let functions = model
        .nodes
        .iter()
        .filter(|node| node.kind == NodeKind::Function)
        .count();
    assert_eq!(functions, 880);
    let poles = || {
        model
            .nodes
            .iter()
            .filter(|node| node.kind == NodeKind::Pole)
    };
    assert!(poles().any(|pole| pole.vacancies.is_empty() || pole.vacancies.len() < 3));
    assert!(poles().any(|pole| !pole.vacancies.is_empty()));
    assert!(poles().all(|pole| pole.referents.len() <= 2 && !pole.functions.is_empty()));
    assert_eq!(map::coverage(&state).functions.len(), 5);
}

#[test]
fn the_same_seed_gives_the_same_collective() {
    let size = Size::small();
    let a = generate::state(&size, 9).expect("applies");
    let b = generate::state(&size, 9).expect("applies");
    assert_eq!(a, b);
    let c = generate::state(&size, 10).expect("applies");
    assert_ne!(a.all_records_sorted(), c.all_records_sorted());
    assert_no_contact_details(&a);
    // Every kind the generator promises is there.
    for kind in [
        Kind::Collective,
        Kind::Pole,
        Kind::Person,
        Kind::RoleAssignment,
        Kind::Link,
        Kind::Task,
        Kind::Meeting,
        Kind::AgendaItem,
        Kind::Decision,
        Kind::Kit,
        Kind::KitVersion,
        Kind::Place,
    ] {
        assert!(count(&a, kind) > 0, "{}", kind.name());
    }
}
