//! Policy documents: what the WMA, the WHO and other bodies adopt, their append-only history of
//! actions, and what follows from it (status, the handbook code's last year, the review date);
//! the association's positions on them, and votes on them at meetings.
//!
//! Everything here is pure: the store supplies today's date and checks links to meetings.

mod codes;
mod date;
pub mod links;
pub mod proposal;

pub use codes::{HandbookCode, OwnPolicyId, WhoOrgan, WhoSymbol, WhoSymbolKind};
pub use date::{DatePrecision, PartialDate};

use serde::{Deserialize, Serialize};

use crate::agenda::Priority;
use crate::error::{CoreError, FieldError};
use crate::record::{MAX_VOTES, Vote, VoteResult};

pub const MAX_TITLE: usize = 500;
pub const MAX_SHORT: usize = 200;
pub const MAX_TEXT: usize = 500_000;
pub const MAX_NOTE: usize = 20_000;

/// What kind of document it is. The first four are the WMA's; the handbook code's letter follows
/// from the type.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum PolicyType {
    #[default]
    Declaration,
    Statement,
    Resolution,
    CouncilResolution,
    WhoResolution,
    WhoDecision,
    /// Another body's document (another association's, the UN's), with a free identifier.
    Other,
}

impl PolicyType {
    pub const ALL: [PolicyType; 7] = [
        PolicyType::Declaration,
        PolicyType::Statement,
        PolicyType::Resolution,
        PolicyType::CouncilResolution,
        PolicyType::WhoResolution,
        PolicyType::WhoDecision,
        PolicyType::Other,
    ];

    pub fn label(self) -> &'static str {
        match self {
            PolicyType::Declaration => "WMA declaration",
            PolicyType::Statement => "WMA statement",
            PolicyType::Resolution => "WMA resolution",
            PolicyType::CouncilResolution => "WMA council resolution",
            PolicyType::WhoResolution => "WHO resolution",
            PolicyType::WhoDecision => "WHO decision",
            PolicyType::Other => "Other body's document",
        }
    }

    pub fn is_wma(self) -> bool {
        matches!(
            self,
            PolicyType::Declaration
                | PolicyType::Statement
                | PolicyType::Resolution
                | PolicyType::CouncilResolution
        )
    }

    pub fn is_who(self) -> bool {
        matches!(self, PolicyType::WhoResolution | PolicyType::WhoDecision)
    }

    /// The handbook code's letter(s) for a WMA type.
    pub fn handbook_letter(self) -> Option<&'static str> {
        match self {
            PolicyType::Declaration => Some("D"),
            PolicyType::Statement => Some("S"),
            PolicyType::Resolution => Some("R"),
            PolicyType::CouncilResolution => Some("CR"),
            _ => None,
        }
    }

    /// Years between reviews: declarations and statements 10, resolutions 5 (WMA only).
    pub fn review_years(self) -> Option<i16> {
        match self {
            PolicyType::Declaration | PolicyType::Statement => Some(10),
            PolicyType::Resolution | PolicyType::CouncilResolution => Some(5),
            _ => None,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum LeadCommittee {
    Mec,
    Smac,
    Fpc,
}

impl LeadCommittee {
    pub const ALL: [LeadCommittee; 3] =
        [LeadCommittee::Mec, LeadCommittee::Smac, LeadCommittee::Fpc];

    pub fn label(self) -> &'static str {
        match self {
            LeadCommittee::Mec => "Medical Ethics Committee (MEC)",
            LeadCommittee::Smac => "Socio-Medical Affairs Committee (SMAC)",
            LeadCommittee::Fpc => "Finance and Planning Committee (FPC)",
        }
    }
}

/// Where a document stands, derived from its history.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum PolicyStatus {
    /// No adoption recorded yet.
    NotAdopted,
    InForce,
    /// A council resolution adopted by the Council and not (yet) by a General Assembly.
    PendingGaAdoption,
    RescindedAndArchived,
    Superseded,
}

impl PolicyStatus {
    pub const ALL: [PolicyStatus; 5] = [
        PolicyStatus::NotAdopted,
        PolicyStatus::InForce,
        PolicyStatus::PendingGaAdoption,
        PolicyStatus::RescindedAndArchived,
        PolicyStatus::Superseded,
    ];

