//! Writes a decade of an office's data into a data folder, to open the app on:
//! `cargo xtask decade DIR` (or `cargo run --release -p plenary-core --example decade -- DIR`).
//!
//! The meetings with their agendas, records, documents and action items are the benchmarks'
//! generator (`benches/data/decade.rs`, plain SQL); the people, policy documents and assignments
//! on top go through the store as the app writes them (validation, history, search index):
//! 2,000 people, 1,000 policy documents and 6,000 assignments, the volumes the window's latency
//! is measured on.

#[path = "../benches/data/decade.rs"]
mod data;

use plenary_core::assignment::{AssignmentDraft, AssignmentStatus};
use plenary_core::people::PersonDraft;
use plenary_core::policy::PolicyDocumentDraft;
use serde_json::json;

const PEOPLE: usize = 2_000;
const POLICY_DOCUMENTS: usize = 1_000;
const ASSIGNMENTS: usize = 6_000;

const LANGUAGES: &[&str] = &["English", "French", "Spanish", "Arabic", "Portuguese"];
const EXPERTISE: &[&str] = &["ethics", "public health", "medical education", "workforce"];
const POLICY_TYPES: &[&str] = &["declaration", "statement", "resolution"];
const ROLES: &[&str] = &["delegate", "adviser", "observer", "staff"];

/// A form as a person fills it: the fields named in `value`, the rest left empty.
fn draft<T: serde::Serialize + serde::de::DeserializeOwned + Default>(
    value: serde_json::Value,
) -> T {
    let mut form = serde_json::to_value(T::default()).expect("an empty form");
    for (field, given) in value.as_object().expect("fields by name") {
        form[field] = given.clone();
    }
    serde_json::from_value(form).expect("a draft the generator builds")
}

fn main() {
    let Some(dir) = std::env::args_os().nth(1).map(std::path::PathBuf::from) else {
        eprintln!("usage: decade DATA_FOLDER   (a new or empty folder)");
        std::process::exit(2);
    };
    if dir.join(plenary_core::store::DATABASE_FILE).exists() {
        eprintln!(
            "{} already holds a Plenary database; name a new or empty folder",
            dir.display()
        );
        std::process::exit(1);
    }
    std::fs::create_dir_all(&dir).expect("create the data folder");
    let started = std::time::Instant::now();
    let (mut store, _) = data::seed(&dir);
    println!("meetings, agendas, records, documents and action items written");

    let mut people = Vec::with_capacity(PEOPLE);
    for i in 0..PEOPLE {
        let person: PersonDraft = draft(json!({
            "kind": "representative",
            "full_name": format!("Person {i} Surname{}", i * 7919 % 1000),
            "email": format!("p{i}@example.org"),
            "expertise": EXPERTISE[i % EXPERTISE.len()],
            "languages": format!("{}, English", LANGUAGES[i % LANGUAGES.len()]),
        }));
        people.push(store.create_person(&person).expect("create a person").id);
    }
    println!("{PEOPLE} people written");

    for i in 0..POLICY_DOCUMENTS {
        let document: PolicyDocumentDraft = draft(json!({
            "policy_type": POLICY_TYPES[i % POLICY_TYPES.len()],
            "title": format!("Policy {i} on topic {}", i % 40),
            "topics": format!("topic{}", i % 40),
            "summary": format!("Summary of policy {i}"),
            "full_text": format!("Text of policy {i}"),
        }));
        let year = 2017 + i % 10;
        store
            .create_policy_document(&document, &format!("{year}-10-{:02}", 1 + i % 28))
            .expect("create a policy document");
    }
    println!("{POLICY_DOCUMENTS} policy documents written");

    let meetings: Vec<String> = (0..500).map(|m| format!("meeting-{m:04}")).collect();
    let today = store.clock().today();
    let (mut written, mut tried) = (0, 0);
    while written < ASSIGNMENTS && tried < ASSIGNMENTS * 3 {
        let assignment: AssignmentDraft = draft(json!({
            "meeting_id": meetings[tried % meetings.len()],
            // Each meeting's turn brings other people: 6,000 distinct meeting and person pairs.
            "person_id": people[(tried * 31 + tried / meetings.len()) % people.len()],
            "role": ROLES[tried % ROLES.len()],
        }));
        tried += 1;
        if store
            .create_assignment(&assignment, AssignmentStatus::Proposed, today)
            .is_ok()
        {
            written += 1;
        }
    }
    println!(
        "{written} assignments written; the data folder {} is ready ({:.0} s)",
        dir.display(),
        started.elapsed().as_secs_f64()
    );
    drop(store);
    // What the app pays to open it, and to make a new folder's schema.
    let reopening = std::time::Instant::now();
    drop(plenary_core::Store::open_in(&dir).expect("open the folder again"));
    let reopened = reopening.elapsed();
    let fresh = dir.join("fresh-folder-timing");
    let creating = std::time::Instant::now();
    drop(plenary_core::Store::open_in(&fresh).expect("create a fresh folder"));
    let created = creating.elapsed();
    let _ = std::fs::remove_dir_all(&fresh);
    println!(
        "opening it takes {:.0} ms; making a fresh folder's database {:.0} ms",
        reopened.as_secs_f64() * 1000.0,
        created.as_secs_f64() * 1000.0
    );
}
