//! Backup and restore of a decade of an international office's data (`data/decade.rs`: 500
//! meetings, 20,000 agenda items, 100,000 record versions, 5,000 documents…). A restore includes
//! checking the whole file and backing up the data it replaces.

use std::time::Duration;

use criterion::{Criterion, criterion_group, criterion_main};
use plenary_core::portable::Work;

#[path = "data/decade.rs"]
mod data;
use data::seed;

fn backup_and_restore(c: &mut Criterion) {
    let dir = tempfile::tempdir().unwrap();
    let (mut store, _) = seed(&dir.path().join("data"));
    let out = dir.path().join("out");
    std::fs::create_dir_all(&out).unwrap();
    let file = out.join("decade.plenary-backup");
    let summary = store.backup_to(&file, &Work::quiet()).unwrap();
    eprintln!(
        "decade backup: {} MB, {} document files ({} named without a file)",
        summary.bytes / 1_000_000,
        summary.documents,
        summary.missing_documents
    );

    let mut group = c.benchmark_group("decade");
    group
        .sample_size(10)
        .measurement_time(Duration::from_secs(20));
    group.bench_function("backup", |b| {
        b.iter(|| store.backup_to(&file, &Work::quiet()).unwrap())
    });
    // The part of a backup that holds the store (the daily backup holds it for this alone).
    group.bench_function("backup's snapshot of the database", |b| {
        b.iter(|| drop(store.backup_snapshot(&file, &Work::quiet()).unwrap()))
    });
    let kept = dir.path().join("kept");
    group.bench_function(
        "restore (check, back up the current data, swap, reopen)",
        |b| {
            b.iter(|| {
                store.restore_from(&file, &kept, &Work::quiet()).unwrap();
                std::fs::remove_dir_all(&kept).unwrap();
            })
        },
    );
    let json = out.join("decade.json");
    group.bench_function("full export", |b| {
        b.iter(|| store.export_to(&json, &Work::quiet()).unwrap())
    });
    group.finish();
}

criterion_group!(benches, backup_and_restore);
criterion_main!(benches);
