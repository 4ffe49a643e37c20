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

const MONTH_NAMES = [
  "january",
  "february",
  "march",
  "april",
  "may",
  "june",
  "july",
  "august",
  "september",
  "october",
  "november",
  "december",
];

/** A month from its English name or its first three letters ("Sept" too); null otherwise. */
function monthNamed(word: string): number | null {
  const name = word.toLowerCase().replace(/\.$/, "");
  if (name.length < 3) return null;
  const index = MONTH_NAMES.findIndex((full) => full.startsWith(name) || (name === "sept" && full === "september"));
  return index < 0 ? null : index + 1;
}

function isoOf(year: number, month: number, day: number): string | null {
  const pad = (n: number, width = 2) => String(n).padStart(width, "0");
  const text = `${pad(year, 4)}-${pad(month)}-${pad(day)}`;
  return parseIsoDate(text) ? text : null;
}

/** A two-digit year is this century's. */
const fullYear = (digits: string) => (digits.length === 2 ? 2000 + Number(digits) : Number(digits));

/**
 * A date as people type it, as ISO `YYYY-MM-DD`; null when it is not one date. Accepts ISO
 * (2025-04-23, 2025/4/23), day first with dots, slashes or dashes (23.04.2025, 23/04/2025,
 * 23-4-25), and month names (23 Apr 2025, 23 April 2025, April 23, 2025, Wed 23 Apr 2025).
 * Numeric dates are read day first: 03/04/2025 is 3 April.
 */
export function parseDateInput(text: string): string | null {
  const value = text.trim().replace(/\s+/g, " ");
  if (!value) return null;
  let match = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$/.exec(value);
  if (match) return isoOf(Number(match[1]), Number(match[2]), Number(match[3]));
  match = /^(\d{1,2})[./-](\d{1,2})[./-](\d{4}|\d{2})\.?$/.exec(value);
  if (match) return isoOf(fullYear(match[3] ?? ""), Number(match[2]), Number(match[1]));

  // With a month's name; an optional weekday in front ("Wed 23 Apr 2025", as dates are shown).
  const words = value.replace(/,/g, " ").split(" ").filter(Boolean);
  const lead = words[0] ?? "";
  if (words.length === 4 && /^[a-z]{3,}\.?$/i.test(lead) && monthNamed(lead) === null) words.shift();
  if (words.length !== 3) return null;
  const [first, second, third] = words as [string, string, string];
  if (!/^\d{4}$/.test(third)) return null;
  const dayOf = (word: string) => (/^\d{1,2}(st|nd|rd|th|\.)?$/i.test(word) ? parseInt(word, 10) : null);
  const dayFirst = dayOf(first);
  const monthSecond = monthNamed(second);
  if (dayFirst !== null && monthSecond !== null) return isoOf(Number(third), monthSecond, dayFirst);
  const monthFirst = monthNamed(first);
  const daySecond = dayOf(second);
  if (monthFirst !== null && daySecond !== null) return isoOf(Number(third), monthFirst, daySecond);
  return null;
}

/** What a date field says it takes, for its hint; and shorter, in an empty field. */
export const DATE_INPUT_HINT = "e.g. 23 Apr 2025, 23.04.2025 or 2025-04-23 (day first)";
export const DATE_PLACEHOLDER = "e.g. 23.04.2025 (day first)";

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

/** A date to the year, month or day: "1948", "Oct 2017", "14 Oct 2017"; other text as it is. */
export function formatPartialDate(partial: string): string {
  const match = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/.exec(partial);
  if (!match) return partial;
  const [, year, month, day] = match;
  if (!month) return year ?? partial;
  if (day) return formatDate(partial);
  return `${MONTHS[Number(month) - 1] ?? month} ${year}`;
}

/** A venue wall-clock time "2025-05-20T10:00" as "20 May 2025, 10:00"; other text as it is. */
export function formatDateTime(local: string): string {
  const match = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2})/.exec(local.trim());
  const [, day = "", time = ""] = match ?? [];
  if (!match || !parseIsoDate(day)) return local;
  return `${formatDate(day)}, ${time}`;
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
