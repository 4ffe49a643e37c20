//! The full export: every table of the office's data as versioned JSON, with the stored document
//! files in a folder beside it (`<name>-documents/<sha256>`), and its import into a data folder
//! where nothing has been entered yet. Export → import → export gives the same bytes.

use std::fs::File;
use std::io::Write;
use std::path::{Path, PathBuf};

use rusqlite::Connection;
use rusqlite::types::{Value, ValueRef};
use serde::{Deserialize, Serialize};

use super::{Scratch, Work, beside, copy_hashed, finish, io_reason, write_failed};
use crate::error::{CoreError, Result};
use crate::exchange::SHARED_TABLES;
use crate::store::{DATABASE_FILE, SCHEMA_VERSION, Store};

/// The layout this build writes; an export with a higher number is refused.
pub const EXPORT_FORMAT_VERSION: u32 = 1;
const FORMAT: &str = "plenary-export";

/// Tables kept on this laptop that are still the office's data, so exported too. The rest of
/// `LOCAL_TABLES` is derived (the search index) or the exchange's bookkeeping: an import is a
/// laptop that has not joined a hub.
/// `example_row` keeps example records removable after an import, `reminder_sent` keeps
/// reminders from being shown again.
pub(crate) const LOCAL_DATA_TABLES: &[&str] =
    &["setting", "person_travel", "example_row", "reminder_sent"];

/// Every exported table, in this order.
fn exported_tables() -> impl Iterator<Item = &'static str> {
    SHARED_TABLES.iter().chain(LOCAL_DATA_TABLES).copied()
}

/// `report.json` → `report-documents`, the folder of the stored files beside an export.
pub fn documents_folder_for(json: &Path) -> PathBuf {
    let stem = json
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| "plenary-export".to_owned());
    json.with_file_name(format!("{stem}-documents"))
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ExportSummary {
    pub path: String,
    pub documents_folder: String,
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub rows: u64,
    pub documents: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ImportSummary {
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub rows: u64,
    pub documents: u32,
}

/// What an export file is read into.
#[derive(Deserialize)]
struct Header {
    format: String,
    format_version: u32,
    app_version: String,
    schema_version: i64,
    /// Passed over when only the header is wanted.
    #[serde(default)]
    #[allow(dead_code)]
    tables: serde::de::IgnoredAny,
}

#[derive(Deserialize)]
struct ExportFile {
    schema_version: i64,
    tables: Vec<Table>,
}

#[derive(Deserialize)]
struct Table {
    name: String,
    columns: Vec<String>,
    rows: Vec<Vec<serde_json::Value>>,
}

fn quoted(name: &str) -> String {
    format!("\"{}\"", name.replace('"', "\"\""))
}

/// The table's columns in order and its primary key's columns (the rows' order).
fn columns(conn: &Connection, table: &str) -> Result<(Vec<String>, Vec<String>)> {
    let mut statement = conn.prepare("SELECT name, pk FROM pragma_table_info(?1) ORDER BY cid")?;
    let mut all = Vec::new();
    let mut key: Vec<(i64, String)> = Vec::new();
    for row in statement.query_map([table], |r| {
        Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)?))
    })? {
        let (name, pk) = row?;
        if pk > 0 {
            key.push((pk, name.clone()));
        }
        all.push(name);
    }
    key.sort();
    Ok((all, key.into_iter().map(|(_, name)| name).collect()))
}

fn not_an_export(file: &Path) -> CoreError {
    CoreError::Refused(format!(
        "{} is not a Plenary export. Nothing was changed. Choose the .json file a full export wrote.",
        file.display()
    ))
}

fn damaged(file: &Path, why: &str) -> CoreError {
    CoreError::Refused(format!(
        "{} cannot be imported ({why}). Nothing was changed.",
        file.display()
    ))
}