    pub fn label(self) -> &'static str {
        match self {
            PolicyStatus::NotAdopted => "Not adopted",
            PolicyStatus::InForce => "In force",
            PolicyStatus::PendingGaAdoption => "Pending GA adoption",
            PolicyStatus::RescindedAndArchived => "Rescinded and archived",
            PolicyStatus::Superseded => "Superseded",
        }
    }
}

/// One action in a document's history.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum PolicyActionKind {
    #[default]
    Adopted,
    Amended,
    Revised,
    PartiallyRevised,
    EditoriallyRevised,
    NoteOfClarificationAdded,
    Reaffirmed,
    ReaffirmedWithMinorRevisions,
    Reclassified,
    RescindedAndArchived,
    /// Replaced by another document (named by the action).
    Superseded,
}

impl PolicyActionKind {
    pub const ALL: [PolicyActionKind; 11] = [
        PolicyActionKind::Adopted,
        PolicyActionKind::Amended,
        PolicyActionKind::Revised,
        PolicyActionKind::PartiallyRevised,
        PolicyActionKind::EditoriallyRevised,
        PolicyActionKind::NoteOfClarificationAdded,
        PolicyActionKind::Reaffirmed,
        PolicyActionKind::ReaffirmedWithMinorRevisions,
        PolicyActionKind::Reclassified,
        PolicyActionKind::RescindedAndArchived,
        PolicyActionKind::Superseded,
    ];

    pub fn label(self) -> &'static str {
        match self {
            PolicyActionKind::Adopted => "Adopted",
            PolicyActionKind::Amended => "Amended",
            PolicyActionKind::Revised => "Revised",
            PolicyActionKind::PartiallyRevised => "Partially revised",
            PolicyActionKind::EditoriallyRevised => "Editorially revised",
            PolicyActionKind::NoteOfClarificationAdded => "Note of clarification added",
            PolicyActionKind::Reaffirmed => "Reaffirmed",
            PolicyActionKind::ReaffirmedWithMinorRevisions => "Reaffirmed with minor revisions",
            PolicyActionKind::Reclassified => "Reclassified",
            PolicyActionKind::RescindedAndArchived => "Rescinded and archived",
            PolicyActionKind::Superseded => "Superseded",
        }
    }

    /// The action as a noun, for explanations: "the revision of October 2016".
    pub fn noun(self) -> &'static str {
        match self {
            PolicyActionKind::Adopted => "adoption",
            PolicyActionKind::Amended => "amendment",
            PolicyActionKind::Revised => "revision",
            PolicyActionKind::PartiallyRevised => "partial revision",
            PolicyActionKind::EditoriallyRevised => "editorial revision",
            PolicyActionKind::NoteOfClarificationAdded => "note of clarification",
            PolicyActionKind::Reaffirmed => "reaffirmation",
            PolicyActionKind::ReaffirmedWithMinorRevisions => "reaffirmation with minor revisions",
            PolicyActionKind::Reclassified => "reclassification",
            PolicyActionKind::RescindedAndArchived => "rescission",
            PolicyActionKind::Superseded => "supersession",
        }
    }

    /// Whether the review clock restarts: adoption, revision or reaffirmation. Editorial
    /// revisions, notes of clarification and reclassification leave it alone.
    pub fn restarts_review(self) -> bool {
        matches!(
            self,
            PolicyActionKind::Adopted
                | PolicyActionKind::Amended
                | PolicyActionKind::Revised
                | PolicyActionKind::PartiallyRevised
                | PolicyActionKind::Reaffirmed
                | PolicyActionKind::ReaffirmedWithMinorRevisions
        )
    }
}

/// A policy document as its form submits it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct PolicyDocumentDraft {
    pub policy_type: PolicyType,
    /// A WMA resolution adopted at the GA itself without the usual cycle.
    pub emergency: bool,
    pub title: String,
    /// E.g. "Declaration of Geneva".
    pub short_name: String,
    /// Handbook code (`D-1948-01-2017`), WHO symbol (`WHA77.17`, `EB150(3)`) or, for other
    /// bodies, any identifier.
    pub code: String,
    pub lead_committee: Option<LeadCommittee>,
    pub rapporteur: String,
    /// Comma-separated.
    pub topics: String,
    pub summary: String,
    pub full_text: String,
    pub source_url: String,
    /// The meeting it belongs to (for a WHO outcome, the assembly or board session), or empty.
    pub meeting_id: String,
    /// The agenda item that produced it, or empty.
    pub agenda_item_id: String,
}

