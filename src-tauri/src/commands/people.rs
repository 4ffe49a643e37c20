//! People, organizations, country notes, seats and terms.

use plenary_core::HistoryEntry;
use plenary_core::assignment::export::ExportField;
use plenary_core::assignment::{AssignmentStatus, BadgeStatus, Role, WarningKind};
use plenary_core::organization::{
    COUNTRY_TOPICS, CountryNote, CountryNoteDraft, Interaction, InteractionDraft, InteractionKind,
    Organization, OrganizationDraft, OrganizationKind, Seat, SeatDraft, SeatKind, TermCapacity,
    TermDraft, WhoRelation, WmaMembership,
};
use plenary_core::people::{Person, PersonDraft, PersonKind, PersonTravel, TravelDraft};
use plenary_core::store::{CountryPage, PersonPage, PersonRow, SeatWithTerms, TermSaved, TermView};
use serde::Serialize;
use tauri::State;
use ts_rs::TS;

use super::{Choice, Outcome};
use crate::state::AppState;

/// Every fixed list the people, organization and assignment forms offer.
#[derive(Debug, Serialize, TS)]
pub struct PeopleFormOptions {
    pub person_kinds: Vec<Choice<PersonKind>>,
    pub organization_kinds: Vec<Choice<OrganizationKind>>,
    pub wma_memberships: Vec<Choice<WmaMembership>>,
    pub who_relations: Vec<Choice<WhoRelation>>,
    pub interaction_kinds: Vec<Choice<InteractionKind>>,
    pub seat_kinds: Vec<Choice<SeatKind>>,
    pub term_capacities: Vec<Choice<TermCapacity>>,
    pub roles: Vec<Choice<Role>>,
    pub statuses: Vec<Choice<AssignmentStatus>>,
    /// Statuses a new assignment may start in.
    pub initial_statuses: Vec<AssignmentStatus>,
    pub badges: Vec<Choice<BadgeStatus>>,
    pub warning_kinds: Vec<Choice<WarningKind>>,
    pub export_fields: Vec<Choice<ExportField>>,
    /// Export fields that need the "include sensitive fields" tick.
    pub sensitive_export_fields: Vec<ExportField>,
    pub country_topics: Vec<String>,
    /// Every IANA time-zone name, sorted.
    pub time_zones: Vec<String>,
}

#[tauri::command]
pub fn people_form_options() -> PeopleFormOptions {
    PeopleFormOptions {
        person_kinds: Choice::all(PersonKind::ALL, PersonKind::label),
        organization_kinds: Choice::all(OrganizationKind::ALL, OrganizationKind::label),
        wma_memberships: Choice::all(WmaMembership::ALL, WmaMembership::label),
        who_relations: Choice::all(WhoRelation::ALL, WhoRelation::label),
        interaction_kinds: Choice::all(InteractionKind::ALL, InteractionKind::label),
        seat_kinds: Choice::all(SeatKind::ALL, SeatKind::label),
        term_capacities: Choice::all(TermCapacity::ALL, TermCapacity::label),
        roles: Choice::all(Role::ALL, Role::label),
        statuses: Choice::all(AssignmentStatus::ALL, AssignmentStatus::label),
        initial_statuses: AssignmentStatus::INITIAL.to_vec(),
        badges: Choice::all(BadgeStatus::ALL, BadgeStatus::label),
        warning_kinds: Choice::all(WarningKind::ALL, WarningKind::label),
        export_fields: Choice::all(ExportField::ALL, ExportField::label),
        sensitive_export_fields: ExportField::ALL
            .iter()
            .copied()
            .filter(|f| f.is_sensitive())
            .collect(),
        country_topics: COUNTRY_TOPICS.iter().map(|t| (*t).to_owned()).collect(),
        time_zones: plenary_core::time_zone::all_names(),
    }
}

// ---- People ----

#[tauri::command]
pub async fn list_people(state: State<'_, AppState>) -> Outcome<Vec<PersonRow>> {
    state.with_store(|store| store.people()).await
}

#[tauri::command]
pub async fn get_person_page(state: State<'_, AppState>, id: String) -> Outcome<PersonPage> {
    state.with_store(move |store| store.person_page(&id)).await
}

#[tauri::command]
pub async fn create_person(state: State<'_, AppState>, draft: PersonDraft) -> Outcome<Person> {
    state
        .with_store(move |store| store.create_person(&draft))
        .await
}

#[tauri::command]
pub async fn update_person(
    state: State<'_, AppState>,
    id: String,
    version: u32,
    draft: PersonDraft,
) -> Outcome<Person> {
    state
        .with_store(move |store| store.update_person(&id, version, &draft))
        .await
}

#[tauri::command]
pub async fn delete_person(state: State<'_, AppState>, id: String, version: u32) -> Outcome<()> {
    state
        .with_store(move |store| store.delete_person(&id, version))
        .await
}

/// People a draft would duplicate (same name ignoring accents, or same email), so the form can
/// offer to open the existing one. `except` is the person being edited.
#[tauri::command]
pub async fn person_duplicates(
    state: State<'_, AppState>,
    draft: PersonDraft,
    except: Option<String>,
) -> Outcome<Vec<Person>> {
    state
        .with_store(move |store| store.person_duplicates(&draft, except.as_deref()))
        .await
}