impl Store {
    /// Writes everything to `json` and the stored files to the folder beside it (both replaced
    /// when they exist). A cancelled or failed export leaves neither behind.
    pub fn export_to(&self, json: &Path, work: &Work<'_>) -> Result<ExportSummary> {
        work.check()?;
        let failed = |e| {
            if work.check().is_err() {
                CoreError::Cancelled
            } else {
                write_failed(json)(e)
            }
        };
        let partial = Scratch::new(beside(json, "partial"));
        let file = File::create(partial.path()).map_err(failed)?;
        let conn = self.connection();
        let mut out = std::io::BufWriter::new(file);
        let counts: Vec<i64> = exported_tables()
            .map(|t| {
                conn.query_row(&format!("SELECT count(*) FROM {}", quoted(t)), [], |r| {
                    r.get(0)
                })
            })
            .collect::<rusqlite::Result<_>>()?;
        let total = counts.iter().sum::<i64>().unsigned_abs();
        let header = serde_json::json!({
            "format": FORMAT,
            "format_version": EXPORT_FORMAT_VERSION,
            "app_version": env!("CARGO_PKG_VERSION"),
            "schema_version": self.schema_version()?,
        });
        let text = serde_json::to_string_pretty(&header).unwrap_or_default();
        // The header's fields, then the tables, one row to a line.
        write!(
            out,
            "{},\n  \"tables\": [",
            text.trim_end_matches("\n}").trim_end()
        )
        .map_err(failed)?;
        let mut done = 0u64;
        for (index, table) in exported_tables().enumerate() {
            let (names, key) = columns(conn, table)?;
            let list = names
                .iter()
                .map(|c| quoted(c))
                .collect::<Vec<_>>()
                .join(", ");
            let order = key.iter().map(|c| quoted(c)).collect::<Vec<_>>().join(", ");
            write!(
                out,
                "{}\n    {{\"name\": {}, \"columns\": {}, \"rows\": [",
                if index == 0 { "" } else { "," },
                serde_json::to_string(table).unwrap_or_default(),
                serde_json::to_string(&names).unwrap_or_default()
            )
            .map_err(failed)?;
            let mut statement = conn.prepare(&format!(
                "SELECT {list} FROM {} ORDER BY {}",
                quoted(table),
                if order.is_empty() {
                    "rowid".to_owned()
                } else {
                    order
                }
            ))?;
            let mut rows = statement.query([])?;
            let mut first = true;
            while let Some(row) = rows.next()? {
                let mut values = Vec::with_capacity(names.len());
                for (i, name) in names.iter().enumerate() {
                    values.push(match row.get_ref(i)? {
                        ValueRef::Null => serde_json::Value::Null,
                        ValueRef::Integer(n) => n.into(),
                        ValueRef::Real(x) => x.into(),
                        ValueRef::Text(t) => String::from_utf8_lossy(t).into_owned().into(),
                        ValueRef::Blob(_) => {
                            return Err(CoreError::Storage(format!(
                                "{table}.{name} holds binary data, which the export does not carry"
                            )));
                        }
                    });
                }
                write!(
                    out,
                    "{}\n      {}",
                    if first { "" } else { "," },
                    serde_json::to_string(&values).unwrap_or_default()
                )
                .map_err(failed)?;
                first = false;
                done += 1;
                if done.is_multiple_of(2_000) {
                    work.check()?;
                    work.report("Writing the export", done, total);
                }
            }
            write!(out, "{}]}}", if first { "" } else { "\n    " }).map_err(failed)?;
        }
        write!(out, "\n  ]\n}}\n").map_err(failed)?;
        let file = out.into_inner().map_err(|e| failed(e.into_error()))?;

        // The stored files, each under its SHA-256, in a folder beside the JSON.
        let folder = documents_folder_for(json);
        let partial_folder = Scratch::new(beside(&folder, "partial"));
        std::fs::create_dir(partial_folder.path()).map_err(failed)?;
        let hashes: Vec<String> = conn
            .prepare("SELECT DISTINCT sha256 FROM document ORDER BY sha256")?
            .query_map([], |row| row.get::<_, String>(0))?
            .collect::<rusqlite::Result<_>>()?;
        let mut documents = 0u32;
        for (index, sha256) in hashes.iter().enumerate() {
            work.check()?;
            work.report("Copying the documents", index as u64, hashes.len() as u64);
            let source = self.file_path(sha256);
            if source.is_file() {
                std::fs::copy(&source, partial_folder.path().join(sha256)).map_err(failed)?;
                documents += 1;
            }
        }
        work.check()?;
        // The old folder (an earlier export under this name) goes only once the new one is whole.
        let old = Scratch::new(beside(&folder, "old"));
        if folder.exists() {
            std::fs::rename(&folder, old.path()).map_err(failed)?;
        }
        if let Err(e) = std::fs::rename(partial_folder.path(), &folder) {
            let _ = std::fs::rename(old.path(), &folder);
            return Err(failed(e));
        }
        partial_folder.keep();
        finish(file, partial, json)?;
        drop(old);
        Ok(ExportSummary {
            path: json.display().to_string(),
            documents_folder: folder.display().to_string(),
            rows: total,
            documents,
        })
    }

