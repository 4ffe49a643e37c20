//! TypeScript declarations for every type that crosses the boundary, generated with ts-rs into
//! one committed file, `ui/src/lib/bindings.ts`. A test fails when the file drifts from the Rust
//! types; `cargo xtask bindings` rewrites it.

use plenary_core::action::{ActionItem, ActionItemDraft, ActionItemFields, ActionStatus};
use plenary_core::agenda::{AgendaItem, AgendaItemDraft, AgendaItemFields, Priority};
use plenary_core::assignment::export::{DelegationExport, ExportField, ExportRequest};
use plenary_core::assignment::{
    Assignment, AssignmentDraft, AssignmentFields, AssignmentStatus, BadgeStatus, Delegation,
    DelegationDraft, Role, StatusChange, Warning, WarningKind,
};
use plenary_core::body::{Body, BodyDraft, BodyFields, BodyOrganization};
use plenary_core::briefing::{BriefingRequest, BriefingWritten};
use plenary_core::diff::{DiffKind, DiffSpan};
use plenary_core::document::{Document, DocumentDraft, DocumentFields, StoredFile};
use plenary_core::example::{ExampleRemoval, ExampleStatus};
use plenary_core::meeting::{Meeting, MeetingDraft, MeetingFields, MeetingFormat, MeetingStatus};
use plenary_core::organization::{
    CountryNote, CountryNoteDraft, CountryNoteFields, Interaction, InteractionDraft,
    InteractionFields, InteractionKind, Organization, OrganizationDraft, OrganizationFields,
    OrganizationKind, Seat, SeatDraft, SeatFields, SeatKind, SeatWarning, Term, TermCapacity,
    TermDraft, TermFields, TermState, WhoRelation, WmaMembership,
};
use plenary_core::people::{
    Person, PersonDraft, PersonFields, PersonKind, PersonTravel, TravelDraft, TravelFields,
};
use plenary_core::record::{
    Record, RecordContent, RecordDraft, RecordKind, RecordStatus, RecordVersion, Vote, VoteResult,
};
use plenary_core::session::{Session, SessionDraft, SessionFields, SessionTimes};
use plenary_core::store::{
    ActionOnDashboard, Dashboard, Direction, DraftAfterMeeting, SearchHit, UpcomingMeeting,
};
use plenary_core::store::{
    AssignmentSaved, AssignmentView, Board, BoardRow, Candidate, CandidateQuery, CountryPage,
    MyAssignment, MyAssignments, PersonPage, PersonRow, SeatTerm, SeatWithTerms, TermSaved,
    TermView,
};
use plenary_core::{FieldError, HistoryAction, HistoryEntry, Setting, SettingKey};
use ts_rs::TS;

use plenary_core::portable::{
    BackupSummary, ExportSummary, ImportSummary, Progress, RestoreSummary,
};

use crate::commands::assignments::{AssignmentVersion, SavedExport};
use crate::commands::calendar::{CalendarRequest, SavedCalendar};
use crate::commands::desktop::Diagnostics;
use crate::commands::meetings::MeetingFormOptions;
use crate::commands::overview::{DashboardScreen, FirstScreen};
use crate::commands::people::PeopleFormOptions;
use crate::commands::policy::{PolicyFormOptions, StatementFormOptions};
use crate::commands::portable::BackupSettings;
use crate::commands::team::{JoinRequest, TeamStatus};
use crate::commands::{AppInfo, Choice};
use crate::desktop::prefs::Theme;
use crate::error::{CommandError, ErrorKind};
use plenary_core::exchange::{
    ConflictChoice, ConflictField, ConflictKind, ConflictView, ExchangeReport, ExchangeStatus,
};
use plenary_core::policy::links::{LinkKind, PolicyLink, TextStage, TextVersion, TextVersionDraft};
use plenary_core::policy::proposal::{
    Proposal, ProposalDraft, ProposalFields, ProposalStage, ProposalStep, ProposalStepDraft,
};
use plenary_core::policy::{
    DatePrecision, LeadCommittee, Mandate, PartialDate, PolicyAction, PolicyActionDraft,
    PolicyActionFields, PolicyActionKind, PolicyDocument, PolicyDocumentDraft,
    PolicyDocumentFields, PolicyStatus, PolicyType, PolicyVote, PolicyVoteDraft, PolicyVoteFields,
    Position, PositionDraft, PositionFields, ReviewBasis, Stance,
};
use plenary_core::statement::{
    SpeakingMode, Statement, StatementDraft, StatementFields, StatementStatus,
};
use plenary_core::store::{
    DuplicateKind, DuplicateSide, LikelyDuplicate, PolicyFilter, ReviewDue, ReviewDueCount,
};