/// A checked policy document.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct PolicyDocumentFields {
    pub policy_type: PolicyType,
    pub emergency: bool,
    pub title: String,
    pub short_name: String,
    /// As entered (normal form). For a WMA document the displayed code's last year comes from
    /// the history: see [`PolicyDocument::handbook_code`].
    pub code: String,
    pub lead_committee: Option<LeadCommittee>,
    pub rapporteur: String,
    pub topics: Vec<String>,
    pub summary: String,
    pub full_text: String,
    pub source_url: String,
    pub meeting_id: Option<String>,
    pub agenda_item_id: Option<String>,
}

/// A stored policy document with what its history says.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct PolicyDocument {
    pub id: String,
    #[serde(flatten)]
    #[cfg_attr(feature = "ts", ts(flatten))]
    pub fields: PolicyDocumentFields,
    pub status: PolicyStatus,
    /// The handbook code with its last part set to the year of the last action (WMA only).
    pub handbook_code: Option<String>,
    /// When the next review falls due (as precise as the last counting action's date).
    pub review_due: Option<PartialDate>,
    /// Why it falls due then: the action it counts from and the period.
    pub review_basis: Option<ReviewBasis>,
    pub created_at: String,
    pub updated_at: String,
    pub version: u32,
}

/// One history action as its form submits it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct PolicyActionDraft {
    pub kind: PolicyActionKind,
    /// `1948`, `2017-10` or `2017-10-14`.
    pub date: String,
    /// The acting body (a body id), or empty.
    pub body_id: String,
    /// The meeting it happened at, or empty.
    pub meeting_id: String,
    /// For "superseded": the document that replaces it.
    pub superseded_by_id: String,
    pub note: String,
}

/// A checked history action.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct PolicyActionFields {
    pub kind: PolicyActionKind,
    pub date: PartialDate,
    pub body_id: Option<String>,
    pub meeting_id: Option<String>,
    pub superseded_by_id: Option<String>,
    pub note: String,
}

/// A stored history action. A mistyped action is corrected or removed (each correction is kept
/// in the history table); what follows from the history is derived again with it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct PolicyAction {
    pub id: String,
    pub document_id: String,
    #[serde(flatten)]
    #[cfg_attr(feature = "ts", ts(flatten))]
    pub fields: PolicyActionFields,
    pub created_at: String,
    pub updated_at: String,
    pub version: u32,
}

fn optional(text: &str) -> Option<String> {
    Some(text.trim().to_owned()).filter(|t| !t.is_empty())
}

