import { describe, expect, it } from "vitest";
import type { PolicyDocument } from "../lib/bindings";
import { differs, firstInvalid } from "../lib/editForm.svelte";
import {
  actionDraftFrom,
  actionName,
  adoptionDefault,
  budgetStatus,
  DOCUMENT_FIELD_ORDER,
  dateRange,
  derivedCode,
  documentDraftFrom,
  emptyDocumentDraft,
  emptyStatementDraft,
  formatPartialDate,
  mandateText,
  reviewCountText,
  reviewRowMeta,
  reviewText,
  STATEMENT_FIELD_ORDER,
  voteText,
  wordBudget,
  wordCount,
} from "./policy";

describe("word budgets", () => {
  it("gives about 110 words a minute", () => {
    expect(wordBudget(3)).toBe(330);
    expect(wordBudget(1.5)).toBe(165);
    expect(wordBudget(0)).toBe(0);
  });
  it("counts words as a reader does, in any script", () => {
    expect(wordCount("")).toBe(0);
    expect(wordCount("  Thank you, Chair.  ")).toBe(3);
    expect(wordCount("The WMA's well-being agenda — 2025")).toBe(5);
    expect(wordCount("Ngũgĩ 김 محمد")).toBe(3);
  });
  it("warns past the budget", () => {
    const within = budgetStatus("word ".repeat(330), 3);
    expect(within.over).toBe(false);
    expect(within.message).toBe("330 of 330 words (3 minutes at 110 a minute).");
    const over = budgetStatus("word ".repeat(340), 3);
    expect(over.over).toBe(true);
    expect(over.message).toContain("10 over the budget of 330");
  });
});

describe("dates and reviews", () => {
  it("reads partial dates", () => {
    expect(dateRange("2017")).toEqual({ from: "2017-01-01", to: "2017-12-31" });
    expect(dateRange("2024-02")).toEqual({ from: "2024-02-01", to: "2024-02-29" });
    expect(dateRange("2017-10-14")).toEqual({ from: "2017-10-14", to: "2017-10-14" });
    expect(dateRange("Oct 2017")).toBeNull();
    expect(formatPartialDate("2017-10")).toBe("Oct 2017");
    expect(formatPartialDate("1948")).toBe("1948");
    expect(formatPartialDate("2017-10-14")).toBe("14 Oct 2017");
  });
  it("words the review date, year-only included", () => {
    expect(reviewText("2027-10", "2026-11-28")).toBe("Due for review in Oct 2027");
    expect(reviewText("2026", "2026-11-28")).toBe("Due for review in 2026");
    expect(reviewText("2024", "2026-11-28")).toBe("Review overdue since 2024");
    expect(reviewText(null, "2026-11-28")).toBe("");
  });
  it("says why, in the core's words", () => {
    expect(reviewText("2026-10", "2026-11-28", "10 years after the revision of October 2016")).toBe(
      "Review overdue since Oct 2026: 10 years after the revision of October 2016",
    );
    expect(reviewText("2027-10", "2026-11-28", "10 years after the amendment of October 2017")).toBe(
      "Due for review in Oct 2027: 10 years after the amendment of October 2017",
    );
  });
});

describe("forms", () => {
  it("notices changes and finds the first invalid field in form order", () => {
    const draft = emptyDocumentDraft();
    expect(differs(DOCUMENT_FIELD_ORDER, draft, { ...draft })).toBe(false);
    expect(differs(DOCUMENT_FIELD_ORDER, draft, { ...draft, code: "D-1948-01-2017" })).toBe(true);
    expect(firstInvalid(DOCUMENT_FIELD_ORDER, { source_url: "x", title: "y" })).toBe("title");
    expect(firstInvalid(DOCUMENT_FIELD_ORDER, {})).toBeNull();
  });
  it("tells a changed statement", () => {
    const draft = emptyStatementDraft();
    expect(differs(STATEMENT_FIELD_ORDER, draft, { ...draft })).toBe(false);
    expect(differs(STATEMENT_FIELD_ORDER, draft, { ...draft, text: "Thank you, Chair." })).toBe(true);
  });
  it("turns a stored document back into its form", () => {
    const document = {
      ...emptyDocumentDraft(),
      id: "1",
      title: "WMA Declaration of Geneva",
      topics: ["ethics", "pledge"],
      meeting_id: null,
      agenda_item_id: null,
      status: "in_force",
      handbook_code: "D-1948-01-2017",
      review_due: "2027-10",
      created_at: "",
      updated_at: "",
      version: 8,
    } as PolicyDocument;
    const draft = documentDraftFrom(document);
    expect(draft.topics).toBe("ethics, pledge");
    expect(draft.meeting_id).toBe("");
  });
  it("words votes and mandates", () => {
    expect(voteText({ in_favour: 124, against: 0, abstentions: 11 })).toBe("124 for, 0 against, 11 abstentions");
    expect(voteText({ in_favour: null, against: null, abstentions: 1 })).toBe("1 abstention");
    expect(mandateText({ may_speak: true, may_co_sponsor: false, may_vote: true })).toBe("May speak and vote");
    expect(mandateText({ may_speak: true, may_co_sponsor: true, may_vote: true })).toBe("May speak, co-sponsor and vote");
    expect(mandateText({ may_speak: false, may_co_sponsor: false, may_vote: false })).toBe("No mandate to act");
  });
});

