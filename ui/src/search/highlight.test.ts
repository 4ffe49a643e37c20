import { describe, expect, it } from "vitest";
import type { SearchHit } from "../lib/bindings";
import { groupHits, plainExcerpt, segments, tabFor } from "./highlight";

describe("search results", () => {
  it("splits marked text into plain and matched segments", () => {
    expect(segments("Committee A on \u0002antimicrobial\u0003 resistance")).toEqual([
      { text: "Committee A on ", match: false },
      { text: "antimicrobial", match: true },
      { text: " resistance", match: false },
    ]);
    expect(segments("\u0002WHA77\u0003")).toEqual([{ text: "WHA77", match: true }]);
    expect(segments("<b>not markup</b>")).toEqual([{ text: "<b>not markup</b>", match: false }]);
    expect(segments("")).toEqual([]);
  });

  it("groups by kind in order of the best match and opens the right tab", () => {
    const hit = (kind: string, id: string): SearchHit => ({ kind, record_id: id, meeting_id: "m", title: id, excerpt: "" });
    const groups = groupHits([hit("record", "r1"), hit("meeting", "m1"), hit("record", "r2")]);
    expect(groups.map((g) => [g.label, g.hits.map((h) => h.record_id)])).toEqual([
      ["Records", ["r1", "r2"]],
      ["Meetings", ["m1"]],
    ]);
    expect(tabFor("record")).toBe("records");
    expect(tabFor("agenda_item")).toBe("agenda");
    expect(tabFor("meeting")).toBe("overview");
  });
});

describe("excerpts", () => {
  it("lose Markdown's marks but keep the words and the match marks", () => {
    expect(plainExcerpt("Member states backed **\u0002stewardship\u0003** of antibiotics.")).toBe(
      "Member states backed \u0002stewardship\u0003 of antibiotics.",
    );
    expect(plainExcerpt("# Outcome\n> quoted _carefully_ and `code`")).toBe("Outcome\nquoted carefully and code");
    expect(plainExcerpt("snake_case_name and 3 * 4")).toBe("snake_case_name and 3 * 4");
  });
});
