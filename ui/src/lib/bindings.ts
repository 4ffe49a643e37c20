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
bodies: Array<Body>, organizations: Array<Choice<Organization>>, formats: Array<Choice<MeetingFormat>>, statuses: Array<Choice<MeetingStatus>>, 
/**
 * Every IANA time-zone name, sorted.
 */
time_zones: Array<string>, };
