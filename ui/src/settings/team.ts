// What Settings → Team says about the link to the office hub, and how a conflict's choices read.
import type { ConflictField, ConflictView, ExchangeReport, ExchangeStatus } from "../lib/bindings";

/** "just now", "3 minutes ago", "2 hours ago", "5 days ago". */
export function ago(rfc3339: string, now: Date = new Date()): string {
  const seconds = Math.max(0, Math.round((now.getTime() - new Date(rfc3339).getTime()) / 1000));
  if (seconds < 60) return "just now";
  const unit = (n: number, one: string) => `${n} ${one}${n === 1 ? "" : "s"} ago`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return unit(minutes, "minute");
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return unit(hours, "hour");
  return unit(Math.floor(hours / 24), "day");
}

function count(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** The status lines under the Team heading, most important first. */
export function statusLines(status: ExchangeStatus, now: Date = new Date()): string[] {
  if (!status.joined) return ["This laptop works on its own. Join the office hub to share one record with your colleagues."];
  const lines: string[] = [];
  lines.push(status.last_error ? "Offline: the last exchange did not finish." : "Connected to the office hub.");
  lines.push(status.last_exchanged_at ? `Last exchanged ${ago(status.last_exchanged_at, now)}.` : "Not exchanged yet.");
  lines.push(status.waiting === 0 ? "Nothing waiting to go." : `${count(status.waiting, "change", "changes")} waiting to go.`);
  if (status.open_conflicts > 0) {
    lines.push(`${count(status.open_conflicts, "conflict", "conflicts")} to decide (below).`);
  }
  if (status.parked > 0) {
    lines.push(
      `${count(status.parked, "change needs", "changes need")} a newer Plenary: they are kept and applied after you update.`,
    );
  }
  return lines;
}

/** What an exchange did, in one sentence. */
export function reportLine(report: ExchangeReport, running = false): string {
  const parts = [`received ${count(report.received, "change", "changes")}`, `sent ${count(report.sent, "change", "changes")}`];
  if (report.files_received > 0) parts.push(`received ${count(report.files_received, "file", "files")}`);
  if (report.files_sent > 0) parts.push(`sent ${count(report.files_sent, "file", "files")}`);
  const travel = report.travel_sent + report.travel_received;
  if (travel > 0) parts.push(`travel details of ${count(travel, "person", "people")} updated`);
  if (report.new_conflicts > 0) parts.push(`found ${count(report.new_conflicts, "conflict", "conflicts")}`);
  const text = parts.join(", ");
  if (running) return `Exchanging: ${text} so far…`;
  if (report.stopped) return `Stopped: ${text}. The next exchange goes on from there.`;
  return `Exchanged: ${text}.`;
}

/** A field's name as a person reads it ("start_date" → "start date"). */
export function fieldLabel(field: string): string {
  return field.replaceAll("_", " ");
}

/** A field's value as text ("(empty)" for nothing). */
export function valueText(value: unknown): string {
  if (value === null || value === undefined || value === "") return "(empty)";
  return typeof value === "string" ? value : JSON.stringify(value);
}

/** The question a conflict asks. */
export function conflictHeadline(conflict: ConflictView): string {
  const who = `${conflict.their_author} (on ${conflict.their_device})`;
  const what = `the ${conflict.noun} “${conflict.record_name}”`;
  switch (conflict.kind) {
    case "they_deleted":
      return `${who} deleted ${what}, which you had changed.`;
    case "you_deleted":
      return `You deleted ${what}, but ${who} still uses it.`;
    default:
      return `${who} also changed ${what}.`;
  }
}

/** Fields of prose, where keeping both texts (theirs, then yours) makes sense. */
const PROSE = new Set([
  "notes",
  "note",
  "body",
  "text",
  "full_text",
  "summary",
  "rationale",
  "red_lines",
  "fallback",
  "follow_up",
  "expertise",
  "delivered_text",
  "travel_notes",
  "participants",
]);

/**
 * Fields a person may type over when deciding a conflict: prose and names. Dates, numbers,
 * codes, references and choices have rules of their own, so for those one of the two versions
 * is picked instead.
 */
const TYPED = new Set([
  ...PROSE,
  "title",
  "venue",
  "city",
  "room",
  "name",
  "full_name",
  "short_name",
  "acronym",
  "hotel",
  "honorifics",
  "speaker",
  "proposer",
  "rapporteur",
  "topic",
  "topics",
  "source",
]);

const isText = (value: unknown): value is string | null => value === null || typeof value === "string";

/** The prose fields both sides wrote, each with both texts kept (theirs first). */
export function bothTexts(fields: ConflictField[]): Record<string, string> | null {
  const merged: Record<string, string> = {};
  for (const { field, theirs, yours } of fields) {
    if (!PROSE.has(field) || typeof theirs !== "string" || typeof yours !== "string") continue;
    if (!theirs.trim() || !yours.trim()) continue;
    merged[field] = `${theirs}\n\n${yours}`;
  }
  return Object.keys(merged).length > 0 ? merged : null;
}

/** How one field of a conflict is decided in the editor. */
export type FieldDecision =
  /** Typed by the person (starting from theirs). */
  | { field: string; how: "typed"; value: string; theirs: string | null; yours: string | null }
  /** One of the two versions. */
  | { field: string; how: "pick"; pick: "theirs" | "yours"; theirs: string | null; yours: string | null }
  /** Not a text: theirs stays (choose "Keep mine" for yours). */
  | { field: string; how: "fixed"; theirs: unknown; yours: unknown };

/** The editor's starting point: every field at their version. */
export function startEditing(fields: ConflictField[]): FieldDecision[] {
  return fields.map(({ field, theirs, yours }) => {
    if (!isText(theirs) || !isText(yours)) return { field, how: "fixed", theirs, yours };
    if (TYPED.has(field)) return { field, how: "typed", value: theirs ?? "", theirs, yours };
    return { field, how: "pick", pick: "theirs", theirs, yours };
  });
}

/**
 * The fields to set on their version, or the problem with the person's edit (a name or title
 * typed away to nothing, where both versions had one).
 */
export function editedFields(decisions: FieldDecision[]): { fields: Record<string, string | null> } | { problem: string } {
  const fields: Record<string, string | null> = {};
  for (const decision of decisions) {
    if (decision.how === "typed") {
      const value = decision.value.trim() === "" ? null : decision.value;
      if (value === null && decision.theirs && decision.yours) {
        return { problem: `Type the ${fieldLabel(decision.field)}, or use one of the two versions.` };
      }
      fields[decision.field] = value;
    } else if (decision.how === "pick" && decision.pick === "yours") {
      fields[decision.field] = decision.yours;
    }
  }
  return { fields };
}
