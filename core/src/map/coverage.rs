//! Which pôles serve which function of a collective actor (seed `002`), and
//! which function no one covers: the map's coverage overlay.

use std::collections::BTreeMap;
use std::collections::btree_map::Entry;

use rustc_hash::FxHashMap;

use crate::ids::Id;
use crate::search::fold;
use crate::state::State;

use super::{NodeKind, census};

/// One function and the nodes that serve it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FunctionCoverage {
    /// The function, as the collective spells it.
    pub name: String,
    /// Nodes of the map (centre, pôles, functions) serving it, in creation
    /// order; empty when no one covers it.
    pub poles: Vec<Id>,
}

/// The coverage of the collective's functions.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Coverage {
    /// The collective's functions (its `functions` list), in its order.
    pub functions: Vec<FunctionCoverage>,
    /// Functions pôles say they serve that the collective's list does not
    /// name, in order of first appearance (a typo, or a list to complete).
    pub unlisted: Vec<FunctionCoverage>,
}

impl Coverage {
    /// The collective's functions no one covers, in its order.
    pub fn uncovered(&self) -> impl Iterator<Item = &str> {
        self.functions
            .iter()
            .filter(|function| function.poles.is_empty())
            .map(|function| function.name.as_str())
    }
}

/// Which nodes on the map serve each of the collective's functions.
///
/// Names match with accents, case and punctuation ignored ([`fold`]).
/// Partner collectives are left out: their functions are not the
/// collective's own. Nodes not on the map (archived) do not count.
#[must_use]
pub fn coverage(state: &State) -> Coverage {
    let mut functions: Vec<FunctionCoverage> = Vec::new();
    let mut listed: BTreeMap<String, usize> = BTreeMap::new();
    let names = state
        .collective()
        .and_then(|collective| collective.get("functions").as_list())
        .unwrap_or_default();
    for name in names {
        if let Entry::Vacant(slot) = listed.entry(fold(name)) {
            slot.insert(functions.len());
            functions.push(FunctionCoverage {
                name: name.clone(),
                poles: Vec::new(),
            });
        }
    }
    let mut unlisted: Vec<FunctionCoverage> = Vec::new();
    let mut others: BTreeMap<String, usize> = BTreeMap::new();
    // Names repeat from pôle to pôle: fold each spelling once.
    let mut folded: FxHashMap<&str, String> = FxHashMap::default();
    for entry in census(state) {
        if !entry.shown || entry.kind == NodeKind::Partner {
            continue;
        }
        let Some(served) = entry.record.get("functions").as_set() else {
            continue;
        };
        for name in served {
            let key = folded
                .entry(name.as_str())
                .or_insert_with_key(|name| fold(name));
            let coverage = if let Some(&at) = listed.get(key.as_str()) {
                &mut functions[at]
            } else {
                let at = *others.entry(key.clone()).or_insert_with(|| {
                    unlisted.push(FunctionCoverage {
                        name: name.clone(),
                        poles: Vec::new(),
                    });
                    unlisted.len() - 1
                });
                &mut unlisted[at]
            };
            if coverage.poles.last() != Some(&entry.record.id) {
                coverage.poles.push(entry.record.id);
            }
        }
    }
    Coverage {
        functions,
        unlisted,
    }
}
