// Small things a person meets every day in the window: closing Search, text that reads right,
// where a search result lands, dates typed the local way, and statuses that follow the calendar.
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { button, choose, click, dialog, field, fill, goTo, Plenary, withText } from "./harness";

type Browser = WebdriverIO.Browser;

async function closed(browser: Browser) {
  await dialog(browser).waitForDisplayed({ reverse: true });
}

async function newMeeting(browser: Browser, meeting: { title: string; city: string; start: string; end?: string; zone: string }) {
  await goTo(browser, "Meetings");
  await click(browser, "New meeting");
  await choose(browser, "Convening body", "Other meeting");
  await fill(browser, "Title", meeting.title);
  await fill(browser, "City", meeting.city);
  await fill(browser, "Start date", meeting.start);
  if (meeting.end !== undefined) await fill(browser, "End date", meeting.end);
  await fill(browser, "Time zone", meeting.zone);
  await click(browser, "Create meeting");
  await closed(browser);
}

describe("everyday use of the window", () => {
  // One window for the journeys, in order (the first meeting is added on an empty dashboard):
  // starting the driver again right after stopping it can find the previous one still on its port.
  const plenary = new Plenary();
  let browser: Browser;

  beforeAll(async () => {
    browser = await plenary.start();
  });

  afterEach(async (context) => {
    if (context.task.result?.state === "fail") await plenary.screenshot(`failed-${context.task.name}`).catch(() => {});
  });

  afterAll(async () => {
    await plenary.stop();
  });

  it("closes Search with Esc from the search field and with its Close button", async () => {
    // Esc while typing in the search field closes the dialog.
    await browser.keys(["Control", "k"]);
    await dialog(browser).waitForDisplayed();
    const input = await field(browser, "Search everything");
    await browser.waitUntil(() => input.isFocused(), {
      timeoutMsg: "the search field did not take focus",
    });
    await input.addValue("geneva");
    await browser.keys(["Escape"]);
    await dialog(browser).waitForDisplayed({ reverse: true, timeoutMsg: "Esc did not close Search" });

    // The visible Close button closes it too.
    await browser.keys(["Control", "k"]);
    await dialog(browser).waitForDisplayed();
    const close = button(browser, "Close", "//dialog[@open]");
    await close.waitForClickable();
    await close.click();
    await dialog(browser).waitForDisplayed({ reverse: true, timeoutMsg: "Close did not close Search" });
  });

  it("adds the first meeting from the first screen with dates typed the local way, and keeps the error summary in view", async () => {
    await goTo(browser, "Dashboard");
    const first = button(browser, "Create the first meeting");
    await first.waitForClickable();
    await first.click();
    await dialog(browser).waitForDisplayed();
    expect(await dialog(browser).$("h2").getText()).toBe("New meeting");

    await choose(browser, "Convening body", "Other meeting");
    await fill(browser, "Title", "Ethics workshop");
    await fill(browser, "City", "Geneva");
    // Typed day first; on leaving the field it reads as ISO, and a one-day meeting ends the same day.
    await fill(browser, "Start date", "23.04.2025");
    await browser.keys(["Tab"]);
    const start = await field(browser, "Start date");
    await browser.waitUntil(async () => (await start.getValue()) === "2025-04-23", {
      timeoutMsg: "23.04.2025 was not read as 2025-04-23",
    });
    expect(await (await field(browser, "End date")).getValue()).toBe("2025-04-23");
    await fill(browser, "Start date", "April 24, 2025");
    await browser.keys(["Tab"]);
    const end = await field(browser, "End date");
    await browser.waitUntil(async () => (await end.getValue()) === "2025-04-24", {
      timeoutMsg: "the end date did not follow the start",
    });
    await fill(browser, "Time zone", "Europe/Zurich");

    // A registration deadline after the start: focus goes to it, the summary stays in view.
    await browser.setWindowSize(1000, 560).catch(() => {});
    await fill(browser, "Registration deadline", "1 May 2025");
    await click(browser, "Create meeting");
    const summary = browser.$("//dialog[@open]//p[contains(@class, 'form-summary')]");
    await summary.waitForDisplayed();
    await browser.waitUntil(async () => (await field(browser, "Registration deadline")).isFocused(), {
      timeoutMsg: "focus did not go to the registration deadline",
    });
    const summaryInView = await browser.execute(() => {
      const box = document.querySelector("dialog[open] .form-summary")?.getBoundingClientRect();
      const frame = document.querySelector("dialog[open]")?.getBoundingClientRect();
      if (!box || !frame) return false;
      return box.top >= frame.top - 1 && box.bottom <= frame.bottom + 1 && box.height > 0;
    });
    expect(summaryInView).toBe(true);
    await browser.setWindowSize(1280, 900).catch(() => {});

    await fill(browser, "Registration deadline", "");
    await click(browser, "Create meeting");
    await closed(browser);
    await button(browser, "Ethics workshop").waitForDisplayed();
    expect(await button(browser, "Ethics workshop").getText()).toContain("24 Apr 2025");

    // Long past and still marked Planned: it reads Concluded in the list and in its detail.
    const rowText = await button(browser, "Ethics workshop").getText();
    expect(rowText).toContain("Concluded");
    expect(rowText).not.toContain("Planned");
    await button(browser, "Ethics workshop").click();
    await withText(browser, "Concluded (by its dates; marked Planned)").waitForDisplayed();
  });

  it("reads right: spaces between words, no stray separators, and notices that wrap", async () => {
    // A declaration without a code whose review is long overdue.
    await goTo(browser, "Policy");
    await click(browser, "New document…");
    await choose(browser, "Type", "WMA declaration");
    await fill(browser, "Title", "WMA Declaration of Tokyo");
    await fill(browser, "Short name", "Declaration of Tokyo");
    await click(browser, "Create document");
    await closed(browser);
    for (const [action, date] of [
      ["Adopted", "1975-10"],
      ["Amended", "2006-05"],
    ] as const) {
      await click(browser, "Add history action…");
      await choose(browser, "Action", action);
      await fill(browser, "Date", date);
      await choose(browser, "Acting body", "WMA General Assembly");
      await click(browser, "Add action");
      await closed(browser);
    }

    // Dates read in one style everywhere: "Oct 1975", as "23 Apr 2025" elsewhere.
    expect(await browser.$$("ol.timeline time").map((t) => t.getText())).toEqual(["Oct 1975", "May 2006"]);

    // The word diff keeps a removed and an added word apart.
    for (const [stage, text] of [
      ["Adopted", "Physicians shall defer it."],
      ["Amended", "Physicians shall add it."],
    ] as const) {
      await click(browser, "Add text version…");
      await choose(browser, "Stage", stage);
      await fill(browser, "Text", text);
      await click(browser, "Keep this version");
      await closed(browser);
    }
    await click(browser, "Compare");
    await browser.$("p.diff ins").waitForDisplayed();
    expect(await browser.$("p.diff").getText()).toContain("shall defer add it.");

    await button(browser, "Due for review").click();
    const row = browser.$(`//ul[@aria-label="Due for review, overdue first"]//button[contains(., "Declaration of Tokyo")]`);
    await row.waitForDisplayed();
    const rowText = await row.getText();
    expect(rowText).toContain("Overdue Declaration of Tokyo");
    expect(rowText).not.toMatch(/^\s*·|\n\s*·/);

    // A long unbroken title wraps inside its notice; Dismiss stays inside it.
    await button(browser, "Documents").click();
    await click(browser, "New document…");
    await choose(browser, "Type", "WMA statement");
    await fill(browser, "Title", "Statement".repeat(30));
    await click(browser, "Create document");
    await closed(browser);
    const dismiss = button(browser, "Dismiss");
    await dismiss.waitForDisplayed();
    const fits = await browser.execute(() => {
      const button = [...document.querySelectorAll(".banner button")].find((b) => b.textContent?.trim() === "Dismiss");
      const banner = button?.closest(".banner")?.getBoundingClientRect();
      if (!button || !banner) return false;
      const own = button.getBoundingClientRect();
      return own.right <= banner.right + 0.5 && banner.right <= document.documentElement.clientWidth + 0.5;
    });
    expect(fits).toBe(true);
    await dismiss.click();

    // The venue's zone and its clock read as two things.
    await newMeeting(browser, {
      title: "Nordic forum",
      city: "Helsinki",
      start: "2030-03-05",
      end: "2030-03-05",
      zone: "Europe/Helsinki",
    });
    await button(browser, "Nordic forum").click();
    await withText(browser, "Europe/Helsinki · venue time now").waitForDisplayed();

    // The dashboard counts the one overdue declaration once, and opens "Due for review".
    await goTo(browser, "Dashboard");
    await browser.$("p=1 WMA document is overdue for review.").waitForDisplayed();
    await button(browser, "Open Due for review").click();
    await browser.$("//button[@role='tab' and @aria-selected='true' and normalize-space()='Due for review']").waitForDisplayed();
    await browser
      .$(`//ul[@aria-label="Due for review, overdue first"]//button[contains(., "Declaration of Tokyo")]`)
      .waitForDisplayed();
  });

  it("opens a country note found by search on its country's page, in view", async () => {
    await goTo(browser, "Organizations");
    await button(browser, "Countries").click();
    await fill(browser, "Country of the note", "Kenya");
    await fill(browser, "Topic", "Rural care");
    await fill(browser, "Note", "Community health volunteers bridge the distance to clinics.");
    await click(browser, "Add note");
    await browser.$("p*=Note added.").waitForDisplayed();

    await goTo(browser, "Dashboard");
    await browser.keys(["Control", "k"]);
    await fill(browser, "Search everything", "volunteers");
    const hit = browser.$("//dialog[@open]//div[@role='option']");
    await hit.waitForDisplayed();
    await browser.keys(["Enter"]);
    await closed(browser);

    await browser.$("h2=Kenya").waitForDisplayed({ timeoutMsg: "the country page did not open" });
    const note = browser.$("//li[contains(@class, 'highlighted')]");
    await note.waitForDisplayed();
    expect(await note.getText()).toContain("Community health volunteers");
    expect(await note.isDisplayed({ withinViewport: true })).toBe(true);
    expect(await note.isFocused()).toBe(true);
  });
});