impl PolicyDocumentDraft {
    /// Checks every field; `this_year` bounds plausible years in handbook codes.
    pub fn validate(&self, this_year: i16) -> Result<PolicyDocumentFields, CoreError> {
        let mut errors = Vec::new();
        let title = self.title.trim();
        if title.is_empty() {
            errors.push(FieldError::new(
                "title",
                "Enter the title, such as \"WMA Declaration of Geneva\".",
            ));
        }
        crate::form::check_length(&mut errors, "title", "The title", title, MAX_TITLE);
        crate::form::check_length(
            &mut errors,
            "short_name",
            "The short name",
            self.short_name.trim(),
            MAX_SHORT,
        );
        let code = self.code.trim();
        let mut normal_code = code.to_owned();
        if let Some(letter) = self.policy_type.handbook_letter() {
            if !code.is_empty() {
                match HandbookCode::parse(code, this_year) {
                    Ok(parsed) if parsed.letter != letter => errors.push(FieldError::new(
                        "code",
                        format!(
                            "The code starts with {}, but a {} takes {letter} (such as {letter}-{}-{:02}-{}).",
                            parsed.letter,
                            self.policy_type.label(),
                            parsed.first_year,
                            parsed.sequence,
                            parsed.last_year
                        ),
                    )),
                    Ok(parsed) => normal_code = parsed.to_string(),
                    Err(message) => errors.push(FieldError::new("code", message)),
                }
            }
        } else if self.policy_type.is_who() {
            match WhoSymbol::parse(code) {
                Ok(symbol) => {
                    let wanted = match self.policy_type {
                        PolicyType::WhoDecision => WhoSymbolKind::Decision,
                        _ => WhoSymbolKind::Resolution,
                    };
                    if symbol.kind != wanted {
                        errors.push(FieldError::new(
                            "code",
                            match wanted {
                                WhoSymbolKind::Resolution => format!(
                                    "{code} is a decision's symbol; a resolution's looks like WHA77.17 or EB154.R3. Choose the type WHO decision, or correct the symbol."
                                ),
                                WhoSymbolKind::Decision => format!(
                                    "{code} is a resolution's symbol; a decision's looks like WHA75(9) or EB150(3). Choose the type WHO resolution, or correct the symbol."
                                ),
                            },
                        ));
                    } else {
                        normal_code = symbol.to_string();
                    }
                }
                Err(message) => errors.push(FieldError::new("code", message)),
            }
        }
        crate::form::check_length(&mut errors, "code", "The identifier", code, MAX_SHORT);
        if self.emergency && self.policy_type != PolicyType::Resolution {
            errors.push(FieldError::new(
                "emergency",
                "Only WMA resolutions are marked as emergency resolutions. Clear the mark, or choose the type WMA resolution.",
            ));
        }
        if self.lead_committee.is_some() && !self.policy_type.is_wma() {
            errors.push(FieldError::new(
                "lead_committee",
                "Only WMA documents have a lead committee. Choose none.",
            ));
        }
        crate::form::check_length(
            &mut errors,
            "rapporteur",
            "The rapporteur",
            self.rapporteur.trim(),
            MAX_SHORT,
        );
        crate::form::check_length(
            &mut errors,
            "topics",
            "The topics",
            self.topics.trim(),
            MAX_NOTE,
        );
        crate::form::check_length(
            &mut errors,
            "summary",
            "The summary",
            self.summary.trim(),
            MAX_NOTE,
        );
        crate::form::check_length(
            &mut errors,
            "full_text",
            "The full text",
            &self.full_text,
            MAX_TEXT,
        );
        let url = self.source_url.trim();
        crate::form::check_web_address(
            &mut errors,
            "source_url",
            "https://www.wma.net/policy/",
            url,
        );
        crate::form::check_length(&mut errors, "source_url", "The web address", url, 2_000);
        if !errors.is_empty() {
            return Err(CoreError::Validation(errors));
        }
        Ok(PolicyDocumentFields {
            policy_type: self.policy_type,
            emergency: self.emergency,
            title: title.to_owned(),
            short_name: self.short_name.trim().to_owned(),
            code: normal_code,
            lead_committee: self.lead_committee,
            rapporteur: self.rapporteur.trim().to_owned(),
            topics: self
                .topics
                .split([',', ';'])
                .map(str::trim)
                .filter(|t| !t.is_empty())
                .map(str::to_owned)
                .collect(),
            summary: self.summary.trim().to_owned(),
            full_text: self.full_text.trim_end().to_owned(),
            source_url: url.to_owned(),
            meeting_id: optional(&self.meeting_id),
            agenda_item_id: optional(&self.agenda_item_id),
        })
    }
}

impl From<&PolicyDocument> for PolicyDocumentDraft {
    fn from(d: &PolicyDocument) -> Self {
        let f = &d.fields;
        PolicyDocumentDraft {
            policy_type: f.policy_type,
            emergency: f.emergency,
            title: f.title.clone(),
            short_name: f.short_name.clone(),
            code: f.code.clone(),
            lead_committee: f.lead_committee,
            rapporteur: f.rapporteur.clone(),
            topics: f.topics.join(", "),
            summary: f.summary.clone(),
            full_text: f.full_text.clone(),
            source_url: f.source_url.clone(),
            meeting_id: f.meeting_id.clone().unwrap_or_default(),
            agenda_item_id: f.agenda_item_id.clone().unwrap_or_default(),
        }
    }
}

