//! `plenary briefing MEETING_ID FILE.pdf`, run as the built binary: its help, the book written
//! (read back with poppler's `pdftotext`), travel details only with `--travel`, and refusals
//! with a non-zero exit status and no file.

use std::path::Path;
use std::process::Command;

mod common;
use common::{plenary, text};

use plenary_core::Store;

#[path = "../../crates/plenary-core/benches/data/briefing.rs"]
mod week;

fn pdf_text(pdf: &Path) -> String {
    let output = Command::new("pdftotext")
        .args(["-enc", "UTF-8"])
        .arg(pdf)
        .arg("-")
        .output()
        .expect("pdftotext (poppler-utils) is needed");
    assert!(output.status.success());
    text(&output.stdout)
}

#[test]
fn the_briefing_book_from_the_command_line() {
    let root = tempfile::tempdir().unwrap();
    let data = root.path().join("data");
    let meeting_id = {
        let mut store = Store::open_in(&data).unwrap();
        week::ga_week(&mut store, 3, 2)
    };

    let help = plenary(&["briefing", "--help"], &data);
    assert!(help.status.success());
    assert!(
        text(&help.stdout).contains("plenary briefing MEETING_ID FILE.pdf [--travel]"),
        "{}",
        text(&help.stdout)
    );

    let pdf = root.path().join("WHA79 briefing book.pdf");
    let pdf_arg = pdf.to_str().unwrap();
    let done = plenary(&["briefing", &meeting_id, pdf_arg], &data);
    assert!(done.status.success(), "{}", text(&done.stderr));
    assert!(text(&done.stdout).starts_with("Wrote the briefing book ("));
    let book = pdf_text(&pdf);
    for expected in [
        "WHA79",
        "Zoë Müller",
        "Σωκράτης Παπαδόπουλος",
        "Иван Петров",
    ] {
        assert!(book.contains(expected), "{expected} missing");
    }
    assert!(!book.contains(week::PASSPORT));

    let travel = root.path().join("with travel.pdf");
    let done = plenary(
        &[
            "briefing",
            &meeting_id,
            travel.to_str().unwrap(),
            "--travel",
        ],
        &data,
    );
    assert!(done.status.success(), "{}", text(&done.stderr));
    assert!(pdf_text(&travel).contains(week::PASSPORT));

    // Refusals: an unknown meeting, a folder that does not exist, arguments missing.
    let nowhere = root.path().join("missing-folder").join("book.pdf");
    for (args, says) in [
        (
            vec!["briefing", "no-such-meeting", pdf_arg],
            "no longer exists",
        ),
        (
            vec!["briefing", meeting_id.as_str(), nowhere.to_str().unwrap()],
            "could not write",
        ),
        (
            vec!["briefing", meeting_id.as_str()],
            "give the meeting's id",
        ),
        (
            vec!["briefing", meeting_id.as_str(), pdf_arg, "--colour"],
            "unknown option",
        ),
    ] {
        let before = std::fs::metadata(&pdf).unwrap().modified().unwrap();
        let refused = plenary(&args, &data);
        assert_eq!(refused.status.code(), Some(1), "{args:?}");
        let message = text(&refused.stderr).to_lowercase();
        assert!(message.contains(says), "{args:?}: {message}");
        assert_eq!(std::fs::metadata(&pdf).unwrap().modified().unwrap(), before);
    }
    assert!(!nowhere.exists());
}
