//! Documents in development: a proposal moves through the WMA's cycle (review committee,
//! standing committee, workgroup, member consultation, Council, General Assembly) along allowed
//! steps only; each step is dated and kept. Adoption makes it a policy document.

use serde::{Deserialize, Serialize};

use super::{LeadCommittee, PolicyType};
use crate::error::{CoreError, FieldError};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum ProposalStage {
    Submitted,
    ReviewCommittee,
    /// In MEC, SMAC or FPC (the step names which).
    InCommittee,
    Workgroup,
    /// Circulated to members for comment, with a deadline.
    MemberConsultation,
    /// Council decided to forward it to the General Assembly.
    ApprovedByCouncil,
    Adopted,
    ReferredBack,
    Rejected,
    Withdrawn,
}

impl ProposalStage {
    pub const ALL: [ProposalStage; 10] = [
        ProposalStage::Submitted,
        ProposalStage::ReviewCommittee,
        ProposalStage::InCommittee,
        ProposalStage::Workgroup,
        ProposalStage::MemberConsultation,
        ProposalStage::ApprovedByCouncil,
        ProposalStage::Adopted,
        ProposalStage::ReferredBack,
        ProposalStage::Rejected,
        ProposalStage::Withdrawn,
    ];

    pub fn label(self) -> &'static str {
        match self {
            ProposalStage::Submitted => "Submitted",
            ProposalStage::ReviewCommittee => "Review Committee",
            ProposalStage::InCommittee => "In committee",
            ProposalStage::Workgroup => "Workgroup",
            ProposalStage::MemberConsultation => "Member consultation",
            ProposalStage::ApprovedByCouncil => "Approved by Council for the GA",
            ProposalStage::Adopted => "Adopted",
            ProposalStage::ReferredBack => "Referred back",
            ProposalStage::Rejected => "Rejected",
            ProposalStage::Withdrawn => "Withdrawn",
        }
    }

    /// The steps allowed from here. Any open stage may be withdrawn; adopted, rejected and
    /// withdrawn are final; a proposal referred back returns to its committee.
    pub fn next(self) -> &'static [ProposalStage] {
        use ProposalStage::*;
        match self {
            Submitted => &[ReviewCommittee, Rejected, Withdrawn],
            ReviewCommittee => &[InCommittee, ReferredBack, Rejected, Withdrawn],
            InCommittee => &[
                Workgroup,
                MemberConsultation,
                ReferredBack,
                Rejected,
                Withdrawn,
            ],
            Workgroup => &[InCommittee, MemberConsultation, Withdrawn],
            MemberConsultation => &[
                InCommittee,
                ApprovedByCouncil,
                ReferredBack,
                Rejected,
                Withdrawn,
            ],
            ApprovedByCouncil => &[Adopted, ReferredBack, Rejected, Withdrawn],
            ReferredBack => &[InCommittee, Withdrawn],
            Adopted | Rejected | Withdrawn => &[],
        }
    }
}

/// A proposal as its form submits it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ProposalDraft {
    pub title: String,
    /// The type of document it would become (a WMA type).
    pub proposed_type: PolicyType,
    /// The member that proposed it.
    pub proposer: String,
    pub rapporteur: String,
    pub summary: String,
    /// `YYYY-MM-DD`: when it was submitted (its first step).
    pub submitted_on: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ProposalFields {
    pub title: String,
    pub proposed_type: PolicyType,
    pub proposer: String,
    pub rapporteur: String,
    pub summary: String,
}

