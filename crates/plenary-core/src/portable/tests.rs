use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};

use super::*;
use crate::document::DocumentDraft;
use crate::meeting::tests::kigali;
use crate::store::Store;

const PDF: &[u8] = b"%PDF-1.7 A77/9 antimicrobial resistance";

/// A data folder with a meeting, a document and its stored file, a setting and travel details.
fn office(dir: &Path) -> Store {
    let mut store = Store::open_in(dir).unwrap();
    let meeting = store.create_meeting(&kigali()).unwrap();
    let file = store.store_file(PDF).unwrap();
    let draft = DocumentDraft {
        symbol: "A77/9".into(),
        title: "Antimicrobial resistance".into(),
        language: "English".into(),
        ..Default::default()
    };
    store
        .attach_document(&meeting.id, &draft, "A77_9-en.pdf", &file)
        .unwrap();
    store
        .set_setting(crate::SettingKey::HomeTimeZone, "Europe/Oslo", None)
        .unwrap();
    store
}

/// Everything the office has, as the full export writes it.
fn exported(store: &Store, dir: &Path) -> Vec<u8> {
    let json = dir.join("check.json");
    store.export_to(&json, &Work::quiet()).unwrap();
    std::fs::read(json).unwrap()
}

fn files_in(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[test]
fn a_backup_restores_the_data_as_it_was_and_keeps_what_it_replaced() {
    let data = tempfile::tempdir().unwrap();
    let out = tempfile::tempdir().unwrap();
    let mut store = office(data.path());
    let before = exported(&store, out.path());
    let file = out.path().join("monday.plenary-backup");
    let summary = store.backup_to(&file, &Work::quiet()).unwrap();
    assert_eq!(summary.documents, 1);
    assert_eq!(
        files_in(out.path()),
        ["check-documents", "check.json", "monday.plenary-backup"]
    );

    // Later changes: a second meeting; the document deleted (and its file with it).
    store.create_meeting(&kigali()).unwrap();
    let document = store.documents(&store.meetings().unwrap()[0].id).unwrap();
    for d in document {
        store.delete_document(&d.id, d.version).unwrap();
    }
    assert_ne!(exported(&store, out.path()), before);

    let kept = out.path().join("kept");
    let restored = store.restore_from(&file, &kept, &Work::quiet()).unwrap();
    assert_eq!(restored.documents, 1);
    assert_eq!(
        exported(&store, out.path()),
        before,
        "the data is as it was backed up"
    );
    let meeting = &store.meetings().unwrap()[0];
    let document = &store.documents(&meeting.id).unwrap()[0];
    assert_eq!(
        std::fs::read(store.document_file(&document.id).unwrap()).unwrap(),
        PDF
    );

    // What the restore replaced was backed up first, and restores in turn.
    let previous = Path::new(&restored.previous_data);
    assert!(previous.starts_with(&kept), "{previous:?}");
    store.restore_from(previous, &kept, &Work::quiet()).unwrap();
    assert_eq!(store.meetings().unwrap().len(), 2);
    // No scratch folders are left in the data folder.
    let names = files_in(data.path());
    assert!(
        names.iter().all(|n| n.starts_with("plenary.sqlite3")),
        "{names:?}"
    );
}

#[test]
fn a_backup_holds_the_data_as_it_was_when_its_snapshot_was_taken() {
    let data = tempfile::tempdir().unwrap();
    let out = tempfile::tempdir().unwrap();
    let mut store = office(data.path());
    let file = out.path().join("daily.plenary-backup");
    let snapshot = store.backup_snapshot(&file, &Work::quiet()).unwrap();
    assert!(
        !file.exists(),
        "nothing is written before the archive is whole"
    );

    // While the archive waits to be written, the store goes on: a meeting is added, and the
    // document deleted with its stored file.
    store.create_meeting(&kigali()).unwrap();
    let meeting = store.meetings().unwrap()[0].id.clone();
    for d in store.documents(&meeting).unwrap() {
        store.delete_document(&d.id, d.version).unwrap();
    }

    let summary = snapshot.write(&Work::quiet()).unwrap();
    assert_eq!(summary.documents, 0);
    assert_eq!(
        summary.missing_documents, 1,
        "the removed file is counted, not fatal"
    );
    let kept = out.path().join("kept");
    store.restore_from(&file, &kept, &Work::quiet()).unwrap();
    assert_eq!(
        store.meetings().unwrap().len(),
        1,
        "the later meeting is not in it"
    );
    let documents = store.documents(&meeting).unwrap();
    assert_eq!(documents.len(), 1, "the document's record is as it was");
}

#[test]
fn a_snapshot_dropped_unwritten_leaves_nothing_behind() {
    let data = tempfile::tempdir().unwrap();
    let out = tempfile::tempdir().unwrap();
    let store = office(data.path());
    let snapshot = store
        .backup_snapshot(&out.path().join("daily.plenary-backup"), &Work::quiet())
        .unwrap();
    assert_eq!(
        files_in(out.path()).len(),
        1,
        "the database copy waits beside the file"
    );
    drop(snapshot);
    assert!(files_in(out.path()).is_empty());
}

/// The data folder, byte for byte, to show that a refused restore changed nothing.
fn snapshot(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut found = Vec::new();
    let mut pending = vec![dir.to_owned()];
    while let Some(path) = pending.pop() {
        if path.is_dir() {
            pending.extend(std::fs::read_dir(&path).unwrap().map(|e| e.unwrap().path()));
        } else {
            let name = path.strip_prefix(dir).unwrap().display().to_string();
            // The write-ahead log's index changes with every read.
            if !name.ends_with("-shm") {
                found.push((name, std::fs::read(&path).unwrap()));
            }
        }
    }
    found.sort();
    found
}

fn refused(store: &mut Store, file: &Path, data: &Path) -> String {
    let before = snapshot(data);
    let kept = file.with_extension("kept");
    let error = store.restore_from(file, &kept, &Work::quiet()).unwrap_err();
    assert!(matches!(error, CoreError::Refused(_)), "{error:?}");
    assert_eq!(snapshot(data), before, "a refused restore changes nothing");
    assert!(
        !kept.exists(),
        "nothing is backed up before the file is known good"
    );
    error.to_string()
}

#[test]
fn truncated_corrupted_and_foreign_files_are_refused_and_change_nothing() {
    let data = tempfile::tempdir().unwrap();
    let out = tempfile::tempdir().unwrap();
    let mut store = office(data.path());
    let file = out.path().join("good.plenary-backup");
    store.backup_to(&file, &Work::quiet()).unwrap();
    let bytes = std::fs::read(&file).unwrap();
    store.create_meeting(&kigali()).unwrap();

    // Cut in the database, in a document, and in the manifest at the end.
    let manifest = bytes.windows(7).rposition(|w| w == b"\"files\"").unwrap();
    let document = bytes.windows(8).position(|w| w == b"%PDF-1.7").unwrap();
    for cut in [bytes.len() / 3, document + 4, manifest + 20] {
        let truncated = out.path().join(format!("cut-{cut}.plenary-backup"));
        std::fs::write(&truncated, &bytes[..cut]).unwrap();
        let message = refused(&mut store, &truncated, data.path());
        assert!(message.contains("is damaged or incomplete"), "{message}");
    }

    // One byte changed inside the database's entry: its checksum no longer matches.
    let mut corrupted = bytes.clone();
    corrupted[5_000] ^= 0x55;
    let path = out.path().join("corrupted.plenary-backup");
    std::fs::write(&path, &corrupted).unwrap();
    let message = refused(&mut store, &path, data.path());
    assert!(message.contains("does not match its checksum"), "{message}");

    let csv = out.path().join("delegation.csv");
    std::fs::write(&csv, "name,role\nA,Head\n").unwrap();
    let message = refused(&mut store, &csv, data.path());
    assert!(message.contains("is not a Plenary backup"), "{message}");
    let empty = out.path().join("empty.plenary-backup");
    std::fs::write(&empty, "").unwrap();
    assert!(refused(&mut store, &empty, data.path()).contains("is not a Plenary backup"));
    let missing = out.path().join("gone.plenary-backup");
    assert!(refused(&mut store, &missing, data.path()).contains("could not be read"));
}

/// A backup as a newer Plenary might write it: its header names a later schema.
fn from_the_future(path: &Path, schema: i64, format_version: u32) {
    let mut builder = tar::Builder::new(std::fs::File::create(path).unwrap());
    let header = serde_json::json!({
        "format": "plenary-backup", "format_version": format_version, "app_version": "9.0.0",
        "schema_version": schema, "created_at": "2031-01-01T00:00:00.000Z"
    });
    let bytes = serde_json::to_vec(&header).unwrap();
    let mut entry = tar::Header::new_gnu();
    entry.set_size(bytes.len() as u64);
    entry.set_mode(0o600);
    builder
        .append_data(&mut entry, "plenary-backup.json", &bytes[..])
        .unwrap();
    builder.finish().unwrap();
}

#[test]
fn a_backup_from_a_newer_plenary_is_refused() {
    let data = tempfile::tempdir().unwrap();
    let out = tempfile::tempdir().unwrap();
    let mut store = office(data.path());
    let newer = out.path().join("newer.plenary-backup");
    from_the_future(&newer, crate::store::SCHEMA_VERSION + 1, 1);
    let message = refused(&mut store, &newer, data.path());
    assert!(
        message.contains("was made by a newer Plenary (9.0.0"),
        "{message}"
    );
    assert!(message.contains("Update Plenary"), "{message}");
    from_the_future(
        &newer,
        crate::store::SCHEMA_VERSION,
        BACKUP_FORMAT_VERSION + 1,
    );
    assert!(refused(&mut store, &newer, data.path()).contains("newer Plenary"));
}

#[test]
fn cancelled_work_leaves_nothing_behind() {
    let data = tempfile::tempdir().unwrap();
    let out = tempfile::tempdir().unwrap();
    let mut store = office(data.path());
    let cancel = AtomicBool::new(false);
    let steps = std::sync::Mutex::new(Vec::new());
    let report = |p: &Progress| {
        steps.lock().unwrap().push(p.step.clone());
        if p.step == "Writing the backup" {
            cancel.store(true, Ordering::Relaxed);
        }
    };
    let work = Work::new(&cancel, &report);
    let file = out.path().join("stopped.plenary-backup");
    assert_eq!(
        store.backup_to(&file, &work).unwrap_err(),
        CoreError::Cancelled
    );
    assert!(
        files_in(out.path()).is_empty(),
        "{:?}",
        files_in(out.path())
    );
    assert!(
        steps
            .lock()
            .unwrap()
            .contains(&"Copying the database".to_owned())
    );

    // A cancelled restore: the data folder is as it was.
    let good = out.path().join("good.plenary-backup");
    store.backup_to(&good, &Work::quiet()).unwrap();
    store.create_meeting(&kigali()).unwrap();
    let before = snapshot(data.path());
    let cancel = AtomicBool::new(false);
    let report = |p: &Progress| {
        if p.step == "Checking the backup" {
            cancel.store(true, Ordering::Relaxed);
        }
    };
    let kept = out.path().join("kept");
    let error = store
        .restore_from(&good, &kept, &Work::new(&cancel, &report))
        .unwrap_err();
    assert_eq!(error, CoreError::Cancelled);
    assert_eq!(snapshot(data.path()), before);
    assert_eq!(store.meetings().unwrap().len(), 2);
}

/// A folder no one may write to: read-only by its mode, or, where the tests run as root (whom
/// modes do not stop), a folder of the kernel's where no file can be made.
fn unwritable(dir: &Path) -> std::path::PathBuf {
    use std::os::unix::fs::PermissionsExt;
    let folder = dir.join("read-only");
    std::fs::create_dir(&folder).unwrap();
    std::fs::set_permissions(&folder, std::fs::Permissions::from_mode(0o555)).unwrap();
    if std::fs::write(folder.join("probe"), b"").is_ok() {
        return std::path::PathBuf::from("/proc/self");
    }
    folder
}

#[cfg(target_os = "linux")]
#[test]
fn a_read_only_folder_is_refused_clearly() {
    let data = tempfile::tempdir().unwrap();
    let out = tempfile::tempdir().unwrap();
    let store = office(data.path());
    let folder = unwritable(out.path());
    let file = folder.join("plenary.plenary-backup");
    let error = store.backup_to(&file, &Work::quiet()).unwrap_err();
    let message = error.to_string();
    assert!(message.starts_with("Plenary could not write"), "{message}");
    assert!(message.contains("Nothing was changed"), "{message}");
    let error = store
        .export_to(&folder.join("all.json"), &Work::quiet())
        .unwrap_err();
    assert!(
        error.to_string().starts_with("Plenary could not write"),
        "{error}"
    );
}

#[test]
fn export_import_export_gives_the_same_bytes() {
    let data = tempfile::tempdir().unwrap();
    let out = tempfile::tempdir().unwrap();
    let store = office(data.path());
    let json = out.path().join("office.json");
    let summary = store.export_to(&json, &Work::quiet()).unwrap();
    assert_eq!(summary.documents, 1);
    let first = std::fs::read(&json).unwrap();
    let parsed: serde_json::Value = serde_json::from_slice(&first).unwrap();
    assert_eq!(parsed["format"], "plenary-export");
    assert_eq!(parsed["schema_version"], crate::store::SCHEMA_VERSION);

    let fresh = tempfile::tempdir().unwrap();
    let mut imported = Store::open_in(fresh.path()).unwrap();
    let done = imported.import_from(&json, &Work::quiet()).unwrap();
    assert_eq!(done.documents, 1);
    assert_eq!(done.rows, summary.rows);
    let again = out.path().join("again.json");
    imported.export_to(&again, &Work::quiet()).unwrap();
    assert_eq!(
        std::fs::read(&again).unwrap(),
        first,
        "the round trip is exact"
    );
    let meeting = &imported.meetings().unwrap()[0];
    let document = &imported.documents(&meeting.id).unwrap()[0];
    assert_eq!(
        std::fs::read(imported.document_file(&document.id).unwrap()).unwrap(),
        PDF
    );
    assert_eq!(
        imported.search("kigali", 10).unwrap().len(),
        store.search("kigali", 10).unwrap().len()
    );
    assert_eq!(imported.history("meeting", &meeting.id).unwrap().len(), 1);

    // A second import into the folder that now holds data is refused.
    let before = snapshot(fresh.path());
    let error = imported.import_from(&json, &Work::quiet()).unwrap_err();
    assert!(error.to_string().contains("already holds data"), "{error}");
    assert_eq!(snapshot(fresh.path()), before);
}

#[test]
fn bad_exports_are_refused_and_change_nothing() {
    let data = tempfile::tempdir().unwrap();
    let out = tempfile::tempdir().unwrap();
    let json = out.path().join("office.json");
    office(data.path())
        .export_to(&json, &Work::quiet())
        .unwrap();
    let text = std::fs::read_to_string(&json).unwrap();

    let fresh = tempfile::tempdir().unwrap();
    let mut store = Store::open_in(fresh.path()).unwrap();
    let mut attempt = |name: &str, bytes: &[u8]| {
        let path = out.path().join(name);
        std::fs::write(&path, bytes).unwrap();
        let before = snapshot(fresh.path());
        let error = store.import_from(&path, &Work::quiet()).unwrap_err();
        assert_eq!(snapshot(fresh.path()), before, "{name}");
        assert!(store.is_empty().unwrap());
        error.to_string()
    };
    let schema = format!("\"schema_version\": {}", crate::store::SCHEMA_VERSION);
    let newer = text.replace(&schema, "\"schema_version\": 999");
    assert!(attempt("newer.json", newer.as_bytes()).contains("was made by a newer Plenary"));
    assert!(attempt("cut.json", &text.as_bytes()[..text.len() / 2]).contains("cannot be imported"));
    assert!(attempt("sheet.json", b"[1, 2, 3]").contains("is not a Plenary export"));
    assert!(attempt("photo.json", b"\x89PNG\r\n").contains("is not a Plenary export"));
    let other = text.replace("\"plenary-export\"", "\"someone-else\"");
    assert!(attempt("other.json", other.as_bytes()).contains("is not a Plenary export"));
    // The documents' folder is missing: the export is incomplete.
    let lonely = out.path().join("lonely.json");
    std::fs::write(&lonely, &text).unwrap();
    let error = store.import_from(&lonely, &Work::quiet()).unwrap_err();
    assert!(
        error.to_string().contains("lacks a document's file"),
        "{error}"
    );
    assert!(store.is_empty().unwrap());
}

#[test]
fn old_automatic_backups_are_pruned_and_others_kept() {
    let dir = tempfile::tempdir().unwrap();
    for day in 1..=5 {
        std::fs::write(
            dir.path().join(format!(
                "plenary-daily-2026-11-0{day}-080000.plenary-backup"
            )),
            "",
        )
        .unwrap();
    }
    std::fs::write(
        dir.path()
            .join("plenary-before-restore-2026-11-01-090000.plenary-backup"),
        "",
    )
    .unwrap();
    std::fs::write(dir.path().join("notes.txt"), "").unwrap();
    assert_eq!(prune_backups(dir.path(), "daily", 3).unwrap(), 2);
    assert_eq!(
        files_in(dir.path()),
        [
            "notes.txt",
            "plenary-before-restore-2026-11-01-090000.plenary-backup",
            "plenary-daily-2026-11-03-080000.plenary-backup",
            "plenary-daily-2026-11-04-080000.plenary-backup",
            "plenary-daily-2026-11-05-080000.plenary-backup",
        ]
    );
    let at = jiff::civil::date(2026, 11, 30).at(9, 5, 7, 0);
    assert_eq!(
        backup_file_name("daily", at),
        "plenary-daily-2026-11-30-090507.plenary-backup"
    );
}

/// A table kept on this laptop is exported unless it is derived (the search index) or the
/// exchange's bookkeeping: a new local table must be placed on one side or the other.
#[test]
fn every_local_table_is_exported_or_derived() {
    for table in crate::exchange::LOCAL_TABLES {
        assert!(
            export::LOCAL_DATA_TABLES.contains(table)
                || *table == "search_key"
                || table.starts_with("exchange_"),
            "{table}: export it (LOCAL_DATA_TABLES) or say why not"
        );
    }
}

#[test]
fn a_restore_changes_the_revision_a_window_keeps_its_lists_by() {
    let data = tempfile::tempdir().unwrap();
    let out = tempfile::tempdir().unwrap();
    let file = out.path().join("monday.plenary-backup");
    office(data.path())
        .backup_to(&file, &Work::quiet())
        .unwrap();
    // Just opened, as the restore will open it: the database's own counters start again.
    let mut store = Store::open_in(data.path()).unwrap();
    let before = store.revision().unwrap();
    store
        .restore_from(&file, &out.path().join("kept"), &Work::quiet())
        .unwrap();
    assert_ne!(store.revision().unwrap(), before);
}
