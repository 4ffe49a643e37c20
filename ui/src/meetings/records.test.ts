import { describe, expect, it } from "vitest";
import type { AgendaItem, Choice, Record as MeetingRecord, VoteResult } from "../lib/bindings";
import { differs, firstInvalid } from "../lib/editForm.svelte";
import {
  agendaLabel,
  defaultComparison,
  describeVote,
  emptyRecordDraft,
  labelOf,
  newestFirst,
  placeLabel,
  RECORD_FIELD_ORDER,
  recordDraftFrom,
  recordPayload,
  revisionNotice,
} from "./records";

const results: Choice<VoteResult>[] = [
  { value: "adopted", label: "Adopted" },
  { value: "rejected", label: "Rejected" },
  { value: "deferred", label: "Deferred" },
  { value: "withdrawn", label: "Withdrawn" },
];

const item: AgendaItem = {
  id: "item-13-3",
  meeting_id: "meeting",
  depth: 1,
  created_at: "2024-05-01T00:00:00Z",
  updated_at: "2024-05-01T00:00:00Z",
  version: 1,
  number: "13.3",
  title: "Antimicrobial resistance",
  forum_body_id: null,
  priority: "high",
  notes: "",
};

const outcome: MeetingRecord = {
  id: "record",
  meeting_id: "meeting",
  agenda_item_id: "item-13-3",
  kind: "outcome",
  status: "final",
  current_version: 2,
  content: {
    title: "WHA77.6 in Committee A",
    body: "Adopted *as amended*.",
    author: "Dr Keller",
    vote: { in_favour: 124, against: 0, abstentions: 11, result: "adopted" },
  },
  for_report: false,
  created_at: "2024-05-28T09:00:00Z",
  updated_at: "2024-05-29T09:00:00Z",
  version: 4,
};

describe("record form state", () => {
  it("starts a new record as notes about the whole meeting, with no vote", () => {
    const draft = emptyRecordDraft();
    expect(draft).toMatchObject({ agenda_item_id: "", kind: "notes", title: "", vote_result: null });
    expect(emptyRecordDraft("item-13-3").agenda_item_id).toBe("item-13-3");
    expect(RECORD_FIELD_ORDER.every((field) => field in draft)).toBe(true);
  });

  it("turns a stored record into text fields", () => {
    expect(recordDraftFrom(outcome)).toEqual({
      agenda_item_id: "item-13-3",
      kind: "outcome",
      author: "Dr Keller",
      title: "WHA77.6 in Committee A",
      body: "Adopted *as amended*.",
      votes_in_favour: "124",
      votes_against: "0",
      abstentions: "11",
      vote_result: "adopted",
      for_report: false,
    });
    const unknown = {
      ...outcome,
      agenda_item_id: null,
      content: { ...outcome.content, vote: { in_favour: null, against: null, abstentions: null, result: null } },
    };
    expect(recordDraftFrom(unknown)).toMatchObject({
      agenda_item_id: "",
      votes_in_favour: "",
      votes_against: "",
      vote_result: null,
    });
  });

  it("sends a vote only with an outcome", () => {
    const draft = recordDraftFrom(outcome);
    expect(recordPayload(draft)).toEqual(draft);
    expect(recordPayload({ ...draft, kind: "minutes" })).toMatchObject({
      kind: "minutes",
      votes_in_favour: "",
      votes_against: "",
      abstentions: "",
      vote_result: null,
      title: "WHA77.6 in Committee A",
    });
    expect(draft.votes_in_favour).toBe("124");
  });

  it("notices changes and finds the first invalid field in form order", () => {
    const draft = recordDraftFrom(outcome);
    expect(differs(RECORD_FIELD_ORDER, draft, { ...draft })).toBe(false);
    expect(differs(RECORD_FIELD_ORDER, draft, { ...draft, vote_result: null })).toBe(true);
    expect(firstInvalid(RECORD_FIELD_ORDER, { abstentions: "x", title: "y" })).toBe("title");
    expect(firstInvalid(RECORD_FIELD_ORDER, { votes_against: "x" })).toBe("votes_against");
    expect(firstInvalid(RECORD_FIELD_ORDER, {})).toBeNull();
  });
});

describe("record labels", () => {
  it("names agenda items by number and title", () => {
    expect(agendaLabel(item)).toBe("13.3 Antimicrobial resistance");
    expect(agendaLabel({ number: "", title: "Opening" })).toBe("Opening");
    expect(placeLabel("item-13-3", [item])).toBe("13.3 Antimicrobial resistance");
    expect(placeLabel(null, [item])).toBe("Whole meeting");
    expect(placeLabel("gone", [item])).toMatch(/no longer/);
  });

  it("describes a vote in words", () => {
    expect(describeVote(outcome.content.vote, results)).toBe("124 in favour, 0 against, 11 abstentions — Adopted");
    expect(describeVote({ in_favour: 90, against: 3, abstentions: 1, result: null }, results)).toBe(
      "90 in favour, 3 against, 1 abstention",
    );
    expect(describeVote({ in_favour: null, against: null, abstentions: null, result: "deferred" }, results)).toBe("Deferred");
    expect(describeVote({ in_favour: null, against: null, abstentions: null, result: null }, results)).toBeNull();
  });

  it("looks up choice labels, falling back to the value", () => {
    expect(labelOf(results, "withdrawn")).toBe("Withdrawn");
    expect(labelOf([] as Choice<VoteResult>[], "withdrawn")).toBe("withdrawn");
  });

  it("says what revising a final record does", () => {
    expect(revisionNotice(outcome)).toBe("This record is final; saving makes version 3 as a draft and keeps version 2 as it is.");
    expect(revisionNotice({ status: "draft", current_version: 2 })).toBeNull();
    // Only "For the report" changed: no new version, and the notice says so.
    const marked = { ...recordDraftFrom(outcome), for_report: true };
    expect(revisionNotice(outcome, marked)).toBe(
      "This record is final and stays so: marking it for the report or not makes no new version.",
    );
    expect(revisionNotice(outcome, { ...marked, body: "Adopted." })).toBe(
      "This record is final; saving makes version 3 as a draft and keeps version 2 as it is.",
    );
  });
});

describe("versions", () => {
  it("compares the previous version with the current one by default", () => {
    expect(defaultComparison([{ number: 3 }, { number: 2 }, { number: 1 }])).toEqual({ from: 2, to: 3 });
    expect(defaultComparison([{ number: 1 }, { number: 4 }, { number: 2 }])).toEqual({ from: 2, to: 4 });
    expect(defaultComparison([{ number: 1 }])).toBeNull();
    expect(defaultComparison([])).toBeNull();
  });

  it("orders versions newest first without changing the input", () => {
    const input = [{ number: 1 }, { number: 3 }, { number: 2 }];
    expect(newestFirst(input).map((v) => v.number)).toEqual([3, 2, 1]);
    expect(input.map((v) => v.number)).toEqual([1, 3, 2]);
  });
});
