//! Organizations the office works with, its relationship log with each, what it learns about
//! other countries, and the seats the association holds (with their terms). Pure, no IO.

use jiff::civil::Date;
use serde::{Deserialize, Serialize};

use crate::error::{CoreError, FieldError};
use crate::form::{check_length, optional_date, required_date, text};

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

#[cfg(test)]
mod tests {
    use super::*;

    fn fields_in_error(result: Result<impl std::fmt::Debug, CoreError>) -> Vec<String> {
        match result {
            Err(CoreError::Validation(errors)) => errors.into_iter().map(|e| e.field).collect(),
            other => panic!("expected a validation error, got {other:?}"),
        }
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
