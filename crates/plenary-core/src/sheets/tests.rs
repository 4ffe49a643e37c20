use std::sync::atomic::{AtomicBool, Ordering};

use super::*;
use crate::organization::{OrganizationDraft, OrganizationKind};
use crate::portable::Work;
use crate::store::Store;

fn store(dir: &std::path::Path) -> Store {
    Store::open_in(dir).unwrap()
}

/// Every row of every table that records change: what "nothing changed" is compared on.
fn fingerprint(store: &Store) -> String {
    let mut out = String::new();
    for p in store.people().unwrap() {
        out.push_str(&format!("{:?}\n", p.person));
    }
    for o in store.organizations().unwrap() {
        out.push_str(&format!("{o:?}\n"));
    }
    for m in store.meetings().unwrap() {
        out.push_str(&format!("{m:?}\n"));
    }
    for d in store.policy_documents(&Default::default()).unwrap() {
        out.push_str(&format!("{d:?}\n"));
    }
    out
}

fn csv(text: &str) -> Sheet {
    read_sheet("list.csv", text.as_bytes()).unwrap()
}

fn preview_of(store: &mut Store, kind: SheetKind, sheet: &Sheet) -> SheetPreview {
    store
        .sheet_preview(kind, "list.csv", sheet, Work::quiet())
        .unwrap()
}

fn kma(store: &mut Store) {
    store
        .create_organization(&OrganizationDraft {
            kind: Some(OrganizationKind::NationalMedicalAssociation),
            name: "Kenya Medical Association".into(),
            acronym: "KMA".into(),
            country: "Kenya".into(),
            ..Default::default()
        })
        .unwrap();
}

const PEOPLE: &str = "Name,kind, E-Mail ,Organization,Phone,Favourite colour\r\n\
    Amina Ngũgĩ,Representative,amina@kma.example,KMA,'+254 20 272 4481,green\r\n\
    Jonas Berg,staff,,,,\r\n";

#[test]
fn people_preview_writes_nothing_and_the_import_adds_them_with_history() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = store(dir.path());
    kma(&mut store);
    let before = fingerprint(&store);
    let sheet = csv(PEOPLE);
    let preview = preview_of(&mut store, SheetKind::People, &sheet);
    assert_eq!(
        preview.columns,
        ["Kind", "Name", "Organization", "Email", "Phone"]
    );
    assert_eq!(preview.unknown_columns, ["Favourite colour"]);
    assert_eq!(
        (preview.new_rows, preview.problem_rows, preview.duplicates),
        (2, 0, 0)
    );
    assert_eq!(preview.rows[0].number, 2);
    assert_eq!(
        preview.rows[0].values,
        [
            "Representative",
            "Amina Ngũgĩ",
            "Kenya Medical Association (KMA)",
            "amina@kma.example",
            "+254 20 272 4481"
        ]
    );
    assert_eq!(fingerprint(&store), before, "a preview writes nothing");

    let done = store
        .import_sheet(SheetKind::People, "list.csv", &sheet, Work::quiet())
        .unwrap();
    assert_eq!(done.message(), "Added 2 people.");
    let people = store.people().unwrap();
    assert_eq!(people.len(), 2);
    let amina = &people[0];
    assert_eq!(amina.organization, "Kenya Medical Association (KMA)");
    assert_eq!(amina.person.fields.phone, "+254 20 272 4481");
    assert_eq!(store.person_history(&amina.person.id).unwrap().len(), 1);

    // Again: both are now duplicates (name folded: accents and case ignored), skipped.
    let again = csv("Name,Kind\r\namina ngugi,Representative\r\nJONAS  BERG,Staff\r\n");
    let preview2 = preview_of(&mut store, SheetKind::People, &again);
    assert_eq!(preview2.duplicates, 2);
    assert_eq!(
        preview2.rows[0].duplicate_of.as_deref(),
        Some("Amina Ngũgĩ")
    );
    let done = store
        .import_sheet(SheetKind::People, "list.csv", &again, Work::quiet())
        .unwrap();
    assert_eq!(
        done.message(),
        "Added 0 people; 2 already in Plenary were skipped."
    );
    assert_eq!(store.people().unwrap().len(), 2);
}

