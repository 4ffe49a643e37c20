//! The delegate's report: what is gathered, and the Word file read back from its parts (the zip
//! archive and its XML, with `zip` and `quick-xml`, not the writer's own reader) and, where
//! LibreOffice is installed (`cargo xtask setup` installs it for the tests), converted by it.

use std::collections::HashMap;
use std::io::Read;
use std::path::Path;

use quick_xml::events::Event;

use super::docx::{HEADING_1, HEADING_2, HEADING_3, HIGHLIGHT, TITLE, TO_COMPLETE};
use super::*;
use crate::action::{ActionItemDraft, ActionStatus};
use crate::agenda::AgendaItemDraft;
use crate::assignment::{AssignmentDraft, AssignmentStatus, Role};
use crate::error::CoreError;
use crate::meeting::MeetingStatus;
use crate::people::{PersonDraft, PersonKind};
use crate::policy::{
    Mandate, PolicyDocumentDraft, PolicyType, PolicyVoteDraft, PositionDraft, Stance,
};
use crate::record::{RecordDraft, RecordKind};
use crate::session::SessionDraft;
use crate::statement::{StatementDraft, StatementStatus};
use crate::store::{Clock, Store};

/// A store whose today is 30 May 2026, after WHA79 (18–27 May 2026).
fn store() -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open_in(dir.path()).unwrap();
    store.set_clock(Clock::Fixed("2026-05-30T12:00:00Z".parse().unwrap()));
    (dir, store)
}

fn wha79() -> crate::MeetingDraft {
    let mut draft = crate::meeting::tests::kigali();
    draft.body_id = "world_health_assembly".into();
    draft.ordinal = "79".into();
    draft.title = "WHA79".into();
    draft.city = "Geneva".into();
    draft.country = "Switzerland".into();
    draft.venue = "Palais des Nations".into();
    draft.start_date = "2026-05-18".into();
    draft.end_date = "2026-05-27".into();
    draft.time_zone = "Europe/Zurich".into();
    draft.registration_deadline = "2026-04-30".into();
    draft
}

