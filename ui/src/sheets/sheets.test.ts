import { describe, expect, it } from "vitest";
import type { PreviewRow, SheetPreview } from "../lib/bindings";
import {
  count,
  filterRows,
  importedMessage,
  importLabel,
  PAGE_SIZE,
  pageOf,
  previewSummary,
  rowState,
  savedListMessage,
  whyNotImport,
} from "./sheets";

function row(number: number, state: "new" | "problem" | "duplicate"): PreviewRow {
  return {
    number,
    values: [`Person ${number}`],
    problems: state === "problem" ? [{ column: "Email", message: "This is not an email address." }] : [],
    duplicate_of: state === "duplicate" ? `Person ${number}` : null,
  };
}

function preview(rows: PreviewRow[]): SheetPreview {
  const problem_rows = rows.filter((r) => r.problems.length).length;
  const duplicates = rows.filter((r) => !r.problems.length && r.duplicate_of).length;
  return {
    kind: "people",
    file_name: "people.csv",
    columns: ["Name"],
    unknown_columns: [],
    rows,
    new_rows: rows.length - problem_rows - duplicates,
    duplicates,
    problem_rows,
  };
}

describe("spreadsheet import words", () => {
  it("counts with the kind's noun", () => {
    expect(count("people", 1)).toBe("1 person");
    expect(count("people", 1204)).toBe("1,204 people");
    expect(count("policy", 2)).toBe("2 policy documents");
  });

  it("sums up the preview and says why it cannot be imported", () => {
    const good = preview([row(2, "new"), row(3, "duplicate")]);
    expect(previewSummary(good)).toBe("people.csv: 2 rows. 1 new, 1 already in Plenary (skipped).");
    expect(whyNotImport(good)).toBe("");
    expect(importLabel(good)).toBe("Import 1 person");
    const bad = preview([row(2, "new"), row(3, "problem")]);
    expect(previewSummary(bad)).toBe("people.csv: 2 rows. 1 new, 1 with problems.");
    expect(whyNotImport(bad)).toMatch(/^1 row has problems/);
    expect(whyNotImport(preview([row(2, "duplicate")]))).toMatch(/nothing to import/);
  });

  it("filters rows by their state", () => {
    const rows = [row(2, "new"), row(3, "problem"), row(4, "duplicate"), row(5, "new")];
    expect(rows.map(rowState)).toEqual(["new", "problem", "duplicate", "new"]);
    expect(filterRows(rows, "problems").map((r) => r.number)).toEqual([3]);
    expect(filterRows(rows, "duplicates").map((r) => r.number)).toEqual([4]);
    expect(filterRows(rows, "new").map((r) => r.number)).toEqual([2, 5]);
    expect(filterRows(rows, "all")).toHaveLength(4);
  });

  it("pages long previews and clamps the page", () => {
    const rows = Array.from({ length: 250 }, (_, i) => i);
    expect(pageOf(rows, 0)).toMatchObject({ page: 0, pages: 3, first: 1, last: PAGE_SIZE });
    expect(pageOf(rows, 2)).toMatchObject({ page: 2, first: 201, last: 250 });
    expect(pageOf(rows, 2).rows).toHaveLength(50);
    expect(pageOf(rows, 9).page).toBe(2);
    expect(pageOf([], 3)).toMatchObject({ page: 0, pages: 1, first: 0, last: 0 });
  });

  it("says what was imported and saved", () => {
    expect(importedMessage({ kind: "people", added: 12, skipped: 0 })).toBe("Added 12 people.");
    expect(importedMessage({ kind: "meetings", added: 1, skipped: 2 })).toBe(
      "Added 1 meeting; 2 already in Plenary were skipped.",
    );
    expect(savedListMessage("organizations", { path: "/tmp/o.xlsx", rows: 3 })).toBe("Saved 3 organizations to /tmp/o.xlsx.");
  });
});
