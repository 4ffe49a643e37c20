import { beforeEach, describe, expect, it, vi } from "vitest";

// The Rust side, as far as these calls go: a revision and a list of people.
const backend = vi.hoisted(() => ({
  revision: "1.0",
  people: [{ person: { id: "p1", full_name: "Otmar Kloiber" }, organization: "WMA" }],
  calls: [] as string[],
}));
vi.mock("@tauri-apps/api/core", () => ({
  invoke: async (command: string) => {
    backend.calls.push(command);
    if (command === "data_revision") return backend.revision;
    if (command === "list_people") return structuredClone(backend.people);
    if (command === "list_organizations") return [];
    throw { kind: "internal", message: `no ${command} here` };
  },
}));

const { api } = await import("./api");

describe("the long lists a window reads again and again", () => {
  beforeEach(() => {
    backend.calls = [];
  });

  it("are read once while nothing has been written, and again after any write", async () => {
    backend.revision = "5.0";
    expect(await api.listPeople()).toEqual(backend.people);
    expect(await api.listPeople()).toEqual(backend.people);
    expect(backend.calls.filter((c) => c === "list_people")).toHaveLength(1);

    backend.revision = "6.0";
    backend.people = [...backend.people, { person: { id: "p2", full_name: "Lujain Alqodmani" }, organization: "" }];
    expect(await api.listPeople()).toHaveLength(2);
    expect(backend.calls.filter((c) => c === "list_people")).toHaveLength(2);
  });

  it("give each view its own copy to change", async () => {
    backend.revision = "7.0";
    const first = await api.listPeople();
    const [someone] = first;
    if (someone) someone.person.full_name = "Changed by a view";
    first.pop();
    const second = await api.listPeople();
    expect(second).toEqual(backend.people);
    expect(backend.calls.filter((c) => c === "list_people")).toHaveLength(1);
  });

  it("asked for together, share one revision; asked for later, read it again", async () => {
    backend.revision = "8.0";
    await Promise.all([api.listPeople(), api.listOrganizations()]);
    expect(backend.calls.filter((c) => c === "data_revision")).toHaveLength(1);
    // A write in between would change the revision: a later request must not reuse the first.
    backend.revision = "9.0";
    backend.people = [...backend.people, { person: { id: "p3", full_name: "Ramin Parsa-Parsi" }, organization: "" }];
    expect(await api.listPeople()).toEqual(backend.people);
    expect(backend.calls.filter((c) => c === "data_revision")).toHaveLength(2);
  });
});
