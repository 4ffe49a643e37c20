import { describe, expect, it } from "vitest";
import { differs, EditForm, firstInvalid } from "./editForm.svelte";
import { CommandFailure } from "./errors";

interface Draft {
  title: string;
  owner: string;
  tags: string[];
}
const FIELDS = ["title", "owner", "tags"] as const;
const draft = (over: Partial<Draft> = {}): Draft => ({ title: "", owner: "", tags: [], ...over });
const validation = (...fields: string[]) =>
  new CommandFailure({
    kind: "validation",
    message: "Check the fields.",
    fields: fields.map((field) => ({ field, message: `${field} is wrong` })),
  });

describe("form helpers", () => {
  it("finds the first field in error in form order, not message order", () => {
    expect(firstInvalid(FIELDS, { tags: "x", owner: "y" })).toBe("owner");
    expect(firstInvalid(FIELDS, {})).toBeNull();
    expect(firstInvalid(FIELDS, { unknown: "z" })).toBeNull();
  });

  it("tells a changed draft, comparing lists by their members", () => {
    expect(differs(FIELDS, draft(), draft())).toBe(false);
    expect(differs(FIELDS, draft(), draft({ title: "A" }))).toBe(true);
    expect(differs(FIELDS, draft({ tags: ["a", "b"] }), draft({ tags: ["b", "a"] }))).toBe(false);
    expect(differs(FIELDS, draft({ tags: ["a"] }), draft({ tags: ["a", "b"] }))).toBe(true);
    // A field the draft does not have (a file input) never makes it dirty.
    expect(differs(["file", ...FIELDS], draft(), draft())).toBe(false);
  });
});

describe("EditForm", () => {
  it("asks once before a changed form closes", () => {
    const form = new EditForm<Draft>({ prefix: "t", fields: FIELDS }, draft());
    expect(form.mayClose()).toBe(true);
    form.draft.title = "Changed";
    expect(form.dirty).toBe(true);
    expect(form.mayClose()).toBe(false);
    expect(form.confirmingDiscard).toBe(true);
    expect(form.mayClose()).toBe(true);
    form.start(draft({ title: "Loaded" }));
    expect(form.dirty).toBe(false);
    expect(form.confirmingDiscard).toBe(false);
  });

  it("saves a plain copy of the draft and reports success", async () => {
    const form = new EditForm<Draft>({ prefix: "t", fields: FIELDS }, draft({ tags: ["x"] }));
    let sent: Draft | null = null;
    expect(await form.submit(async (payload) => (sent = payload))).toBe(true);
    expect(sent).toEqual(draft({ tags: ["x"] }));
    expect(form.saving).toBe(false);
    expect(form.error).toBeNull();
  });

  it("keeps a failure's field messages and names them for assistive technology", async () => {
    const form = new EditForm<Draft>({ prefix: "t", fields: FIELDS }, draft());
    const saved = await form.submit(async () => {
      throw validation("owner");
    });
    expect(saved).toBe(false);
    expect(form.error?.kind).toBe("validation");
    expect(form.messages).toEqual({ owner: "owner is wrong" });
    expect(form.describedBy("owner")).toBe("t-owner-error");
    expect(form.describedBy("title", true)).toBe("t-title-hint");
    expect(form.describedBy("title")).toBeUndefined();
  });

  it("turns anything thrown into a command error", async () => {
    const form = new EditForm<Draft>({ prefix: "t", fields: FIELDS }, draft());
    await form.submit(async () => {
      throw new Error("boom");
    });
    expect(form.error?.kind).toBe("internal");
    expect(form.messages).toEqual({});
  });

  it("takes the draft's own keys as its fields when given none", () => {
    const form = new EditForm<Draft>({ prefix: "t" }, draft());
    expect(form.fields).toEqual(["title", "owner", "tags"]);
    form.draft.owner = "Ana";
    expect(form.dirty).toBe(true);
  });

  it("starts over from the latest version, or says it has gone", async () => {
    const form = new EditForm<Draft>({ prefix: "t", fields: FIELDS }, draft({ title: "Mine" }));
    const latest = await form.startFromLatest(
      async () => ({ name: "Theirs", version: 3 }),
      (row) => draft({ title: row.name }),
      "Gone.",
    );
    expect(latest?.version).toBe(3);
    expect(form.draft.title).toBe("Theirs");
    expect(form.dirty).toBe(false);
    expect(
      await form.startFromLatest(
        async () => undefined,
        () => draft(),
        "Gone.",
      ),
    ).toBeNull();
    expect(form.error).toEqual({ kind: "not_found", message: "Gone.", fields: [] });
    expect(form.draft.title).toBe("Theirs");
    await form.startFromLatest(
      async () => {
        throw new CommandFailure({ kind: "storage", message: "Disk full.", fields: [] });
      },
      () => draft(),
      "Gone.",
    );
    expect(form.error?.message).toBe("Disk full.");
  });
});
