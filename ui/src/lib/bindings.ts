// Generated from the Rust types by `cargo xtask bindings`. Do not edit by hand.

export type Organization = "wma" | "who" | "other";

export type BodyDraft = { name: string, short_name: string, organization: Organization | null, 
/**
 * The body this one sits within (Committee A within the World Health Assembly), or empty.
 */
parent_id: string, 
/**
 * How its meetings are usually titled: `{n}` is the ordinal as a number, `{nth}` with its
 * suffix ("WHA{n}" → "WHA77", "{nth} WMA General Assembly" → "74th WMA General Assembly").
 */
title_pattern: string, };

export type BodyFields = { name: string, short_name: string, organization: Organization, parent_id: string | null, title_pattern: string, };

export type Body = { 
/**
 * A stable name for the bodies every database starts with (`world_health_assembly`), a
 * UUIDv7 for those the office adds.
 */
id: string, 
/**
 * Part of every new database (cannot be deleted).
 */
seeded: boolean, created_at: string, updated_at: string, version: number, name: string, short_name: string, organization: Organization, parent_id: string | null, title_pattern: string, };

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
votes_in_favour: string, votes_against: string, abstentions: string, vote_result: VoteResult | null, };

export type RecordContent = { title: string, body: string, author: string, vote: Vote, };

export type Record = { id: string, meeting_id: string, agenda_item_id: string | null, kind: RecordKind, status: RecordStatus, 
/**
 * The number of the current version (1, 2, ...).
 */
current_version: number, content: RecordContent, created_at: string, updated_at: string, version: number, };

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
 * How many overdue action items and drafts there are in all (the lists stop at 50).
 */
overdue_actions_total: number, drafts_after_meetings_total: number, };

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
at: string, };

export type SettingKey = "home_time_zone";

export type Setting = { key: SettingKey, 
/**
 * Empty when cleared.
 */
value: string, created_at: string, updated_at: string, version: number, };

export type FieldError = { field: string, message: string, };

export type ErrorKind = "validation" | "not_found" | "conflict" | "in_use" | "storage" | "internal";

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

export type AppInfo = { version: string, data_dir: string, database_file: string, 
/**
 * Why the database could not be opened, if it could not.
 */
database_error: CommandError | null, };

export type Choice<T> = { value: T, label: string, };

export type MeetingFormOptions = { 
/**
 * Every body, WMA first, then WHO, then the office's own.
 */
bodies: Array<Body>, organizations: Array<Choice<Organization>>, formats: Array<Choice<MeetingFormat>>, statuses: Array<Choice<MeetingStatus>>, priorities: Array<Choice<Priority>>, record_kinds: Array<Choice<RecordKind>>, vote_results: Array<Choice<VoteResult>>, action_statuses: Array<Choice<ActionStatus>>, 
/**
 * Every IANA time-zone name, sorted.
 */
time_zones: Array<string>, };
