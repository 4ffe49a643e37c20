// Generated from the Rust types by `cargo xtask bindings`. Do not edit by hand.

export type BodyOrganization = "wma" | "who" | "other";

export type BodyDraft = { name: string, short_name: string, organization: BodyOrganization | null, 
/**
 * The body this one sits within (Committee A within the World Health Assembly), or empty.
 */
parent_id: string, 
/**
 * How its meetings are usually titled: `{n}` is the ordinal as a number, `{nth}` with its
 * suffix ("WHA{n}" → "WHA77", "{nth} WMA General Assembly" → "74th WMA General Assembly").
 */
title_pattern: string, };

export type BodyFields = { name: string, short_name: string, organization: BodyOrganization, parent_id: string | null, title_pattern: string, };

export type Body = { 
/**
 * A stable name for the bodies every database starts with (`world_health_assembly`), a
 * UUIDv7 for those the office adds.
 */
id: string, 
/**
 * Part of every new database (cannot be deleted).
 */
seeded: boolean, created_at: string, updated_at: string, version: number, name: string, short_name: string, organization: BodyOrganization, parent_id: string | null, title_pattern: string, };

export type MeetingFormat = "in_person" | "hybrid" | "online";

export type MeetingStatus = "planned" | "registration_open" | "in_session" | "concluded" | "postponed" | "cancelled";

export type MeetingDraft = { 
/**
 * The convening body's id (see [`crate::body`]).
 */
body_id: string, 
/**
 * The meeting this one is part of (a committee session within a GA week), or empty.
 */
parent_id: string, 
/**
 * A positive whole number as typed ("74"), or empty.
 */
ordinal: string, title: string, city: string, country: string, venue: string, 
/**
 * ISO `YYYY-MM-DD`.
 */
start_date: string, 
/**
 * ISO `YYYY-MM-DD`.
 */
end_date: string, 
/**
 * IANA name, e.g. `Africa/Kigali`.
 */
time_zone: string, format: MeetingFormat, status: MeetingStatus, 
/**
 * ISO `YYYY-MM-DD`, or empty.
 */
registration_deadline: string, notes: string, };

export type MeetingFields = { body_id: string, parent_id: string | null, ordinal: number | null, title: string, city: string, country: string, venue: string, start_date: string, end_date: string, time_zone: string, format: MeetingFormat, status: MeetingStatus, registration_deadline: string | null, notes: string, };

export type Meeting = { 
/**
 * UUIDv7.
 */
id: string, 
/**
 * RFC 3339, UTC.
 */
created_at: string, 
/**
 * RFC 3339, UTC.
 */
updated_at: string, 
/**
 * Bumped by every update; an update must name the version it read.
 */
version: number, body_id: string, parent_id: string | null, ordinal: number | null, title: string, city: string, country: string, venue: string, start_date: string, end_date: string, time_zone: string, format: MeetingFormat, status: MeetingStatus, registration_deadline: string | null, notes: string, };

export type Priority = "high" | "normal" | "low" | "monitor";

export type AgendaItemDraft = { 
/**
 * "13.3".
 */
number: string, title: string, 
/**
 * The body that takes it (WHA Committee A, MEC...), or empty.
 */
forum_body_id: string, priority: Priority, notes: string, };

export type AgendaItemFields = { number: string, title: string, forum_body_id: string | null, priority: Priority, notes: string, };

export type AgendaItem = { id: string, meeting_id: string, 
/**
 * How deep it sits: 0 for "13", 1 for "13.3" under an existing "13".
 */
depth: number, created_at: string, updated_at: string, version: number, number: string, title: string, forum_body_id: string | null, priority: Priority, notes: string, };

export type Direction = "up" | "down";

export type SessionDraft = { title: string, 
/**
 * ISO `YYYY-MM-DD`.
 */
date: string, 
/**
 * `HH:MM`, venue time.
 */
start_time: string, 
/**
 * `HH:MM`, venue time.
 */
end_time: string, room: string, 
/**
 * Agenda items taken in this session (of the same meeting).
 */
agenda_item_ids: Array<string>, };

export type SessionFields = { title: string, 
/**
 * Venue wall-clock time, `YYYY-MM-DDTHH:MM`.
 */
starts_at: string, 
/**
 * Venue wall-clock time, `YYYY-MM-DDTHH:MM`.
 */
ends_at: string, room: string, agenda_item_ids: Array<string>, };

export type SessionTimes = { 
/**
 * RFC 3339 UTC.
 */
starts_utc: string, ends_utc: string, 
/**
 * The venue's UTC offset at the start and end ("+02:00"), which differ across a DST change.
 */
venue_offset_start: string, venue_offset_end: string, 
/**
 * Home wall-clock times (`YYYY-MM-DDTHH:MM`) when a home time zone is set.
 */
home_starts_at: string | null, home_ends_at: string | null, home_time_zone: string | null, duration_minutes: number, };

export type Session = { id: string, meeting_id: string, times: SessionTimes, created_at: string, updated_at: string, version: number, title: string, 
/**
 * Venue wall-clock time, `YYYY-MM-DDTHH:MM`.
 */
starts_at: string, 
/**
 * Venue wall-clock time, `YYYY-MM-DDTHH:MM`.
 */
ends_at: string, room: string, agenda_item_ids: Array<string>, };

export type RecordKind = "notes" | "minutes" | "outcome" | "debrief";

export type RecordStatus = "draft" | "final";

export type VoteResult = "adopted" | "rejected" | "deferred" | "withdrawn";

