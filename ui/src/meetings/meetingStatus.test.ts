import { describe, expect, it } from "vitest";
import type { MeetingStatus } from "../lib/bindings";
import { shownStatus } from "./meetingStatus";

const ga = (status: MeetingStatus) => ({ status, start_date: "2023-10-04", end_date: "2023-10-07" });

describe("the status a person sees", () => {
  it("reads Concluded once a planned meeting's end date has passed", () => {
    expect(shownStatus(ga("planned"), "2023-10-08")).toBe("concluded");
    expect(shownStatus(ga("registration_open"), "2026-11-29")).toBe("concluded");
    expect(shownStatus(ga("in_session"), "2023-10-08")).toBe("concluded");
  });

  it("reads In session from the first to the last day", () => {
    expect(shownStatus(ga("planned"), "2023-10-04")).toBe("in_session");
    expect(shownStatus(ga("registration_open"), "2023-10-07")).toBe("in_session");
  });

  it("keeps what was marked before the meeting, and whatever a person decided", () => {
    expect(shownStatus(ga("planned"), "2023-10-03")).toBe("planned");
    expect(shownStatus(ga("registration_open"), "2023-09-01")).toBe("registration_open");
    expect(shownStatus(ga("postponed"), "2024-01-01")).toBe("postponed");
    expect(shownStatus(ga("cancelled"), "2024-01-01")).toBe("cancelled");
    expect(shownStatus(ga("concluded"), "2023-10-05")).toBe("concluded");
  });
});