impl PolicyActionDraft {
    pub fn validate(&self, this_year: i16) -> Result<PolicyActionFields, CoreError> {
        let mut errors = Vec::new();
        let date = match PartialDate::parse(&self.date) {
            Ok(date) if date.year > this_year + 1 => {
                errors.push(FieldError::new(
                    "date",
                    format!(
                        "{} is in the future. Enter the date the action was taken.",
                        date
                    ),
                ));
                None
            }
            Ok(date) => Some(date),
            Err(message) => {
                errors.push(FieldError::new("date", message));
                None
            }
        };
        let superseded_by = optional(&self.superseded_by_id);
        if self.kind == PolicyActionKind::Superseded && superseded_by.is_none() {
            errors.push(FieldError::new(
                "superseded_by_id",
                "Choose the document that supersedes this one.",
            ));
        }
        if self.kind != PolicyActionKind::Superseded && superseded_by.is_some() {
            errors.push(FieldError::new(
                "superseded_by_id",
                "Only a \"superseded\" action names a replacing document. Clear it, or choose the action Superseded.",
            ));
        }
        crate::form::check_length(&mut errors, "note", "The note", self.note.trim(), MAX_NOTE);
        match (date, errors.is_empty()) {
            (Some(date), true) => Ok(PolicyActionFields {
                kind: self.kind,
                date,
                body_id: optional(&self.body_id),
                meeting_id: optional(&self.meeting_id),
                superseded_by_id: superseded_by,
                note: self.note.trim().to_owned(),
            }),
            _ => Err(CoreError::Validation(errors)),
        }
    }
}

/// Whether a WMA body is a General Assembly (so a council resolution it adopts is in force).
pub const GENERAL_ASSEMBLY: &str = "wma_general_assembly";

/// What a document's history says: its status, the year of its last action and when its next
/// review falls due (and why). `actions` may come in any order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Derived {
    pub status: PolicyStatus,
    pub last_year: Option<i16>,
    pub review_due: Option<PartialDate>,
    pub review_basis: Option<ReviewBasis>,
}

/// The action a review date counts from (the last adoption, revision or reaffirmation; editorial
/// revisions do not count) and the period for the document's type.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ReviewBasis {
    pub kind: PolicyActionKind,
    pub date: PartialDate,
    pub years: i16,
    /// "10 years after the revision of October 2016".
    pub explanation: String,
}

impl ReviewBasis {
    pub fn new(kind: PolicyActionKind, date: PartialDate, years: i16) -> ReviewBasis {
        ReviewBasis {
            kind,
            date,
            years,
            explanation: format!(
                "{years} year{} after the {} of {}",
                if years == 1 { "" } else { "s" },
                kind.noun(),
                date.in_words()
            ),
        }
    }

    /// The review date: the same date `years` later, as precise as the action's.
    pub fn due(&self) -> PartialDate {
        self.date.plus_years(self.years)
    }
}

pub fn derive(policy_type: PolicyType, actions: &[PolicyActionFields]) -> Derived {
    let mut ordered: Vec<&PolicyActionFields> = actions.iter().collect();
    ordered.sort_by_key(|a| a.date.earliest());
    let mut status = PolicyStatus::NotAdopted;
    for action in &ordered {
        status = match action.kind {
            PolicyActionKind::Adopted => {
                let by_ga = action.body_id.as_deref() == Some(GENERAL_ASSEMBLY);
                if policy_type == PolicyType::CouncilResolution && !by_ga {
                    if status == PolicyStatus::InForce {
                        status
                    } else {
                        PolicyStatus::PendingGaAdoption
                    }
                } else {
                    PolicyStatus::InForce
                }
            }
            PolicyActionKind::RescindedAndArchived => PolicyStatus::RescindedAndArchived,
            PolicyActionKind::Superseded => PolicyStatus::Superseded,
            PolicyActionKind::Reaffirmed | PolicyActionKind::ReaffirmedWithMinorRevisions
                if status == PolicyStatus::NotAdopted =>
            {
                PolicyStatus::InForce
            }
            _ => status,
        };
    }
    let last_year = ordered.last().map(|a| a.date.year);
    let review_basis = match (policy_type.review_years(), status) {
        (Some(years), PolicyStatus::InForce | PolicyStatus::PendingGaAdoption) => ordered
            .iter()
            .rev()
            .find(|a| a.kind.restarts_review())
            .map(|a| ReviewBasis::new(a.kind, a.date, years)),
        _ => None,
    };
    Derived {
        status,
        last_year,
        review_due: review_basis.as_ref().map(ReviewBasis::due),
        review_basis,
    }
}

