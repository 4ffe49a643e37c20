// The one typed door to the Rust side. Every command name and argument shape lives here.
import { invoke } from "@tauri-apps/api/core";
import type {
  AppInfo,
  Assignment,
  AssignmentDraft,
  AssignmentSaved,
  AssignmentStatus,
  AssignmentVersion,
  Board,
  Body,
  Candidate,
  CandidateQuery,
  CountryNote,
  CountryNoteDraft,
  CountryPage,
  Delegation,
  DelegationDraft,
  DelegationExport,
  ExportRequest,
  HistoryEntry,
  Interaction,
  InteractionDraft,
  Meeting,
  MeetingDraft,
  MeetingFormOptions,
  MyAssignments,
  Organization,
  OrganizationDraft,
  PeopleFormOptions,
  Person,
  PersonDraft,
  PersonPage,
  PersonRow,
  PersonTravel,
  SavedExport,
  Seat,
  SeatDraft,
  SeatWithTerms,
  Setting,
  SettingKey,
  StatusChange,
  Term,
  TermDraft,
  TermView,
  TravelDraft,
  Warning,
} from "./bindings";
import { CommandFailure, toCommandError } from "./errors";

async function call<T>(command: string, args?: Record<string, unknown>): Promise<T> {
  try {
    return await invoke<T>(command, args);
  } catch (raw) {
    throw new CommandFailure(toCommandError(raw));
  }
}

export const api = {
  appInfo: () => call<AppInfo>("app_info"),
  meetingFormOptions: () => call<MeetingFormOptions>("meeting_form_options"),
  defaultMeetingTitle: (body: Body | null, ordinal: string) =>
    call<string | null>("default_meeting_title", { body, ordinal }),
  suggestTimeZone: (city: string) => call<string | null>("suggest_time_zone", { city }),
  listMeetings: () => call<Meeting[]>("list_meetings"),
  getMeeting: (id: string) => call<Meeting>("get_meeting", { id }),
  createMeeting: (draft: MeetingDraft) => call<Meeting>("create_meeting", { draft }),
  updateMeeting: (id: string, version: number, draft: MeetingDraft) =>
    call<Meeting>("update_meeting", { id, version, draft }),
  deleteMeeting: (id: string, version: number) => call<null>("delete_meeting", { id, version }),
  meetingHistory: (id: string) => call<HistoryEntry[]>("meeting_history", { id }),
  listSettings: () => call<Setting[]>("list_settings"),
  setSetting: (key: SettingKey, value: string, version: number | null) =>
    call<Setting>("set_setting", { key, value, version }),

  // People, organizations, seats and assignments.
  peopleFormOptions: () => call<PeopleFormOptions>("people_form_options"),
  listPeople: () => call<PersonRow[]>("list_people"),
  getPersonPage: (id: string) => call<PersonPage>("get_person_page", { id }),
  createPerson: (draft: PersonDraft) => call<Person>("create_person", { draft }),
  updatePerson: (id: string, version: number, draft: PersonDraft) => call<Person>("update_person", { id, version, draft }),
  deletePerson: (id: string, version: number) => call<null>("delete_person", { id, version }),
  personDuplicates: (draft: PersonDraft, except: string | null) => call<Person[]>("person_duplicates", { draft, except }),
  personHistory: (id: string) => call<HistoryEntry[]>("person_history", { id }),
  getPersonTravel: (id: string) => call<PersonTravel | null>("get_person_travel", { id }),
  setPersonTravel: (id: string, version: number | null, draft: TravelDraft) =>
    call<PersonTravel>("set_person_travel", { id, version, draft }),
  listOrganizations: () => call<Organization[]>("list_organizations"),
  createOrganization: (draft: OrganizationDraft) => call<Organization>("create_organization", { draft }),
  updateOrganization: (id: string, version: number, draft: OrganizationDraft) =>
    call<Organization>("update_organization", { id, version, draft }),
  deleteOrganization: (id: string, version: number) => call<null>("delete_organization", { id, version }),
  listInteractions: (organizationId: string) => call<Interaction[]>("list_interactions", { organizationId }),
  addInteraction: (organizationId: string, draft: InteractionDraft) =>
    call<Interaction>("add_interaction", { organizationId, draft }),
  deleteInteraction: (id: string, version: number) => call<null>("delete_interaction", { id, version }),
  listCountries: () => call<string[]>("list_countries"),
  getCountryPage: (country: string) => call<CountryPage>("get_country_page", { country }),
  createCountryNote: (draft: CountryNoteDraft) => call<CountryNote>("create_country_note", { draft }),
  deleteCountryNote: (id: string, version: number) => call<null>("delete_country_note", { id, version }),
  listSeats: () => call<SeatWithTerms[]>("list_seats"),
  createSeat: (draft: SeatDraft) => call<Seat>("create_seat", { draft }),
  addTerm: (seatId: string, draft: TermDraft) => call<Term>("add_term", { seatId, draft }),
  updateTerm: (id: string, version: number, draft: TermDraft) => call<Term>("update_term", { id, version, draft }),
  deleteTerm: (id: string, version: number) => call<null>("delete_term", { id, version }),
  termsEndingWithin: (days: number) => call<TermView[]>("terms_ending_within", { days }),
  meetingBoard: (meetingId: string) => call<Board>("meeting_board", { meetingId }),
  createAssignment: (draft: AssignmentDraft, status: AssignmentStatus) =>
    call<AssignmentSaved>("create_assignment", { draft, status }),
  updateAssignment: (id: string, version: number, draft: AssignmentDraft) =>
    call<AssignmentSaved>("update_assignment", { id, version, draft }),
  deleteAssignment: (id: string, version: number) => call<null>("delete_assignment", { id, version }),
  changeAssignmentStatus: (assignments: AssignmentVersion[], status: AssignmentStatus, date: string) =>
    call<Assignment[]>("change_assignment_status", { assignments, status, date }),
  assignmentStatusChanges: (id: string) => call<StatusChange[]>("assignment_status_changes", { id }),
  assignmentHistory: (id: string) => call<HistoryEntry[]>("assignment_history", { id }),
  setDelegation: (meetingId: string, version: number, draft: DelegationDraft) =>
    call<Delegation>("set_delegation", { meetingId, version, draft }),
  findCandidates: (query: CandidateQuery) => call<Candidate[]>("find_candidates", { query }),
  myAssignments: (includePast: boolean) => call<MyAssignments>("my_assignments", { includePast }),
  assignmentWarningsForDashboard: () => call<Warning[]>("assignment_warnings_for_dashboard"),
  exportDelegation: (meetingId: string, request: ExportRequest) =>
    call<DelegationExport>("export_delegation", { meetingId, request }),
  saveDelegationExport: (meetingId: string, request: ExportRequest) =>
    call<SavedExport>("save_delegation_export", { meetingId, request }),
};