#[tauri::command]
pub async fn person_history(state: State<'_, AppState>, id: String) -> Outcome<Vec<HistoryEntry>> {
    state
        .with_store(move |store| store.person_history(&id))
        .await
}

/// A person's sensitive travel details; called only when someone asks to see them.
#[tauri::command]
pub async fn get_person_travel(
    state: State<'_, AppState>,
    id: String,
) -> Outcome<Option<PersonTravel>> {
    state
        .with_store(move |store| store.person_travel(&id))
        .await
}

#[tauri::command]
pub async fn set_person_travel(
    state: State<'_, AppState>,
    id: String,
    version: Option<u32>,
    draft: TravelDraft,
) -> Outcome<PersonTravel> {
    state
        .with_store(move |store| store.set_person_travel(&id, version, &draft))
        .await
}

// ---- Organizations ----

#[tauri::command]
pub async fn list_organizations(state: State<'_, AppState>) -> Outcome<Vec<Organization>> {
    state.with_store(|store| store.organizations()).await
}

#[tauri::command]
pub async fn create_organization(
    state: State<'_, AppState>,
    draft: OrganizationDraft,
) -> Outcome<Organization> {
    state
        .with_store(move |store| store.create_organization(&draft))
        .await
}

#[tauri::command]
pub async fn update_organization(
    state: State<'_, AppState>,
    id: String,
    version: u32,
    draft: OrganizationDraft,
) -> Outcome<Organization> {
    state
        .with_store(move |store| store.update_organization(&id, version, &draft))
        .await
}

#[tauri::command]
pub async fn delete_organization(
    state: State<'_, AppState>,
    id: String,
    version: u32,
) -> Outcome<()> {
    state
        .with_store(move |store| store.delete_organization(&id, version))
        .await
}

#[tauri::command]
pub async fn list_interactions(
    state: State<'_, AppState>,
    organization_id: String,
) -> Outcome<Vec<Interaction>> {
    state
        .with_store(move |store| store.interactions(&organization_id))
        .await
}

#[tauri::command]
pub async fn add_interaction(
    state: State<'_, AppState>,
    organization_id: String,
    draft: InteractionDraft,
) -> Outcome<Interaction> {
    state
        .with_store(move |store| store.add_interaction(&organization_id, &draft))
        .await
}

#[tauri::command]
pub async fn delete_interaction(
    state: State<'_, AppState>,
    id: String,
    version: u32,
) -> Outcome<()> {
    state
        .with_store(move |store| store.delete_interaction(&id, version))
        .await
}

// ---- Countries ----

#[tauri::command]
pub async fn list_countries(state: State<'_, AppState>) -> Outcome<Vec<String>> {
    state.with_store(|store| store.countries()).await
}

#[tauri::command]
pub async fn get_country_page(state: State<'_, AppState>, country: String) -> Outcome<CountryPage> {
    state
        .with_store(move |store| store.country_page(&country))
        .await
}

#[tauri::command]
pub async fn get_country_note(state: State<'_, AppState>, id: String) -> Outcome<CountryNote> {
    state.with_store(move |store| store.country_note(&id)).await
}

#[tauri::command]
pub async fn create_country_note(
    state: State<'_, AppState>,
    draft: CountryNoteDraft,
) -> Outcome<CountryNote> {
    state
        .with_store(move |store| store.create_country_note(&draft))
        .await
}

#[tauri::command]
pub async fn delete_country_note(
    state: State<'_, AppState>,
    id: String,
    version: u32,
) -> Outcome<()> {
    state
        .with_store(move |store| store.delete_country_note(&id, version))
        .await
}

// ---- Seats and terms ----

/// Every seat with its terms, each current, ended or upcoming as of today (this computer's date).
#[tauri::command]
pub async fn list_seats(state: State<'_, AppState>) -> Outcome<Vec<SeatWithTerms>> {
    state
        .with_store(|store| store.seats(store.clock().today()))
        .await
}

#[tauri::command]
pub async fn create_seat(state: State<'_, AppState>, draft: SeatDraft) -> Outcome<Seat> {
    state
        .with_store(move |store| store.create_seat(&draft))
        .await
}

#[tauri::command]
pub async fn add_term(
    state: State<'_, AppState>,
    seat_id: String,
    draft: TermDraft,
) -> Outcome<TermSaved> {
    state
        .with_store(move |store| store.add_term(&seat_id, &draft))
        .await
}

#[tauri::command]
pub async fn update_term(
    state: State<'_, AppState>,
    id: String,
    version: u32,
    draft: TermDraft,
) -> Outcome<TermSaved> {
    state
        .with_store(move |store| store.update_term(&id, version, &draft))
        .await
}

#[tauri::command]
pub async fn delete_term(state: State<'_, AppState>, id: String, version: u32) -> Outcome<()> {
    state
        .with_store(move |store| store.delete_term(&id, version))
        .await
}

/// Terms ending within `days` of today (the dashboard asks for 90).
#[tauri::command]
pub async fn terms_ending_within(state: State<'_, AppState>, days: u32) -> Outcome<Vec<TermView>> {
    state
        .with_store(move |store| store.terms_ending_within(store.clock().today(), days))
        .await
}
