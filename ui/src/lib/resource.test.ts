import { describe, expect, it } from "vitest";
import { CommandFailure } from "./errors";
import { loading, Resource } from "./resource.svelte";

/** A promise with its resolve and reject at hand, to answer requests out of order. */
function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (reason: unknown) => void;
  const promise = new Promise<T>((yes, no) => {
    resolve = yes;
    reject = no;
  });
  return { promise, resolve, reject };
}

describe("Resource", () => {
  it("keeps the newest answer when an older request answers last", async () => {
    const older = deferred<string>();
    const newer = deferred<string>();
    const answers = [older, newer];
    const resource = new Resource(
      () => (answers.shift() ?? older).promise,
      () => "",
    );
    const first = resource.load();
    const second = resource.load();
    newer.resolve("new");
    older.resolve("old");
    expect(await second).toBe(true);
    expect(await first).toBe(false);
    expect(resource.value).toBe("new");
    expect(resource.loaded).toBe(true);
  });

  it("keeps the error of a failed load and clears it on the next success", async () => {
    let fail = true;
    const resource = new Resource(
      async () => {
        if (fail) throw new CommandFailure({ kind: "storage", message: "Disk full.", fields: [] });
        return [1];
      },
      () => [] as number[],
    );
    expect(await resource.load()).toBe(false);
    expect(resource.error?.message).toBe("Disk full.");
    expect(resource.loaded).toBe(true);
    fail = false;
    expect(await resource.load()).toBe(true);
    expect(resource.error).toBeNull();
    expect(resource.value).toEqual([1]);
  });

  it("drops a request under way when reset", async () => {
    const answer = deferred<string>();
    const resource = new Resource(
      () => answer.promise,
      () => "initial",
    );
    const pending = resource.load();
    resource.reset();
    answer.resolve("late");
    expect(await pending).toBe(false);
    expect(resource.value).toBe("initial");
    expect(resource.loaded).toBe(false);
  });

  it("hands the fetch the value loaded so far", async () => {
    const resource = new Resource(
      async (previous: number) => previous + 1,
      () => 0,
    );
    await resource.load();
    await resource.load();
    expect(resource.value).toBe(2);
  });

  it("gives the latest value to one who needs it, or throws why it could not", async () => {
    let fail = false;
    const resource = new Resource(
      async () => {
        if (fail) throw new CommandFailure({ kind: "storage", message: "Disk full.", fields: [] });
        return "fresh";
      },
      () => "",
    );
    expect(await resource.latest()).toBe("fresh");
    fail = true;
    await expect(resource.latest()).rejects.toMatchObject({ error: { message: "Disk full." } });
  });
});

describe("loading", () => {
  it("starts loading as soon as it is made", async () => {
    const answer = deferred<number>();
    const resource = loading(
      () => answer.promise,
      () => 0,
    );
    expect(resource.loaded).toBe(false);
    answer.resolve(7);
    await answer.promise;
    await Promise.resolve();
    expect(resource.value).toBe(7);
    expect(resource.loaded).toBe(true);
  });
});