export type Vote = { in_favour: number | null, against: number | null, abstentions: number | null, result: VoteResult | null, };

export type RecordDraft = { 
/**
 * The agenda item it is about, or empty for the meeting as a whole.
 */
agenda_item_id: string, kind: RecordKind, author: string, title: string, 
/**
 * Markdown.
 */
body: string, 
/**
 * Counts as typed; empty when unknown.
 */
votes_in_favour: string, votes_against: string, abstentions: string, vote_result: VoteResult | null, 
/**
 * Marked "For the report": its text goes into the delegate's report. Marking changes the
 * record, not its content, so a final record stays final.
 */
for_report: boolean, };

export type RecordContent = { title: string, body: string, author: string, vote: Vote, };

export type Record = { id: string, meeting_id: string, agenda_item_id: string | null, kind: RecordKind, status: RecordStatus, 
/**
 * The number of the current version (1, 2, ...).
 */
current_version: number, content: RecordContent, 
/**
 * Marked "For the report" (see [`RecordDraft::for_report`]).
 */
for_report: boolean, created_at: string, updated_at: string, version: number, };

export type RecordVersion = { number: number, content: RecordContent, 
/**
 * When it was made final, if it was.
 */
finalized_at: string | null, created_at: string, updated_at: string, };

export type DiffKind = "same" | "added" | "removed";

export type DiffSpan = { kind: DiffKind, text: string, };

export type ActionStatus = "open" | "done" | "dropped";

export type ActionItemDraft = { title: string, 
/**
 * Who follows it up (a name, until people are kept in Plenary).
 */
owner: string, 
/**
 * ISO `YYYY-MM-DD`, or empty.
 */
due_date: string, status: ActionStatus, 
/**
 * The agenda item it came from, or empty.
 */
agenda_item_id: string, 
/**
 * The record it came from, or empty.
 */
record_id: string, notes: string, };

export type ActionItemFields = { title: string, owner: string, due_date: string | null, status: ActionStatus, agenda_item_id: string | null, record_id: string | null, notes: string, };

export type ActionItem = { id: string, meeting_id: string, created_at: string, updated_at: string, version: number, title: string, owner: string, due_date: string | null, status: ActionStatus, agenda_item_id: string | null, record_id: string | null, notes: string, };

export type DocumentDraft = { 
/**
 * The agenda item it belongs to, or empty for the meeting as a whole.
 */
agenda_item_id: string, symbol: string, title: string, language: string, source_url: string, 
/**
 * ISO `YYYY-MM-DD`, or empty.
 */
retrieved_on: string, };

export type DocumentFields = { agenda_item_id: string | null, symbol: string, title: string, language: string, source_url: string, retrieved_on: string | null, };

export type Document = { id: string, meeting_id: string, 
/**
 * The name the file had when attached.
 */
file_name: string, 
/**
 * Bytes.
 */
size: number, sha256: string, created_at: string, updated_at: string, version: number, agenda_item_id: string | null, symbol: string, title: string, language: string, source_url: string, retrieved_on: string | null, };

export type StoredFile = { sha256: string, size: number, };

export type UpcomingMeeting = { meeting: Meeting, 
/**
 * Days until it starts (0 or less: in session).
 */
days_to_start: number, 
/**
 * Days until registration closes, when it has not closed yet.
 */
registration_days_left: number | null, };

export type ActionOnDashboard = { item: ActionItem, meeting_title: string, 
/**
 * Days until due; negative when overdue.
 */
days_left: number, };

export type DraftAfterMeeting = { record_id: string, meeting_id: string, meeting_title: string, title: string, kind: RecordKind, 
/**
 * The day the meeting ended.
 */
meeting_ended: string, };

export type Dashboard = { 
/**
 * The day the dashboard was made for (ISO).
 */
today: string, upcoming_meetings: Array<UpcomingMeeting>, overdue_actions: Array<ActionOnDashboard>, upcoming_actions: Array<ActionOnDashboard>, drafts_after_meetings: Array<DraftAfterMeeting>, 
/**
 * How many overdue action items and drafts there are in all (each list shows 20 at most).
 */
overdue_actions_total: number, drafts_after_meetings_total: number, };

export type ExampleStatus = { 
/**
 * Example records are loaded here.
 */
loaded: boolean, 
/**
 * No meetings, people or policy documents of the office's own (example ones aside).
 */
office_empty: boolean, 
/**
 * This laptop exchanges with an office hub (example data is not offered then).
 */
joined: boolean, };

export type ExampleRemoval = { 
/**
 * Example records removed.
 */
removed: number, 
/**
 * Example records kept because the person changed them or added their own records to
 * them, each named with the reason ("Meeting “WHA78”: you added to it"). They are the
 * person's from now on.
 */
kept: Array<string>, };

export type SearchHit = { 
/**
 * The kind of record: "meeting", and others as areas are added.
 */
kind: string, record_id: string, 
/**
 * The meeting the record belongs to (the meeting itself for a meeting), to open it there.
 */
meeting_id: string | null, 
/**
 * The record's title with matches marked by `\u{2}` … `\u{3}`.
 */
title: string, 
/**
 * A few words around the first match in the rest of the text, marked the same way.
 */
excerpt: string, };

export type HistoryAction = "create" | "update" | "delete";

export type HistoryEntry = { id: string, entity: string, entity_id: string, action: HistoryAction, before: unknown, after: unknown, changed: Array<string>, 
/**
 * RFC 3339, UTC.
 */
at: string, 
/**
 * The hub login that made the change (none before the laptop joined a hub).
 */
author: string | null, 
/**
 * The name of the laptop the change was made on (none before it joined a hub).
 */
device: string | null, };

