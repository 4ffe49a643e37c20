//! A decade of an international office's data — 500 meetings, 20,000 agenda items, 25,000
//! records with 100,000 versions, 5,000 documents, 5,000 action items — and the three things a
//! person does most: open the dashboard, open a meeting, search.
//!
//! The data is `data/decade.rs`; the measured calls are the store's.

use criterion::{Criterion, criterion_group, criterion_main};

#[path = "data/decade.rs"]
mod data;
use data::seed;

fn decade(c: &mut Criterion) {
    // PLENARY_BENCH_DIR keeps the seeded database for a closer look (query plans, sizes).
    let dir = tempfile::tempdir().unwrap();
    let folder = std::env::var_os("PLENARY_BENCH_DIR")
        .map(std::path::PathBuf::from)
        .unwrap_or_else(|| dir.path().to_owned());
    let (store, meeting) = seed(&folder);
    let today = jiff::civil::date(2026, 6, 1);

    c.bench_function("dashboard", |b| b.iter(|| store.dashboard(today).unwrap()));
    c.bench_function(
        "meeting view (meeting, agenda, sessions, records, actions, documents)",
        |b| {
            b.iter(|| {
                store.meeting(&meeting).unwrap();
                store.agenda_items(&meeting).unwrap();
                store.sessions(&meeting).unwrap();
                store.records(&meeting).unwrap();
                store.action_items(&meeting).unwrap();
                store.documents(&meeting).unwrap();
            })
        },
    );
    c.bench_function("search (two words, prefix)", |b| {
        b.iter(|| store.search("antimicrobial resis", 60).unwrap())
    });
    c.bench_function("search (diacritics folded)", |b| {
        b.iter(|| store.search("geneve", 60).unwrap())
    });
    c.bench_function("meeting list", |b| b.iter(|| store.meetings().unwrap()));
    // Settings → Team asks for it on opening and while it stays open.
    c.bench_function("likely duplicates", |b| {
        b.iter(|| store.likely_duplicates().unwrap())
    });
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(30).warm_up_time(std::time::Duration::from_millis(500)).measurement_time(std::time::Duration::from_secs(3));
    targets = decade
}
criterion_main!(benches);