#[test]
fn problems_are_named_by_row_and_column_and_refuse_the_whole_import() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = store(dir.path());
    let before = fingerprint(&store);
    let sheet = csv("Name,Kind,Email,Organization,Phone\r\n\
         Good Person,Staff,good@example.org,,\r\n\
         ,Staff,,,\r\n\
         Bad Mail,Staff,not-an-address,,\r\n\
         Nobody Known,Chief,,Atlantis Medical Society,\r\n\
         Formula Person,Staff,\"=HYPERLINK(\"\"http://x\"\")\",,\r\n\
         Good Person,Staff,,,\r\n");
    let preview = preview_of(&mut store, SheetKind::People, &sheet);
    let lines = preview.problem_lines();
    assert!(
        lines
            .iter()
            .any(|l| l.starts_with("row 3, Name: Enter the person's name")),
        "{lines:?}"
    );
    assert!(
        lines
            .iter()
            .any(|l| l.starts_with("row 4, Email: This is not an email address")),
        "{lines:?}"
    );
    assert!(lines.iter().any(|l| l.starts_with("row 5, Kind: \"Chief\" is not one of the choices: Representative, Staff or Counterpart contact")), "{lines:?}");
    assert!(
        lines.iter().any(|l| l.starts_with(
            "row 5, Organization: No organization named \"Atlantis Medical Society\""
        )),
        "{lines:?}"
    );
    assert!(
        lines
            .iter()
            .any(|l| l.starts_with("row 6, Email: This cell holds a formula (=HYPERLINK")),
        "{lines:?}"
    );
    // Kind is named once, as the wrong choice, not again as missing.
    assert_eq!(
        lines
            .iter()
            .filter(|l| l.starts_with("row 5, Kind"))
            .count(),
        1
    );
    // The second "Good Person" repeats the first row of the same file.
    assert_eq!(preview.rows[5].duplicate_of.as_deref(), Some("Good Person"));
    assert_eq!(preview.problem_rows, 4);

    let refused = store
        .import_sheet(SheetKind::People, "list.csv", &sheet, Work::quiet())
        .unwrap_err();
    let message = refused.to_string();
    assert!(
        message.starts_with("row 3, Name: Enter the person's name"),
        "{message}"
    );
    assert!(message.contains("(and 4 more problems)"), "{message}");
    assert!(message.ends_with("Nothing was imported."), "{message}");
    assert_eq!(
        fingerprint(&store),
        before,
        "nothing of a refused import is kept"
    );
}

#[test]
fn every_encoding_reads_the_same() {
    let text = "Name,Kind,Notes\r\nZoë Müller-Ørsted,Staff,café “quoted”\r\n";
    let expect = "Zoë Müller-Ørsted";
    let mut utf8_bom = "\u{feff}".as_bytes().to_vec();
    utf8_bom.extend(text.as_bytes());
    let utf16le: Vec<u8> = [0xFF, 0xFE]
        .into_iter()
        .chain(text.encode_utf16().flat_map(u16::to_le_bytes))
        .collect();
    let utf16be: Vec<u8> = [0xFE, 0xFF]
        .into_iter()
        .chain(text.encode_utf16().flat_map(u16::to_be_bytes))
        .collect();
    let (cp1252, _, unmappable) = encoding_rs::WINDOWS_1252.encode(text);
    assert!(!unmappable);
    assert!(
        std::str::from_utf8(&cp1252).is_err(),
        "the sample must not be valid UTF-8"
    );
    for (name, bytes) in [
        ("UTF-8", text.as_bytes().to_vec()),
        ("UTF-8 with BOM", utf8_bom),
        ("UTF-16 LE", utf16le),
        ("UTF-16 BE", utf16be),
        ("Windows-1252", cp1252.into_owned()),
    ] {
        let sheet = read_sheet("people.csv", &bytes).unwrap();
        assert_eq!(sheet.headers, ["Name", "Kind", "Notes"], "{name}");
        assert_eq!(sheet.rows[0].cells[0], Cell::Text(expect.into()), "{name}");
        assert_eq!(
            sheet.rows[0].cells[2],
            Cell::Text("café “quoted”".into()),
            "{name}"
        );
    }
    // Excel where the decimal mark is a comma separates with semicolons.
    let sheet = read_sheet("people.csv", "Name;Kind\nA, B;Staff\n".as_bytes()).unwrap();
    assert_eq!(sheet.rows[0].cells[0], Cell::Text("A, B".into()));
}

