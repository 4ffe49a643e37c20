//! The briefing book: what is gathered, and the PDF read back by poppler's `pdftotext`,
//! `pdfinfo` and `pdftoppm` (installed by `cargo xtask` setup as `poppler-utils`).

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::atomic::{AtomicBool, Ordering};

use crate::Store;
use crate::briefing::{self, BriefingFonts, BriefingRequest};
use crate::error::CoreError;
use crate::portable::Work;

#[path = "../../../benches/data/briefing.rs"]
mod week;
use week::{NAMES, PASSPORT, ga_week};

fn fonts() -> BriefingFonts {
    BriefingFonts::load(&Path::new(env!("CARGO_MANIFEST_DIR")).join("fonts")).unwrap()
}

fn fresh() -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open_in(&dir.path().join("data")).unwrap();
    (dir, store)
}

fn poppler(tool: &str, args: &[&str]) -> String {
    let output = Command::new(tool)
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("{tool} (poppler-utils) is needed: {e}"));
    assert!(
        output.status.success(),
        "{tool}: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).unwrap()
}

/// The PDF's text, page by page (pdftotext separates pages with a form feed).
fn pages(pdf: &Path) -> Vec<String> {
    let text = poppler("pdftotext", &["-enc", "UTF-8", pdf.to_str().unwrap(), "-"]);
    let mut pages: Vec<String> = text.split('\u{c}').map(str::to_owned).collect();
    if pages.last().is_some_and(|p| p.trim().is_empty()) {
        pages.pop();
    }
    pages
}

fn write(store: &Store, meeting_id: &str, travel: bool, path: &Path) -> briefing::BriefingWritten {
    briefing::write(
        store,
        &BriefingRequest {
            meeting_id: meeting_id.to_owned(),
            include_travel: travel,
        },
        &fonts(),
        path,
        &Work::quiet(),
    )
    .unwrap()
}

#[test]
fn gathers_the_meeting_and_reads_travel_only_when_asked() {
    let (_dir, mut store) = fresh();
    let id = ga_week(&mut store, 7, 6);
    let book = store.briefing_book(&id, false).unwrap();
    assert_eq!(book.meeting.fields.title, "WHA79");
    assert_eq!(book.body, "World Health Assembly");
    assert_eq!(book.home_time_zone.as_deref(), Some("America/New_York"));
    assert_eq!(book.delegation.len(), 7);
    assert_eq!(book.delegation[0].role, "Head of delegation");
    assert!(book.delegation.iter().all(|d| d.travel.is_none()));
    let names: Vec<&str> = book.delegation.iter().map(|d| d.name.as_str()).collect();
    for name in NAMES {
        assert!(names.contains(&name), "{name} in {names:?}");
    }
    assert_eq!(book.agenda.len(), 6);
    let first = &book.agenda[0];
    assert_eq!((first.number.as_str(), first.positions.len()), ("11.1", 1));
    let p = &first.positions[0];
    assert_eq!(p.stance, "Support with amendments");
    assert_eq!(p.mandate, "May speak and vote");
    assert_eq!(p.own_policies, vec!["H-295.988".to_owned()]);
    assert!(p.document.ends_with("(WHA79.1)"), "{}", p.document);
    assert_eq!(book.statements.len(), 2);
    assert_eq!(book.statements[0].word_budget, 330);
    assert_eq!(book.documents.len(), 6);
    assert_eq!(book.schedule.len(), 5);
    // 10:00 in Geneva (summer time) is 04:00 in New York.
    assert_eq!(book.schedule[0].venue_time, "10:00–12:30");
    assert_eq!(book.schedule[0].home_time, "04:00–06:30 (America/New_York)");
    assert_eq!(book.country_notes.len(), 1);
    assert_eq!(book.action_items.len(), 1, "only the open one");

    let with = store.briefing_book(&id, true).unwrap();
    let travel = with.delegation[0].travel.as_ref().unwrap();
    assert_eq!(travel.passport_number, PASSPORT);
    assert_eq!(travel.hotel, "Hotel Example Cornavin");
    assert_eq!(travel.arrival, "2026-05-17");
}

#[test]
fn an_unknown_meeting_is_refused_and_writes_nothing() {
    let (dir, store) = fresh();
    let path = dir.path().join("none.pdf");
    let result = briefing::write(
        &store,
        &BriefingRequest {
            meeting_id: "no-such-meeting".into(),
            include_travel: false,
        },
        &fonts(),
        &path,
        &Work::quiet(),
    );
    assert!(
        matches!(result, Err(CoreError::NotFound { .. })),
        "{result:?}"
    );
    assert!(!path.exists());
}

