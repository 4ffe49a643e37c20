use super::*;
use crate::agenda::AgendaItemDraft;
use crate::meeting::MeetingDraft;
use crate::meeting::tests::kigali;
use crate::policy::{PolicyActionKind, Stance};
use crate::record::VoteResult;

fn store() -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open_in(dir.path()).unwrap();
    (dir, store)
}

fn wha(ordinal: u32, start: &str, end: &str) -> MeetingDraft {
    MeetingDraft {
        body_id: "world_health_assembly".into(),
        ordinal: ordinal.to_string(),
        title: format!("WHA{ordinal}"),
        city: "Geneva".into(),
        country: "Switzerland".into(),
        venue: "Palais des Nations".into(),
        start_date: start.into(),
        end_date: end.into(),
        time_zone: "Europe/Zurich".into(),
        registration_deadline: String::new(),
        ..kigali()
    }
}

fn geneva_draft() -> PolicyDocumentDraft {
    PolicyDocumentDraft {
        policy_type: PolicyType::Declaration,
        title: "WMA Declaration of Geneva".into(),
        short_name: "Declaration of Geneva".into(),
        code: "D-1948-01-2017".into(),
        topics: "ethics, physician's pledge".into(),
        full_text: "As a member of the medical profession I solemnly pledge…".into(),
        ..Default::default()
    }
}

fn act(kind: PolicyActionKind, date: &str) -> PolicyActionDraft {
    PolicyActionDraft {
        kind,
        date: date.into(),
        body_id: policy::GENERAL_ASSEMBLY.into(),
        ..Default::default()
    }
}

fn geneva(store: &mut Store) -> PolicyDocument {
    use PolicyActionKind::*;
    let mut document = store.create_policy_document(&geneva_draft(), "").unwrap();
    for (kind, date) in [
        (Adopted, "1948"),
        (Amended, "1968"),
        (Amended, "1983"),
        (Amended, "1994"),
        (EditoriallyRevised, "2005"),
        (EditoriallyRevised, "2006"),
        (Amended, "2017-10"),
    ] {
        document = store
            .add_policy_action(&document.id, document.version, &act(kind, date))
            .unwrap();
    }
    document
}

fn date(text: &str) -> Date {
    text.parse().unwrap()
}

#[test]
fn geneva_history_derives_status_code_and_review() {
    let (_dir, mut store) = store();
    let created = store.create_policy_document(&geneva_draft(), "").unwrap();
    assert_eq!(created.status, PolicyStatus::NotAdopted);
    assert_eq!(created.handbook_code.as_deref(), Some("D-1948-01-2017"));
    let document = geneva(&mut store);
    assert_eq!(document.status, PolicyStatus::InForce);
    assert_eq!(document.review_due.unwrap().to_string(), "2027-10");
    assert_eq!(document.version, 8);
    let history = store.policy_actions(&document.id).unwrap();
    assert_eq!(history.len(), 7);
    assert_eq!(history[0].fields.date.to_string(), "1948");

    // Reaffirmed in 2025: the code's last part and the review date follow.
    let reaffirmed = store
        .add_policy_action(
            &document.id,
            document.version,
            &act(PolicyActionKind::Reaffirmed, "2025-10-04"),
        )
        .unwrap();
    assert_eq!(reaffirmed.handbook_code.as_deref(), Some("D-1948-01-2025"));
    assert_eq!(reaffirmed.review_due.unwrap().to_string(), "2035-10-04");

    // A stale version and an action before the adoption change nothing.
    let stale = store.add_policy_action(
        &document.id,
        document.version,
        &act(PolicyActionKind::Reaffirmed, "2026"),
    );
    assert!(matches!(stale, Err(CoreError::Conflict { .. })));
    let early = store.add_policy_action(
        &document.id,
        reaffirmed.version,
        &act(PolicyActionKind::Amended, "1947"),
    );
    assert!(matches!(early, Err(CoreError::Validation(e)) if e[0].field == "date"));
    assert_eq!(store.policy_actions(&document.id).unwrap().len(), 8);
    assert_eq!(store.policy_document(&document.id).unwrap(), reaffirmed);
    assert!(!store.history(TABLE, &document.id).unwrap().is_empty());

    // Found by code, name and text, diacritics folded.
    let hits = store.search("D-1948", 10).unwrap();
    assert!(hits.iter().any(|h| h.record_id == document.id));
    let hits = store.search("D-1948-01-2025", 10).unwrap();
    assert_eq!(hits.len(), 1);
    assert_eq!(hits[0].record_id, document.id);
    assert_eq!(
        store.search("solemnly pledge", 10).unwrap()[0].kind,
        "policy_document"
    );
}