#[test]
fn bad_files_are_refused_with_a_clear_message() {
    let refused = |name: &str, bytes: &[u8]| read_sheet(name, bytes).unwrap_err().to_string();
    assert!(refused("people.csv", b"").contains("This file is empty"));
    assert!(refused("people.csv", b"  \r\n").contains("This file is empty"));
    assert!(refused("people.csv", b"Name,Kind\r\n").contains("no rows below them"));
    assert!(refused("people.pdf", b"%PDF-1.7").contains(".csv or .xlsx"));
    assert!(refused("people.xlsx", b"Name,Kind\r\nA,Staff\r\n").contains("not an Excel workbook"));
    assert!(refused("people.csv", b"PK\x03\x04rest").contains("is not text"));
    assert!(
        refused("people.xls", &[0xD0, 0xCF, 0x11, 0xE0, 0, 0])
            .contains("old Excel workbook (.xls)")
    );
    assert!(
        refused("people.xlsx", b"PK\x03\x04 not really a zip")
            .contains("cannot be read as an Excel workbook")
    );

    let mut huge = String::from("Name,Kind\n");
    for n in 0..=MAX_ROWS {
        huge.push_str(&format!("Person {n},Staff\n"));
    }
    let message = refused("people.csv", huge.as_bytes());
    assert!(message.contains("more than 20000 rows"), "{message}");

    // Columns: none known, or a required one missing.
    let none = csv("Colour,Size\r\nred,4\r\n");
    let dir = tempfile::tempdir().unwrap();
    let mut store = store(dir.path());
    let message = store
        .sheet_preview(SheetKind::People, "x.csv", &none, Work::quiet())
        .unwrap_err()
        .to_string();
    assert!(
        message.contains("None of this file's column names"),
        "{message}"
    );
    let no_name = csv("Kind,Email\r\nStaff,a@b.org\r\n");
    let message = store
        .import_sheet(SheetKind::People, "x.csv", &no_name, Work::quiet())
        .unwrap_err()
        .to_string();
    assert!(message.contains("no Name column"), "{message}");
    assert!(store.people().unwrap().is_empty());
}

#[test]
fn organizations_import_with_choices_by_label_or_abbreviation() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = store(dir.path());
    kma(&mut store);
    let sheet = csv(
        "Name,Kind,Acronym,Country,WMA membership,Relation to WHO,Website\r\n\
         Suomen Lääkäriliitto,National medical association,FMA,Finland,constituent member,,https://www.laakariliitto.fi\r\n\
         kenya medical association,National medical association,,,,,\r\n\
         Nowhere Body,Club,,,,,not a web address\r\n",
    );
    let preview = preview_of(&mut store, SheetKind::Organizations, &sheet);
    assert_eq!(preview.rows[0].problems, []);
    assert_eq!(
        preview.rows[1].duplicate_of.as_deref(),
        Some("Kenya Medical Association")
    );
    let lines = preview.problem_lines();
    assert!(
        lines.iter().any(|l| l.starts_with("row 4, Kind: \"Club\"")),
        "{lines:?}"
    );
    assert!(
        lines.iter().any(|l| l.starts_with("row 4, Website:")),
        "{lines:?}"
    );

    let good = csv(
        "Name,Kind,Acronym,WMA membership\r\nSuomen Lääkäriliitto,National medical association,FMA,Constituent member\r\n",
    );
    store
        .import_sheet(SheetKind::Organizations, "o.csv", &good, Work::quiet())
        .unwrap();
    let finnish = store
        .organizations()
        .unwrap()
        .into_iter()
        .find(|o| o.fields.acronym == "FMA")
        .unwrap();
    assert_eq!(
        finnish.fields.wma_membership,
        crate::organization::WmaMembership::Constituent
    );
}

