//! Upgrades from every released schema. `tests/fixtures/schema-vN.sqlite3` is a database as
//! Plenary wrote it at schema version N, full of realistic rows; each is opened with
//! `Store::open` (on a copy), upgraded to this build's schema, and compared with what it held:
//! every row of every table must still be there with the values it had, and the app must read
//! it back (meetings, agendas, records, people, policy history, search).
//!
//! The fixtures are made by `write_fixtures` below from `tests/fixtures/data/NNNN.sql` (the rows
//! for the tables migration NNNN creates): migration 1, its rows, migration 2, its rows, and so on.
//! A released fixture is never rewritten. When a release adds a migration, add its rows as the
//! next data file and run
//! `cargo test -p plenary-core --test migrations -- --ignored write_fixtures` to add its fixture.
//! New migrations need nothing here: every fixture is upgraded to whatever the latest is.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use plenary_core::Store;
use rusqlite::types::Value;
use rusqlite::{Connection, OpenFlags};

fn manifest_dir() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn fixtures_dir() -> PathBuf {
    manifest_dir().join("tests/fixtures")
}

/// The `.sql` files of `dir`, in name order.
fn sql_files(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.extension().is_some_and(|e| e == "sql"))
        .collect();
    files.sort();
    files
}

fn migration_files() -> Vec<PathBuf> {
    sql_files(&manifest_dir().join("src/store/migrations"))
}

fn fixture(version: usize) -> PathBuf {
    fixtures_dir().join(format!("schema-v{version}.sqlite3"))
}

/// Writes the fixture of every schema version that has a data file and no fixture yet.
#[test]
#[ignore = "writes tests/fixtures/schema-vN.sqlite3; run by hand when a schema is released"]
fn write_fixtures() {
    let migrations = migration_files();
    let data = sql_files(&fixtures_dir().join("data"));
    for version in 1..=data.len() {
        let path = fixture(version);
        if path.exists() {
            continue;
        }
        // Written aside and renamed, so a failed run leaves no half-made fixture.
        let partial = path.with_extension("partial");
        let _ = std::fs::remove_file(&partial);
        let conn = Connection::open(&partial).unwrap();
        conn.pragma_update(None, "foreign_keys", "ON").unwrap();
        for step in 0..version {
            let migration = std::fs::read_to_string(&migrations[step]).unwrap();
            let rows = std::fs::read_to_string(&data[step]).unwrap();
            conn.execute_batch(&format!("BEGIN;\n{migration}\n{rows}\nCOMMIT;"))
                .unwrap_or_else(|e| panic!("{}: {e}", data[step].display()));
            conn.pragma_update(None, "user_version", step as i64 + 1)
                .unwrap();
        }
        conn.execute_batch("VACUUM").unwrap();
        drop(conn);
        std::fs::rename(&partial, &path).unwrap();
        println!("wrote {}", path.display());
    }
}

/// Every row of every ordinary table (not the search index's internals), by table, keyed by the
/// table's primary key (or the whole row when it has none), as column → value.
type Snapshot = BTreeMap<String, BTreeMap<String, BTreeMap<String, Value>>>;

