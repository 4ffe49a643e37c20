// The one typed door to the Rust side. Every command name and argument shape lives here.
import { Channel, type InvokeArgs, invoke } from "@tauri-apps/api/core";
import type {
  ActionItem,
  ActionItemDraft,
  AgendaItem,
  AgendaItemDraft,
  AppInfo,
  Assignment,
  AssignmentDraft,
  AssignmentSaved,
  AssignmentStatus,
  AssignmentVersion,
  BackupSettings,
  BackupSummary,
  Board,
  Body,
  BodyDraft,
  BriefingRequest,
  BriefingWritten,
  CalendarRequest,
  Candidate,
  CandidateQuery,
  ConflictChoice,
  ConflictView,
  CountryNote,
  CountryNoteDraft,
  CountryPage,
  Dashboard,
  Delegation,
  DelegationDraft,
  DelegationExport,
  Diagnostics,
  DiffSpan,
  Direction,
  Document,
  DocumentDraft,
  DuplicateKind,
  ExampleRemoval,
  ExampleStatus,
  ExchangeReport,
  ExportRequest,
  ExportSummary,
  FirstScreen,
  HistoryEntry,
  ImportSummary,
  Interaction,
  InteractionDraft,
  JoinRequest,
  LikelyDuplicate,
  LinkKind,
  ListExportRequest,
  Meeting,
  MeetingDraft,
  MeetingFormOptions,
  Record as MeetingRecord,
  MyAssignments,
  Organization,
  OrganizationDraft,
  PeopleFormOptions,
  Person,
  PersonDraft,
  PersonPage,
  PersonRow,
  PersonTravel,
  PolicyAction,
  PolicyActionDraft,
  PolicyDocument,
  PolicyDocumentDraft,
  PolicyFilter,
  PolicyFormOptions,
  PolicyLink,
  PolicyVote,
  PolicyVoteDraft,
  Position,
  PositionDraft,
  Progress,
  Proposal,
  ProposalDraft,
  ProposalStepDraft,
  RecordDraft,
  RecordVersion,
  RestoreSummary,
  ReviewDue,
  ReviewDueCount,
  SavedCalendar,
  SavedExport,
  SavedReport,
  SavedSheet,
  SearchHit,
  Seat,
  SeatDraft,
  SeatWithTerms,
  Session,
  SessionDraft,
  Setting,
  SettingKey,
  SheetFormat,
  SheetImported,
  SheetKind,
  SheetPreview,
  Statement,
  StatementDraft,
  StatementFormOptions,
  StatementStatus,
  StatusChange,
  StoredFile,
  TeamStatus,
  TermDraft,
  TermSaved,
  TermView,
  TextVersion,
  TextVersionDraft,
  Theme,
  TravelDraft,
  Warning,
} from "./bindings";
import { CommandFailure, toCommandError } from "./errors";

/** A command that only reads: what the window knows of the data revision stays known. (A test
 * calls every command used through `read` or `keptCall` and checks that no table changed.) */
async function read<T>(command: string, args?: InvokeArgs): Promise<T> {
  try {
    return await invoke<T>(command, args);
  } catch (raw) {
    throw new CommandFailure(toCommandError(raw));
  }
}

/** Any other command: it may write, so the data revision is asked for again afterwards. */
async function call<T>(command: string, args?: InvokeArgs): Promise<T> {
  forgetRevision();
  try {
    return await read<T>(command, args);
  } finally {
    forgetRevision();
  }
}

// The long lists every view reads — people, meetings, organizations, policy documents and the
// forms' options — are kept with the data revision they were read at. While nothing has been
// written since (the window knows, or one small request tells), a view gets a copy of what was
// kept instead of the whole list again; any write, here or by the team exchange, changes the
// revision.
// Kept as JSON text: parsing it is several times quicker than cloning the objects (2,000 people:
// 6 ms against 22 ms), and the text takes a fraction of their memory.
const kept = new Map<string, { revision: string; text: string }>();

