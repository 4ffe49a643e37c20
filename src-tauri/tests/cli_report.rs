//! `plenary report MEETING_ID FILE.docx`, run as the built binary: the file it writes, its help,
//! and refusals with a message and a non-zero exit status that write nothing.

use std::io::Read;
use std::path::Path;

mod common;
use common::{plenary, text};

use plenary_core::Store;

/// A data folder with the 74th WMA General Assembly (October 2023) and its outcome on 4.1, and
/// a meeting far in the future. Returns their ids.
fn office(dir: &Path) -> (String, String) {
    let mut store = Store::open_in(dir).unwrap();
    let meeting = |title: &str, start: &str, end: &str| -> plenary_core::MeetingDraft {
        serde_json::from_value(serde_json::json!({
            "body_id": "wma_general_assembly", "parent_id": "", "ordinal": "",
            "title": title, "city": "Kigali", "country": "Rwanda",
            "venue": "Kigali Convention Centre", "start_date": start, "end_date": end,
            "time_zone": "Africa/Kigali", "format": "in_person", "status": "planned",
            "registration_deadline": "", "notes": ""
        }))
        .unwrap()
    };
    let past = store
        .create_meeting(&meeting(
            "74th WMA General Assembly",
            "2023-10-04",
            "2023-10-07",
        ))
        .unwrap();
    let item = store
        .create_agenda_item(
            &past.id,
            &serde_json::from_value(serde_json::json!({
                "number": "4.1", "title": "Declaration of Helsinki", "forum_body_id": "",
                "priority": "high", "notes": ""
            }))
            .unwrap(),
        )
        .unwrap();
    store
        .create_record(
            &past.id,
            &serde_json::from_value(serde_json::json!({
                "agenda_item_id": item.id, "kind": "outcome", "author": "Dr Ngũgĩ",
                "title": "Revised Declaration adopted", "body": "Adopted unanimously.",
                "votes_in_favour": "", "votes_against": "", "abstentions": "",
                "vote_result": "adopted", "for_report": false
            }))
            .unwrap(),
        )
        .unwrap();
    let future = store
        .create_meeting(&meeting(
            "99th WMA General Assembly",
            "2099-10-04",
            "2099-10-07",
        ))
        .unwrap();
    (past.id, future.id)
}

fn document_xml(file: &Path) -> String {
    let mut archive = zip::ZipArchive::new(std::fs::File::open(file).unwrap()).unwrap();
    let mut xml = String::new();
    archive
        .by_name("word/document.xml")
        .unwrap()
        .read_to_string(&mut xml)
        .unwrap();
    xml
}

#[test]
fn report_writes_the_word_file_or_refuses_and_writes_nothing() {
    let root = tempfile::tempdir().unwrap();
    let data = root.path().join("data");
    let (past, future) = office(&data);

    let help = plenary(&["report", "--help"], &data);
    assert!(help.status.success());
    assert!(
        text(&help.stdout).contains("plenary report MEETING_ID FILE.docx [--data-dir DIR]"),
        "{}",
        text(&help.stdout)
    );

    let file = root
        .path()
        .join("74th WMA General Assembly delegate report.docx");
    let path = file.to_str().unwrap();
    let done = plenary(&["report", &past, path], &data);
    assert!(done.status.success(), "{}", text(&done.stderr));
    assert_eq!(
        text(&done.stdout).trim(),
        format!("Wrote the delegate's report of 74th WMA General Assembly to {path}.")
    );
    let xml = document_xml(&file);
    for needle in [
        "Delegate&apos;s report: 74th WMA General Assembly",
        "4.1 Declaration of Helsinki",
        "Revised Declaration adopted",
        "Adopted unanimously.",
        "[To complete: summary of the debate",
    ] {
        assert!(xml.contains(needle), "{needle} is not in the document");
    }
    std::fs::remove_file(&file).unwrap();

    let refusals: [(Vec<&str>, &str); 4] = [
        (
            vec!["report", &future, path],
            "plenary: 99th WMA General Assembly begins on 4 Oct 2099; its report can be drafted \
             once it has begun.",
        ),
        (
            vec!["report", "no-such-meeting", path],
            "plenary: there is no meeting with the id \"no-such-meeting\" in this data folder.",
        ),
        (
            vec!["report", &past, "report.pdf"],
            "plenary: The report is a Word document: give it a name ending in .docx",
        ),
        (
            vec!["report", &past],
            "plenary: give the meeting's id and the Word file to write",
        ),
    ];
    for (args, message) in refusals {
        let refused = plenary(&args, &data);
        assert_eq!(refused.status.code(), Some(1), "{args:?}");
        assert!(
            text(&refused.stderr).starts_with(message),
            "{args:?}: {}",
            text(&refused.stderr)
        );
        assert!(!file.exists() && !Path::new("report.pdf").exists());
    }
    let left: Vec<_> = std::fs::read_dir(root.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(left, [std::ffi::OsString::from("data")]);
}
