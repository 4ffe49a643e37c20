import { mkdirSync, readdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { button, choose, click, dialog, field, fill, goTo, Plenary, withText } from "./harness";

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

describe("a WHA77 week in the real window", () => {
  let plenary: Plenary;

  beforeEach(() => {
    plenary = new Plenary();
  });

  afterEach(async (context) => {
    if (context.task.result?.state === "fail") await plenary.screenshot(`failed-${context.task.name}`).catch(() => {});
    await plenary.stop();
  });

  it("agenda, a session, a note finalised and revised with its diff, an action item, a PDF kept across a restart, and search", async () => {
    let browser = await plenary.start();
    // An empty office opens on the first screen, in the dashboard's place.
    await browser.$("h1=Welcome to Plenary").waitForDisplayed();

    await browser.keys(["Control", "n"]);
    await dialog(browser).waitForDisplayed();
    await choose(browser, "Convening body", "World Health Assembly");
    await fill(browser, "Ordinal", "77");
    await browser.waitUntil(async () => (await (await field(browser, "Title")).getValue()) === "WHA77");
    await fill(browser, "City", "Geneva");
    await fill(browser, "Country", "Switzerland");
    await browser.waitUntil(async () => (await (await field(browser, "Time zone")).getValue()) === "Europe/Zurich");
    await fill(browser, "Venue", "Palais des Nations");
    await fill(browser, "Start date", "2024-05-27");
    await fill(browser, "End date", "2024-06-01");
    await click(browser, "Create meeting");
    await closed(browser);
    await button(browser, "WHA77").click();

    // Agenda: 13.3 and 14.3 in Committee A; they sort numerically.
    await openTab(browser, "Agenda");
    for (const [number, title] of [
      ["14.3", "Universal health coverage"],
      ["13.3", "Antimicrobial resistance"],
    ] as const) {
      await click(browser, "New agenda item…");
      await fill(browser, "Number", number);
      await fill(browser, "Title", title);
      await choose(browser, "Taken by", "Committee A (WHA)");
      await choose(browser, "Our priority", "High");
      await click(browser, "Add item");
      await closed(browser);
    }
    const numbers = await browser.$$("ol.agenda .number").map((n) => n.getText());
    expect(numbers).toEqual(["13.3", "14.3"]);
    // A malformed number is refused at its field.
    await click(browser, "New agenda item…");
    await fill(browser, "Number", "13,4");
    await fill(browser, "Title", "Typo");
    await click(browser, "Add item");
    expect(await browser.$("#agenda-number-error").getText()).toContain("not an agenda number");
    await browser.keys(["Escape"]);
    await closed(browser);

    // A session on the first day, in venue time; one ending before it starts is refused.
    await openTab(browser, "Sessions");
    await click(browser, "New session…");
    await fill(browser, "Title", "Committee A, first meeting");
    await fill(browser, "Day", "2024-05-27");
    await fill(browser, "Start time", "14:30");
    await fill(browser, "End time", "12:00");
    await fill(browser, "Room", "Salle XVIII");
    await browser.$("label=13.3 Antimicrobial resistance").click();
    await click(browser, "Create session");
    expect(await browser.$("#session-end_time-error").getText()).toContain("ends before it starts");
    await fill(browser, "End time", "17:30");
    await click(browser, "Create session");
    await closed(browser);
    await withText(browser, "14:30–17:30").waitForDisplayed();
    await withText(browser, "Items 13.3").waitForDisplayed();

    // A note on 13.3, finalised, then revised: the versions show the word that changed.
    await openTab(browser, "Records");
    await click(browser, "New record…");
    await choose(browser, "Agenda item", "13.3 Antimicrobial resistance");
    await choose(browser, "Kind", "Notes");
    await fill(browser, "Title", "Notes on 13.3");
    await fill(browser, "Text", "Member states backed **stewardship** of antibiotics.");
    await click(browser, "Create record");
    await closed(browser);
    await button(browser, "Notes on 13.3").click();
    await click(browser, "Finalise");
    await click(browser, "Revise…");
    await fill(browser, "Text", "Member states strongly backed **stewardship** of antibiotics.");
    await click(browser, "Save record");
    await closed(browser);
    await browser.$("strong=stewardship").waitForDisplayed();
    await plenary.screenshot("records");
    await click(browser, "Versions…");
    // The word added in version 2 is marked as added; the rest is unchanged text.
    const added = dialog(browser).$("ins*=strongly");
    await added.waitForDisplayed();
    expect(await dialog(browser).$$("del").length).toBeLessThanOrEqual(1);
    await click(browser, "Close");
    await closed(browser);

    // A follow-up, overdue by now.
    await openTab(browser, "Action items");
    await click(browser, "New action item…");
    await fill(browser, "Title", "Circulate the Committee A outcome");
    await fill(browser, "Owner", "Dr Ngũgĩ");
    await fill(browser, "Due date", "2024-06-10");
    await choose(browser, "Agenda item", "13.3 Antimicrobial resistance");
    await click(browser, "Create action item");
    await closed(browser);
    await withText(
      browser,
      "Overdue",
      "//li[contains(normalize-space(.), 'Circulate the Committee A outcome')]",
    ).waitForDisplayed();

    // A PDF, kept in the data folder.
    const inbox = path.join(plenary.dataDir, "..", `plenary-inbox-${process.pid}`);
    mkdirSync(inbox, { recursive: true });
    const pdf = path.join(inbox, "A77_9-en.pdf");
    writeFileSync(pdf, "%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n");
    await openTab(browser, "Documents");
    await click(browser, "Attach a document…");
    await browser.$("#document-file").addValue(pdf);
    await fill(browser, "Symbol", "A77/9");
    await fill(browser, "Title", "Antimicrobial resistance: report by the Director-General");
    await choose(browser, "Agenda item", "13.3 Antimicrobial resistance");
    await click(browser, "Attach document");
    await closed(browser);
    await withText(browser, "A77_9-en.pdf").waitForDisplayed();
    await plenary.screenshot("wha77-documents");

    // After a restart the document and its file are still there.
    browser = await plenary.restart();
    await goTo(browser, "Meetings");
    await button(browser, "WHA77").click();
    await openTab(browser, "Documents");
    await withText(browser, "A77_9-en.pdf").waitForDisplayed();
    const stored = readdirSync(path.join(plenary.dataDir, "documents"), { recursive: true }).map(String);
    expect(stored.filter((name) => /[0-9a-f]{64}$/.test(name))).toHaveLength(1);

    // The search box finds the note by a word from its body and opens it.
    await browser.keys(["Control", "k"]);
    await fill(browser, "Search everything", "stewardsh");
    const hit = browser.$("//dialog[@open]//div[@role='option']");
    await hit.waitForDisplayed();
    expect(await hit.getText()).toContain("Notes on 13.3");
    expect((await browser.$("#search-results h3").getText()).toLowerCase()).toBe("records");
    await browser.keys(["Enter"]);
    await closed(browser);
    await browser.$("//button[@role='tab' and @aria-selected='true' and normalize-space()='Records']").waitForExist();
    await browser.$("strong=stewardship").waitForDisplayed();
  });
});