#[test]
fn reviews_due_in_a_window_overdue_first_and_counted() {
    use PolicyActionKind::*;
    let (_dir, mut store) = store();
    let geneva = geneva(&mut store);
    let mut resolution = |title: &str, code: &str, adopted: &str| {
        let d = store
            .create_policy_document(
                &PolicyDocumentDraft {
                    policy_type: PolicyType::Resolution,
                    title: title.into(),
                    code: code.into(),
                    ..Default::default()
                },
                "",
            )
            .unwrap();
        store
            .add_policy_action(&d.id, d.version, &act(Adopted, adopted))
            .unwrap()
    };
    let old = resolution("Old resolution", "R-2019-01-2019", "2019"); // due 2024: overdue
    let nepal = resolution(
        "Violence against physicians in Nepal",
        "R-2023-03-2023",
        "2023-10",
    ); // due 2028-10
    let due_2027 = resolution("Due in 2027", "R-2022-01-2022", "2022-04-20");

    let today = date("2026-11-28");
    let due = store.reviews_due(today, date("2027-12-31")).unwrap();
    let ids: Vec<&str> = due.iter().map(|d| d.document.id.as_str()).collect();
    assert_eq!(
        ids,
        [old.id.as_str(), due_2027.id.as_str(), geneva.id.as_str()]
    );
    assert!(due[0].overdue && !due[1].overdue && !due[2].overdue);
    assert!(!ids.contains(&nepal.id.as_str()));

    // Year-only precision: the whole of 2024 is the due period.
    assert!(
        !store
            .reviews_due(date("2024-06-01"), date("2024-06-30"))
            .unwrap()[0]
            .overdue
    );
    assert_eq!(
        store
            .reviews_due(date("2023-06-01"), date("2023-12-31"))
            .unwrap()
            .len(),
        0
    );

    assert_eq!(
        store.review_due_count(date("2027-01-15")).unwrap(),
        ReviewDueCount {
            year: 2027,
            due: 2,
            overdue: 1,
            by_year_end: 3
        }
    );
    // Due in April and not reviewed by June: due this year and overdue, one document all the same.
    assert_eq!(
        store.review_due_count(date("2027-06-01")).unwrap(),
        ReviewDueCount {
            year: 2027,
            due: 2,
            overdue: 2,
            by_year_end: 3
        }
    );

    // Rescinded documents are no longer reviewed.
    store
        .add_policy_action(&old.id, old.version, &act(RescindedAndArchived, "2025-10"))
        .unwrap();
    assert_eq!(
        store.reviews_due(today, date("2027-12-31")).unwrap().len(),
        2
    );

    // Filters.
    let resolutions = store
        .policy_documents(&PolicyFilter {
            policy_type: Some(PolicyType::Resolution),
            ..Default::default()
        })
        .unwrap();
    assert_eq!(resolutions.len(), 3);
    let in_force = store
        .policy_documents(&PolicyFilter {
            status: Some(PolicyStatus::InForce),
            topic: "ethic".into(),
            ..Default::default()
        })
        .unwrap();
    assert_eq!(in_force.len(), 1);
    let wma = store
        .policy_documents(&PolicyFilter {
            organization: Some(crate::body::BodyOrganization::Wma),
            review_due_by: "2027-12-31".into(),
            ..Default::default()
        })
        .unwrap();
    // Geneva and the 2027 resolution; the old one was rescinded, Nepal falls due in 2028.
    assert_eq!(wma.len(), 2);
    assert!(
        store
            .policy_documents(&PolicyFilter {
                organization: Some(crate::body::BodyOrganization::Who),
                ..Default::default()
            })
            .unwrap()
            .is_empty()
    );
    store
        .record_position(
            &nepal.id,
            &PositionDraft {
                stance: Stance::Support,
                ..Default::default()
            },
        )
        .unwrap();
    let supported = store
        .policy_documents(&PolicyFilter {
            stance: Some(Stance::Support),
            ..Default::default()
        })
        .unwrap();
    assert_eq!(supported.len(), 1);
    assert_eq!(supported[0].id, nepal.id);
    assert!(matches!(
        store.policy_documents(&PolicyFilter {
            review_due_by: "soon".into(),
            ..Default::default()
        }),
        Err(CoreError::Validation(_))
    ));
}

