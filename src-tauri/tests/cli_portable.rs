//! `plenary backup | restore | export | import` (a full export or a spreadsheet), run as the
//! built binary: what a person or a script sees, the exit status, and that a refusal changes
//! nothing.

use std::path::Path;

mod common;
use common::{plenary, text};

use plenary_core::Store;

/// A data folder with one meeting and one stored document file.
fn office(dir: &Path) {
    let mut store = Store::open_in(dir).unwrap();
    let draft: plenary_core::MeetingDraft = serde_json::from_value(serde_json::json!({
        "body_id": "wma_general_assembly", "parent_id": "", "ordinal": "74",
        "title": "74th WMA General Assembly", "city": "Kigali", "country": "Rwanda",
        "venue": "Kigali Convention Centre", "start_date": "2023-10-04", "end_date": "2023-10-07",
        "time_zone": "Africa/Kigali", "format": "in_person", "status": "planned",
        "registration_deadline": "", "notes": ""
    }))
    .unwrap();
    let meeting = store.create_meeting(&draft).unwrap();
    let file = store.store_file(b"%PDF-1.7 statement").unwrap();
    let document: plenary_core::document::DocumentDraft = serde_json::from_value(
        serde_json::json!({ "symbol": "A77/9", "title": "AMR", "language": "English",
            "source_url": "", "retrieved_on": "", "agenda_item_id": "" }),
    )
    .unwrap();
    store
        .attach_document(&meeting.id, &document, "statement.pdf", &file)
        .unwrap();
}

#[test]
fn backup_restore_export_and_import_from_the_command_line() {
    let root = tempfile::tempdir().unwrap();
    let data = root.path().join("data");
    office(&data);

    let help = plenary(&["backup", "--help"], &data);
    assert!(help.status.success());
    for usage in [
        "plenary backup FILE",
        "plenary restore FILE",
        "plenary export FILE.json",
        "plenary import FILE",
    ] {
        assert!(text(&help.stdout).contains(usage), "{}", text(&help.stdout));
    }

    let backup = root.path().join("office.plenary-backup");
    let out = plenary(&["backup", backup.to_str().unwrap()], &data);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(
        text(&out.stdout).starts_with("Backed up to"),
        "{}",
        text(&out.stdout)
    );
    assert!(
        text(&out.stderr).contains("Writing the backup: 100%"),
        "{}",
        text(&out.stderr)
    );

    let json = root.path().join("office.json");
    let out = plenary(&["export", json.to_str().unwrap()], &data);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(root.path().join("office-documents").is_dir());

    // Into a new folder, then out again: the same bytes.
    let fresh = root.path().join("fresh");
    let out = plenary(&["import", json.to_str().unwrap()], &fresh);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(
        text(&out.stdout).contains("1 document file"),
        "{}",
        text(&out.stdout)
    );
    let again = root.path().join("again.json");
    assert!(
        plenary(&["export", again.to_str().unwrap()], &fresh)
            .status
            .success()
    );
    assert_eq!(
        std::fs::read(&again).unwrap(),
        std::fs::read(&json).unwrap()
    );

    // A second import into that folder is refused with the window's message.
    let out = plenary(&["import", json.to_str().unwrap()], &fresh);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out.stderr).contains("already holds data"),
        "{}",
        text(&out.stderr)
    );
    let out = plenary(
        &["import", json.to_str().unwrap(), "--kind", "people"],
        &fresh,
    );
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stderr).contains("cannot import --kind people"));

    // A truncated backup is refused and the data folder keeps its data.
    let bytes = std::fs::read(&backup).unwrap();
    let cut = root.path().join("cut.plenary-backup");
    std::fs::write(&cut, &bytes[..bytes.len() / 2]).unwrap();
    let out = plenary(&["restore", cut.to_str().unwrap()], &data);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out.stderr).contains("is damaged or incomplete"),
        "{}",
        text(&out.stderr)
    );
    assert!(
        !data.join("backups").exists(),
        "nothing was backed up before the refusal"
    );

    let out = plenary(&["restore", backup.to_str().unwrap()], &data);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(text(&out.stdout).contains("The data as it was is kept in"));
    assert_eq!(std::fs::read_dir(data.join("backups")).unwrap().count(), 1);
    let store = Store::open_in(&data).unwrap();
    assert_eq!(store.meetings().unwrap().len(), 1);

    let out = plenary(&["restore"], &data);
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stderr).contains("give the file"));
}

