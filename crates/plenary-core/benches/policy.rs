//! Policy at the scale of a long-lived office: 5,000 documents with 50,000 history actions, and
//! what a person opens most: the "due for review" view and a filtered list.
//!
//! The data is written with plain SQL in one transaction; the derived columns come from the
//! core's own `policy::derive`, as the store writes them. The measured calls are the store's.

use criterion::{Criterion, criterion_group, criterion_main};
use plenary_core::Store;
use plenary_core::policy::{
    self, PartialDate, PolicyActionFields, PolicyActionKind, PolicyStatus, PolicyType,
};
use plenary_core::store::PolicyFilter;
use rusqlite::params;

const DOCUMENTS: usize = 5_000;
const ACTIONS_PER_DOCUMENT: usize = 10;
const TYPES: [PolicyType; 6] = [
    PolicyType::Declaration,
    PolicyType::Statement,
    PolicyType::Statement,
    PolicyType::Resolution,
    PolicyType::WhoResolution,
    PolicyType::Other,
];
const TOPICS: [&str; 8] = [
    "ethics",
    "workforce",
    "pandemic preparedness",
    "climate",
    "violence against physicians",
    "research",
    "digital health",
    "patients' rights",
];

fn enum_text<T: serde::Serialize>(value: &T) -> String {
    serde_json::to_value(value)
        .unwrap()
        .as_str()
        .unwrap()
        .to_owned()
}

fn seed(dir: &std::path::Path) {
    drop(Store::open_in(dir).unwrap());
    let mut conn =
        rusqlite::Connection::open(dir.join(plenary_core::store::DATABASE_FILE)).unwrap();
    let tx = conn.transaction().unwrap();
    let at = "2026-01-01T00:00:00.000Z";
    for d in 0..DOCUMENTS {
        let policy_type = TYPES[d % TYPES.len()];
        let first = 1950 + (d % 70) as i16;
        let mut actions = Vec::new();
        for a in 0..ACTIONS_PER_DOCUMENT {
            let kind = match (a, d % 17) {
                (0, _) => PolicyActionKind::Adopted,
                (9, 0) => PolicyActionKind::RescindedAndArchived,
                (_, _) if a % 3 == 0 => PolicyActionKind::Reaffirmed,
                (_, _) if a % 3 == 1 => PolicyActionKind::EditoriallyRevised,
                _ => PolicyActionKind::Amended,
            };
            let year = (first + (a as i16) * 2).min(2026);
            let text = match a % 3 {
                0 => format!("{year}"),
                1 => format!("{year}-{:02}", 1 + (d + a) % 12),
                _ => format!("{year}-{:02}-{:02}", 1 + (d + a) % 12, 1 + (d + a) % 28),
            };
            actions.push(PolicyActionFields {
                kind,
                date: PartialDate::parse(&text).unwrap(),
                body_id: Some("wma_general_assembly".into()),
                meeting_id: None,
                superseded_by_id: None,
                note: String::new(),
            });
        }
        let derived = policy::derive(policy_type, &actions);
        let id = format!("doc-{d:05}");
        let code = match policy_type.handbook_letter() {
            Some(letter) => format!(
                "{letter}-{first}-{:02}-{}",
                1 + d % 99,
                derived.last_year.unwrap()
            ),
            None => format!("WHA{}.{}", 1 + d % 78, 1 + d % 40),
        };
        let due = derived.review_due;
        tx.execute(
            "INSERT INTO policy_document (id, policy_type, title, short_name, code, topics, summary, status,
                 handbook_code, review_due, review_due_from, review_due_to, created_at, updated_at)
             VALUES (?1, ?2, ?3, '', ?4, ?5, ?6, ?7, ?4, ?8, ?9, ?10, ?11, ?11)",
            params![
                id,
                enum_text(&policy_type),
                format!("Document {d} on {}", TOPICS[d % TOPICS.len()]),
                code,
                TOPICS[d % TOPICS.len()],
                format!("Summary of document {d}"),
                enum_text(&derived.status),
                due.map(|d| d.to_string()),
                due.map(|d| d.earliest().to_string()),
                due.map(|d| d.latest().to_string()),
                at
            ],
        )
        .unwrap();
        for (a, action) in actions.iter().enumerate() {
            tx.execute(
                "INSERT INTO policy_action (id, document_id, kind, date, date_from, body_id, created_at, updated_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, 'wma_general_assembly', ?6, ?6)",
                params![
                    format!("{id}-{a}"),
                    id,
                    enum_text(&action.kind),
                    action.date.to_string(),
                    action.date.earliest().to_string(),
                    at
                ],
            )
            .unwrap();
        }
    }
    tx.commit().unwrap();
}

fn policy_bench(c: &mut Criterion) {
    let dir = tempfile::tempdir().unwrap();
    seed(dir.path());
    let store = Store::open_in(dir.path()).unwrap();
    let today = jiff::civil::date(2026, 11, 28);
    let until = jiff::civil::date(2028, 11, 28);
    let due = store.reviews_due(today, until).unwrap();
    let filter = PolicyFilter {
        policy_type: Some(PolicyType::Statement),
        status: Some(PolicyStatus::InForce),
        topic: "ethic".into(),
        ..Default::default()
    };
    let listed = store.policy_documents(&filter).unwrap();
    eprintln!(
        "policy bench: {} due within two years ({} overdue); filtered list {} documents",
        due.len(),
        due.iter().filter(|d| d.overdue).count(),
        listed.len()
    );

    c.bench_function("due for review (two-year window, overdue first)", |b| {
        b.iter(|| store.reviews_due(today, until).unwrap())
    });
    c.bench_function("review count for the dashboard", |b| {
        b.iter(|| store.review_due_count(today).unwrap())
    });
    c.bench_function("filtered list (statements in force, topic)", |b| {
        b.iter(|| store.policy_documents(&filter).unwrap())
    });
    c.bench_function("document history (10 actions)", |b| {
        b.iter(|| store.policy_actions("doc-01234").unwrap())
    });
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(30).warm_up_time(std::time::Duration::from_millis(500)).measurement_time(std::time::Duration::from_secs(3));
    targets = policy_bench
}
criterion_main!(benches);
