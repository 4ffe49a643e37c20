import { afterEach, describe, expect, it } from "vitest";
import { button, choose, click, dialog, fill, goTo, Plenary, withText } from "./harness";

type Browser = WebdriverIO.Browser;

const firstScreen = "h1=Welcome to Plenary";

/** The dashboard is back with its own heading (the first screen has gone). */
async function dashboardShown(browser: Browser) {
  await browser.$("h1=Dashboard").waitForDisplayed();
}

describe("a first run that teaches", () => {
  let plenary: Plenary | null = null;

  afterEach(async (context) => {
    if (context.task.result?.state === "fail") await plenary?.screenshot(`failed-${context.task.name}`).catch(() => {});
    await plenary?.stop();
  });

  it("explores the example office, sees it in the dashboard, meetings and policy, removes it in one step and is empty again", async () => {
    plenary = new Plenary();
    const browser = await plenary.start();
    await browser.$(firstScreen).waitForDisplayed();
    const body = await browser.$("main").getText();
    expect(body).toContain("World Medical Association");
    expect(body).toContain("World Health Assembly");
    // The office's lists can come in from spreadsheets (the sheets journey imports them).
    expect(await button(browser, "Import from a spreadsheet…").isExisting()).toBe(true);
    expect(await button(browser, "Join your office's hub").isExisting()).toBe(true);

    // Keyboard only: Tab to "Explore with example data" and press Enter.
    const explore = button(browser, "Explore with example data");
    await explore.waitForClickable();
    for (let i = 0; i < 40 && !(await explore.isFocused()); i++) await browser.keys(["Tab"]);
    expect(await explore.isFocused()).toBe(true);
    await browser.keys(["Enter"]);

    await dashboardShown(browser);
    await withText(browser, "You are exploring").waitForDisplayed();
    // Something coming up (the one invented meeting) and something due.
    await withText(browser, "Next WMA Council Session (example dates)").waitForDisplayed();
    expect(await browser.$("main").getText()).toContain("overdue");

    await goTo(browser, "Meetings");
    await withText(browser, "76th WMA General Assembly").waitForDisplayed();
    expect(await browser.$("main").getText()).toContain("WHA78");
    // The banner stays in every view.
    expect(await button(browser, "Remove example data").isDisplayed()).toBe(true);

    await goTo(browser, "Policy");
    await withText(browser, "Declaration of Helsinki").waitForDisplayed();
    expect(await browser.$("main").getText()).toContain("WHO Pandemic Agreement");

    await goTo(browser, "People");
    await withText(browser, "Dr Example Delegate").waitForDisplayed();

    // Removal asks first; "Keep exploring" keeps it.
    await click(browser, "Remove example data");
    await dialog(browser).waitForDisplayed();
    await click(browser, "Keep exploring");
    await dialog(browser).waitForDisplayed({ reverse: true });
    await withText(browser, "Dr Example Delegate").waitForDisplayed();

    await click(browser, "Remove example data");
    await dialog(browser).waitForDisplayed();
    await click(browser, "Remove example data");
    await dialog(browser).waitForDisplayed({ reverse: true });
    await browser.$(firstScreen).waitForDisplayed();
    await withText(browser, "Example data removed").waitForDisplayed();
    expect(await button(browser, "Remove example data").isExisting()).toBe(false);

    await goTo(browser, "Meetings");
    await browser.$("p=No meetings yet. Create the first with New meeting (Ctrl+N).").waitForDisplayed();
    await goTo(browser, "Policy");
    await withText(browser, "No documents yet").waitForDisplayed();
    expect(await browser.$("main").getText()).not.toContain("Declaration of Helsinki");
    await goTo(browser, "Dashboard");
    await browser.$(firstScreen).waitForDisplayed();
  });

  it("creates the first meeting from the first screen, after which the dashboard is the office's own", async () => {
    plenary = new Plenary();
    const browser = await plenary.start();
    await browser.$(firstScreen).waitForDisplayed();
    // The first screen came with the page, not by a request.
    expect(await marks(browser, "plenary: first screen given")).toBe(1);
    expect(await marks(browser, "plenary: first screen answered")).toBe(0);
    // Read once and taken out, so the page's text is only what it shows.
    expect(await browser.execute(() => document.getElementById("plenary-first-screen") === null)).toBe(true);
    await click(browser, "Create the first meeting");
    await dialog(browser).waitForDisplayed();
    expect(await dialog(browser).$("h2").getText()).toBe("New meeting");
    await choose(browser, "Convening body", "Other meeting");
    await fill(browser, "Title", "Board retreat");
    await fill(browser, "City", "Geneva");
    await fill(browser, "Start date", "2030-01-10");
    await fill(browser, "End date", "2030-01-11");
    await fill(browser, "Time zone", "Europe/Zurich");
    await click(browser, "Create meeting");
    await dialog(browser).waitForDisplayed({ reverse: true });

    await goTo(browser, "Dashboard");
    await dashboardShown(browser);
    expect(await browser.$(firstScreen).isExisting()).toBe(false);
    // An office with records of its own is not offered example data.
    expect(await button(browser, "Explore with example data").isExisting()).toBe(false);

    // A reloaded page is given the first screen as it is now, not as it was at start (when the
    // office was empty).
    await browser.refresh();
    await dashboardShown(browser);
    expect(await browser.$(firstScreen).isExisting()).toBe(false);
    expect(await marks(browser, "plenary: first screen given")).toBe(1);
  });
});

/** How many timing marks named `name` the page has made. */
function marks(browser: Browser, name: string): Promise<number> {
  return browser.execute((mark) => performance.getEntriesByName(mark).length, name);
}