export type SettingKey = "home_time_zone" | "me" | "reminders";

export type Setting = { key: SettingKey, 
/**
 * Empty when cleared.
 */
value: string, created_at: string, updated_at: string, version: number, };

export type FieldError = { field: string, message: string, };

export type ErrorKind = "validation" | "not_found" | "conflict" | "in_use" | "schema_too_new" | "exchange" | "storage" | "refused" | "cancelled" | "internal";

export type CommandError = { kind: ErrorKind, 
/**
 * A sentence for the person: what is wrong and what to do.
 */
message: string, 
/**
 * The first field in error, for validation errors.
 */
field?: string, 
/**
 * Every field in error, in form order (empty unless `kind` is `validation`).
 */
fields: Array<FieldError>, };

export type Theme = "system" | "light" | "dark";

export type AppInfo = { version: string, data_dir: string, database_file: string, 
/**
 * Why the database could not be opened, if it could not.
 */
database_error: CommandError | null, 
/**
 * The licence Plenary is published under (SPDX).
 */
license: string, 
/**
 * The theme chosen in Settings.
 */
theme: Theme, 
/**
 * The log file, in the data folder (none when the folder could not be opened).
 */
log_file: string | null, };

export type Diagnostics = { text: string, 
/**
 * False when the clipboard could not be reached: the window shows the text to copy by hand.
 */
copied: boolean, };

export type ExchangeReport = { 
/**
 * Bundles (saved changes) sent to the hub.
 */
sent: number, 
/**
 * Bundles received from other laptops and applied here.
 */
received: number, 
/**
 * Conflicts found in this exchange.
 */
new_conflicts: number, 
/**
 * Bundles from a newer Plenary, kept until this one is updated.
 */
parked: number, 
/**
 * People whose travel details went to the hub (for them and the coordinators only).
 */
travel_sent: number, 
/**
 * People whose travel details came from the hub.
 */
travel_received: number, 
/**
 * The exchange was asked to stop before it finished; it resumes where it stopped.
 */
stopped: boolean, 
/**
 * Documents' files sent to the hub and received from it.
 */
files_sent: number, files_received: number, };

export type ExchangeStatus = { joined: boolean, hub_address: string | null, hub_identity: string | null, login: string | null, device_name: string | null, 
/**
 * RFC 3339 UTC of the last exchange that finished.
 */
last_exchanged_at: string | null, 
/**
 * Why the last exchange did not finish, if it did not.
 */
last_error: string | null, 
/**
 * Saved changes waiting to go.
 */
waiting: number, open_conflicts: number, 
/**
 * Changes received from a newer Plenary, waiting for an update.
 */
parked: number, };

export type TeamStatus = { exchange: ExchangeStatus, 
/**
 * Joined, but the hub password has not been entered since Plenary started (and the system
 * keychain does not keep it).
 */
password_needed: boolean, 
/**
 * The system keychain keeps the password, so it is not asked for after a restart.
 */
password_kept: boolean, 
/**
 * An exchange is running now.
 */
exchanging: boolean, 
/**
 * How far it has got.
 */
progress: ExchangeReport | null, };

export type FirstScreen = { app: AppInfo, 
/**
 * What the dashboard shows; none when the database could not be opened (`app.database_error`).
 */
dashboard: DashboardScreen | null, };

export type DashboardScreen = { board: Dashboard, 
/**
 * Whether any meeting is recorded at all (the board lists only those coming up).
 */
any_meeting: boolean, 
/**
 * Policy due for review; none when it could not be counted.
 */
reviews: ReviewDueCount | null, 
/**
 * The team exchange; none when its state could not be read.
 */
team: TeamStatus | null, 
/**
 * Seat terms ending within 90 days.
 */
terms_ending: Array<TermView>, 
/**
 * Meetings whose registration closes within 7 days with people not yet registered.
 */
registration_warnings: Array<Warning>, 
/**
 * Whether example data is here and the office has records of its own: an empty office
 * starts on the first-run screen instead of the dashboard.
 */
example: ExampleStatus, 
/**
 * The team exchange's conflicts waiting for a decision (the records' marks).
 */
conflicts: Array<ConflictView>, };

export type JoinRequest = { host: string, 
/**
 * As typed; empty means PostgreSQL's 5432.
 */
port: string, database: string, login: string, password: string, 
/**
 * libpq's `sslmode`: disable, prefer, require, verify-ca or verify-full.
 */
sslmode: string, device_name: string, };

export type ConflictKind = "both_changed" | "they_deleted" | "you_deleted";

export type ConflictField = { field: string, theirs: unknown, yours: unknown, };

export type ConflictView = { id: string, 
/**
 * The table ("meeting"), which is also the record's key in the history.
 */
entity: string, 
/**
 * What people call it ("meeting").
 */
noun: string, record_id: string | null, 
/**
 * How a person recognises the record ("78th World Health Assembly").
 */
record_name: string, kind: ConflictKind, 
/**
 * The fields the two versions disagree on (bookkeeping left out).
 */
fields: Array<ConflictField>, their_author: string, their_device: string, their_at: string, detected_at: string, };

export type ConflictChoice = { "choice": "theirs" } | { "choice": "yours" } | { "choice": "edited", fields: { [field: string]: string | null }, };

export type DuplicateKind = "meeting" | "person";

