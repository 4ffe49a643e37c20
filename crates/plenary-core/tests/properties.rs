//! Property tests of the parsers and pure rules: each states an invariant that must hold for any
//! input, and proptest searches for an input that breaks it (then shrinks it to a small one).

use plenary_core::agenda::AgendaNumber;
use plenary_core::diff::{DiffKind, word_diff};
use plenary_core::fold::fold;
use plenary_core::policy::{HandbookCode, PartialDate, WhoOrgan, WhoSymbol, WhoSymbolKind};
use plenary_core::search::fts_query;
use proptest::prelude::*;

/// Any text, biased towards what breaks parsers: digits, separators, letters with and without
/// diacritics, other scripts, control and formatting characters.
fn hostile_text() -> impl Strategy<Value = String> {
    prop_oneof![
        any::<String>(),
        "[0-9.\\-() ]{0,16}",
        "[A-Za-z0-9.\\-()*\"' ]{0,24}",
        proptest::collection::vec(
            prop_oneof![
                Just('\u{0}'),
                Just('\u{202E}'),
                Just('\u{0301}'),
                Just('\u{0345}'),
                Just('İ'),
                Just('ẞ'),
                Just('Σ'),
                Just('ς'),
                Just('"'),
                Just('*'),
                Just('-'),
                Just('.'),
                Just(' '),
                Just('\u{3000}'),
                Just('\u{FEFF}'),
                Just('\u{E000}'),
                Just('٣'),
                Just('²'),
                Just('½'),
                Just('Ⅻ'),
                Just('ℌ'),
                Just('㎒'),
                Just('ﬁ'),
                Just('ǅ'),
                Just('김'),
                Just('ø'),
                Just('a'),
                Just('7'),
                any::<char>(),
            ],
            0..24,
        )
        .prop_map(|chars| chars.into_iter().collect()),
    ]
}

/// Text long enough to fill a screen if a message quoted all of it.
fn long_text() -> impl Strategy<Value = String> {
    (hostile_text(), 200usize..2_000).prop_map(|(text, times)| format!("{text}x").repeat(times))
}

