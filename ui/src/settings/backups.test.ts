import { describe, expect, it } from "vitest";
import { backupDone, exportDone, importDone, parseKeep, progressText, restoreDone } from "./backups";

describe("progressText", () => {
  it("shows the step and how far it has come", () => {
    expect(progressText({ step: "Copying the database", done: 21, total: 50 })).toBe("Copying the database: 42%");
    expect(progressText({ step: "Reading the export", done: 0, total: 0 })).toBe("Reading the export…");
    expect(progressText(null)).toBe("Starting…");
  });
});

describe("messages after the work", () => {
  it("says where the backup went and what was missing", () => {
    expect(backupDone({ path: "/b/x.plenary-backup", bytes: 10, documents: 1, missing_documents: 0, created_at: "" })).toBe(
      "Backed up to /b/x.plenary-backup (1 document).",
    );
    expect(backupDone({ path: "/b/y", bytes: 10, documents: 3, missing_documents: 2, created_at: "" })).toBe(
      "Backed up to /b/y (3 documents). 2 document files were already missing from the data folder.",
    );
  });
  it("says where the replaced data is kept", () => {
    expect(
      restoreDone(
        { backed_up_at: "2026-11-30T08:00:00Z", documents: 1, previous_data: "/b/before.plenary-backup" },
        () => "30 Nov 2026",
      ),
    ).toBe("Restored the backup made 30 Nov 2026 (1 document). The data as it was is kept in /b/before.plenary-backup.");
  });
  it("counts records and files", () => {
    expect(exportDone({ path: "/e/a.json", documents_folder: "/e/a-documents", rows: 1, documents: 0 })).toBe(
      "Exported 1 record to /e/a.json, and 0 document files to /e/a-documents.",
    );
    expect(importDone({ rows: 12, documents: 1 })).toBe("Imported 12 records and 1 document file.");
  });
});

describe("parseKeep", () => {
  it("takes whole numbers from 1 to 365", () => {
    expect(parseKeep(" 14 ")).toBe(14);
    expect(parseKeep("0")).toBeNull();
    expect(parseKeep("366")).toBeNull();
    expect(parseKeep("7.5")).toBeNull();
    expect(parseKeep("")).toBeNull();
  });
});