#[test]
fn who_symbols_must_match_their_meeting() {
    let (_dir, mut store) = store();
    let wha77 = store
        .create_meeting(&wha(77, "2024-05-27", "2024-06-01"))
        .unwrap();
    let wha78 = store
        .create_meeting(&wha(78, "2025-05-19", "2025-05-27"))
        .unwrap();
    let draft = |code: &str, meeting: &str| PolicyDocumentDraft {
        policy_type: PolicyType::WhoResolution,
        title: "A resolution".into(),
        code: code.into(),
        meeting_id: meeting.into(),
        ..Default::default()
    };
    assert!(
        store
            .create_policy_document(&draft("WHA77.17", &wha77.id), "2024-06-01")
            .is_ok()
    );
    let Err(CoreError::Validation(e)) =
        store.create_policy_document(&draft("WHA77.18", &wha78.id), "2025-05-27")
    else {
        panic!()
    };
    assert_eq!(e[0].field, "meeting_id");
    assert!(
        e[0].message
            .contains("WHA77.18 belongs to WHA77, but the chosen meeting is WHA78"),
        "{}",
        e[0].message
    );
    assert!(matches!(
        store.create_policy_document(&draft("EB154.R3", &wha77.id), "2024-01-27"),
        Err(CoreError::Validation(e)) if e[0].field == "meeting_id"
    ));
    // A meeting within WHA77 (Committee A) is WHA77 too.
    let mut committee = wha(77, "2024-05-28", "2024-05-28");
    committee.body_id = "wha_committee_a".into();
    committee.ordinal = String::new();
    committee.title = "WHA77 Committee A".into();
    committee.parent_id = wha77.id.clone();
    let committee = store.create_meeting(&committee).unwrap();
    assert!(
        store
            .create_policy_document(&draft("WHA77.19", &committee.id), "2024-05-28")
            .is_ok()
    );
    assert_eq!(
        store
            .policy_documents(&PolicyFilter::default())
            .unwrap()
            .len(),
        2
    );
}

#[test]
fn positions_keep_earlier_ones_and_votes_are_recorded() {
    let (_dir, mut store) = store();
    let wha78 = store
        .create_meeting(&wha(78, "2025-05-19", "2025-05-27"))
        .unwrap();
    let item = store
        .create_agenda_item(
            &wha78.id,
            &AgendaItemDraft {
                number: "11.1".into(),
                title: "Pandemic agreement".into(),
                ..Default::default()
            },
        )
        .unwrap();
    let document = store
        .create_policy_document(
            &PolicyDocumentDraft {
                policy_type: PolicyType::WhoResolution,
                title: "WHO Pandemic Agreement".into(),
                code: "WHA78.1".into(),
                meeting_id: wha78.id.clone(),
                agenda_item_id: item.id.clone(),
                ..Default::default()
            },
            "2025-05-27",
        )
        .unwrap();
    let position = |stance| PositionDraft {
        meeting_id: wha78.id.clone(),
        agenda_item_id: item.id.clone(),
        stance,
        mandate: Mandate {
            may_speak: true,
            may_co_sponsor: false,
            may_vote: false,
        },
        own_policies: "H-440.835".into(),
        approved_by: "Board of Trustees".into(),
        approved_on: "2025-05-01".into(),
        ..Default::default()
    };
    let first = store
        .record_position(&document.id, &position(Stance::SupportWithAmendments))
        .unwrap();
    let second = store
        .record_position(&document.id, &position(Stance::Support))
        .unwrap();
    let all = store.positions(&document.id).unwrap();
    assert_eq!(all.len(), 2);
    assert_eq!(
        (all[0].id.as_str(), all[0].current),
        (second.id.as_str(), true)
    );
    assert_eq!(
        (all[1].id.as_str(), all[1].current),
        (first.id.as_str(), false)
    );
    let on_item = store.positions_for_agenda_item(&item.id).unwrap();
    assert_eq!(on_item.len(), 1);
    assert_eq!(on_item[0].fields.stance, Stance::Support);
    assert!(on_item[0].fields.mandate.may_speak);

    // An agenda item of another meeting is refused.
    let other = store.create_meeting(&kigali()).unwrap();
    let mut wrong = position(Stance::Oppose);
    wrong.meeting_id = other.id;
    assert!(
        matches!(store.record_position(&document.id, &wrong), Err(CoreError::Validation(e)) if e[0].field == "agenda_item_id")
    );

    let vote = store
        .record_policy_vote(
            &document.id,
            &PolicyVoteDraft {
                meeting_id: wha78.id.clone(),
                forum: "Committee A".into(),
                in_favour: "124".into(),
                against: "0".into(),
                abstentions: "11".into(),
                result: Some(VoteResult::Adopted),
                note: String::new(),
            },
        )
        .unwrap();
    assert_eq!(
        store.policy_votes(&document.id).unwrap(),
        std::slice::from_ref(&vote)
    );
    // The document is kept while votes and positions refer to it.
    assert!(matches!(
        store.delete_policy_document(&document.id, document.version),
        Err(CoreError::InUse(_))
    ));
    assert!(matches!(
        store.delete_policy_vote(&vote.id, 7),
        Err(CoreError::Conflict { .. })
    ));
    store.delete_policy_vote(&vote.id, vote.version).unwrap();
    assert!(store.policy_votes(&document.id).unwrap().is_empty());
}