/// WHA79 with two agenda items, a position, outcomes, notes (one marked for the report, one
/// not), statements (one delivered, one not), action items, a session and a delegation.
fn recorded_meeting(store: &mut Store) -> String {
    let meeting = store.create_meeting(&wha79()).unwrap();
    let id = meeting.id.clone();
    let item = |number: &str, title: &str| AgendaItemDraft {
        number: number.into(),
        title: title.into(),
        ..Default::default()
    };
    let amr = store
        .create_agenda_item(&id, &item("13.3", "Antimicrobial resistance"))
        .unwrap();
    let workforce = store
        .create_agenda_item(&id, &item("15.1", "Health workforce"))
        .unwrap();

    let document = store
        .create_policy_document(
            &PolicyDocumentDraft {
                policy_type: PolicyType::WhoResolution,
                title: "Global action plan on antimicrobial resistance".into(),
                code: "WHA79.6".into(),
                meeting_id: id.clone(),
                agenda_item_id: amr.id.clone(),
                ..Default::default()
            },
            "2026-05-26",
        )
        .unwrap();
    store
        .record_position(
            &document.id,
            &PositionDraft {
                meeting_id: id.clone(),
                agenda_item_id: amr.id.clone(),
                stance: Stance::SupportWithAmendments,
                red_lines: "No weakening of stewardship targets".into(),
                fallback: "Accept the 2030 date".into(),
                mandate: Mandate {
                    may_speak: true,
                    may_co_sponsor: false,
                    may_vote: true,
                },
                own_policies: "H-440.835".into(),
                ..Default::default()
            },
        )
        .unwrap();
    store
        .record_policy_vote(
            &document.id,
            &PolicyVoteDraft {
                meeting_id: id.clone(),
                forum: "Committee A".into(),
                in_favour: "120".into(),
                against: "3".into(),
                abstentions: "9".into(),
                result: Some(VoteResult::Adopted),
                note: "Amendment on stewardship accepted".into(),
            },
        )
        .unwrap();

    let record = |item: &str, kind, title: &str, body: &str, for_report| RecordDraft {
        agenda_item_id: item.into(),
        kind,
        author: "Amina Ngũgĩ".into(),
        title: title.into(),
        body: body.into(),
        for_report,
        ..Default::default()
    };
    let mut outcome = record(
        &amr.id,
        RecordKind::Outcome,
        "Committee A adopts the action plan",
        "Adopted as amended.\n\n- stewardship targets kept\n- reporting every two years",
        false,
    );
    outcome.votes_in_favour = "120".into();
    outcome.votes_against = "3".into();
    outcome.abstentions = "9".into();
    outcome.vote_result = Some(VoteResult::Adopted);
    let outcome = store.create_record(&id, &outcome).unwrap();
    store.finalize_record(&outcome.id, outcome.version).unwrap();
    store
        .create_record(
            &id,
            &record(
                &amr.id,
                RecordKind::Notes,
                "Corridor talks with the Nordic group",
                "The Nordic group will table the stewardship amendment.\nThey want our support.",
                true,
            ),
        )
        .unwrap();
    store
        .create_record(
            &id,
            &record(
                &amr.id,
                RecordKind::Notes,
                "Private reminders",
                "Not for the report.",
                false,
            ),
        )
        .unwrap();
    store
        .create_record(
            &id,
            &record(
                "",
                RecordKind::Debrief,
                "Delegation debrief",
                "# What went well\nThe joint statement was heard.",
                true,
            ),
        )
        .unwrap();

    let statement = |title: &str, speaker: &str, text: &str| StatementDraft {
        agenda_item_id: amr.id.clone(),
        title: title.into(),
        organization: "World Medical Association".into(),
        speaker: speaker.into(),
        text: text.into(),
        ..Default::default()
    };
    let delivered = store
        .create_statement(
            &id,
            &statement(
                "WMA statement on antimicrobial resistance",
                "王小明",
                "Prepared text.",
            ),
        )
        .unwrap();
    let mut draft = StatementDraft {
        delivered_text: "Thank you, Chair. Physicians call for stewardship.".into(),
        ..statement(
            "WMA statement on antimicrobial resistance",
            "王小明",
            "Prepared text.",
        )
    };
    draft.co_signers = "CPME, WONCA".into();
    let mut delivered = store
        .update_statement(&delivered.id, delivered.version, &draft)
        .unwrap();
    for step in [
        StatementStatus::InternalReview,
        StatementStatus::Approved,
        StatementStatus::Submitted,
        StatementStatus::Delivered,
    ] {
        delivered = store
            .set_statement_status(&delivered.id, delivered.version, step)
            .unwrap();
    }
    store
        .create_statement(&id, &statement("Never delivered", "Someone", "Draft only."))
        .unwrap();

    for (title, owner, due, item) in [
        (
            "Send our comments to the WMA",
            "Σοφία Παπαδοπούλου",
            "2026-06-15",
            amr.id.as_str(),
        ),
        ("Brief the board", "Amina Ngũgĩ", "", ""),
    ] {
        store
            .create_action_item(
                &id,
                &ActionItemDraft {
                    title: title.into(),
                    owner: owner.into(),
                    due_date: due.into(),
                    status: ActionStatus::Open,
                    agenda_item_id: item.into(),
                    ..Default::default()
                },
            )
            .unwrap();
    }

    store
        .create_session(
            &id,
            &SessionDraft {
                title: "Committee A, fifth meeting".into(),
                date: "2026-05-20".into(),
                start_time: "09:30".into(),
                end_time: "12:30".into(),
                room: "Salle XVIII".into(),
                agenda_item_ids: vec![amr.id.clone(), workforce.id.clone()],
            },
        )
        .unwrap();

    let today = store.clock().today();
    for (name, role, status, sessions) in [
        (
            "Amina Ngũgĩ",
            Role::HeadOfDelegation,
            AssignmentStatus::Attended,
            "Committee A, Plenary",
        ),
        ("王小明", Role::Delegate, AssignmentStatus::Attended, ""),
        ("Kofi Mensah", Role::Adviser, AssignmentStatus::Proposed, ""),
    ] {
        let person = store
            .create_person(&PersonDraft {
                kind: Some(PersonKind::Representative),
                full_name: name.into(),
                ..Default::default()
            })
            .unwrap();
        store
            .create_assignment(
                &AssignmentDraft {
                    meeting_id: id.clone(),
                    person_id: person.id.clone(),
                    role: Some(role),
                    attended_sessions: sessions.into(),
                    ..Default::default()
                },
                status,
                today,
            )
            .unwrap();
    }
    id
}

