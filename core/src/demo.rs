//! The demo collective, as operations.
//!
//! A Covid-era citizen collective (seed `000`): a *Stratégie* centre, eight
//! pôles with their raisons d'être, the functions inside LUMIÈRE and COHÉSION
//! with their missions, the referents' first names, links between pôles and
//! the partner collectives around them. Around it: the five functions of a
//! collective actor (seed `002`) as the reference taxonomy, open needs for the
//! roles seed `004` asks of every working group, tasks drawn from COHÉSION's
//! missions, and a small kit library drawn from seeds `001`, `003` and `004`.
//!
//! The data is written as small static tables ([`POLES`], [`PARTNERS`],
//! [`LINKS`], [`NEEDS`], [`TASKS`], [`KITS`]); [`demo_changes`] turns them into
//! [`Change`]s, in an order in which every reference points to a record created
//! before it. The caller supplies ids, so the core still reads no clock and
//! draws no randomness: the server's first start passes fresh UUIDv7s, tests
//! pass deterministic ones.
//!
//! Choices made on the seed:
//! - Missions belong to the pôle (LUMIÈRE, COHÉSION, DIPLOMATES) and carry the
//!   name of their function in `function`; the functions are also drawn as
//!   `function` pôles inside their pôle.
//! - Each referent of each pôle is one `Person` with a first name only: the
//!   seed does not show that an Olivier, a Sophie, a Louis, a Marie or a
//!   Maximilien named in two pôles is the same person. No contact details.
//! - Pôles follow the collective's required roles (two referents, one
//!   facilitator, one welcome person); functions and partner collectives
//!   require none, since they are not working groups of their own.
//! - Stratégie has no raison d'être in the seed, so it has none here.

use std::collections::BTreeSet;

use crate::ids::Id;
use crate::op::{Access, Actor, Change, Sequencer};
use crate::refusal::Refusal;
use crate::schema::Kind;
use crate::state::State;
use crate::value::{RoleCount, Step, Value};

/// Who applies the demo operations: an admin with no person record (a setup script).
pub const DEMO_ACTOR: Actor = Actor::anonymous(Access::Admin);

/// The five functions of a collective actor (seed `002`), the collective's taxonomy.
pub const FUNCTIONS: [&str; 5] = [RESEAU, COHERENCE, PROJETS, COMPETENCES, INFLUENCE];

const RESEAU: &str = "Réseautage & communication";
const COHERENCE: &str = "Cohérence & complémentarité";
const PROJETS: &str = "Réalisation de projets collectifs";
const COMPETENCES: &str = "Renforcement des compétences";
const INFLUENCE: &str = "Positionnement et influence";

/// The name of the centre every pôle reports to.
pub const CENTRE: &str = "Stratégie";

/// A pôle of the collective, as the seed describes it.
#[derive(Debug, Clone, Copy)]
pub struct PoleSeed {
    /// Its name, as on the map.
    pub name: &'static str,
    /// Its colour on the map (`#rrggbb`).
    pub colour: &'static str,
    /// The first names of its pair of referents.
    pub referents: &'static [&'static str],
    /// Its raisons d'être.
    pub purpose: &'static [&'static str],
    /// The functions of the taxonomy (seed `002`) it serves.
    pub functions: &'static [&'static str],
    /// Missions not grouped under a function.
    pub missions: &'static [&'static str],
    /// The functions inside the pôle, with their missions.
    pub sub: &'static [FunctionSeed],
}

/// A function inside a pôle (a sub-circle), with its missions.
#[derive(Debug, Clone, Copy)]
pub struct FunctionSeed {
    /// Its name (also the `function` of its missions).
    pub name: &'static str,
    /// The functions of the taxonomy it serves.
    pub functions: &'static [&'static str],
    /// Its missions, in seed order.
    pub missions: &'static [&'static str],
}

/// A partner collective drawn at the edge of the map.
#[derive(Debug, Clone, Copy)]
pub struct PartnerSeed {
    /// Its name.
    pub name: &'static str,
    /// The first names the seed gives for it.
    pub referents: &'static [&'static str],
}

/// A link between two pôles (by name: pôles and functions have distinct names).
#[derive(Debug, Clone, Copy)]
pub struct LinkSeed {
    /// The pôle the link starts from.
    pub from: &'static str,
    /// The pôle it goes to.
    pub to: &'static str,
    /// `works_with`, `reports_to` or `partner`.
    pub kind: &'static str,
    /// Why the link exists.
    pub note: &'static str,
}

/// An open need of a pôle.
#[derive(Debug, Clone, Copy)]
pub struct NeedSeed {
    /// The pôle (or function) that needs someone.
    pub pole: &'static str,
    /// What is needed.
    pub title: &'static str,
    /// The role, if the need is a vacant role.
    pub role: Option<&'static str>,
    /// Skills wanted.
    pub skills: &'static [&'static str],
    /// Hours per week expected.
    pub hours_per_week: i64,
    /// Details.
    pub description: &'static str,
}

/// A task of the pool, open to anyone.
#[derive(Debug, Clone, Copy)]
pub struct TaskSeed {
    /// The pôle or function it serves.
    pub pole: &'static str,
    /// What to do.
    pub title: &'static str,
    /// Details.
    pub description: &'static str,
    /// Its size in minutes.
    pub size_minutes: i64,
    /// Skills it uses.
    pub skills: &'static [&'static str],
}

/// A kit and its first version.
#[derive(Debug, Clone, Copy)]
pub struct KitSeed {
    /// Its title.
    pub title: &'static str,
    /// One-paragraph summary.
    pub summary: &'static str,
    /// The pôle in charge.
    pub pole: &'static str,
    /// Who it is for.
    pub audience: &'static str,
    /// One of [`crate::schema::KIT_FORMATS`].
    pub format: &'static str,
    /// Tags.
    pub tags: &'static [&'static str],
    /// Where the version comes from.
    pub changelog: &'static str,
    /// The markdown body.
    pub body: &'static str,
    /// How long running it takes, in minutes, when that makes sense.
    pub duration_minutes: Option<i64>,
    /// Its steps, grouped by phase.
    pub steps: &'static [StepSeed],
}

/// One step of a kit.
#[derive(Debug, Clone, Copy)]
pub struct StepSeed {
    /// Stable key.
    pub key: &'static str,
    /// Phase or day.
    pub phase: &'static str,
    /// What to do.
    pub title: &'static str,
    /// Details (markdown).
    pub body: &'static str,
}

/// A demo operation that the core refused: a bug in the demo data.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("demo operation #{index} ({change} on {target}) was refused: {refusal}")]
pub struct DemoError {
    /// Its position in [`demo_changes`] (from 0).
    pub index: usize,
    /// The operation's name (`create`, …).
    pub change: &'static str,
    /// The record it was about.
    pub target: Id,
    /// Why it was refused.
    pub refusal: Box<Refusal>,
}

/// The demo collective as operations, to apply in order by [`DEMO_ACTOR`].
///
/// `ids` makes one fresh id per record; it is called once per record, in a fixed order.
pub fn demo_changes(ids: &mut dyn FnMut() -> Id) -> Vec<Change> {
    let mut demo = Builder {
        ids,
        changes: Vec::new(),
        poles: Vec::new(),
        referents: Vec::new(),
    };
    demo.collective();
    demo.poles();
    demo.people();
    demo.links();
    demo.needs();
    demo.tasks();
    demo.kits();
    demo.changes
}

/// An empty state with the demo collective applied.
///
/// `ids` makes the records' ids, the demo client's id and each operation's id.
///
/// # Errors
/// A [`DemoError`] naming the first operation the core refused (the demo data
/// is then out of step with the schema).
pub fn demo_state(ids: &mut dyn FnMut() -> Id) -> Result<State, DemoError> {
    let changes = demo_changes(ids);
    let mut state = State::new();
    state.reserve(changes.len());
    let mut client = Sequencer::new(ids());
    for (index, change) in changes.into_iter().enumerate() {
        let name = change.name();
        let target = change.target();
        let op = client.operation(ids(), 0, change);
        state.apply(&op, &DEMO_ACTOR).map_err(|refusal| DemoError {
            index,
            change: name,
            target,
            refusal: Box::new(refusal),
        })?;
    }
    Ok(state)
}

