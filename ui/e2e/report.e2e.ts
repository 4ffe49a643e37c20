import { existsSync, readFileSync, rmSync } from "node:fs";
import { inflateRawSync } from "node:zlib";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { button, choose, click, dialog, field, fill, Plenary, withText } from "./harness";

type Browser = WebdriverIO.Browser;

async function openTab(browser: Browser, name: string) {
  const tab = browser.$(`//button[@role="tab" and starts-with(normalize-space(), "${name}")]`);
  await tab.waitForClickable();
  await tab.click();
  await browser.$(`//button[@role="tab" and @aria-selected="true" and starts-with(normalize-space(), "${name}")]`).waitForExist();
}

async function closed(browser: Browser) {
  await dialog(browser).waitForDisplayed({ reverse: true });
}

async function newMeeting(browser: Browser, ordinal: string, start: string, end: string) {
  await browser.keys(["Control", "n"]);
  await dialog(browser).waitForDisplayed();
  await choose(browser, "Convening body", "World Health Assembly");
  await fill(browser, "Ordinal", ordinal);
  await browser.waitUntil(async () => (await (await field(browser, "Title")).getValue()) === `WHA${ordinal}`);
  await fill(browser, "City", "Geneva");
  await fill(browser, "Country", "Switzerland");
  await fill(browser, "Start date", start);
  await fill(browser, "End date", end);
  await click(browser, "Create meeting");
  await closed(browser);
}

/** One member of a zip archive (a .docx), found through the archive's central directory. */
function member(archive: Buffer, name: string): string {
  const end = archive.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  const count = archive.readUInt16LE(end + 10);
  let at = archive.readUInt32LE(end + 16);
  for (let i = 0; i < count; i++) {
    const method = archive.readUInt16LE(at + 10);
    const size = archive.readUInt32LE(at + 20);
    const nameLength = archive.readUInt16LE(at + 28);
    const skip = nameLength + archive.readUInt16LE(at + 30) + archive.readUInt16LE(at + 32);
    const local = archive.readUInt32LE(at + 42);
    if (archive.toString("utf8", at + 46, at + 46 + nameLength) === name) {
      const start = local + 30 + archive.readUInt16LE(local + 26) + archive.readUInt16LE(local + 28);
      const data = archive.subarray(start, start + size);
      return (method === 8 ? inflateRawSync(data) : data).toString("utf8");
    }
    at += 46 + skip;
  }
  throw new Error(`${name} is not in the archive`);
}

describe("the delegate's report in the real window", () => {
  let plenary: Plenary;

  beforeEach(() => {
    plenary = new Plenary();
  });

  afterEach(async (context) => {
    if (context.task.result?.state === "fail") await plenary.screenshot(`failed-${context.task.name}`).catch(() => {});
    await plenary.stop();
  });

  it("marks notes for the report and drafts it as a Word file through the Save dialog; a meeting not yet begun is refused", async () => {
    const browser = await plenary.start();
    await newMeeting(browser, "77", "2024-05-27", "2024-06-01");
    await button(browser, "WHA77").click();
    await openTab(browser, "Agenda");
    await click(browser, "New agenda item…");
    await fill(browser, "Number", "13.3");
    await fill(browser, "Title", "Antimicrobial resistance");
    await click(browser, "Add item");
    await closed(browser);

    // An outcome with its vote, a note marked in its form, a note marked by its button.
    await openTab(browser, "Records");
    for (const [kind, title, text, marked] of [
      ["Outcome", "Committee A adopts the plan", "Adopted as amended.", false],
      ["Notes", "Corridor talks with the Nordic group", "They will table the amendment.", true],
      ["Notes", "Briefing for Dr Ngũgĩ", "Our line on stewardship.", false],
    ] as const) {
      await click(browser, "New record…");
      await choose(browser, "Agenda item", "13.3 Antimicrobial resistance");
      await choose(browser, "Kind", kind);
      await fill(browser, "Title", title);
      await fill(browser, "Text", text);
      if (kind === "Outcome") {
        await fill(browser, "In favour", "124");
        await choose(browser, "Result", "Adopted");
      }
      if (marked) await (await field(browser, "For the report")).click();
      await click(browser, "Create record");
      await closed(browser);
    }
    await withText(browser, "For the report", "//ul[@aria-label='Records of this meeting']").waitForDisplayed();
    await button(browser, "Briefing for Dr Ngũgĩ").click();
    await click(browser, "Finalise");
    const toggle = browser.$("//article//button[normalize-space()='For the report']");
    await toggle.waitForClickable();
    expect(await toggle.getAttribute("aria-pressed")).toBe("false");
    await toggle.click();
    await browser.$("p=“Briefing for Dr Ngũgĩ” is marked for the report.").waitForDisplayed();
    expect(await toggle.getAttribute("aria-pressed")).toBe("true");
    // Still final, still version 1: marking is not a change of text.
    await withText(browser, "version 1", "//article").waitForDisplayed();
    expect(await browser.$("//article//span[contains(@class,'record-status-final')]").isExisting()).toBe(true);
    await toggle.click();
    await browser.$("p=“Briefing for Dr Ngũgĩ” is no longer marked for the report.").waitForDisplayed();

    // Draft report…: the Save dialog (answered by the test build) suggests the meeting's name.
    const chosen = `${plenary.dataDir}-report.docx`;
    plenary.answerDialogsWith(chosen);
    await click(browser, "Draft report…");
    const saved = withText(browser, "Saved the delegate's report of WHA77 to");
    await saved.waitForDisplayed();
    expect(await saved.getText()).toContain(chosen);
    expect(JSON.parse(readFileSync(`${plenary.dialogAnswerFile}.asked`, "utf8"))).toMatchObject({
      kind: "save",
      file_name: "WHA77 delegate report.docx",
      filters: [["Word document", ["docx"]]],
    });
    const xml = member(readFileSync(chosen), "word/document.xml");
    for (const text of [
      "Delegate&apos;s report: WHA77",
      "13.3 Antimicrobial resistance",
      "Committee A adopts the plan",
      "Vote: ",
      "124 in favour — Adopted",
      "Corridor talks with the Nordic group",
      "[To complete: summary of the debate",
    ]) {
      expect(xml).toContain(text);
    }
    expect(xml).not.toContain("Briefing for Dr Ngũgĩ");
    expect(xml).toContain('<w:pStyle w:val="Heading2" />');

    // A meeting that has not begun has nothing to report: said at once, no dialog opened.
    rmSync(`${plenary.dialogAnswerFile}.asked`);
    await newMeeting(browser, "99", "2046-05-21", "2046-05-29");
    await button(browser, "WHA99").click();
    await click(browser, "Draft report…");
    const refusal = browser.$("div.banner.error");
    await refusal.waitForDisplayed();
    expect(await refusal.getText()).toContain("WHA99 begins on 21 May 2046; its report can be drafted once it has begun.");
    expect(existsSync(`${plenary.dialogAnswerFile}.asked`)).toBe(false);
    await plenary.screenshot("report-refused");
  });
});
