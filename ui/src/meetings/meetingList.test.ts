import { describe, expect, it } from "vitest";
import type { Meeting } from "../lib/bindings";
import {
  groupMeetings,
  isFiltered,
  type MeetingFilter,
  type MeetingRow,
  matchesFilter,
  meetingYears,
  NO_FILTER,
} from "./meetingList";

function meeting(overrides: Partial<Meeting>): Meeting {
  return {
    id: overrides.title ?? "id",
    created_at: "2024-01-01T00:00:00Z",
    updated_at: "2024-01-01T00:00:00Z",
    version: 1,
    body_id: "world_health_assembly",
    parent_id: null,
    ordinal: null,
    title: "Meeting",
    city: "",
    country: "",
    venue: "",
    start_date: "2024-01-01",
    end_date: "2024-01-01",
    time_zone: "Europe/Zurich",
    format: "in_person",
    status: "planned",
    registration_deadline: null,
    notes: "",
    ...overrides,
  };
}

const BODY_NAMES: Record<string, string> = {
  world_health_assembly: "World Health Assembly",
  wma_general_assembly: "WMA General Assembly",
};
const label = (id: string) => BODY_NAMES[id] ?? id;

const kigali = meeting({
  title: "74th WMA General Assembly",
  body_id: "wma_general_assembly",
  city: "Kigali",
  country: "Rwanda",
  start_date: "2023-10-04",
  end_date: "2023-10-07",
  status: "concluded",
});
const helsinki = meeting({
  title: "75th WMA General Assembly",
  body_id: "wma_general_assembly",
  city: "Helsinki",
  country: "Finland",
  start_date: "2024-10-16",
  end_date: "2024-10-19",
});
const wha77 = meeting({
  title: "WHA77",
  city: "Genève",
  country: "Switzerland",
  venue: "Palais des Nations",
  start_date: "2024-05-27",
  end_date: "2024-06-01",
});
const wha78 = meeting({ title: "WHA78", city: "Geneva", start_date: "2025-05-19", end_date: "2025-05-27" });
const newYear = meeting({ title: "EB Retreat", start_date: "2024-12-30", end_date: "2025-01-02" });
const all = [helsinki, wha78, kigali, newYear, wha77];

const titles = (list: (Meeting | MeetingRow)[]) => list.map((m) => ("meeting" in m ? m.meeting.title : m.title));

describe("groupMeetings", () => {
  it("puts upcoming meetings first, soonest first, and past ones below, latest first", () => {
    const groups = groupMeetings(all, NO_FILTER, "2024-06-01", label);
    expect(titles(groups.upcoming)).toEqual(["WHA77", "75th WMA General Assembly", "EB Retreat", "WHA78"]);
    expect(titles(groups.past)).toEqual(["74th WMA General Assembly"]);
  });

  it("counts a meeting as upcoming until its last day has passed", () => {
    expect(titles(groupMeetings([wha77], NO_FILTER, "2024-06-01", label).upcoming)).toEqual(["WHA77"]);
    expect(titles(groupMeetings([wha77], NO_FILTER, "2024-06-02", label).past)).toEqual(["WHA77"]);
  });
});

describe("matchesFilter", () => {
  const check = (filter: Partial<MeetingFilter>) =>
    titles(all.filter((m) => matchesFilter(m, { ...NO_FILTER, ...filter }, label)));

  it("narrows by every typed word, ignoring case and diacritics", () => {
    expect(check({ text: "geneve" })).toEqual(["WHA77"]);
    expect(check({ text: "GENEVA" })).toEqual(["WHA78"]);
    expect(check({ text: "wma kigali" })).toEqual(["74th WMA General Assembly"]);
    expect(check({ text: "palais" })).toEqual(["WHA77"]);
    expect(check({ text: "kigali helsinki" })).toEqual([]);
    expect(check({ text: "   " })).toHaveLength(all.length);
  });

  it("matches the body's label, not only its code", () => {
    expect(check({ text: "world health" })).toEqual(["WHA78", "EB Retreat", "WHA77"]);
  });

  it("filters by body, status and year, including meetings that span two years", () => {
    expect(check({ body_id: "wma_general_assembly" })).toEqual(["75th WMA General Assembly", "74th WMA General Assembly"]);
    expect(check({ status: "concluded" })).toEqual(["74th WMA General Assembly"]);
    expect(check({ year: "2025" })).toEqual(["WHA78", "EB Retreat"]);
    expect(check({ year: "2024", body_id: "wma_general_assembly" })).toEqual(["75th WMA General Assembly"]);
  });

  it("filters by the status shown on the day: a past planned meeting is concluded", () => {
    const on = (today: string, status: MeetingFilter["status"]) =>
      titles(
        groupMeetings(all, { ...NO_FILTER, status }, today, label).past.concat(
          groupMeetings(all, { ...NO_FILTER, status }, today, label).upcoming,
        ),
      );
    expect(on("2024-06-02", "concluded")).toEqual(["WHA77", "74th WMA General Assembly"]);
    expect(on("2024-06-02", "planned")).toEqual(["75th WMA General Assembly", "EB Retreat", "WHA78"]);
    expect(on("2024-05-28", "in_session")).toEqual(["WHA77"]);
  });
});

describe("meetingYears and isFiltered", () => {
  it("lists each year once, most recent first", () => {
    expect(meetingYears(all)).toEqual([2025, 2024, 2023]);
    expect(meetingYears([])).toEqual([]);
  });

  it("knows when any filter is set", () => {
    expect(isFiltered(NO_FILTER)).toBe(false);
    expect(isFiltered({ ...NO_FILTER, text: "  " })).toBe(false);
    expect(isFiltered({ ...NO_FILTER, year: "2024" })).toBe(true);
  });
});

describe("meetings within meetings", () => {
  const week = meeting({ id: "week", title: "75th GA week", start_date: "2024-10-16", end_date: "2024-10-19" });
  const council = meeting({
    id: "council",
    title: "227th Council session",
    parent_id: "week",
    start_date: "2024-10-18",
    end_date: "2024-10-18",
  });
  const mec = meeting({ id: "mec", title: "MEC", parent_id: "week", start_date: "2024-10-16", end_date: "2024-10-16" });
  const orphan = meeting({
    id: "orphan",
    title: "Orphan",
    parent_id: "deleted",
    start_date: "2024-11-01",
    end_date: "2024-11-01",
  });
  const list = [council, week, orphan, mec];

  it("lists children under their parent in date order, one level deeper", () => {
    const rows = groupMeetings(list, NO_FILTER, "2024-01-01", label).upcoming;
    expect(rows.map((r) => [r.meeting.id, r.depth, r.childCount])).toEqual([
      ["week", 0, 2],
      ["mec", 1, 0],
      ["council", 1, 0],
      ["orphan", 0, 0],
    ]);
  });

  it("hides the children of a collapsed parent", () => {
    const rows = groupMeetings(list, NO_FILTER, "2024-01-01", label, new Set(["week"])).upcoming;
    expect(titles(rows)).toEqual(["75th GA week", "Orphan"]);
  });

  it("lists matches flat while a filter is set, so none hides in a collapsed parent", () => {
    const rows = groupMeetings(list, { ...NO_FILTER, text: "council" }, "2024-01-01", label, new Set(["week"])).upcoming;
    expect(rows.map((r) => [r.meeting.id, r.depth])).toEqual([["council", 0]]);
  });
});
