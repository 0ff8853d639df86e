//! Archipel's model and operations, shared by the app and the server.
//!
//! This crate is the functional core of Archipel: it holds the records of a
//! collective and the rules that change them. Both sides compile it — the app
//! applies operations optimistically in the browser, the server applies them
//! authoritatively — so a rule written here holds everywhere.
//!
//! **Architecture invariant:** this crate does no I/O. It reads no clock, draws
//! no random numbers, and knows nothing of the browser, the network or the
//! database. Whatever it needs from the outside world (the time, entropy) is
//! passed in as plain values by its callers.

pub mod apply;
pub mod authz;
pub mod demo;
pub mod files;
pub mod generate;
pub mod governance;
pub mod health;
pub mod history;
pub mod ids;
pub mod kits;
pub mod map;
pub mod markdown;
pub mod op;
pub mod queries;
pub mod refusal;
pub mod rules;
pub mod schema;
pub mod search;
pub mod sort;
pub mod state;
mod tagged;
pub mod validate;
pub mod value;
pub mod views;
pub mod wire;

pub use apply::{Applied, Receipt};
pub use demo::{DemoError, demo_changes, demo_state};
pub use health::{HealthReport, HealthStatus};
pub use history::Log;
pub use ids::{Id, IdError};
pub use op::{Access, Actor, Change, FieldWrite, Operation, Sequencer};
pub use refusal::{Lang, Refusal, RefusalCode};
pub use schema::{FieldSpec, FieldType, Kind};
pub use search::{Hit, SearchIndex, fold};
pub use state::{Conflict, Record, State};
pub use value::{Date, RoleCount, Step, Value};
pub use views::View;