/// Where the generated file lives, relative to this crate.
pub const BINDINGS_FILE: &str = "../ui/src/lib/bindings.ts";

/// The whole generated file.
pub fn typescript() -> String {
    let cfg = ts_rs::Config::new();
    let declarations = [
        BodyOrganization::decl(&cfg),
        BodyDraft::decl(&cfg),
        BodyFields::decl(&cfg),
        Body::decl(&cfg),
        MeetingFormat::decl(&cfg),
        MeetingStatus::decl(&cfg),
        MeetingDraft::decl(&cfg),
        MeetingFields::decl(&cfg),
        Meeting::decl(&cfg),
        Priority::decl(&cfg),
        AgendaItemDraft::decl(&cfg),
        AgendaItemFields::decl(&cfg),
        AgendaItem::decl(&cfg),
        Direction::decl(&cfg),
        SessionDraft::decl(&cfg),
        SessionFields::decl(&cfg),
        SessionTimes::decl(&cfg),
        Session::decl(&cfg),
        RecordKind::decl(&cfg),
        RecordStatus::decl(&cfg),
        VoteResult::decl(&cfg),
        Vote::decl(&cfg),
        RecordDraft::decl(&cfg),
        RecordContent::decl(&cfg),
        Record::decl(&cfg),
        RecordVersion::decl(&cfg),
        DiffKind::decl(&cfg),
        DiffSpan::decl(&cfg),
        ActionStatus::decl(&cfg),
        ActionItemDraft::decl(&cfg),
        ActionItemFields::decl(&cfg),
        ActionItem::decl(&cfg),
        DocumentDraft::decl(&cfg),
        DocumentFields::decl(&cfg),
        Document::decl(&cfg),
        StoredFile::decl(&cfg),
        UpcomingMeeting::decl(&cfg),
        ActionOnDashboard::decl(&cfg),
        DraftAfterMeeting::decl(&cfg),
        Dashboard::decl(&cfg),
        ExampleStatus::decl(&cfg),
        ExampleRemoval::decl(&cfg),
        SearchHit::decl(&cfg),
        HistoryAction::decl(&cfg),
        HistoryEntry::decl(&cfg),
        SettingKey::decl(&cfg),
        Setting::decl(&cfg),
        FieldError::decl(&cfg),
        ErrorKind::decl(&cfg),
        CommandError::decl(&cfg),
        Theme::decl(&cfg),
        AppInfo::decl(&cfg),
        Diagnostics::decl(&cfg),
        ExchangeReport::decl(&cfg),
        ExchangeStatus::decl(&cfg),
        TeamStatus::decl(&cfg),
        FirstScreen::decl(&cfg),
        DashboardScreen::decl(&cfg),
        JoinRequest::decl(&cfg),
        ConflictKind::decl(&cfg),
        ConflictField::decl(&cfg),
        ConflictView::decl(&cfg),
        ConflictChoice::decl(&cfg),
        DuplicateKind::decl(&cfg),
        DuplicateSide::decl(&cfg),
        LikelyDuplicate::decl(&cfg),
        Choice::<()>::decl(&cfg),
        MeetingFormOptions::decl(&cfg),
        PolicyType::decl(&cfg),
        LeadCommittee::decl(&cfg),
        PolicyStatus::decl(&cfg),
        PolicyActionKind::decl(&cfg),
        DatePrecision::decl(&cfg),
        PartialDate::decl(&cfg),
        PolicyDocumentDraft::decl(&cfg),
        PolicyDocumentFields::decl(&cfg),
        ReviewBasis::decl(&cfg),
        PolicyDocument::decl(&cfg),
        PolicyActionDraft::decl(&cfg),
        PolicyActionFields::decl(&cfg),
        PolicyAction::decl(&cfg),
        PolicyFilter::decl(&cfg),
        ReviewDue::decl(&cfg),
        ReviewDueCount::decl(&cfg),
        Stance::decl(&cfg),
        Mandate::decl(&cfg),
        PositionDraft::decl(&cfg),
        PositionFields::decl(&cfg),
        Position::decl(&cfg),
        PolicyVoteDraft::decl(&cfg),
        PolicyVoteFields::decl(&cfg),
        PolicyVote::decl(&cfg),
        PolicyFormOptions::decl(&cfg),
        SpeakingMode::decl(&cfg),
        StatementStatus::decl(&cfg),
        StatementDraft::decl(&cfg),
        StatementFields::decl(&cfg),
        Statement::decl(&cfg),
        StatementFormOptions::decl(&cfg),
        ProposalStage::decl(&cfg),
        ProposalDraft::decl(&cfg),
        ProposalFields::decl(&cfg),
        ProposalStepDraft::decl(&cfg),
        ProposalStep::decl(&cfg),
        Proposal::decl(&cfg),
        LinkKind::decl(&cfg),
        PolicyLink::decl(&cfg),
        TextStage::decl(&cfg),
        TextVersionDraft::decl(&cfg),
        TextVersion::decl(&cfg),
    ];
    // People, organizations and assignments.
    let people = [
        PersonKind::decl(&cfg),
        PersonDraft::decl(&cfg),
        PersonFields::decl(&cfg),
        Person::decl(&cfg),
        TravelDraft::decl(&cfg),
        TravelFields::decl(&cfg),
        PersonTravel::decl(&cfg),
        PersonRow::decl(&cfg),
        PersonPage::decl(&cfg),
        OrganizationKind::decl(&cfg),
        WmaMembership::decl(&cfg),
        WhoRelation::decl(&cfg),
        OrganizationDraft::decl(&cfg),
        OrganizationFields::decl(&cfg),
        Organization::decl(&cfg),
        InteractionKind::decl(&cfg),
        InteractionDraft::decl(&cfg),
        InteractionFields::decl(&cfg),
        Interaction::decl(&cfg),
        CountryNoteDraft::decl(&cfg),
        CountryNoteFields::decl(&cfg),
        CountryNote::decl(&cfg),
        CountryPage::decl(&cfg),
        SeatKind::decl(&cfg),
        SeatDraft::decl(&cfg),
        SeatFields::decl(&cfg),
        Seat::decl(&cfg),
        TermCapacity::decl(&cfg),
        TermDraft::decl(&cfg),
        TermFields::decl(&cfg),
        Term::decl(&cfg),
        TermView::decl(&cfg),
        TermState::decl(&cfg),
        SeatTerm::decl(&cfg),
        SeatWarning::decl(&cfg),
        TermSaved::decl(&cfg),
        SeatWithTerms::decl(&cfg),
        Role::decl(&cfg),
        AssignmentStatus::decl(&cfg),
        BadgeStatus::decl(&cfg),
        AssignmentDraft::decl(&cfg),
        AssignmentFields::decl(&cfg),
        Assignment::decl(&cfg),
        AssignmentVersion::decl(&cfg),
        AssignmentSaved::decl(&cfg),
        AssignmentView::decl(&cfg),
        StatusChange::decl(&cfg),
        WarningKind::decl(&cfg),
        Warning::decl(&cfg),
        DelegationDraft::decl(&cfg),
        Delegation::decl(&cfg),
        BoardRow::decl(&cfg),
        Board::decl(&cfg),
        CandidateQuery::decl(&cfg),
        Candidate::decl(&cfg),
        MyAssignment::decl(&cfg),
        MyAssignments::decl(&cfg),
        ExportField::decl(&cfg),
        ExportRequest::decl(&cfg),
        DelegationExport::decl(&cfg),
        SavedExport::decl(&cfg),
        CalendarRequest::decl(&cfg),
        SavedCalendar::decl(&cfg),
        crate::commands::report::SavedReport::decl(&cfg),
        plenary_core::sheets::SheetKind::decl(&cfg),
        plenary_core::sheets::SheetFormat::decl(&cfg),
        plenary_core::sheets::CellProblem::decl(&cfg),
        plenary_core::sheets::PreviewRow::decl(&cfg),
        plenary_core::sheets::SheetPreview::decl(&cfg),
        plenary_core::sheets::SheetImported::decl(&cfg),
        plenary_core::sheets::export::ListExportRequest::decl(&cfg),
        crate::commands::sheets::SavedSheet::decl(&cfg),
        PeopleFormOptions::decl(&cfg),
        Progress::decl(&cfg),
        BackupSettings::decl(&cfg),
        BackupSummary::decl(&cfg),
        RestoreSummary::decl(&cfg),
        ExportSummary::decl(&cfg),
        ImportSummary::decl(&cfg),
        BriefingRequest::decl(&cfg),
        BriefingWritten::decl(&cfg),
    ];
    let mut out = String::from(
        "// Generated from the Rust types by `cargo xtask bindings`. Do not edit by hand.\n\n",
    );
    for declaration in declarations.into_iter().chain(people) {
        out.push_str("export ");
        out.push_str(&declaration);
        out.push_str("\n\n");
    }
    out.truncate(out.trim_end().len());
    out.push('\n');
    out
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    #[test]
    fn committed_bindings_match_the_rust_types() {
        let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(super::BINDINGS_FILE);
        let generated = super::typescript();
        if std::env::var_os("PLENARY_UPDATE_BINDINGS").is_some() {
            std::fs::write(&path, &generated).expect("write bindings");
            return;
        }
        let committed = std::fs::read_to_string(&path).unwrap_or_default();
        assert!(
            committed == generated,
            "{} is out of date with the Rust types; run `cargo xtask bindings` and commit it",
            path.display()
        );
    }
}
