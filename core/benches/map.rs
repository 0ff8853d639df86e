//! The cartography on a generated collective of 1 001 map nodes (a centre,
//! 110 pôles of 8 functions, 10 partners): the layout alone, the whole map
//! model, the functions overlay and the time-travel highlight; then the map
//! of the large collective (1 521 nodes among 80 000 records).
//!
//! Run with `cargo bench -p archipel-core --bench map`.

use std::hint::black_box;
use std::time::Duration;

use archipel_core::generate::{self, Size};
use archipel_core::map::layout::{self, Item};
use archipel_core::map::{self, MapModel};
use archipel_core::{Date, Id};
use criterion::{Criterion, criterion_group, criterion_main};

fn today() -> Date {
    Date::from_ymd(2026, 11, 21).unwrap_or(Date::from_days(0))
}

/// What `map::build` hands the layout, rebuilt from its result (same order,
/// same radii, same hosts).
fn items(model: &MapModel) -> Vec<Item> {
    let at = |id: Id| model.nodes.iter().position(|node| node.id == id);
    model
        .nodes
        .iter()
        .map(|node| Item {
            kind: node.kind,
            radius: node.r,
            host: (node.kind == map::NodeKind::Function)
                .then(|| node.parent.and_then(at))
                .flatten(),
            pin: None,
        })
        .collect()
}

fn benches(c: &mut Criterion) {
    let Ok(state) = generate::state(&Size::map_bench(), 42) else {
        panic!("the generated collective applies");
    };
    let model = map::build(&state, today());
    assert_eq!(model.nodes.len(), 1_001);
    let items = items(&model);

    let mut group = c.benchmark_group("map (1 001 nodes)");
    group.bench_function("layout", |b| b.iter(|| layout::layout(black_box(&items))));
    group.bench_function("build the map model", |b| {
        b.iter(|| map::build(black_box(&state), today()))
    });
    group.bench_function("functions coverage", |b| {
        b.iter(|| map::coverage(black_box(&state)))
    });
    // The same collective built again: every record compared, none differs.
    let Ok(later) = generate::state(&Size::map_bench(), 42) else {
        panic!("the generated collective applies");
    };
    group.bench_function("changed since (no change)", |b| {
        b.iter(|| map::changed_since(black_box(&state), black_box(&later)))
    });
    group.finish();

    let Ok(large) = generate::state(&Size::large(), 2026) else {
        panic!("the large collective applies");
    };
    let mut group = c.benchmark_group("map (large collective)");
    group.sample_size(20);
    group.bench_function("build the map model (1 521 nodes, 80 000 records)", |b| {
        b.iter(|| map::build(black_box(&large), today()))
    });
    group.finish();
}

criterion_group! {
    name = map_benches;
    config = Criterion::default()
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(3));
    targets = benches
}
criterion_main!(map_benches);
