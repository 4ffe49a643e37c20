import { describe, expect, it } from "vitest";
import type { Session } from "../lib/bindings";
import { differs, firstInvalid } from "../lib/editForm.svelte";
import {
  agendaNumbers,
  clockMinutes,
  clockRange,
  durationText,
  emptySessionDraft,
  groupByDay,
  homeText,
  isClockChange,
  SESSION_FIELD_ORDER,
  sessionDraftFrom,
  shortDay,
  toggleAgendaItem,
  utcTitle,
} from "./sessions";

function session(overrides: Partial<Session> = {}, times: Partial<Session["times"]> = {}): Session {
  return {
    id: "s1",
    meeting_id: "m1",
    created_at: "2024-05-01T00:00:00Z",
    updated_at: "2024-05-01T00:00:00Z",
    version: 1,
    title: "Committee A, first meeting",
    starts_at: "2024-05-27T09:00",
    ends_at: "2024-05-27T12:30",
    room: "Room XVIII",
    agenda_item_ids: [],
    ...overrides,
    times: {
      starts_utc: "2024-05-27T07:00:00Z",
      ends_utc: "2024-05-27T10:30:00Z",
      venue_offset_start: "+02:00",
      venue_offset_end: "+02:00",
      home_starts_at: null,
      home_ends_at: null,
      home_time_zone: null,
      duration_minutes: 210,
      ...times,
    },
  };
}

const agenda = [
  { id: "a13", number: "13", title: "Health emergencies" },
  { id: "a133", number: "13.3", title: "Pandemic agreement" },
  { id: "a143", number: "14.3", title: "Antimicrobial resistance" },
];

describe("session drafts", () => {
  it("starts a new session on the meeting's first day", () => {
    const draft = emptySessionDraft({ start_date: "2024-05-27" });
    expect(draft).toEqual({ title: "", date: "2024-05-27", start_time: "", end_time: "", room: "", agenda_item_ids: [] });
    expect(SESSION_FIELD_ORDER.every((field) => field in draft)).toBe(true);
  });

  it("splits a stored session's wall-clock times into day and times", () => {
    const draft = sessionDraftFrom(session({ agenda_item_ids: ["a133"] }));
    expect(draft).toEqual({
      title: "Committee A, first meeting",
      date: "2024-05-27",
      start_time: "09:00",
      end_time: "12:30",
      room: "Room XVIII",
      agenda_item_ids: ["a133"],
    });
  });

  it("copies the agenda items so editing them leaves the session alone", () => {
    const stored = session({ agenda_item_ids: ["a133"] });
    sessionDraftFrom(stored).agenda_item_ids.push("a143");
    expect(stored.agenda_item_ids).toEqual(["a133"]);
  });

  it("finds the first field in error in form order", () => {
    expect(firstInvalid(SESSION_FIELD_ORDER, { room: "x", end_time: "y" })).toBe("end_time");
    expect(firstInvalid(SESSION_FIELD_ORDER, { agenda_item_ids: "x" })).toBe("agenda_item_ids");
    expect(firstInvalid(SESSION_FIELD_ORDER, {})).toBeNull();
  });

  it("notices changes, but not a different order of the same agenda items", () => {
    const draft = sessionDraftFrom(session({ agenda_item_ids: ["a133", "a143"] }));
    expect(differs(SESSION_FIELD_ORDER, draft, { ...draft })).toBe(false);
    expect(differs(SESSION_FIELD_ORDER, draft, { ...draft, agenda_item_ids: ["a143", "a133"] })).toBe(false);
    expect(differs(SESSION_FIELD_ORDER, draft, { ...draft, agenda_item_ids: ["a133"] })).toBe(true);
    expect(differs(SESSION_FIELD_ORDER, draft, { ...draft, end_time: "13:00" })).toBe(true);
  });

  it("keeps ticked agenda items in agenda order", () => {
    expect(toggleAgendaItem(["a143"], "a133", true, agenda)).toEqual(["a133", "a143"]);
    expect(toggleAgendaItem(["a133", "a143"], "a133", false, agenda)).toEqual(["a143"]);
    expect(toggleAgendaItem(["a133"], "a133", true, agenda)).toEqual(["a133"]);
  });
});