#[test]
fn documents_update_and_delete_with_versions() {
    let (_dir, mut store) = store();
    let d = store.create_policy_document(&geneva_draft(), "").unwrap();
    let mut draft = geneva_draft();
    draft.summary = "The physician's pledge".into();
    let updated = store
        .update_policy_document(&d.id, d.version, &draft)
        .unwrap();
    assert_eq!(updated.version, 2);
    assert!(matches!(
        store.update_policy_document(&d.id, d.version, &draft),
        Err(CoreError::Conflict { .. })
    ));
    draft.code = "S-1948-01-2017".into();
    assert!(matches!(
        store.update_policy_document(&d.id, updated.version, &draft),
        Err(CoreError::Validation(_))
    ));
    store
        .delete_policy_document(&d.id, updated.version)
        .unwrap();
    assert!(matches!(
        store.policy_document(&d.id),
        Err(CoreError::NotFound { .. })
    ));
    assert!(store.search("Geneva", 10).unwrap().is_empty());
}

#[test]
fn markup_non_latin_text_and_overlong_input() {
    let (_dir, mut store) = store();
    let mut draft = geneva_draft();
    draft.title = "<script>alert(1)</script> Déclaration de Genève — 김 محمد".into();
    draft.code = String::new();
    let d = store.create_policy_document(&draft, "").unwrap();
    // Kept verbatim (the UI renders it as text), found with diacritics folded.
    assert_eq!(d.fields.title, draft.title);
    assert_eq!(store.search("geneve", 10).unwrap()[0].record_id, d.id);
    let mut long = geneva_draft();
    long.title = "x".repeat(501);
    assert!(matches!(
        store.create_policy_document(&long, ""),
        Err(CoreError::Validation(e)) if e[0].field == "title"
    ));
    // Unknown ids: not found, nothing written.
    assert!(matches!(
        store.add_policy_action("no-such-id", 1, &act(PolicyActionKind::Adopted, "1948")),
        Err(CoreError::NotFound { .. })
    ));
    assert!(matches!(
        store.record_position("no-such-id", &PositionDraft::default()),
        Err(CoreError::NotFound { .. })
    ));
    assert_eq!(
        store
            .policy_documents(&PolicyFilter::default())
            .unwrap()
            .len(),
        1
    );
}

/// A declaration adopted in 2006 and revised in "2016-01" (meant: 2016-10).
fn mistyped(store: &mut Store) -> (PolicyDocument, PolicyAction) {
    let mut document = store
        .create_policy_document(
            &PolicyDocumentDraft {
                policy_type: PolicyType::Declaration,
                title: "WMA Declaration of Tokyo".into(),
                code: "D-1975-01-2006".into(),
                ..Default::default()
            },
            "",
        )
        .unwrap();
    for (kind, date) in [
        (PolicyActionKind::Adopted, "1975-10"),
        (PolicyActionKind::Revised, "2006-05"),
        (PolicyActionKind::Revised, "2016-01"),
    ] {
        document = store
            .add_policy_action(&document.id, document.version, &act(kind, date))
            .unwrap();
    }
    let wrong = store.policy_actions(&document.id).unwrap().pop().unwrap();
    (document, wrong)
}

