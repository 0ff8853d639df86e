//! Large made-up collectives, for benchmarks and load tests.
//!
//! [`changes`] writes a whole collective as [`Change`]s — pôles with their
//! functions and partner collectives, people and their roles, links, tasks,
//! meetings with their agendas, decisions, kits and their first versions,
//! places on the territory map — in an order in which every reference points
//! to a record created before it, valid for the core as an admin applies them
//! ([`state`] does that). The same [`Size`] and seed always give the same
//! changes, ids included, on every platform.
//!
//! Names are French-sounding and made up from small word lists (themes,
//! neighbourhoods, first names with an initial); nobody's contact details,
//! no e-mail addresses, no phone numbers.
//!
//! Randomness comes from a 64-bit xorshift generator seeded by the caller
//! ([`XorShift`]): no dependency, and the core still draws no random numbers
//! of its own.

use std::collections::BTreeSet;

use crate::demo::FUNCTIONS;
use crate::ids::Id;
use crate::op::{Access, Actor, Change, Sequencer};
use crate::refusal::Refusal;
use crate::schema::Kind;
use crate::state::State;
use crate::value::{Date, RoleCount, Step, Value};

/// Who applies generated changes: an admin with no person record.
pub const GENERATOR_ACTOR: Actor = Actor::anonymous(Access::Admin);

/// The instant generated ids and times start from: 2026-11-21 00:00 UTC.
const EPOCH_MS: i64 = 1_795_219_200_000;
const DAY_MS: i64 = 86_400_000;

/// How much of everything to generate.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Size {
    /// Pôles around the centre (the centre itself comes on top).
    pub poles: usize,
    /// Functions inside each pôle.
    pub functions_per_pole: usize,
    /// Partner collectives at the edge of the map.
    pub partners: usize,
    /// People; each pôle gets up to two referents, a facilitator and a
    /// welcome person among them (some roles left vacant).
    pub people: usize,
    /// Tasks of the pool (open, taken, done).
    pub tasks: usize,
    /// Meetings, each with three agenda items.
    pub meetings: usize,
    /// Decisions.
    pub decisions: usize,
    /// Kits, each with a first version.
    pub kits: usize,
    /// Places on the territory map.
    pub places: usize,
}

impl Size {
    /// A large collective: 500 pôles (2 functions each), 20 partners, 5 000
    /// people, 20 000 tasks, 300 meetings, 400 decisions, 200 kits, 50 000 places.
    #[must_use]
    pub const fn large() -> Size {
        Size {
            poles: 500,
            functions_per_pole: 2,
            partners: 20,
            people: 5_000,
            tasks: 20_000,
            meetings: 300,
            decisions: 400,
            kits: 200,
            places: 50_000,
        }
    }

    /// The map benchmark: 1 001 map nodes (a centre, 110 pôles of 8 functions,
    /// 10 partners) and a few people to hold their roles; nothing else.
    #[must_use]
    pub const fn map_bench() -> Size {
        Size {
            poles: 110,
            functions_per_pole: 8,
            partners: 10,
            people: 300,
            tasks: 0,
            meetings: 0,
            decisions: 0,
            kits: 0,
            places: 0,
        }
    }

    /// A small collective, quick enough for tests of everything at once.
    #[must_use]
    pub const fn small() -> Size {
        Size {
            poles: 12,
            functions_per_pole: 3,
            partners: 3,
            people: 60,
            tasks: 80,
            meetings: 6,
            decisions: 10,
            kits: 4,
            places: 100,
        }
    }

    /// How many nodes the map of such a collective has (centre included).
    #[must_use]
    pub const fn map_nodes(&self) -> usize {
        1 + self.poles * (1 + self.functions_per_pole) + self.partners
    }
}

/// A 64-bit xorshift generator (Marsaglia's 13/7/17 triple): small, fast,
/// the same sequence everywhere; not for anything secret.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct XorShift(u64);