/// A step as its form submits it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ProposalStepDraft {
    pub stage: ProposalStage,
    /// `YYYY-MM-DD`.
    pub date: String,
    /// For "in committee": which one.
    pub committee: Option<LeadCommittee>,
    /// For "member consultation": `YYYY-MM-DD`.
    pub comment_deadline: String,
    pub note: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ProposalStep {
    pub stage: ProposalStage,
    pub date: String,
    pub committee: Option<LeadCommittee>,
    pub comment_deadline: Option<String>,
    pub note: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Proposal {
    pub id: String,
    #[serde(flatten)]
    #[cfg_attr(feature = "ts", ts(flatten))]
    pub fields: ProposalFields,
    pub stage: ProposalStage,
    /// The stages it may move to next.
    pub next: Vec<ProposalStage>,
    /// Every step, oldest first.
    pub steps: Vec<ProposalStep>,
    /// The policy document it became, once adopted.
    pub document_id: Option<String>,
    pub created_at: String,
    pub updated_at: String,
    pub version: u32,
}

fn date(errors: &mut Vec<FieldError>, field: &str, text: &str) -> Option<jiff::civil::Date> {
    match text.trim().parse::<jiff::civil::Date>() {
        Ok(date) => Some(date),
        Err(_) => {
            errors.push(FieldError::new(field, "Enter the date as YYYY-MM-DD."));
            None
        }
    }
}

impl ProposalDraft {
    pub fn validate(&self) -> Result<(ProposalFields, String), CoreError> {
        let mut errors = Vec::new();
        let title = self.title.trim();
        if title.is_empty() {
            errors.push(FieldError::new(
                "title",
                "Enter the proposal's working title.",
            ));
        }
        if title.chars().count() > super::MAX_TITLE {
            errors.push(FieldError::new(
                "title",
                format!(
                    "Shorten the title to {} characters or fewer.",
                    super::MAX_TITLE
                ),
            ));
        }
        if !self.proposed_type.is_wma() {
            errors.push(FieldError::new(
                "proposed_type",
                "Proposals become WMA documents: choose a declaration, statement, resolution or council resolution.",
            ));
        }
        let submitted = date(&mut errors, "submitted_on", &self.submitted_on);
        if !errors.is_empty() {
            return Err(CoreError::Validation(errors));
        }
        Ok((
            ProposalFields {
                title: title.to_owned(),
                proposed_type: self.proposed_type,
                proposer: self.proposer.trim().to_owned(),
                rapporteur: self.rapporteur.trim().to_owned(),
                summary: self.summary.trim().to_owned(),
            },
            submitted.expect("checked").to_string(),
        ))
    }
}

impl ProposalStepDraft {
    /// Checks the step against where the proposal stands (`from`, dated `last_date`).
    pub fn validate(
        &self,
        from: ProposalStage,
        last_date: &str,
    ) -> Result<ProposalStep, CoreError> {
        if !from.next().contains(&self.stage) {
            let allowed: Vec<&str> = from.next().iter().map(|s| s.label()).collect();
            return Err(CoreError::validation(
                "stage",
                if allowed.is_empty() {
                    format!(
                        "This proposal is {}; it does not move any more.",
                        from.label().to_lowercase()
                    )
                } else {
                    format!(
                        "A proposal cannot go from {} to {}. From {} it can go to: {}.",
                        from.label(),
                        self.stage.label(),
                        from.label(),
                        allowed.join(", ")
                    )
                },
            ));
        }
        let mut errors = Vec::new();
        let on = date(&mut errors, "date", &self.date);
        if let Some(on) = on
            && on.to_string().as_str() < last_date
        {
            errors.push(FieldError::new(
                "date",
                format!("The step is dated before the previous one ({last_date})."),
            ));
        }
        if self.stage == ProposalStage::InCommittee && self.committee.is_none() {
            errors.push(FieldError::new(
                "committee",
                "Choose the committee: MEC, SMAC or FPC.",
            ));
        }
        let deadline = if self.stage == ProposalStage::MemberConsultation {
            let deadline = date(&mut errors, "comment_deadline", &self.comment_deadline);
            if let (Some(on), Some(deadline)) = (on, deadline)
                && deadline < on
            {
                errors.push(FieldError::new(
                    "comment_deadline",
                    "The comment deadline comes before the consultation starts.",
                ));
            }
            deadline.map(|d| d.to_string())
        } else {
            None
        };
        if !errors.is_empty() {
            return Err(CoreError::Validation(errors));
        }
        Ok(ProposalStep {
            stage: self.stage,
            date: on.expect("checked").to_string(),
            committee: if self.stage == ProposalStage::InCommittee {
                self.committee
            } else {
                None
            },
            comment_deadline: deadline,
            note: self.note.trim().to_owned(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ProposalStage::*;

    fn step(stage: ProposalStage) -> ProposalStepDraft {
        ProposalStepDraft {
            stage,
            date: "2025-04-20".into(),
            committee: Some(LeadCommittee::Mec),
            comment_deadline: "2025-09-01".into(),
            note: String::new(),
        }
    }

    #[test]
    fn the_usual_cycle_is_allowed() {
        let mut at = Submitted;
        for to in [
            ReviewCommittee,
            InCommittee,
            Workgroup,
            MemberConsultation,
            ApprovedByCouncil,
            Adopted,
        ] {
            assert!(
                step(to).validate(at, "2025-01-01").is_ok(),
                "{at:?} → {to:?}"
            );
            at = to;
        }
        assert!(
            step(InCommittee)
                .validate(ReferredBack, "2025-01-01")
                .is_ok()
        );
        assert!(
            step(Withdrawn)
                .validate(MemberConsultation, "2025-01-01")
                .is_ok()
        );
    }

    #[test]
    fn other_transitions_are_refused() {
        for (from, to) in [
            (Submitted, Adopted),
            (Submitted, InCommittee),
            (ReviewCommittee, MemberConsultation),
            (InCommittee, Adopted),
            (MemberConsultation, Adopted),
            (Adopted, Withdrawn),
            (Rejected, Submitted),
            (Withdrawn, InCommittee),
        ] {
            let Err(CoreError::Validation(e)) = step(to).validate(from, "2025-01-01") else {
                panic!("{from:?} → {to:?} allowed")
            };
            assert_eq!(e[0].field, "stage");
        }
    }

    #[test]
    fn steps_carry_their_committee_deadline_and_order() {
        let mut no_committee = step(InCommittee);
        no_committee.committee = None;
        assert!(
            matches!(no_committee.validate(ReviewCommittee, "2025-01-01"), Err(CoreError::Validation(e)) if e[0].field == "committee")
        );
        let mut early_deadline = step(MemberConsultation);
        early_deadline.comment_deadline = "2025-01-01".into();
        assert!(
            matches!(early_deadline.validate(InCommittee, "2025-01-01"), Err(CoreError::Validation(e)) if e[0].field == "comment_deadline")
        );
        let Err(CoreError::Validation(e)) = step(ReviewCommittee).validate(Submitted, "2025-06-01")
        else {
            panic!()
        };
        assert_eq!(e[0].field, "date");
        let ok = step(MemberConsultation)
            .validate(InCommittee, "2025-01-01")
            .unwrap();
        assert_eq!(ok.comment_deadline.as_deref(), Some("2025-09-01"));
        assert_eq!(ok.committee, None);
        let bad = ProposalDraft {
            proposed_type: PolicyType::WhoResolution,
            ..Default::default()
        };
        let Err(CoreError::Validation(e)) = bad.validate() else {
            panic!()
        };
        let fields: Vec<_> = e.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(fields, ["title", "proposed_type", "submitted_on"]);
    }
}