#[test]
fn a_mistyped_action_is_corrected_and_everything_is_derived_again() {
    let (_dir, mut store) = store();
    let (document, wrong) = mistyped(&mut store);
    assert_eq!(document.review_due.unwrap().to_string(), "2026-01");
    assert_eq!(document.handbook_code.as_deref(), Some("D-1975-01-2016"));

    let mut draft = act(PolicyActionKind::Revised, "2016-10");
    draft.note = "Revised at the Taipei General Assembly".into();
    let corrected = store
        .update_policy_action(&wrong.id, wrong.version, &draft)
        .unwrap();
    assert_eq!(corrected.review_due.unwrap().to_string(), "2026-10");
    assert_eq!(corrected.version, document.version + 1);
    let action = store.policy_actions(&document.id).unwrap().pop().unwrap();
    assert_eq!(action.fields.date.to_string(), "2016-10");
    assert_eq!(action.version, 2);
    assert_eq!(action.created_at, wrong.created_at);

    // The correction is kept: the action's update, and the document's with the new review date.
    let entries = store.history(ACTION_TABLE, &wrong.id).unwrap();
    assert_eq!(
        entries.iter().map(|e| e.action).collect::<Vec<_>>(),
        [HistoryAction::Create, HistoryAction::Update]
    );
    assert_eq!(entries[1].before.as_ref().unwrap()["date"], "2016-01");
    assert_eq!(entries[1].after.as_ref().unwrap()["date"], "2016-10");
    let last = store.history(TABLE, &document.id).unwrap().pop().unwrap();
    assert!(last.changed.contains(&"review_due".to_owned()));

    // Stale: the version read before the correction changes nothing.
    let stale = store.update_policy_action(
        &wrong.id,
        wrong.version,
        &act(PolicyActionKind::Revised, "2016-11"),
    );
    assert!(matches!(stale, Err(CoreError::Conflict { .. })));
    // Bad input: an unreadable date, a date before the adoption; nothing changes.
    for bad in ["Oct 2016", "1974"] {
        let refused = store.update_policy_action(
            &wrong.id,
            action.version,
            &act(PolicyActionKind::Revised, bad),
        );
        assert!(
            matches!(refused, Err(CoreError::Validation(e)) if e[0].field == "date"),
            "{bad}"
        );
    }
    let unknown = store.update_policy_action("no-such-action", 1, &draft);
    assert!(matches!(unknown, Err(CoreError::NotFound { .. })));
    assert_eq!(store.policy_document(&document.id).unwrap(), corrected);
    // Saving it unchanged is no change.
    let same = store
        .update_policy_action(&wrong.id, action.version, &draft)
        .unwrap();
    assert_eq!(same, corrected);

    // Moving the adoption after the other actions is refused, as when adding.
    let adoption = store.policy_actions(&document.id).unwrap().remove(0);
    let late = store.update_policy_action(
        &adoption.id,
        adoption.version,
        &act(PolicyActionKind::Adopted, "2010"),
    );
    assert!(matches!(late, Err(CoreError::Validation(e)) if e[0].field == "date"));
}

#[test]
fn an_action_entered_by_mistake_is_removed_and_the_removal_kept() {
    let (_dir, mut store) = store();
    let (document, wrong) = mistyped(&mut store);
    let stale = store.delete_policy_action(&wrong.id, wrong.version + 1);
    assert!(matches!(stale, Err(CoreError::Conflict { .. })));
    let after = store
        .delete_policy_action(&wrong.id, wrong.version)
        .unwrap();
    assert_eq!(after.review_due.unwrap().to_string(), "2016-05");
    assert_eq!(after.handbook_code.as_deref(), Some("D-1975-01-2006"));
    assert_eq!(store.policy_actions(&document.id).unwrap().len(), 2);
    let entries = store.history(ACTION_TABLE, &wrong.id).unwrap();
    assert_eq!(entries.last().unwrap().action, HistoryAction::Delete);
    assert_eq!(
        entries.last().unwrap().before.as_ref().unwrap()["date"],
        "2016-01"
    );
    let gone = store.delete_policy_action(&wrong.id, wrong.version);
    assert!(matches!(gone, Err(CoreError::NotFound { .. })));

    // Removing the only adoption: not adopted, no review date.
    let adoption = store.policy_actions(&document.id).unwrap().remove(0);
    let refused_or_not = store
        .delete_policy_action(&adoption.id, adoption.version)
        .unwrap();
    assert_eq!(refused_or_not.status, PolicyStatus::NotAdopted);
    assert_eq!(refused_or_not.review_due, None);
}

