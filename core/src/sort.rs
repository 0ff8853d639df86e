//! One stable sort for every element type.
//!
//! `slice::sort_by` is generic over the element and the comparison, so each
//! call site compiles its own copy of the standard library's sort (about
//! 4 KB of WebAssembly each, a dozen of them in the app). These helpers sort
//! a list of positions instead, through a single compiled sort that calls
//! the comparison dynamically, then move the elements into place: the same
//! order as `sort_by` (stable: equal elements keep their order), for a few
//! dozen bytes per call site.

use std::cmp::Ordering;

/// Sorts `items` with `compare`, stably (as `slice::sort_by`).
pub fn sort_by<T>(items: &mut [T], mut compare: impl FnMut(&T, &T) -> Ordering) {
    let order = positions(items.len(), &mut |a, b| compare(&items[a], &items[b]));
    permute(items, order);
}

/// Sorts `items` by a key computed once per element, stably (as
/// `slice::sort_by_cached_key`).
pub fn sort_by_cached_key<T, K: Ord>(items: &mut [T], key: impl FnMut(&T) -> K) {
    let keys: Vec<K> = items.iter().map(key).collect();
    let order = positions(keys.len(), &mut |a, b| keys[a].cmp(&keys[b]));
    permute(items, order);
}

/// Sorts `items` by the key `key` gives, stably (as `slice::sort_by_key`).
pub fn sort_by_key<T, K: Ord>(items: &mut [T], mut key: impl FnMut(&T) -> K) {
    sort_by(items, |a, b| key(a).cmp(&key(b)));
}

/// Sorts `items` in their natural order, stably (as `slice::sort`).
pub fn sort<T: Ord>(items: &mut [T]) {
    sort_by(items, T::cmp);
}

/// The one compiled sort: the positions `0..len` in the order `compare` puts
/// them (stable).
fn positions(len: usize, compare: &mut dyn FnMut(usize, usize) -> Ordering) -> Vec<usize> {
    let mut order: Vec<usize> = (0..len).collect();
    order.sort_by(|a, b| compare(*a, *b));
    order
}

/// Moves `items[order[i]]` to `i` for every `i`: follows each cycle of the
/// permutation, swapping its elements one step along.
fn permute<T>(items: &mut [T], mut order: Vec<usize>) {
    for start in 0..order.len() {
        let mut at = start;
        loop {
            let from = order[at];
            order[at] = at;
            if from == start || from == at {
                break;
            }
            items.swap(at, from);
            at = from;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A small deterministic generator (xorshift), so the test needs no crate.
    fn numbers(seed: u64, count: usize) -> Vec<u64> {
        let mut state = seed;
        (0..count)
            .map(|_| {
                state ^= state << 13;
                state ^= state >> 7;
                state ^= state << 17;
                state
            })
            .collect()
    }

    #[test]
    fn sorts_like_the_standard_library_and_keeps_ties_in_order() {
        for (seed, count) in [(1, 0), (2, 1), (3, 2), (4, 7), (5, 100), (6, 1000)] {
            // (key with many ties, original position)
            let items: Vec<(u64, usize)> = numbers(seed, count)
                .into_iter()
                .map(|n| n % 13)
                .enumerate()
                .map(|(at, key)| (key, at))
                .collect();
            let mut ours = items.clone();
            let mut std = items.clone();
            sort_by_key(&mut ours, |item| item.0);
            std.sort_by_key(|item| item.0);
            assert_eq!(ours, std);
            let mut ours = items.clone();
            let mut std = items;
            sort_by(&mut ours, |a, b| b.cmp(a));
            std.sort_by(|a, b| b.cmp(a));
            assert_eq!(ours, std);
        }
        let mut names = vec!["Élise", "elise", "Bob", "élise", "Alain"];
        let mut std = names.clone();
        sort_by_cached_key(&mut names, |name| name.to_lowercase());
        std.sort_by_cached_key(|name| name.to_lowercase());
        assert_eq!(names, std);
        let mut words = vec!["pôle", "b", "a", "", "b"];
        sort(&mut words);
        assert_eq!(words, ["", "a", "b", "b", "pôle"]);
    }
}
