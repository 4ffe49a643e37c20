import { beforeEach, describe, expect, it, vi } from "vitest";

// The Rust side, as far as these calls go: a revision and a list of people.
const backend = vi.hoisted(() => ({
  revision: "1.0",
  people: [{ person: { id: "p1", full_name: "Otmar Kloiber" }, organization: "WMA" }],
  calls: [] as string[],
  // The window's channel for changes, once it watches.
  told: null as ((revision: string) => void) | null,
  // Holds the next revision answer back until released.
  holdRevision: null as Promise<void> | null,
}));
vi.mock("@tauri-apps/api/core", () => ({
  Channel: class {
    onmessage: (revision: string) => void = () => {};
  },
  invoke: async (command: string, args?: { onChange?: { onmessage: (revision: string) => void } }) => {
    backend.calls.push(command);
    if (command === "data_revision") {
      const revision = backend.revision;
      if (backend.holdRevision) await backend.holdRevision;
      return revision;
    }
    if (command === "watch_revisions") {
      const channel = args?.onChange;
      backend.told = (revision) => channel?.onmessage(revision);
      return null;
    }
    if (command === "set_theme") return "dark";
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

describe("the data revision, once the backend tells of every change", () => {
  const asked = () => backend.calls.filter((c) => c === "data_revision").length;

  beforeEach(async () => {
    backend.calls = [];
    await api.watchRevisions();
  });

  it("is asked for once, then known until a change is told", async () => {
    backend.revision = "20.0";
    await api.listPeople();
    await api.listPeople();
    await api.listOrganizations();
    expect(asked()).toBe(1);
    expect(backend.calls.filter((c) => c === "list_people")).toHaveLength(1);

    // The team exchange wrote: the backend tells, and the next list is read afresh.
    backend.revision = "21.0";
    backend.people = [...backend.people, { person: { id: "p4", full_name: "Told of" }, organization: "" }];
    backend.told?.("21.0");
    expect(await api.listPeople()).toEqual(backend.people);
    expect(asked()).toBe(2);
  });

  it("is asked for again after any request that may write", async () => {
    backend.revision = "30.0";
    await api.listPeople();
    await api.setTheme("dark");
    await api.listPeople();
    expect(asked()).toBe(2);
  });

  it("is not trusted when a change came while it was being asked for", async () => {
    backend.revision = "40.0";
    let release = () => {};
    backend.holdRevision = new Promise((resolve) => {
      release = resolve;
    });
    const people = api.listPeople();
    backend.told?.("41.0");
    release();
    backend.holdRevision = null;
    await people;
    backend.revision = "41.0";
    await api.listPeople();
    expect(asked()).toBe(2);
  });
});
