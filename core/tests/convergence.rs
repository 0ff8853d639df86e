//! Convergence under random schedules: N clients, random roles, offline
//! periods, lost/duplicated/reordered messages, clock skew.
//!
//! A simulated server orders operations with [`State::receive`] and keeps a
//! [`Log`]; each client keeps the server state it pulled (`confirmed`), its
//! pending operations, and a view (`confirmed` + pending re-applied
//! optimistically with [`State::apply`]). Pulls carry the server's log from the
//! client's cursor; pushes carry all pending operations. Both kinds of message
//! can be dropped, duplicated and delivered in any order; a client offline
//! neither sends nor receives.
//!
//! At rest (everyone online, everything delivered) we check that:
//! - every client's confirmed state and view equal the server's state;
//! - every operation made is in the log exactly once, applied or refused with a
//!   reason, and its author knows which;
//! - replaying the log to any version gives the state the server had then, and
//!   replaying any prefix a second time changes nothing;
//! - refused operations leave no trace: applying only the applied ones gives the
//!   same records, conflicts and version;
//! - the server state keeps the invariants (rules, references, no cycle).
//!
//! A second property runs each schedule twice, with and without clock skew
//! (minutes to years, backwards jumps): same log, same outcomes, same state.
//!
//! # Modes
//!
//! - default (`cargo test`): 64 cases per property, schedules of up to 60
//!   steps, fixed seed — a few seconds in debug.
//! - `ARCHIPEL_LONG=1 cargo test -p archipel-core --release --test convergence`:
//!   2 048 cases, schedules of up to 400 steps.
//! - `PROPTEST_CASES=N` overrides the number of cases; `PROPTEST_RNG_SEED=S`
//!   the seed (a failure prints the minimal schedule, shrunk).

mod support;

use std::collections::{BTreeMap, BTreeSet, HashMap};

use archipel_core::history::{Entry, Log, Outcome};
use archipel_core::{
    Access, Actor, Change, FieldWrite, Id, Kind, Lang, Operation, Receipt, Record, Sequencer,
    State, Value,
};
use fractional_index::FractionalIndex;
use proptest::prelude::*;
use proptest::test_runner::{Config, RngSeed};
use support::Ids;

// ---------------------------------------------------------------------------
// Configuration

fn long_mode() -> bool {
    std::env::var("ARCHIPEL_LONG").is_ok_and(|value| !value.is_empty() && value != "0")
}

fn config() -> Config {
    let from_env = Config::default();
    let cases = if std::env::var("PROPTEST_CASES").is_ok() {
        from_env.cases
    } else if long_mode() {
        2_048
    } else {
        64
    };
    let rng_seed = match from_env.rng_seed {
        RngSeed::Random => RngSeed::Fixed(0x0A2C_41BE_1002),
        fixed => fixed,
    };
    Config {
        cases,
        rng_seed,
        max_shrink_iters: 4_096,
        ..from_env
    }
}

fn max_steps() -> usize {
    if long_mode() { 400 } else { 60 }
}

// ---------------------------------------------------------------------------
// The collective the clients start from

const KINDS: [Kind; 4] = [Kind::Pole, Kind::Person, Kind::Task, Kind::Place];
/// Ids per kind: the first ones exist at the start, the others may be created.
const SLOTS: usize = 4;
const EXISTING: usize = 2;
const EPOCH: i64 = 1_795_305_600_000;

struct Genesis {
    log: Log,
    state: State,
    /// Ids per kind (in `KINDS` order), `SLOTS` each.
    pool: Vec<Vec<Id>>,
    orders: Vec<String>,
}