export type DuplicateSide = { id: string, name: string, 
/**
 * What tells the two apart: dates and city, or organization and email.
 */
details: string, 
/**
 * When it was made, RFC 3339 UTC.
 */
created_at: string, };

export type LikelyDuplicate = { kind: DuplicateKind, first: DuplicateSide, second: DuplicateSide, 
/**
 * Why they look the same ("same body and number", "same name").
 */
reason: string, };

export type Choice<T> = { value: T, label: string, };

export type MeetingFormOptions = { 
/**
 * Every body, WMA first, then WHO, then the office's own.
 */
bodies: Array<Body>, organizations: Array<Choice<BodyOrganization>>, formats: Array<Choice<MeetingFormat>>, statuses: Array<Choice<MeetingStatus>>, priorities: Array<Choice<Priority>>, record_kinds: Array<Choice<RecordKind>>, vote_results: Array<Choice<VoteResult>>, action_statuses: Array<Choice<ActionStatus>>, 
/**
 * Every IANA time-zone name, sorted.
 */
time_zones: Array<string>, };

export type PolicyType = "declaration" | "statement" | "resolution" | "council_resolution" | "who_resolution" | "who_decision" | "other";

export type LeadCommittee = "mec" | "smac" | "fpc";

export type PolicyStatus = "not_adopted" | "in_force" | "pending_ga_adoption" | "rescinded_and_archived" | "superseded";

export type PolicyActionKind = "adopted" | "amended" | "revised" | "partially_revised" | "editorially_revised" | "note_of_clarification_added" | "reaffirmed" | "reaffirmed_with_minor_revisions" | "reclassified" | "rescinded_and_archived" | "superseded";

export type DatePrecision = "year" | "month" | "day";

export type PartialDate = string;

export type PolicyDocumentDraft = { policy_type: PolicyType, 
/**
 * A WMA resolution adopted at the GA itself without the usual cycle.
 */
emergency: boolean, title: string, 
/**
 * E.g. "Declaration of Geneva".
 */
short_name: string, 
/**
 * Handbook code (`D-1948-01-2017`), WHO symbol (`WHA77.17`, `EB150(3)`) or, for other
 * bodies, any identifier.
 */
code: string, lead_committee: LeadCommittee | null, rapporteur: string, 
/**
 * Comma-separated.
 */
topics: string, summary: string, full_text: string, source_url: string, 
/**
 * The meeting it belongs to (for a WHO outcome, the assembly or board session), or empty.
 */
meeting_id: string, 
/**
 * The agenda item that produced it, or empty.
 */
agenda_item_id: string, };

export type PolicyDocumentFields = { policy_type: PolicyType, emergency: boolean, title: string, short_name: string, 
/**
 * As entered (normal form). For a WMA document the displayed code's last year comes from
 * the history: see [`PolicyDocument::handbook_code`].
 */
code: string, lead_committee: LeadCommittee | null, rapporteur: string, topics: Array<string>, summary: string, full_text: string, source_url: string, meeting_id: string | null, agenda_item_id: string | null, };

export type ReviewBasis = { kind: PolicyActionKind, date: PartialDate, years: number, 
/**
 * "10 years after the revision of October 2016".
 */
explanation: string, };

export type PolicyDocument = { id: string, status: PolicyStatus, 
/**
 * The handbook code with its last part set to the year of the last action (WMA only).
 */
handbook_code: string | null, 
/**
 * When the next review falls due (as precise as the last counting action's date).
 */
review_due: PartialDate | null, 
/**
 * Why it falls due then: the action it counts from and the period.
 */
review_basis: ReviewBasis | null, created_at: string, updated_at: string, version: number, policy_type: PolicyType, emergency: boolean, title: string, short_name: string, 
/**
 * As entered (normal form). For a WMA document the displayed code's last year comes from
 * the history: see [`PolicyDocument::handbook_code`].
 */
code: string, lead_committee: LeadCommittee | null, rapporteur: string, topics: Array<string>, summary: string, full_text: string, source_url: string, meeting_id: string | null, agenda_item_id: string | null, };

export type PolicyActionDraft = { kind: PolicyActionKind, 
/**
 * `1948`, `2017-10` or `2017-10-14`.
 */
date: string, 
/**
 * The acting body (a body id), or empty.
 */
body_id: string, 
/**
 * The meeting it happened at, or empty.
 */
meeting_id: string, 
/**
 * For "superseded": the document that replaces it.
 */
superseded_by_id: string, note: string, };

export type PolicyActionFields = { kind: PolicyActionKind, date: PartialDate, body_id: string | null, meeting_id: string | null, superseded_by_id: string | null, note: string, };

export type PolicyAction = { id: string, document_id: string, created_at: string, updated_at: string, version: number, kind: PolicyActionKind, date: PartialDate, body_id: string | null, meeting_id: string | null, superseded_by_id: string | null, note: string, };

export type PolicyFilter = { policy_type: PolicyType | null, status: PolicyStatus | null, 
/**
 * Part of a topic, case-insensitive.
 */
topic: string, 
/**
 * Whose documents: the WMA's, the WHO's or other bodies'.
 */
organization: BodyOrganization | null, 
/**
 * Our latest position's stance.
 */
stance: Stance | null, 
/**
 * `YYYY-MM-DD`: only documents whose review falls due by then (overdue included).
 */
review_due_by: string, };

export type ReviewDue = { document: PolicyDocument, 
/**
 * The review date has passed entirely.
 */
overdue: boolean, };

