import { describe, expect, it } from "vitest";
import type { AgendaItem, Body } from "../lib/bindings";
import { firstInvalid } from "../lib/editForm.svelte";
import { agendaDraftFrom, emptyAgendaDraft, forumLabel, suggestNextNumber } from "./agenda";

function item(number: string): AgendaItem {
  return {
    id: number,
    meeting_id: "m",
    number,
    title: `Item ${number}`,
    forum_body_id: null,
    priority: "normal",
    notes: "",
    depth: number.split(".").length - 1,
    created_at: "",
    updated_at: "",
    version: 1,
  };
}

describe("agenda form rules", () => {
  it("suggests the next free number after the chosen item or the last top-level one", () => {
    const items = ["1", "13", "13.3", "13.4", "14"].map(item);
    expect(suggestNextNumber(items, null)).toBe("15");
    expect(suggestNextNumber(items, items[2] ?? null)).toBe("13.5");
    expect(suggestNextNumber([], null)).toBe("1");
  });

  it("round-trips an item through the form", () => {
    const stored = { ...item("13.3"), forum_body_id: "wha_committee_a", priority: "high" as const };
    expect(agendaDraftFrom(stored)).toEqual({
      number: "13.3",
      title: "Item 13.3",
      forum_body_id: "wha_committee_a",
      priority: "high",
      notes: "",
    });
    expect(emptyAgendaDraft().priority).toBe("normal");
  });

  it("names forums with the body they sit in", () => {
    const body = (id: string, name: string, short: string, parent: string | null): Body => ({
      id,
      name,
      short_name: short,
      organization: "who",
      parent_id: parent,
      title_pattern: "",
      seeded: true,
      created_at: "",
      updated_at: "",
      version: 1,
    });
    const wha = body("world_health_assembly", "World Health Assembly", "WHA", null);
    const committeeA = body("wha_committee_a", "WHA Committee A", "Committee A", "world_health_assembly");
    expect(forumLabel(committeeA, [wha, committeeA])).toBe("Committee A (WHA)");
    expect(forumLabel(wha, [wha, committeeA])).toBe("World Health Assembly");
  });
});

describe("the agenda form's field order", () => {
  it("is the draft's own: errors are focused from the number down", () => {
    const fields = Object.keys(emptyAgendaDraft());
    expect(firstInvalid(fields, { notes: "x", title: "y" })).toBe("title");
    expect(firstInvalid(fields, { notes: "x", number: "y" })).toBe("number");
  });
});
