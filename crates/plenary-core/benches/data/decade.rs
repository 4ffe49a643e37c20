//! A decade of an international office's data — 500 meetings, 20,000 agenda items, 25,000
//! records with 100,000 versions, 5,000 documents, 5,000 action items — written with plain SQL in
//! one transaction (the same rows the store writes, with the search index filled by the schema's
//! own triggers). Used by `decade.rs` here and by the shell's exchange bench (a laptop joining a
//! hub that holds this much).

use plenary_core::Store;
use rusqlite::params;

const MEETINGS: usize = 500;
const ITEMS_PER_MEETING: usize = 40;
const RECORDS_PER_MEETING: usize = 50;
const VERSIONS_PER_RECORD: usize = 4;
const DOCUMENTS_PER_MEETING: usize = 10;
const ACTIONS_PER_MEETING: usize = 10;

/// Words of the office's subjects, sprinkled into text written mostly from a long-tailed
/// vocabulary, as real minutes are: a search for one of them matches a few percent of records.
const TOPICS: &[&str] = &[
    "antimicrobial",
    "resistance",
    "universal",
    "coverage",
    "workforce",
    "migration",
    "physicians",
    "ethics",
    "declaration",
    "Geneva",
    "Helsinki",
    "statement",
    "violence",
    "financing",
    "primary",
    "pandemic",
    "preparedness",
    "agreement",
    "climate",
    "mental",
    "digital",
    "patients",
    "rights",
    "consent",
    "research",
    "São",
    "Paulo",
    "Genève",
    "Kigali",
    "delegation",
    "support",
    "stewardship",
];
const VOCABULARY: u64 = 5_000;

fn text(seed: usize, words: usize) -> String {
    let mut state = (seed as u64)
        .wrapping_mul(6_364_136_223_846_793_005)
        .wrapping_add(1_442_695_040_888_963_407);
    (0..words)
        .map(|_| {
            state = state
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            let roll = state >> 33;
            if roll.is_multiple_of(64) {
                TOPICS[(roll / 64) as usize % TOPICS.len()].to_owned()
            } else {
                // Squaring skews the draw towards common words (a rough Zipf).
                let r = (roll % 10_000) as f64 / 10_000.0;
                format!("w{}", (r * r * VOCABULARY as f64) as u64)
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

pub fn seed(dir: &std::path::Path) -> (Store, String) {
    drop(Store::open_in(dir).expect("create the schema"));
    let mut conn =
        rusqlite::Connection::open(dir.join(plenary_core::store::DATABASE_FILE)).unwrap();
    conn.pragma_update(None, "synchronous", "OFF").unwrap();
    // The search index's triggers fold text with the core's own folding, as the store does.
    conn.create_scalar_function(
        "plenary_fold",
        1,
        rusqlite::functions::FunctionFlags::SQLITE_UTF8
            | rusqlite::functions::FunctionFlags::SQLITE_DETERMINISTIC,
        |ctx| {
            Ok(ctx
                .get::<Option<String>>(0)?
                .map(|text| plenary_core::fold::fold(&text)))
        },
    )
    .unwrap();
    let tx = conn.transaction().unwrap();
    let at = "2025-01-01T00:00:00Z";
    let mut middle = String::new();
    for m in 0..MEETINGS {
        let id = format!("meeting-{m:04}");
        let year = 2017 + m / 50;
        let month = 1 + (m % 50) / 5;
        let day = 1 + (m % 5) * 5;
        let start = format!("{year}-{month:02}-{day:02}");
        let end = format!("{year}-{month:02}-{:02}", day + 3);
        if m == MEETINGS / 2 {
            middle = id.clone();
        }
        tx.execute(
            "INSERT INTO meeting (id, body_id, title, city, country, venue, start_date, end_date, time_zone,
                 format, status, notes, created_at, updated_at)
             VALUES (?1, 'world_health_assembly', ?2, 'Genève', 'Switzerland', 'Palais des Nations', ?3, ?4,
                 'Europe/Zurich', 'in_person', 'concluded', ?5, ?6, ?6)",
            params![id, format!("Meeting {m}"), start, end, text(m, 12), at],
        )
        .unwrap();
        for i in 0..ITEMS_PER_MEETING {
            let number = format!("{}.{}", 1 + i / 5, 1 + i % 5);
            let key = format!("{:04}.{:04}", 1 + i / 5, 1 + i % 5);
            tx.execute(
                "INSERT INTO agenda_item (id, meeting_id, number, sort_key, title, priority, notes, created_at, updated_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, 'normal', ?6, ?7, ?7)",
                params![format!("{id}-item-{i}"), id, number, key, text(m + i, 6), text(i, 10), at],
            )
            .unwrap();
        }
        for r in 0..RECORDS_PER_MEETING {
            let record = format!("{id}-record-{r}");
            tx.execute(
                "INSERT INTO record (id, meeting_id, agenda_item_id, kind, status, current_version, created_at, updated_at)
                 VALUES (?1, ?2, ?3, 'notes', ?4, ?5, ?6, ?6)",
                params![
                    record,
                    id,
                    format!("{id}-item-{}", r % ITEMS_PER_MEETING),
                    if r % 7 == 0 { "draft" } else { "final" },
                    VERSIONS_PER_RECORD as i64,
                    at
                ],
            )
            .unwrap();
            for v in 1..=VERSIONS_PER_RECORD {
                tx.execute(
                    "INSERT INTO record_version (id, record_id, number, title, body, author, created_at, updated_at)
                     VALUES (?1 || '-v' || ?2, ?1, ?2, ?3, ?4, 'Delegate', ?5, ?5)",
                    params![record, v as i64, text(m * r + v, 5), text(m + r + v, 120), at],
                )
                .unwrap();
            }
        }
        for d in 0..DOCUMENTS_PER_MEETING {
            tx.execute(
                "INSERT INTO document (id, meeting_id, symbol, title, language, file_name, size, sha256, created_at, updated_at)
                 VALUES (?1, ?2, ?3, ?4, 'English', 'file.pdf', 1000, ?5, ?6, ?6)",
                params![format!("{id}-doc-{d}"), id, format!("A{}/{}", 70 + m % 10, d + 1), text(d + m, 8), format!("{:064x}", m * 100 + d), at],
            )
            .unwrap();
        }
        for a in 0..ACTIONS_PER_MEETING {
            tx.execute(
                "INSERT INTO action_item (id, meeting_id, title, owner, due_date, status, created_at, updated_at)
                 VALUES (?1, ?2, ?3, 'Staff', ?4, ?5, ?6, ?6)",
                params![format!("{id}-action-{a}"), id, text(a + m, 6), end, if a % 3 == 0 { "open" } else { "done" }, at],
            )
            .unwrap();
        }
    }
    tx.commit().unwrap();
    drop(conn);
    (Store::open_in(dir).unwrap(), middle)
}
