import { describe, expect, it } from "vitest";
import type { Body, BodyOrganization } from "../lib/bindings";
import { differs, firstInvalid } from "../lib/editForm.svelte";
import {
  BODY_FIELD_ORDER,
  bodyDraftFrom,
  emptyBodyDraft,
  groupBodies,
  ordinalSuffixed,
  parentChoices,
  previewTitle,
} from "./bodies";

function body(id: string, name: string, organization: BodyOrganization, extra: Partial<Body> = {}): Body {
  return {
    id,
    seeded: true,
    created_at: "2024-01-01T00:00:00Z",
    updated_at: "2024-01-01T00:00:00Z",
    version: 1,
    name,
    short_name: "",
    organization,
    parent_id: null,
    title_pattern: "",
    ...extra,
  };
}

const LABELS: Record<BodyOrganization, string> = {
  wma: "World Medical Association",
  who: "World Health Organization",
  other: "Other",
};
const label = (organization: BodyOrganization) => LABELS[organization];

const ga = body("wma_general_assembly", "WMA General Assembly", "wma", {
  short_name: "GA",
  title_pattern: "{nth} WMA General Assembly",
});
const wha = body("world_health_assembly", "World Health Assembly", "who", { short_name: "WHA", title_pattern: "WHA{n}" });
const committeeA = body("wha_committee_a", "Committee A", "who", { parent_id: "world_health_assembly" });
const jma = body("0192f7e0-0000-7000-8000-000000000001", "Bilateral meeting with the Japan Medical Association", "other", {
  seeded: false,
  version: 4,
  title_pattern: "{nth} JMA bilateral",
});

describe("body form state", () => {
  it("starts a new body empty, with no organization chosen", () => {
    const draft = emptyBodyDraft();
    expect(draft).toEqual({ name: "", short_name: "", organization: null, parent_id: "", title_pattern: "" });
    expect(BODY_FIELD_ORDER.every((field) => field in draft)).toBe(true);
  });

  it("turns a stored body into form fields", () => {
    expect(bodyDraftFrom(committeeA)).toEqual({
      name: "Committee A",
      short_name: "",
      organization: "who",
      parent_id: "world_health_assembly",
      title_pattern: "",
    });
    expect(bodyDraftFrom(wha).parent_id).toBe("");
    expect(bodyDraftFrom(wha).title_pattern).toBe("WHA{n}");
  });

  it("notices changes and finds the first invalid field in form order", () => {
    const initial = bodyDraftFrom(jma);
    expect(differs(BODY_FIELD_ORDER, initial, { ...initial })).toBe(false);
    expect(differs(BODY_FIELD_ORDER, initial, { ...initial, title_pattern: "{nth} JMA–WMA bilateral" })).toBe(true);
    expect(differs(BODY_FIELD_ORDER, emptyBodyDraft(), { ...emptyBodyDraft(), organization: "other" })).toBe(true);
    expect(firstInvalid(BODY_FIELD_ORDER, { title_pattern: "x", organization: "y" })).toBe("organization");
    expect(firstInvalid(BODY_FIELD_ORDER, { parent_id: "x" })).toBe("parent_id");
    expect(firstInvalid(BODY_FIELD_ORDER, {})).toBeNull();
  });
});

describe("title preview", () => {
  it("suffixes ordinals as English does", () => {
    const cases: [number, string][] = [
      [1, "1st"],
      [2, "2nd"],
      [3, "3rd"],
      [4, "4th"],
      [11, "11th"],
      [12, "12th"],
      [13, "13th"],
      [21, "21st"],
      [22, "22nd"],
      [74, "74th"],
      [101, "101st"],
      [111, "111th"],
      [112, "112th"],
      [223, "223rd"],
    ];
    for (const [n, expected] of cases) expect(ordinalSuffixed(n)).toBe(expected);
  });

  it("fills in the pattern with the ordinal as a number or with its suffix", () => {
    expect(previewTitle("WHA{n}", "World Health Assembly", 77)).toBe("WHA77");
    expect(previewTitle("{nth} WMA General Assembly", "WMA General Assembly", 74)).toBe("74th WMA General Assembly");
    expect(previewTitle("{nth} EFMA/WHO meeting", "EFMA", 32)).toBe("32nd EFMA/WHO meeting");
    expect(previewTitle("{n} and {n} ({nth})", "x", 1)).toBe("1 and 1 (1st)");
    expect(previewTitle("  Council {n}  ", "x", 223)).toBe("Council 223");
    expect(previewTitle("Annual meeting", "x", 5)).toBe("Annual meeting");
  });

  it("suggests nothing for an ordinal without a pattern, and the name without an ordinal", () => {
    expect(previewTitle("", "UN High-Level Meeting", 74)).toBeNull();
    expect(previewTitle("   ", "UN High-Level Meeting", 74)).toBeNull();
    expect(previewTitle("WHA{n}", "World Health Assembly", null)).toBe("World Health Assembly");
  });
});

describe("body list", () => {
  it("groups bodies WMA, WHO, then other, keeping their order and naming parents", () => {
    const groups = groupBodies([jma, wha, committeeA, ga], label);
    expect(groups.map((g) => g.label)).toEqual(["World Medical Association", "World Health Organization", "Other"]);
    expect(groups.map((g) => g.organization)).toEqual(["wma", "who", "other"]);
    const who = groups[1];
    expect(who?.rows.map((r) => r.body.id)).toEqual(["world_health_assembly", "wha_committee_a"]);
    expect(who?.rows.map((r) => r.parentName)).toEqual([null, "World Health Assembly"]);
  });

  it("leaves out empty organizations and shows an unknown parent by its id", () => {
    const orphan = body("orphan", "Orphan", "other", { parent_id: "gone" });
    const groups = groupBodies([orphan], label);
    expect(groups).toHaveLength(1);
    expect(groups[0]?.label).toBe("Other");
    expect(groups[0]?.rows[0]?.parentName).toBe("gone");
    expect(groupBodies([], label)).toEqual([]);
  });

  it("offers top-level bodies other than itself to sit within", () => {
    const all = [ga, wha, committeeA, jma];
    expect(parentChoices(all, "", "").map((b) => b.id)).toEqual(["wma_general_assembly", "world_health_assembly", jma.id]);
    expect(parentChoices(all, "world_health_assembly", "").map((b) => b.id)).toEqual(["wma_general_assembly", jma.id]);
    // A stored choice stays visible even if it no longer qualifies.
    expect(parentChoices(all, jma.id, "wha_committee_a").map((b) => b.id)).toEqual([
      "wma_general_assembly",
      "world_health_assembly",
      "wha_committee_a",
    ]);
  });
});
