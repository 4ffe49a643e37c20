// The meeting form's state rules, kept apart from the component so they can be tested.
import type { Meeting, MeetingDraft } from "../lib/bindings";
import { formatDate, parseDateInput } from "../lib/dates";

/** Form fields in the order they appear; errors are focused in this order. */
export const FIELD_ORDER = [
  "body_id",
  "parent_id",
  "ordinal",
  "title",
  "city",
  "country",
  "venue",
  "start_date",
  "end_date",
  "time_zone",
  "format",
  "status",
  "registration_deadline",
  "notes",
] as const satisfies readonly (keyof MeetingDraft)[];

export type MeetingField = (typeof FIELD_ORDER)[number];

export function emptyDraft(): MeetingDraft {
  return {
    body_id: "",
    parent_id: "",
    ordinal: "",
    title: "",
    city: "",
    country: "",
    venue: "",
    start_date: "",
    end_date: "",
    time_zone: "",
    format: "in_person",
    status: "planned",
    registration_deadline: "",
    notes: "",
  };
}

export function draftFrom(meeting: Meeting): MeetingDraft {
  return {
    body_id: meeting.body_id,
    parent_id: meeting.parent_id ?? "",
    ordinal: meeting.ordinal === null ? "" : String(meeting.ordinal),
    title: meeting.title,
    city: meeting.city,
    country: meeting.country,
    venue: meeting.venue,
    start_date: meeting.start_date,
    end_date: meeting.end_date,
    time_zone: meeting.time_zone,
    format: meeting.format,
    status: meeting.status,
    registration_deadline: meeting.registration_deadline ?? "",
    notes: meeting.notes,
  };
}

/** Whether a suggested value may replace what the field holds: only if the person has not typed
 * their own (the field is empty or still shows the previous suggestion). */
export function maySuggest(current: string, previousSuggestion: string | null): boolean {
  return current.trim() === "" || current === previousSuggestion;
}

/** "Wed 4 Oct 2023" under a date field once it holds a real date (as typed: 04.10.2023 too),
 * so a typo or a day-month mix-up shows at once. */
export function datePreview(text: string): string {
  const iso = parseDateInput(text);
  return iso ? formatDate(iso, true) : "";
}

/** The end date while the start changes: it follows the start (most meetings last one day, and a
 * longer one ends after it starts) until the person types their own end date. Returns the new end
 * date and the suggestion it now holds (to recognise it next time). */
export function followStart(
  end: string,
  previousSuggestion: string | null,
  start: string,
): { end: string; suggestion: string | null } {
  const iso = parseDateInput(start);
  if (!iso || !maySuggest(end, previousSuggestion)) return { end, suggestion: previousSuggestion };
  return { end: iso, suggestion: iso };
}