#[test]
fn meetings_take_dates_in_several_forms_and_name_ambiguous_ones() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = store(dir.path());
    let sheet = csv(
        "Body,Title,Start date,End date,Time zone,City,Registration deadline,Format\r\n\
         WHA,Seventy-eighth World Health Assembly,19 May 2027,46534,Europe/Zurich,Geneva,2027-04-30,In person\r\n\
         WMA General Assembly,75th WMA General Assembly,03/04/2027,05/04/2027,Europe/Helsinki,Helsinki,,\r\n\
         Unknown Club,A meeting,2027-01-01,2027-01-02,Europe/Paris,,,\r\n\
         WHA,Ends early,2027-05-10,2027-05-09,Mars/Olympus,,,\r\n",
    );
    let preview = preview_of(&mut store, SheetKind::Meetings, &sheet);
    assert_eq!(preview.rows[0].problems, []);
    let lines = preview.problem_lines();
    assert!(
        lines.iter().any(
            |l| l.starts_with("row 3, Start date: \"03/04/2027\" could be 3 Apr or 4 Mar 2027")
        ),
        "{lines:?}"
    );
    assert!(
        lines
            .iter()
            .any(|l| l.starts_with("row 3, End date: \"05/04/2027\" could be")),
        "{lines:?}"
    );
    assert!(
        lines
            .iter()
            .any(|l| l.starts_with("row 4, Body: No body named \"Unknown Club\"")),
        "{lines:?}"
    );
    assert!(
        lines
            .iter()
            .any(|l| l.starts_with("row 5, End date: The end date is before the start date")),
        "{lines:?}"
    );
    assert!(
        lines.iter().any(|l| l.starts_with("row 5, Time zone:")),
        "{lines:?}"
    );
    // Row 3 names each date once, not again as "Enter the start date".
    assert!(
        !lines
            .iter()
            .any(|l| l.starts_with("row 3, Start date: Enter")),
        "{lines:?}"
    );

    let good = csv("Body,Title,Start date,End date,Time zone\r\n\
         WHA,Seventy-eighth World Health Assembly,19 May 2027,46534,Europe/Zurich\r\n");
    store
        .import_sheet(SheetKind::Meetings, "m.csv", &good, Work::quiet())
        .unwrap();
    let meetings = store.meetings().unwrap();
    assert_eq!(meetings.len(), 1);
    assert_eq!(meetings[0].fields.start_date.to_string(), "2027-05-19");
    assert_eq!(meetings[0].fields.end_date.to_string(), "2027-05-27");
    assert_eq!(meetings[0].fields.body_id, "world_health_assembly");
    // The same meeting again is a duplicate.
    let again = preview_of(&mut store, SheetKind::Meetings, &good);
    assert!(again.rows[0].duplicate_of.is_some());
}

#[test]
fn policy_documents_import_with_their_history() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = store(dir.path());
    let sheet = csv(
        "Type,Title,Short name,Code,Adopted,Revised,Editorially revised\r\n\
         WMA declaration,WMA Declaration of Geneva,Declaration of Geneva,D-1948-01-2017,1948-09,1968-08; 1983-10; 2017-10,2005-05; 2006-05\r\n\
         Statement,Bad history,,,2001,2001-13,\r\n\
         Poem,No type,,,,,\r\n",
    );
    let preview = preview_of(&mut store, SheetKind::Policy, &sheet);
    assert_eq!(
        preview.rows[0].problems,
        [],
        "{:?}",
        preview.problem_lines()
    );
    let lines = preview.problem_lines();
    assert!(
        lines.iter().any(|l| l.starts_with("row 3, Revised:")),
        "{lines:?}"
    );
    assert!(
        lines
            .iter()
            .any(|l| l.starts_with("row 4, Type: \"Poem\" is not one of the choices")),
        "{lines:?}"
    );
    assert!(
        store
            .policy_documents(&Default::default())
            .unwrap()
            .is_empty()
    );

    let good = csv(
        "Type,Title,Short name,Code,Adopted,Revised,Editorially revised\r\n\
         WMA declaration,WMA Declaration of Geneva,Declaration of Geneva,D-1948-01-2017,1948-09,1968-08; 1983-10; 2017-10,2005-05; 2006-05\r\n",
    );
    store
        .import_sheet(SheetKind::Policy, "p.csv", &good, Work::quiet())
        .unwrap();
    let documents = store.policy_documents(&Default::default()).unwrap();
    assert_eq!(documents.len(), 1);
    let geneva = &documents[0];
    let actions = store.policy_actions(&geneva.id).unwrap();
    assert_eq!(actions.len(), 6);
    assert_eq!(
        actions[0].fields.kind,
        crate::policy::PolicyActionKind::Adopted
    );
    assert_eq!(geneva.status, crate::policy::PolicyStatus::InForce);
    assert_eq!(geneva.handbook_code.as_deref(), Some("D-1948-01-2017"));
}