#[test]
fn removing_an_adoption_that_would_leave_earlier_actions_is_refused() {
    let (_dir, mut store) = store();
    let mut document = store.create_policy_document(&geneva_draft(), "").unwrap();
    for (kind, date) in [
        (PolicyActionKind::Adopted, "1948"),
        (PolicyActionKind::Amended, "1968"),
        (PolicyActionKind::Adopted, "1960"),
    ] {
        document = store
            .add_policy_action(&document.id, document.version, &act(kind, date))
            .unwrap();
    }
    let first = store.policy_actions(&document.id).unwrap().remove(0);
    assert_eq!(first.fields.date.to_string(), "1948");
    // Without 1948, the 1968 amendment is still after the 1960 adoption: allowed. Make it earlier.
    let amendment = store.policy_actions(&document.id).unwrap().remove(2);
    let document = store
        .update_policy_action(
            &amendment.id,
            amendment.version,
            &act(PolicyActionKind::Amended, "1950"),
        )
        .unwrap();
    let refused = store.delete_policy_action(&first.id, first.version);
    let Err(CoreError::Validation(errors)) = refused else {
        panic!("expected a refusal, got {refused:?}");
    };
    assert!(errors[0].message.contains("1950"), "{}", errors[0].message);
    assert_eq!(store.policy_document(&document.id).unwrap(), document);
    assert_eq!(store.policy_actions(&document.id).unwrap().len(), 3);
}

#[test]
fn the_database_keeps_a_corrected_action_with_its_document() {
    let (_dir, mut store) = store();
    let (_document, wrong) = mistyped(&mut store);
    let moved = store.conn.execute(
        "UPDATE policy_action SET document_id = 'elsewhere', version = version + 1 WHERE id = ?1",
        [&wrong.id],
    );
    assert!(moved.is_err());
    let same_version = store.conn.execute(
        "UPDATE policy_action SET note = 'x' WHERE id = ?1",
        [&wrong.id],
    );
    assert!(same_version.is_err());
}

#[test]
fn the_review_date_says_why() {
    let (_dir, mut store) = store();
    let (_document, wrong) = mistyped(&mut store);
    let corrected = store
        .update_policy_action(
            &wrong.id,
            wrong.version,
            &act(PolicyActionKind::Revised, "2016-10"),
        )
        .unwrap();
    let basis = corrected.review_basis.clone().unwrap();
    assert_eq!(
        basis.explanation,
        "10 years after the revision of October 2016"
    );
    assert_eq!(Some(basis.due()), corrected.review_due);
    // An editorial revision does not count.
    let later = store
        .add_policy_action(
            &corrected.id,
            corrected.version,
            &act(PolicyActionKind::EditoriallyRevised, "2019-04"),
        )
        .unwrap();
    assert_eq!(later.review_basis, corrected.review_basis);
    assert_eq!(
        store.policy_document(&later.id).unwrap().review_basis,
        corrected.review_basis
    );
}