    /// Whether nothing has been entered here yet: no history, no stored file, no hub joined.
    pub fn is_empty(&self) -> Result<bool> {
        let conn = self.connection();
        let entered: bool = conn.query_row(
            "SELECT EXISTS (SELECT 1 FROM history) OR EXISTS (SELECT 1 FROM document)
                 OR EXISTS (SELECT 1 FROM setting) OR EXISTS (SELECT 1 FROM exchange_link)",
            [],
            |row| row.get(0),
        )?;
        Ok(!entered)
    }

    /// Imports a full export into this data folder, which must hold nothing entered yet. The
    /// database is built aside, checked, and only then put in place: a refused, failed or
    /// cancelled import changes nothing.
    pub fn import_from(&mut self, json: &Path, work: &Work<'_>) -> Result<ImportSummary> {
        if !self.is_empty()? {
            return Err(CoreError::Refused(
                "This data folder already holds data, so nothing was imported. A full export is \
                 imported into a new, empty data folder (start Plenary with --data-dir and a new \
                 folder), or restore a backup instead."
                    .to_owned(),
            ));
        }
        let source = File::open(json).map_err(|e| {
            CoreError::Refused(format!(
                "{} could not be read ({}). Nothing was changed.",
                json.display(),
                io_reason(&e)
            ))
        })?;
        work.report("Reading the export", 0, 1);
        // What the file is, read first (a pass that keeps nothing of the tables): another kind
        // of file, or one from a newer Plenary, is refused before the records are read.
        let header: Header =
            serde_json::from_reader(std::io::BufReader::new(source)).map_err(|e| {
                if e.is_eof() && looks_like_export(json) {
                    damaged(json, "it is cut short")
                } else {
                    not_an_export(json)
                }
            })?;
        if header.format != FORMAT {
            return Err(not_an_export(json));
        }
        if header.format_version > EXPORT_FORMAT_VERSION || header.schema_version > SCHEMA_VERSION {
            return Err(super::backup::newer(
                json,
                &header.app_version,
                header.schema_version,
            ));
        }
        work.check()?;
        let source = File::open(json).map_err(|e| damaged(json, &io_reason(&e)))?;
        let export: ExportFile = serde_json::from_reader(std::io::BufReader::new(source))
            .map_err(|_| damaged(json, "it is cut short or not as Plenary writes it"))?;
        work.check()?;
        let schema = usize::try_from(export.schema_version)
            .ok()
            .filter(|v| *v > 0)
            .ok_or_else(|| damaged(json, "its schema version is not one Plenary wrote"))?;

        let data_dir = self.data_dir();
        let staging = Scratch::new(data_dir.join(format!(".importing-{}", uuid::Uuid::now_v7())));
        std::fs::create_dir(staging.path()).map_err(write_failed(&data_dir))?;
        let rows = build_database(
            &staging.path().join(DATABASE_FILE),
            &export,
            schema,
            json,
            work,
        )?;
        let documents = copy_documents(
            json,
            &staging.path().join(DATABASE_FILE),
            staging.path(),
            work,
        )?;
        drop(export);
        work.check()?;
        self.replace_data_with(staging.path())?;
        Ok(ImportSummary { rows, documents })
    }
}

fn looks_like_export(json: &Path) -> bool {
    let mut start = [0u8; 200];
    let read = File::open(json)
        .and_then(|mut f| std::io::Read::read(&mut f, &mut start))
        .unwrap_or(0);
    String::from_utf8_lossy(&start[..read]).contains(FORMAT)
}