/// Refuses an action dated (surely) before the document was first adopted, counting the new
/// action itself (an adoption dated after earlier actions is refused too).
pub fn check_after_adoption(
    existing: &[PolicyActionFields],
    action: &PolicyActionFields,
) -> Result<(), CoreError> {
    let all: Vec<&PolicyActionFields> = existing.iter().chain(std::iter::once(action)).collect();
    let Some(adopted) = all
        .iter()
        .filter(|a| a.kind == PolicyActionKind::Adopted)
        .min_by_key(|a| a.date.earliest())
    else {
        return Ok(());
    };
    let too_early = all
        .iter()
        .find(|a| a.date.latest() < adopted.date.earliest());
    match too_early {
        Some(early) if std::ptr::eq(*early, action) => Err(CoreError::validation(
            "date",
            format!(
                "{} is before the document was first adopted ({}). Check the date, or record the adoption first.",
                action.date, adopted.date
            ),
        )),
        Some(early) => Err(CoreError::validation(
            "date",
            format!(
                "The history already has an action of {}, before an adoption in {}. Check the date.",
                early.date, action.date
            ),
        )),
        None => Ok(()),
    }
}

/// Refuses what a history would be after removing one of its actions if an action is then dated
/// surely before the first remaining adoption.
pub fn check_history(actions: &[PolicyActionFields]) -> Result<(), CoreError> {
    let Some(adopted) = actions
        .iter()
        .filter(|a| a.kind == PolicyActionKind::Adopted)
        .min_by_key(|a| a.date.earliest())
    else {
        return Ok(());
    };
    match actions
        .iter()
        .find(|a| a.date.latest() < adopted.date.earliest())
    {
        Some(early) => Err(CoreError::validation(
            "date",
            format!(
                "Without it, the history would have an action of {} ({}) before the first adoption in {}. Correct or remove that action first.",
                early.date,
                early.kind.label().to_lowercase(),
                adopted.date
            ),
        )),
        None => Ok(()),
    }
}

// ---------------------------------------------------------------------------------------------
// Positions

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum Stance {
    Support,
    SupportWithAmendments,
    Oppose,
    Monitor,
    #[default]
    NoPosition,
}

impl Stance {
    pub const ALL: [Stance; 5] = [
        Stance::Support,
        Stance::SupportWithAmendments,
        Stance::Oppose,
        Stance::Monitor,
        Stance::NoPosition,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Stance::Support => "Support",
            Stance::SupportWithAmendments => "Support with amendments",
            Stance::Oppose => "Oppose",
            Stance::Monitor => "Monitor",
            Stance::NoPosition => "No position",
        }
    }
}

/// What the delegation may do.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Mandate {
    pub may_speak: bool,
    pub may_co_sponsor: bool,
    pub may_vote: bool,
}

/// A position as its form submits it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct PositionDraft {
    /// Where it is debated (optional): a meeting and one of its agenda items.
    pub meeting_id: String,
    pub agenda_item_id: String,
    pub stance: Stance,
    pub priority: Priority,
    pub rationale: String,
    pub red_lines: String,
    pub fallback: String,
    pub mandate: Mandate,
    /// The association's own policies, separated by commas or spaces: `H-295.988, D-295.309`.
    pub own_policies: String,
    pub approved_by: String,
    /// `YYYY-MM-DD`, or empty.
    pub approved_on: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct PositionFields {
    pub meeting_id: Option<String>,
    pub agenda_item_id: Option<String>,
    pub stance: Stance,
    pub priority: Priority,
    pub rationale: String,
    pub red_lines: String,
    pub fallback: String,
    pub mandate: Mandate,
    pub own_policies: Vec<String>,
    pub approved_by: String,
    pub approved_on: Option<String>,
}

/// A recorded position. A change records a new position; earlier ones are kept and marked as
/// no longer current.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Position {
    pub id: String,
    pub document_id: String,
    #[serde(flatten)]
    #[cfg_attr(feature = "ts", ts(flatten))]
    pub fields: PositionFields,
    /// The latest position for its document and meeting.
    pub current: bool,
    pub created_at: String,
    pub updated_at: String,
    pub version: u32,
}

