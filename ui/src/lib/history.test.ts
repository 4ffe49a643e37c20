import { describe, expect, it } from "vitest";
import { madeBy } from "./history";

describe("who made a change", () => {
  it("names the hub login and the laptop, or nothing before a hub", () => {
    expect(madeBy({ author: "amina", device: "Amina's laptop" })).toBe("by amina on Amina's laptop");
    expect(madeBy({ author: "amina", device: null })).toBe("by amina");
    expect(madeBy({ author: null, device: null })).toBe("");
  });
});