#[test]
fn xlsx_files_are_read_with_numbers_dates_and_formulas() {
    use rust_xlsxwriter::{ExcelDateTime, Format, Formula, Workbook};
    let mut workbook = Workbook::new();
    let date_format = Format::new().set_num_format("dd mmm yyyy");
    let sheet = workbook.add_worksheet();
    for (column, header) in [
        "Body",
        "Title",
        "Ordinal",
        "Start date",
        "End date",
        "Time zone",
        "Notes",
    ]
    .iter()
    .enumerate()
    {
        sheet.write_string(0, column as u16, *header).unwrap();
    }
    sheet.write_string(1, 0, "WMA General Assembly").unwrap();
    sheet
        .write_string(1, 1, "75th WMA General Assembly")
        .unwrap();
    sheet.write_number(1, 2, 75).unwrap();
    let start = ExcelDateTime::from_ymd(2027, 10, 6).unwrap();
    sheet
        .write_datetime_with_format(1, 3, &start, &date_format)
        .unwrap();
    sheet.write_string(1, 4, "9 Oct 2027").unwrap();
    sheet.write_string(1, 5, "Europe/Helsinki").unwrap();
    // A blank row between is left out, and row numbers stay as the program shows them.
    sheet.write_string(3, 0, "WHA").unwrap();
    sheet.write_string(3, 1, "A formula row").unwrap();
    sheet.write_formula(3, 3, Formula::new("=TODAY()")).unwrap();
    sheet.write_string(3, 4, "2027-10-09").unwrap();
    sheet.write_string(3, 5, "Europe/Zurich").unwrap();
    let bytes = workbook.save_to_buffer().unwrap();

    let read = read_sheet("meetings.xlsx", &bytes).unwrap();
    assert_eq!(read.rows.len(), 2);
    assert_eq!(read.rows[0].cells[2], Cell::Text("75".into()));
    assert_eq!(read.rows[0].cells[3], Cell::Text("2027-10-06".into()));
    assert_eq!(read.rows[1].number, 4);
    assert!(matches!(&read.rows[1].cells[3], Cell::Formula(f) if f == "=TODAY()"));

    let dir = tempfile::tempdir().unwrap();
    let mut store = store(dir.path());
    let preview = store
        .sheet_preview(SheetKind::Meetings, "meetings.xlsx", &read, Work::quiet())
        .unwrap();
    assert_eq!(preview.rows[0].problems, []);
    assert_eq!(preview.columns[1], "Ordinal");
    assert_eq!(preview.rows[0].values[1], "75");
    let lines = preview.problem_lines();
    assert_eq!(lines.len(), 1, "{lines:?}");
    assert!(
        lines[0].starts_with("row 4, Start date: This cell holds a formula (=TODAY())"),
        "{lines:?}"
    );
}

#[test]
fn templates_name_every_column_and_read_back() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = store(dir.path());
    for kind in SheetKind::ALL.iter().copied() {
        let labels: Vec<String> = kind.columns().iter().map(|c| c.label.to_owned()).collect();
        for (format, name) in [(SheetFormat::Csv, "t.csv"), (SheetFormat::Xlsx, "t.xlsx")] {
            let bytes = template(kind, format).unwrap();
            if kind == SheetKind::People {
                // The same template is the same bytes at another time (no clock inside).
                std::thread::sleep(std::time::Duration::from_millis(1100));
                assert_eq!(template(kind, format).unwrap(), bytes, "{format:?}");
            }
            // A header alone is refused as having no rows; the columns are all known.
            let message = read_sheet(name, &bytes).unwrap_err().to_string();
            assert!(message.contains("no rows below them"), "{kind:?} {message}");
            let mut with_row = bytes.clone();
            if format == SheetFormat::Csv {
                with_row.extend(b"x\r\n");
                let sheet = read_sheet(name, &with_row).unwrap();
                assert_eq!(sheet.headers, labels);
                let (matched, unknown) = match_columns(kind, &sheet.headers).unwrap();
                assert_eq!(matched.len(), labels.len());
                assert!(unknown.is_empty());
                let preview = store
                    .sheet_preview(kind, name, &sheet, Work::quiet())
                    .unwrap();
                assert_eq!(
                    preview.problem_rows, 1,
                    "one row with only an x has problems"
                );
            }
        }
    }
}