export type ReviewDueCount = { year: number, 
/**
 * Due during that year.
 */
due: number, 
/**
 * Due before today and not reviewed.
 */
overdue: number, 
/**
 * Due by the end of that year, overdue ones included, each document once.
 */
by_year_end: number, };

export type Stance = "support" | "support_with_amendments" | "oppose" | "monitor" | "no_position";

export type Mandate = { may_speak: boolean, may_co_sponsor: boolean, may_vote: boolean, };

export type PositionDraft = { 
/**
 * Where it is debated (optional): a meeting and one of its agenda items.
 */
meeting_id: string, agenda_item_id: string, stance: Stance, priority: Priority, rationale: string, red_lines: string, fallback: string, mandate: Mandate, 
/**
 * The association's own policies, separated by commas or spaces: `H-295.988, D-295.309`.
 */
own_policies: string, approved_by: string, 
/**
 * `YYYY-MM-DD`, or empty.
 */
approved_on: string, };

export type PositionFields = { meeting_id: string | null, agenda_item_id: string | null, stance: Stance, priority: Priority, rationale: string, red_lines: string, fallback: string, mandate: Mandate, own_policies: Array<string>, approved_by: string, approved_on: string | null, };

export type Position = { id: string, document_id: string, 
/**
 * The latest position for its document and meeting.
 */
current: boolean, created_at: string, updated_at: string, version: number, meeting_id: string | null, agenda_item_id: string | null, stance: Stance, priority: Priority, rationale: string, red_lines: string, fallback: string, mandate: Mandate, own_policies: Array<string>, approved_by: string, approved_on: string | null, };

export type PolicyVoteDraft = { meeting_id: string, 
/**
 * Where it was taken: "Committee A", "Plenary"...
 */
forum: string, in_favour: string, against: string, abstentions: string, result: VoteResult | null, note: string, };

export type PolicyVoteFields = { meeting_id: string | null, forum: string, vote: Vote, note: string, };

export type PolicyVote = { id: string, document_id: string, created_at: string, updated_at: string, version: number, meeting_id: string | null, forum: string, vote: Vote, note: string, };

export type PolicyFormOptions = { bodies: Array<Body>, policy_types: Array<Choice<PolicyType>>, statuses: Array<Choice<PolicyStatus>>, action_kinds: Array<Choice<PolicyActionKind>>, lead_committees: Array<Choice<LeadCommittee>>, stances: Array<Choice<Stance>>, priorities: Array<Choice<Priority>>, vote_results: Array<Choice<VoteResult>>, proposal_stages: Array<Choice<ProposalStage>>, link_kinds: Array<Choice<LinkKind>>, text_stages: Array<Choice<TextStage>>, };

export type SpeakingMode = "individual" | "constituency" | "member_state_delegation";

export type StatementStatus = "draft" | "internal_review" | "approved" | "submitted" | "delivered" | "withdrawn";

export type StatementDraft = { agenda_item_id: string, 
/**
 * The policy document it is about, or empty.
 */
document_id: string, title: string, 
/**
 * Who speaks: "World Medical Association", or the association itself.
 */
organization: string, mode: SpeakingMode, 
/**
 * For a constituency statement: the co-signing organizations.
 */
co_signers: string, speaker: string, 
/**
 * Minutes as typed (e.g. "3").
 */
time_limit_minutes: string, 
/**
 * Venue time `YYYY-MM-DDTHH:MM`; empty: one hour before the item's first session.
 */
submission_deadline: string, text: string, delivered_text: string, };

export type StatementFields = { agenda_item_id: string, document_id: string | null, title: string, organization: string, mode: SpeakingMode, co_signers: string, speaker: string, time_limit_minutes: number | null, submission_deadline: string | null, text: string, delivered_text: string, };

export type Statement = { id: string, meeting_id: string, status: StatementStatus, 
/**
 * The statuses it may move to next.
 */
next: Array<StatementStatus>, 
/**
 * Words the time limit allows (0 without one).
 */
word_budget: number, word_count: number, created_at: string, updated_at: string, version: number, agenda_item_id: string, document_id: string | null, title: string, organization: string, mode: SpeakingMode, co_signers: string, speaker: string, time_limit_minutes: number | null, submission_deadline: string | null, text: string, delivered_text: string, };

export type StatementFormOptions = { modes: Array<Choice<SpeakingMode>>, statuses: Array<Choice<StatementStatus>>, };

export type ProposalStage = "submitted" | "review_committee" | "in_committee" | "workgroup" | "member_consultation" | "approved_by_council" | "adopted" | "referred_back" | "rejected" | "withdrawn";

export type ProposalDraft = { title: string, 
/**
 * The type of document it would become (a WMA type).
 */
proposed_type: PolicyType, 
/**
 * The member that proposed it.
 */
proposer: string, rapporteur: string, summary: string, 
/**
 * `YYYY-MM-DD`: when it was submitted (its first step).
 */
submitted_on: string, };

export type ProposalFields = { title: string, proposed_type: PolicyType, proposer: string, rapporteur: string, summary: string, };

export type ProposalStepDraft = { stage: ProposalStage, 
/**
 * `YYYY-MM-DD`.
 */
date: string, 
/**
 * For "in committee": which one.
 */
committee: LeadCommittee | null, 
/**
 * For "member consultation": `YYYY-MM-DD`.
 */
comment_deadline: string, note: string, };

export type ProposalStep = { stage: ProposalStage, date: string, committee: LeadCommittee | null, comment_deadline: string | null, note: string, };