fn genesis() -> Genesis {
    let mut ids = Ids::new(0xEE);
    let mut seq = Sequencer::new(ids.next());
    let admin = Actor::anonymous(Access::Admin);
    let pool: Vec<Vec<Id>> = KINDS
        .iter()
        .map(|_| (0..SLOTS).map(|_| ids.next()).collect())
        .collect();
    let mut log = Log::new();
    let mut state = State::new();
    let mut send = |change: Change, ids: &mut Ids| {
        let op = seq.operation(ids.next(), EPOCH, change);
        let receipt = log.receive(&mut state, &op, &admin);
        assert!(matches!(receipt, Receipt::Applied(_)), "{receipt:?}");
    };
    let collective = ids.next();
    send(
        Change::create(
            Kind::Collective,
            collective,
            [("name", Value::text("Collectif"))],
        ),
        &mut ids,
    );
    for (kind_index, kind) in KINDS.iter().enumerate() {
        for slot in 0..EXISTING {
            let id = pool[kind_index][slot];
            let parent = (slot > 0).then(|| pool[kind_index][0]);
            send(create_change(*kind, id, slot as u8, parent), &mut ids);
        }
    }
    let first = FractionalIndex::default();
    let after = FractionalIndex::new_after(&first);
    let before = FractionalIndex::new_before(&first);
    let between = FractionalIndex::new_between(&first, &after).unwrap_or_default();
    let orders = vec![
        first.to_string(),
        after.to_string(),
        before.to_string(),
        between.to_string(),
        "not an order key".to_owned(),
    ];
    Genesis {
        log,
        state,
        pool,
        orders,
    }
}

const NAMES: [&str; 5] = ["Lumière", "LUMIÈRE", "  Accueil  ", "", "Jardin"];

fn create_change(kind: Kind, id: Id, variant: u8, parent: Option<Id>) -> Change {
    let name = Value::text(NAMES[usize::from(variant) % 3]);
    match kind {
        Kind::Pole => {
            let mut fields = vec![("name", name), ("kind", Value::text("pole"))];
            if let Some(parent) = parent {
                fields.push(("parent", Value::Ref(parent)));
            }
            Change::create(kind, id, fields)
        }
        Kind::Person => Change::create(kind, id, [("display_name", name)]),
        Kind::Task => Change::create(kind, id, [("title", name)]),
        _ => Change::create(
            kind,
            id,
            [
                ("name", name),
                ("lat", Value::Int(488_500_000 + i64::from(variant))),
                ("lon", Value::Int(23_500_000)),
            ],
        ),
    }
}

// ---------------------------------------------------------------------------
// The schedule

/// What a client means to do, read against its own view when it happens.
#[derive(Debug, Clone)]
enum Intent {
    Create {
        kind: u8,
        slot: u8,
        variant: u8,
        parent: Option<u8>,
    },
    Set {
        kind: u8,
        slot: u8,
        field: u8,
        value: u8,
        stale: bool,
    },
    Add {
        kind: u8,
        slot: u8,
        value: u8,
    },
    Remove {
        kind: u8,
        slot: u8,
        value: u8,
    },
    Increment {
        slot: u8,
        by: i8,
    },
    Move {
        kind: u8,
        slot: u8,
        order: u8,
        parent: Option<u8>,
    },
    Archive {
        kind: u8,
        slot: u8,
        archived: bool,
    },
    Delete {
        kind: u8,
        slot: u8,
    },
    Resolve {
        pick: u8,
        restore: bool,
    },
}

#[derive(Debug, Clone)]
enum Step {
    /// A client makes an operation (applied at once to its view, kept pending).
    Local { client: u8, intent: Intent },
    /// A client pushes all its pending operations.
    Push { client: u8 },
    /// A client asks for the log from its cursor.
    Pull { client: u8 },
    /// The network delivers one message in flight (any of them: reordering).
    Deliver { pick: u8 },
    /// The network loses one message.
    Drop { pick: u8 },
    /// The network delivers a copy of one message (and keeps the original).
    Duplicate { pick: u8 },
    /// A client goes offline or back online.
    Online { client: u8, online: bool },
    /// The server changes a client's role (a member demoted while offline…).
    Role { client: u8, access: Access },
    /// A client's clock jumps (minutes to years, either way).
    Clock { client: u8, jump: i64 },
}

#[derive(Debug, Clone)]
struct Schedule {
    /// Each client's role at the start, and whether it has a person record.
    clients: Vec<(Access, Option<u8>)>,
    steps: Vec<Step>,
}

fn access() -> impl Strategy<Value = Access> {
    prop_oneof![
        Just(Access::Guest),
        Just(Access::Member),
        Just(Access::Facilitator),
        Just(Access::Admin),
    ]
}