#[test]
fn missing_fonts_are_refused_by_name() {
    let dir = tempfile::tempdir().unwrap();
    let error = BriefingFonts::load(dir.path()).unwrap_err();
    assert!(
        error.to_string().contains("NotoSans-Regular.ttf"),
        "{error}"
    );
}

#[test]
fn the_pdf_reads_back_section_by_section_in_every_script() {
    let (dir, mut store) = fresh();
    let id = ga_week(&mut store, 7, 6);
    let pdf = dir.path().join("WHA79 briefing book.pdf");
    let written = write(&store, &id, false, &pdf);
    assert!(pdf.exists());
    assert_eq!(written.bytes, std::fs::metadata(&pdf).unwrap().len());
    let info = poppler("pdfinfo", &[pdf.to_str().unwrap()]);
    let field = |name: &str| {
        info.lines()
            .find_map(|l| l.strip_prefix(name).map(|v| v.trim().to_owned()))
            .unwrap_or_default()
    };
    assert_eq!(field("Pages:"), written.pages.to_string(), "{info}");
    assert_eq!(field("Title:"), "WHA79 — Briefing book", "{info}");

    let pages = pages(&pdf);
    assert_eq!(pages.len() as u32, written.pages);
    let all = pages.join("\n");

    // The cover.
    for expected in [
        "Briefing book",
        "WHA79",
        "World Health Assembly",
        "2026-05-18 to 2026-05-26",
        "Geneva, Switzerland",
        "Palais des Nations",
        "Europe/Zurich",
        "America/New_York",
        "Travel details are not included.",
    ] {
        assert!(
            pages[0].contains(expected),
            "cover lacks {expected}:\n{}",
            pages[0]
        );
    }
    // The contents page lists each section with the page it starts on, and that page has it
    // (read with the layout kept, so each title and its number share a line).
    let contents = &poppler(
        "pdftotext",
        &[
            "-layout",
            "-f",
            "2",
            "-l",
            "2",
            "-enc",
            "UTF-8",
            pdf.to_str().unwrap(),
            "-",
        ],
    );
    assert!(contents.contains("Contents"));
    for section in [
        "Delegation",
        "Schedule",
        "Agenda and positions",
        "Statements",
        "Policy documents",
        "Host country: Switzerland",
        "Open action items",
    ] {
        let line = contents
            .lines()
            .find(|l| l.trim_start().starts_with(section))
            .unwrap_or_else(|| panic!("{section} not in the contents:\n{contents}"));
        let number: usize = line
            .rsplit(' ')
            .next()
            .and_then(|n| n.trim().parse().ok())
            .unwrap_or_else(|| panic!("no page number on {line:?}"));
        assert!(
            pages[number - 1].trim_start().starts_with(section),
            "{section} should start page {number}:\n{}",
            pages[number - 1]
        );
    }
    // Every page after the cover is numbered.
    for (i, page) in pages.iter().enumerate().skip(1) {
        let expected = format!("Page {} of {}", i + 1, pages.len());
        assert!(page.contains(&expected), "page {} lacks {expected}", i + 1);
    }
    // Names in every script, as typed (pdftotext writes right-to-left text in logical order).
    for name in NAMES {
        assert!(all.contains(name), "{name} missing from the text");
    }
    // The position, the statements with their budgets, the documents, notes and actions.
    for expected in [
        "11.1 Universal health coverage",
        "Support with amendments",
        "Red lines: No weakening of the health workforce commitments.",
        "Fallback: Accept the chair's text with the footnote.",
        "Mandate: May speak and vote",
        "Own policies: H-295.988",
        "Statement on item 11.1",
        "Word budget: 60 of 330 words (3 minutes)",
        "WHA79.1",
        "Resolution on health topic 0",
        "The cantons license physicians",
        "Book the delegation's briefing room",
        "10:00–12:30",
        "04:00–06:30",
        "(America/New_York)",
    ] {
        assert!(all.contains(expected), "{expected} missing");
    }
    assert!(!all.contains("Send the credentials letter"), "a done item");
    // No travel details without the tick.
    for hidden in [PASSPORT, "Hotel Example Cornavin", "Vegetarian", "Passport"] {
        assert!(!all.contains(hidden), "{hidden} printed without the tick");
    }
}

#[test]
fn travel_details_are_printed_when_ticked() {
    let (dir, mut store) = fresh();
    let id = ga_week(&mut store, 3, 2);
    let pdf = dir.path().join("travel.pdf");
    write(&store, &id, true, &pdf);
    let all = pages(&pdf).join("\n");
    for expected in [
        "Contains travel details",
        "Travel details",
        &format!("Passport: {PASSPORT}"),
        "Hotel: Hotel Example Cornavin",
        "Dietary needs: Vegetarian",
        "Arrival: 2026-05-17",
    ] {
        assert!(all.contains(expected), "{expected} missing");
    }
}

