import { describe, expect, it } from "vitest";
import { tabAfterKey } from "./tabKeys";

describe("a tab list's keys", () => {
  it("moves along a row with left and right, wrapping around", () => {
    expect(tabAfterKey("ArrowRight", 0, 6, "horizontal")).toBe(1);
    expect(tabAfterKey("ArrowRight", 5, 6, "horizontal")).toBe(0);
    expect(tabAfterKey("ArrowLeft", 0, 6, "horizontal")).toBe(5);
    expect(tabAfterKey("ArrowDown", 0, 6, "horizontal")).toBe(-1);
  });

  it("moves along a column with up and down", () => {
    expect(tabAfterKey("ArrowDown", 4, 5, "vertical")).toBe(0);
    expect(tabAfterKey("ArrowUp", 2, 5, "vertical")).toBe(1);
    expect(tabAfterKey("ArrowRight", 2, 5, "vertical")).toBe(-1);
  });

  it("goes to the ends with Home and End, and ignores other keys", () => {
    expect(tabAfterKey("Home", 3, 5, "vertical")).toBe(0);
    expect(tabAfterKey("End", 0, 5, "horizontal")).toBe(4);
    expect(tabAfterKey("Enter", 2, 5, "horizontal")).toBe(-1);
  });
});