#[test]
fn documents_stored_before_the_review_basis_get_theirs_when_migrated() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(crate::store::DATABASE_FILE);
    {
        let mut conn = rusqlite::Connection::open(&path).unwrap();
        crate::store::register_functions(&conn).unwrap();
        crate::store::migrations::migrations()
            .to_version(&mut conn, 9)
            .unwrap();
        conn.execute_batch(
            "INSERT INTO policy_document (id, policy_type, emergency, title, short_name, code, rapporteur, topics,
                 summary, full_text, source_url, status, handbook_code, review_due, review_due_from, review_due_to,
                 created_at, updated_at, version)
             VALUES ('d1', 'declaration', 0, 'Tokyo', '', 'D-1975-01-2016', '', '', '', '', '', 'in_force',
                 'D-1975-01-2019', '2026-10', '2026-10-01', '2026-10-31', '2024-01-01T00:00:00.000Z',
                 '2024-01-01T00:00:00.000Z', 4);
             INSERT INTO policy_action (id, document_id, kind, date, date_from, note, created_at, updated_at, version)
             VALUES ('a1', 'd1', 'adopted', '1975-10', '1975-10-01', '', '2024-01-01T00:00:00.001Z', '2024-01-01T00:00:00.001Z', 1),
                    ('a2', 'd1', 'revised', '2016-10', '2016-10-01', '', '2024-01-01T00:00:00.002Z', '2024-01-01T00:00:00.002Z', 1),
                    ('a3', 'd1', 'editorially_revised', '2019', '2019-01-01', '', '2024-01-01T00:00:00.003Z', '2024-01-01T00:00:00.003Z', 1);",
        )
        .unwrap();
    }
    let store = Store::open(&path).unwrap();
    let document = store.policy_document("d1").unwrap();
    assert_eq!(
        document.review_basis.unwrap().explanation,
        "10 years after the revision of October 2016"
    );
}

#[test]
fn a_who_outcome_is_created_with_its_adoption() {
    let (_dir, mut store) = store();
    let wha77 = store
        .create_meeting(&wha(77, "2024-05-27", "2024-06-01"))
        .unwrap();
    let decision = PolicyDocumentDraft {
        policy_type: PolicyType::WhoDecision,
        title: "Decision on the pandemic agreement".into(),
        code: "WHA77(20)".into(),
        meeting_id: wha77.id.clone(),
        ..Default::default()
    };
    // No date, a bad date, or a bad date with another bad field: refused at once, nothing written.
    let count = |store: &Store| {
        store
            .policy_documents(&PolicyFilter::default())
            .unwrap()
            .len()
    };
    for (adopted_on, wanted) in [
        ("", vec!["adopted_on"]),
        ("1 June 2024", vec!["adopted_on"]),
        ("2099-06-01", vec!["adopted_on"]),
    ] {
        let Err(CoreError::Validation(errors)) =
            store.create_policy_document(&decision, adopted_on)
        else {
            panic!("{adopted_on:?} should be refused");
        };
        assert_eq!(
            errors.iter().map(|e| e.field.as_str()).collect::<Vec<_>>(),
            wanted
        );
    }
    let untitled = PolicyDocumentDraft {
        title: String::new(),
        ..decision.clone()
    };
    let Err(CoreError::Validation(errors)) = store.create_policy_document(&untitled, "") else {
        panic!()
    };
    assert_eq!(
        errors.iter().map(|e| e.field.as_str()).collect::<Vec<_>>(),
        ["title", "adopted_on"]
    );
    assert_eq!(count(&store), 0);

    // With the date: in force at once; the adoption is in its history, by the Assembly at WHA77.
    let document = store
        .create_policy_document(&decision, "2024-06-01")
        .unwrap();
    assert_eq!(document.status, PolicyStatus::InForce);
    let actions = store.policy_actions(&document.id).unwrap();
    assert_eq!(actions.len(), 1);
    assert_eq!(actions[0].fields.kind, PolicyActionKind::Adopted);
    assert_eq!(actions[0].fields.date.to_string(), "2024-06-01");
    assert_eq!(
        actions[0].fields.body_id.as_deref(),
        Some("world_health_assembly")
    );
    assert_eq!(
        actions[0].fields.meeting_id.as_deref(),
        Some(wha77.id.as_str())
    );
    let history = store.history(TABLE, &document.id).unwrap();
    assert_eq!(
        history.iter().map(|e| e.action).collect::<Vec<_>>(),
        [HistoryAction::Create, HistoryAction::Update]
    );

    // A WMA document may be created as adopted too; without a date it waits for its history.
    let geneva = store
        .create_policy_document(&geneva_draft(), "1948")
        .unwrap();
    assert_eq!(geneva.status, PolicyStatus::InForce);
    let later = store
        .create_policy_document(
            &PolicyDocumentDraft {
                title: "WMA Declaration of Helsinki".into(),
                code: "D-1964-01-2024".into(),
                ..geneva_draft()
            },
            "",
        )
        .unwrap();
    assert_eq!(later.status, PolicyStatus::NotAdopted);
}
