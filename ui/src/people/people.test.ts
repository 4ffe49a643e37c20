import { describe, expect, it } from "vitest";
import type { AssignmentStatus, BoardRow, Person, Role } from "../lib/bindings";
import { firstInvalid } from "../lib/editForm.svelte";
import {
  assignmentDraftFrom,
  attendanceRows,
  commonNext,
  emptyPersonDraft,
  exportRequest,
  filterPeople,
  groupByRole,
  labeller,
  newAssignmentDraft,
  statusCounts,
  travelDraftFrom,
} from "./people";

function row(name: string, role: Role, status: AssignmentStatus, next: AssignmentStatus[]): BoardRow {
  return {
    person_name: name,
    organization: "",
    next,
    may_record_attendance: false,
    assignment: { id: name, role, status, status_date: "2023-09-01", version: 1 } as BoardRow["assignment"],
  };
}

const person = (full_name: string, expertise: string[] = [], languages: string[] = []) =>
  ({ id: full_name, full_name, title: "", expertise, languages }) as unknown as Person;

describe("the delegation board", () => {
  const rows = [
    row("Amina", "head_of_delegation", "proposed", ["invited", "confirmed", "declined", "cancelled"]),
    row("Kim", "voting_delegate", "proposed", ["invited", "confirmed", "declined", "cancelled"]),
    row("Søren", "voting_delegate", "invited", ["confirmed", "declined", "cancelled"]),
  ];

  it("groups the roster by role in board order", () => {
    expect(groupByRole(rows).map((g) => [g.role, g.rows.length])).toEqual([
      ["head_of_delegation", 1],
      ["voting_delegate", 2],
    ]);
  });

  it("offers in bulk only the moves every selected assignment allows", () => {
    expect(commonNext(rows)).toEqual(["confirmed", "declined", "cancelled"]);
    expect(commonNext([])).toEqual([]);
  });

  it("counts statuses in workflow order", () => {
    expect(statusCounts(rows, ["proposed", "invited", "confirmed"])).toEqual([
      { status: "proposed", count: 2 },
      { status: "invited", count: 1 },
    ]);
  });
});

describe("people", () => {
  it("filters by name, expertise and language ignoring accents", () => {
    const rows = [
      { person: person("Amina Ngũgĩ", ["Medical ethics"], ["English"]), organization: "KMA" },
      { person: person("Kim Min-jun", ["Financing"], ["Korean"]), organization: "" },
    ];
    expect(filterPeople(rows, "ngugi").map((r) => r.person.full_name)).toEqual(["Amina Ngũgĩ"]);
    expect(filterPeople(rows, "ETHICS english").length).toBe(1);
    expect(filterPeople(rows, "korean kma").length).toBe(0);
    expect(filterPeople(rows, "  ").length).toBe(2);
  });

  it("starts an empty travel form when nothing is recorded", () => {
    expect(travelDraftFrom(null).passport_number).toBe("");
  });

  it("labels values from their choices", () => {
    const label = labeller([{ value: "head_of_delegation", label: "Head of delegation" }]);
    expect(label("head_of_delegation")).toBe("Head of delegation");
  });
});

describe("the export", () => {
  it("keeps sensitive columns only when ticked, in the list's order", () => {
    const all = ["full_name", "email", "passport_number", "role"] as const;
    const chosen = new Set(["role", "passport_number", "full_name"] as const);
    expect(exportRequest(all, chosen, false, ["passport_number"])).toEqual({
      fields: ["full_name", "role"],
      include_sensitive: false,
    });
    expect(exportRequest(all, chosen, true, ["passport_number"]).fields).toEqual(["full_name", "passport_number", "role"]);
  });
});

describe("recording attendance after the meeting", () => {
  it("offers it on the rows that allow it, for the person a warning names", () => {
    const ended = (name: string, may: boolean) => ({
      ...row(name, "delegate", "confirmed", []),
      may_record_attendance: may,
      assignment: { ...row(name, "delegate", "confirmed", []).assignment, person_id: name },
    });
    const rows = [ended("Amina", true), ended("Kim", true), ended("Lee", false)];
    expect(attendanceRows(rows, "Kim").map((r) => r.person_name)).toEqual(["Kim"]);
    expect(attendanceRows(rows, "Lee")).toEqual([]);
    expect(attendanceRows(rows, null).map((r) => r.person_name)).toEqual(["Amina", "Kim"]);
  });
});

describe("the person and assignment forms' field order", () => {
  it("is their drafts' own, as the forms show them", () => {
    expect(firstInvalid(Object.keys(emptyPersonDraft()), { notes: "x", honorifics: "y" })).toBe("honorifics");
    const assignment = { ...newAssignmentDraft("m", "p", null), id: "a", version: 1 };
    const fields = Object.keys(assignmentDraftFrom(assignment as never));
    expect(fields.slice(0, 4)).toEqual(["role", "badge", "registration_submitted", "registration_submitted_on"]);
    expect(firstInvalid(fields, { hotel: "x", arrival: "y" })).toBe("arrival");
  });
});