impl PositionDraft {
    pub fn validate(&self) -> Result<PositionFields, CoreError> {
        let mut errors = Vec::new();
        for (field, name, value) in [
            ("rationale", "The rationale", &self.rationale),
            ("red_lines", "The red lines", &self.red_lines),
            ("fallback", "The fallback", &self.fallback),
        ] {
            crate::form::check_length(&mut errors, field, name, value.trim(), MAX_NOTE);
        }
        crate::form::check_length(
            &mut errors,
            "approved_by",
            "Approved by",
            self.approved_by.trim(),
            MAX_SHORT,
        );
        let mut own = Vec::new();
        let mut bad = Vec::new();
        for id in self
            .own_policies
            .split([',', ';', ' ', '\n'])
            .filter(|s| !s.trim().is_empty())
        {
            match OwnPolicyId::parse(id) {
                Some(id) => {
                    if !own.contains(&id.0) {
                        own.push(id.0)
                    }
                }
                None => bad.push(crate::meeting::truncate(id.trim(), 40)),
            }
        }
        if bad.len() > 3 {
            bad.truncate(3);
            bad.push("…".to_owned());
        }
        if !bad.is_empty() {
            errors.push(FieldError::new(
                "own_policies",
                format!(
                    "{} {} not the association's policy identifier{}; they look like H-295.988 or D-295.309.",
                    bad.join(", "),
                    if bad.len() == 1 { "is" } else { "are" },
                    if bad.len() == 1 { "" } else { "s" }
                ),
            ));
        }
        let approved_on = self.approved_on.trim();
        if !approved_on.is_empty() && approved_on.parse::<jiff::civil::Date>().is_err() {
            errors.push(FieldError::new(
                "approved_on",
                "Enter the date as YYYY-MM-DD, or leave it empty.",
            ));
        }
        let meeting = optional(&self.meeting_id);
        let agenda_item = optional(&self.agenda_item_id);
        if agenda_item.is_some() && meeting.is_none() {
            errors.push(FieldError::new(
                "agenda_item_id",
                "Choose the meeting first, then one of its agenda items.",
            ));
        }
        if !errors.is_empty() {
            return Err(CoreError::Validation(errors));
        }
        Ok(PositionFields {
            meeting_id: meeting,
            agenda_item_id: agenda_item,
            stance: self.stance,
            priority: self.priority,
            rationale: self.rationale.trim().to_owned(),
            red_lines: self.red_lines.trim().to_owned(),
            fallback: self.fallback.trim().to_owned(),
            mandate: self.mandate,
            own_policies: own,
            approved_by: self.approved_by.trim().to_owned(),
            approved_on: optional(approved_on),
        })
    }
}

// ---------------------------------------------------------------------------------------------
// Votes

/// A vote on a document at a meeting, as its form submits it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct PolicyVoteDraft {
    pub meeting_id: String,
    /// Where it was taken: "Committee A", "Plenary"...
    pub forum: String,
    pub in_favour: String,
    pub against: String,
    pub abstentions: String,
    pub result: Option<VoteResult>,
    pub note: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct PolicyVoteFields {
    pub meeting_id: Option<String>,
    pub forum: String,
    pub vote: Vote,
    pub note: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct PolicyVote {
    pub id: String,
    pub document_id: String,
    #[serde(flatten)]
    #[cfg_attr(feature = "ts", ts(flatten))]
    pub fields: PolicyVoteFields,
    pub created_at: String,
    pub updated_at: String,
    pub version: u32,
}

impl PolicyVoteDraft {
    pub fn validate(&self) -> Result<PolicyVoteFields, CoreError> {
        let mut errors = Vec::new();
        let mut count = |field: &str, name: &str, text: &str| -> Option<u32> {
            let text = text.trim();
            if text.is_empty() {
                return None;
            }
            match text.parse::<u32>() {
                Ok(n) if n <= MAX_VOTES && text.bytes().all(|b| b.is_ascii_digit()) => Some(n),
                _ => {
                    errors.push(FieldError::new(
                        field,
                        format!("{name} must be a whole number, such as 124, or empty if unknown."),
                    ));
                    None
                }
            }
        };
        let vote = Vote {
            in_favour: count("in_favour", "Votes in favour", &self.in_favour),
            against: count("against", "Votes against", &self.against),
            abstentions: count("abstentions", "Abstentions", &self.abstentions),
            result: self.result,
        };
        if vote.is_empty() {
            errors.push(FieldError::new(
                "in_favour",
                "Enter the counts or the result of the vote.",
            ));
        }
        crate::form::check_length(
            &mut errors,
            "forum",
            "The forum",
            self.forum.trim(),
            MAX_SHORT,
        );
        crate::form::check_length(&mut errors, "note", "The note", self.note.trim(), MAX_NOTE);
        if !errors.is_empty() {
            return Err(CoreError::Validation(errors));
        }
        Ok(PolicyVoteFields {
            meeting_id: optional(&self.meeting_id),
            forum: self.forum.trim().to_owned(),
            vote,
            note: self.note.trim().to_owned(),
        })
    }
}

#[cfg(test)]
mod tests;