describe("session list", () => {
  it("groups sessions by venue day in time order", () => {
    const days = groupByDay([
      session({ id: "c", starts_at: "2024-05-28T09:00", ends_at: "2024-05-28T12:00" }),
      session({ id: "b", starts_at: "2024-05-27T14:30", ends_at: "2024-05-27T17:30" }),
      session({ id: "a" }),
    ]);
    expect(days.map((d) => d.heading)).toEqual(["Mon 27 May 2024", "Tue 28 May 2024"]);
    expect(days.map((d) => d.sessions.map((s) => s.id))).toEqual([["a", "b"], ["c"]]);
    expect(groupByDay([])).toEqual([]);
  });

  it("shows clock ranges, naming the end day when it is a later one", () => {
    expect(clockRange("2024-05-27T09:00", "2024-05-27T12:30")).toBe("09:00–12:30");
    expect(clockRange("2024-05-27T22:00", "2024-05-28T01:00")).toBe("22:00–01:00 (Tue 28 May)");
    expect(shortDay("2024-05-26")).toBe("Sun 26 May");
    expect(shortDay("soon")).toBe("soon");
  });

  it("shows home time only when a home time zone is set", () => {
    expect(homeText(session())).toBeNull();
    expect(
      homeText(
        session({}, { home_starts_at: "2024-05-27T02:00", home_ends_at: "2024-05-27T05:30", home_time_zone: "America/Chicago" }),
      ),
    ).toBe("02:00–05:30 at home (America/Chicago)");
  });

  it("names the home day when it is not the venue day", () => {
    const early = session(
      { starts_at: "2024-05-27T08:00", ends_at: "2024-05-27T09:00" },
      { home_starts_at: "2024-05-26T23:00", home_ends_at: "2024-05-27T00:00", home_time_zone: "America/Los_Angeles" },
    );
    expect(homeText(early)).toBe("Sun 26 May 23:00–00:00 (Mon 27 May) at home (America/Los_Angeles)");
  });

  it("gives UTC times for the hover text", () => {
    expect(utcTitle(session())).toBe("UTC 07:00–10:30");
    expect(utcTitle(session({}, { starts_utc: "2024-05-27T23:00:00+00:00", ends_utc: "2024-05-28T01:30:00Z" }))).toBe(
      "UTC 23:00–01:30",
    );
  });

  it("spots a clock change during a session", () => {
    expect(clockMinutes("2024-05-27T09:00", "2024-05-27T12:30")).toBe(210);
    expect(clockMinutes("2024-05-27T22:00", "2024-05-28T01:00")).toBe(180);
    expect(isClockChange(session())).toBe(false);
    // Clocks go back at 03:00 on 27 Oct 2024 in Geneva: 01:00–03:00 on the wall lasts 3 hours.
    const night = session(
      { starts_at: "2024-10-27T01:00", ends_at: "2024-10-27T03:00" },
      { duration_minutes: 180, venue_offset_start: "+02:00", venue_offset_end: "+01:00" },
    );
    expect(isClockChange(night)).toBe(true);
    expect(durationText(night.times.duration_minutes)).toBe("3 h 0 min");
  });

  it("writes durations in hours and minutes", () => {
    expect(durationText(45)).toBe("45 min");
    expect(durationText(60)).toBe("1 h 0 min");
    expect(durationText(210)).toBe("3 h 30 min");
  });

  it("lists the agenda items taken by number, in agenda order", () => {
    expect(agendaNumbers(["a143", "a133"], agenda)).toBe("13.3, 14.3");
    expect(agendaNumbers(["gone"], agenda)).toBe("");
    expect(agendaNumbers([], agenda)).toBe("");
  });
});