#[test]
fn votes_read_as_people_write_them() {
    let vote = |f, a, b, r| Vote {
        in_favour: f,
        against: a,
        abstentions: b,
        result: r,
    };
    assert_eq!(
        describe_vote(&vote(
            Some(124),
            Some(0),
            Some(1),
            Some(VoteResult::Adopted)
        )),
        "124 in favour, 0 against, 1 abstention — Adopted"
    );
    assert_eq!(
        describe_vote(&vote(None, None, None, Some(VoteResult::Deferred))),
        "Deferred"
    );
    assert_eq!(
        describe_vote(&vote(Some(3), None, None, None)),
        "3 in favour"
    );
    assert_eq!(describe_vote(&Vote::default()), "");
    assert_eq!(file_name("WHA79"), "WHA79 delegate report.docx");
    assert_eq!(file_name("A/B: 1"), "A-B- 1 delegate report.docx");
}

#[test]
fn the_report_gathers_what_was_recorded() {
    let (_dir, mut store) = store();
    let id = recorded_meeting(&mut store);
    let report = store.delegate_report(&id).unwrap();

    assert_eq!(report.meeting_title, "WHA79");
    assert_eq!(report.file_name, "WHA79 delegate report.docx");
    assert_eq!(report.dates, "18–27 May 2026");
    assert_eq!(report.place, "Geneva, Switzerland · Palais des Nations");

    let titles = |records: &[ReportRecord]| -> Vec<String> {
        records.iter().map(|r| r.title.clone()).collect()
    };
    assert_eq!(titles(&report.whole_meeting), ["Delegation debrief"]);
    let headings: Vec<String> = report.items.iter().map(ReportItem::heading).collect();
    assert_eq!(
        headings,
        ["13.3 Antimicrobial resistance", "15.1 Health workforce"]
    );
    let amr = &report.items[0];
    assert_eq!(amr.positions.len(), 1);
    let position = &amr.positions[0];
    assert_eq!(
        position.document,
        "WHA79.6 · Global action plan on antimicrobial resistance"
    );
    assert_eq!(
        (
            position.stance.as_str(),
            position.mandate.as_str(),
            position.own_policies.as_str()
        ),
        (
            "Support with amendments",
            "may speak, may vote",
            "H-440.835"
        )
    );
    assert_eq!(
        titles(&amr.outcomes),
        ["Committee A adopts the action plan"]
    );
    assert_eq!(
        amr.outcomes[0].vote,
        "120 in favour, 3 against, 9 abstentions — Adopted"
    );
    assert!(!amr.outcomes[0].draft);
    assert_eq!(amr.policy_votes.len(), 1);
    assert_eq!(amr.policy_votes[0].forum, "Committee A");
    // Only notes marked "For the report" go in.
    assert_eq!(titles(&amr.notes), ["Corridor talks with the Nordic group"]);
    assert!(amr.notes[0].draft);
    let workforce = &report.items[1];
    assert!(workforce.positions.is_empty() && workforce.outcomes.is_empty());

    // Only statements delivered, with the text as delivered.
    assert_eq!(report.statements.len(), 1);
    let statement = &report.statements[0];
    assert_eq!(statement.speaker, "王小明");
    assert_eq!(statement.item, "13.3 Antimicrobial resistance");
    assert_eq!(
        statement.text,
        "Thank you, Chair. Physicians call for stewardship."
    );
    assert_eq!(statement.co_signers, "CPME, WONCA");

    let actions: Vec<(&str, &str, &str)> = report
        .actions
        .iter()
        .map(|a| (a.title.as_str(), a.due.as_str(), a.item.as_str()))
        .collect();
    assert_eq!(
        actions,
        [
            (
                "Send our comments to the WMA",
                "15 Jun 2026",
                "13.3 Antimicrobial resistance"
            ),
            ("Brief the board", "", "Whole meeting"),
        ]
    );

    let people: Vec<(&str, &str, bool, &str)> = report
        .attendance
        .iter()
        .map(|a| {
            (
                a.name.as_str(),
                a.status.as_str(),
                a.attended,
                a.sessions.as_str(),
            )
        })
        .collect();
    assert_eq!(
        people,
        [
            ("Amina Ngũgĩ", "Attended", true, "Committee A, Plenary"),
            ("王小明", "Attended", true, ""),
            ("Kofi Mensah", "Proposed", false, ""),
        ]
    );
    assert_eq!(report.sessions.len(), 1);
    assert_eq!(report.sessions[0].when, "Wed 20 May 2026, 09:30–12:30");
    assert_eq!(report.sessions[0].items, "13.3, 15.1");
}

