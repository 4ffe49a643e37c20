import { describe, expect, it } from "vitest";
import type { ActionItem, AgendaItem, Record as MeetingRecord } from "../lib/bindings";
import { differs, firstInvalid } from "../lib/editForm.svelte";
import { ACTION_FIELD_ORDER, actionDraftFrom, doneDraft, dueText, emptyActionDraft, isOverdue, linkText } from "./actions";

const stored: ActionItem = {
  id: "action",
  meeting_id: "meeting",
  created_at: "2024-06-01T08:00:00Z",
  updated_at: "2024-06-01T08:00:00Z",
  version: 2,
  title: "Send our comments on the draft to the WMA",
  owner: "Dr Keller",
  due_date: "2024-06-10",
  status: "open",
  agenda_item_id: "item-13-3",
  record_id: null,
  notes: "Copy the secretariat.",
};

const agenda: Pick<AgendaItem, "id" | "number" | "title">[] = [
  { id: "item-13-3", number: "13.3", title: "Antimicrobial resistance" },
  { id: "item-opening", number: "", title: "Opening" },
];
const records: Pick<MeetingRecord, "id" | "content">[] = [
  {
    id: "record",
    content: {
      title: "Committee A notes",
      body: "",
      author: "",
      vote: { in_favour: null, against: null, abstentions: null, result: null },
    },
  },
];

describe("action item form state", () => {
  it("starts a new item open, undated and unlinked", () => {
    const draft = emptyActionDraft();
    expect(draft).toEqual({ title: "", owner: "", due_date: "", status: "open", agenda_item_id: "", record_id: "", notes: "" });
    expect(ACTION_FIELD_ORDER.every((field) => field in draft)).toBe(true);
  });

  it("turns a stored item into text fields", () => {
    expect(actionDraftFrom(stored)).toEqual({
      title: "Send our comments on the draft to the WMA",
      owner: "Dr Keller",
      due_date: "2024-06-10",
      status: "open",
      agenda_item_id: "item-13-3",
      record_id: "",
      notes: "Copy the secretariat.",
    });
    expect(actionDraftFrom({ ...stored, due_date: null, agenda_item_id: null, record_id: "record" })).toMatchObject({
      due_date: "",
      agenda_item_id: "",
      record_id: "record",
    });
  });

  it("marks an item done keeping everything else", () => {
    expect(doneDraft(stored)).toEqual({ ...actionDraftFrom(stored), status: "done" });
  });

  it("notices changes and finds the first invalid field in form order", () => {
    const draft = actionDraftFrom(stored);
    expect(differs(ACTION_FIELD_ORDER, draft, { ...draft })).toBe(false);
    expect(differs(ACTION_FIELD_ORDER, draft, { ...draft, notes: "" })).toBe(true);
    expect(firstInvalid(ACTION_FIELD_ORDER, { record_id: "x", due_date: "y" })).toBe("due_date");
    expect(firstInvalid(ACTION_FIELD_ORDER, {})).toBeNull();
  });
});

describe("due dates", () => {
  it("calls an open item overdue only after its due date", () => {
    expect(isOverdue(stored, "2024-06-11")).toBe(true);
    expect(isOverdue(stored, "2024-06-10")).toBe(false);
    expect(isOverdue(stored, "2024-06-01")).toBe(false);
    expect(isOverdue({ ...stored, status: "done" }, "2025-01-01")).toBe(false);
    expect(isOverdue({ ...stored, status: "dropped" }, "2025-01-01")).toBe(false);
    expect(isOverdue({ ...stored, due_date: null }, "2025-01-01")).toBe(false);
  });

  it("says how far off the due date is", () => {
    expect(dueText(stored, "2024-06-01")).toBe("due in 9 days");
    expect(dueText(stored, "2024-06-09")).toBe("due tomorrow");
    expect(dueText(stored, "2024-06-10")).toBe("due today");
    expect(dueText(stored, "2024-06-11")).toBe("1 day overdue");
    expect(dueText(stored, "2024-06-13")).toBe("3 days overdue");
    expect(dueText({ ...stored, due_date: "2024-05-31" }, "2024-06-01")).toBe("1 day overdue");
    expect(dueText({ ...stored, status: "done" }, "2024-06-13")).toBe("");
    expect(dueText({ ...stored, due_date: null }, "2024-06-13")).toBe("");
  });
});

describe("links", () => {
  it("names the agenda item by number and the record by title", () => {
    expect(linkText(stored, agenda, records)).toBe("13.3");
    expect(linkText({ agenda_item_id: null, record_id: "record" }, agenda, records)).toBe("Committee A notes");
    expect(linkText({ agenda_item_id: "item-13-3", record_id: "record" }, agenda, records)).toBe("13.3 · Committee A notes");
    expect(linkText({ agenda_item_id: "item-opening", record_id: null }, agenda, records)).toBe("Opening");
    expect(linkText({ agenda_item_id: null, record_id: null }, agenda, records)).toBe("");
    expect(linkText({ agenda_item_id: "gone", record_id: "gone" }, agenda, records)).toMatch(/no longer.*no longer/);
  });
});
