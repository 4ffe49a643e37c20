use super::*;

const THIS_YEAR: i16 = 2026;

fn code_error(policy_type: PolicyType, code: &str) -> Option<String> {
    let draft = PolicyDocumentDraft {
        policy_type,
        title: "A document".into(),
        code: code.into(),
        ..Default::default()
    };
    match draft.validate(THIS_YEAR) {
        Ok(_) => None,
        Err(CoreError::Validation(errors)) => {
            assert_eq!(errors.len(), 1, "{errors:?}");
            assert_eq!(errors[0].field, "code");
            Some(errors[0].message.clone())
        }
        Err(other) => panic!("{other:?}"),
    }
}

#[test]
fn handbook_codes_valid_and_normalised() {
    for (t, code) in [
        (PolicyType::Declaration, "D-1948-01-2017"),
        (PolicyType::Declaration, "D-1975-01-2006"),
        (PolicyType::Statement, "S-2012-01-2012"),
        (PolicyType::Resolution, "R-2023-02-2023"),
        (PolicyType::CouncilResolution, "CR-2012-01-2012"),
        (PolicyType::Declaration, ""),
    ] {
        assert_eq!(code_error(t, code), None, "{code}");
    }
    let draft = PolicyDocumentDraft {
        title: "Geneva".into(),
        code: " d-1948-01-2017 ".into(),
        ..Default::default()
    };
    assert_eq!(draft.validate(THIS_YEAR).unwrap().code, "D-1948-01-2017");
}

#[test]
fn handbook_codes_invalid() {
    for (t, code, says) in [
        (
            PolicyType::Declaration,
            "D-1948-1-2017",
            "not a handbook code",
        ),
        (
            PolicyType::Declaration,
            "X-1948-01-2017",
            "not a handbook code",
        ),
        (PolicyType::Declaration, "D194801", "not a handbook code"),
        (
            PolicyType::Declaration,
            "D-1948-01-2017-1",
            "not a handbook code",
        ),
        (
            PolicyType::Declaration,
            "D-1900-01-2017",
            "not a plausible year",
        ),
        (
            PolicyType::Declaration,
            "D-1948-01-2099",
            "not a plausible year",
        ),
        (
            PolicyType::Declaration,
            "D-2017-01-2016",
            "comes before the first adoption",
        ),
        (PolicyType::Declaration, "D-2017-00-2017", "starts at 01"),
        (
            PolicyType::Statement,
            "D-1948-01-2017",
            "a WMA statement takes S",
        ),
        (PolicyType::Resolution, "CR-2012-01-2012", "takes R"),
        (PolicyType::CouncilResolution, "R-2012-01-2012", "takes CR"),
    ] {
        let message = code_error(t, code).unwrap_or_else(|| panic!("{code} accepted"));
        assert!(message.contains(says), "{code}: {message}");
    }
}

#[test]
fn who_symbols_valid() {
    for (t, code, normal) in [
        (PolicyType::WhoResolution, "WHA77.17", "WHA77.17"),
        (PolicyType::WhoResolution, "wha78.1", "WHA78.1"),
        (PolicyType::WhoResolution, "EB154.R3", "EB154.R3"),
        (PolicyType::WhoDecision, "WHA75(9)", "WHA75(9)"),
        (PolicyType::WhoDecision, "EB150(3)", "EB150(3)"),
    ] {
        assert_eq!(code_error(t, code), None, "{code}");
        let symbol = WhoSymbol::parse(code).unwrap();
        assert_eq!(symbol.to_string(), normal);
    }
    let s = WhoSymbol::parse("WHA77.17").unwrap();
    assert_eq!((s.organ, s.session, s.number), (WhoOrgan::Assembly, 77, 17));
}