#[test]
fn a_meeting_not_yet_begun_cancelled_or_unknown_is_refused_and_nothing_is_written() {
    let (dir, mut store) = store();
    let mut future = wha79();
    future.title = "WHA80".into();
    future.ordinal = "80".into();
    future.start_date = "2027-05-17".into();
    future.end_date = "2027-05-25".into();
    future.registration_deadline = String::new();
    let future = store.create_meeting(&future).unwrap();
    let file = dir.path().join("report.docx");
    let Err(CoreError::Refused(message)) = store.write_delegate_report(&future.id, &file) else {
        panic!("a meeting not yet begun was accepted")
    };
    assert_eq!(
        message,
        "WHA80 begins on 17 May 2027; its report can be drafted once it has begun."
    );

    let mut cancelled = wha79();
    cancelled.status = MeetingStatus::Cancelled;
    let cancelled = store.create_meeting(&cancelled).unwrap();
    assert!(matches!(
        store.write_delegate_report(&cancelled.id, &file),
        Err(CoreError::Refused(m)) if m.contains("cancelled")
    ));
    assert!(matches!(
        store.write_delegate_report("no-such-meeting", &file),
        Err(CoreError::NotFound { .. })
    ));

    let id = recorded_meeting(&mut store);
    let Err(CoreError::Refused(message)) =
        store.write_delegate_report(&id, &dir.path().join("report.pdf"))
    else {
        panic!("a file not named .docx was accepted")
    };
    assert!(message.contains("ending in .docx"), "{message}");
    // A folder that does not exist: the core's own message, and no file.
    let missing = dir.path().join("no folder").join("report.docx");
    assert!(matches!(
        store.write_delegate_report(&id, &missing),
        Err(CoreError::Refused(_))
    ));
    let left: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .filter(|n| n.contains("report"))
        .collect();
    assert!(left.is_empty(), "files left behind: {left:?}");
}

/// A paragraph of `word/document.xml` as Word reads it.
#[derive(Debug, Default)]
struct Para {
    style: Option<String>,
    text: String,
    /// The text of runs highlighted in the places-to-complete colour and style.
    to_complete: Vec<String>,
    in_table: bool,
}

/// A style of `word/styles.xml`: its name and outline level.
#[derive(Debug, Default)]
struct StyleInfo {
    name: String,
    outline: Option<String>,
    highlight: Option<String>,
}