fn agenda_number() -> impl Strategy<Value = Vec<u32>> {
    proptest::collection::vec(1u32..=9999, 1..=plenary_core::agenda::MAX_DEPTH)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    // ---- agenda numbers -------------------------------------------------------------------

    #[test]
    fn agenda_sort_key_text_order_is_numeric_order(a in agenda_number(), b in agenda_number()) {
        let parse = |parts: &[u32]| {
            AgendaNumber::parse(&parts.iter().map(u32::to_string).collect::<Vec<_>>().join("."))
                .unwrap()
        };
        let (x, y) = (parse(&a), parse(&b));
        // Numeric order: part by part, a prefix before what extends it.
        prop_assert_eq!(x.sort_key().cmp(&y.sort_key()), a.cmp(&b), "{} vs {}", x, y);
    }

    #[test]
    fn agenda_numbers_survive_display_and_parse(parts in agenda_number(), zeros in 0usize..3) {
        // Leading zeros are accepted and dropped ("13.03" is 13.3), within four digits.
        let text = parts
            .iter()
            .map(|n| {
                let padded = format!("{}{n}", "0".repeat(zeros));
                if padded.len() > 4 { n.to_string() } else { padded }
            })
            .collect::<Vec<_>>()
            .join(".");
        let number = AgendaNumber::parse(&text).unwrap();
        prop_assert_eq!(number.parts(), &parts[..]);
        let shown = number.to_string();
        prop_assert_eq!(AgendaNumber::parse(&shown).unwrap(), number.clone());
        prop_assert_eq!(AgendaNumber::parse(&format!(" {shown}\t")).unwrap(), number);
    }

    #[test]
    fn agenda_parse_never_panics_and_explains_refusals(text in hostile_text()) {
        match AgendaNumber::parse(&text) {
            Ok(number) => prop_assert_eq!(AgendaNumber::parse(&number.to_string()).unwrap(), number),
            Err(message) => prop_assert!(!message.trim().is_empty()),
        }
    }

    // ---- handbook codes and WHO symbols -----------------------------------------------------

    #[test]
    fn handbook_codes_survive_format_and_parse(
        letter in prop::sample::select(vec!["D", "S", "R", "CR"]),
        first in 1947i16..=2026,
        extra in 0i16..80,
        sequence in 1u8..=99,
        lower in any::<bool>(),
    ) {
        let code = HandbookCode {
            letter: letter.to_owned(),
            first_year: first,
            sequence,
            last_year: (first + extra).min(2026),
        };
        let text = if lower { code.to_string().to_lowercase() } else { code.to_string() };
        prop_assert_eq!(HandbookCode::parse(&text, 2026), Ok(code));
    }

    #[test]
    fn handbook_parse_never_panics_and_explains_refusals(text in hostile_text(), year in 1900i16..2100) {
        match HandbookCode::parse(&text, year) {
            Ok(code) => prop_assert_eq!(HandbookCode::parse(&code.to_string(), year), Ok(code)),
            Err(message) => prop_assert!(!message.trim().is_empty()),
        }
    }

    #[test]
    fn who_symbols_survive_format_and_parse(
        assembly in any::<bool>(),
        decision in any::<bool>(),
        session in 1u16..=999,
        number in 1u16..=999,
    ) {
        let symbol = WhoSymbol {
            organ: if assembly { WhoOrgan::Assembly } else { WhoOrgan::ExecutiveBoard },
            session,
            kind: if decision { WhoSymbolKind::Decision } else { WhoSymbolKind::Resolution },
            number,
        };
        prop_assert_eq!(WhoSymbol::parse(&symbol.to_string()), Ok(symbol));
        prop_assert_eq!(WhoSymbol::parse(&symbol.to_string().to_lowercase()), Ok(symbol));
    }

    #[test]
    fn who_parse_never_panics_and_explains_refusals(text in hostile_text()) {
        match WhoSymbol::parse(&text) {
            Ok(symbol) => prop_assert_eq!(WhoSymbol::parse(&symbol.to_string()), Ok(symbol)),
            Err(message) => prop_assert!(!message.trim().is_empty()),
        }
    }

    // ---- partial dates ------------------------------------------------------------------------

    #[test]
    fn partial_dates_survive_format_and_parse(
        year in 1000i16..=9999,
        month in 1i8..=12,
        day in 1i8..=31,
        precision in 0u8..3,
    ) {
        let (month, day) = match precision {
            0 => (None, None),
            1 => (Some(month), None),
            _ => (Some(month), Some(day)),
        };
        let date = PartialDate { year, month, day };
        let real = jiff::civil::Date::new(year, month.unwrap_or(1), day.unwrap_or(1)).is_ok();
        match PartialDate::parse(&date.to_string()) {
            Ok(parsed) => {
                prop_assert!(real);
                prop_assert_eq!(parsed, date);
                prop_assert!(parsed.earliest() <= parsed.latest());
            }
            Err(message) => {
                prop_assert!(!real, "{} refused: {}", date, message);
                prop_assert!(!message.trim().is_empty());
            }
        }
    }

    #[test]
    fn partial_date_parse_never_panics_and_explains_refusals(text in hostile_text()) {
        match PartialDate::parse(&text) {
            Ok(date) => {
                prop_assert_eq!(PartialDate::parse(&date.to_string()), Ok(date));
                prop_assert!(date.earliest() <= date.latest());
            }
            Err(message) => prop_assert!(!message.trim().is_empty()),
        }
    }

    #[test]
    fn review_dates_stay_real_dates(
        year in 1947i16..=2100,
        month in 1i8..=12,
        day in 1i8..=31,
        precision in 0u8..3,
        years in 0i16..=10,
    ) {
        let text = match precision {
            0 => format!("{year:04}"),
            1 => format!("{year:04}-{month:02}"),
            _ => format!("{year:04}-{month:02}-{day:02}"),
        };
        if let Ok(date) = PartialDate::parse(&text) {
            let later = date.plus_years(years);
            prop_assert_eq!(later.precision(), date.precision());
            prop_assert_eq!(PartialDate::parse(&later.to_string()), Ok(later));
            prop_assert!(later.earliest() >= date.earliest());
        }
    }

    #[test]
    fn refusals_quote_only_a_little_of_the_input(text in long_text()) {
        let refusals = [
            AgendaNumber::parse(&text).err(),
            HandbookCode::parse(&text, 2026).err(),
            WhoSymbol::parse(&text).err(),
            PartialDate::parse(&text).err(),
        ];
        for message in refusals.into_iter().flatten() {
            prop_assert!(message.chars().count() < 400, "{} characters", message.chars().count());
        }
    }

    // ---- word diff ------------------------------------------------------------------------

    #[test]
    fn both_texts_rebuild_from_the_diff(old in hostile_text(), new in hostile_text()) {
        let spans = word_diff(&old, &new);
        let rebuilt = |keep: DiffKind| {
            spans
                .iter()
                .filter(|s| s.kind == DiffKind::Same || s.kind == keep)
                .map(|s| s.text.as_str())
                .collect::<String>()
        };
        prop_assert_eq!(rebuilt(DiffKind::Removed), old.clone());
        prop_assert_eq!(rebuilt(DiffKind::Added), new.clone());
        prop_assert!(spans.iter().all(|s| !s.text.is_empty()));
        prop_assert!(spans.windows(2).all(|pair| pair[0].kind != pair[1].kind));
        if old == new {
            prop_assert!(spans.iter().all(|s| s.kind == DiffKind::Same));
        }
    }

    // ---- folding ----------------------------------------------------------------------------

    #[test]
    fn folding_is_idempotent_and_lower_case(text in hostile_text()) {
        let folded = fold(&text);
        prop_assert_eq!(fold(&folded), folded.clone());
        prop_assert_eq!(folded.to_lowercase(), folded);
    }
}