#[test]
fn who_symbols_invalid() {
    for (t, code, says) in [
        (PolicyType::WhoResolution, "", "Enter the symbol"),
        (PolicyType::WhoResolution, "WHA77", "not a WHO symbol"),
        (PolicyType::WhoResolution, "WHA77.R17", "not a WHO symbol"),
        (PolicyType::WhoResolution, "EB154.3", "not a WHO symbol"),
        (PolicyType::WhoResolution, "WHO77.17", "not a WHO symbol"),
        (PolicyType::WhoResolution, "WHA077.17", "not a WHO symbol"),
        (PolicyType::WhoResolution, "WHA75(9)", "a decision's symbol"),
        (PolicyType::WhoDecision, "EB154.R3", "a resolution's symbol"),
        (PolicyType::WhoDecision, "EB150(3", "not a WHO symbol"),
        (PolicyType::WhoDecision, "WHA75()", "not a WHO symbol"),
    ] {
        let message = code_error(t, code).unwrap_or_else(|| panic!("{code} accepted"));
        assert!(message.contains(says), "{code}: {message}");
    }
}

#[test]
fn other_bodies_take_any_identifier() {
    assert_eq!(code_error(PolicyType::Other, "CPME 2019/057 FINAL"), None);
    assert_eq!(code_error(PolicyType::Other, ""), None);
}

#[test]
fn every_document_problem_is_reported_at_once() {
    let draft = PolicyDocumentDraft {
        policy_type: PolicyType::WhoResolution,
        emergency: true,
        lead_committee: Some(LeadCommittee::Mec),
        code: "WHA".into(),
        source_url: "javascript:alert(1)".into(),
        ..Default::default()
    };
    let Err(CoreError::Validation(errors)) = draft.validate(THIS_YEAR) else {
        panic!()
    };
    let fields: Vec<_> = errors.iter().map(|e| e.field.as_str()).collect();
    assert_eq!(
        fields,
        ["title", "code", "emergency", "lead_committee", "source_url"]
    );
}

#[test]
fn own_policy_ids() {
    for good in ["H-295.988", "D-295.309", "h-20.895", "G-600.005"] {
        assert!(OwnPolicyId::parse(good).is_some(), "{good}");
    }
    for bad in [
        "H295.988",
        "X-295.988",
        "H-295.98",
        "H-2950.988",
        "H-295",
        "<b>H-295.988</b>",
    ] {
        assert!(OwnPolicyId::parse(bad).is_none(), "{bad}");
    }
    let draft = PositionDraft {
        own_policies: "H-295.988, D-295.309 H-295.988".into(),
        ..Default::default()
    };
    assert_eq!(
        draft.validate().unwrap().own_policies,
        ["H-295.988", "D-295.309"]
    );
    let bad = PositionDraft {
        own_policies: "H-295.988, policy 7".into(),
        approved_on: "yesterday".into(),
        agenda_item_id: "x".into(),
        ..Default::default()
    };
    let Err(CoreError::Validation(errors)) = bad.validate() else {
        panic!()
    };
    let fields: Vec<_> = errors.iter().map(|e| e.field.as_str()).collect();
    assert_eq!(fields, ["own_policies", "approved_on", "agenda_item_id"]);
    assert!(
        errors[0].message.contains("policy, 7 are not"),
        "{}",
        errors[0].message
    );
}

#[test]
fn partial_dates() {
    let d = PartialDate::parse("1948").unwrap();
    assert_eq!(d.precision(), DatePrecision::Year);
    assert_eq!(d.earliest().to_string(), "1948-01-01");
    assert_eq!(d.latest().to_string(), "1948-12-31");
    let m = PartialDate::parse("2017-10").unwrap();
    assert_eq!(m.precision(), DatePrecision::Month);
    assert_eq!(m.latest().to_string(), "2017-10-31");
    assert_eq!(m.to_string(), "2017-10");
    let day = PartialDate::parse("2024-02-29").unwrap();
    assert_eq!(day.precision(), DatePrecision::Day);
    assert_eq!(day.plus_years(5).to_string(), "2029-02-28");
    for bad in [
        "",
        "48",
        "1948-13",
        "1948-1",
        "2023-02-29",
        "2017/10",
        "1948-01-01-01",
        "0999",
    ] {
        assert!(PartialDate::parse(bad).is_err(), "{bad}");
    }
    let json = serde_json::to_string(&m).unwrap();
    assert_eq!(json, "\"2017-10\"");
    assert_eq!(serde_json::from_str::<PartialDate>(&json).unwrap(), m);
}