export type Proposal = { id: string, stage: ProposalStage, 
/**
 * The stages it may move to next.
 */
next: Array<ProposalStage>, 
/**
 * Every step, oldest first.
 */
steps: Array<ProposalStep>, 
/**
 * The policy document it became, once adopted.
 */
document_id: string | null, created_at: string, updated_at: string, version: number, title: string, proposed_type: PolicyType, proposer: string, rapporteur: string, summary: string, };

export type LinkKind = "revises" | "supersedes" | "replaces_council_resolution" | "related";

export type PolicyLink = { id: string, kind: LinkKind, outgoing: boolean, other_id: string, other_title: string, created_at: string, updated_at: string, version: number, };

export type TextStage = "draft" | "consultation_draft" | "amended" | "adopted";

export type TextVersionDraft = { stage: TextStage, text: string, };

export type TextVersion = { document_id: string, number: number, stage: TextStage, text: string, created_at: string, };

export type PersonKind = "representative" | "staff" | "counterpart_contact";

export type PersonDraft = { kind: PersonKind | null, full_name: string, 
/**
 * Degrees and honorifics: "Dr", "MD, MPH".
 */
honorifics: string, organization_id: string | null, title: string, email: string, phone: string, expertise: string, languages: string, home_time_zone: string, notes: string, 
/**
 * The login this person uses on the office hub (empty when none): their own travel
 * details reach that login's laptops.
 */
hub_login: string, };

export type PersonFields = { kind: PersonKind, full_name: string, honorifics: string, organization_id: string | null, title: string, email: string, phone: string, expertise: Array<string>, languages: Array<string>, home_time_zone: string, notes: string, 
/**
 * Empty when the person has no hub login.
 */
hub_login: string, };

export type Person = { id: string, created_at: string, updated_at: string, version: number, kind: PersonKind, full_name: string, honorifics: string, organization_id: string | null, title: string, email: string, phone: string, expertise: Array<string>, languages: Array<string>, home_time_zone: string, notes: string, 
/**
 * Empty when the person has no hub login.
 */
hub_login: string, };

export type TravelDraft = { nationality: string, passport_number: string, 
/**
 * ISO `YYYY-MM-DD`, or empty.
 */
passport_expiry: string, dietary_needs: string, access_needs: string, };

export type TravelFields = { nationality: string, passport_number: string, passport_expiry: string | null, dietary_needs: string, access_needs: string, };

export type PersonTravel = { person_id: string, created_at: string, updated_at: string, version: number, nationality: string, passport_number: string, passport_expiry: string | null, dietary_needs: string, access_needs: string, };

export type PersonRow = { person: Person, 
/**
 * The organization's display name, or empty.
 */
organization: string, };

export type PersonPage = { person: Person, organization: Organization | null, assignments: Array<AssignmentView>, terms: Array<TermView>, 
/**
 * Whether travel details have been recorded (they are read separately, on request).
 */
has_travel: boolean, };

export type OrganizationKind = "intergovernmental" | "global_federation" | "national_medical_association" | "government_agency" | "specialty_society" | "human_rights" | "education_or_licensure" | "professions_alliance" | "own_council" | "other";

export type WmaMembership = "constituent" | "associate" | "none";

export type WhoRelation = "member_state" | "non_state_actor" | "none";

export type OrganizationDraft = { kind: OrganizationKind | null, name: string, 
/**
 * The name in the organization's own language ("Suomen Lääkäriliitto"), or empty.
 */
local_name: string, acronym: string, country: string, wma_membership: WmaMembership | null, who_relation: WhoRelation | null, website: string, notes: string, };

export type OrganizationFields = { kind: OrganizationKind, name: string, local_name: string, acronym: string, country: string, wma_membership: WmaMembership, who_relation: WhoRelation, website: string, notes: string, };

export type Organization = { id: string, created_at: string, updated_at: string, version: number, kind: OrganizationKind, name: string, local_name: string, acronym: string, country: string, wma_membership: WmaMembership, who_relation: WhoRelation, website: string, notes: string, };

export type InteractionKind = "meeting" | "call" | "letter" | "visit" | "other";

export type InteractionDraft = { date: string, kind: InteractionKind | null, participants: string, summary: string, follow_up: string, };

export type InteractionFields = { date: string, kind: InteractionKind, participants: string, summary: string, follow_up: string, };

export type Interaction = { id: string, organization_id: string, created_at: string, updated_at: string, version: number, date: string, kind: InteractionKind, participants: string, summary: string, follow_up: string, };

export type CountryNoteDraft = { country: string, topic: string, date: string, text: string, source: string, organization_id: string | null, person_id: string | null, };

export type CountryNoteFields = { country: string, topic: string, date: string, text: string, source: string, organization_id: string | null, person_id: string | null, };

export type CountryNote = { id: string, created_at: string, updated_at: string, version: number, country: string, topic: string, date: string, text: string, source: string, organization_id: string | null, person_id: string | null, };

export type CountryPage = { country: string, notes: Array<CountryNote>, organizations: Array<Organization>, meetings: Array<Meeting>, };

export type SeatKind = "council_seat" | "committee_membership" | "officer_role" | "delegation_adviser" | "other";

export type SeatDraft = { kind: SeatKind | null, name: string, organization_id: string | null, appointed_by: string, notes: string, };

export type SeatFields = { kind: SeatKind, name: string, organization_id: string | null, appointed_by: string, notes: string, };