// ---- the search query builder, run against a real FTS5 table ------------------------------

/// An FTS5 table made like the app's search index.
fn search_index() -> rusqlite::Connection {
    let conn = rusqlite::Connection::open_in_memory().unwrap();
    conn.execute_batch(
        "CREATE VIRTUAL TABLE search USING fts5(
             kind UNINDEXED, title, text,
             tokenize = 'unicode61 remove_diacritics 2', prefix = '2 3');
         INSERT INTO search (kind, title, text) VALUES
             ('meeting', 'WHA77', 'Genève Palais des Nations'),
             ('record', 'Ngũgĩ wa Thiong''o', '김 محمد Straße ø');",
    )
    .unwrap();
    conn
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(1024))]

    #[test]
    fn no_input_makes_an_invalid_search_query(text in hostile_text()) {
        thread_local! {
            static INDEX: rusqlite::Connection = search_index();
        }
        let Some(query) = fts_query(&text) else {
            // Nothing to search for only when no word survives folding; a plain letter or digit
            // always does (marks on their own, such as U+119DA, fold away).
            prop_assert!(!text.chars().any(|c| c.is_ascii_alphanumeric()), "{:?} gave no query", text);
            return Ok(());
        };
        let outcome = INDEX.with(|conn| {
            conn.prepare("SELECT kind FROM search WHERE search MATCH ?1")
                .and_then(|mut statement| {
                    statement
                        .query_map([&query], |row| row.get::<_, String>(0))?
                        .collect::<rusqlite::Result<Vec<_>>>()
                })
        });
        prop_assert!(outcome.is_ok(), "{:?} → {:?}: {:?}", text, query, outcome);
    }
}

#[test]
fn search_queries_find_what_they_name() {
    let conn = search_index();
    let found = |text: &str| -> Vec<String> {
        let query = fts_query(text).unwrap();
        let mut statement = conn
            .prepare("SELECT kind FROM search WHERE search MATCH ?1")
            .unwrap();
        statement
            .query_map([&query], |row| row.get(0))
            .unwrap()
            .collect::<rusqlite::Result<_>>()
            .unwrap()
    };
    assert_eq!(found("geneve pal"), ["meeting"]);
    assert_eq!(found("NEAR(\"wha77\" OR"), Vec::<String>::new());
    assert_eq!(found("wha7"), ["meeting"]);
    assert_eq!(found("ngugi 김"), ["record"]);
}
