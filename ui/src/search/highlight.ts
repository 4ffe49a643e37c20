// Search results mark matched words with U+0002 … U+0003 (chosen because no one types them);
// these turn them into segments the UI shows with <mark>, as text.
import type { SearchHit } from "../lib/bindings";

export interface Segment {
  text: string;
  match: boolean;
}

export function segments(marked: string): Segment[] {
  const result: Segment[] = [];
  let match = false;
  let current = "";
  for (const ch of marked) {
    if (ch === "\u0002" || ch === "\u0003") {
      if (current) result.push({ text: current, match });
      current = "";
      match = ch === "\u0002";
    } else {
      current += ch;
    }
  }
  if (current) result.push({ text: current, match });
  return result;
}

/** An excerpt without Markdown's marks (`**bold**`, `# heading`, `` `code` ``), which the index
 * keeps as typed; the match marks (U+0002, U+0003) are untouched. */
export function plainExcerpt(excerpt: string): string {
  return excerpt
    .replace(/(\*\*|__|`)/g, "")
    .replace(/(^|\s)[#>]+\s/g, "$1")
    .replace(/(^|[\s(])[*_](?=\S)|(?<=\S)[*_](?=[\s).,;:!?]|$)/g, "$1");
}

export type MeetingTab = "overview" | "agenda" | "sessions" | "records" | "actions" | "documents";

export const KIND_LABELS: Record<string, string> = {
  meeting: "Meetings",
  agenda_item: "Agenda items",
  record: "Records",
  action_item: "Action items",
  document: "Documents",
  person: "People",
  organization: "Organizations",
  country_note: "Country notes",
  policy_document: "Policy documents",
  statement: "Statements",
};

/** Which tab of the meeting view shows a result of this kind. */
export function tabFor(kind: string): MeetingTab {
  switch (kind) {
    case "agenda_item":
      return "agenda";
    case "record":
      return "records";
    case "action_item":
      return "actions";
    case "document":
      return "documents";
    default:
      return "overview";
  }
}

/** Results grouped by kind, in the order kinds first appear (best match first). */
export function groupHits(hits: readonly SearchHit[]): { kind: string; label: string; hits: SearchHit[] }[] {
  const groups = new Map<string, SearchHit[]>();
  for (const hit of hits) {
    const list = groups.get(hit.kind) ?? [];
    list.push(hit);
    groups.set(hit.kind, list);
  }
  return [...groups].map(([kind, list]) => ({ kind, label: KIND_LABELS[kind] ?? kind, hits: list }));
}