/// Makes the database of an export: the schema of the export's version, its rows, then checks.
fn build_database(
    path: &Path,
    export: &ExportFile,
    schema: usize,
    json: &Path,
    work: &Work<'_>,
) -> Result<u64> {
    let mut conn = Connection::open(path)?;
    crate::store::register_functions(&conn)?;
    crate::store::migrations_to(&mut conn, schema)?;
    let total: u64 = export.tables.iter().map(|t| t.rows.len() as u64).sum();
    let mut done = 0u64;
    // A new database file, not yet any store's: its one transaction builds it whole.
    let tx = conn.transaction()?;
    tx.pragma_update(None, "defer_foreign_keys", "ON")?;
    let known: Vec<&str> = exported_tables().collect();
    // Rows the schema made (the bodies it seeds) give way to the export's.
    for table in &known {
        tx.execute(&format!("DELETE FROM {}", quoted(table)), [])?;
    }
    for table in &export.tables {
        if !known.contains(&table.name.as_str()) {
            return Err(damaged(
                json,
                &format!("it holds an unknown table “{}”", table.name),
            ));
        }
        let (names, _) = columns(&tx, &table.name)?;
        if let Some(unknown) = table.columns.iter().find(|c| !names.contains(c)) {
            return Err(damaged(
                json,
                &format!("{} has an unknown column “{unknown}”", table.name),
            ));
        }
        let list = table
            .columns
            .iter()
            .map(|c| quoted(c))
            .collect::<Vec<_>>()
            .join(", ");
        let marks = (1..=table.columns.len())
            .map(|i| format!("?{i}"))
            .collect::<Vec<_>>()
            .join(", ");
        let mut insert = tx.prepare(&format!(
            "INSERT INTO {} ({list}) VALUES ({marks})",
            quoted(&table.name)
        ))?;
        for row in &table.rows {
            if row.len() != table.columns.len() {
                return Err(damaged(
                    json,
                    &format!("a row of {} has the wrong number of values", table.name),
                ));
            }
            let values: Vec<Value> = row
                .iter()
                .map(|v| match v {
                    serde_json::Value::Null => Ok(Value::Null),
                    serde_json::Value::Number(n) => Ok(n
                        .as_i64()
                        .map(Value::Integer)
                        .unwrap_or_else(|| Value::Real(n.as_f64().unwrap_or_default()))),
                    serde_json::Value::String(s) => Ok(Value::Text(s.clone())),
                    serde_json::Value::Bool(b) => Ok(Value::Integer(i64::from(*b))),
                    _ => Err(damaged(
                        json,
                        &format!("a value in {} is not plain data", table.name),
                    )),
                })
                .collect::<Result<_>>()?;
            insert
                .execute(rusqlite::params_from_iter(values))
                .map_err(|_| {
                    damaged(
                        json,
                        &format!("a row of {} breaks the schema's rules", table.name),
                    )
                })?;
            done += 1;
            if done.is_multiple_of(2_000) {
                work.check()?;
                work.report("Importing the records", done, total);
            }
        }
    }
    let broken: bool = tx.query_row(
        "SELECT EXISTS (SELECT 1 FROM pragma_foreign_key_check)",
        [],
        |r| r.get(0),
    )?;
    if broken {
        return Err(damaged(
            json,
            "some records refer to records it does not hold",
        ));
    }
    work.check()?;
    tx.commit()?;
    conn.close().map_err(|(_, e)| CoreError::from(e))?;
    Ok(done)
}

/// Copies the files the imported documents name from the folder beside the export into
/// `into/documents`, checking each against its SHA-256.
fn copy_documents(json: &Path, database: &Path, into: &Path, work: &Work<'_>) -> Result<u32> {
    let conn = Connection::open_with_flags(database, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY)?;
    let hashes: Vec<String> = conn
        .prepare("SELECT DISTINCT sha256 FROM document ORDER BY sha256")?
        .query_map([], |row| row.get::<_, String>(0))?
        .collect::<rusqlite::Result<_>>()?;
    drop(conn);
    let folder = documents_folder_for(json);
    let mut copied = 0u32;
    for (index, sha256) in hashes.iter().enumerate() {
        work.check()?;
        work.report("Copying the documents", index as u64, hashes.len() as u64);
        if sha256.len() != 64 || !sha256.bytes().all(|b| b.is_ascii_hexdigit()) {
            return Err(damaged(
                json,
                "a document names a file that is not a checksum",
            ));
        }
        let source = folder.join(sha256);
        let mut from = File::open(&source).map_err(|_| {
            damaged(
                json,
                &format!(
                    "the folder {} beside it lacks a document's file {sha256}",
                    folder.display()
                ),
            )
        })?;
        let target_dir = into.join("documents").join(&sha256[..2]);
        std::fs::create_dir_all(&target_dir).map_err(write_failed(into))?;
        let mut to = File::create(target_dir.join(sha256)).map_err(write_failed(into))?;
        let (_, actual) = copy_hashed(&mut from, &mut to, work, "Copying the documents", 0, 0)
            .map_err(write_failed(into))?;
        if actual != *sha256 {
            return Err(damaged(
                json,
                &format!("the document file {sha256} was changed or damaged"),
            ));
        }
        copied += 1;
    }
    Ok(copied)
}