fn intent() -> impl Strategy<Value = Intent> {
    let kind = 0u8..4;
    // Mostly records that exist from the start, sometimes ones that may not.
    let slot = prop_oneof![3 => 0u8..EXISTING as u8, 1 => EXISTING as u8..SLOTS as u8];
    prop_oneof![
        1 => (kind.clone(), slot.clone(), any::<u8>(), proptest::option::of(0u8..SLOTS as u8))
            .prop_map(|(kind, slot, variant, parent)| Intent::Create { kind, slot, variant, parent }),
        4 => (kind.clone(), slot.clone(), any::<u8>(), any::<u8>(), any::<bool>()).prop_map(
            |(kind, slot, field, value, stale)| Intent::Set { kind, slot, field, value, stale }
        ),
        1 => (kind.clone(), slot.clone(), any::<u8>())
            .prop_map(|(kind, slot, value)| Intent::Add { kind, slot, value }),
        1 => (kind.clone(), slot.clone(), any::<u8>())
            .prop_map(|(kind, slot, value)| Intent::Remove { kind, slot, value }),
        1 => (slot.clone(), -2i8..3).prop_map(|(slot, by)| Intent::Increment { slot, by }),
        1 => (kind.clone(), slot.clone(), any::<u8>(), proptest::option::of(0u8..SLOTS as u8))
            .prop_map(|(kind, slot, order, parent)| Intent::Move { kind, slot, order, parent }),
        1 => (kind.clone(), slot.clone(), any::<bool>())
            .prop_map(|(kind, slot, archived)| Intent::Archive { kind, slot, archived }),
        1 => (kind, slot).prop_map(|(kind, slot)| Intent::Delete { kind, slot }),
        2 => (any::<u8>(), any::<bool>()).prop_map(|(pick, restore)| Intent::Resolve { pick, restore }),
    ]
}

/// Clock jumps from a minute to twenty years, forwards or backwards.
fn jump() -> impl Strategy<Value = i64> {
    const MINUTE: i64 = 60_000;
    const YEAR: i64 = 365 * 24 * 60 * MINUTE;
    let magnitude = prop_oneof![
        MINUTE..60 * MINUTE,
        60 * MINUTE..30 * 24 * 60 * MINUTE,
        YEAR / 2..20 * YEAR,
    ];
    (magnitude, any::<bool>()).prop_map(|(size, back)| if back { -size } else { size })
}

fn step(clients: u8) -> impl Strategy<Value = Step> {
    let client = 0..clients;
    prop_oneof![
        8 => (client.clone(), intent()).prop_map(|(client, intent)| Step::Local { client, intent }),
        3 => client.clone().prop_map(|client| Step::Push { client }),
        3 => client.clone().prop_map(|client| Step::Pull { client }),
        6 => any::<u8>().prop_map(|pick| Step::Deliver { pick }),
        1 => any::<u8>().prop_map(|pick| Step::Drop { pick }),
        1 => any::<u8>().prop_map(|pick| Step::Duplicate { pick }),
        2 => (client.clone(), any::<bool>()).prop_map(|(client, online)| Step::Online { client, online }),
        1 => (client.clone(), access()).prop_map(|(client, access)| Step::Role { client, access }),
        1 => (client, jump()).prop_map(|(client, jump)| Step::Clock { client, jump }),
    ]
}

fn schedule() -> impl Strategy<Value = Schedule> {
    (2u8..=6).prop_flat_map(|count| {
        (
            proptest::collection::vec(
                (access(), proptest::option::of(0u8..EXISTING as u8)),
                usize::from(count),
            ),
            proptest::collection::vec(step(count), 0..max_steps()),
        )
            .prop_map(|(clients, steps)| Schedule { clients, steps })
    })
}

// ---------------------------------------------------------------------------
// The simulation

enum Message {
    Push {
        client: usize,
        ops: Vec<Operation>,
    },
    Entries {
        client: usize,
        from: usize,
        entries: Vec<Entry>,
    },
}

impl Message {
    fn copy(&self) -> Message {
        match self {
            Message::Push { client, ops } => Message::Push {
                client: *client,
                ops: ops.clone(),
            },
            Message::Entries {
                client,
                from,
                entries,
            } => Message::Entries {
                client: *client,
                from: *from,
                entries: entries.clone(),
            },
        }
    }
}