fn part(file: &Path, name: &str) -> String {
    let mut archive = zip::ZipArchive::new(std::fs::File::open(file).unwrap()).unwrap();
    let mut text = String::new();
    archive
        .by_name(name)
        .unwrap_or_else(|_| panic!("the file has no {name}"))
        .read_to_string(&mut text)
        .unwrap();
    text
}

fn attribute(e: &quick_xml::events::BytesStart<'_>, name: &[u8]) -> Option<String> {
    e.attributes()
        .map(Result::unwrap)
        .find(|a| a.key.as_ref() == name)
        .map(|a| String::from_utf8(a.value.to_vec()).unwrap())
}

fn entity(e: &quick_xml::events::BytesRef<'_>) -> String {
    if let Some(c) = e.resolve_char_ref().unwrap() {
        return c.to_string();
    }
    match e.decode().unwrap().as_ref() {
        "amp" => "&",
        "lt" => "<",
        "gt" => ">",
        "quot" => "\"",
        "apos" => "'",
        other => panic!("unexpected entity {other}"),
    }
    .to_owned()
}

fn paragraphs(xml: &str) -> Vec<Para> {
    let mut reader = quick_xml::Reader::from_str(xml);
    let mut paragraphs = Vec::new();
    let mut para: Option<Para> = None;
    let (mut run_text, mut run_highlight, mut run_style) = (String::new(), None, None);
    let (mut in_text, mut tables) = (false, 0);
    loop {
        match reader
            .read_event()
            .expect("document.xml is well-formed XML")
        {
            Event::Start(e) | Event::Empty(e) if e.name().as_ref() == b"w:tbl" => {
                // An empty table element cannot occur; a start opens one.
                tables += 1;
            }
            Event::Start(e) | Event::Empty(e) => match e.name().as_ref() {
                b"w:p" => {
                    para = Some(Para {
                        in_table: tables > 0,
                        ..Para::default()
                    })
                }
                b"w:pStyle" => para.as_mut().unwrap().style = attribute(&e, b"w:val"),
                b"w:r" => {
                    run_text.clear();
                    run_highlight = None;
                    run_style = None;
                }
                b"w:highlight" => run_highlight = attribute(&e, b"w:val"),
                b"w:rStyle" => run_style = attribute(&e, b"w:val"),
                b"w:t" => in_text = true,
                b"w:br" => run_text.push('\n'),
                _ => {}
            },
            Event::Text(t) if in_text => run_text.push_str(&t.decode().unwrap()),
            Event::GeneralRef(r) if in_text => run_text.push_str(&entity(&r)),
            Event::End(e) => match e.name().as_ref() {
                b"w:t" => in_text = false,
                b"w:tbl" => tables -= 1,
                b"w:r" => {
                    let p = para.as_mut().unwrap();
                    p.text.push_str(&run_text);
                    if run_highlight.as_deref() == Some(HIGHLIGHT)
                        && run_style.as_deref() == Some(TO_COMPLETE)
                    {
                        p.to_complete.push(run_text.clone());
                    }
                }
                b"w:p" => paragraphs.push(para.take().unwrap()),
                _ => {}
            },
            Event::Eof => break,
            _ => {}
        }
    }
    paragraphs
}

fn styles(xml: &str) -> HashMap<String, StyleInfo> {
    let mut reader = quick_xml::Reader::from_str(xml);
    let mut styles = HashMap::new();
    let mut current: Option<(String, StyleInfo)> = None;
    loop {
        match reader.read_event().expect("styles.xml is well-formed XML") {
            Event::Start(e) | Event::Empty(e) => match e.name().as_ref() {
                b"w:style" => {
                    current = Some((attribute(&e, b"w:styleId").unwrap(), StyleInfo::default()))
                }
                b"w:name" => {
                    if let Some((_, s)) = current.as_mut() {
                        s.name = attribute(&e, b"w:val").unwrap();
                    }
                }
                b"w:outlineLvl" => {
                    if let Some((_, s)) = current.as_mut() {
                        s.outline = attribute(&e, b"w:val");
                    }
                }
                b"w:highlight" => {
                    if let Some((_, s)) = current.as_mut() {
                        s.highlight = attribute(&e, b"w:val");
                    }
                }
                _ => {}
            },
            Event::End(e) if e.name().as_ref() == b"w:style" => {
                let (id, style) = current.take().unwrap();
                styles.insert(id, style);
            }
            Event::Eof => break,
            _ => {}
        }
    }
    styles
}