/// The outline (bookmarks) as pdfinfo does not show it: read from the file's objects.
#[test]
fn the_outline_names_each_section_and_agenda_item() {
    let (dir, mut store) = fresh();
    let id = ga_week(&mut store, 2, 3);
    let pdf = dir.path().join("outline.pdf");
    write(&store, &id, false, &pdf);
    let titles = outline_titles(&pdf);
    for expected in [
        "Contents",
        "Delegation",
        "Schedule",
        "Agenda and positions",
        "11.1 Universal health coverage",
        "11.2 Agenda item about health topic 1",
        "Statements",
        "Policy documents",
        "Host country: Switzerland",
        "Open action items",
    ] {
        assert!(
            titles.iter().any(|t| t == expected),
            "{expected} not in {titles:?}"
        );
    }
}

/// The `/Title` strings of the outline items (krilla writes them as UTF-16 hex or literal
/// strings in uncompressed objects).
fn outline_titles(pdf: &Path) -> Vec<String> {
    let bytes = std::fs::read(pdf).unwrap();
    let text = String::from_utf8_lossy(&bytes);
    let mut titles = Vec::new();
    for part in text.split("/Title").skip(1) {
        let part = part.trim_start();
        if let Some(hex) = part.strip_prefix('<') {
            let hex: String = hex.chars().take_while(|c| *c != '>').collect();
            let units: Vec<u16> = (0..hex.len() / 4)
                .map(|i| u16::from_str_radix(&hex[i * 4..i * 4 + 4], 16).unwrap_or(0))
                .collect();
            let decoded = String::from_utf16_lossy(&units);
            titles.push(decoded.trim_start_matches('\u{feff}').to_owned());
        } else if let Some(literal) = part.strip_prefix('(') {
            let mut s = String::new();
            let mut escaped = false;
            for c in literal.chars() {
                match (escaped, c) {
                    (false, '\\') => escaped = true,
                    (false, ')') => break,
                    (_, c) => {
                        s.push(c);
                        escaped = false;
                    }
                }
            }
            titles.push(s.trim_start_matches('\u{feff}').to_owned());
        }
    }
    titles
}

#[test]
fn a_cancelled_book_leaves_no_file() {
    let (dir, mut store) = fresh();
    let id = ga_week(&mut store, 3, 10);
    let pdf = dir.path().join("cancelled.pdf");
    let cancel = AtomicBool::new(false);
    let seen = std::sync::Mutex::new(Vec::new());
    let report = |p: &crate::portable::Progress| {
        seen.lock().unwrap().push(p.clone());
        if p.step == "Writing the pages" && p.done == 2 {
            cancel.store(true, Ordering::Relaxed);
        }
    };
    let result = briefing::write(
        &store,
        &BriefingRequest {
            meeting_id: id,
            include_travel: false,
        },
        &fonts(),
        &pdf,
        &Work::new(&cancel, &report),
    );
    assert!(matches!(result, Err(CoreError::Cancelled)), "{result:?}");
    assert!(!pdf.exists());
    let leftovers: Vec<PathBuf> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_file())
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
    let seen = seen.lock().unwrap();
    assert!(
        seen.iter()
            .any(|p| p.step == "Writing the pages" && p.total > 2)
    );
}

/// Renders the first pages as images for a person to look at:
/// `PLENARY_BRIEFING_PNG=/tmp/book cargo test -p plenary-core briefing_pages_as_images`.
#[test]
fn briefing_pages_as_images() {
    let (dir, mut store) = fresh();
    let id = ga_week(&mut store, 7, 6);
    let pdf = dir.path().join("look.pdf");
    write(&store, &id, true, &pdf);
    let out = std::env::var("PLENARY_BRIEFING_PNG")
        .map(PathBuf::from)
        .unwrap_or_else(|_| dir.path().join("page"));
    if let Some(parent) = out.parent() {
        std::fs::create_dir_all(parent).unwrap();
    }
    std::fs::copy(&pdf, format!("{}.pdf", out.display())).unwrap();
    poppler(
        "pdftoppm",
        &[
            "-png",
            "-r",
            "60",
            pdf.to_str().unwrap(),
            out.to_str().unwrap(),
        ],
    );
    let first = PathBuf::from(format!("{}-01.png", out.display()));
    assert!(first.exists(), "{first:?}");
}