struct Client {
    seq: Sequencer,
    ids: Ids,
    /// The role the client believes it has (its optimistic apply uses it).
    actor: Actor,
    online: bool,
    /// Offset of this device's clock from the true time.
    skew: i64,
    confirmed: State,
    /// How many log entries `confirmed` holds.
    cursor: usize,
    pending: Vec<Operation>,
    view: State,
    /// What became of each of its operations, as the client learnt it.
    outcomes: HashMap<Id, Outcome>,
    made: Vec<Id>,
}

impl Client {
    fn rebase(&mut self) {
        let mut view = self.confirmed.clone();
        for op in &self.pending {
            // Optimistic: a pending operation the server will refuse shows no effect.
            let _ = view.apply(op, &self.actor);
        }
        self.view = view;
    }
}

struct Sim {
    genesis_pool: Vec<Vec<Id>>,
    orders: Vec<String>,
    server: State,
    log: Log,
    /// The server's idea of each client's role (authorises with it *now*).
    roles: Vec<Actor>,
    /// The server's state as it last was at each version.
    snapshots: BTreeMap<u64, State>,
    clients: Vec<Client>,
    network: Vec<Message>,
    with_skew: bool,
    tick: i64,
}

impl Sim {
    fn new(schedule: &Schedule, with_skew: bool) -> Sim {
        let genesis = genesis();
        let mut snapshots = BTreeMap::new();
        for version in 0..=genesis.log.version() {
            snapshots.insert(version, genesis.log.replay(version));
        }
        let people = &genesis.pool[1];
        let clients: Vec<Client> = schedule
            .clients
            .iter()
            .enumerate()
            .map(|(index, (access, person))| {
                let mut ids = Ids::new(index as u8 + 1);
                let client = ids.next();
                let actor = Actor {
                    person: person.map(|slot| people[usize::from(slot)]),
                    access: *access,
                };
                Client {
                    seq: Sequencer::new(client),
                    ids,
                    actor,
                    online: true,
                    skew: 0,
                    confirmed: genesis.state.clone(),
                    cursor: genesis.log.len(),
                    pending: Vec::new(),
                    view: genesis.state.clone(),
                    outcomes: HashMap::new(),
                    made: Vec::new(),
                }
            })
            .collect();
        Sim {
            genesis_pool: genesis.pool,
            orders: genesis.orders,
            roles: clients.iter().map(|client| client.actor).collect(),
            server: genesis.state,
            log: genesis.log,
            snapshots,
            clients,
            network: Vec::new(),
            with_skew,
            tick: 0,
        }
    }

    fn run(&mut self, steps: &[Step]) {
        for step in steps {
            self.tick += 1;
            self.step(step);
        }
    }

    fn step(&mut self, step: &Step) {
        match step {
            Step::Local { client, intent } => self.local(usize::from(*client), intent),
            Step::Push { client } => self.push(usize::from(*client)),
            Step::Pull { client } => self.pull(usize::from(*client)),
            Step::Deliver { pick } => {
                if !self.network.is_empty() {
                    let message = self.network.remove(usize::from(*pick) % self.network.len());
                    self.deliver(message);
                }
            }
            Step::Drop { pick } => {
                if !self.network.is_empty() {
                    self.network.remove(usize::from(*pick) % self.network.len());
                }
            }
            Step::Duplicate { pick } => {
                if !self.network.is_empty() {
                    let message = self.network[usize::from(*pick) % self.network.len()].copy();
                    self.deliver(message);
                }
            }
            Step::Online { client, online } => self.clients[usize::from(*client)].online = *online,
            Step::Role { client, access } => self.roles[usize::from(*client)].access = *access,
            Step::Clock { client, jump } => {
                if self.with_skew {
                    self.clients[usize::from(*client)].skew += jump;
                }
            }
        }
    }

    fn local(&mut self, index: usize, intent: &Intent) {
        let Some(change) = self.change(index, intent) else {
            return;
        };
        let wall_time = EPOCH + self.tick * 1_000;
        let client = &mut self.clients[index];
        let id = client.ids.next();
        let op = client
            .seq
            .operation(id, wall_time.saturating_add(client.skew), change);
        let _ = client.view.apply(&op, &client.actor);
        client.made.push(op.id);
        client.pending.push(op);
    }