/// `count` order keys, in increasing order.
fn order_keys(count: usize) -> Vec<String> {
    crate::validate::order_keys_after(None, count)
}

fn set(items: &[&str]) -> Value {
    Value::Set(
        items
            .iter()
            .map(|item| (*item).to_owned())
            .collect::<BTreeSet<_>>(),
    )
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

struct Builder<'a> {
    ids: &'a mut dyn FnMut() -> Id,
    changes: Vec<Change>,
    /// Every pôle, function and partner by name, in creation order.
    poles: Vec<(&'static str, Id)>,
    /// (pôle, first name) of every referent, in seed order.
    referents: Vec<(&'static str, &'static str)>,
}

impl Builder<'_> {
    fn create(&mut self, kind: Kind, fields: Vec<(&'static str, Value)>) -> Id {
        let id = (self.ids)();
        self.changes.push(Change::create(kind, id, fields));
        id
    }

    fn pole(&self, name: &str) -> Option<Id> {
        self.poles
            .iter()
            .find(|(known, _)| *known == name)
            .map(|(_, id)| *id)
    }

    fn collective(&mut self) {
        self.create(
            Kind::Collective,
            vec![
                ("name", Value::text(COLLECTIVE_NAME)),
                ("description", Value::text(COLLECTIVE_DESCRIPTION)),
                ("charter", Value::text(CHARTER)),
                (
                    "required_roles",
                    roles(&[("referent", 2), ("facilitator", 1), ("welcome", 1)]),
                ),
                ("functions", Value::list(FUNCTIONS)),
            ],
        );
    }

    fn poles(&mut self) {
        // Stratégie and the partner collectives sit at the top level.
        let top = order_keys(1 + PARTNERS.len());
        let centre = self.create(
            Kind::Pole,
            vec![
                ("name", Value::text(CENTRE)),
                ("kind", Value::text("centre")),
                ("colour", Value::text("#1f4e5f")),
                ("order", Value::text(top[0].clone())),
                ("status", Value::text("active")),
                ("functions", set(&[COHERENCE, INFLUENCE])),
                ("description", Value::text(CENTRE_DESCRIPTION)),
            ],
        );
        self.poles.push((CENTRE, centre));

        let orders = order_keys(POLES.len());
        for (seed, order) in POLES.iter().zip(orders) {
            let mut fields = vec![
                ("name", Value::text(seed.name)),
                ("kind", Value::text("pole")),
                ("parent", Value::Ref(centre)),
                ("colour", Value::text(seed.colour)),
                ("order", Value::text(order)),
                ("status", Value::text("active")),
                ("functions", set(seed.functions)),
            ];
            if !seed.purpose.is_empty() {
                fields.push(("purpose", Value::list(seed.purpose.iter().copied())));
            }
            let pole = self.create(Kind::Pole, fields);
            self.poles.push((seed.name, pole));
            for name in seed.referents {
                self.referents.push((seed.name, name));
            }

            let sub_orders = order_keys(seed.sub.len());
            for (function, order) in seed.sub.iter().zip(sub_orders) {
                let id = self.create(
                    Kind::Pole,
                    vec![
                        ("name", Value::text(function.name)),
                        ("kind", Value::text("function")),
                        ("parent", Value::Ref(pole)),
                        ("colour", Value::text(seed.colour)),
                        ("order", Value::text(order)),
                        ("status", Value::text("active")),
                        ("functions", set(function.functions)),
                        ("required_roles", roles(&[])),
                    ],
                );
                self.poles.push((function.name, id));
            }

            // Missions: first those without a function, then by function, in seed order.
            let missions: Vec<(Option<&str>, &str)> = seed
                .missions
                .iter()
                .map(|title| (None, *title))
                .chain(seed.sub.iter().flat_map(|function| {
                    function
                        .missions
                        .iter()
                        .map(move |title| (Some(function.name), *title))
                }))
                .collect();
            let mission_orders = order_keys(missions.len());
            for ((function, title), order) in missions.into_iter().zip(mission_orders) {
                let mut fields = vec![
                    ("pole", Value::Ref(pole)),
                    ("title", Value::text(title)),
                    ("order", Value::text(order)),
                ];
                if let Some(function) = function {
                    fields.push(("function", Value::text(function)));
                }
                self.create(Kind::Mission, fields);
            }
        }

        for (seed, order) in PARTNERS.iter().zip(top.into_iter().skip(1)) {
            let id = self.create(
                Kind::Pole,
                vec![
                    ("name", Value::text(seed.name)),
                    ("kind", Value::text("partner")),
                    ("colour", Value::text(PARTNER_COLOUR)),
                    ("order", Value::text(order)),
                    ("status", Value::text("active")),
                    ("required_roles", roles(&[])),
                    ("description", Value::text(PARTNER_DESCRIPTION)),
                ],
            );
            self.poles.push((seed.name, id));
            for name in seed.referents {
                self.referents.push((seed.name, name));
            }
        }
    }

    fn people(&mut self) {
        for (pole_name, first_name) in std::mem::take(&mut self.referents) {
            let Some(pole) = self.pole(pole_name) else {
                continue;
            };
            let person = self.create(
                Kind::Person,
                vec![
                    ("display_name", Value::text(first_name)),
                    ("status", Value::text("active")),
                    ("available", Value::Bool(true)),
                ],
            );
            self.create(
                Kind::RoleAssignment,
                vec![
                    ("person", Value::Ref(person)),
                    ("pole", Value::Ref(pole)),
                    ("role", Value::text("referent")),
                ],
            );
        }
    }

    fn links(&mut self) {
        let reports = POLES.iter().map(|seed| LinkSeed {
            from: seed.name,
            to: CENTRE,
            kind: "reports_to",
            note: "Rend compte au centre Stratégie.",
        });
        let partners = PARTNERS.iter().map(|seed| LinkSeed {
            from: seed.name,
            to: CENTRE,
            kind: "partner",
            note: "Collectif partenaire.",
        });
        let all: Vec<LinkSeed> = reports
            .chain(LINKS.iter().copied())
            .chain(partners)
            .collect();
        for link in all {
            let (Some(from), Some(to)) = (self.pole(link.from), self.pole(link.to)) else {
                continue;
            };
            self.create(
                Kind::Link,
                vec![
                    ("from", Value::Ref(from)),
                    ("to", Value::Ref(to)),
                    ("kind", Value::text(link.kind)),
                    ("note", Value::text(link.note)),
                ],
            );
        }
    }

    fn needs(&mut self) {
        for need in NEEDS {
            let Some(pole) = self.pole(need.pole) else {
                continue;
            };
            let mut fields = vec![
                ("pole", Value::Ref(pole)),
                ("title", Value::text(need.title)),
                ("hours_per_week", Value::Int(need.hours_per_week)),
                ("description", Value::text(need.description)),
                ("status", Value::text("open")),
            ];
            if let Some(role) = need.role {
                fields.push(("role", Value::text(role)));
            }
            if !need.skills.is_empty() {
                fields.push(("skills", set(need.skills)));
            }
            self.create(Kind::Need, fields);
        }
    }

    fn tasks(&mut self) {
        for task in TASKS {
            let Some(pole) = self.pole(task.pole) else {
                continue;
            };
            self.create(
                Kind::Task,
                vec![
                    ("title", Value::text(task.title)),
                    ("description", Value::text(task.description)),
                    ("pole", Value::Ref(pole)),
                    ("size_minutes", Value::Int(task.size_minutes)),
                    ("skills", set(task.skills)),
                    ("status", Value::text("open")),
                ],
            );
        }
    }

    fn kits(&mut self) {
        for seed in KITS {
            let pole = self.pole(seed.pole);
            let mut fields = vec![
                ("title", Value::text(seed.title)),
                ("summary", Value::text(seed.summary)),
            ];
            if let Some(pole) = pole {
                fields.push(("pole", Value::Ref(pole)));
            }
            let kit = self.create(Kind::Kit, fields);
            let steps = seed
                .steps
                .iter()
                .map(|step| Step {
                    key: step.key.to_owned(),
                    phase: step.phase.to_owned(),
                    title: step.title.to_owned(),
                    body: step.body.to_owned(),
                })
                .collect();
            let mut fields = vec![
                ("kit", Value::Ref(kit)),
                ("number", Value::Int(1)),
                ("changelog", Value::text(seed.changelog)),
                ("body", Value::text(seed.body)),
                ("steps", Value::Steps(steps)),
                ("audience", Value::text(seed.audience)),
                ("format", Value::text(seed.format)),
                ("tags", set(seed.tags)),
                ("language", Value::text("fr")),
                ("licence", Value::text(LICENCE)),
            ];
            if let Some(pole) = pole {
                fields.push(("pole", Value::Ref(pole)));
            }
            if let Some(minutes) = seed.duration_minutes {
                fields.push(("duration_minutes", Value::Int(minutes)));
            }
            self.create(Kind::KitVersion, fields);
        }
    }
}

// ---------------------------------------------------------------------------
// The collective (seed 000, taxonomy of seed 002).
// ---------------------------------------------------------------------------

const COLLECTIVE_NAME: &str = "Collectif citoyen (démo)";

const COLLECTIVE_DESCRIPTION: &str = "Un collectif citoyen né pendant la crise sanitaire, \
organisé en pôles autour d'un centre Stratégie, chacun mené par un binôme de référent·es, \
avec des collectifs partenaires autour de lui. Données de démonstration : les prénoms \
viennent des documents d'origine, aucune coordonnée n'y figure.";

const CENTRE_DESCRIPTION: &str = "Le centre de la carte : les pôles y rendent compte, \
les orientations communes s'y décident et les réunions stratégiques s'y tiennent.";

const PARTNER_DESCRIPTION: &str = "Collectif partenaire, allié du collectif, dessiné au bord \
de la carte.";

const PARTNER_COLOUR: &str = "#78909c";

const LICENCE: &str = "CC BY-SA 4.0";

const CHARTER: &str = "\
# Charte du collectif

## Ce qui nous rassemble

Nous sommes des citoyennes et des citoyens qui voulons comprendre, témoigner, soigner, créer \
et agir ensemble, **dans la non-violence**. Nous créons du lien là où la crise isole, nous \
faisons circuler une information factuelle et nous mettons en lumière ce que chacun·e fait \
près de chez soi.

## Comment nous nous organisons

- Le collectif est organisé en **pôles** autour d'un centre, **Stratégie**. Chaque pôle a \
ses raisons d'être et ses missions, visibles de toutes et tous sur la cartographie.
- Chaque pôle a **un binôme de référent·es**, **un·e facilitateur·trice** qui anime ses \
réunions et **une personne chargée de l'accueil des bénévoles**. Un rôle vacant est publié \
comme un besoin, pour que quelqu'un puisse le prendre.
- Nos réunions ont **un seul thème** et **un ordre du jour minuté** ; la parole y est \
partagée et son temps suivi.
- Les décisions qui engagent le collectif sont prises **par consentement**, notées dans le \
registre des décisions avec une date de révision.

## Nos engagements

1. **Bienveillance et prudence** : nous respectons la charte de communication interne, \
nous ne diffusons pas ce qui est partagé en confiance.
2. **Respect de la vie privée** : aucune coordonnée personnelle n'est publiée sans l'accord \
de la personne.
3. **Liberté d'engagement** : chacun·e choisit ses tâches dans la liste commune, peut se \
mettre en pause quand il le faut et quitter un rôle en passant le relais.
4. **Outils libres** : nous privilégions des logiciels libres que le collectif maîtrise.
5. **Transmission** : ce que nous apprenons devient un kit que d'autres peuvent reprendre.
";

/// The pôles of seed `000`, in seed order (Stratégie, the centre, is added by code).
pub const POLES: &[PoleSeed] = &[
    PoleSeed {
        name: "TÉMOIGNER",
        colour: "#c2185b",
        referents: &["Sandrine", "Julia"],
        purpose: &[
            "Créer du lien et permettre aux gens de se sentir moins seuls",
            "Ouvrir un endroit d'échanges et de partage : réflexions, vécu, idées d'actions, \
             victoires, liés à la situation sanitaire ou au monde d'après",
            "Apporter du soutien, une écoute, aider lorsque cela est possible, apporter des \
             réponses à quelques questions juridiques",
            "Diriger vers des articles scientifiques si besoin",
        ],
        functions: &[RESEAU],
        missions: &[],
        sub: &[],
    },
    PoleSeed {
        name: "SOIGNANTS",
        colour: "#2e7d32",
        referents: &["Olivier", "Florence"],
        purpose: &[
            "Mettre en lien tous les professionnels de santé qui veulent agir, dans la \
             non-violence",
            "Aider nos concitoyens à être informés, éclairés, et être dans la prudence et le \
             courage, pour dépasser et sortir de la peur",
            "Remettre le patient au centre, valoriser la prévention et les traitements, la \
             formation continue",
            "Favoriser la responsabilité patient / professionnel de santé",
        ],
        functions: &[RESEAU, COMPETENCES, INFLUENCE],
        missions: &[],
        sub: &[],
    },
    PoleSeed {
        name: "ARTISTES",
        colour: "#8e24aa",
        referents: &["Mihuma", "Ira"],
        purpose: &[
            "Donner de la visibilité aux artistes",
            "Donner une bouffée d'oxygène aux gens et des idées",
            "Proposer des actions au niveau local en relayant les informations via le pôle \
             collectifs",
            "Maintenir un lien vivant entre les gens : « ré-animation » de la société",
            "Apporter du soin à ceux qui souffrent grâce à l'art",
            "Passer des messages différemment en contournant la censure",
        ],
        functions: &[RESEAU, PROJETS],
        missions: &[],
        sub: &[],
    },
    PoleSeed {
        name: "LUMIÈRE",
        colour: "#f9a825",
        referents: &["Maximilien", "Stéphane"],
        purpose: &[
            "Répondre aux attentes de nos sympathisants",
            "Optimiser l'utilisation des outils",
            "Mettre en lumière tous les contenus produits par le collectif",
            "Mettre en valeur les actions des différents cercles de citoyens",
        ],
        functions: &[RESEAU, INFLUENCE],
        missions: &[],
        sub: &[
            FunctionSeed {
                name: "NL",
                functions: &[RESEAU],
                missions: &[
                    "Élaborer une NL bimensuelle",
                    "Diffuser des contenus produits selon la ligne éditoriale",
                    "Analyser les retours",
                ],
            },
            FunctionSeed {
                name: "Site web",
                functions: &[RESEAU],
                missions: &[
                    "Organiser le site",
                    "Diffuser les contenus",
                    "Optimiser l'interface utilisateur",
                    "Définir la stratégie de référencement",
                    "Redistribuer le trafic vers les autres canaux",
                ],
            },
            FunctionSeed {
                name: "RS",
                functions: &[RESEAU],
                missions: &[
                    "Diffuser les contenus produits par les pôles",
                    "Modérer",
                    "Analyser les KPI et le contenu des retours",
                ],
            },
            FunctionSeed {
                name: "Presse",
                functions: &[RESEAU, INFLUENCE],
                missions: &[
                    "Identifier les journalistes « amis »",
                    "Répondre aux mails et trier les demandes selon leur intérêt, leur urgence \
                     et leur pertinence",
                    "Établir un premier contact par téléphone",
                ],
            },
            FunctionSeed {
                name: "Comm",
                functions: &[RESEAU, COHERENCE],
                missions: &[
                    "Élaborer une ligne éditoriale",
                    "Solliciter les pôles sur les contenus existants selon les besoins (retours)",
                    "Planifier la diffusion des contenus",
                    "Faciliter les échanges entre production et diffusion",
                ],
            },
            FunctionSeed {
                name: "Vidéo",
                functions: &[RESEAU],
                missions: &[],
            },
            FunctionSeed {
                name: "Graphisme",
                functions: &[RESEAU],
                missions: &[],
            },
        ],
    },
    PoleSeed {
        name: "COMPRENDRE",
        colour: "#1565c0",
        referents: &["Carole", "Isabelle"],
        purpose: &[
            "Donner « un contenu factuel et synthétique issu d'une expertise plurielle »",
            "Élaborer des contenus de vulgarisation scientifique",
        ],
        functions: &[COMPETENCES, INFLUENCE],
        missions: &[],
        sub: &[],
    },
    PoleSeed {
        name: "COHÉSION",
        colour: "#00897b",
        referents: &["Hugues", "Marie"],
        purpose: &[
            "Soutenir le mouvement d'expansion du collectif par l'établissement d'une \
             structure cohérente et résiliente",
            "Aider l'harmonie à croître dans le collectif",
            "Encourager la prudence à l'intérieur et à l'extérieur du collectif",
            "Accueillir les bénévoles et les accompagner dans leurs premiers pas",
        ],
        functions: &[COHERENCE, COMPETENCES],
        missions: &[],
        sub: &[
            FunctionSeed {
                name: "Coordination",
                functions: &[COHERENCE],
                missions: &[
                    "Étudier et transmettre des outils de gouvernance partagée",
                    "Définir une forme d'organisation dynamique",
                    "Établir une cartographie dynamique des pôles et des fonctions",
                    "Penser un processus de désinvestissement ou d'exclusion",
                    "Organiser les réunions stratégiques",
                ],
            },
            FunctionSeed {
                name: "Recrutement",
                functions: &[COHERENCE, COMPETENCES],
                missions: &[
                    "Identifier les besoins en rôles du collectif",
                    "Centraliser les propositions d'aide",
                    "Organiser la rencontre entre besoins et ressources",
                    "Établir et organiser les procédures de recrutement et de tutorat",
                ],
            },
            FunctionSeed {
                name: "Prudence",
                functions: &[COMPETENCES],
                missions: &[
                    "Étudier et transmettre des outils de communication interne adaptés",
                    "Établir une charte éthique de la communication interne",
                    "Établir un guide de bonne pratique en matière de sécurité informatique",
                    "Réaliser des actions de veille concernant les membres entrants du collectif",
                ],
            },
            FunctionSeed {
                name: "Harmonie",
                functions: &[RESEAU],
                missions: &[
                    "Proposer des outils de soin à destination des membres du collectif",
                    "Proposer un cadre de médiation en cas de conflit non résolu par une \
                     communication directe adaptée",
                    "Réaliser une NL interne",
                    "Organiser et promouvoir des rencontres et activités de groupe entre les \
                     membres du collectif",
                ],
            },
            FunctionSeed {
                name: "Secrétariat",
                functions: &[COHERENCE],
                missions: &[],
            },
            FunctionSeed {
                name: "Mercis",
                functions: &[RESEAU],
                missions: &[],
            },
        ],
    },
    PoleSeed {
        name: "COLLECTIFS",
        colour: "#ef6c00",
        referents: &["Anne", "Laurence"],
        purpose: &[
            "Mettre en lien tous ceux qui veulent agir, au national et à l'international",
            "Faire circuler l'information, du national vers le local, du local vers le \
             national, et à l'international",
        ],
        functions: &[RESEAU, COHERENCE, PROJETS],
        missions: &[],
        sub: &[],
    },
    PoleSeed {
        name: "DIPLOMATES",
        colour: "#5d4037",
        referents: &["Louis", "Sophie"],
        purpose: &[
            "Initier, soutenir et réunir les diplomates du collectif",
            "Élaborer ensemble le cadre, l'harmonie narrative et les outils pour leurs actions",
        ],
        functions: &[INFLUENCE, COMPETENCES],
        missions: &[
            "Élaborer, mettre à disposition et préserver l'archétype du diplomate",
            "Mettre en place les liens avec Presse, Vidéos, Comprendre et Collectifs pour les \
             rassemblements",
            "Mettre à disposition un RS pour les diplomates",
            "Organiser des sessions de répétition d'un débat face à la presse",
            "Organiser un parcours d'initiation à la diplomatie",
            "Déterminer qui peut prendre la parole au sein du groupe et qui ne peut pas",
        ],
        sub: &[],
    },
];

/// The partner collectives of seed `000`, in seed order.
pub const PARTNERS: &[PartnerSeed] = &[
    PartnerSeed {
        name: "SYNDICAT",
        referents: &["Olivier", "Sophie"],
    },
    PartnerSeed {
        name: "COLLECTIF SANTÉ PÉDIATRIQUE",
        referents: &[],
    },
    PartnerSeed {
        name: "REINFOSANTE",
        referents: &["Fabien"],
    },
    PartnerSeed {
        name: "REINFOLIBERTE",
        referents: &["Vincent", "Maximilien"],
    },
    PartnerSeed {
        name: "COVISOIN",
        referents: &["Louis", "Marie"],
    },
    PartnerSeed {
        name: "STREETACT",
        referents: &["Fred S"],
    },
];

/// Links the seed implies between pôles, beyond every pôle reporting to
/// Stratégie and every partner collective's `partner` link (added by code).
pub const LINKS: &[LinkSeed] = &[
    LinkSeed {
        from: "ARTISTES",
        to: "COLLECTIFS",
        kind: "works_with",
        note: "Propose des actions au niveau local en relayant les informations via le pôle \
               COLLECTIFS.",
    },
    LinkSeed {
        from: "TÉMOIGNER",
        to: "COMPRENDRE",
        kind: "works_with",
        note: "Dirige vers des articles scientifiques si besoin.",
    },
    LinkSeed {
        from: "DIPLOMATES",
        to: "Presse",
        kind: "works_with",
        note: "Liens pour les rassemblements.",
    },
    LinkSeed {
        from: "DIPLOMATES",
        to: "Vidéo",
        kind: "works_with",
        note: "Liens pour les rassemblements.",
    },
    LinkSeed {
        from: "DIPLOMATES",
        to: "COMPRENDRE",
        kind: "works_with",
        note: "Liens pour les rassemblements.",
    },
    LinkSeed {
        from: "DIPLOMATES",
        to: "COLLECTIFS",
        kind: "works_with",
        note: "Liens pour les rassemblements.",
    },
];

const ROLE_RULE: &str = "Chaque pôle a besoin d'un binôme de référent·es, d'un·e \
facilitateur·trice et d'une personne chargée de l'accueil des bénévoles.";

/// Open needs: vacant roles (seed `004`'s rule) and skills the seed's functions lack.
pub const NEEDS: &[NeedSeed] = &[
    NeedSeed {
        pole: "COHÉSION",
        title: "Facilitateur·trice du pôle COHÉSION",
        role: Some("facilitator"),
        skills: &["facilitation", "gouvernance partagée"],
        hours_per_week: 2,
        description: "Préparer et animer les réunions du pôle (thème unique, ordre du jour \
                      minuté), tenir le temps de parole. Le pôle n'a pas encore de \
                      facilitateur·trice.",
    },
    NeedSeed {
        pole: "COHÉSION",
        title: "Accueil des bénévoles",
        role: Some("welcome"),
        skills: &["écoute", "accueil"],
        hours_per_week: 2,
        description: "Répondre aux propositions d'aide, présenter le collectif aux nouvelles \
                      personnes et les orienter vers un pôle et un·e tuteur·trice.",
    },
    NeedSeed {
        pole: "LUMIÈRE",
        title: "Facilitateur·trice du pôle LUMIÈRE",
        role: Some("facilitator"),
        skills: &["facilitation"],
        hours_per_week: 2,
        description: ROLE_RULE,
    },
    NeedSeed {
        pole: "TÉMOIGNER",
        title: "Accueil des personnes qui rejoignent TÉMOIGNER",
        role: Some("welcome"),
        skills: &["écoute", "accueil"],
        hours_per_week: 2,
        description: ROLE_RULE,
    },
    NeedSeed {
        pole: "DIPLOMATES",
        title: "Facilitateur·trice du pôle DIPLOMATES",
        role: Some("facilitator"),
        skills: &["facilitation", "prise de parole"],
        hours_per_week: 1,
        description: ROLE_RULE,
    },
    NeedSeed {
        pole: "Vidéo",
        title: "Monteur·se vidéo",
        role: Some("member"),
        skills: &["montage vidéo", "sous-titrage"],
        hours_per_week: 3,
        description: "La fonction Vidéo de LUMIÈRE n'a encore ni missions ni membres : \
                      monter et sous-titrer les vidéos produites par les pôles.",
    },
    NeedSeed {
        pole: "Graphisme",
        title: "Graphiste",
        role: Some("member"),
        skills: &["graphisme", "mise en page"],
        hours_per_week: 2,
        description: "Affiches, visuels pour les réseaux sociaux et la NL, charte graphique \
                      du collectif.",
    },
];

/// Tasks of the pool, drawn from COHÉSION's missions.
pub const TASKS: &[TaskSeed] = &[
    TaskSeed {
        pole: "Coordination",
        title: "Mettre à jour la cartographie des pôles et des fonctions",
        description: "Vérifier avec chaque binôme de référent·es que sa raison d'être, ses \
                      missions et ses rôles sont à jour sur la carte.",
        size_minutes: 60,
        skills: &["cartographie", "organisation"],
    },
    TaskSeed {
        pole: "Coordination",
        title: "Proposer un processus pour quitter un rôle",
        description: "Écrire en une page comment on quitte un rôle : prévenir, passer le \
                      relais, transmettre ses notes. À soumettre au consentement en réunion \
                      stratégique.",
        size_minutes: 120,
        skills: &["gouvernance partagée", "rédaction"],
    },
    TaskSeed {
        pole: "Recrutement",
        title: "Recenser les rôles vacants de chaque pôle",
        description: "Comparer les rôles tenus aux rôles requis (binôme de référent·es, \
                      facilitation, accueil) et publier un besoin pour chaque rôle vacant.",
        size_minutes: 90,
        skills: &["organisation"],
    },
    TaskSeed {
        pole: "Recrutement",
        title: "Centraliser les propositions d'aide de la semaine",
        description: "Reprendre les messages reçus, saisir chaque proposition d'aide avec \
                      les compétences et le temps disponible, et la rapprocher d'un besoin.",
        size_minutes: 45,
        skills: &["accueil", "organisation"],
    },
    TaskSeed {
        pole: "Prudence",
        title: "Rédiger une première version de la charte éthique de la communication interne",
        description: "Partir des pratiques actuelles : ce qu'on partage où, ce qui reste \
                      confidentiel, comment on se parle en cas de désaccord.",
        size_minutes: 180,
        skills: &["rédaction", "communication"],
    },
    TaskSeed {
        pole: "Prudence",
        title: "Rassembler les bonnes pratiques de sécurité informatique",
        description: "Mots de passe, double authentification, partage de fichiers, \
                      sauvegardes : une page simple pour le guide.",
        size_minutes: 120,
        skills: &["sécurité informatique"],
    },
    TaskSeed {
        pole: "Harmonie",
        title: "Préparer le sommaire de la prochaine NL interne",
        description: "Demander à chaque pôle une nouvelle, une réussite et un besoin ; \
                      proposer une rencontre conviviale.",
        size_minutes: 60,
        skills: &["rédaction"],
    },
    TaskSeed {
        pole: "Mercis",
        title: "Écrire trois messages de remerciement aux bénévoles du mois",
        description: "Un mot personnel à trois bénévoles qui ont donné de leur temps ce \
                      mois-ci : ce qu'ils ont fait, ce que cela a changé.",
        size_minutes: 30,
        skills: &["rédaction", "écoute"],
    },
];

// ---------------------------------------------------------------------------
// Kits (seeds 001, 003, 004).
// ---------------------------------------------------------------------------

/// The kit library: each kit with its first version.
pub const KITS: &[KitSeed] = &[
    KitSeed {
        title: "Parcours ré_action : agir en une semaine",
        summary: "Une semaine en promotion de 15 volontaires, accompagnée par un·e \
                  coordinateur·trice citoyen·ne : comprendre les besoins, faire une action \
                  solidaire qui a fait ses preuves, puis la faire durer près de chez soi.",
        pole: "COLLECTIFS",
        audience: "Volontaires qui veulent agir près de chez eux sans savoir par où commencer",
        format: "remote_training",
        tags: &[
            "solidarité",
            "entraide",
            "action locale",
            "promotion",
            "covid-19",
        ],
        changelog: "Première version, d'après le programme ré_action de makesense.",
        body: REACTION_BODY,
        duration_minutes: None,
        steps: REACTION_STEPS,
    },
    KitSeed {
        title: "Créer un groupe local",
        summary: "Lancer un groupe local sans rien demander à personne : trouver les premières \
                  personnes, tenir une première rencontre, répartir les rôles et rester relié \
                  aux autres groupes.",
        pole: "COLLECTIFS",
        audience: "Toute personne qui veut faire vivre le collectif dans sa ville ou son quartier",
        format: "kit",
        tags: &["groupe local", "démarrage", "essaimage", "rencontre"],
        changelog: "Première version, d'après le kit de création d'un groupe local de #MAVOIX \
                    et son bilan.",
        body: LOCAL_GROUP_BODY,
        duration_minutes: None,
        steps: LOCAL_GROUP_STEPS,
    },
    KitSeed {
        title: "Monter une réunion locale",
        summary: "Une réunion ouverte à thème unique, à l'ordre du jour minuté, où la parole \
                  circule : la préparer, l'animer, lui donner des suites.",
        pole: "COHÉSION",
        audience: "Groupes locaux et pôles qui organisent une réunion ouverte au public",
        format: "kit",
        tags: &[
            "réunion",
            "facilitation",
            "ordre du jour",
            "temps de parole",
        ],
        changelog: "Première version, adaptée de la version 3 du kit de montage de réunion \
                    locale de #MAVOIX.",
        body: MEETING_BODY,
        duration_minutes: Some(120),
        steps: MEETING_STEPS,
    },
    KitSeed {
        title: "Kit numérique en logiciels libres",
        summary: "Un seul jeu d'outils libres, hébergeables par le collectif, pour s'organiser, \
                  discuter, écrire à plusieurs, se réunir à distance et publier — et le \
                  transmettre au groupe suivant.",
        pole: "Prudence",
        audience: "Référent·es et facilitateur·trices qui outillent un pôle ou un groupe local",
        format: "kit",
        tags: &[
            "logiciel libre",
            "outils numériques",
            "sécurité",
            "auto-hébergement",
        ],
        changelog: "Première version, d'après le bilan des outils numériques de #MAVOIX.",
        body: FREE_SOFTWARE_BODY,
        duration_minutes: None,
        steps: FREE_SOFTWARE_STEPS,
    },
    KitSeed {
        title: "Organiser une cartopartie",
        summary: "Une demi-journée pour recenser ensemble les alternatives d'un quartier : \
                  préparer la zone et les catégories, cartographier sur le terrain même sans \
                  réseau, puis vérifier, fusionner les doublons et publier.",
        pole: "COLLECTIFS",
        audience: "Groupes locaux, tiers-lieux et associations qui veulent faire connaître les \
                   alternatives de leur territoire",
        format: "kit",
        tags: &[
            "cartopartie",
            "cartographie",
            "territoire",
            "données ouvertes",
        ],
        changelog: "Première version, d'après les kits et formations prévus par la stratégie \
                    de Transiscope.",
        body: MAPPING_PARTY_BODY,
        duration_minutes: Some(240),
        steps: MAPPING_PARTY_STEPS,
    },
    KitSeed {
        title: "Être ambassadeur·rice du collectif",
        summary: "Une formation à distance pour présenter le collectif en public ou face à la \
                  presse : le pitch, qui parle de quoi, la répétition d'un débat, et le suivi \
                  après chaque intervention.",
        pole: "DIPLOMATES",
        audience: "Membres et collectifs partenaires qui représentent le collectif en public",
        format: "remote_training",
        tags: &["ambassadeur", "diplomatie", "prise de parole", "presse"],
        changelog: "Première version, d'après la formation « être ambassadeur » de Transiscope \
                    et les missions du pôle DIPLOMATES.",
        body: AMBASSADOR_BODY,
        duration_minutes: Some(180),
        steps: AMBASSADOR_STEPS,
    },
];

const REACTION_BODY: &str = "\
# Parcours ré_action : agir en une semaine

Ce parcours reprend le programme *ré_action* de makesense, conçu pendant la crise du covid-19 \
pour que celles et ceux qui veulent aider passent à l'action autour de chez eux. On n'invente \
rien : on réplique des actions de solidarité **qui ont déjà fait leurs preuves**, choisies avec \
des associations expertes de chaque défi.

## Comment ça marche

- Les volontaires avancent **par promotion de 15**, accompagnée par un·e **coordinateur·trice \
citoyen·ne** formé·e à l'animation de communauté et au défi choisi.
- Chaque jour : un message avec un contenu et une action, un court appel de groupe, et des \
échanges dans la discussion de la promotion.
- Trois temps : **_comprendre** (jours 1 à 3), **_faire** (jours 3 à 5), **_faire durer** \
(jours 5 à 7).

## Les quatre défis

1. **De la chaleur pour les sans-abri** : collecter des kits d'hygiène avec ses voisins et les \
pharmacies, faire des commerçants des points de collecte, distribuer avec des associations, \
sensibiliser aux gestes barrières.
2. **De l'aide pour les soignants** : courses, logement, garde d'enfants ; répondre aux besoins \
pressants des hôpitaux (masques, visières, blouses).
3. **Du lien avec nos aîné·es** : appeler régulièrement des seniors isolés, faire leurs \
courses, nouer des partenariats avec des établissements.
4. **Soutenir nos fermier·es** : soutenir ou créer un réseau local de distribution, acheter \
chez les producteurs, prêter main-forte aux récoltes.

## Compter ce qu'on fait

Notez vos résultats au fil de la semaine (kits constitués, établissements contactés, visières \
livrées…). Ces chiffres motivent la promotion suivante et montrent à vos partenaires ce que des \
citoyen·nes organisé·es peuvent faire en quelques jours.
";

const REACTION_STEPS: &[StepSeed] = &[
    StepSeed {
        key: "lancement",
        phase: "_comprendre · jours 1 à 3",
        title: "Session de lancement : se présenter et choisir un défi",
        body: "Chacun·e dit d'où il ou elle agit et combien de temps il ou elle peut donner. \
               La promotion choisit un des quatre défis ; le·la coordinateur·trice présente le \
               partenaire expert qui l'accompagne.",
    },
    StepSeed {
        key: "besoins",
        phase: "_comprendre · jours 1 à 3",
        title: "Comprendre les besoins des personnes aidées",
        body: "Lire le contenu du jour et écouter le partenaire expert : qui a besoin de quoi, \
               ce qui aide vraiment, ce qui dérange ou met en danger.",
    },
    StepSeed {
        key: "reperer",
        phase: "_comprendre · jours 1 à 3",
        title: "Repérer les acteurs autour de chez soi",
        body: "Associations, pharmacies, commerces, établissements, voisins : noter qui peut \
               aider, relayer ou recevoir.",
    },
    StepSeed {
        key: "choisir-action",
        phase: "_comprendre · jours 1 à 3",
        title: "Choisir une action du répertoire",
        body: "Parmi les actions qui ont fait leurs preuves pour ce défi, en choisir une à sa \
               mesure et l'annoncer à la promotion.",
    },
    StepSeed {
        key: "preparer",
        phase: "_faire · jours 3 à 5",
        title: "Préparer l'action avec ses voisins",
        body: "Une affiche dans le hall, un petit mot sous les paillassons, un commerçant qui \
               accepte d'être point de collecte : commencer petit et près de chez soi.",
    },
    StepSeed {
        key: "agir",
        phase: "_faire · jours 3 à 5",
        title: "Mener l'action en respectant les consignes sanitaires",
        body: "Gestes barrières, distances, matériel propre : la sécurité des personnes aidées \
               passe avant la rapidité.",
    },
    StepSeed {
        key: "partager",
        phase: "_faire · jours 3 à 5",
        title: "Partager chaque jour ce qui marche et ce qui bloque",
        body: "À l'appel quotidien et dans la discussion de la promotion : une réussite, une \
               difficulté, une demande d'aide.",
    },
    StepSeed {
        key: "compter",
        phase: "_faire · jours 3 à 5",
        title: "Compter les résultats",
        body: "Noter les chiffres de l'action (kits, appels, livraisons) pour le bilan de la \
               promotion.",
    },
    StepSeed {
        key: "mobiliser",
        phase: "_faire durer · jours 5 à 7",
        title: "Mobiliser un groupe local pour continuer",
        body: "Inviter voisins, collègues et proches à reprendre l'action ; s'appuyer sur le \
               kit « Créer un groupe local ».",
    },
    StepSeed {
        key: "transmettre",
        phase: "_faire durer · jours 5 à 7",
        title: "Écrire ce qu'on a appris pour la promotion suivante",
        body: "Une page suffit : ce qui a marché, les contacts utiles (structures, pas \
               personnes), les pièges à éviter.",
    },
    StepSeed {
        key: "cloture",
        phase: "_faire durer · jours 5 à 7",
        title: "Session de clôture : célébrer et passer le relais",
        body: "Fêter les résultats, recueillir les retours, et proposer aux volontaires qui le \
               souhaitent de devenir coordinateur·trice de la promotion suivante.",
    },
];

const LOCAL_GROUP_BODY: &str = "\
# Créer un groupe local

Pour que le collectif grandisse, il ne faut **pas de point central** : un groupe local doit \
pouvoir se créer sans rien demander à personne. Ce kit rassemble ce qui a marché ailleurs : des \
rencontres physiques régulières, qui donnent un repère ; des réunions à **un seul thème** ; \
des rôles clairs, pour que les nouvelles personnes sachent à qui s'adresser ; et un lien \
régulier avec les autres groupes.

## Avant de commencer

Deux ou trois personnes motivées suffisent. Il n'y a pas de taille minimale ni de \
validation à attendre : prévenez simplement le pôle COLLECTIFS, qui fera circuler \
l'information du local vers le national et inversement.

## Ce qui aide

- Des lieux où les gens passent déjà : cafés associatifs, universités (les espaces où les \
associations se présentent), villages des alternatives.
- Des actions visibles et simples : une banderole, quelques chaises, et on explique ce qu'est \
le collectif à qui s'arrête.
- Des invité·es (auteur·es, chercheur·ses, acteurs locaux) pour donner envie de venir.

## Ce qui freine

Trop d'outils, des informations dispersées, des ordres du jour interminables, personne pour \
accueillir. Le groupe choisit **un outil par usage** (voir le kit numérique) et tient une \
**liste de tâches** où chacun·e pioche quand il ou elle a du temps.
";

const LOCAL_GROUP_STEPS: &[StepSeed] = &[
    StepSeed {
        key: "entourer",
        phase: "1 · Se lancer",
        title: "Trouver deux ou trois personnes pour démarrer",
        body: "Elles formeront le premier binôme de référent·es et l'équipe d'accueil.",
    },
    StepSeed {
        key: "lieu",
        phase: "1 · Se lancer",
        title: "Choisir un lieu accessible et un créneau régulier",
        body: "Un créneau fixe (par exemple le premier lundi du mois) donne un repère : on sait \
               quand revenir sans avoir à suivre tous les messages.",
    },
    StepSeed {
        key: "annoncer",
        phase: "1 · Se lancer",
        title: "Annoncer la première rencontre",
        body: "Affiches (choisir un papier qui se colle bien), listes de diffusion, relais par \
               le pôle COLLECTIFS, et un stand improvisé avec une banderole.",
    },
    StepSeed {
        key: "theme",
        phase: "2 · La première rencontre",
        title: "Choisir un seul thème",
        body: "Un thème par rencontre évite les ordres du jour pléthoriques. Les autres sujets \
               attendront la suivante.",
    },
    StepSeed {
        key: "accueil",
        phase: "2 · La première rencontre",
        title: "Accueillir les nouvelles personnes",
        body: "Une personne est chargée de l'accueil : elle présente le groupe, dit qui fait \
               quoi et note ce que chacun·e aimerait faire.",
    },
    StepSeed {
        key: "porteur-de-parole",
        phase: "2 · La première rencontre",
        title: "Faire un « porteur de parole »",
        body: "Tendre un fil, y suspendre des feuilles avec une question en haut ; chacun·e \
               écrit sa contribution. Préparer les questions à l'avance.",
    },
    StepSeed {
        key: "roles",
        phase: "2 · La première rencontre",
        title: "Répartir les rôles du groupe",
        body: "Un binôme de référent·es, un·e facilitateur·trice, une personne pour l'accueil \
               des bénévoles. Les rôles vacants sont publiés comme besoins.",
    },
    StepSeed {
        key: "taches",
        phase: "3 · Faire vivre le groupe",
        title: "Tenir une liste de tâches où piocher",
        body: "De petites tâches, sans délais imposés : chacun·e en prend une quand il ou elle a \
               du temps, et peut se mettre en pause sans culpabiliser.",
    },
    StepSeed {
        key: "relier",
        phase: "3 · Faire vivre le groupe",
        title: "Se relier aux autres groupes",
        body: "Participer à la rencontre régulière entre groupes locaux, remonter les \
               informations et les réussites au pôle COLLECTIFS.",
    },
    StepSeed {
        key: "bilan",
        phase: "3 · Faire vivre le groupe",
        title: "Faire le point tous les trois mois",
        body: "Trois colonnes : ce qui a marché, ce qui n'a pas marché, ce qu'on pourrait \
               essayer. Améliorer ce kit avec vos retours.",
    },
];

const MEETING_BODY: &str = "\
# Monter une réunion locale

Une bonne réunion locale a **un seul thème**, **un ordre du jour minuté** et **une parole \
partagée**. Quand on met tout dans la même soirée, ça déborde — et ce n'est pas qu'un problème \
de facilitation. Quand on écoute beaucoup sans échanger, on repart sans rien avoir construit.

## Les rôles

- **Facilitation** : tient le cadre, donne la parole, propose les décisions.
- **Gardien·ne du temps** : lance le minuteur de chaque point et annonce les dernières minutes.
- **Prise de notes** : écrit les décisions et les suites (qui fait quoi), pas tout ce qui se dit.
- **Accueil** : reçoit les nouvelles personnes et leur explique le déroulé.

## Un ordre du jour type (2 heures)

| Durée | Séquence |
|---|---|
| 10 min | Accueil, tour des prénoms, rappel du thème et des règles |
| 20 min | Intervention d'un·e invité·e sur le thème |
| 45 min | Échanges en petits groupes ou « porteur de parole » |
| 25 min | Mise en commun et décisions |
| 10 min | Suites : qui fait quoi, date de la prochaine réunion |
| 10 min | Tour de clôture : comment je repars |

## Le temps de parole

Suivre le temps de parole n'est pas surveiller : c'est rendre visible qui parle beaucoup et \
qui ne parle pas, pour que chacun·e ait sa place. Archipel mesure les tours de parole pendant \
la réunion ; on peut aussi utiliser un simple tableau de bâtons.
";

const MEETING_STEPS: &[StepSeed] = &[
    StepSeed {
        key: "theme",
        phase: "Préparer · deux semaines avant",
        title: "Fixer un thème unique et la question à traiter",
        body: "Formuler la question comme une invitation : « Comment faire connaître les \
               alternatives de notre quartier ? » plutôt que « Point communication ».",
    },
    StepSeed {
        key: "ordre-du-jour",
        phase: "Préparer · deux semaines avant",
        title: "Écrire un ordre du jour minuté",
        body: "Chaque point a une durée et un·e responsable. Si le total dépasse la durée de \
               la réunion, on retire des points, on ne raccourcit pas les pauses.",
    },
    StepSeed {
        key: "roles",
        phase: "Préparer · deux semaines avant",
        title: "Répartir facilitation, temps, notes et accueil",
        body: "Quatre rôles, quatre personnes différentes si possible.",
    },
    StepSeed {
        key: "invite",
        phase: "Préparer · deux semaines avant",
        title: "Inviter un·e intervenant·e",
        body: "Un·e auteur·e, un·e chercheur·se ou un acteur local sur le thème donne envie de \
               venir et de la visibilité à la réunion.",
    },
    StepSeed {
        key: "communication",
        phase: "Préparer · deux semaines avant",
        title: "Préparer les phrases et les affiches",
        body: "Écrire à l'avance les phrases clés et les questions du porteur de parole ; \
               afficher dans les lieux de passage.",
    },
    StepSeed {
        key: "accueil",
        phase: "Animer · le jour J",
        title: "Accueillir et rappeler les règles",
        body: "Thème, horaires, rôles, façon de demander la parole : deux minutes au début \
               évitent bien des débordements.",
    },
    StepSeed {
        key: "minuteur",
        phase: "Animer · le jour J",
        title: "Tenir le minuteur de chaque point",
        body: "À la fin du temps prévu, on conclut, on reporte, ou le groupe décide \
               explicitement de prolonger en retirant un autre point.",
    },
    StepSeed {
        key: "temps-de-parole",
        phase: "Animer · le jour J",
        title: "Suivre le temps de parole",
        body: "Donner la parole en priorité à qui ne l'a pas encore eue.",
    },
    StepSeed {
        key: "echanges",
        phase: "Animer · le jour J",
        title: "Faire échanger plutôt qu'écouter",
        body: "Petits groupes, porteur de parole, tour de table : chacun·e contribue avant la \
               mise en commun.",
    },
    StepSeed {
        key: "compte-rendu",
        phase: "Après · dans la semaine",
        title: "Publier le compte rendu et les décisions",
        body: "Décisions, avec leur date de révision, et suites ; pas le verbatim.",
    },
    StepSeed {
        key: "taches",
        phase: "Après · dans la semaine",
        title: "Verser les suites dans la liste de tâches",
        body: "Chaque suite devient une tâche que quelqu'un peut prendre.",
    },
    StepSeed {
        key: "retours",
        phase: "Après · dans la semaine",
        title: "Recueillir les retours",
        body: "Ce qui a marché, ce qui n'a pas marché, les idées : de quoi améliorer la \
               prochaine réunion et ce kit.",
    },
];

const FREE_SOFTWARE_BODY: &str = "\
# Kit numérique en logiciels libres

Trop d'outils, c'est ne plus rien retrouver : des messages perdus dans le fil d'un réseau \
social, des fichiers que tout le monde ne peut pas ouvrir, des personnes sans compte qui ne \
voient plus rien passer. Et des outils propriétaires que le collectif ne maîtrise pas.

Ce kit propose **un outil par usage**, uniquement en **logiciels libres**, hébergés par le \
collectif ou par un hébergeur associatif. Il peut être copié tel quel par chaque groupe local, \
et archivé pour être repris l'année suivante.

## Un outil par usage

| Besoin | Outil libre |
|---|---|
| Qui fait quoi, tâches, réunions, kits | Archipel |
| Discussions de fond, questions fréquentes | Discourse (forum) |
| Messagerie instantanée | Element (Matrix) ou Rocket.Chat |
| Visioconférence | Jitsi Meet ou BigBlueButton |
| Écrire à plusieurs | Etherpad |
| Fichiers et agendas partagés | Nextcloud |
| Listes de diffusion | Sympa |
| Sondages et dates | Framadate |
| Site public | WordPress ou un générateur de site statique |

## Les règles qui vont avec

- Une information a **une seule place** ; ailleurs, on met un lien.
- Chacun·e peut **se mettre en pause** : personne n'est obligé de suivre la messagerie.
- On collecte **le moins possible de données personnelles** et on ne publie aucune coordonnée \
sans accord.
";

const FREE_SOFTWARE_STEPS: &[StepSeed] = &[
    StepSeed {
        key: "inventaire",
        phase: "1 · Faire l'inventaire",
        title: "Lister les outils utilisés aujourd'hui, et par qui",
        body: "Pour chacun : à quoi il sert, qui y a accès, qui en est administrateur, ce qui \
               s'y perd.",
    },
    StepSeed {
        key: "usages",
        phase: "1 · Faire l'inventaire",
        title: "Associer un seul outil à chaque usage",
        body: "Partir du tableau du kit ; décider par consentement et noter la décision.",
    },
    StepSeed {
        key: "hebergement",
        phase: "2 · Installer",
        title: "Choisir un hébergement",
        body: "Sur un serveur du collectif, ou chez un hébergeur associatif du collectif \
               CHATONS. Noter qui administre et qui le remplace.",
    },
    StepSeed {
        key: "espaces",
        phase: "2 · Installer",
        title: "Créer les espaces des pôles",
        body: "Un espace par pôle ou groupe local dans chaque outil, avec le même nom partout.",
    },
    StepSeed {
        key: "securite",
        phase: "2 · Installer",
        title: "Appliquer le guide de sécurité",
        body: "Gestionnaire de mots de passe (KeePassXC), double authentification pour les \
               administrateurs, sauvegardes régulières testées.",
    },
    StepSeed {
        key: "rangement",
        phase: "2 · Installer",
        title: "Ranger : une arborescence simple et une page d'accueil",
        body: "Une page d'accueil qui dit où trouver quoi évite qu'on se perde dans le site et \
               les fichiers.",
    },
    StepSeed {
        key: "atelier",
        phase: "3 · Transmettre",
        title: "Animer un atelier de prise en main",
        body: "Une heure, en présence ou à distance, pour installer l'application sur son \
               téléphone et faire ensemble un premier usage réel.",
    },
    StepSeed {
        key: "pause",
        phase: "3 · Transmettre",
        title: "Expliquer comment se mettre en pause",
        body: "Indiquer son indisponibilité dans Archipel, couper les notifications : se \
               débrancher doit prendre une minute, pas vingt.",
    },
    StepSeed {
        key: "archiver",
        phase: "3 · Transmettre",
        title: "Archiver et transmettre au groupe suivant",
        body: "Exporter les données, documenter les installations, confier les accès \
               d'administration à deux personnes.",
    },
];

const MAPPING_PARTY_BODY: &str = "\
# Organiser une cartopartie

Une cartopartie, c'est un moment convivial où l'on parcourt son quartier pour **recenser les \
alternatives** (épiceries coopératives, jardins partagés, ateliers de réparation, lieux \
d'entraide…) et les mettre sur une carte commune. On en ressort avec une carte à jour, des \
acteurs qui se connaissent mieux et des habitant·es qui découvrent ce qui existe près de chez \
eux.

## Ce qu'on note pour chaque lieu

Le nom, une ou plusieurs catégories, la position GPS, une courte description, les horaires et \
le **contact public de la structure** (jamais les coordonnées personnelles de quelqu'un). \
Archipel enregistre tout **hors ligne** sur le téléphone et synchronise au retour.

## La qualité des données

Plusieurs équipes croiseront les mêmes lieux : les doublons sont normaux, on les fusionne \
après. Un lieu qui n'existe plus, un contenu erroné ou contraire à la charte se **signale** ; \
la personne qui maintient la carte est prévenue.

## Et après

Une carte bien tenue peut devenir une **source** pour des cartes plus larges : on l'exporte \
(GeoJSON, CSV) et on raconte la cartopartie (article, photos avec l'accord des personnes, \
lettre d'information).
";

const MAPPING_PARTY_STEPS: &[StepSeed] = &[
    StepSeed {
        key: "zone",
        phase: "Préparer · trois semaines avant",
        title: "Choisir la zone et la découper en secteurs",
        body: "Un secteur par binôme, parcourable à pied en deux heures.",
    },
    StepSeed {
        key: "categories",
        phase: "Préparer · trois semaines avant",
        title: "Se mettre d'accord sur les catégories",
        body: "Une dizaine au plus (alimentation, réparation, entraide, culture…), reprises \
               de la carte existante si elle en a.",
    },
    StepSeed {
        key: "existant",
        phase: "Préparer · trois semaines avant",
        title: "Consulter ce qui est déjà cartographié",
        body: "Pour vérifier plutôt que ressaisir, et repérer les manques.",
    },
    StepSeed {
        key: "inviter",
        phase: "Préparer · trois semaines avant",
        title: "Inviter largement",
        body: "Habitant·es, associations, tiers-lieux ; prévoir un point de rendez-vous et \
               une solution de repli en cas de pluie.",
    },
    StepSeed {
        key: "briefing",
        phase: "Sur le terrain · le jour J",
        title: "Briefing de vingt minutes",
        body: "Présenter les catégories, montrer une saisie sur téléphone, rappeler la règle : \
               pas de coordonnées personnelles, pas de photo sans accord.",
    },
    StepSeed {
        key: "equipes",
        phase: "Sur le terrain · le jour J",
        title: "Partir en binômes par secteur",
        body: "Un·e qui saisit, un·e qui discute avec les personnes rencontrées.",
    },
    StepSeed {
        key: "saisir",
        phase: "Sur le terrain · le jour J",
        title: "Saisir chaque lieu, même sans réseau",
        body: "Nom, catégories, position, description courte ; tout reste sur le téléphone \
               jusqu'au retour.",
    },
    StepSeed {
        key: "retour",
        phase: "Sur le terrain · le jour J",
        title: "Revenir, synchroniser et partager un goûter",
        body: "Chaque binôme synchronise et raconte une découverte.",
    },
    StepSeed {
        key: "doublons",
        phase: "Après · la semaine suivante",
        title: "Vérifier et fusionner les doublons",
        body: "Garder la description la plus complète, croiser les positions.",
    },
    StepSeed {
        key: "signalements",
        phase: "Après · la semaine suivante",
        title: "Traiter les signalements",
        body: "Lieux disparus, contenus erronés ou contraires à la charte : corriger, \
               archiver ou répondre.",
    },
    StepSeed {
        key: "publier",
        phase: "Après · la semaine suivante",
        title: "Publier et remercier",
        body: "Exporter la carte, écrire un court récit de la journée, remercier les \
               participant·es et les lieux accueillants.",
    },
];

const AMBASSADOR_BODY: &str = "\
# Être ambassadeur·rice du collectif

Un·e ambassadeur·rice présente le collectif là où il n'est pas encore connu : un \
rassemblement, une réunion d'association, un micro tendu par un·e journaliste. Cette formation \
à distance, en deux séances d'une heure et demie, prépare à le faire **avec justesse et en \
cohérence** avec les autres.

## Ce que vous y trouverez

- **Le pitch** du collectif, en une minute et en cinq.
- **L'archétype du diplomate** élaboré par le pôle DIPLOMATES : posture, ton, limites.
- **Qui peut prendre la parole, et sur quoi** : on ne parle qu'au nom de ce qu'on connaît ; \
pour le reste, on oriente vers le bon pôle.
- **Une répétition de débat face à la presse**, en petit groupe bienveillant.

## Refuser est aussi une réponse

Ne pas répondre tout de suite, ou décliner une interview, est un choix de communication \
légitime : il pousse souvent les journalistes à un travail de fond. La fonction Presse de \
LUMIÈRE aide à trier les demandes.

## Après la formation

Chaque ambassadeur·rice a un binôme de suivi qui répond à ses questions au fil de l'eau, et \
rend compte de ses interventions pour que le collectif en garde la trace.
";

const AMBASSADOR_STEPS: &[StepSeed] = &[
    StepSeed {
        key: "pitch",
        phase: "Séance 1 · Se préparer",
        title: "S'approprier le pitch du collectif",
        body: "Le dire à voix haute en une minute, puis en cinq, à deux ou trois personnes.",
    },
    StepSeed {
        key: "archetype",
        phase: "Séance 1 · Se préparer",
        title: "Découvrir l'archétype du diplomate",
        body: "Posture, ton, ce qu'on ne dit pas : le cadre commun élaboré par le pôle \
               DIPLOMATES.",
    },
    StepSeed {
        key: "parole",
        phase: "Séance 1 · Se préparer",
        title: "Savoir qui peut prendre la parole, et sur quoi",
        body: "Repérer les sujets sur lesquels on peut parler et ceux qu'on oriente vers un \
               autre pôle.",
    },
    StepSeed {
        key: "sources",
        phase: "Séance 1 · Se préparer",
        title: "S'appuyer sur les contenus de COMPRENDRE",
        body: "Des contenus factuels et synthétiques, sourcés, à citer plutôt qu'à improviser.",
    },
    StepSeed {
        key: "repetition",
        phase: "Séance 2 · S'entraîner",
        title: "Répéter un débat face à la presse",
        body: "Jeu de rôle à trois : un·e journaliste, un·e ambassadeur·rice, un·e \
               observateur·rice qui fait un retour.",
    },
    StepSeed {
        key: "rassemblement",
        phase: "Séance 2 · S'entraîner",
        title: "Préparer un rassemblement avec les autres pôles",
        body: "Presse et Vidéo (LUMIÈRE), COMPRENDRE et COLLECTIFS : qui fait quoi avant, \
               pendant et après.",
    },
    StepSeed {
        key: "journaliste",
        phase: "Sur le terrain",
        title: "Répondre à une demande de journaliste",
        body: "Passer par la fonction Presse, prendre le temps de préparer, ou décliner.",
    },
    StepSeed {
        key: "compte-rendu",
        phase: "Sur le terrain",
        title: "Rendre compte de son intervention",
        body: "Où, devant qui, les questions posées, ce qui a bien marché : quelques lignes.",
    },
    StepSeed {
        key: "suivi",
        phase: "Sur le terrain",
        title: "Poser ses questions à son binôme de suivi",
        body: "Une question, un doute, une situation délicate : on n'attend pas la prochaine \
               formation.",
    },
];