impl XorShift {
    /// A generator from `seed` (any value; 0 is replaced, as it would stay 0).
    #[must_use]
    pub const fn new(seed: u64) -> XorShift {
        XorShift(if seed == 0 {
            0x9e37_79b9_7f4a_7c15
        } else {
            seed
        })
    }

    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        self.0 = x;
        x
    }

    /// A number in `0..bound` (`bound` > 0; the tiny modulo bias does not matter here).
    pub fn below(&mut self, bound: usize) -> usize {
        (self.next_u64() % bound as u64) as usize
    }

    /// True with probability `1 / n`.
    pub fn one_in(&mut self, n: usize) -> bool {
        self.below(n) == 0
    }

    /// One item of `items`.
    pub fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }
}

/// A generated change that the core refused: a bug in the generator.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("generated change #{index} ({change} on {target}) was refused: {refusal}")]
pub struct GenerateError {
    /// Its position in [`changes`] (from 0).
    pub index: usize,
    /// The change's name (`create`, …).
    pub change: &'static str,
    /// The record it was about.
    pub target: Id,
    /// Why it was refused.
    pub refusal: Box<Refusal>,
}

/// The collective of `size` drawn from `seed`, as changes to apply in order
/// by [`GENERATOR_ACTOR`].
#[must_use]
pub fn changes(size: &Size, seed: u64) -> Vec<Change> {
    let mut generator = Generator {
        rng: XorShift::new(seed),
        next_id: 0,
        changes: Vec::new(),
    };
    generator.collective(size);
    generator.changes
}

/// An empty state with the collective of `size` drawn from `seed` applied by
/// [`GENERATOR_ACTOR`] (operation ids follow from the seed too).
///
/// # Errors
/// The first change the core refused.
pub fn state(size: &Size, seed: u64) -> Result<State, GenerateError> {
    let changes = changes(size, seed);
    let mut ids = XorShift::new(seed ^ 0x5eed_0f0b_5eed_0f0b);
    let mut counter = 0u64;
    let mut next_id = || {
        counter += 1;
        id_from(&mut ids, counter)
    };
    let mut state = State::new();
    state.reserve(changes.len());
    let mut client = Sequencer::new(next_id());
    for (index, change) in changes.into_iter().enumerate() {
        let name = change.name();
        let target = change.target();
        let op = client.operation(next_id(), EPOCH_MS, change);
        state
            .apply(&op, &GENERATOR_ACTOR)
            .map_err(|refusal| GenerateError {
                index,
                change: name,
                target,
                refusal: Box::new(refusal),
            })?;
    }
    Ok(state)
}

/// A UUIDv7 whose time part counts up (so ids sort in creation order) and
/// whose random part comes from `rng`.
fn id_from(rng: &mut XorShift, counter: u64) -> Id {
    let bits = rng.next_u64().to_le_bytes();
    let more = rng.next_u64().to_le_bytes();
    let mut random = [0u8; 10];
    random[..8].copy_from_slice(&bits);
    random[8..].copy_from_slice(&more[..2]);
    Id::from_parts(EPOCH_MS as u64 + counter, random)
}

const THEMES: &[&str] = &[
    "ACCUEIL",
    "JARDINS",
    "VÉLO",
    "CUISINE",
    "SANTÉ",
    "LOGEMENT",
    "ÉNERGIE",
    "CULTURE",
    "ÉCOLE",
    "MÉDIATION",
    "NUMÉRIQUE",
    "MOBILITÉ",
    "ALIMENTATION",
    "SOLIDARITÉ",
    "COMMUNICATION",
    "FORMATION",
    "RECYCLERIE",
    "PLAIDOYER",
    "CARTOGRAPHIE",
    "ÉVÉNEMENTS",
];

const DISTRICTS: &[&str] = &[
    "Croix-Rousse",
    "Belleville",
    "Vieux-Port",
    "Capucins",
    "Saint-Michel",
    "Moulins",
    "Bois-Blancs",
    "Chartrons",
    "Guillotière",
    "Pentes",
    "Carmes",
    "Wazemmes",
    "Bastide",
    "Joliette",
    "Mourillon",
    "Saint-Leu",
    "Bellevue",
    "Chantenay",
    "Madeleine",
    "Beaulieu",
    "Sainte-Marthe",
    "Part-Dieu",
    "Arnaud-Bernard",
    "Cours Julien",
    "Saint-Cyprien",
    "Montplaisir",
    "Fives",
    "Vauban",
    "Trinité",
    "Jean-Macé",
];