    fn push(&mut self, index: usize) {
        let client = &self.clients[index];
        if client.online && !client.pending.is_empty() {
            self.network.push(Message::Push {
                client: index,
                ops: client.pending.clone(),
            });
        }
    }

    fn pull(&mut self, index: usize) {
        let client = &self.clients[index];
        if client.online {
            self.network.push(Message::Entries {
                client: index,
                from: client.cursor,
                entries: self.log.entries()[client.cursor..].to_vec(),
            });
        }
    }

    fn deliver(&mut self, message: Message) {
        match message {
            Message::Push { client, ops } => {
                let actor = self.roles[client];
                for op in &ops {
                    let receipt = self.log.receive(&mut self.server, op, &actor);
                    match receipt {
                        Receipt::OutOfOrder { .. } => break,
                        Receipt::Duplicate => {}
                        Receipt::Applied(_) | Receipt::Refused(_) => {
                            self.snapshots
                                .insert(self.server.version, self.server.clone());
                        }
                    }
                }
            }
            Message::Entries {
                client,
                from,
                entries,
            } => {
                let client = &mut self.clients[client];
                if !client.online {
                    return;
                }
                assert!(from <= client.cursor, "a pull answered from the future");
                for entry in entries.iter().skip(client.cursor - from) {
                    let receipt = client.confirmed.receive(&entry.op, &entry.actor);
                    let same = match (&entry.outcome, &receipt) {
                        (Outcome::Applied, Receipt::Applied(applied)) => {
                            applied.version == entry.version
                        }
                        (Outcome::Refused(logged), Receipt::Refused(replayed)) => {
                            logged == replayed
                        }
                        _ => false,
                    };
                    assert!(same, "replica decided {receipt:?}, server logged {entry:?}");
                    client.cursor += 1;
                    if entry.op.client == client.seq.client {
                        client.outcomes.insert(entry.op.id, entry.outcome.clone());
                        client.pending.retain(|op| op.seq > entry.op.seq);
                    }
                }
                client.rebase();
            }
        }
    }

    /// Everyone online, every message delivered, every pending operation pushed.
    fn settle(&mut self) {
        for client in &mut self.clients {
            client.online = true;
        }
        for _round in 0..3 {
            while !self.network.is_empty() {
                let message = self.network.remove(0);
                self.deliver(message);
            }
            for index in 0..self.clients.len() {
                self.push(index);
            }
            while !self.network.is_empty() {
                let message = self.network.remove(0);
                self.deliver(message);
            }
            for index in 0..self.clients.len() {
                self.pull(index);
            }
            while !self.network.is_empty() {
                let message = self.network.remove(0);
                self.deliver(message);
            }
            if self.clients.iter().all(|client| client.pending.is_empty()) {
                return;
            }
        }
    }

