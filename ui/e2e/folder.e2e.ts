import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { Plenary } from "./harness";

/** A valid, empty SQLite database whose schema version (`user_version`) is `version`. */
function databaseWithVersion(version: number): Buffer {
  const page = Buffer.alloc(4096);
  page.write("SQLite format 3\0", 0, "latin1");
  page.writeUInt16BE(4096, 16); // page size
  page[18] = 1; // file format write version
  page[19] = 1; // read version
  page[21] = 64; // payload fractions, fixed by the format
  page[22] = 32;
  page[23] = 32;
  page.writeUInt32BE(1, 24); // change counter
  page.writeUInt32BE(1, 28); // size in pages
  page.writeUInt32BE(4, 44); // schema format
  page.writeUInt32BE(1, 56); // UTF-8
  page.writeUInt32BE(version, 60); // user_version
  page.writeUInt32BE(1, 92); // version-valid-for = change counter
  page.writeUInt32BE(3045000, 96);
  page[100] = 0x0d; // an empty table b-tree leaf: the schema table
  page.writeUInt16BE(4096, 105); // cell content starts at the end of the page
  return page;
}

describe("a data folder Plenary cannot open", () => {
  let plenary: Plenary | null = null;

  afterEach(async (context) => {
    if (context.task.result?.state === "fail") await plenary?.screenshot(`failed-${context.task.name}`).catch(() => {});
    await plenary?.stop();
  });

  it("written by a newer Plenary: one explanation with what to do, and the folder left as it was", async () => {
    plenary = new Plenary();
    const file = path.join(plenary.dataDir, "plenary.sqlite3");
    writeFileSync(file, databaseWithVersion(999));
    const before = readFileSync(file);

    const browser = await plenary.start("#unavailable-title");
    expect(await browser.$("h1").getText()).toBe("Plenary cannot open this data folder");
    const reason = await browser.$(".reason").getText();
    expect(reason).toContain("newer version of Plenary");
    expect(reason).toContain("Nothing was changed");
    expect(await browser.$("main").getText()).toContain(plenary.dataDir);
    expect(await browser.$("main").getText()).toContain("Install the newer version of Plenary");
    // Nothing that could only fail or mislead: no views, no "Try again", no empty lists.
    expect(await browser.$("nav[aria-label='Main']").isExisting()).toBe(false);
    expect(await browser.$("//button[normalize-space()='Try again']").isExisting()).toBe(false);
    expect(await browser.$("body").getText()).not.toContain("Nobody matches");

    await plenary.browser?.deleteSession();
    plenary.browser = null;
    expect(readFileSync(file).equals(before)).toBe(true);
    expect(readdirSync(plenary.dataDir)).toEqual(["plenary.sqlite3"]);
  });
});
