// The words and the paging of spreadsheets in and out; pure, so tested without a window.
import type { PreviewRow, SavedSheet, SheetImported, SheetKind, SheetPreview } from "../lib/bindings";

/** Rows of the preview drawn at once: a file of thousands of rows is read a page at a time. */
export const PAGE_SIZE = 100;

const NOUNS: Record<SheetKind, [string, string]> = {
  people: ["person", "people"],
  organizations: ["organization", "organizations"],
  meetings: ["meeting", "meetings"],
  policy: ["policy document", "policy documents"],
};

/** "1 person", "1,204 people". */
export function count(kind: SheetKind, n: number): string {
  const [one, many] = NOUNS[kind];
  return `${n.toLocaleString("en")} ${n === 1 ? one : many}`;
}

export function plural(kind: SheetKind): string {
  return NOUNS[kind][1];
}

export type RowFilter = "all" | "problems" | "duplicates" | "new";

export type RowState = "problem" | "duplicate" | "new";

export function rowState(row: PreviewRow): RowState {
  if (row.problems.length > 0) return "problem";
  return row.duplicate_of !== null ? "duplicate" : "new";
}

/** The rows the filter keeps. */
export function filterRows(rows: PreviewRow[], filter: RowFilter): PreviewRow[] {
  if (filter === "all") return rows;
  const wanted: RowState = filter === "problems" ? "problem" : filter === "duplicates" ? "duplicate" : "new";
  return rows.filter((row) => rowState(row) === wanted);
}

/** Page `page` (from 0) of `rows`, with the page clamped to those there are. */
export function pageOf<T>(rows: T[], page: number): { rows: T[]; page: number; pages: number; first: number; last: number } {
  const pages = Math.max(1, Math.ceil(rows.length / PAGE_SIZE));
  const clamped = Math.min(Math.max(0, page), pages - 1);
  const first = clamped * PAGE_SIZE;
  const shown = rows.slice(first, first + PAGE_SIZE);
  return { rows: shown, page: clamped, pages, first: shown.length ? first + 1 : 0, last: first + shown.length };
}

/** The preview's summary: "people.csv: 12 rows. 10 new people, 1 already in Plenary, 1 with problems." */
export function previewSummary(preview: SheetPreview): string {
  const rows = preview.rows.length;
  const parts = [`${preview.new_rows.toLocaleString("en")} new`];
  if (preview.duplicates > 0) parts.push(`${preview.duplicates.toLocaleString("en")} already in Plenary (skipped)`);
  if (preview.problem_rows > 0) parts.push(`${preview.problem_rows.toLocaleString("en")} with problems`);
  return `${preview.file_name}: ${rows.toLocaleString("en")} ${rows === 1 ? "row" : "rows"}. ${parts.join(", ")}.`;
}

/** Why the import cannot be confirmed yet, or "" when it can. */
export function whyNotImport(preview: SheetPreview): string {
  if (preview.problem_rows > 0) {
    const rows = preview.problem_rows === 1 ? "1 row has" : `${preview.problem_rows.toLocaleString("en")} rows have`;
    return `${rows} problems: correct the file and choose it again. Nothing is imported until every row is right.`;
  }
  if (preview.new_rows === 0) return `Every row is already in Plenary: there is nothing to import.`;
  return "";
}

/** The import button's words: "Import 12 people". */
export function importLabel(preview: SheetPreview): string {
  return `Import ${count(preview.kind, preview.new_rows)}`;
}

/** "Added 12 people; 2 already in Plenary were skipped." */
export function importedMessage(done: SheetImported): string {
  const added = `Added ${count(done.kind, done.added)}`;
  if (done.skipped === 0) return `${added}.`;
  return `${added}; ${done.skipped.toLocaleString("en")} already in Plenary ${done.skipped === 1 ? "was" : "were"} skipped.`;
}

/** "Saved 12 people to /home/…/people.xlsx." */
export function savedListMessage(kind: SheetKind, saved: SavedSheet): string {
  return `Saved ${count(kind, saved.rows)} to ${saved.path}.`;
}