    /// Turns an intent into a change, read against the client's own view.
    fn change(&self, index: usize, intent: &Intent) -> Option<Change> {
        let client = &self.clients[index];
        let view = &client.view;
        let confirmed = &client.confirmed;
        let id_of = |kind: u8, slot: u8| self.genesis_pool[usize::from(kind)][usize::from(slot)];
        let pole = |slot: u8| self.genesis_pool[0][usize::from(slot)];
        let person = |slot: u8| self.genesis_pool[1][usize::from(slot % SLOTS as u8)];
        Some(match intent {
            Intent::Create {
                kind,
                slot,
                variant,
                parent,
            } => create_change(
                KINDS[usize::from(*kind)],
                id_of(*kind, *slot),
                *variant,
                parent.map(pole),
            ),
            Intent::Set {
                kind,
                slot,
                field,
                value,
                stale,
            } => {
                let id = id_of(*kind, *slot);
                let (name, value) = field_value(
                    KINDS[usize::from(*kind)],
                    *field,
                    *value,
                    &pole,
                    &person,
                    client.actor.person,
                );
                // The version this client last saw from the server (never its own
                // optimistic counter), or a stale one.
                let base = if *stale {
                    0
                } else {
                    confirmed
                        .record(id)
                        .map_or(0, |record| record.version_of(name))
                };
                let mut fields = vec![FieldWrite::new(name, value, base)];
                if *field >= 200 {
                    // Sometimes two fields at once (all or nothing).
                    let (other, value) = field_value(
                        KINDS[usize::from(*kind)],
                        field.wrapping_add(1),
                        value_seed(*field),
                        &pole,
                        &person,
                        client.actor.person,
                    );
                    fields.push(FieldWrite::new(other, value, base));
                }
                Change::Set { id, fields }
            }
            Intent::Add { kind, slot, value } | Intent::Remove { kind, slot, value } => {
                let kind_of = KINDS[usize::from(*kind)];
                let field = match kind_of {
                    Kind::Pole => "functions",
                    Kind::Place => "categories",
                    _ => "skills",
                };
                let items =
                    Value::set(
                        [["vidéo", "graphisme", " accueil ", "x".repeat(70).as_str()]
                            [usize::from(*value) % 4]],
                    );
                let id = id_of(*kind, *slot);
                if matches!(intent, Intent::Add { .. }) {
                    Change::Add {
                        id,
                        field: field.into(),
                        items,
                    }
                } else {
                    Change::Remove {
                        id,
                        field: field.into(),
                        items,
                    }
                }
            }
            Intent::Increment { slot, by } => Change::Increment {
                id: self.genesis_pool[3][usize::from(*slot)],
                field: "confirmations".into(),
                by: i64::from(*by),
            },
            Intent::Move {
                kind,
                slot,
                order,
                parent,
            } => Change::Move {
                id: id_of(*kind, *slot),
                order: self.orders[usize::from(*order) % self.orders.len()].clone(),
                parent: parent.map(pole),
            },
            Intent::Archive {
                kind,
                slot,
                archived,
            } => Change::Archive {
                id: id_of(*kind, *slot),
                archived: *archived,
            },
            Intent::Delete { kind, slot } => Change::Delete {
                id: id_of(*kind, *slot),
            },
            Intent::Resolve { pick, restore } => {
                let conflicts: Vec<Id> = view.conflicts().map(|conflict| conflict.id).collect();
                if conflicts.is_empty() {
                    return None;
                }
                Change::ResolveConflict {
                    conflict: conflicts[usize::from(*pick) % conflicts.len()],
                    restore: *restore,
                }
            }
        })
    }
}

fn value_seed(seed: u8) -> u8 {
    seed.wrapping_mul(37).wrapping_add(11)
}

/// A field of `kind` and a value for it: mostly valid, sometimes not.
fn field_value(
    kind: Kind,
    field: u8,
    value: u8,
    pole: &dyn Fn(u8) -> Id,
    person: &dyn Fn(u8) -> Id,
    me: Option<Id>,
) -> (&'static str, Value) {
    let name = || Value::text(NAMES[usize::from(value) % NAMES.len()]);
    let choice = |choices: &[&str]| Value::text(choices[usize::from(value) % choices.len()]);
    match (kind, field % 5) {
        (Kind::Pole, 0) => ("name", name()),
        (Kind::Pole, 1) => (
            "parent",
            if value.is_multiple_of(4) {
                Value::Null
            } else {
                Value::Ref(pole(value % SLOTS as u8))
            },
        ),
        (Kind::Pole, 2) => ("colour", choice(&["#FFAA00", "#1f4e5f", "red"])),
        (Kind::Pole, 3) => (
            "status",
            choice(&["active", "dormant", "archived", "bogus"]),
        ),
        (Kind::Pole, _) => ("kind", choice(&["centre", "pole", "function", "partner"])),
        (Kind::Person, 0) => ("display_name", name()),
        (Kind::Person, 1) => ("hours_per_week", Value::Int(i64::from(value % 100))),
        (Kind::Person, 2) => ("tutor", Value::Ref(person(value))),
        (Kind::Person, 3) => ("available", Value::Bool(value.is_multiple_of(2))),
        (Kind::Person, _) => ("status", choice(&["active", "paused", "left"])),
        (Kind::Task, 0) => ("title", name()),
        (Kind::Task, 1) => ("status", choice(&["open", "taken", "done"])),
        (Kind::Task, 2) => (
            "taker",
            match value % 3 {
                0 => Value::Null,
                1 => me.map_or(Value::Null, Value::Ref),
                _ => Value::Ref(person(value)),
            },
        ),
        (Kind::Task, 3) => ("size_minutes", Value::Int(i64::from(value) * 60)),
        (Kind::Task, _) => ("pole", Value::Ref(pole(value % SLOTS as u8))),
        (Kind::Place, 0) => ("name", name()),
        (Kind::Place, 1) => (
            "lat",
            Value::Int(i64::from(value) * 10_000_000 - 1_000_000_000),
        ),
        (Kind::Place, 2) => ("description", name()),
        (Kind::Place, 3) => ("confirmations", Value::Int(i64::from(value))),
        (_, _) => ("website", choice(&["https://example.org", "ftp://nope"])),
    }
}

