import { describe, expect, it } from "vitest";
import { PAGE, Paging } from "./paging.svelte";

const rows = Array.from({ length: 2000 }, (_, i) => `Person ${i}`);

describe("a list drawn a page at a time", () => {
  it("draws the first page, then one more page each time", () => {
    const paging = new Paging();
    expect(paging.take(rows)).toEqual(rows.slice(0, PAGE));
    paging.more();
    expect(paging.take(rows)).toHaveLength(2 * PAGE);
    expect(paging.take(rows).at(-1)).toBe(`Person ${2 * PAGE - 1}`);
  });

  it("draws a short list whole", () => {
    const paging = new Paging();
    const few = rows.slice(0, 12);
    expect(paging.take(few)).toBe(few);
  });

  it("draws as far as a row chosen beyond the pages drawn, and never fewer", () => {
    const paging = new Paging();
    paging.reveal(1234);
    const drawn = paging.take(rows);
    expect(drawn).toContain("Person 1234");
    expect(drawn.length).toBeLessThanOrEqual(1234 + PAGE);
    paging.reveal(3);
    expect(paging.take(rows)).toHaveLength(drawn.length);
  });
});
