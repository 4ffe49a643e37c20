import { describe, expect, it } from "vitest";
import { briefingDone } from "./briefing";

describe("briefingDone", () => {
  it("says where the book went, how long and how large it is", () => {
    expect(briefingDone({ path: "/tmp/WHA79 briefing book.pdf", pages: 24, bytes: 310_400 }, false)).toBe(
      "Saved the briefing book (24 pages, 310 KB) to /tmp/WHA79 briefing book.pdf.",
    );
    expect(briefingDone({ path: "b.pdf", pages: 1, bytes: 2_500_000 }, true)).toBe(
      "Saved the briefing book (1 page, 2.5 MB) to b.pdf. It includes travel details: keep it within the delegation.",
    );
  });
});
