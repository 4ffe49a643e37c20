import { describe, expect, it } from "vitest";
import { fieldMessages, toCommandError } from "./errors";

describe("errors from the Rust side", () => {
  it("keeps a well-formed command error as it is", () => {
    const raw = { kind: "validation", message: "Enter the start date.", field: "start_date", fields: [{ field: "start_date", message: "Enter the start date." }] };
    expect(toCommandError(raw)).toEqual(raw);
  });

  it("turns anything else into an internal error a person can read", () => {
    const error = toCommandError("invalid args `draft` for command `create_meeting`");
    expect(error.kind).toBe("internal");
    expect(error.message).toContain("Nothing was changed");
    expect(toCommandError({ kind: "nonsense", message: "x" }).kind).toBe("internal");
    expect(toCommandError(null).kind).toBe("internal");
  });

  it("maps validation errors to their fields, first message wins", () => {
    const messages = fieldMessages({
      kind: "validation",
      message: "",
      fields: [
        { field: "end_date", message: "first" },
        { field: "end_date", message: "second" },
        { field: "title", message: "Enter a title" },
      ],
    });
    expect(messages).toEqual({ end_date: "first", title: "Enter a title" });
    expect(fieldMessages({ kind: "conflict", message: "changed elsewhere", fields: [] })).toEqual({});
    expect(fieldMessages(null)).toEqual({});
  });
});