// The revision, known without asking. Asking costs a round trip that waits behind the frame a
// view switch paints (about 15 ms, against 1 ms when idle), so once the backend has been asked
// to tell of every change (`watchRevisions`), the revision it last answered stays known until:
// the backend tells of a change (a write by the team exchange, the reminders or another program;
// it looks once a second), or the window makes any request that may write (before and after it).
let knownRevision: string | null = null;
let watching = false;
// Counts what made the known revision unknown: an answer asked for before one of them is stale.
let forgotten = 0;

function forgetRevision(): void {
  knownRevision = null;
  forgotten += 1;
}

// A view asks for several kept lists at once; the requests made in one go share one revision.
// Only those: a request made later, after a write, must read the revision after that write.
let revisionAsked: Promise<string> | null = null;

function currentRevision(): Promise<string> {
  if (knownRevision !== null) return Promise.resolve(knownRevision);
  if (!revisionAsked) {
    const since = forgotten;
    const trusted = watching;
    revisionAsked = read<string>("data_revision").then((revision) => {
      if (trusted && since === forgotten) knownRevision = revision;
      return revision;
    });
    queueMicrotask(() => {
      revisionAsked = null;
    });
  }
  return revisionAsked;
}

/** From now on the backend tells of every change; what was known before is not trusted. */
function trustRevisionsFromNowOn(): void {
  forgetRevision();
  watching = true;
}

async function keptCall<T>(command: string, args?: InvokeArgs): Promise<T> {
  // Today's date too: what a list says may depend on it (a review falling due).
  const key = `${command} ${JSON.stringify(args ?? {})} ${new Date().toDateString()}`;
  const revision = await currentRevision();
  const hit = kept.get(key);
  // A fresh copy each time: the views change what they are given.
  if (hit?.revision === revision) return JSON.parse(hit.text) as T;
  const value = await read<T>(command, args);
  kept.set(key, { revision, text: JSON.stringify(value) });
  return value;
}

/** The first screen again, for a return to the dashboard: kept until something is written. Its
 * team status is as of the last write; the dashboard reads only the conflicts' count from it.
 * (`api.firstScreen` is the same command asked afresh.) */
function keptFirstScreen(): Promise<FirstScreen> {
  return keptCall<FirstScreen>("first_screen");
}

