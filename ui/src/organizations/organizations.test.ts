import { describe, expect, it } from "vitest";
import { firstInvalid } from "../lib/editForm.svelte";
import { organizationDraftFrom, organizationMatches, TERM_STATE_LABEL, termDates } from "./organizations";

describe("the organizations filter", () => {
  const finnish = { name: "Finnish Medical Association", local_name: "Suomen Lääkäriliitto", acronym: "FMA", country: "Finland" };
  it("finds an organization by its name in its own language, accents folded", () => {
    expect(organizationMatches(finnish, "Lääkäriliitto")).toBe(true);
    expect(organizationMatches(finnish, "laakariliitto")).toBe(true);
    expect(organizationMatches(finnish, "  SUOMEN ")).toBe(true);
  });
  it("still finds by name, acronym and country, and not by other words", () => {
    expect(organizationMatches(finnish, "finnish medical")).toBe(true);
    expect(organizationMatches(finnish, "fma")).toBe(true);
    expect(organizationMatches(finnish, "Kenya")).toBe(false);
  });
});

describe("terms", () => {
  it("name their dates", () => {
    expect(termDates({ start_date: "2023-01-01", end_date: "2024-12-31" })).toMatch(/^from .*2023 to .*2024$/);
    expect(termDates({ start_date: "2023-01-01", end_date: null })).toMatch(/^from .*2023, open-ended$/);
  });
  it("say whether they are current, ended or upcoming", () => {
    expect(TERM_STATE_LABEL.current).toBe("Current");
    expect(TERM_STATE_LABEL.ended).toBe("Ended");
  });
});

describe("the organization form", () => {
  it("starts a new organization with no kind and no relations, and names every field in form order", () => {
    const draft = organizationDraftFrom(null);
    expect(draft).toMatchObject({ kind: null, name: "", wma_membership: "none", who_relation: "none" });
    expect(firstInvalid(Object.keys(draft), { website: "x", name: "y" })).toBe("name");
    expect(firstInvalid(Object.keys(draft), { notes: "x", website: "y" })).toBe("website");
  });
});