fn written(store: &Store, id: &str) -> (tempfile::TempDir, std::path::PathBuf) {
    let out = tempfile::tempdir().unwrap();
    let file = out.path().join("WHA79 delegate report.docx");
    store.write_delegate_report(id, &file).unwrap();
    (out, file)
}

#[test]
fn the_word_file_has_headings_tables_the_recorded_text_and_places_to_complete() {
    let (_dir, mut store) = store();
    let id = recorded_meeting(&mut store);
    let (_out, file) = written(&store, &id);

    // The package holds what Word needs: content types, the document and its styles.
    let types = part(&file, "[Content_Types].xml");
    assert!(types.contains("wordprocessingml.document.main+xml"));
    let styles = styles(&part(&file, "word/styles.xml"));
    for (id, name, level) in [
        (HEADING_1, "heading 1", "0"),
        (HEADING_2, "heading 2", "1"),
        (HEADING_3, "heading 3", "2"),
    ] {
        let style = &styles[id];
        assert_eq!(
            (style.name.as_str(), style.outline.as_deref()),
            (name, Some(level)),
            "{id} is Word's built-in heading with its outline level"
        );
    }
    assert_eq!(styles[TITLE].name, "Title");
    assert_eq!(styles[TO_COMPLETE].highlight.as_deref(), Some(HIGHLIGHT));

    let paragraphs = paragraphs(&part(&file, "word/document.xml"));
    let with_style = |style: &str| -> Vec<&str> {
        paragraphs
            .iter()
            .filter(|p| p.style.as_deref() == Some(style))
            .map(|p| p.text.as_str())
            .collect()
    };
    assert_eq!(with_style(TITLE), ["Delegate's report: WHA79"]);
    assert_eq!(
        with_style(HEADING_1),
        [
            "Summary",
            "The meeting as a whole",
            "Agenda items",
            "Statements delivered",
            "Action items",
            "Attendance",
            "Recommendations and follow-up"
        ]
    );
    assert_eq!(
        with_style(HEADING_2),
        [
            "13.3 Antimicrobial resistance",
            "15.1 Health workforce",
            "WMA statement on antimicrobial resistance",
            "Sessions"
        ]
    );
    assert_eq!(with_style(HEADING_3), ["Notes for the report"]);

    let all: Vec<&str> = paragraphs.iter().map(|p| p.text.as_str()).collect();
    let text = all.join("\n");
    let position_of = |needle: &str| {
        all.iter()
            .position(|p| p.contains(needle))
            .unwrap_or_else(|| panic!("\"{needle}\" is not in the report:\n{text}"))
    };
    assert!(all[1].starts_with("18–27 May 2026 · Geneva, Switzerland · Palais des Nations"));

    // Beside each other in one table row: our position and the outcome with its vote.
    let amr = position_of("13.3 Antimicrobial resistance");
    let workforce = position_of("15.1 Health workforce");
    for needle in [
        "Our position",
        "Outcome and vote",
        "WHA79.6 · Global action plan on antimicrobial resistance",
        "Stance: Support with amendments",
        "Red lines: No weakening of stewardship targets",
        "Fallback: Accept the 2030 date",
        "Mandate: may speak, may vote",
        "Our policies: H-440.835",
        "Committee A adopts the action plan (outcome, by Amina Ngũgĩ)",
        "Vote: 120 in favour, 3 against, 9 abstentions — Adopted",
        "Adopted as amended.",
        "• stewardship targets kept",
        "Vote: WHA79.6 · Global action plan on antimicrobial resistance, Committee A: 120 in \
         favour, 3 against, 9 abstentions — Adopted (Amendment on stewardship accepted)",
    ] {
        let at = position_of(needle);
        assert!(amr < at && at < workforce, "{needle} is not under 13.3");
        assert!(
            paragraphs[at].in_table,
            "{needle} is not in the item's table"
        );
    }
    // The marked notes, with their line break, but not the unmarked ones.
    let notes =
        position_of("Corridor talks with the Nordic group (notes, by Amina Ngũgĩ, still a draft)");
    assert!(amr < notes && notes < workforce);
    assert!(text.contains(
        "The Nordic group will table the stewardship amendment.\nThey want our support."
    ));
    assert!(!text.contains("Private reminders") && !text.contains("Not for the report."));
    assert!(text.contains("Delegation debrief (debrief, by Amina Ngũgĩ, still a draft)"));
    assert!(text.contains("What went well\nThe joint statement was heard."));

    let statements = position_of("Statements delivered");
    let delivered = position_of(
        "Delivered by 王小明 for World Medical Association under 13.3 Antimicrobial resistance \
         (Individual statement); co-signed by CPME, WONCA.",
    );
    assert!(statements < delivered);
    assert!(text.contains("Thank you, Chair. Physicians call for stewardship."));
    assert!(!text.contains("Never delivered") && !text.contains("Prepared text."));

    let actions = position_of("Action items");
    for needle in [
        "Send our comments to the WMA",
        "Σοφία Παπαδοπούλου",
        "15 Jun 2026",
        "Brief the board",
    ] {
        assert!(position_of(needle) > actions);
    }
    let attendance = position_of("Attendance");
    for needle in [
        "Amina Ngũgĩ",
        "Head of delegation",
        "Committee A, Plenary",
        "Kofi Mensah",
        "Proposed",
        "Wed 20 May 2026, 09:30–12:30",
        "Committee A, fifth meeting",
        "Salle XVIII",
        "13.3, 15.1",
    ] {
        assert!(
            all.iter().skip(attendance).any(|p| *p == needle),
            "{needle} is not a cell of the attendance or sessions table"
        );
    }

    // Every place to complete is highlighted in its style, where it belongs.
    let places: Vec<(usize, &str)> = paragraphs
        .iter()
        .enumerate()
        .flat_map(|(i, p)| p.to_complete.iter().map(move |t| (i, t.as_str())))
        .collect();
    let expected = [
        "[To complete: summary of the meeting and what it means for the association]",
        "[To complete: summary of the debate, and how the outcome meets our position]",
        "[To complete: the outcome of this item and any vote]",
        "[To complete: summary of the debate, and how the outcome meets our position]",
        "[To complete: sessions attended]",
        "[To complete: recommendations for the association and what should happen next]",
    ];
    assert_eq!(places.iter().map(|(_, t)| *t).collect::<Vec<_>>(), expected);
    assert!(places[1].0 > amr && places[1].0 < workforce);
    assert!(places[2].0 > workforce && paragraphs[places[2].0].in_table);
    assert!(places[4].0 > attendance && paragraphs[places[4].0].in_table);
    // The text around a place does not claim to be one.
    let bracketed = all.iter().filter(|p| p.contains("[To complete:")).count();
    assert_eq!(
        bracketed,
        expected.len() + 1,
        "only the note at the top names them"
    );
}