#[test]
fn a_stopped_import_keeps_nothing_and_progress_is_reported() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = store(dir.path());
    let mut text = String::from("Name,Kind\n");
    for n in 0..500 {
        text.push_str(&format!("Person {n},Staff\n"));
    }
    let sheet = csv(&text);
    let cancel = AtomicBool::new(false);
    let seen = std::sync::Mutex::new(Vec::new());
    let report = |p: &crate::portable::Progress| {
        seen.lock().unwrap().push(p.done);
        if p.done >= 200 {
            cancel.store(true, Ordering::Relaxed);
        }
    };
    let error = store
        .import_sheet(
            SheetKind::People,
            "p.csv",
            &sheet,
            Work::new(&cancel, &report),
        )
        .unwrap_err();
    assert_eq!(error, CoreError::Cancelled);
    assert!(store.people().unwrap().is_empty());
    assert!(seen.lock().unwrap().contains(&200));

    let reported = std::sync::Mutex::new(None);
    let last = |p: &crate::portable::Progress| *reported.lock().unwrap() = Some((p.done, p.total));
    let never = AtomicBool::new(false);
    let done = store
        .import_sheet(SheetKind::People, "p.csv", &sheet, Work::new(&never, &last))
        .unwrap();
    assert_eq!(done.added, 500);
    assert_eq!(*reported.lock().unwrap(), Some((500, 500)));
    assert_eq!(store.people().unwrap().len(), 500);
}

mod lists_out {
    use super::*;
    use crate::sheets::export::{ListExportRequest, SENSITIVE_PEOPLE_COLUMNS};

    fn request(kind: SheetKind, format: SheetFormat) -> ListExportRequest {
        ListExportRequest {
            kind,
            format,
            include_sensitive: false,
            year: None,
            policy_filter: Default::default(),
        }
    }

    fn exported(store: &Store, kind: SheetKind, format: SheetFormat) -> Vec<u8> {
        store.export_list(&request(kind, format)).unwrap().bytes
    }

    /// Imports `bytes` (named by `format`) into `store`, which must take every row.
    fn import(store: &mut Store, kind: SheetKind, format: SheetFormat, bytes: &[u8]) {
        let name = match format {
            SheetFormat::Csv => "list.csv",
            SheetFormat::Xlsx => "list.xlsx",
        };
        let sheet = read_sheet(name, bytes).unwrap();
        let preview = store
            .sheet_preview(kind, name, &sheet, Work::quiet())
            .unwrap();
        assert_eq!(preview.problem_lines(), Vec::<String>::new(), "{kind:?}");
        // A new data folder already holds the WMA's and WHO's own organizations: those rows
        // are skipped as duplicates, the rest added.
        assert_eq!(
            preview.new_rows + preview.duplicates,
            preview.rows.len() as u32
        );
        store
            .import_sheet(kind, name, &sheet, Work::quiet())
            .unwrap();
    }

    const ORDER: [SheetKind; 4] = [
        SheetKind::Organizations,
        SheetKind::People,
        SheetKind::Meetings,
        SheetKind::Policy,
    ];