export const api = {
  /** Changes whenever anything is written to the database. */
  dataRevision: () => read<string>("data_revision"),
  /** Asks the backend to tell of every change to the data from now on (once, at start). */
  watchRevisions: async () => {
    const onChange = new Channel<string>();
    onChange.onmessage = forgetRevision;
    await read<null>("watch_revisions", { onChange });
    trustRevisionsFromNowOn();
  },
  teamStatus: () => call<TeamStatus>("team_status"),
  teamJoin: (request: JoinRequest) => call<ExchangeReport>("team_join", { request }),
  teamUnlock: (password: string) => call<ExchangeReport>("team_unlock", { password }),
  teamExchange: () => call<ExchangeReport>("team_exchange"),
  teamStop: () => call<null>("team_stop"),
  listConflicts: () => keptCall<ConflictView[]>("list_conflicts"),
  conflictedRecords: (entity: string) => keptCall<string[]>("conflicted_records", { entity }),
  resolveConflict: (id: string, choice: ConflictChoice) => call<null>("resolve_conflict", { id, choice }),
  // Settings → Team asks again every few seconds while it is open: kept until something is
  // written (an exchange or a merge changes the revision).
  likelyDuplicates: () => keptCall<LikelyDuplicate[]>("likely_duplicates"),
  mergeDuplicates: (kind: DuplicateKind, keepId: string, dropId: string) =>
    call<null>("merge_duplicates", { kind, keepId, dropId }),
  appInfo: () => read<AppInfo>("app_info"),
  /** Everything the first screen shows, in one round trip: the app's state and the dashboard. */
  firstScreen: () => call<FirstScreen>("first_screen"),
  keptFirstScreen,
  setTheme: (theme: Theme) => call<Theme>("set_theme", { theme }),
  copyDiagnostics: () => call<Diagnostics>("copy_diagnostics"),
  meetingFormOptions: () => keptCall<MeetingFormOptions>("meeting_form_options"),
  defaultMeetingTitle: (bodyId: string, ordinal: string) => call<string | null>("default_meeting_title", { bodyId, ordinal }),
  listBodies: () => read<Body[]>("list_bodies"),
  createBody: (draft: BodyDraft) => call<Body>("create_body", { draft }),
  updateBody: (id: string, version: number, draft: BodyDraft) => call<Body>("update_body", { id, version, draft }),
  deleteBody: (id: string, version: number) => call<null>("delete_body", { id, version }),
  suggestTimeZone: (city: string) => call<string | null>("suggest_time_zone", { city }),
  listMeetings: () => keptCall<Meeting[]>("list_meetings"),
  getMeeting: (id: string) => read<Meeting>("get_meeting", { id }),
  createMeeting: (draft: MeetingDraft) => call<Meeting>("create_meeting", { draft }),
  updateMeeting: (id: string, version: number, draft: MeetingDraft) => call<Meeting>("update_meeting", { id, version, draft }),
  deleteMeeting: (id: string, version: number) => call<null>("delete_meeting", { id, version }),
  meetingHistory: (id: string) => read<HistoryEntry[]>("meeting_history", { id }),
  listAgendaItems: (meetingId: string) => read<AgendaItem[]>("list_agenda_items", { meetingId }),
  createAgendaItem: (meetingId: string, draft: AgendaItemDraft) => call<AgendaItem>("create_agenda_item", { meetingId, draft }),
  updateAgendaItem: (id: string, version: number, draft: AgendaItemDraft) =>
    call<AgendaItem>("update_agenda_item", { id, version, draft }),
  moveAgendaItem: (id: string, version: number, direction: Direction) =>
    call<AgendaItem[]>("move_agenda_item", { id, version, direction }),
  deleteAgendaItem: (id: string, version: number) => call<null>("delete_agenda_item", { id, version }),
  listSessions: (meetingId: string) => read<Session[]>("list_sessions", { meetingId }),
  createSession: (meetingId: string, draft: SessionDraft) => call<Session>("create_session", { meetingId, draft }),
  updateSession: (id: string, version: number, draft: SessionDraft) => call<Session>("update_session", { id, version, draft }),
  deleteSession: (id: string, version: number) => call<null>("delete_session", { id, version }),
  listRecords: (meetingId: string) => read<MeetingRecord[]>("list_records", { meetingId }),
  createRecord: (meetingId: string, draft: RecordDraft) => call<MeetingRecord>("create_record", { meetingId, draft }),
  updateRecord: (id: string, version: number, draft: RecordDraft) => call<MeetingRecord>("update_record", { id, version, draft }),
  finalizeRecord: (id: string, version: number) => call<MeetingRecord>("finalize_record", { id, version }),
  restoreRecordVersion: (id: string, version: number, number: number) =>
    call<MeetingRecord>("restore_record_version", { id, version, number }),
  listRecordVersions: (id: string) => read<RecordVersion[]>("list_record_versions", { id }),
  diffRecordVersions: (id: string, from: number, to: number) => call<DiffSpan[]>("diff_record_versions", { id, from, to }),
  deleteRecord: (id: string, version: number) => call<null>("delete_record", { id, version }),
  listActionItems: (meetingId: string) => read<ActionItem[]>("list_action_items", { meetingId }),
  createActionItem: (meetingId: string, draft: ActionItemDraft) => call<ActionItem>("create_action_item", { meetingId, draft }),
  updateActionItem: (id: string, version: number, draft: ActionItemDraft) =>
    call<ActionItem>("update_action_item", { id, version, draft }),
  deleteActionItem: (id: string, version: number) => call<null>("delete_action_item", { id, version }),
  listDocuments: (meetingId: string) => read<Document[]>("list_documents", { meetingId }),
  /** Sends a file's bytes as a raw body (not JSON), then attaches them with their details. */
  attachDocument: async (meetingId: string, draft: DocumentDraft, file: File) => {
    let bytes: Uint8Array;
    try {
      bytes = new Uint8Array(await file.arrayBuffer());
    } catch {
      throw new CommandFailure({
        kind: "validation",
        message: `The file “${file.name}” could not be read. Check that it still exists and that you may open it, then choose it again.`,
        field: "file",
        fields: [{ field: "file", message: `The file “${file.name}” could not be read. Choose it again.` }],
      });
    }
    const stored = await call<StoredFile>("store_document_file", bytes);
    return call<Document>("attach_document", { meetingId, draft, fileName: file.name, file: stored });
  },
  updateDocument: (id: string, version: number, draft: DocumentDraft) =>
    call<Document>("update_document", { id, version, draft }),
  deleteDocument: (id: string, version: number) => call<null>("delete_document", { id, version }),
  openDocument: (id: string) => call<null>("open_document", { id }),
  dashboard: () => call<Dashboard>("dashboard"),
  exampleStatus: () => keptCall<ExampleStatus>("example_status"),
  loadExampleData: () => call<ExampleStatus>("load_example_data"),
  removeExampleData: () => call<ExampleRemoval>("remove_example_data"),
  search: (text: string) => read<SearchHit[]>("search", { text }),
  listSettings: () => keptCall<Setting[]>("list_settings"),
  setSetting: (key: SettingKey, value: string, version: number | null) => call<Setting>("set_setting", { key, value, version }),

  // Backups and the full export. Each file operation opens the system's own dialog on the Rust
  // side and resolves to `null` when the person cancelled it.
  backupSettings: () => call<BackupSettings>("backup_settings"),
  setBackupKeep: (keep: number) => call<BackupSettings>("set_backup_keep", { keep }),
  chooseBackupFolder: () => call<BackupSettings | null>("choose_backup_folder"),
  backupNow: () => call<BackupSummary | null>("backup_now"),
  restoreBackup: () => call<RestoreSummary | null>("restore_backup"),
  exportEverything: () => call<ExportSummary | null>("export_everything"),
  importExport: () => call<ImportSummary | null>("import_export"),
  longWorkProgress: () => call<Progress | null>("long_work_progress"),
  cancelLongWork: () => call<null>("cancel_long_work"),
  /** The meeting's briefing book (PDF), saved where the person chooses; long work like a backup. */
  saveBriefingBook: (request: BriefingRequest) => call<BriefingWritten | null>("save_briefing_book", { request }),

  // People, organizations, seats and assignments.
  peopleFormOptions: () => keptCall<PeopleFormOptions>("people_form_options"),
  listPeople: () => keptCall<PersonRow[]>("list_people"),
  getPersonPage: (id: string) => read<PersonPage>("get_person_page", { id }),
  createPerson: (draft: PersonDraft) => call<Person>("create_person", { draft }),
  updatePerson: (id: string, version: number, draft: PersonDraft) => call<Person>("update_person", { id, version, draft }),
  deletePerson: (id: string, version: number) => call<null>("delete_person", { id, version }),
  personDuplicates: (draft: PersonDraft, except: string | null) => call<Person[]>("person_duplicates", { draft, except }),
  personHistory: (id: string) => read<HistoryEntry[]>("person_history", { id }),
  getPersonTravel: (id: string) => read<PersonTravel | null>("get_person_travel", { id }),
  setPersonTravel: (id: string, version: number | null, draft: TravelDraft) =>
    call<PersonTravel>("set_person_travel", { id, version, draft }),
  listOrganizations: () => keptCall<Organization[]>("list_organizations"),
  createOrganization: (draft: OrganizationDraft) => call<Organization>("create_organization", { draft }),
  updateOrganization: (id: string, version: number, draft: OrganizationDraft) =>
    call<Organization>("update_organization", { id, version, draft }),
  deleteOrganization: (id: string, version: number) => call<null>("delete_organization", { id, version }),
  listInteractions: (organizationId: string) => read<Interaction[]>("list_interactions", { organizationId }),
  addInteraction: (organizationId: string, draft: InteractionDraft) =>
    call<Interaction>("add_interaction", { organizationId, draft }),
  deleteInteraction: (id: string, version: number) => call<null>("delete_interaction", { id, version }),
  listCountries: () => read<string[]>("list_countries"),
  getCountryPage: (country: string) => read<CountryPage>("get_country_page", { country }),
  getCountryNote: (id: string) => read<CountryNote>("get_country_note", { id }),
  createCountryNote: (draft: CountryNoteDraft) => call<CountryNote>("create_country_note", { draft }),
  deleteCountryNote: (id: string, version: number) => call<null>("delete_country_note", { id, version }),
  listSeats: () => read<SeatWithTerms[]>("list_seats"),
  createSeat: (draft: SeatDraft) => call<Seat>("create_seat", { draft }),
  addTerm: (seatId: string, draft: TermDraft) => call<TermSaved>("add_term", { seatId, draft }),
  updateTerm: (id: string, version: number, draft: TermDraft) => call<TermSaved>("update_term", { id, version, draft }),
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
  recordAttendance: (id: string, version: number) => call<Assignment>("record_attendance", { id, version }),
  assignmentStatusChanges: (id: string) => call<StatusChange[]>("assignment_status_changes", { id }),
  assignmentHistory: (id: string) => read<HistoryEntry[]>("assignment_history", { id }),
  setDelegation: (meetingId: string, version: number, draft: DelegationDraft) =>
    call<Delegation>("set_delegation", { meetingId, version, draft }),
  findCandidates: (query: CandidateQuery) => call<Candidate[]>("find_candidates", { query }),
  myAssignments: (includePast: boolean) => keptCall<MyAssignments>("my_assignments", { includePast }),
  assignmentWarningsForDashboard: () => call<Warning[]>("assignment_warnings_for_dashboard"),
  exportDelegation: (meetingId: string, request: ExportRequest) =>
    call<DelegationExport>("export_delegation", { meetingId, request }),
  /** Opens the system's Save dialog; `null` when the person cancelled it. */
  saveDelegationExport: (meetingId: string, request: ExportRequest, format: SheetFormat) =>
    call<SavedExport | null>("save_delegation_export", { meetingId, request, format }),
  saveCalendar: (request: CalendarRequest) => call<SavedCalendar | null>("save_calendar", { request }),
  /** Opens the system's Open dialog and previews the file; nothing is written. `null`: cancelled. */
  previewSheetImport: (kind: SheetKind) => call<SheetPreview | null>("preview_sheet_import", { kind }),
  /** Imports the rows last previewed as `kind`, all or nothing. */
  confirmSheetImport: (kind: SheetKind) => call<SheetImported>("confirm_sheet_import", { kind }),
  discardSheetImport: () => call<null>("discard_sheet_import"),
  saveSheetTemplate: (kind: SheetKind, format: SheetFormat) => call<SavedSheet | null>("save_sheet_template", { kind, format }),
  saveList: (request: ListExportRequest) => call<SavedSheet | null>("save_list", { request }),
  saveDelegateReport: (meetingId: string) => call<SavedReport | null>("save_delegate_report", { meetingId }),
  policyFormOptions: () => keptCall<PolicyFormOptions>("policy_form_options"),
  listPolicyDocuments: (filter: PolicyFilter) => keptCall<PolicyDocument[]>("list_policy_documents", { filter }),
  getPolicyDocument: (id: string) => read<PolicyDocument>("get_policy_document", { id }),
  createPolicyDocument: (draft: PolicyDocumentDraft, adoptedOn = "") =>
    call<PolicyDocument>("create_policy_document", { draft, adoptedOn }),
  updatePolicyDocument: (id: string, version: number, draft: PolicyDocumentDraft) =>
    call<PolicyDocument>("update_policy_document", { id, version, draft }),
  deletePolicyDocument: (id: string, version: number) => call<null>("delete_policy_document", { id, version }),
  listPolicyActions: (documentId: string) => read<PolicyAction[]>("list_policy_actions", { documentId }),
  addPolicyAction: (documentId: string, version: number, draft: PolicyActionDraft) =>
    call<PolicyDocument>("add_policy_action", { documentId, version, draft }),
  updatePolicyAction: (id: string, version: number, draft: PolicyActionDraft) =>
    call<PolicyDocument>("update_policy_action", { id, version, draft }),
  deletePolicyAction: (id: string, version: number) => call<PolicyDocument>("delete_policy_action", { id, version }),
  reviewsDue: (months: number) => keptCall<ReviewDue[]>("reviews_due", { months }),
  reviewDueCount: () => call<ReviewDueCount>("review_due_count"),
  listPositions: (documentId: string) => read<Position[]>("list_positions", { documentId }),
  listPositionsForAgendaItem: (agendaItemId: string) => read<Position[]>("list_positions_for_agenda_item", { agendaItemId }),
  recordPosition: (documentId: string, draft: PositionDraft) => call<Position>("record_position", { documentId, draft }),
  listPolicyVotes: (documentId: string) => read<PolicyVote[]>("list_policy_votes", { documentId }),
  recordPolicyVote: (documentId: string, draft: PolicyVoteDraft) => call<PolicyVote>("record_policy_vote", { documentId, draft }),
  deletePolicyVote: (id: string, version: number) => call<null>("delete_policy_vote", { id, version }),
  statementFormOptions: () => call<StatementFormOptions>("statement_form_options"),
  listStatements: (meetingId: string) => read<Statement[]>("list_statements", { meetingId }),
  createStatement: (meetingId: string, draft: StatementDraft) => call<Statement>("create_statement", { meetingId, draft }),
  updateStatement: (id: string, version: number, draft: StatementDraft) =>
    call<Statement>("update_statement", { id, version, draft }),
  setStatementStatus: (id: string, version: number, status: StatementStatus) =>
    call<Statement>("set_statement_status", { id, version, status }),
  deleteStatement: (id: string, version: number) => call<null>("delete_statement", { id, version }),
  listProposals: () => read<Proposal[]>("list_proposals"),
  createProposal: (draft: ProposalDraft) => call<Proposal>("create_proposal", { draft }),
  moveProposal: (id: string, version: number, step: ProposalStepDraft) => call<Proposal>("move_proposal", { id, version, step }),
  listPolicyLinks: (documentId: string) => read<PolicyLink[]>("list_policy_links", { documentId }),
  addPolicyLink: (fromId: string, toId: string, kind: LinkKind) => call<PolicyLink[]>("add_policy_link", { fromId, toId, kind }),
  deletePolicyLink: (id: string, version: number) => call<null>("delete_policy_link", { id, version }),
  listPolicyTextVersions: (documentId: string) => read<TextVersion[]>("list_policy_text_versions", { documentId }),
  addPolicyTextVersion: (documentId: string, draft: TextVersionDraft) =>
    call<TextVersion>("add_policy_text_version", { documentId, draft }),
  diffPolicyTextVersions: (documentId: string, from: number, to: number) =>
    call<DiffSpan[]>("diff_policy_text_versions", { documentId, from, to }),
};
