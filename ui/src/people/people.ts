// The people and delegation views' rules, kept apart from the components so they can be tested.
import type {
  Assignment,
  AssignmentDraft,
  AssignmentStatus,
  BoardRow,
  Choice,
  ExportField,
  ExportRequest,
  Person,
  PersonDraft,
  PersonTravel,
  Role,
  TravelDraft,
  Warning,
} from "../lib/bindings";
import { fold } from "../lib/fold";

/** value → label, falling back to the value itself. */
export function labeller<T extends string>(choices: readonly Choice<T>[]): (value: T) => string {
  const map = new Map(choices.map((c) => [c.value, c.label]));
  return (value: T) => map.get(value) ?? value;
}

export function emptyPersonDraft(): PersonDraft {
  return {
    kind: "representative",
    full_name: "",
    honorifics: "",
    organization_id: null,
    title: "",
    email: "",
    phone: "",
    expertise: "",
    languages: "",
    home_time_zone: "",
    hub_login: "",
    notes: "",
  };
}

export function personDraftFrom(person: Person): PersonDraft {
  return {
    kind: person.kind,
    full_name: person.full_name,
    honorifics: person.honorifics,
    organization_id: person.organization_id,
    title: person.title,
    email: person.email,
    phone: person.phone,
    expertise: person.expertise.join(", "),
    languages: person.languages.join(", "),
    home_time_zone: person.home_time_zone,
    hub_login: person.hub_login,
    notes: person.notes,
  };
}

export function travelDraftFrom(travel: PersonTravel | null): TravelDraft {
  return {
    nationality: travel?.nationality ?? "",
    passport_number: travel?.passport_number ?? "",
    passport_expiry: travel?.passport_expiry ?? "",
    dietary_needs: travel?.dietary_needs ?? "",
    access_needs: travel?.access_needs ?? "",
  };
}

export function newAssignmentDraft(meetingId: string, personId: string, role: Role | null): AssignmentDraft {
  return {
    meeting_id: meetingId,
    person_id: personId,
    role,
    registration_submitted: "",
    registration_submitted_on: "",
    badge: null,
    arrival: "",
    departure: "",
    hotel: "",
    travel_notes: "",
    attended_sessions: "",
    notes: "",
  };
}

/** The details form's draft, its fields in form order. */
export function assignmentDraftFrom(a: Assignment): AssignmentDraft {
  return {
    role: a.role,
    badge: a.badge,
    registration_submitted: a.registration_submitted,
    registration_submitted_on: a.registration_submitted_on ?? "",
    arrival: a.arrival ?? "",
    departure: a.departure ?? "",
    hotel: a.hotel,
    attended_sessions: a.attended_sessions,
    travel_notes: a.travel_notes,
    notes: a.notes,
    meeting_id: a.meeting_id,
    person_id: a.person_id,
  };
}

/** The roster grouped by role, in the order the board shows roles (rows arrive sorted). */
export function groupByRole(rows: readonly BoardRow[]): { role: Role; rows: BoardRow[] }[] {
  const groups: { role: Role; rows: BoardRow[] }[] = [];
  for (const row of rows) {
    const last = groups.at(-1);
    if (last && last.role === row.assignment.role) last.rows.push(row);
    else groups.push({ role: row.assignment.role, rows: [row] });
  }
  return groups;
}

/** How many assignments are at each status, in workflow order, leaving out zeros. */
export function statusCounts(
  rows: readonly BoardRow[],
  order: readonly AssignmentStatus[],
): { status: AssignmentStatus; count: number }[] {
  return order
    .map((status) => ({ status, count: rows.filter((r) => r.assignment.status === status).length }))
    .filter((entry) => entry.count > 0);
}

/** Statuses every selected assignment may move to (what a bulk change can offer). */
export function commonNext(rows: readonly BoardRow[]): AssignmentStatus[] {
  if (rows.length === 0) return [];
  const [first, ...rest] = rows;
  return (first?.next ?? []).filter((status) => rest.every((row) => row.next.includes(status)));
}

/** People matching a typed filter on name, organization, expertise or language (accents ignored). */
export function filterPeople<T extends { person: Person; organization: string }>(rows: readonly T[], text: string): T[] {
  const words = fold(text).split(/\s+/).filter(Boolean);
  if (words.length === 0) return [...rows];
  return rows.filter((row) => {
    const haystack = fold(
      [row.person.full_name, row.organization, row.person.title, ...row.person.expertise, ...row.person.languages].join(" "),
    );
    return words.every((word) => haystack.includes(word));
  });
}

/** The columns an organizer usually asks for. */
export const DEFAULT_EXPORT_FIELDS: readonly ExportField[] = [
  "full_name",
  "honorifics",
  "organization",
  "email",
  "role",
  "status",
];

/** The request for the chosen columns, in the list's order; sensitive ones only when ticked. */
export function exportRequest(
  all: readonly ExportField[],
  chosen: ReadonlySet<ExportField>,
  includeSensitive: boolean,
  sensitive: readonly ExportField[],
): ExportRequest {
  return {
    fields: all.filter((field) => chosen.has(field) && (includeSensitive || !sensitive.includes(field))),
    include_sensitive: includeSensitive,
  };
}

/** Warnings about one person (or about the meeting as a whole when `personId` is null). */
/** The board rows whose attendance can be recorded in one step (the meeting has ended), for
 * one person (a "meeting has ended" warning names them) or everyone. */
export function attendanceRows(rows: readonly BoardRow[], personId: string | null): BoardRow[] {
  return rows.filter((r) => r.may_record_attendance && (personId === null || r.assignment.person_id === personId));
}

export function warningsAbout(warnings: readonly Warning[], personId: string | null): Warning[] {
  return warnings.filter((w) => w.person_id === personId);
}