export type Seat = { id: string, created_at: string, updated_at: string, version: number, kind: SeatKind, name: string, organization_id: string | null, appointed_by: string, notes: string, };

export type TermCapacity = "holder" | "substitute";

export type TermDraft = { person_id: string, capacity: TermCapacity | null, start_date: string, 
/**
 * Empty while the term is open-ended.
 */
end_date: string, notes: string, };

export type TermFields = { person_id: string, capacity: TermCapacity, start_date: string, end_date: string | null, notes: string, };

export type Term = { id: string, seat_id: string, created_at: string, updated_at: string, version: number, person_id: string, capacity: TermCapacity, start_date: string, end_date: string | null, notes: string, };

export type TermView = { term: Term, seat_name: string, person_name: string, };

export type TermState = "upcoming" | "current" | "ended";

export type SeatTerm = { state: TermState, term: Term, seat_name: string, person_name: string, };

export type SeatWarning = { message: string, 
/**
 * The terms it is about.
 */
term_ids: Array<string>, };

export type TermSaved = { term: Term, warnings: Array<SeatWarning>, };

export type SeatWithTerms = { seat: Seat, terms: Array<SeatTerm>, warnings: Array<SeatWarning>, };

export type Role = "head_of_delegation" | "voting_delegate" | "delegate" | "alternate" | "adviser" | "observer" | "council_member" | "committee_chair" | "rapporteur" | "workgroup_member" | "speaker" | "staff";

export type AssignmentStatus = "proposed" | "invited" | "confirmed" | "registered" | "credentialed" | "attended" | "declined" | "cancelled";

export type BadgeStatus = "not_requested" | "requested" | "issued" | "collected";

export type AssignmentDraft = { meeting_id: string, person_id: string, role: Role | null, 
/**
 * What was sent to the organizer ("registration form, passport copy").
 */
registration_submitted: string, 
/**
 * ISO `YYYY-MM-DD`, or empty.
 */
registration_submitted_on: string, badge: BadgeStatus | null, 
/**
 * ISO `YYYY-MM-DD`, or empty.
 */
arrival: string, 
/**
 * ISO `YYYY-MM-DD`, or empty.
 */
departure: string, hotel: string, travel_notes: string, 
/**
 * Sessions attended, for the attendance record.
 */
attended_sessions: string, notes: string, };

export type AssignmentFields = { meeting_id: string, person_id: string, role: Role, registration_submitted: string, registration_submitted_on: string | null, badge: BadgeStatus, arrival: string | null, departure: string | null, hotel: string, travel_notes: string, attended_sessions: string, notes: string, };

export type Assignment = { id: string, status: AssignmentStatus, 
/**
 * The date the current status took effect.
 */
status_date: string, created_at: string, updated_at: string, version: number, meeting_id: string, person_id: string, role: Role, registration_submitted: string, registration_submitted_on: string | null, badge: BadgeStatus, arrival: string | null, departure: string | null, hotel: string, travel_notes: string, attended_sessions: string, notes: string, };

export type AssignmentVersion = { id: string, version: number, };

export type AssignmentSaved = { assignment: Assignment, warnings: Array<Warning>, };

export type AssignmentView = { assignment: Assignment, meeting_title: string, start_date: string, end_date: string, time_zone: string, city: string, country: string, registration_deadline: string | null, };

export type StatusChange = { id: string, assignment_id: string, from_status: AssignmentStatus | null, to_status: AssignmentStatus, date: string, 
/**
 * The name of the person "me" at the time, or empty.
 */
changed_by: string, at: string, 
/**
 * Attendance recorded in one step after the meeting ended, skipping the steps between.
 */
recorded_after_meeting: boolean, };

export type WarningKind = "overlap" | "over_cap" | "deadline_soon" | "voting_role_unconfirmed" | "meeting_ended";

export type Warning = { kind: WarningKind, message: string, meeting_id: string, person_id: string | null, 
/**
 * For overlaps: the other meeting.
 */
other_meeting_id: string | null, };

export type DelegationDraft = { 
/**
 * A positive whole number as typed, or empty for no cap.
 */
badge_cap: string, focal_point_id: string | null, notes: string, };

export type Delegation = { meeting_id: string, badge_cap: number | null, focal_point_id: string | null, notes: string, 
/**
 * 0 while nothing has been saved for this meeting.
 */
version: number, };

export type BoardRow = { assignment: Assignment, person_name: string, organization: string, 
/**
 * The statuses this assignment may move to.
 */
next: Array<AssignmentStatus>, 
/**
 * The meeting has ended and this person's attendance can be recorded in one step.
 */
may_record_attendance: boolean, };

export type Board = { meeting: Meeting, delegation: Delegation, 
/**
 * By role (in the order of [`crate::assignment::Role::ALL`]), then status, then name.
 */
rows: Array<BoardRow>, warnings: Array<Warning>, };

export type CandidateQuery = { meeting_id: string, expertise: string, language: string, 
/**
 * Only people with no overlapping assignment.
 */
available_only: boolean, };

export type Candidate = { person_id: string, full_name: string, organization: string, expertise: Array<string>, languages: Array<string>, 
/**
 * Assignments at meetings that started in the last 12 months.
 */
workload: number, 
/**
 * The overlapping meeting, if any.
 */
busy_with: string | null, already_assigned: boolean, };

export type MyAssignment = { view: AssignmentView, 
/**
 * "9:00 in Kigali is 2:00 at home (America/Chicago)", when a home zone is known and differs.
 */
home_time: string | null, 
/**
 * What is still to do, in order.
 */
to_do: Array<string>, };