describe("links", () => {
  it("read from either side", async () => {
    const { linkPhrase } = await import("./policy");
    expect(linkPhrase("revises", true, "Revises")).toBe("Revises");
    expect(linkPhrase("revises", false, "Revises")).toBe("Revised by");
    expect(linkPhrase("related", false, "Related to")).toBe("Related to");
  });
});

describe("review filter", () => {
  it("turns a choice into an end date", async () => {
    const { reviewDueBy } = await import("./policy");
    expect(reviewDueBy("", "2026-11-28")).toBe("");
    expect(reviewDueBy("year", "2026-11-28")).toBe("2026-12-31");
    expect(reviewDueBy("2y", "2026-11-28")).toBe("2028-11-28");
    expect(reviewDueBy("5y", "2024-02-29")).toBe("2029-02-28");
  });
});

describe("correcting the history", () => {
  it("starts the correction from the action as recorded", () => {
    const draft = actionDraftFrom({
      id: "a1",
      document_id: "d1",
      kind: "revised",
      date: "2016-01",
      body_id: "wma_general_assembly",
      meeting_id: null,
      superseded_by_id: null,
      note: "Taipei",
      created_at: "",
      updated_at: "",
      version: 1,
    });
    expect(draft).toEqual({
      kind: "revised",
      date: "2016-01",
      body_id: "wma_general_assembly",
      meeting_id: "",
      superseded_by_id: "",
      note: "Taipei",
    });
  });
  it("names the action and its date in the confirmation", () => {
    expect(actionName("Revised", "2016-01")).toBe("Revised, Jan 2016");
    expect(actionName("Adopted", "1948")).toBe("Adopted, 1948");
  });
});

describe("the code as typed and as derived", () => {
  it("shows the derived code when the history moved the last year", () => {
    expect(derivedCode("D-1975-01-2006", "D-1975-01-2016")).toBe("D-1975-01-2016");
    expect(derivedCode(" d-1975-01-2006 ", "D-1975-01-2016")).toBe("D-1975-01-2016");
  });
  it("says nothing when they agree, or for codes that are not handbook codes", () => {
    expect(derivedCode("D-1975-01-2016", "D-1975-01-2016")).toBeNull();
    expect(derivedCode("WHA77.17", null)).toBeNull();
    expect(derivedCode("", "D-1975-01-2016")).toBeNull();
    expect(derivedCode("D-1975-1-2006", "D-1975-01-2016")).toBeNull();
  });
});

describe("a WHO outcome is adopted when made", () => {
  it("suggests its meeting's last day", () => {
    expect(adoptionDefault({ end_date: "2024-06-01" })).toBe("2024-06-01");
    expect(adoptionDefault(undefined)).toBe("");
  });
});

describe("reviewRowMeta", () => {
  it("joins the code and the review date, and leaves no stray separator without a code", () => {
    expect(reviewRowMeta("D-1948-01-2017", "2027-10")).toBe("D-1948-01-2017 · due Oct 2027");
    expect(reviewRowMeta("", "2026-10")).toBe("due Oct 2026");
    expect(reviewRowMeta(null, "2026")).toBe("due 2026");
    expect(reviewRowMeta("S-2012-01-2012", null)).toBe("S-2012-01-2012");
  });
});

describe("reviewCountText", () => {
  it("counts a document that is due this year and already overdue once", () => {
    expect(reviewCountText({ year: 2026, overdue: 1, by_year_end: 1 })).toBe("1 WMA document is overdue for review.");
  });
  it("says how many are due by the year's end and how many of those are overdue", () => {
    expect(reviewCountText({ year: 2026, overdue: 1, by_year_end: 3 })).toBe(
      "3 WMA documents are due for review by the end of 2026, 1 of them overdue.",
    );
    expect(reviewCountText({ year: 2026, overdue: 0, by_year_end: 1 })).toBe(
      "1 WMA document is due for review by the end of 2026.",
    );
    expect(reviewCountText({ year: 2026, overdue: 2, by_year_end: 2 })).toBe("2 WMA documents are overdue for review.");
    expect(reviewCountText({ year: 2026, overdue: 0, by_year_end: 0 })).toBe(
      "No WMA document is due for review by the end of 2026.",
    );
  });
});
