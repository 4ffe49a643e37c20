// The sessions tab's rules: drafts, grouping by day and how venue, home and UTC times read.
import type { AgendaItem, Meeting, Session, SessionDraft } from "../lib/bindings";
import { formatDate, parseIsoDate } from "../lib/dates";

/** Form fields in the order they appear; errors are focused in this order. */
export const SESSION_FIELD_ORDER = [
  "title",
  "date",
  "start_time",
  "end_time",
  "room",
  "agenda_item_ids",
] as const satisfies readonly (keyof SessionDraft)[];

export type SessionField = (typeof SESSION_FIELD_ORDER)[number];

/** A new session starts on the meeting's first day. */
export function emptySessionDraft(meeting: Pick<Meeting, "start_date">): SessionDraft {
  return { title: "", date: meeting.start_date, start_time: "", end_time: "", room: "", agenda_item_ids: [] };
}

export function sessionDraftFrom(session: Session): SessionDraft {
  return {
    title: session.title,
    date: session.starts_at.slice(0, 10),
    start_time: session.starts_at.slice(11, 16),
    end_time: session.ends_at.slice(11, 16),
    room: session.room,
    agenda_item_ids: [...session.agenda_item_ids],
  };
}

/** Ticks or unticks an agenda item, keeping the ticked ones in agenda order. */
export function toggleAgendaItem(
  selected: readonly string[],
  id: string,
  checked: boolean,
  agenda: readonly Pick<AgendaItem, "id">[],
): string[] {
  const set = new Set(selected);
  if (checked) set.add(id);
  else set.delete(id);
  const ordered = agenda.filter((item) => set.has(item.id)).map((item) => item.id);
  const unknown = [...set].filter((s) => !agenda.some((item) => item.id === s));
  return [...ordered, ...unknown];
}

export interface SessionDay {
  /** ISO date. */
  date: string;
  /** "Mon 27 May 2024". */
  heading: string;
  sessions: Session[];
}

/** Sessions by the venue day they start on, days and sessions in time order. */
export function groupByDay(sessions: readonly Session[]): SessionDay[] {
  const sorted = [...sessions].sort(
    (a, b) => a.starts_at.localeCompare(b.starts_at) || a.ends_at.localeCompare(b.ends_at) || a.title.localeCompare(b.title),
  );
  const days: SessionDay[] = [];
  for (const session of sorted) {
    const date = session.starts_at.slice(0, 10);
    let day = days.at(-1);
    if (!day || day.date !== date) {
      day = { date, heading: formatDate(date, true), sessions: [] };
      days.push(day);
    }
    day.sessions.push(session);
  }
  return days;
}

/** "Sun 26 May" for an ISO date (the text itself when it is not one). */
export function shortDay(isoDate: string): string {
  const full = formatDate(isoDate, true);
  return parseIsoDate(isoDate) ? full.replace(/ \d{4}$/, "") : isoDate;
}

/** "09:00–12:30" from two wall-clock times `YYYY-MM-DDTHH:MM`; an end on a later day says so:
 * "22:00–01:00 (Tue 28 May)". */
export function clockRange(startsAt: string, endsAt: string): string {
  const range = `${startsAt.slice(11, 16)}–${endsAt.slice(11, 16)}`;
  const endDay = endsAt.slice(0, 10);
  return endDay !== startsAt.slice(0, 10) ? `${range} (${shortDay(endDay)})` : range;
}

/** "02:00–05:30 at home (America/Chicago)", led by the home day when it is not the venue day:
 * "Sun 26 May 23:00–02:30 (Mon 27 May) at home (America/Chicago)"; null when no home time zone is set. */
export function homeText(session: Session): string | null {
  const { home_starts_at: starts, home_ends_at: ends, home_time_zone: zone } = session.times;
  if (!starts || !ends) return null;
  const homeDay = starts.slice(0, 10);
  const day = homeDay !== session.starts_at.slice(0, 10) ? `${shortDay(homeDay)} ` : "";
  return `${day}${clockRange(starts, ends)} at home${zone ? ` (${zone})` : ""}`;
}

function utcClock(rfc3339: string): string | null {
  const instant = new Date(rfc3339);
  if (Number.isNaN(instant.getTime())) return null;
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${pad(instant.getUTCHours())}:${pad(instant.getUTCMinutes())}`;
}

/** "UTC 07:00–10:30", shown on hover. */
export function utcTitle(session: Session): string {
  const starts = utcClock(session.times.starts_utc);
  const ends = utcClock(session.times.ends_utc);
  if (!starts || !ends) return `UTC ${session.times.starts_utc} – ${session.times.ends_utc}`;
  return `UTC ${starts}–${ends}`;
}

function wallMinutes(wallClock: string): number | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})/.exec(wallClock);
  if (!match) return null;
  const [year, month, day, hour, minute] = match.slice(1).map(Number) as [number, number, number, number, number];
  return Date.UTC(year, month - 1, day, hour, minute) / 60_000;
}

/** Minutes between two wall-clock times as the clock on the wall reads them. */
export function clockMinutes(startsAt: string, endsAt: string): number | null {
  const a = wallMinutes(startsAt);
  const b = wallMinutes(endsAt);
  return a === null || b === null ? null : b - a;
}

/** Whether the session really lasts longer or shorter than its clock times say (the clocks
 * change during it). */
export function isClockChange(session: Session): boolean {
  const plain = clockMinutes(session.starts_at, session.ends_at);
  return plain !== null && plain !== session.times.duration_minutes;
}

/** "3 h 0 min", "45 min". */
export function durationText(minutes: number): string {
  if (minutes < 60) return `${minutes} min`;
  return `${Math.floor(minutes / 60)} h ${minutes % 60} min`;
}

/** The agenda items a session takes, as numbers in agenda order: "13.3, 14.3". */
export function agendaNumbers(ids: readonly string[], agenda: readonly Pick<AgendaItem, "id" | "number">[]): string {
  return agenda
    .filter((item) => ids.includes(item.id))
    .map((item) => item.number)
    .join(", ");
}