fn action(kind: PolicyActionKind, date: &str) -> PolicyActionFields {
    PolicyActionFields {
        kind,
        date: PartialDate::parse(date).unwrap(),
        body_id: Some(GENERAL_ASSEMBLY.to_owned()),
        meeting_id: None,
        superseded_by_id: None,
        note: String::new(),
    }
}

fn geneva() -> Vec<PolicyActionFields> {
    use PolicyActionKind::*;
    vec![
        action(Adopted, "1948"),
        action(Amended, "1968"),
        action(Amended, "1983"),
        action(Amended, "1994"),
        action(EditoriallyRevised, "2005"),
        action(EditoriallyRevised, "2006"),
        action(Amended, "2017-10"),
    ]
}

#[test]
fn the_declaration_of_geneva_is_in_force_and_due_in_2027() {
    let mut actions = geneva();
    actions.reverse(); // order of entry does not matter
    let derived = derive(PolicyType::Declaration, &actions);
    assert_eq!(derived.status, PolicyStatus::InForce);
    assert_eq!(derived.last_year, Some(2017));
    assert_eq!(derived.review_due.unwrap().to_string(), "2027-10");
}

#[test]
fn the_review_date_says_which_action_it_counts_from() {
    use PolicyActionKind::*;
    let derived = derive(
        PolicyType::Declaration,
        &[
            action(Adopted, "1975-10"),
            action(Revised, "2016-10"),
            action(EditoriallyRevised, "2019-04"),
        ],
    );
    let basis = derived.review_basis.unwrap();
    assert_eq!((basis.kind, basis.years), (Revised, 10));
    assert_eq!(basis.date.to_string(), "2016-10");
    assert_eq!(
        basis.explanation,
        "10 years after the revision of October 2016"
    );
    assert_eq!(derived.review_due, Some(basis.due()));

    let resolution = derive(
        PolicyType::Resolution,
        &[
            action(Adopted, "2019-10-26"),
            action(ReaffirmedWithMinorRevisions, "2024"),
        ],
    );
    assert_eq!(
        resolution.review_basis.unwrap().explanation,
        "5 years after the reaffirmation with minor revisions of 2024"
    );
    let adopted = derive(PolicyType::Statement, &[action(Adopted, "2012-10-13")]);
    assert_eq!(
        adopted.review_basis.unwrap().explanation,
        "10 years after the adoption of 13 October 2012"
    );
    // No rule, no basis: WHO outcomes; rescinded documents.
    let who = derive(PolicyType::WhoDecision, &[action(Adopted, "2022-05")]);
    assert_eq!(who.review_basis, None);
    let rescinded = derive(
        PolicyType::Declaration,
        &[
            action(Adopted, "1990"),
            action(RescindedAndArchived, "2010"),
        ],
    );
    assert_eq!(rescinded.review_basis, None);
}

#[test]
fn review_counts_from_adoption_revision_or_reaffirmation_only() {
    use PolicyActionKind::*;
    // Year-only precision stays year-only: due "2011", i.e. during 2011.
    let due = derive(
        PolicyType::Resolution,
        &[action(Adopted, "2001"), action(Reaffirmed, "2006")],
    )
    .review_due
    .unwrap();
    assert_eq!(due.to_string(), "2011");
    assert_eq!(due.precision(), DatePrecision::Year);
    // Editorial revisions and notes of clarification do not restart the clock.
    let due = derive(
        PolicyType::Statement,
        &[
            action(Adopted, "2012-10-13"),
            action(EditoriallyRevised, "2015"),
            action(NoteOfClarificationAdded, "2016"),
        ],
    )
    .review_due
    .unwrap();
    assert_eq!(due.to_string(), "2022-10-13");
    // WHO outcomes and other bodies' documents have no review rule.
    assert_eq!(
        derive(PolicyType::WhoResolution, &[action(Adopted, "2025-05-20")]).review_due,
        None
    );
}