    #[test]
    fn the_example_office_goes_out_and_back_in_unchanged_through_csv_and_xlsx() {
        let source_dir = tempfile::tempdir().unwrap();
        let mut source = store(source_dir.path());
        source.load_example_data().unwrap();
        // Text a spreadsheet would run, and a phone number it would turn into a number.
        kma(&mut source);
        source
            .import_sheet(
                SheetKind::People,
                "p.csv",
                &csv("Kind,Name,Organization,Phone,Notes\r\n\
                      Representative,Ελένη Παπαδοπούλου,KMA,'+254 20 272 4481,\"'=HYPERLINK(\"\"http://x\"\")\"\r\n"),
                Work::quiet(),
            )
            .unwrap();

        for format in [SheetFormat::Csv, SheetFormat::Xlsx] {
            let copy_dir = tempfile::tempdir().unwrap();
            let mut copy = store(copy_dir.path());
            for kind in ORDER {
                import(&mut copy, kind, format, &exported(&source, kind, format));
            }
            for kind in ORDER {
                // Byte for byte, through CSV: what the copy holds reads out as the source did.
                assert_eq!(
                    String::from_utf8(exported(&copy, kind, SheetFormat::Csv)).unwrap(),
                    String::from_utf8(exported(&source, kind, SheetFormat::Csv)).unwrap(),
                    "{kind:?} through {format:?}"
                );
            }
        }

        let people =
            String::from_utf8(exported(&source, SheetKind::People, SheetFormat::Csv)).unwrap();
        assert!(people.starts_with("\u{feff}Kind,Name,"), "{people}");
        assert!(people.contains("'+254 20 272 4481"), "{people}");
        assert!(
            people.contains("\"'=HYPERLINK(\"\"http://x\"\")\""),
            "{people}"
        );

        // In a workbook every cell is text: nothing reads back as a formula.
        let book = read_sheet(
            "people.xlsx",
            &exported(&source, SheetKind::People, SheetFormat::Xlsx),
        )
        .unwrap();
        let greek = book
            .rows
            .iter()
            .find(|r| r.cells.iter().any(|c| c.text() == "Ελένη Παπαδοπούλου"))
            .unwrap();
        assert!(
            greek
                .cells
                .iter()
                .any(|c| *c == Cell::Text("+254 20 272 4481".into()))
        );
        assert!(
            greek
                .cells
                .iter()
                .any(|c| *c == Cell::Text("=HYPERLINK(\"http://x\")".into()))
        );
    }

    #[test]
    fn travel_details_go_out_only_when_ticked() {
        let dir = tempfile::tempdir().unwrap();
        let mut source = store(dir.path());
        source.load_example_data().unwrap();
        let someone = source.people().unwrap()[0].person.id.clone();
        source
            .set_person_travel(
                &someone,
                None,
                &crate::people::TravelDraft {
                    nationality: "Kenyan".into(),
                    passport_number: "AK1234567".into(),
                    passport_expiry: "2031-02-28".into(),
                    ..Default::default()
                },
            )
            .unwrap();
        let plain =
            String::from_utf8(exported(&source, SheetKind::People, SheetFormat::Csv)).unwrap();
        assert!(!plain.contains("AK1234567"));
        assert!(!plain.contains("Passport"));
        let mut ticked = request(SheetKind::People, SheetFormat::Csv);
        ticked.include_sensitive = true;
        let table = source.list_table(&ticked).unwrap();
        assert!(
            table
                .columns
                .ends_with(&SENSITIVE_PEOPLE_COLUMNS.map(str::to_owned))
        );
        let text = String::from_utf8(source.export_list(&ticked).unwrap().bytes).unwrap();
        assert!(text.contains("Kenyan,AK1234567,2031-02-28"), "{text}");
    }

    #[test]
    fn a_year_of_meetings_and_an_empty_list() {
        let dir = tempfile::tempdir().unwrap();
        let mut store = store(dir.path());
        let empty = store
            .export_list(&request(SheetKind::People, SheetFormat::Xlsx))
            .unwrap_err();
        assert_eq!(empty.to_string(), "There are no people to export.");
        store.load_example_data().unwrap();
        let years: std::collections::BTreeSet<i16> = store
            .meetings()
            .unwrap()
            .iter()
            .map(|m| m.fields.start_date.year())
            .collect();
        let year = *years.iter().next().unwrap();
        let mut one_year = request(SheetKind::Meetings, SheetFormat::Csv);
        one_year.year = Some(year);
        let export = store.export_list(&one_year).unwrap();
        assert_eq!(export.file_name, format!("plenary-meetings-{year}.csv"));
        let expected = store
            .meetings()
            .unwrap()
            .iter()
            .filter(|m| m.fields.start_date.year() == year)
            .count();
        assert_eq!(export.rows as usize, expected);
        one_year.year = Some(1901);
        assert_eq!(
            store.export_list(&one_year).unwrap_err().to_string(),
            "There are no meetings to export in 1901."
        );
        let all = store
            .export_list(&request(SheetKind::Policy, SheetFormat::Xlsx))
            .unwrap();
        assert_eq!(all.file_name, "plenary-policy-documents.xlsx");
    }
}
