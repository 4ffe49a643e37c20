import { describe, expect, it } from "vitest";
import { mayExplore, removalMessage, showFirstScreen } from "./firstRun";

const status = (office_empty: boolean, loaded: boolean, joined: boolean) => ({ office_empty, loaded, joined });

describe("first screen", () => {
  it("shows only while the office is empty and no example data is loaded", () => {
    expect(showFirstScreen(status(true, false, false))).toBe(true);
    expect(showFirstScreen(status(true, false, true))).toBe(true);
    expect(showFirstScreen(status(true, true, false))).toBe(false);
    expect(showFirstScreen(status(false, false, false))).toBe(false);
    expect(showFirstScreen(null)).toBe(false);
  });

  it("offers example data only on a laptop that has not joined a hub", () => {
    expect(mayExplore(status(true, false, false))).toBe(true);
    expect(mayExplore(status(true, false, true))).toBe(false);
  });
});

describe("removal message", () => {
  it("says how many were removed", () => {
    expect(removalMessage({ removed: 1, kept: [] })).toBe("Example data removed (1 record).");
  });

  it("names what was kept and why", () => {
    const message = removalMessage({
      removed: 60,
      kept: ["Meeting “WHA77”: you changed it", "Person “Dr Example Delegate”: a record you kept refers to it"],
    });
    expect(message).toContain("60 records");
    expect(message).toContain("2 example records were kept");
    expect(message).toContain("Meeting “WHA77”: you changed it; Person");
  });
});
