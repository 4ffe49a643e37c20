// What the meeting list shows: filtering, narrowing as you type, and the upcoming/past order.
import type { Body, Meeting, MeetingStatus } from "../lib/bindings";
import { fold } from "../lib/fold";

export interface MeetingFilter {
  /** Words typed in the filter box; every word must match somewhere. */
  text: string;
  body: Body | "";
  /** A calendar year, as text, or "" for all years. */
  year: string;
  status: MeetingStatus | "";
}

export const NO_FILTER: MeetingFilter = { text: "", body: "", year: "", status: "" };

export interface MeetingGroups {
  /** Meetings not yet over (including those in session), soonest first. */
  upcoming: Meeting[];
  /** Meetings that have ended, most recent first. */
  past: Meeting[];
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

export function matchesFilter(meeting: Meeting, filter: MeetingFilter, bodyLabel: (body: Body) => string): boolean {
  if (filter.body && meeting.body !== filter.body) return false;
  if (filter.status && meeting.status !== filter.status) return false;
  if (filter.year) {
    const year = Number(filter.year);
    if (year < yearOf(meeting.start_date) || year > yearOf(meeting.end_date)) return false;
  }
  const words = fold(filter.text).split(/\s+/).filter(Boolean);
  if (words.length === 0) return true;
  const haystack = fold(
    [meeting.title, meeting.city, meeting.country, meeting.venue, bodyLabel(meeting.body), meeting.time_zone].join(" "),
  );
  return words.every((word) => haystack.includes(word));
}

/** Filters `meetings` and splits them into upcoming and past as of `today` (ISO date). */
export function groupMeetings(
  meetings: readonly Meeting[],
  filter: MeetingFilter,
  today: string,
  bodyLabel: (body: Body) => string,
): MeetingGroups {
  const shown = meetings.filter((m) => matchesFilter(m, filter, bodyLabel));
  const byStart = (a: Meeting, b: Meeting) =>
    a.start_date.localeCompare(b.start_date) || a.end_date.localeCompare(b.end_date) || a.title.localeCompare(b.title);
  return {
    upcoming: shown.filter((m) => m.end_date >= today).sort(byStart),
    past: shown.filter((m) => m.end_date < today).sort((a, b) => byStart(b, a)),
  };
}

export function isFiltered(filter: MeetingFilter): boolean {
  return Boolean(filter.text.trim() || filter.body || filter.year || filter.status);
}