// ---------------------------------------------------------------------------
// The properties

/// Rules, references and the pôle tree hold on every record that is not deleted.
fn check_invariants(state: &State) -> Result<(), String> {
    for record in state.records() {
        let get = |name: &str| record.get(name);
        archipel_core::rules::check(state, record.kind, record.id, &get)
            .map_err(|refusal| format!("{} {}: {refusal}", record.kind.name(), record.id))?;
        for (spec, value) in record.kind.fields().iter().zip(&record.values) {
            if spec.required && value.is_null() {
                return Err(format!(
                    "{} {} lacks {}",
                    record.kind.name(),
                    record.id,
                    spec.name
                ));
            }
            let targets: Vec<Id> = match value {
                Value::Ref(id) => vec![*id],
                Value::Refs(ids) => ids.iter().copied().collect(),
                _ => Vec::new(),
            };
            for target in targets {
                if state.existing(target).is_none() {
                    return Err(format!(
                        "{} {}.{} refers to missing {target}",
                        record.kind.name(),
                        record.id,
                        spec.name
                    ));
                }
            }
        }
        if record.kind == Kind::Pole {
            let mut seen = BTreeSet::from([record.id]);
            let mut current = record.reference("parent");
            while let Some(parent) = current {
                if !seen.insert(parent) {
                    return Err(format!("pôle {} is its own ancestor", record.id));
                }
                current = state
                    .existing(parent)
                    .and_then(|pole| pole.reference("parent"));
            }
        }
    }
    Ok(())
}

fn records(state: &State) -> Vec<Record> {
    state.all_records_sorted().into_iter().cloned().collect()
}