fn snapshot(conn: &Connection) -> Snapshot {
    let tables: Vec<String> = conn
        .prepare(
            "SELECT name FROM pragma_table_list WHERE schema = 'main' AND type = 'table'
             AND name NOT LIKE 'sqlite_%' ORDER BY name",
        )
        .unwrap()
        .query_map([], |row| row.get(0))
        .unwrap()
        .collect::<rusqlite::Result<_>>()
        .unwrap();
    let mut snapshot = Snapshot::new();
    for table in tables {
        let key_columns: Vec<String> = conn
            .prepare(&format!(
                "SELECT name FROM pragma_table_info('{table}') WHERE pk > 0 ORDER BY pk"
            ))
            .unwrap()
            .query_map([], |row| row.get(0))
            .unwrap()
            .collect::<rusqlite::Result<_>>()
            .unwrap();
        let mut statement = conn.prepare(&format!("SELECT * FROM \"{table}\"")).unwrap();
        let names: Vec<String> = statement
            .column_names()
            .into_iter()
            .map(str::to_owned)
            .collect();
        let rows = statement
            .query_map([], |row| {
                let mut columns = BTreeMap::new();
                for (i, name) in names.iter().enumerate() {
                    columns.insert(name.clone(), row.get::<_, Value>(i)?);
                }
                Ok(columns)
            })
            .unwrap()
            .collect::<rusqlite::Result<Vec<_>>>()
            .unwrap();
        let mut by_key = BTreeMap::new();
        for columns in rows {
            let key_of = |names: &mut dyn Iterator<Item = &String>| {
                names
                    .map(|name| format!("{:?}", columns[name]))
                    .collect::<Vec<_>>()
                    .join("|")
            };
            let key = if key_columns.is_empty() {
                key_of(&mut columns.keys())
            } else {
                key_of(&mut key_columns.iter())
            };
            by_key.insert(key, columns);
        }
        snapshot.insert(table, by_key);
    }
    snapshot
}

/// The rows an empty database holds at `version`: the seeds the migrations own. Later migrations
/// may rewrite them (every laptop's seeded rows are the same), so only the rows people made are
/// compared.
fn seeded_rows(version: usize) -> Snapshot {
    let conn = Connection::open_in_memory().unwrap();
    for migration in &migration_files()[..version] {
        conn.execute_batch(&std::fs::read_to_string(migration).unwrap())
            .unwrap();
    }
    snapshot(&conn)
}

/// A value a later migration rewrites on purpose: table, column, why, and whether `new` is what
/// the migration makes of `old`.
type Rewrite = (
    &'static str,
    &'static str,
    &'static str,
    fn(&str, &str) -> bool,
);

const REWRITTEN: &[Rewrite] = &[(
    "history",
    "entity",
    "0008 names entities by their table (\"policy document\" → \"policy_document\")",
    |old, new| old.replace(' ', "_") == new,
)];

fn rewritten_on_purpose(table: &str, column: &str, old: &Value, new: &Value) -> bool {
    let (Value::Text(old), Value::Text(new)) = (old, new) else {
        return false;
    };
    REWRITTEN
        .iter()
        .any(|(t, c, _, made)| *t == table && *c == column && made(old, new))
}

fn released_fixtures() -> Vec<(usize, PathBuf)> {
    (1..)
        .map(|version| (version, fixture(version)))
        .take_while(|(_, path)| path.exists())
        .collect()
}

#[test]
fn there_is_a_fixture_for_every_released_schema() {
    let data = sql_files(&fixtures_dir().join("data"));
    let fixtures = released_fixtures();
    assert!(fixtures.len() >= 6, "fixtures: {fixtures:?}");
    assert_eq!(
        fixtures.len(),
        data.len(),
        "every data file has its fixture (run write_fixtures)"
    );
    assert!(fixtures.len() <= migration_files().len());
    for (version, path) in fixtures {
        let conn = Connection::open_with_flags(&path, OpenFlags::SQLITE_OPEN_READ_ONLY).unwrap();
        let found: i64 = conn
            .query_row("PRAGMA user_version", [], |row| row.get(0))
            .unwrap();
        assert_eq!(found, version as i64, "{}", path.display());
    }
}

