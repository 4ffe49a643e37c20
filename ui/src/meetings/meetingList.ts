// What the meeting list shows: filtering, narrowing as you type, the upcoming/past order, and
// meetings nested in their parent (a GA week holds its Council and committee sessions).
import type { Meeting, MeetingStatus } from "../lib/bindings";
import { fold } from "../lib/fold";
import { shownStatus } from "./meetingStatus";

export interface MeetingFilter {
  /** Words typed in the filter box; every word must match somewhere. */
  text: string;
  /** A body's id, or "" for all bodies. */
  body_id: string;
  /** A calendar year, as text, or "" for all years. */
  year: string;
  status: MeetingStatus | "";
}

export const NO_FILTER: MeetingFilter = { text: "", body_id: "", year: "", status: "" };

/** One line of the list: a meeting, how deep it sits, and how many meetings it holds. */
export interface MeetingRow {
  meeting: Meeting;
  depth: number;
  childCount: number;
}

export interface MeetingGroups {
  /** Meetings not yet over (including those in session), soonest first. */
  upcoming: MeetingRow[];
  /** Meetings that have ended, most recent first. */
  past: MeetingRow[];
}

function yearOf(isoDate: string): number {
  return Number(isoDate.slice(0, 4));
}

/** Every year a meeting takes place in, most recent first, for the year filter. */
export function meetingYears(meetings: readonly Meeting[]): number[] {
  const years = new Set<number>();
  for (const m of meetings) {
    for (let y = yearOf(m.start_date); y <= yearOf(m.end_date); y++) years.add(y);
  }
  return [...years].sort((a, b) => b - a);
}

/** With `today`, the status filter matches the status shown (see meetingStatus.ts). */
export function matchesFilter(
  meeting: Meeting,
  filter: MeetingFilter,
  bodyLabel: (id: string) => string,
  today?: string,
): boolean {
  if (filter.body_id && meeting.body_id !== filter.body_id) return false;
  if (filter.status && (today ? shownStatus(meeting, today) : meeting.status) !== filter.status) return false;
  if (filter.year) {
    const year = Number(filter.year);
    if (year < yearOf(meeting.start_date) || year > yearOf(meeting.end_date)) return false;
  }
  const words = fold(filter.text).split(/\s+/).filter(Boolean);
  if (words.length === 0) return true;
  const haystack = fold(
    [meeting.title, meeting.city, meeting.country, meeting.venue, bodyLabel(meeting.body_id), meeting.time_zone].join(" "),
  );
  return words.every((word) => haystack.includes(word));
}

export function isFiltered(filter: MeetingFilter): boolean {
  return Boolean(filter.text.trim() || filter.body_id || filter.year || filter.status);
}

const byStart = (a: Meeting, b: Meeting) =>
  a.start_date.localeCompare(b.start_date) || a.end_date.localeCompare(b.end_date) || a.title.localeCompare(b.title);

/** The meetings each meeting holds, in date order. */
export function childrenByParent(meetings: readonly Meeting[]): Map<string, Meeting[]> {
  const children = new Map<string, Meeting[]>();
  for (const m of meetings) {
    if (!m.parent_id) continue;
    const list = children.get(m.parent_id) ?? [];
    list.push(m);
    children.set(m.parent_id, list);
  }
  for (const list of children.values()) list.sort(byStart);
  return children;
}

/**
 * Splits meetings into upcoming and past as of `today` (ISO date). Without filters, meetings sit
 * under their parent (unless it is collapsed) and the parent decides the group; with filters, the
 * matches are listed flat so none hides inside a collapsed parent.
 */
export function groupMeetings(
  meetings: readonly Meeting[],
  filter: MeetingFilter,
  today: string,
  bodyLabel: (id: string) => string,
  collapsed: ReadonlySet<string> = new Set(),
): MeetingGroups {
  const children = childrenByParent(meetings);
  const ids = new Set(meetings.map((m) => m.id));
  const filtered = isFiltered(filter);
  const roots = filtered
    ? meetings.filter((m) => matchesFilter(m, filter, bodyLabel, today))
    : meetings.filter((m) => !m.parent_id || !ids.has(m.parent_id));

  const rowsFrom = (list: Meeting[]): MeetingRow[] => {
    const rows: MeetingRow[] = [];
    const visit = (meeting: Meeting, depth: number, seen: Set<string>) => {
      const kids = filtered ? [] : (children.get(meeting.id) ?? []);
      rows.push({ meeting, depth, childCount: kids.length });
      if (collapsed.has(meeting.id) || seen.has(meeting.id)) return;
      seen.add(meeting.id);
      for (const kid of kids) visit(kid, depth + 1, seen);
    };
    for (const root of list) visit(root, 0, new Set());
    return rows;
  };

  return {
    upcoming: rowsFrom(roots.filter((m) => m.end_date >= today).sort(byStart)),
    past: rowsFrom(roots.filter((m) => m.end_date < today).sort((a, b) => byStart(b, a))),
  };
}
