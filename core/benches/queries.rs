//! Search and governance queries on a large collective: 50 000 records,
//! 500 pôles and 5 000 people, all created through operations by an admin.
//!
//! Run with `cargo bench -p archipel-core --bench queries`.

#[path = "../tests/support/mod.rs"]
mod support;

use std::hint::black_box;
use std::time::Duration;

use archipel_core::queries::{contributions, health_board, match_needs, suggestions_for_need};
use archipel_core::search::Groups;
use archipel_core::{Access, Actor, Change, Date, Id, Kind, RoleCount, SearchIndex, State, Value};
use criterion::{Criterion, criterion_group, criterion_main};
use support::Device;

const POLES: usize = 500;
const PEOPLE: usize = 5_000;
const RECORDS: usize = 50_000;

const WORDS: &[&str] = &[
    "pôle",
    "bénévoles",
    "accueil",
    "réunion",
    "stratégie",
    "lumière",
    "cohésion",
    "témoigner",
    "soignants",
    "artistes",
    "comprendre",
    "collectifs",
    "diplomates",
    "site",
    "web",
    "presse",
    "vidéo",
    "graphisme",
    "newsletter",
    "réseaux",
    "sociaux",
    "coordination",
    "recrutement",
    "prudence",
    "harmonie",
    "médiation",
    "tutorat",
    "cartographie",
    "fonction",
    "mission",
    "besoin",
    "offre",
    "tâche",
    "compétences",
    "quartier",
    "marché",
    "jardin",
    "partagé",
    "atelier",
    "réparation",
    "vélo",
    "cuisine",
    "solidaire",
    "épicerie",
    "école",
    "parents",
    "santé",
    "écoute",
    "logement",
    "énergie",
    "climat",
    "transition",
    "assemblée",
    "décision",
    "consentement",
    "ordre",
    "du",
    "jour",
    "compte",
    "rendu",
    "affiche",
    "tract",
    "événement",
    "agenda",
    "kit",
    "formation",
    "groupe",
    "local",
    "démarrer",
    "animer",
    "faciliter",
    "parole",
    "temps",
    "équipe",
    "projet",
    "financement",
    "subvention",
    "budget",
    "trésorerie",
    "adhésion",
];

const SKILLS: &[&str] = &[
    "Vidéo",
    "Montage",
    "Graphisme",
    "Rédaction",
    "Presse",
    "Facilitation",
    "Médiation",
    "Comptabilité",
    "Cuisine",
    "Jardinage",
    "Réparation vélo",
    "Traduction",
    "Photo",
    "Son",
    "Développement web",
    "Réseaux sociaux",
    "Juridique",
    "Accueil",
    "Logistique",
    "Animation",
];

/// A small deterministic generator (no randomness in the core; this is only test data).
struct Lcg(u64);

impl Lcg {
    fn next(&mut self) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (self.0 >> 33) as usize
    }

    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.next() % items.len()]
    }

    fn sentence(&mut self, words: usize) -> String {
        (0..words)
            .map(|_| self.pick(WORDS))
            .collect::<Vec<_>>()
            .join(" ")
    }

    fn skills(&mut self, count: usize) -> Value {
        Value::set((0..count).map(|_| self.pick(SKILLS)))
    }
}

fn today() -> Date {
    Date::from_ymd(2026, 11, 22).unwrap_or(Date::from_days(0))
}

struct Collective {
    state: State,
    admin: Device,
    people: Vec<Id>,
    needs: Vec<Id>,
}

fn create(state: &mut State, admin: &mut Device, kind: Kind, fields: Vec<(&str, Value)>) -> Id {
    let id = admin.ids.next();
    admin.ok(state, Change::create(kind, id, fields));
    id
}