const SUB_FUNCTIONS: &[&str] = &[
    "NL",
    "Site web",
    "RS",
    "Presse",
    "Vidéo",
    "Graphisme",
    "Coordination",
    "Recrutement",
    "Trésorerie",
    "Logistique",
    "Médiation",
    "Agenda",
    "Archives",
    "Tutorat",
    "Podcast",
    "Traduction",
];

const PARTNER_KINDS: &[&str] = &[
    "COLLECTIF",
    "ASSOCIATION",
    "RÉSEAU",
    "COOPÉRATIVE",
    "AMICALE",
    "FÉDÉRATION",
];

const FIRST_NAMES: &[&str] = &[
    "Camille",
    "Léa",
    "Manon",
    "Chloé",
    "Inès",
    "Jade",
    "Louise",
    "Alice",
    "Lina",
    "Zoé",
    "Emma",
    "Sarah",
    "Anaïs",
    "Mathilde",
    "Claire",
    "Juliette",
    "Margaux",
    "Nadia",
    "Fatou",
    "Sophie",
    "Hugo",
    "Lucas",
    "Théo",
    "Nathan",
    "Louis",
    "Gabriel",
    "Arthur",
    "Jules",
    "Adam",
    "Mehdi",
    "Yanis",
    "Paul",
    "Antoine",
    "Maxime",
    "Thomas",
    "Julien",
    "Karim",
    "Olivier",
    "Bastien",
    "Rémi",
    "Dominique",
    "Sacha",
    "Alex",
    "Morgane",
    "Élise",
    "Gaëlle",
    "Hélène",
    "Noé",
    "Malik",
    "Amadou",
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

const VERBS: &[&str] = &[
    "Préparer",
    "Relire",
    "Imprimer",
    "Diffuser",
    "Organiser",
    "Mettre à jour",
    "Contacter",
    "Installer",
    "Ranger",
    "Traduire",
    "Filmer",
    "Animer",
];

const OBJECTS: &[&str] = &[
    "l'affiche du forum",
    "la newsletter du mois",
    "le compte rendu de réunion",
    "la carte des lieux",
    "le stand du marché",
    "la fiche d'accueil",
    "le planning des permanences",
    "le tract de quartier",
    "la vidéo de présentation",
    "le kit de démarrage",
    "la liste du matériel",
    "l'atelier de réparation",
];

const PLACE_KINDS: &[(&str, &str)] = &[
    ("Recyclerie", "réemploi"),
    ("Jardin partagé", "jardin"),
    ("Épicerie solidaire", "alimentation"),
    ("Atelier vélo", "mobilité"),
    ("Repair café", "réemploi"),
    ("AMAP", "alimentation"),
    ("Tiers-lieu", "lieu"),
    ("Bibliothèque d'objets", "partage"),
    ("Cantine solidaire", "alimentation"),
    ("Friperie", "réemploi"),
];

const STREETS: &[&str] = &[
    "rue des Tanneurs",
    "place du Marché",
    "rue de la République",
    "quai des Brumes",
    "rue Victor-Hugo",
    "impasse des Lilas",
    "avenue Jean-Jaurès",
    "rue des Écoles",
    "boulevard de la Liberté",
    "rue du Moulin",
];

/// Cities the places gather around: name, latitude, longitude.
const CITIES: &[(&str, f64, f64)] = &[
    ("Lyon", 45.76, 4.84),
    ("Marseille", 43.30, 5.37),
    ("Lille", 50.63, 3.06),
    ("Nantes", 47.22, -1.55),
    ("Toulouse", 43.60, 1.44),
    ("Bordeaux", 44.84, -0.58),
    ("Rennes", 48.11, -1.68),
    ("Grenoble", 45.19, 5.72),
];

const COLOURS: &[&str] = &[
    "#c2185b", "#2e7d32", "#8e24aa", "#f9a825", "#1565c0", "#00897b", "#ef6c00", "#5d4037",
    "#6a1b9a", "#0277bd", "#558b2f", "#ad1457",
];

struct Generator {
    rng: XorShift,
    next_id: u64,
    changes: Vec<Change>,
}

impl Generator {
    fn id(&mut self) -> Id {
        self.next_id += 1;
        id_from(&mut self.rng, self.next_id)
    }

    fn create(&mut self, kind: Kind, fields: Vec<(&'static str, Value)>) -> Id {
        let id = self.id();
        self.changes.push(Change::create(kind, id, fields));
        id
    }

    fn sentence(&mut self) -> String {
        format!("{} {}", self.rng.pick(VERBS), self.rng.pick(OBJECTS))
    }

    /// 1 to `most` skills.
    fn skills(&mut self, most: usize) -> Value {
        let count = 1 + self.rng.below(most);
        let skills: BTreeSet<String> = (0..count)
            .map(|_| self.rng.pick(SKILLS).to_owned())
            .collect();
        Value::Set(skills)
    }

    /// 1 to 3 of the collective's functions (seed `002`).
    fn served(&mut self) -> Value {
        let count = 1 + self.rng.below(3);
        Value::set((0..count).map(|_| self.rng.pick(&FUNCTIONS)))
    }

    fn collective(&mut self, size: &Size) {
        self.create(
            Kind::Collective,
            vec![
                ("name", Value::text("Collectif généré")),
                (
                    "description",
                    Value::text("Un grand collectif inventé pour mesurer Archipel."),
                ),
                ("functions", Value::list(FUNCTIONS)),
                (
                    "required_roles",
                    roles(&[("referent", 2), ("facilitator", 1), ("welcome", 1)]),
                ),
            ],
        );
        let centre = self.create(
            Kind::Pole,
            vec![
                ("name", Value::text("Stratégie")),
                ("kind", Value::text("centre")),
                ("colour", Value::text("#1f4e5f")),
                ("functions", Value::set([FUNCTIONS[1], FUNCTIONS[4]])),
            ],
        );
        let poles = self.poles(size, centre);
        let partners = self.partners(size, centre);
        let people = self.people(size);
        self.roles(&poles, &people);
        self.links(&poles, &partners, centre);
        self.tasks(size, &poles, &people);
        let meetings = self.meetings(size, &poles, &people);
        self.decisions(size, &poles, &meetings);
        self.kits(size, &poles, &people);
        self.places(size);
    }

    fn poles(&mut self, size: &Size, centre: Id) -> Vec<Id> {
        let orders = order_keys(size.poles);
        let mut poles = Vec::with_capacity(size.poles);
        for (n, order) in orders.into_iter().enumerate() {
            let theme = THEMES[n % THEMES.len()];
            let district = DISTRICTS[(n / THEMES.len()) % DISTRICTS.len()];
            let round = n / (THEMES.len() * DISTRICTS.len());
            let name = if round == 0 {
                format!("{theme} {district}")
            } else {
                format!("{theme} {district} {}", round + 1)
            };
            let colour = COLOURS[n % COLOURS.len()];
            let mut fields = vec![
                ("name", Value::text(name)),
                ("kind", Value::text("pole")),
                ("parent", Value::Ref(centre)),
                ("order", Value::text(order)),
                ("status", Value::text("active")),
                ("functions", self.served()),
                (
                    "purpose",
                    Value::list([format!(
                        "Faire vivre {} à {district}.",
                        theme.to_lowercase()
                    )]),
                ),
            ];
            if !self.rng.one_in(10) {
                fields.push(("colour", Value::text(colour)));
            }
            let pole = self.create(Kind::Pole, fields);
            poles.push(pole);
            let sub_orders = order_keys(size.functions_per_pole);
            for (f, order) in sub_orders.into_iter().enumerate() {
                let name = SUB_FUNCTIONS[(n * 3 + f) % SUB_FUNCTIONS.len()];
                let fields = vec![
                    ("name", Value::text(name)),
                    ("kind", Value::text("function")),
                    ("parent", Value::Ref(pole)),
                    ("order", Value::text(order)),
                    ("status", Value::text("active")),
                    ("functions", self.served()),
                    ("required_roles", roles(&[])),
                ];
                self.create(Kind::Pole, fields);
            }
        }
        poles
    }

    fn partners(&mut self, size: &Size, centre: Id) -> Vec<Id> {
        (0..size.partners)
            .map(|n| {
                let name = format!(
                    "{} {}",
                    PARTNER_KINDS[n % PARTNER_KINDS.len()],
                    DISTRICTS[(n * 7 + 3) % DISTRICTS.len()].to_uppercase()
                );
                self.create(
                    Kind::Pole,
                    vec![
                        ("name", Value::text(name)),
                        ("kind", Value::text("partner")),
                        ("parent", Value::Ref(centre)),
                        ("colour", Value::text("#78909c")),
                        ("status", Value::text("active")),
                        ("required_roles", roles(&[])),
                    ],
                )
            })
            .collect()
    }

    fn people(&mut self, size: &Size) -> Vec<Id> {
        (0..size.people)
            .map(|n| {
                let first = FIRST_NAMES[n % FIRST_NAMES.len()];
                let initial = char::from(b'A' + (n / FIRST_NAMES.len() % 26) as u8);
                let mut fields = vec![
                    ("display_name", Value::text(format!("{first} {initial}."))),
                    ("skills", self.skills(3)),
                    (
                        "interests",
                        Value::set([self.rng.pick(THEMES).to_lowercase()]),
                    ),
                    ("hours_per_week", Value::Int(self.rng.below(9) as i64)),
                    ("available", Value::Bool(!self.rng.one_in(8))),
                    (
                        "joined_on",
                        Value::Date(Date::from_days(20_000 + self.rng.below(1_000) as i32)),
                    ),
                ];
                let status = match self.rng.below(40) {
                    0 => "left",
                    1 | 2 => "paused",
                    _ => "active",
                };
                fields.push(("status", Value::text(status)));
                self.create(Kind::Person, fields)
            })
            .collect()
    }

    /// Two referents (one in six pôles has only one), a facilitator in two
    /// pôles out of three, a welcome person in one out of two.
    fn roles(&mut self, poles: &[Id], people: &[Id]) {
        if people.is_empty() {
            return;
        }
        for &pole in poles {
            let referents = if self.rng.one_in(6) { 1 } else { 2 };
            let mut wanted = vec!["referent"; referents];
            if !self.rng.one_in(3) {
                wanted.push("facilitator");
            }
            if self.rng.one_in(2) {
                wanted.push("welcome");
            }
            for role in wanted {
                let person = people[self.rng.below(people.len())];
                self.create(
                    Kind::RoleAssignment,
                    vec![
                        ("person", Value::Ref(person)),
                        ("pole", Value::Ref(pole)),
                        ("role", Value::text(role)),
                    ],
                );
            }
        }
    }

    /// Every pôle reports to the centre, one in four works with an earlier
    /// one, every partner is linked to the centre.
    fn links(&mut self, poles: &[Id], partners: &[Id], centre: Id) {
        for (n, &pole) in poles.iter().enumerate() {
            self.link(pole, centre, "reports_to", "Rend compte au centre.");
            if n > 0 && self.rng.one_in(4) {
                let other = poles[self.rng.below(n)];
                self.link(pole, other, "works_with", "Projets communs.");
            }
        }
        for &partner in partners {
            self.link(partner, centre, "partner", "Collectif partenaire.");
        }
    }

    fn link(&mut self, from: Id, to: Id, kind: &str, note: &str) {
        self.create(
            Kind::Link,
            vec![
                ("from", Value::Ref(from)),
                ("to", Value::Ref(to)),
                ("kind", Value::text(kind)),
                ("note", Value::text(note)),
            ],
        );
    }

    fn tasks(&mut self, size: &Size, poles: &[Id], people: &[Id]) {
        for _ in 0..size.tasks {
            let mut fields = vec![
                ("title", Value::text(self.sentence())),
                (
                    "description",
                    Value::text(format!("{}, puis {}.", self.sentence(), self.sentence())),
                ),
                (
                    "size_minutes",
                    Value::Int(15 * (1 + self.rng.below(16)) as i64),
                ),
                ("skills", self.skills(2)),
            ];
            if !poles.is_empty() {
                fields.push(("pole", Value::Ref(poles[self.rng.below(poles.len())])));
            }
            let status = if people.is_empty() {
                "open"
            } else {
                ["open", "open", "taken", "done"][self.rng.below(4)]
            };
            if status != "open" {
                fields.push(("taker", Value::Ref(people[self.rng.below(people.len())])));
            }
            fields.push(("status", Value::text(status)));
            self.create(Kind::Task, fields);
        }
    }

    fn meetings(&mut self, size: &Size, poles: &[Id], people: &[Id]) -> Vec<Id> {
        let mut meetings = Vec::with_capacity(size.meetings);
        for n in 0..size.meetings {
            let theme = self.rng.pick(THEMES).to_lowercase();
            let template = ["strategic", "thematic", "retrospective"][n % 3];
            let mut fields = vec![
                (
                    "title",
                    Value::text(format!("Réunion {theme} n° {}", n + 1)),
                ),
                ("theme", Value::text(theme)),
                (
                    "starts_at",
                    Value::Time(EPOCH_MS - 400 * DAY_MS + n as i64 * 2 * DAY_MS + 18 * 3_600_000),
                ),
                (
                    "duration_minutes",
                    Value::Int(60 + 30 * self.rng.below(3) as i64),
                ),
                (
                    "place",
                    Value::text(format!(
                        "Maison des associations, {}",
                        self.rng.pick(DISTRICTS)
                    )),
                ),
                ("template", Value::text(template)),
            ];
            if !poles.is_empty() {
                let concerned: BTreeSet<Id> = (0..1 + self.rng.below(2))
                    .map(|_| poles[self.rng.below(poles.len())])
                    .collect();
                fields.push(("poles", Value::Refs(concerned)));
            }
            let meeting = self.create(Kind::Meeting, fields);
            meetings.push(meeting);
            for (item, order) in order_keys(3).into_iter().enumerate() {
                let mut fields = vec![
                    ("meeting", Value::Ref(meeting)),
                    ("title", Value::text(self.sentence())),
                    ("timebox_minutes", Value::Int(10 + 5 * item as i64)),
                    ("order", Value::text(order)),
                ];
                if !people.is_empty() {
                    fields.push(("owner", Value::Ref(people[self.rng.below(people.len())])));
                }
                self.create(Kind::AgendaItem, fields);
            }
        }
        meetings
    }

    fn decisions(&mut self, size: &Size, poles: &[Id], meetings: &[Id]) {
        for n in 0..size.decisions {
            let decided = Date::from_days(20_300 + (n % 700) as i32);
            let mut fields = vec![
                (
                    "title",
                    Value::text(format!("Adopter : {}", self.rng.pick(OBJECTS))),
                ),
                (
                    "text",
                    Value::text(format!(
                        "Nous décidons de {}.",
                        self.sentence().to_lowercase()
                    )),
                ),
                (
                    "process",
                    Value::text(["consent", "consensus", "vote", "advice"][self.rng.below(4)]),
                ),
                (
                    "status",
                    Value::text(["proposed", "adopted", "adopted", "rejected"][self.rng.below(4)]),
                ),
                ("decided_on", Value::Date(decided)),
                (
                    "review_on",
                    Value::Date(Date::from_days(decided.days() + 180)),
                ),
            ];
            if !poles.is_empty() {
                fields.push(("pole", Value::Ref(poles[self.rng.below(poles.len())])));
            }
            if !meetings.is_empty() && self.rng.one_in(2) {
                fields.push((
                    "meeting",
                    Value::Ref(meetings[self.rng.below(meetings.len())]),
                ));
            }
            self.create(Kind::Decision, fields);
        }
    }

    fn kits(&mut self, size: &Size, poles: &[Id], people: &[Id]) {
        for n in 0..size.kits {
            let theme = THEMES[n % THEMES.len()].to_lowercase();
            let mut fields = vec![
                (
                    "title",
                    Value::text(format!("Kit {theme} n° {}", n / THEMES.len() + 1)),
                ),
                (
                    "summary",
                    Value::text(format!("Démarrer et faire durer un groupe {theme}.")),
                ),
            ];
            let pole = (!poles.is_empty()).then(|| poles[self.rng.below(poles.len())]);
            if let Some(pole) = pole {
                fields.push(("pole", Value::Ref(pole)));
            }
            if !people.is_empty() {
                fields.push((
                    "maintainer",
                    Value::Ref(people[self.rng.below(people.len())]),
                ));
            }
            let kit = self.create(Kind::Kit, fields);
            let steps: Vec<Step> = (0..3 + self.rng.below(3))
                .map(|step| Step {
                    key: format!("etape-{}", step + 1),
                    phase: format!("jour {}", step / 2 + 1),
                    title: self.sentence(),
                    body: format!("{}.", self.sentence()),
                })
                .collect();
            let mut fields = vec![
                ("kit", Value::Ref(kit)),
                ("number", Value::Int(1)),
                ("changelog", Value::text("Première version.")),
                (
                    "body",
                    Value::text(format!("# Kit {theme}\n\nPour les groupes locaux.")),
                ),
                ("steps", Value::Steps(steps)),
                ("audience", Value::text("Groupes locaux")),
                (
                    "format",
                    Value::text(["kit", "remote_training", "in_person_training", "faq"][n % 4]),
                ),
                ("tags", Value::set([theme.as_str(), "groupe local"])),
                ("language", Value::text("fr")),
                ("licence", Value::text("CC BY-SA 4.0")),
            ];
            if let Some(pole) = pole {
                fields.push(("pole", Value::Ref(pole)));
            }
            self.create(Kind::KitVersion, fields);
        }
    }

    fn places(&mut self, size: &Size) {
        for _ in 0..size.places {
            let (kind, category) = PLACE_KINDS[self.rng.below(PLACE_KINDS.len())];
            let (city, lat, lon) = CITIES[self.rng.below(CITIES.len())];
            let street = self.rng.pick(STREETS);
            let district = self.rng.pick(DISTRICTS);
            // Within about 10 km of the city centre.
            let jitter = |rng: &mut XorShift| (rng.below(20_001) as f64 - 10_000.0) * 1e-5;
            let (lat, lon) = (lat + jitter(&mut self.rng), lon + jitter(&mut self.rng));
            let number = 1 + self.rng.below(120);
            self.create(
                Kind::Place,
                vec![
                    ("name", Value::text(format!("{kind} {district}"))),
                    ("categories", Value::set([category])),
                    ("lat", Value::degrees(lat)),
                    ("lon", Value::degrees(lon)),
                    ("address", Value::text(format!("{number} {street}, {city}"))),
                    (
                        "description",
                        Value::text(format!("{kind} ouvert à toutes et tous.")),
                    ),
                    ("source", Value::text("cartopartie")),
                ],
            );
        }
    }
}

/// `count` order keys, in increasing order.
fn order_keys(count: usize) -> Vec<String> {
    crate::validate::order_keys_after(None, count)
}

fn roles(entries: &[(&str, u8)]) -> Value {
    Value::Roles(
        entries
            .iter()
            .map(|(role, count)| RoleCount {
                role: (*role).to_owned(),
                count: *count,
            })
            .collect(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_generator_is_a_known_xorshift_sequence() {
        let mut rng = XorShift::new(1);
        // x ^= x << 13; x ^= x >> 7; x ^= x << 17, from 1.
        assert_eq!(rng.next_u64(), 1_082_269_761);
        assert_eq!(rng.next_u64(), 1_152_992_998_833_853_505);
        assert_ne!(XorShift::new(0).next_u64(), 0);
    }

    #[test]
    fn the_same_seed_gives_the_same_changes_and_another_seed_others() {
        let size = Size::small();
        assert_eq!(changes(&size, 7), changes(&size, 7));
        assert_ne!(changes(&size, 7), changes(&size, 8));
    }
}