#[test]
fn every_released_schema_upgrades_without_losing_anything() {
    let latest = migration_files().len();
    for (version, path) in released_fixtures() {
        let before = {
            let conn =
                Connection::open_with_flags(&path, OpenFlags::SQLITE_OPEN_READ_ONLY).unwrap();
            snapshot(&conn)
        };
        let dir = tempfile::tempdir().unwrap();
        let copy = dir.path().join("plenary.sqlite3");
        std::fs::copy(&path, &copy).unwrap();
        let store =
            Store::open(&copy).unwrap_or_else(|e| panic!("schema v{version} did not open: {e}"));
        check_the_app_reads_it(&store, &before, version);
        drop(store);

        let conn = Connection::open(&copy).unwrap();
        let upgraded: i64 = conn
            .query_row("PRAGMA user_version", [], |row| row.get(0))
            .unwrap();
        assert_eq!(
            upgraded, latest as i64,
            "schema v{version} was not brought up to date"
        );
        let integrity: String = conn
            .query_row("PRAGMA integrity_check", [], |row| row.get(0))
            .unwrap();
        assert_eq!(integrity, "ok", "schema v{version}");
        let broken_links: i64 = conn
            .query_row("SELECT count(*) FROM pragma_foreign_key_check", [], |row| {
                row.get(0)
            })
            .unwrap();
        assert_eq!(broken_links, 0, "schema v{version}: broken references");
        let after = snapshot(&conn);
        let seeded = seeded_rows(version);
        let mut lost = Vec::new();
        for (table, rows) in &before {
            let Some(now) = after.get(table) else {
                lost.push(format!("table {table} is gone"));
                continue;
            };
            for (key, columns) in rows {
                if seeded
                    .get(table)
                    .is_some_and(|seeds| seeds.contains_key(key))
                {
                    continue;
                }
                let Some(row) = now.get(key) else {
                    lost.push(format!("{table} {key} is gone"));
                    continue;
                };
                for (column, value) in columns {
                    // A column a later migration dropped on purpose cannot be compared.
                    if let Some(new) = row.get(column)
                        && new != value
                        && !rewritten_on_purpose(table, column, value, new)
                    {
                        lost.push(format!(
                            "{table} {key}: {column} was {value:?}, now {new:?}"
                        ));
                    }
                }
            }
        }
        assert!(
            lost.is_empty(),
            "upgrading schema v{version}:\n{}",
            lost.join("\n")
        );
    }
}

/// The app's own reads of what the fixture holds: nothing is only in the tables, unreadable.
fn check_the_app_reads_it(store: &Store, before: &Snapshot, version: usize) {
    let ids = |table: &str| -> Vec<String> {
        before.get(table).map_or(Vec::new(), |rows| {
            rows.values()
                .map(|columns| match &columns["id"] {
                    Value::Text(id) => id.clone(),
                    other => panic!("{table}: id {other:?}"),
                })
                .collect()
        })
    };
    let text = |table: &str, id: &str, column: &str| -> String {
        let row = before[table]
            .values()
            .find(|columns| columns["id"] == Value::Text(id.to_owned()))
            .unwrap();
        match &row[column] {
            Value::Text(text) => text.clone(),
            other => panic!("{table}.{column}: {other:?}"),
        }
    };
    let meetings = ids("meeting");
    assert!(!meetings.is_empty(), "schema v{version}: no meetings");
    assert_eq!(store.meetings().unwrap().len(), meetings.len());
    for id in &meetings {
        let meeting = store.meeting(id).unwrap();
        assert_eq!(meeting.fields.title, text("meeting", id, "title"));
        assert!(!store.meeting_history(id).unwrap().is_empty());
        assert_eq!(
            store.agenda_items(id).unwrap().len(),
            before.get("agenda_item").map_or(0, |rows| rows
                .values()
                .filter(|c| c["meeting_id"] == Value::Text(id.clone()))
                .count()),
        );
        // Every meeting is found by the first word of its title.
        let word = meeting.fields.title.split_whitespace().next().unwrap();
        let hits = store.search(word, 50).unwrap();
        assert!(
            hits.iter().any(|hit| &hit.record_id == id),
            "schema v{version}: search for {word:?} misses meeting {id}"
        );
    }
    for id in ids("record") {
        assert!(!store.record_versions(&id).unwrap().is_empty());
    }
    for id in ids("person") {
        let page = store.person_page(&id).unwrap();
        assert_eq!(
            page.person.fields.full_name,
            text("person", &id, "full_name")
        );
    }
    for id in ids("policy_document") {
        let document = store.policy_document(&id).unwrap();
        assert_eq!(document.fields.title, text("policy_document", &id, "title"));
        store.policy_actions(&id).unwrap();
    }
}
