//! Organizations the office works with, its relationship log with each, what it learns about
//! other countries, and the seats the association holds (with their terms). Pure, no IO.

use jiff::civil::Date;
use serde::{Deserialize, Serialize};

use crate::error::{CoreError, FieldError};
use crate::form::{check_length, optional_date, required_date, text};
use crate::meeting::human_date;

pub const MAX_NAME: usize = 200;
pub const MAX_SHORT: usize = 200;
pub const MAX_NOTES: usize = 20_000;

labelled_enum!(
    /// What kind of body an organization is.
    OrganizationKind {
        Intergovernmental => "Intergovernmental body",
        GlobalFederation => "Global federation of medical associations",
        NationalMedicalAssociation => "National medical association",
        GovernmentAgency => "Government agency",
        SpecialtySociety => "Specialty society",
        HumanRights => "Human rights organization",
        EducationOrLicensure => "Medical education or licensure body",
        ProfessionsAlliance => "Professions alliance",
        OwnCouncil => "The association's own council",
        Other => "Other",
    }
);

labelled_enum!(
    /// An organization's membership of the World Medical Association.
    WmaMembership {
        Constituent => "Constituent member",
        Associate => "Associate member",
        None => "Not a member",
    }
);

labelled_enum!(
    /// An organization's relation to the World Health Organization.
    WhoRelation {
        MemberState => "Member State",
        NonStateActor => "Non-state actor in official relations",
        None => "None",
    }
);

labelled_enum!(
    /// How the office was in touch with an organization.
    InteractionKind {
        Meeting => "Meeting",
        Call => "Call",
        Letter => "Letter",
        Visit => "Visit",
        Other => "Other",
    }
);

labelled_enum!(
    /// What sort of seat the association holds or fills.
    SeatKind {
        CouncilSeat => "WMA Council seat",
        CommitteeMembership => "Committee membership",
        OfficerRole => "Officer role",
        DelegationAdviser => "Adviser on a national delegation",
        Other => "Other",
    }
);

labelled_enum!(
    /// Whether a term is the seat's holder or a substitute.
    TermCapacity {
        Holder => "Holder",
        Substitute => "Substitute",
    }
);