fn check_at_rest(sim: &Sim) -> Result<(), TestCaseError> {
    // Convergence.
    for (index, client) in sim.clients.iter().enumerate() {
        prop_assert!(
            client.pending.is_empty(),
            "client {index} still has pending operations"
        );
        prop_assert!(
            client.confirmed == sim.server,
            "client {index}'s confirmed state differs"
        );
        prop_assert!(client.view == sim.server, "client {index}'s view differs");
    }
    // Nothing lost, nothing applied twice, every outcome known to its author.
    let entries = sim.log.entries();
    let mut logged: HashMap<Id, &Entry> = HashMap::new();
    for entry in entries {
        prop_assert!(
            logged.insert(entry.op.id, entry).is_none(),
            "operation {} logged twice",
            entry.op.id
        );
    }
    let made: usize = sim.clients.iter().map(|client| client.made.len()).sum();
    let genesis_ops = entries
        .iter()
        .filter(|entry| entry.op.client == entries[0].op.client)
        .count();
    prop_assert_eq!(logged.len(), made + genesis_ops);
    for client in &sim.clients {
        for id in &client.made {
            let entry = logged
                .get(id)
                .ok_or_else(|| TestCaseError::fail(format!("operation {id} lost")))?;
            prop_assert_eq!(client.outcomes.get(id), Some(&entry.outcome));
            if let Outcome::Refused(refusal) = &entry.outcome {
                prop_assert!(
                    !refusal.message(Lang::Fr).is_empty() && !refusal.message(Lang::En).is_empty()
                );
            }
        }
    }
    // Time travel is exact, and replaying a prefix again changes nothing.
    for (version, snapshot) in &sim.snapshots {
        let replayed = sim
            .log
            .replay_checked(*version)
            .map_err(|divergence| TestCaseError::fail(divergence.to_string()))?;
        prop_assert!(
            &replayed == snapshot,
            "replay to version {} differs",
            version
        );
    }
    let mut state = State::new();
    for (k, entry) in entries.iter().enumerate() {
        state.receive(&entry.op, &entry.actor);
        if k % 7 == 0 || k + 1 == entries.len() {
            let before = state.clone();
            for earlier in &entries[..=k] {
                prop_assert_eq!(
                    state.receive(&earlier.op, &earlier.actor),
                    Receipt::Duplicate
                );
            }
            prop_assert!(state == before, "replaying a prefix changed the state");
        }
    }
    prop_assert!(state == sim.server);
    // Refusals leave no trace.
    let mut only_applied = State::new();
    for entry in entries.iter().filter(|entry| entry.applied()) {
        let applied = only_applied
            .apply(&entry.op, &entry.actor)
            .map_err(|refusal| TestCaseError::fail(format!("{refusal}")))?;
        prop_assert_eq!(applied.version, entry.version);
    }
    prop_assert_eq!(only_applied.version, sim.server.version);
    prop_assert!(
        records(&only_applied) == records(&sim.server),
        "refusals left a trace in records"
    );
    let conflicts = |state: &State| state.conflicts().cloned().collect::<Vec<_>>();
    prop_assert!(
        conflicts(&only_applied) == conflicts(&sim.server),
        "refusals left a trace in conflicts"
    );
    // Invariants.
    check_invariants(&sim.server).map_err(TestCaseError::fail)?;
    Ok(())
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn replicas_converge_and_no_operation_is_lost(schedule in schedule()) {
        let mut sim = Sim::new(&schedule, true);
        sim.run(&schedule.steps);
        sim.settle();
        check_at_rest(&sim)?;
    }

    #[test]
    fn clock_skew_never_changes_which_write_wins(schedule in schedule()) {
        let mut true_time = Sim::new(&schedule, false);
        true_time.run(&schedule.steps);
        true_time.settle();
        let mut skewed = Sim::new(&schedule, true);
        skewed.run(&schedule.steps);
        skewed.settle();
        let outcomes = |sim: &Sim| {
            sim.log
                .entries()
                .iter()
                .map(|entry| (entry.op.id, entry.version, entry.outcome.clone()))
                .collect::<Vec<_>>()
        };
        prop_assert_eq!(outcomes(&true_time), outcomes(&skewed));
        prop_assert!(true_time.server == skewed.server, "skew changed the server's state");
    }
}

/// The clearest case, spelled out: a phone whose clock is years behind still
/// wins when its write reaches the server last, and one jumping backwards
/// between its own operations has them all applied in its order.
#[test]
fn a_clock_years_behind_wins_when_last_in_server_order() {
    let genesis = genesis();
    let mut state = genesis.state;
    let pole = genesis.pool[0][0];
    let base = state
        .record(pole)
        .map_or(0, |record| record.version_of("name"));
    let facilitator = Actor::anonymous(Access::Facilitator);
    let mut ahead = Sequencer::new(Ids::new(0x10).next());
    let mut behind = Sequencer::new(Ids::new(0x20).next());
    let mut ids = Ids::new(0x30);
    const YEAR: i64 = 365 * 86_400_000;
    let first = ahead.operation(
        ids.next(),
        EPOCH + 5 * YEAR,
        Change::set(pole, "name", Value::text("Futur"), base),
    );
    let last = behind.operation(
        ids.next(),
        EPOCH - 10 * YEAR,
        Change::set(pole, "name", Value::text("Passé"), base),
    );
    assert!(matches!(
        state.receive(&first, &facilitator),
        Receipt::Applied(_)
    ));
    let Receipt::Applied(applied) = state.receive(&last, &facilitator) else {
        panic!("the late write must apply");
    };
    assert_eq!(state.value(pole, "name"), Some(&Value::text("Passé")));
    assert_eq!(
        applied.conflicts.len(),
        1,
        "the loser is kept, whatever its clock"
    );
    for (step, wall_time) in [EPOCH, EPOCH - YEAR, EPOCH - 30 * YEAR, 0, -YEAR]
        .into_iter()
        .enumerate()
    {
        let name = format!("Nom {step}");
        let op = behind.operation(
            ids.next(),
            wall_time,
            Change::set(pole, "name", Value::text(&name), 0),
        );
        assert!(matches!(
            state.receive(&op, &facilitator),
            Receipt::Applied(_)
        ));
        assert_eq!(state.value(pole, "name"), Some(&Value::text(name)));
    }
}