/// 50 000 records: a collective, 500 pôles, 5 000 people, 2 000 role
/// assignments, 1 000 needs, 1 000 offers, missions and tasks for the rest.
fn collective() -> Collective {
    let mut state = State::new();
    state.reserve(RECORDS);
    let mut admin = Device::new(0xAD, Actor::anonymous(Access::Admin));
    let mut rng = Lcg(42);
    let s = &mut state;
    create(
        s,
        &mut admin,
        Kind::Collective,
        vec![("name", Value::text("Collectif"))],
    );
    let mut poles = Vec::with_capacity(POLES);
    for n in 0..POLES {
        let mut fields = vec![
            ("name", Value::text(format!("{} {n}", rng.sentence(2)))),
            (
                "kind",
                Value::text(if n % 25 == 0 { "partner" } else { "pole" }),
            ),
            ("description", Value::text(rng.sentence(15))),
            ("purpose", Value::list([rng.sentence(8), rng.sentence(8)])),
        ];
        if n % 10 == 0 {
            fields.push((
                "required_roles",
                Value::Roles(vec![RoleCount {
                    role: "referent".into(),
                    count: 1,
                }]),
            ));
        }
        poles.push(create(s, &mut admin, Kind::Pole, fields));
    }
    let mut people = Vec::with_capacity(PEOPLE);
    for n in 0..PEOPLE {
        let mut fields = vec![
            ("display_name", Value::text(format!("Personne {n}"))),
            ("skills", rng.skills(3)),
            ("interests", Value::set([rng.pick(WORDS), rng.pick(WORDS)])),
            ("hours_per_week", Value::Int((rng.next() % 10) as i64)),
        ];
        if n % 7 == 0 {
            fields.push(("available", Value::Bool(false)));
        }
        if n % 31 == 0 {
            fields.push(("status", Value::text("left")));
        }
        people.push(create(s, &mut admin, Kind::Person, fields));
    }
    for n in 0..2_000 {
        let role = ["referent", "facilitator", "welcome", "member"][n % 4];
        let fields = vec![
            ("person", Value::Ref(people[rng.next() % PEOPLE])),
            ("pole", Value::Ref(poles[rng.next() % POLES])),
            ("role", Value::text(role)),
        ];
        create(s, &mut admin, Kind::RoleAssignment, fields);
    }
    let mut needs = Vec::with_capacity(1_000);
    for _ in 0..1_000 {
        let fields = vec![
            ("pole", Value::Ref(poles[rng.next() % POLES])),
            ("title", Value::text(rng.sentence(4))),
            ("skills", rng.skills(3)),
            ("hours_per_week", Value::Int((rng.next() % 6 + 1) as i64)),
            ("description", Value::text(rng.sentence(20))),
        ];
        needs.push(create(s, &mut admin, Kind::Need, fields));
    }
    for _ in 0..1_000 {
        let fields = vec![
            ("person", Value::Ref(people[rng.next() % PEOPLE])),
            ("skills", rng.skills(2)),
            ("hours_per_week", Value::Int((rng.next() % 8) as i64)),
            ("message", Value::text(rng.sentence(12))),
        ];
        create(s, &mut admin, Kind::Offer, fields);
    }
    let mut n = 0;
    while s.len() < RECORDS {
        n += 1;
        let pole = Value::Ref(poles[rng.next() % POLES]);
        if n % 3 == 0 {
            let fields = vec![
                ("pole", pole),
                ("title", Value::text(rng.sentence(3))),
                ("description", Value::text(rng.sentence(20))),
            ];
            create(s, &mut admin, Kind::Mission, fields);
        } else {
            let taker = people[rng.next() % PEOPLE];
            let (status, taker) = match n % 4 {
                0 => ("taken", Value::Ref(taker)),
                1 => ("done", Value::Ref(taker)),
                _ => ("open", Value::Null),
            };
            let fields = vec![
                ("title", Value::text(rng.sentence(5))),
                ("description", Value::text(rng.sentence(30))),
                ("pole", pole),
                ("skills", rng.skills(2)),
                ("status", Value::text(status)),
                ("taker", taker),
            ];
            create(s, &mut admin, Kind::Task, fields);
        }
    }
    Collective {
        state,
        admin,
        people,
        needs,
    }
}

fn benches(c: &mut Criterion) {
    let mut world = collective();
    let state = &world.state;

    let mut group = c.benchmark_group("search");
    group.sample_size(10);
    group.bench_function("build 50k records", |b| {
        b.iter(|| SearchIndex::build(black_box(state)))
    });
    group.finish();

    let index = SearchIndex::build(state);
    let mut group = c.benchmark_group("search");
    for query in [
        "benevoles",
        "pole acc",
        "site-web",
        "coordination recrutement",
        "p",
        "zzz",
    ] {
        group.bench_function(format!("query {query:?} (top 20)"), |b| {
            b.iter(|| index.search_top(black_box(query), 20))
        });
    }
    group.bench_function("query \"p\" (all hits)", |b| {
        b.iter(|| index.search(black_box("p")))
    });
    let renamed = world.needs[0];
    let mut kept = index.clone();
    let mut flip = false;
    group.bench_function("update one record after a rename", |b| {
        b.iter(|| {
            flip = !flip;
            let title = if flip {
                "Nouveau titre renommé"
            } else {
                "Titre initial"
            };
            world.admin.ok(
                &mut world.state,
                Change::set(renamed, "title", Value::text(title), 0),
            );
            kept.refresh(&world.state, renamed);
        })
    });
    for query in ["benevoles", "p", "pole acc"] {
        group.bench_function(format!("grouped {query:?} (5 per kind)"), |b| {
            b.iter(|| kept.search_grouped(black_box(query), Groups::ALL, 5))
        });
    }
    group.bench_function("catch up with a state where one record changed", |b| {
        b.iter(|| {
            flip = !flip;
            let title = if flip { "Autre titre" } else { "Titre initial" };
            world.admin.ok(
                &mut world.state,
                Change::set(renamed, "title", Value::text(title), 0),
            );
            kept.catch_up(&world.state)
        })
    });
    group.finish();

    let state = &world.state;
    let mut group = c.benchmark_group("queries (500 pôles, 5000 people)");
    group.bench_function("health board", |b| {
        b.iter(|| health_board(black_box(state), today()))
    });
    group.sample_size(10);
    group.bench_function("match all 1000 open needs (top 5)", |b| {
        b.iter(|| match_needs(black_box(state), today(), 5))
    });
    group.sample_size(100);
    let need = world.needs[1];
    group.bench_function("suggestions for one need", |b| {
        b.iter(|| suggestions_for_need(black_box(state), need, today(), 5))
    });
    let person = world.people[3];
    group.bench_function("who did what (one person)", |b| {
        b.iter(|| contributions(black_box(state), person, today()))
    });
    group.finish();
}

criterion_group! {
    name = queries;
    config = Criterion::default()
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(3));
    targets = benches
}
criterion_main!(queries);