/// Topics offered for country notes; the office may type its own.
pub const COUNTRY_TOPICS: &[&str] = &[
    "Rural care",
    "Physician shortages",
    "Workforce migration",
    "Poverty",
    "Disparities",
    "Financing",
];

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct OrganizationDraft {
    pub kind: Option<OrganizationKind>,
    pub name: String,
    /// The name in the organization's own language ("Suomen Lääkäriliitto"), or empty.
    pub local_name: String,
    pub acronym: String,
    pub country: String,
    pub wma_membership: Option<WmaMembership>,
    pub who_relation: Option<WhoRelation>,
    pub website: String,
    pub notes: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct OrganizationFields {
    pub kind: OrganizationKind,
    pub name: String,
    pub local_name: String,
    pub acronym: String,
    pub country: String,
    pub wma_membership: WmaMembership,
    pub who_relation: WhoRelation,
    pub website: String,
    pub notes: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Organization {
    pub id: String,
    #[serde(flatten)]
    #[cfg_attr(feature = "ts", ts(flatten))]
    pub fields: OrganizationFields,
    pub created_at: String,
    pub updated_at: String,
    pub version: u32,
}

impl Organization {
    /// "World Health Organization (WHO)".
    pub fn display_name(&self) -> String {
        match self.fields.acronym.as_str() {
            "" => self.fields.name.clone(),
            acronym => format!("{} ({acronym})", self.fields.name),
        }
    }
}

impl OrganizationDraft {
    pub fn validate(&self) -> Result<OrganizationFields, CoreError> {
        let mut errors = Vec::new();
        if self.kind.is_none() {
            errors.push(FieldError::new(
                "kind",
                "Choose what kind of organization this is.",
            ));
        }
        let name = text(
            &mut errors,
            "name",
            "The name",
            &self.name,
            MAX_NAME,
            Some("Enter the organization's name, such as \"Kenya Medical Association\"."),
        );
        let local_name = text(
            &mut errors,
            "local_name",
            "The name in its own language",
            &self.local_name,
            MAX_NAME,
            None,
        );
        let acronym = text(
            &mut errors,
            "acronym",
            "The acronym",
            &self.acronym,
            30,
            None,
        );
        let country = text(
            &mut errors,
            "country",
            "The country",
            &self.country,
            MAX_SHORT,
            None,
        );
        let website = text(
            &mut errors,
            "website",
            "The website",
            &self.website,
            500,
            None,
        );
        crate::form::check_web_address(&mut errors, "website", "https://www.wma.net", &website);
        check_length(&mut errors, "notes", "The notes", &self.notes, MAX_NOTES);
        match (self.kind, errors.is_empty()) {
            (Some(kind), true) => Ok(OrganizationFields {
                kind,
                name,
                local_name,
                acronym,
                country,
                wma_membership: self.wma_membership.unwrap_or(WmaMembership::None),
                who_relation: self.who_relation.unwrap_or(WhoRelation::None),
                website,
                notes: self.notes.trim_end().to_owned(),
            }),
            _ => Err(CoreError::Validation(errors)),
        }
    }
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct InteractionDraft {
    pub date: String,
    pub kind: Option<InteractionKind>,
    pub participants: String,
    pub summary: String,
    pub follow_up: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct InteractionFields {
    #[cfg_attr(feature = "ts", ts(type = "string"))]
    pub date: Date,
    pub kind: InteractionKind,
    pub participants: String,
    pub summary: String,
    pub follow_up: String,
}

/// One entry of an organization's relationship log.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Interaction {
    pub id: String,
    pub organization_id: String,
    #[serde(flatten)]
    #[cfg_attr(feature = "ts", ts(flatten))]
    pub fields: InteractionFields,
    pub created_at: String,
    pub updated_at: String,
    pub version: u32,
}

impl InteractionDraft {
    pub fn validate(&self) -> Result<InteractionFields, CoreError> {
        let mut errors = Vec::new();
        let date = required_date(&mut errors, "date", "date", &self.date);
        if self.kind.is_none() {
            errors.push(FieldError::new(
                "kind",
                "Choose how you were in touch: meeting, call, letter or visit.",
            ));
        }
        let participants = text(
            &mut errors,
            "participants",
            "Who took part",
            &self.participants,
            1_000,
            None,
        );
        let summary = text(
            &mut errors,
            "summary",
            "The summary",
            &self.summary,
            MAX_NOTES,
            Some("Write a short summary of what was discussed."),
        );
        let follow_up = text(
            &mut errors,
            "follow_up",
            "The follow-up",
            &self.follow_up,
            MAX_NOTES,
            None,
        );
        match (date, self.kind, errors.is_empty()) {
            (Some(date), Some(kind), true) => Ok(InteractionFields {
                date,
                kind,
                participants,
                summary,
                follow_up,
            }),
            _ => Err(CoreError::Validation(errors)),
        }
    }
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct CountryNoteDraft {
    pub country: String,
    pub topic: String,
    pub date: String,
    pub text: String,
    pub source: String,
    pub organization_id: Option<String>,
    pub person_id: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct CountryNoteFields {
    pub country: String,
    pub topic: String,
    #[cfg_attr(feature = "ts", ts(type = "string"))]
    pub date: Date,
    pub text: String,
    pub source: String,
    pub organization_id: Option<String>,
    pub person_id: Option<String>,
}

/// Something the office learned about how a country handles a common problem.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct CountryNote {
    pub id: String,
    #[serde(flatten)]
    #[cfg_attr(feature = "ts", ts(flatten))]
    pub fields: CountryNoteFields,
    pub created_at: String,
    pub updated_at: String,
    pub version: u32,
}

impl CountryNoteDraft {
    pub fn validate(&self) -> Result<CountryNoteFields, CoreError> {
        let mut errors = Vec::new();
        let country = text(
            &mut errors,
            "country",
            "The country",
            &self.country,
            MAX_SHORT,
            Some("Enter the country the note is about."),
        );
        let topic = text(
            &mut errors,
            "topic",
            "The topic",
            &self.topic,
            80,
            Some("Choose or type a topic, such as \"Rural care\"."),
        );
        let date = required_date(&mut errors, "date", "date", &self.date);
        let note = text(
            &mut errors,
            "text",
            "The note",
            &self.text,
            MAX_NOTES,
            Some("Write the note."),
        );
        let source = text(
            &mut errors,
            "source",
            "The source",
            &self.source,
            1_000,
            None,
        );
        let id = |value: &Option<String>| {
            value
                .as_deref()
                .map(str::trim)
                .filter(|v| !v.is_empty())
                .map(str::to_owned)
        };
        match (date, errors.is_empty()) {
            (Some(date), true) => Ok(CountryNoteFields {
                country,
                topic,
                date,
                text: note,
                source,
                organization_id: id(&self.organization_id),
                person_id: id(&self.person_id),
            }),
            _ => Err(CoreError::Validation(errors)),
        }
    }
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct SeatDraft {
    pub kind: Option<SeatKind>,
    pub name: String,
    pub organization_id: Option<String>,
    pub appointed_by: String,
    pub notes: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct SeatFields {
    pub kind: SeatKind,
    pub name: String,
    pub organization_id: Option<String>,
    pub appointed_by: String,
    pub notes: String,
}

/// A seat the association holds or fills, e.g. its WMA Council seat.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Seat {
    pub id: String,
    #[serde(flatten)]
    #[cfg_attr(feature = "ts", ts(flatten))]
    pub fields: SeatFields,
    pub created_at: String,
    pub updated_at: String,
    pub version: u32,
}

impl SeatDraft {
    pub fn validate(&self) -> Result<SeatFields, CoreError> {
        let mut errors = Vec::new();
        if self.kind.is_none() {
            errors.push(FieldError::new("kind", "Choose what kind of seat this is."));
        }
        let name = text(
            &mut errors,
            "name",
            "The name",
            &self.name,
            MAX_NAME,
            Some("Enter the seat's name, such as \"WMA Council seat (North America)\"."),
        );
        let appointed_by = text(
            &mut errors,
            "appointed_by",
            "The appointing body",
            &self.appointed_by,
            MAX_SHORT,
            None,
        );
        check_length(&mut errors, "notes", "The notes", &self.notes, MAX_NOTES);
        match (self.kind, errors.is_empty()) {
            (Some(kind), true) => Ok(SeatFields {
                kind,
                name,
                organization_id: self
                    .organization_id
                    .clone()
                    .filter(|id| !id.trim().is_empty()),
                appointed_by,
                notes: self.notes.trim_end().to_owned(),
            }),
            _ => Err(CoreError::Validation(errors)),
        }
    }
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct TermDraft {
    pub person_id: String,
    pub capacity: Option<TermCapacity>,
    pub start_date: String,
    /// Empty while the term is open-ended.
    pub end_date: String,
    pub notes: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct TermFields {
    pub person_id: String,
    pub capacity: TermCapacity,
    #[cfg_attr(feature = "ts", ts(type = "string"))]
    pub start_date: Date,
    #[cfg_attr(feature = "ts", ts(type = "string | null"))]
    pub end_date: Option<Date>,
    pub notes: String,
}

/// Someone holding (or substituting in) a seat for a time.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Term {
    pub id: String,
    pub seat_id: String,
    #[serde(flatten)]
    #[cfg_attr(feature = "ts", ts(flatten))]
    pub fields: TermFields,
    pub created_at: String,
    pub updated_at: String,
    pub version: u32,
}

impl TermDraft {
    pub fn validate(&self) -> Result<TermFields, CoreError> {
        let mut errors = Vec::new();
        let person_id = self.person_id.trim();
        if person_id.is_empty() {
            errors.push(FieldError::new(
                "person_id",
                "Choose who holds the seat for this term.",
            ));
        }
        let start = required_date(&mut errors, "start_date", "start date", &self.start_date);
        let end = optional_date(&mut errors, "end_date", "end date", &self.end_date);
        if let (Some(start), Some(end)) = (start, end)
            && end < start
        {
            errors.push(FieldError::new(
                "end_date",
                format!(
                    "The term ends before it starts ({}). Choose {} or a later end date.",
                    crate::meeting::human_date(start),
                    crate::meeting::human_date(start)
                ),
            ));
        }
        check_length(&mut errors, "notes", "The notes", &self.notes, MAX_NOTES);
        match (start, errors.is_empty()) {
            (Some(start_date), true) => Ok(TermFields {
                person_id: person_id.to_owned(),
                capacity: self.capacity.unwrap_or(TermCapacity::Holder),
                start_date,
                end_date: end,
                notes: self.notes.trim_end().to_owned(),
            }),
            _ => Err(CoreError::Validation(errors)),
        }
    }
}

/// Where a term stands on a given day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum TermState {
    /// Starts after that day.
    Upcoming,
    /// Started on or before that day and has not ended (open-ended terms run on).
    Current,
    /// Its last day is before that day.
    Ended,
}

impl TermFields {
    /// Where the term stands on `today` (a parameter: the caller decides what today is).
    pub fn state_on(&self, today: Date) -> TermState {
        if self.start_date > today {
            TermState::Upcoming
        } else if self.end_date.is_some_and(|end| end < today) {
            TermState::Ended
        } else {
            TermState::Current
        }
    }
}

/// Something about a seat's terms worth a second look; it never blocks a change.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct SeatWarning {
    pub message: String,
    /// The terms it is about.
    pub term_ids: Vec<String>,
}

/// Two different people holding one seat at the same time (substitutes aside): one warning per
/// pair, naming both and the days they share. `terms` are (term id, holder's name, fields).
pub fn overlapping_holders(terms: &[(&str, &str, &TermFields)]) -> Vec<SeatWarning> {
    let holders: Vec<&(&str, &str, &TermFields)> = terms
        .iter()
        .filter(|(_, _, t)| t.capacity == TermCapacity::Holder)
        .collect();
    let mut warnings = Vec::new();
    for (i, (a_id, a_name, a)) in holders.iter().enumerate() {
        for (b_id, b_name, b) in &holders[i + 1..] {
            if a.person_id == b.person_id {
                continue;
            }
            let from = a.start_date.max(b.start_date);
            let until = match (a.end_date, b.end_date) {
                (Some(x), Some(y)) => Some(x.min(y)),
                (x, y) => x.or(y),
            };
            if until.is_some_and(|until| until < from) {
                continue;
            }
            let when = match until {
                Some(until) if until == from => format!("on {}", human_date(from)),
                Some(until) => format!("from {} to {}", human_date(from), human_date(until)),
                None => format!("from {} on", human_date(from)),
            };
            let (first, second) = if a.start_date <= b.start_date {
                (a_name, b_name)
            } else {
                (b_name, a_name)
            };
            warnings.push(SeatWarning {
                message: format!(
                    "{first} and {second} both hold this seat {when}. A seat has one holder at a time: end one term, or record one of them as substitute."
                ),
                term_ids: vec![(*a_id).to_owned(), (*b_id).to_owned()],
            });
        }
    }
    warnings
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fields_in_error(result: Result<impl std::fmt::Debug, CoreError>) -> Vec<String> {
        match result {
            Err(CoreError::Validation(errors)) => errors.into_iter().map(|e| e.field).collect(),
            other => panic!("expected a validation error, got {other:?}"),
        }
    }

    fn term(person: &str, capacity: TermCapacity, start: &str, end: &str) -> TermFields {
        TermFields {
            person_id: person.into(),
            capacity,
            start_date: start.parse().unwrap(),
            end_date: (!end.is_empty()).then(|| end.parse().unwrap()),
            notes: String::new(),
        }
    }

    #[test]
    fn a_term_is_upcoming_current_or_ended_relative_to_the_day_given() {
        let t = term("p", TermCapacity::Holder, "2023-01-01", "2024-12-31");
        let day = |d: &str| d.parse::<Date>().unwrap();
        assert_eq!(t.state_on(day("2022-12-31")), TermState::Upcoming);
        assert_eq!(t.state_on(day("2023-01-01")), TermState::Current);
        assert_eq!(t.state_on(day("2024-12-31")), TermState::Current);
        assert_eq!(t.state_on(day("2025-01-01")), TermState::Ended);
        let open = term("p", TermCapacity::Holder, "2023-01-01", "");
        assert_eq!(open.state_on(day("2090-01-01")), TermState::Current);
    }

    #[test]
    fn two_holders_at_the_same_time_are_named_with_the_days_they_share() {
        use TermCapacity::*;
        let ana = term("ana", Holder, "2023-01-01", "2024-12-31");
        let ben = term("ben", Holder, "2024-06-01", "");
        let sub = term("sue", Substitute, "2023-01-01", "");
        let next = term("kim", Holder, "2025-01-01", "");
        let terms = [
            ("t1", "Ana", &ana),
            ("t2", "Ben", &ben),
            ("t3", "Sue", &sub),
        ];
        let warnings = overlapping_holders(&terms);
        assert_eq!(warnings.len(), 1);
        assert_eq!(
            warnings[0].message,
            "Ana and Ben both hold this seat from 1 Jun 2024 to 31 Dec 2024. A seat has one holder at a time: end one term, or record one of them as substitute."
        );
        assert_eq!(warnings[0].term_ids, ["t1", "t2"]);
        // One after the other: no warning. Open-ended both: "from … on".
        assert!(overlapping_holders(&[("t1", "Ana", &ana), ("t4", "Kim", &next)]).is_empty());
        let both_open = overlapping_holders(&[("t2", "Ben", &ben), ("t4", "Kim", &next)]);
        assert!(
            both_open[0]
                .message
                .contains("Ben and Kim both hold this seat from 1 Jan 2025 on")
        );
        // Sharing a single day.
        let day = term("dan", Holder, "2024-12-31", "2025-06-30");
        let one = overlapping_holders(&[("t1", "Ana", &ana), ("t5", "Dan", &day)]);
        assert!(
            one[0].message.contains("on 31 Dec 2024"),
            "{}",
            one[0].message
        );
    }

    #[test]
    fn organizations_need_a_kind_a_name_and_a_real_website() {
        let draft = OrganizationDraft {
            website: "www.wma.net".into(),
            acronym: "X".repeat(31),
            ..Default::default()
        };
        assert_eq!(
            fields_in_error(draft.validate()),
            ["kind", "name", "acronym", "website"]
        );
        let draft = OrganizationDraft {
            kind: Some(OrganizationKind::NationalMedicalAssociation),
            name: " <script>alert(1)</script> Société médicale ".into(),
            website: "https://example.org/a b".into(),
            ..Default::default()
        };
        assert_eq!(fields_in_error(draft.validate()), ["website"]);
        let fields = OrganizationDraft {
            website: "https://example.org".into(),
            ..draft
        }
        .validate()
        .unwrap();
        // Markup is kept as text (the UI never renders it as HTML); defaults fill the rest.
        assert_eq!(fields.name, "<script>alert(1)</script> Société médicale");
        assert_eq!(
            (fields.wma_membership, fields.who_relation),
            (WmaMembership::None, WhoRelation::None)
        );
    }

    #[test]
    fn log_entries_notes_seats_and_terms_report_every_problem() {
        assert_eq!(
            fields_in_error(
                InteractionDraft {
                    date: "2024-13-01".into(),
                    ..Default::default()
                }
                .validate()
            ),
            ["date", "kind", "summary"]
        );
        assert_eq!(
            fields_in_error(
                CountryNoteDraft {
                    date: "1 May".into(),
                    ..Default::default()
                }
                .validate()
            ),
            ["country", "topic", "date", "text"]
        );
        assert_eq!(
            fields_in_error(SeatDraft::default().validate()),
            ["kind", "name"]
        );
        assert_eq!(
            fields_in_error(
                TermDraft {
                    start_date: "2025-04-01".into(),
                    end_date: "2025-03-31".into(),
                    ..Default::default()
                }
                .validate()
            ),
            ["person_id", "end_date"]
        );
        let one_day = TermDraft {
            person_id: "p".into(),
            start_date: "2025-04-01".into(),
            end_date: "2025-04-01".into(),
            ..Default::default()
        };
        assert_eq!(one_day.validate().unwrap().capacity, TermCapacity::Holder);
    }
}