/// The end-to-end tests' dialog seam is compiled only with the `test-seams` feature: without it
/// the binary does not even hold the variable's name.
#[test]
fn the_dialog_seam_exists_only_in_test_builds() {
    let binary = std::fs::read(env!("CARGO_BIN_EXE_plenary")).unwrap();
    let name = b"PLENARY_TEST_DIALOG_ANSWER";
    let present = binary.windows(name.len()).any(|w| w == name);
    assert_eq!(present, cfg!(feature = "test-seams"));
}

/// The names of the people in the data folder.
fn people(dir: &Path) -> Vec<String> {
    Store::open_in(dir)
        .unwrap()
        .people()
        .unwrap()
        .into_iter()
        .map(|p| p.person.fields.full_name)
        .collect()
}

#[test]
fn spreadsheets_are_previewed_refused_and_imported_from_the_command_line() {
    let root = tempfile::tempdir().unwrap();
    let data = root.path().join("data");
    Store::open_in(&data).unwrap();

    let help = plenary(&["import", "--help"], &data);
    assert!(help.status.success());
    assert!(text(&help.stdout).contains("--kind people|organizations|meetings|policy"));
    assert!(text(&help.stdout).contains("--dry-run"));

    let bad = root.path().join("bad.csv");
    std::fs::write(
        &bad,
        "Name,Kind,Email\r\nAmina Ngũgĩ,Representative,amina@kma.example\r\nBad Mail,Staff,not-an-address\r\n",
    )
    .unwrap();
    let out = plenary(
        &[
            "import",
            bad.to_str().unwrap(),
            "--kind",
            "people",
            "--dry-run",
        ],
        &data,
    );
    assert_eq!(out.status.code(), Some(1), "{}", text(&out.stderr));
    let shown = text(&out.stdout);
    assert!(
        shown.contains("row 2: Representative | Amina Ngũgĩ | amina@kma.example"),
        "{shown}"
    );
    assert!(
        shown.contains("row 3: Staff | Bad Mail | not-an-address"),
        "{shown}"
    );
    assert!(
        shown.contains("  problem in Email: This is not an email address"),
        "{shown}"
    );
    assert!(
        text(&out.stderr).contains("row 3, Email: This is not an email address"),
        "{}",
        text(&out.stderr)
    );
    let out = plenary(
        &["import", bad.to_str().unwrap(), "--kind", "people"],
        &data,
    );
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stderr).contains("Nothing was imported."));
    assert!(people(&data).is_empty());

    // A spreadsheet without --kind, or a kind Plenary does not know: refused, with the choices.
    let out = plenary(&["import", bad.to_str().unwrap()], &data);
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stderr).contains("--kind people, organizations, meetings or policy"));
    let out = plenary(&["import", bad.to_str().unwrap(), "--kind", "votes"], &data);
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stderr).contains("cannot import --kind votes"));

    let good = root.path().join("good.csv");
    std::fs::write(
        &good,
        "Name,Kind,Email\r\nAmina Ngũgĩ,Representative,amina@kma.example\r\nJonas Berg,Staff,\r\n",
    )
    .unwrap();
    let out = plenary(
        &[
            "import",
            good.to_str().unwrap(),
            "--kind",
            "people",
            "--dry-run",
        ],
        &data,
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(text(&out.stdout).contains("importing would add 2 people"));
    assert!(people(&data).is_empty(), "a dry run changes nothing");

    let out = plenary(
        &["import", good.to_str().unwrap(), "--kind", "people"],
        &data,
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(text(&out.stdout).contains("Added 2 people."));
    assert_eq!(people(&data), ["Amina Ngũgĩ", "Jonas Berg"]);

    let out = plenary(
        &["import", good.to_str().unwrap(), "--kind", "people"],
        &data,
    );
    assert!(out.status.success());
    assert!(text(&out.stdout).contains("Added 0 people; 2 already in Plenary were skipped."));

    // An empty .xlsx that is not a workbook: the window's message, exit 1.
    let fake = root.path().join("fake.xlsx");
    std::fs::write(&fake, "Name,Kind\r\n").unwrap();
    let out = plenary(
        &["import", fake.to_str().unwrap(), "--kind", "people"],
        &data,
    );
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stderr).contains("not an Excel workbook"));
}
