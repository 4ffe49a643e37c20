import { describe, expect, it } from "vitest";
import {
  clockIn,
  daysBetween,
  formatDate,
  formatDateRange,
  formatDateTime,
  formatPartialDate,
  formatTimestamp,
  parseDateInput,
  parseIsoDate,
  relativeDays,
  todayIso,
} from "./dates";

describe("dates", () => {
  it("parses only real ISO calendar dates", () => {
    expect(parseIsoDate("2024-02-29")).toEqual({ year: 2024, month: 2, day: 29 });
    expect(parseIsoDate("2023-02-29")).toBeNull();
    expect(parseIsoDate("2023-10-4")).toBeNull();
    expect(parseIsoDate("")).toBeNull();
  });

  it("shows dates and ranges unambiguously", () => {
    expect(formatDate("2023-10-04")).toBe("4 Oct 2023");
    expect(formatDate("2023-10-04", true)).toBe("Wed 4 Oct 2023");
    expect(formatDate("not a date")).toBe("not a date");
    expect(formatDateRange("2023-10-04", "2023-10-07")).toBe("4–7 Oct 2023");
    expect(formatDateRange("2024-05-27", "2024-06-01")).toBe("27 May – 1 Jun 2024");
    expect(formatDateRange("2024-12-30", "2025-01-02")).toBe("30 Dec 2024 – 2 Jan 2025");
    expect(formatDateRange("2024-01-22", "2024-01-22")).toBe("22 Jan 2024");
  });

  it("counts whole days across month, year and daylight-saving changes", () => {
    expect(daysBetween("2024-03-30", "2024-04-01")).toBe(2);
    expect(daysBetween("2024-12-31", "2025-01-01")).toBe(1);
    expect(daysBetween("2024-05-27", "2024-05-18")).toBe(-9);
    expect(daysBetween("x", "2024-05-18")).toBeNull();
    expect(relativeDays(9)).toBe("in 9 days");
    expect(relativeDays(1)).toBe("tomorrow");
    expect(relativeDays(0)).toBe("today");
    expect(relativeDays(-3)).toBe("3 days ago");
  });

  it("reads today and timestamps in the laptop's zone", () => {
    expect(todayIso(new Date(2024, 4, 27, 23, 59))).toBe("2024-05-27");
    expect(formatTimestamp("nonsense")).toBe("nonsense");
    expect(formatTimestamp("2024-05-27T07:05:00Z")).toMatch(/^2[78] May 2024, \d\d:\d5$/);
  });

  it("tells the venue's wall-clock time", () => {
    const instant = new Date("2024-05-27T07:05:00Z");
    expect(clockIn("Europe/Zurich", instant)).toMatch(/^09:05 /);
    expect(clockIn("Africa/Kigali", instant)).toMatch(/^09:05 /);
    expect(clockIn("Asia/Seoul", instant)).toMatch(/^16:05 /);
    expect(clockIn("Mars/Olympus_Mons", instant)).toBeNull();
  });
});

describe("parseDateInput", () => {
  it("reads the ways people type a date, as ISO", () => {
    for (const typed of [
      "2025-04-23",
      " 2025-4-23 ",
      "2025/04/23",
      "23.04.2025",
      "23.4.2025",
      "23/04/2025",
      "23-04-2025",
      "23.04.25",
      "23 Apr 2025",
      "23 apr 2025",
      "23 April 2025",
      "23. April 2025",
      "23rd April 2025",
      "April 23, 2025",
      "Apr 23 2025",
      "Wed 23 Apr 2025",
      "Wednesday, 23 April 2025",
    ]) {
      expect(parseDateInput(typed), typed).toBe("2025-04-23");
    }
    expect(parseDateInput("1 Sept 2025")).toBe("2025-09-01");
  });

  it("reads numeric dates day first", () => {
    expect(parseDateInput("03/04/2025")).toBe("2025-04-03");
    expect(parseDateInput("3.4.2025")).toBe("2025-04-03");
  });

  it("refuses what is not one real date", () => {
    for (const typed of [
      "",
      "2025",
      "2025-04",
      "April 2025",
      "31.04.2025",
      "29.02.2025",
      "13/13/2025",
      "soon",
      "23 Foo 2025",
      "Apr 2025 23",
      "2025-04-23T10:00",
    ]) {
      expect(parseDateInput(typed), typed).toBeNull();
    }
    expect(parseDateInput("29.02.2024")).toBe("2024-02-29");
  });
});

describe("one style for dates shown to people", () => {
  it("shows dates to the year, month or day with short month names", () => {
    expect(formatPartialDate("1948")).toBe("1948");
    expect(formatPartialDate("2017-10")).toBe("Oct 2017");
    expect(formatPartialDate("2017-10-14")).toBe("14 Oct 2017");
    expect(formatPartialDate("in 2017")).toBe("in 2017");
  });

  it("shows a venue wall-clock time with its date", () => {
    expect(formatDateTime("2025-05-20T10:00")).toBe("20 May 2025, 10:00");
    expect(formatDateTime("2025-05-20 09:05")).toBe("20 May 2025, 09:05");
    expect(formatDateTime("soon")).toBe("soon");
  });
});
