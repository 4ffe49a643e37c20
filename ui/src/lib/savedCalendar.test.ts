import { describe, expect, it } from "vitest";
import { savedCalendarMessage } from "./savedCalendar";

describe("savedCalendarMessage", () => {
  it("counts the events and names the file", () => {
    expect(savedCalendarMessage({ path: "/home/ana/WHA79.ics", events: 1 })).toBe(
      "Saved 1 event to /home/ana/WHA79.ics. Open it in your calendar app to add them.",
    );
    expect(savedCalendarMessage({ path: "C:\\cal.ics", events: 12 })).toContain("Saved 12 events to C:\\cal.ics.");
  });

  it("says when the calendar is empty", () => {
    expect(savedCalendarMessage({ path: "/tmp/2031.ics", events: 0 })).toBe(
      "Saved 0 events to /tmp/2031.ics. There was nothing to put in it.",
    );
  });
});
