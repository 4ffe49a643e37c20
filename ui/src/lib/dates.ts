// Calendar dates travel as ISO `YYYY-MM-DD` strings; these helpers read and show them without
// ever passing through the local time zone (a date is a date wherever the laptop is).

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
const WEEKDAYS = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export interface CivilDate {
  year: number;
  month: number;
  day: number;
}

export function parseIsoDate(text: string): CivilDate | null {
  const match = ISO_DATE.exec(text.trim());
  if (!match) return null;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const probe = new Date(Date.UTC(year, month - 1, day));
  if (probe.getUTCFullYear() !== year || probe.getUTCMonth() !== month - 1 || probe.getUTCDate() !== day) {
    return null;
  }
  return { year, month, day };
}

function weekday({ year, month, day }: CivilDate): string {
  return WEEKDAYS[new Date(Date.UTC(year, month - 1, day)).getUTCDay()] ?? "";
}

/** "Wed 4 Oct 2023"; the text itself when it is not a date. */
export function formatDate(text: string, withWeekday = false): string {
  const date = parseIsoDate(text);
  if (!date) return text;
  const plain = `${date.day} ${MONTHS[date.month - 1]} ${date.year}`;
  return withWeekday ? `${weekday(date)} ${plain}` : plain;
}

/** "4–7 Oct 2023", "27 May – 1 Jun 2024", "30 Dec 2024 – 2 Jan 2025", "4 Oct 2023". */
export function formatDateRange(start: string, end: string): string {
  const a = parseIsoDate(start);
  const b = parseIsoDate(end);
  if (!a || !b) return `${start} – ${end}`;
  if (start === end) return formatDate(start);
  if (a.year !== b.year) return `${formatDate(start)} – ${formatDate(end)}`;
  if (a.month !== b.month) {
    return `${a.day} ${MONTHS[a.month - 1]} – ${b.day} ${MONTHS[b.month - 1]} ${b.year}`;
  }
  return `${a.day}–${b.day} ${MONTHS[a.month - 1]} ${a.year}`;
}

/** Today's date where the laptop is, as ISO. */
export function todayIso(now: Date = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/** Whole days from `from` to `to` (both ISO); negative when `to` is earlier. */
export function daysBetween(from: string, to: string): number | null {
  const a = parseIsoDate(from);
  const b = parseIsoDate(to);
  if (!a || !b) return null;
  return Math.round((Date.UTC(b.year, b.month - 1, b.day) - Date.UTC(a.year, a.month - 1, a.day)) / 86_400_000);
}

/** "in 9 days", "tomorrow", "today", "yesterday", "12 days ago". */
export function relativeDays(days: number): string {
  if (days === 0) return "today";
  if (days === 1) return "tomorrow";
  if (days === -1) return "yesterday";
  return days > 0 ? `in ${days} days` : `${-days} days ago`;
}

/** An RFC 3339 timestamp shown in the laptop's time zone, e.g. "28 Nov 2026, 14:05". */
export function formatTimestamp(rfc3339: string): string {
  const instant = new Date(rfc3339);
  if (Number.isNaN(instant.getTime())) return rfc3339;
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${instant.getDate()} ${MONTHS[instant.getMonth()]} ${instant.getFullYear()}, ${pad(instant.getHours())}:${pad(instant.getMinutes())}`;
}

/** The wall-clock time now in an IANA zone, e.g. "14:05 (GMT+2)"; null if the zone is unknown here. */
export function clockIn(timeZone: string, now: Date = new Date()): string | null {
  try {
    const format = new Intl.DateTimeFormat("en-GB", {
      timeZone,
      hour: "2-digit",
      minute: "2-digit",
      timeZoneName: "short",
    });
    return format.format(now);
  } catch {
    return null;
  }
}