export type MyAssignments = { 
/**
 * `None` when Settings names nobody as "me".
 */
me: Person | null, home_time_zone: string, items: Array<MyAssignment>, };

export type ExportField = "full_name" | "honorifics" | "organization" | "title" | "email" | "phone" | "role" | "status" | "badge" | "registration_submitted" | "arrival" | "departure" | "hotel" | "nationality" | "passport_number" | "passport_expiry" | "dietary_needs" | "access_needs";

export type ExportRequest = { fields: Array<ExportField>, 
/**
 * Ticked by the person exporting; without it, sensitive columns are dropped.
 */
include_sensitive: boolean, };

export type DelegationExport = { 
/**
 * A file name for it, e.g. `74th-WMA-General-Assembly-delegation.csv`.
 */
file_name: string, 
/**
 * The CSV text (with its byte-order mark).
 */
csv: string, rows: number, columns: Array<ExportField>, };

export type SavedExport = { 
/**
 * The full path of the file written.
 */
path: string, export: DelegationExport, };

export type CalendarRequest = { "kind": "meeting", meeting_id: string, } | { "kind": "office", year: number | null, } | { "kind": "mine", include_past: boolean, };

export type SavedCalendar = { path: string, events: number, };

export type SavedReport = { 
/**
 * The full path of the file written.
 */
path: string, meeting_title: string, };

export type SheetKind = "people" | "organizations" | "meetings" | "policy";

export type SheetFormat = "csv" | "xlsx";

export type CellProblem = { 
/**
 * The column's header as the template writes it, or empty for the row as a whole.
 */
column: string, message: string, };

export type PreviewRow = { 
/**
 * The row's number in the file (the header is row 1).
 */
number: number, 
/**
 * One value per [`SheetPreview::columns`], as it will be saved.
 */
values: Array<string>, problems: Array<CellProblem>, 
/**
 * The existing record this row repeats (case, accents and spacing ignored): such a row is
 * skipped, not imported twice.
 */
duplicate_of: string | null, };

export type SheetPreview = { kind: SheetKind, file_name: string, 
/**
 * The columns found, as the template names them, in its order.
 */
columns: Array<string>, 
/**
 * Columns of the file that Plenary does not know (they are not imported).
 */
unknown_columns: Array<string>, rows: Array<PreviewRow>, 
/**
 * Rows that will be added.
 */
new_rows: number, 
/**
 * Rows skipped as already in Plenary.
 */
duplicates: number, 
/**
 * Rows with at least one problem (the import is refused while there are any).
 */
problem_rows: number, };

export type SheetImported = { kind: SheetKind, added: number, 
/**
 * Rows left out as already in Plenary.
 */
skipped: number, };

export type ListExportRequest = { kind: SheetKind, format: SheetFormat, 
/**
 * People only: add their travel details (nationality, passport, dietary and access needs).
 */
include_sensitive: boolean, 
/**
 * Meetings only: only those starting in this year.
 */
year: number | null, 
/**
 * Policy documents only: the list's filter, so what is written is what the list shows.
 */
policy_filter: PolicyFilter, };

export type SavedSheet = { path: string, 
/**
 * Rows written (not counting the header).
 */
rows: number, };

export type PeopleFormOptions = { person_kinds: Array<Choice<PersonKind>>, organization_kinds: Array<Choice<OrganizationKind>>, wma_memberships: Array<Choice<WmaMembership>>, who_relations: Array<Choice<WhoRelation>>, interaction_kinds: Array<Choice<InteractionKind>>, seat_kinds: Array<Choice<SeatKind>>, term_capacities: Array<Choice<TermCapacity>>, roles: Array<Choice<Role>>, statuses: Array<Choice<AssignmentStatus>>, 
/**
 * Statuses a new assignment may start in.
 */
initial_statuses: Array<AssignmentStatus>, badges: Array<Choice<BadgeStatus>>, warning_kinds: Array<Choice<WarningKind>>, export_fields: Array<Choice<ExportField>>, 
/**
 * Export fields that need the "include sensitive fields" tick.
 */
sensitive_export_fields: Array<ExportField>, country_topics: Array<string>, 
/**
 * Every IANA time-zone name, sorted.
 */
time_zones: Array<string>, };

export type Progress = { 
/**
 * What is being done, in a few words ("Copying the database").
 */
step: string, 
/**
 * Done so far and the whole, in the step's own units (bytes, pages, rows).
 */
done: number, total: number, };

export type BackupSettings = { folder: string, keep: number, 
/**
 * When the last automatic backup ran (the local day), and where it went or why it failed.
 */
last_day: string | null, last_result: string | null, last_failed: boolean, };

export type BackupSummary = { path: string, bytes: number, documents: number, 
/**
 * Document files the database names but the data folder no longer has (not in the backup).
 */
missing_documents: number, created_at: string, };

export type RestoreSummary = { 
/**
 * When the restored backup was made.
 */
backed_up_at: string, documents: number, 
/**
 * The backup of the data as it was just before, kept in case the restore was a mistake.
 */
previous_data: string, };

export type ExportSummary = { path: string, documents_folder: string, rows: number, documents: number, };

export type ImportSummary = { rows: number, documents: number, };

export type BriefingRequest = { meeting_id: string, 
/**
 * Ticked: the delegation's travel details are included.
 */
include_travel: boolean, };

export type BriefingWritten = { 
/**
 * Where it was saved.
 */
path: string, pages: number, bytes: number, };
