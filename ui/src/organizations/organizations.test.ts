import { describe, expect, it } from "vitest";
import { TERM_STATE_LABEL, termDates } from "./organizations";

describe("terms", () => {
  it("name their dates", () => {
    expect(termDates({ start_date: "2023-01-01", end_date: "2024-12-31" })).toMatch(/^from .*2023 to .*2024$/);
    expect(termDates({ start_date: "2023-01-01", end_date: null })).toMatch(/^from .*2023, open-ended$/);
  });
  it("say whether they are current, ended or upcoming", () => {
    expect(TERM_STATE_LABEL.current).toBe("Current");
    expect(TERM_STATE_LABEL.ended).toBe("Ended");
  });
});