#[test]
fn text_xml_cannot_carry_is_left_out_and_the_file_still_opens() {
    let (_dir, mut store) = store();
    let meeting = store.create_meeting(&wha79()).unwrap();
    store
        .create_record(
            &meeting.id,
            &RecordDraft {
                kind: RecordKind::Outcome,
                title: "Bell\u{7} & <tags> \"quoted\"".into(),
                body: "Form feed\u{c}here\r\nand a tab\tthere".into(),
                ..Default::default()
            },
        )
        .unwrap();
    let (_out, file) = written(&store, &meeting.id);
    let paragraphs = paragraphs(&part(&file, "word/document.xml"));
    let text: Vec<&str> = paragraphs.iter().map(|p| p.text.as_str()).collect();
    assert!(
        text.contains(&"Bell & <tags> \"quoted\" (outcome, still a draft)"),
        "{text:?}"
    );
    assert!(text.contains(&"Form feedhere\nand a tab there"), "{text:?}");
    assert!(text.contains(&"No agenda items were recorded for this meeting."));
    assert!(text.contains(&"No one was assigned to this meeting."));
}

/// LibreOffice opens the file and reads the same text (`soffice --headless --convert-to txt`).
#[test]
fn libreoffice_opens_the_report_and_reads_its_text() {
    let soffice = ["soffice", "libreoffice"]
        .into_iter()
        .find(|name| {
            std::process::Command::new(name)
                .arg("--version")
                .output()
                .is_ok_and(|o| o.status.success())
        })
        .expect("LibreOffice (soffice) is installed by `cargo xtask setup` for this test");
    let (_dir, mut store) = store();
    let id = recorded_meeting(&mut store);
    let (out, file) = written(&store, &id);
    let profile = tempfile::tempdir().unwrap();
    let output = std::process::Command::new(soffice)
        .arg(format!(
            "-env:UserInstallation=file://{}",
            profile.path().display()
        ))
        .args([
            "--headless",
            "--norestore",
            "--convert-to",
            "txt:Text (encoded):UTF8",
        ])
        .arg("--outdir")
        .arg(out.path())
        .arg(&file)
        .output()
        .unwrap();
    assert!(output.status.success(), "{output:?}");
    let text = std::fs::read_to_string(out.path().join("WHA79 delegate report.txt"))
        .unwrap_or_else(|e| panic!("LibreOffice wrote no text ({e}): {output:?}"));
    for needle in [
        "Delegate's report: WHA79",
        "13.3 Antimicrobial resistance",
        "Stance: Support with amendments",
        "Vote: 120 in favour, 3 against, 9 abstentions — Adopted",
        "Delivered by 王小明",
        "Σοφία Παπαδοπούλου",
        "Amina Ngũgĩ",
        "[To complete: summary of the debate, and how the outcome meets our position]",
        "Recommendations and follow-up",
    ] {
        assert!(
            text.contains(needle),
            "LibreOffice did not read \"{needle}\":\n{text}"
        );
    }
}

