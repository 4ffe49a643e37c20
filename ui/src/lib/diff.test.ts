import { describe, expect, it } from "vitest";
import { spacedDiff } from "./diff";

const text = (spans: ReturnType<typeof spacedDiff>) =>
  spans
    .map((s) => `${s.gapBefore ? " " : ""}${s.kind === "added" ? `+${s.text}+` : s.kind === "removed" ? `-${s.text}-` : s.text}`)
    .join("");

describe("spacedDiff", () => {
  it("puts a space between a removed and an added word that touch", () => {
    const spans = spacedDiff([
      { kind: "same", text: "We " },
      { kind: "removed", text: "defer" },
      { kind: "added", text: "add" },
      { kind: "same", text: " it." },
    ]);
    expect(text(spans)).toBe("We -defer- +add+ it.");
    expect(spans.map((s) => s.gapBefore)).toEqual([false, false, true, false]);
  });

  it("adds none where the text already has a space, or next to unchanged text", () => {
    expect(
      spacedDiff([
        { kind: "removed", text: "old " },
        { kind: "added", text: "new" },
      ]).map((s) => s.gapBefore),
    ).toEqual([false, false]);
    expect(
      spacedDiff([
        { kind: "added", text: "new" },
        { kind: "removed", text: " old" },
      ]).map((s) => s.gapBefore),
    ).toEqual([false, false]);
    expect(
      spacedDiff([
        { kind: "same", text: "un" },
        { kind: "added", text: "changed" },
      ]).map((s) => s.gapBefore),
    ).toEqual([false, false]);
  });

  it("also separates an added run followed by a removed one", () => {
    expect(
      text(
        spacedDiff([
          { kind: "added", text: "add" },
          { kind: "removed", text: "defer" },
        ]),
      ),
    ).toBe("+add+ -defer-");
  });
});
