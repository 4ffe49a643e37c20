//! The briefing book of a GA week (`data/briefing.rs`): a World Health Assembly with a
//! delegation of 25 (names in seven scripts, travel details ticked), 60 agenda items each with a
//! position, 20 statements, 60 policy documents, five days of sessions, country notes and
//! action items. Measures gathering it from the store, and gathering, laying out and writing
//! the PDF with its fonts subset and embedded.

use std::path::Path;
use std::time::Duration;

use criterion::{Criterion, criterion_group, criterion_main};
use plenary_core::Store;
use plenary_core::briefing::{self, BriefingFonts, BriefingRequest};
use plenary_core::portable::Work;

#[path = "data/briefing.rs"]
mod data;

fn briefing_book(c: &mut Criterion) {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open_in(&dir.path().join("data")).unwrap();
    let meeting_id = data::ga_week(&mut store, 25, 60);
    let fonts = BriefingFonts::load(&Path::new(env!("CARGO_MANIFEST_DIR")).join("fonts")).unwrap();
    let request = BriefingRequest {
        meeting_id: meeting_id.clone(),
        include_travel: true,
    };
    let file = dir.path().join("WHA79 briefing book.pdf");
    let written = briefing::write(&store, &request, &fonts, &file, &Work::quiet()).unwrap();
    eprintln!(
        "GA week briefing book: {} pages, {} KB (fonts read: {} KB)",
        written.pages,
        written.bytes / 1000,
        fonts.total_bytes() / 1000
    );

    let mut group = c.benchmark_group("briefing book");
    group
        .sample_size(10)
        .measurement_time(Duration::from_secs(20));
    group.bench_function("gather a GA week", |b| {
        b.iter(|| store.briefing_book(&meeting_id, true).unwrap())
    });
    group.bench_function("gather, lay out and write the PDF", |b| {
        b.iter(|| briefing::write(&store, &request, &fonts, &file, &Work::quiet()).unwrap())
    });
    group.finish();
}

criterion_group!(benches, briefing_book);
criterion_main!(benches);