#[test]
fn the_document_properties_name_the_report_and_who_drafts_it() {
    let (_dir, mut store) = store();
    let id = recorded_meeting(&mut store);
    let (_out, file) = written(&store, &id);
    let core = part(&file, "docProps/core.xml");
    assert!(
        core.contains("<dc:title>Delegate's report: WHA79</dc:title>"),
        "{core}"
    );
    // No "me" chosen yet: the application is named, never "unknown".
    assert!(core.contains("<dc:creator>Plenary</dc:creator>"), "{core}");
    assert!(!core.contains("unknown"), "{core}");

    let me = store
        .create_person(&crate::people::PersonDraft {
            kind: Some(crate::people::PersonKind::Staff),
            full_name: "Zoë O'Connor & Ngũgĩ".into(),
            ..Default::default()
        })
        .unwrap();
    store
        .set_setting(crate::SettingKey::Me, &me.id, None)
        .unwrap();
    let (_out, file) = written(&store, &id);
    let core = part(&file, "docProps/core.xml");
    assert!(
        core.contains("<dc:creator>Zoë O'Connor &amp; Ngũgĩ</dc:creator>"),
        "{core}"
    );
    assert!(
        core.contains("<cp:lastModifiedBy>Zoë O'Connor &amp; Ngũgĩ</cp:lastModifiedBy>"),
        "{core}"
    );
    // Every other part is still there, and the document still reads.
    assert!(part(&file, "word/document.xml").contains("Antimicrobial resistance"));
    assert!(part(&file, "[Content_Types].xml").contains("core-properties"));
}