#[test]
fn derived_status() {
    use PolicyActionKind::*;
    let status = |t, actions: &[PolicyActionFields]| derive(t, actions).status;
    assert_eq!(
        status(PolicyType::Declaration, &[]),
        PolicyStatus::NotAdopted
    );
    let mut rescinded = geneva();
    rescinded.push(action(RescindedAndArchived, "2020"));
    assert_eq!(
        status(PolicyType::Declaration, &rescinded),
        PolicyStatus::RescindedAndArchived
    );
    assert_eq!(derive(PolicyType::Declaration, &rescinded).review_due, None);
    let mut superseded = geneva();
    superseded.push(action(Superseded, "2019"));
    assert_eq!(
        status(PolicyType::Declaration, &superseded),
        PolicyStatus::Superseded
    );
    // A council resolution is pending until a General Assembly adopts it.
    let mut by_council = action(Adopted, "2012-04");
    by_council.body_id = Some("wma_council".into());
    assert_eq!(
        status(
            PolicyType::CouncilResolution,
            std::slice::from_ref(&by_council)
        ),
        PolicyStatus::PendingGaAdoption
    );
    assert_eq!(
        status(
            PolicyType::CouncilResolution,
            &[by_council.clone(), action(Adopted, "2012-10")]
        ),
        PolicyStatus::InForce
    );
    let derived = derive(PolicyType::CouncilResolution, &[by_council]);
    assert_eq!(derived.review_due.unwrap().to_string(), "2017-04");
}

#[test]
fn actions_before_the_first_adoption_are_refused() {
    use PolicyActionKind::*;
    let history = geneva();
    assert!(check_after_adoption(&history, &action(Reaffirmed, "2025-10")).is_ok());
    // Same year as the adoption is not surely before it.
    assert!(check_after_adoption(&history, &action(Amended, "1948-05")).is_ok());
    let Err(CoreError::Validation(e)) = check_after_adoption(&history, &action(Amended, "1947-12"))
    else {
        panic!()
    };
    assert_eq!(e[0].field, "date");
    assert!(
        e[0].message
            .contains("before the document was first adopted (1948)")
    );
    // An adoption dated after actions already recorded is refused too.
    let amended_only = vec![action(Amended, "1968")];
    assert!(check_after_adoption(&amended_only, &action(Adopted, "1970")).is_err());
    assert!(check_after_adoption(&amended_only, &action(Adopted, "1948")).is_ok());
}

#[test]
fn action_drafts() {
    let superseded = PolicyActionDraft {
        kind: PolicyActionKind::Superseded,
        date: "2030".into(),
        ..Default::default()
    };
    let Err(CoreError::Validation(e)) = superseded.validate(THIS_YEAR) else {
        panic!()
    };
    let fields: Vec<_> = e.iter().map(|e| e.field.as_str()).collect();
    assert_eq!(fields, ["date", "superseded_by_id"]);
    let ok = PolicyActionDraft {
        kind: PolicyActionKind::Amended,
        date: " 2017-10 ".into(),
        body_id: GENERAL_ASSEMBLY.into(),
        ..Default::default()
    };
    assert_eq!(ok.validate(THIS_YEAR).unwrap().date.to_string(), "2017-10");
}

#[test]
fn votes() {
    let wha78_1 = PolicyVoteDraft {
        forum: "Committee A".into(),
        in_favour: "124".into(),
        against: "0".into(),
        abstentions: "11".into(),
        result: Some(VoteResult::Adopted),
        ..Default::default()
    };
    let fields = wha78_1.validate().unwrap();
    assert_eq!(fields.vote.in_favour, Some(124));
    assert_eq!(fields.vote.abstentions, Some(11));
    let empty = PolicyVoteDraft::default();
    assert!(matches!(empty.validate(), Err(CoreError::Validation(e)) if e[0].field == "in_favour"));
    let bad = PolicyVoteDraft {
        against: "-3".into(),
        ..wha78_1
    };
    assert!(matches!(bad.validate(), Err(CoreError::Validation(e)) if e[0].field == "against"));
}
