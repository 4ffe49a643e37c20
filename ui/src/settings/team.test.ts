import { describe, expect, it } from "vitest";
import type { ConflictView, ExchangeStatus } from "../lib/bindings";
import { ago, bothTexts, conflictHeadline, editedFields, reportLine, startEditing, statusLines } from "./team";

const now = new Date("2026-05-19T10:00:00Z");

const joined: ExchangeStatus = {
  joined: true,
  hub_address: "postgres://maria@db.office.example:5432/plenary?sslmode=require",
  hub_identity: "3f2c…",
  login: "maria",
  device_name: "maria-laptop",
  last_exchanged_at: "2026-05-19T09:57:00Z",
  last_error: null,
  waiting: 4,
  open_conflicts: 1,
  parked: 0,
};

describe("Settings → Team", () => {
  it("says when the last exchange was, in words", () => {
    expect(ago("2026-05-19T09:59:30Z", now)).toBe("just now");
    expect(ago("2026-05-19T09:59:00Z", now)).toBe("1 minute ago");
    expect(ago("2026-05-19T09:57:00Z", now)).toBe("3 minutes ago");
    expect(ago("2026-05-19T07:00:00Z", now)).toBe("3 hours ago");
    expect(ago("2026-05-17T10:00:00Z", now)).toBe("2 days ago");
  });

  it("sums up the link at a glance", () => {
    expect(statusLines(joined, now)).toEqual([
      "Connected to the office hub.",
      "Last exchanged 3 minutes ago.",
      "4 changes waiting to go.",
      "1 conflict to decide (below).",
    ]);
    const offline = { ...joined, last_error: "Could not reach the hub", waiting: 1, open_conflicts: 0, parked: 3 };
    expect(statusLines(offline, now)).toEqual([
      "Offline: the last exchange did not finish.",
      "Last exchanged 3 minutes ago.",
      "1 change waiting to go.",
      "3 changes need a newer Plenary: they are kept and applied after you update.",
    ]);
    expect(statusLines({ ...joined, joined: false }, now)[0]).toMatch(/works on its own/);
  });

  it("reports an exchange while it runs, when it stops and when it ends", () => {
    const report = {
      sent: 1,
      received: 120,
      new_conflicts: 0,
      parked: 0,
      stopped: false,
      files_sent: 0,
      files_received: 0,
      travel_sent: 0,
      travel_received: 0,
    };
    expect(reportLine(report, true)).toBe("Exchanging: received 120 changes, sent 1 change so far…");
    expect(reportLine({ ...report, stopped: true })).toBe(
      "Stopped: received 120 changes, sent 1 change. The next exchange goes on from there.",
    );
    expect(reportLine({ ...report, new_conflicts: 2 })).toBe(
      "Exchanged: received 120 changes, sent 1 change, found 2 conflicts.",
    );
    expect(reportLine({ ...report, travel_received: 1, travel_sent: 1 })).toBe(
      "Exchanged: received 120 changes, sent 1 change, travel details of 2 people updated.",
    );
    expect(reportLine({ ...report, files_received: 3 })).toBe(
      "Exchanged: received 120 changes, sent 1 change, received 3 files.",
    );
  });

  it("asks each kind of conflict its own question and keeps both texts on request", () => {
    const conflict: ConflictView = {
      id: "c1",
      entity: "meeting",
      noun: "meeting",
      record_id: "m1",
      record_name: "WHA78",
      kind: "both_changed",
      fields: [
        { field: "venue", theirs: "Palais des Nations", yours: "CICG" },
        { field: "ordinal", theirs: 78, yours: 77 },
        { field: "notes", theirs: "", yours: "Bring badges" },
      ],
      their_author: "coordinator",
      their_device: "office-pc",
      their_at: "2026-05-19T09:00:00Z",
      detected_at: "2026-05-19T09:30:00Z",
    };
    expect(conflictHeadline(conflict)).toBe("coordinator (on office-pc) also changed the meeting “WHA78”.");
    expect(conflictHeadline({ ...conflict, kind: "they_deleted" })).toMatch(/deleted the meeting “WHA78”, which you had changed/);
    expect(conflictHeadline({ ...conflict, kind: "you_deleted" })).toMatch(/^You deleted the meeting “WHA78”/);
    // Both texts are kept only where there is prose: two venues or two dates are not one.
    expect(bothTexts(conflict.fields)).toBeNull();
    expect(
      bothTexts([
        { field: "notes", theirs: "Badges at gate 3.", yours: "Bring badges" },
        { field: "venue", theirs: "Palais des Nations", yours: "CICG" },
        { field: "start_date", theirs: "2025-05-19", yours: "2025-05-20" },
      ]),
    ).toEqual({ notes: "Badges at gate 3.\n\nBring badges" });
    expect(bothTexts([{ field: "ordinal", theirs: 1, yours: 2 }])).toBeNull();
  });

  it("edits a conflict field by field: names and prose typed, dates and choices picked, numbers left", () => {
    const editing = startEditing([
      { field: "venue", theirs: "Palais des Nations", yours: "CICG" },
      { field: "start_date", theirs: "2025-05-19", yours: "2025-05-20" },
      { field: "badge_cap", theirs: 8, yours: 10 },
      { field: "notes", theirs: null, yours: "Bring badges" },
    ]);
    expect(editing.map((d) => d.how)).toEqual(["typed", "pick", "fixed", "typed"]);
    // Untouched, the editor sets their texts again and leaves picks at theirs.
    expect(editedFields(editing)).toEqual({ fields: { venue: "Palais des Nations", notes: null } });

    const [venue, start, , notes] = editing;
    if (venue?.how !== "typed" || start?.how !== "pick" || notes?.how !== "typed") throw new Error("kinds");
    venue.value = "CICG, Room 2";
    start.pick = "yours";
    notes.value = "Bring badges; gate 3";
    expect(editedFields(editing)).toEqual({
      fields: { venue: "CICG, Room 2", start_date: "2025-05-20", notes: "Bring badges; gate 3" },
    });

    // A venue both versions had cannot be typed away; a note one side left empty can.
    venue.value = "  ";
    expect(editedFields(editing)).toEqual({ problem: "Type the venue, or use one of the two versions." });
    venue.value = "CICG";
    notes.value = "";
    expect(editedFields(editing)).toEqual({ fields: { venue: "CICG", start_date: "2025-05-20", notes: null } });
  });
});
