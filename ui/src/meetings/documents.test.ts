import { describe, expect, it } from "vitest";
import type { Document } from "../lib/bindings";
import { differs, firstInvalid } from "../lib/editForm.svelte";
import {
  DOCUMENT_FIELD_ORDER,
  documentDraftFrom,
  emptyDocumentDraft,
  groupByAgendaItem,
  humanSize,
  missingFileError,
  titleFromFileName,
  WHO_LANGUAGES,
} from "./documents";

function doc(overrides: Partial<Document> = {}): Document {
  return {
    id: "d1",
    meeting_id: "m1",
    file_name: "A77_9-en.pdf",
    size: 1_258_291,
    sha256: "ab".repeat(32),
    created_at: "2024-05-01T00:00:00Z",
    updated_at: "2024-05-01T00:00:00Z",
    version: 2,
    agenda_item_id: null,
    symbol: "A77/9",
    title: "Pandemic prevention, preparedness and response",
    language: "English",
    source_url: "https://apps.who.int/gb/ebwha/pdf_files/WHA77/A77_9-en.pdf",
    retrieved_on: "2024-05-10",
    ...overrides,
  };
}

const agenda = [
  { id: "a13", number: "13", title: "Health emergencies" },
  { id: "a133", number: "13.3", title: "Pandemic agreement" },
  { id: "a143", number: "14.3", title: "Antimicrobial resistance" },
];

describe("document drafts", () => {
  it("starts a new document retrieved today, for the whole meeting", () => {
    expect(emptyDocumentDraft("2024-05-10")).toEqual({
      agenda_item_id: "",
      symbol: "",
      title: "",
      language: "",
      source_url: "",
      retrieved_on: "2024-05-10",
    });
  });

  it("turns a stored document into text fields", () => {
    expect(documentDraftFrom(doc())).toMatchObject({ agenda_item_id: "", symbol: "A77/9", retrieved_on: "2024-05-10" });
    expect(documentDraftFrom(doc({ agenda_item_id: "a133", retrieved_on: null }))).toMatchObject({
      agenda_item_id: "a133",
      retrieved_on: "",
    });
  });

  it("focuses the file first, then the fields in form order", () => {
    expect(DOCUMENT_FIELD_ORDER[0]).toBe("file");
    expect(firstInvalid(DOCUMENT_FIELD_ORDER, { title: "x", file: "y" })).toBe("file");
    expect(firstInvalid(DOCUMENT_FIELD_ORDER, { agenda_item_id: "x", source_url: "y" })).toBe("source_url");
    expect(firstInvalid(DOCUMENT_FIELD_ORDER, {})).toBeNull();
  });

  it("notices changes to any field", () => {
    const draft = documentDraftFrom(doc());
    expect(differs(DOCUMENT_FIELD_ORDER, draft, { ...draft })).toBe(false);
    expect(differs(DOCUMENT_FIELD_ORDER, draft, { ...draft, language: "French" })).toBe(true);
  });

  it("reports a missing file at the File field", () => {
    const error = missingFileError();
    expect(error.kind).toBe("validation");
    expect(error.fields).toEqual([{ field: "file", message: "Choose the file to keep." }]);
  });

  it("offers the six WHO languages", () => {
    expect(WHO_LANGUAGES).toEqual(["Arabic", "Chinese", "English", "French", "Russian", "Spanish"]);
  });
});

describe("file details", () => {
  it("writes sizes the way file managers do", () => {
    expect(humanSize(0)).toBe("0 bytes");
    expect(humanSize(1)).toBe("1 byte");
    expect(humanSize(1023)).toBe("1023 bytes");
    expect(humanSize(1024)).toBe("1 KB");
    expect(humanSize(155_000)).toBe("151 KB");
    expect(humanSize(1_258_291)).toBe("1.2 MB");
    expect(humanSize(15 * 1024 * 1024)).toBe("15 MB");
    expect(humanSize(1024 * 1024 - 1)).toBe("1 MB");
    expect(humanSize(3 * 1024 ** 3)).toBe("3 GB");
  });

  it("takes a title from the file name without its extension", () => {
    expect(titleFromFileName("A77_9-en.pdf")).toBe("A77_9-en");
    expect(titleFromFileName("Council 229 report.v2.docx")).toBe("Council 229 report.v2");
    expect(titleFromFileName("README")).toBe("README");
    expect(titleFromFileName(".hidden")).toBe(".hidden");
    expect(titleFromFileName("C:\\fakepath\\A77_9-en.pdf")).toBe("A77_9-en");
  });
});

describe("document list", () => {
  it("groups by whole meeting, then agenda items in agenda order, leaving out empty groups", () => {
    const groups = groupByAgendaItem(
      [
        doc({ id: "x", symbol: "A77/10", agenda_item_id: "a143" }),
        doc({ id: "y", symbol: "A77/A/CONF./14", agenda_item_id: "a133" }),
        doc({ id: "z", symbol: "A77/9", agenda_item_id: "a133" }),
        doc({ id: "w", symbol: "A77/1" }),
      ],
      agenda,
    );
    expect(groups.map((g) => g.heading)).toEqual(["Whole meeting", "13.3 Pandemic agreement", "14.3 Antimicrobial resistance"]);
    expect(groups.map((g) => g.documents.map((d) => d.id))).toEqual([["w"], ["z", "y"], ["x"]]);
  });

  it("sorts symbols by their numbers", () => {
    const [group] = groupByAgendaItem([doc({ id: "ten", symbol: "A77/10" }), doc({ id: "nine", symbol: "A77/9" })], agenda);
    expect(group?.documents.map((d) => d.id)).toEqual(["nine", "ten"]);
  });

  it("keeps a document whose agenda item is gone with the whole meeting", () => {
    const groups = groupByAgendaItem([doc({ agenda_item_id: "removed" })], agenda);
    expect(groups.map((g) => g.heading)).toEqual(["Whole meeting"]);
    expect(groupByAgendaItem([], agenda)).toEqual([]);
  });
});
