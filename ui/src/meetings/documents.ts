// The documents tab's rules: drafts, file sizes and names, and grouping by agenda item.
import type { AgendaItem, CommandError, Document, DocumentDraft } from "../lib/bindings";

/** Form fields in the order they appear (`file` only when attaching); errors are focused in this order. */
export const DOCUMENT_FIELD_ORDER = [
  "file",
  "symbol",
  "title",
  "language",
  "source_url",
  "retrieved_on",
  "agenda_item_id",
] as const;

export type DocumentField = (typeof DOCUMENT_FIELD_ORDER)[number];

/** The six official languages of WHO. */
export const WHO_LANGUAGES = ["Arabic", "Chinese", "English", "French", "Russian", "Spanish"] as const;

export const MISSING_FILE = "Choose the file to keep.";

/** A new document was retrieved today and belongs to the whole meeting. */
export function emptyDocumentDraft(today: string): DocumentDraft {
  return { agenda_item_id: "", symbol: "", title: "", language: "", source_url: "", retrieved_on: today };
}

export function documentDraftFrom(doc: Document): DocumentDraft {
  return {
    agenda_item_id: doc.agenda_item_id ?? "",
    symbol: doc.symbol,
    title: doc.title,
    language: doc.language,
    source_url: doc.source_url,
    retrieved_on: doc.retrieved_on ?? "",
  };
}

/** The error shown when Attach is pressed before a file is chosen (the server is not asked). */
export function missingFileError(): CommandError {
  return { kind: "validation", message: MISSING_FILE, field: "file", fields: [{ field: "file", message: MISSING_FILE }] };
}

const UNITS = ["KB", "MB", "GB", "TB"];

/** "512 bytes", "1.2 MB", "15 MB" (1 KB = 1024 bytes, as file managers count). */
export function humanSize(bytes: number): string {
  if (!Number.isFinite(bytes) || bytes < 0) return "";
  if (bytes < 1024) return bytes === 1 ? "1 byte" : `${Math.round(bytes)} bytes`;
  let value = bytes / 1024;
  let unit = 0;
  const shown = (v: number) => (v < 10 ? Math.round(v * 10) / 10 : Math.round(v));
  while (shown(value) >= 1024 && unit < UNITS.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${shown(value)} ${UNITS[unit]}`;
}

/** A title to start from: the file's name without its folder or extension ("A77_9-en.pdf" → "A77_9-en"). */
export function titleFromFileName(name: string): string {
  const base = name.split(/[\\/]/).at(-1) ?? "";
  const dot = base.lastIndexOf(".");
  return (dot > 0 ? base.slice(0, dot) : base).trim();
}

export interface DocumentGroup {
  /** The agenda item's id, or "" for the whole meeting. */
  key: string;
  /** "Whole meeting" or "13.3 Title". */
  heading: string;
  documents: Document[];
}

/** Symbols in reading order: "A77/9" before "A77/10". */
function compareDocuments(a: Document, b: Document): number {
  const options = { numeric: true, sensitivity: "base" } as const;
  return a.symbol.localeCompare(b.symbol, undefined, options) || a.title.localeCompare(b.title, undefined, options);
}

/** "Whole meeting" first, then each agenda item in agenda order; groups without documents are left
 * out. A document whose agenda item is no longer on the agenda is shown with the whole meeting. */
export function groupByAgendaItem(
  docs: readonly Document[],
  agenda: readonly Pick<AgendaItem, "id" | "number" | "title">[],
): DocumentGroup[] {
  const known = new Set(agenda.map((item) => item.id));
  const sorted = [...docs].sort(compareDocuments);
  const groups: DocumentGroup[] = [
    {
      key: "",
      heading: "Whole meeting",
      documents: sorted.filter((doc) => !doc.agenda_item_id || !known.has(doc.agenda_item_id)),
    },
    ...agenda.map((item) => ({
      key: item.id,
      heading: `${item.number} ${item.title}`,
      documents: sorted.filter((doc) => doc.agenda_item_id === item.id),
    })),
  ];
  return groups.filter((group) => group.documents.length > 0);
}
