import { describe, expect, it } from "vitest";
import type { Meeting } from "../lib/bindings";
import { differs, firstInvalid } from "../lib/editForm.svelte";
import { datePreview, draftFrom, emptyDraft, FIELD_ORDER, followStart, maySuggest } from "./meetingForm";

const stored: Meeting = {
  id: "0192f7e0-0000-7000-8000-000000000000",
  created_at: "2023-01-01T00:00:00Z",
  updated_at: "2023-01-01T00:00:00Z",
  version: 3,
  body_id: "wma_general_assembly",
  parent_id: null,
  ordinal: 74,
  title: "74th WMA General Assembly",
  city: "Kigali",
  country: "Rwanda",
  venue: "Kigali Convention Centre",
  start_date: "2023-10-04",
  end_date: "2023-10-07",
  time_zone: "Africa/Kigali",
  format: "in_person",
  status: "concluded",
  registration_deadline: null,
  notes: "",
};

describe("meeting form state", () => {
  it("starts a new meeting empty, in person and planned", () => {
    const draft = emptyDraft();
    expect(draft.body_id).toBe("");
    expect(draft.parent_id).toBe("");
    expect(draft.format).toBe("in_person");
    expect(draft.status).toBe("planned");
    expect(FIELD_ORDER.every((field) => field in draft)).toBe(true);
  });

  it("turns a stored meeting into text fields and back", () => {
    const draft = draftFrom(stored);
    expect(draft.ordinal).toBe("74");
    expect(draft.registration_deadline).toBe("");
    expect(draftFrom({ ...stored, ordinal: null, registration_deadline: "2023-09-01" })).toMatchObject({
      ordinal: "",
      registration_deadline: "2023-09-01",
    });
  });

  it("lets a suggestion replace only an empty field or the previous suggestion", () => {
    expect(maySuggest("", null)).toBe(true);
    expect(maySuggest("  ", "WHA77")).toBe(true);
    expect(maySuggest("WHA77", "WHA77")).toBe(true);
    expect(maySuggest("Seventy-seventh Assembly", "WHA77")).toBe(false);
    expect(maySuggest("Europe/Zurich", null)).toBe(false);
  });

  it("previews real dates with their weekday and stays quiet for anything else", () => {
    expect(datePreview("2023-10-04")).toBe("Wed 4 Oct 2023");
    expect(datePreview(" 2024-06-01 ")).toBe("Sat 1 Jun 2024");
    expect(datePreview("2023-02-30")).toBe("");
    expect(datePreview("04/10/2023")).toBe("Wed 4 Oct 2023");
    expect(datePreview("4 Oct 2023")).toBe("Wed 4 Oct 2023");
    expect(datePreview("10/13/2023")).toBe("");
    expect(datePreview("")).toBe("");
  });

  it("focuses the first field in error in form order", () => {
    expect(firstInvalid(FIELD_ORDER, { end_date: "x", body_id: "y" })).toBe("body_id");
    expect(firstInvalid(FIELD_ORDER, { notes: "x", registration_deadline: "y" })).toBe("registration_deadline");
    expect(firstInvalid(FIELD_ORDER, {})).toBeNull();
  });

  it("notices unsaved changes", () => {
    const draft = draftFrom(stored);
    expect(differs(FIELD_ORDER, draft, { ...draft })).toBe(false);
    expect(differs(FIELD_ORDER, draft, { ...draft, venue: "Intare Conference Arena" })).toBe(true);
  });
});

describe("the end date follows the start date", () => {
  it("fills an empty end date with the start date, as ISO", () => {
    expect(followStart("", null, "2025-04-23")).toEqual({ end: "2025-04-23", suggestion: "2025-04-23" });
    expect(followStart("", null, "23.04.2025")).toEqual({ end: "2025-04-23", suggestion: "2025-04-23" });
  });

  it("keeps following while the person has not typed an end date", () => {
    const first = followStart("", null, "2025-04-23");
    expect(followStart(first.end, first.suggestion, "2025-04-24")).toEqual({ end: "2025-04-24", suggestion: "2025-04-24" });
  });

  it("leaves an end date the person typed, and waits for a whole start date", () => {
    expect(followStart("2025-04-25", "2025-04-23", "2025-04-24")).toEqual({ end: "2025-04-25", suggestion: "2025-04-23" });
    expect(followStart("2025-04-25", null, "2025-04-23")).toEqual({ end: "2025-04-25", suggestion: null });
    expect(followStart("", null, "2025-04")).toEqual({ end: "", suggestion: null });
  });
});
