//! The candidate finder and "my assignments" with a decade of data: 2,000 people, 500 meetings
//! and 20,000 assignments. Run with `cargo bench -p plenary-core --bench people`.

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use jiff::civil::date;
use plenary_core::store::CandidateQuery;
use plenary_core::{SettingKey, Store};
use rusqlite::params;

const PEOPLE: usize = 2_000;
const MEETINGS: usize = 500;
const ASSIGNMENTS: usize = 20_000;

const TOPICS: &[&str] = &[
    "medical ethics",
    "rural care",
    "workforce migration",
    "financing",
    "public health",
    "medical education",
    "human rights",
    "digital health",
    "tobacco control",
    "climate and health",
];
const LANGUAGES: &[&str] = &[
    "English",
    "Français",
    "Español",
    "Deutsch",
    "Português",
    "日本語",
    "한국어",
    "Kiswahili",
];
const ZONES: &[&str] = &[
    "Europe/Zurich",
    "Africa/Kigali",
    "Asia/Seoul",
    "America/Montevideo",
    "America/Chicago",
    "Asia/Tokyo",
];
const ROLES: &[&str] = &[
    "head_of_delegation",
    "voting_delegate",
    "delegate",
    "alternate",
    "adviser",
    "observer",
];
const STATUSES: &[&str] = &[
    "proposed",
    "invited",
    "confirmed",
    "registered",
    "credentialed",
    "attended",
    "declined",
];

/// A small deterministic generator, so every run measures the same data.
struct Lcg(u64);

impl Lcg {
    fn next(&mut self, below: usize) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        ((self.0 >> 33) % below as u64) as usize
    }
}

/// Fills a fresh database and returns (store, a meeting to staff, the person named "me").
fn seed(dir: &std::path::Path) -> (Store, String, String) {
    let store = Store::open_in(dir).expect("open");
    let mut conn = rusqlite::Connection::open(store.path()).expect("second connection");
    let tx = conn.transaction().unwrap();
    let at = "2026-01-01T00:00:00Z";
    let mut rng = Lcg(7);
    let mut meetings = Vec::new();
    for i in 0..MEETINGS {
        let id = uuid::Uuid::now_v7().to_string();
        // Spread over 2017–2026: about one a week.
        let start = date(2017, 1, 2)
            .checked_add(jiff::Span::new().days((i * 7 + rng.next(5)) as i64))
            .unwrap();
        let end = start
            .checked_add(jiff::Span::new().days(rng.next(6) as i64))
            .unwrap();
        tx.execute(
            "INSERT INTO meeting (id, body_id, ordinal, title, city, country, venue, start_date, end_date, time_zone,
                 format, status, registration_deadline, notes, created_at, updated_at, version)
             VALUES (?1, 'other', NULL, ?2, '', '', '', ?3, ?4, ?5, 'in_person', 'planned', NULL, '', ?6, ?6, 1)",
            params![id, format!("Meeting {i}"), start.to_string(), end.to_string(), ZONES[rng.next(ZONES.len())], at],
        )
        .unwrap();
        meetings.push(id);
    }
    let mut people = Vec::new();
    for i in 0..PEOPLE {
        let id = uuid::Uuid::now_v7().to_string();
        let name = format!("Person {i} Ngũgĩ");
        let expertise = serde_json::to_string(&[
            TOPICS[rng.next(TOPICS.len())],
            TOPICS[rng.next(TOPICS.len())],
        ])
        .unwrap();
        let languages =
            serde_json::to_string(&[LANGUAGES[rng.next(LANGUAGES.len())], "English"]).unwrap();
        tx.execute(
            "INSERT INTO person (id, kind, full_name, name_key, honorifics, organization_id, title, email, phone,
                 expertise, languages, home_time_zone, notes, created_at, updated_at, version)
             VALUES (?1, 'representative', ?2, ?3, '', NULL, '', '', '', ?4, ?5, 'America/Chicago', '', ?6, ?6, 1)",
            params![id, name, plenary_core::people::name_key(&name), expertise, languages, at],
        )
        .unwrap();
        people.push(id);
    }
    let mut inserted = 0;
    while inserted < ASSIGNMENTS {
        let changed = tx
            .execute(
                "INSERT OR IGNORE INTO assignment (id, meeting_id, person_id, role, status, status_date, badge,
                     created_at, updated_at, version)
                 VALUES (?1, ?2, ?3, ?4, ?5, '2026-01-01', 'not_requested', ?6, ?6, 1)",
                params![
                    uuid::Uuid::now_v7().to_string(),
                    meetings[rng.next(MEETINGS)],
                    people[rng.next(PEOPLE)],
                    ROLES[rng.next(ROLES.len())],
                    STATUSES[rng.next(STATUSES.len())],
                    at
                ],
            )
            .unwrap();
        inserted += changed;
    }
    // "Me": someone with a typical load (about ten assignments), some of them after 2024-01-01.
    let me = people[42].clone();
    tx.commit().unwrap();
    drop(conn);
    let mut store = store;
    store.set_setting(SettingKey::Me, &me, None).unwrap();
    (store, meetings[MEETINGS * 7 / 10].clone(), me)
}

fn bench(c: &mut Criterion) {
    let dir = tempfile::tempdir().unwrap();
    let (store, meeting, _me) = seed(dir.path());
    let today = date(2024, 1, 1);
    let query = CandidateQuery {
        meeting_id: meeting.clone(),
        expertise: "ethic".into(),
        language: "english".into(),
        available_only: false,
    };
    let found = store.candidates(&query, today).unwrap();
    let mine = store.my_assignments(today, false).unwrap();
    eprintln!(
        "seeded: {} candidates match \"ethic\" + \"english\"; me has {} upcoming assignments",
        found.len(),
        mine.items.len()
    );

    c.bench_function(
        "candidate finder (expertise + language, 2,000 people)",
        |b| b.iter(|| black_box(store.candidates(black_box(&query), today).unwrap())),
    );
    let everyone = CandidateQuery {
        expertise: String::new(),
        language: String::new(),
        available_only: true,
        ..query.clone()
    };
    c.bench_function("candidate finder (available only, no filter)", |b| {
        b.iter(|| black_box(store.candidates(black_box(&everyone), today).unwrap()))
    });
    c.bench_function("my assignments (upcoming)", |b| {
        b.iter(|| black_box(store.my_assignments(today, false).unwrap()))
    });
    c.bench_function("board of one meeting", |b| {
        b.iter(|| black_box(store.board(&meeting, today).unwrap()))
    });
}

criterion_group!(benches, bench);
criterion_main!(benches);
