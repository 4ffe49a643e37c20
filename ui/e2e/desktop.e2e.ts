import { existsSync, readdirSync } from "node:fs";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { click, field, goToSettings, Plenary, withText } from "./harness";

type Browser = WebdriverIO.Browser;

const theme = (browser: Browser) =>
  browser.execute(() => [document.documentElement.dataset.theme, document.documentElement.dataset.themeChoice]);

/** Waits until a part of Settings has finished laying out (a click then lands where aimed). */
async function settled(browser: Browser) {
  let last = -1;
  await browser.waitUntil(
    async () => {
      const height = await browser.execute(() => document.body.scrollHeight);
      const same = height === last;
      last = height;
      return same && (await browser.$$("[aria-busy='true']").length) === 0;
    },
    { interval: 300, timeout: 15_000 },
  );
}

describe("at home on the desktop", () => {
  let plenary: Plenary;

  beforeEach(() => {
    plenary = new Plenary();
  });

  afterEach(async (context) => {
    if (context.task.result?.state === "fail") await plenary.screenshot(`failed-${context.task.name}`).catch(() => {});
    await plenary.stop();
  });

  it("a chosen theme applies at once and from the start; reminders, diagnostics and licences in Settings", async () => {
    let browser = await plenary.start();
    // A fresh folder follows the system (light under Xvfb).
    expect(await theme(browser)).toEqual(["light", "system"]);
    await goToSettings(browser, "General");
    await settled(browser);
    await (await field(browser, "Dark")).click();
    expect(await theme(browser)).toEqual(["dark", "dark"]);
    const background = await browser.execute(() => getComputedStyle(document.documentElement).backgroundColor);
    expect(background).toBe("rgb(21, 25, 30)");

    // The next start paints dark from the start script, before the UI has asked for anything.
    browser = await plenary.restart();
    expect(await theme(browser)).toEqual(["dark", "dark"]);
    await goToSettings(browser, "General");
    await settled(browser);
    expect(await (await field(browser, "Dark")).isSelected()).toBe(true);
    await (await field(browser, "System")).click();
    expect(await theme(browser)).toEqual(["light", "system"]);

    // Reminders: off until turned on.
    const reminders = await field(browser, "Show reminders as system notifications");
    expect(await reminders.isSelected()).toBe(false);
    await reminders.click();
    await withText(browser, "Reminders are on.").waitForDisplayed();

    // Diagnostics for a support request, under About: on the clipboard, and shown.
    await goToSettings(browser, "About");
    await settled(browser);
    await click(browser, "Copy diagnostics");
    const shown = await field(browser, "Diagnostics");
    const text = await shown.getValue();
    expect(text).toContain("Plenary 0.1.0");
    expect(text).toContain(`Data folder: ${plenary.dataDir}`);
    expect(text).toMatch(/Database: schema version \d+/);
    // Without a graphics device (as under Xvfb here), WebKit paints on the processor, without
    // compositing.
    const graphicsDevice = existsSync("/dev/dri") && readdirSync("/dev/dri").some((n) => /^(card|renderD)/.test(n));
    expect(text).toContain(
      `Web view painting: ${graphicsDevice ? "with OpenGL" : "on the processor, without compositing (no graphics device, or chosen)"}`,
    );
    await withText(browser, "Diagnostics copied to the clipboard.").waitForDisplayed();

    // About: the licence, and the third-party licences when opened.
    expect(await browser.$("//dt[normalize-space()='Licence']/following-sibling::dd[1]").getText()).toBe("MIT");
    const summary = browser.$("//summary[normalize-space()='Third-party licences']");
    await summary.scrollIntoView({ block: "center" });
    await summary.click();
    const rust = browser.$("//table[caption[normalize-space()='Rust crates']]");
    await rust.waitForDisplayed();
    expect(await rust.getText()).toContain("rusqlite");
    expect(await browser.$("//table[caption[normalize-space()='npm packages']]").getText()).toContain("svelte");

    // The parts of Settings are a tab list: the keyboard moves between them and shows each.
    await browser.$("#settings-tab-about").click();
    await browser.keys("ArrowDown");
    expect(await browser.$("#settings-tab-general").getAttribute("aria-selected")).toBe("true");
    expect(await browser.execute(() => document.activeElement?.id)).toBe("settings-tab-general");
    await browser.keys("End");
    await browser.keys("ArrowUp");
    expect(await browser.$("#settings-tab-data").getAttribute("aria-selected")).toBe("true");
    await browser.$("h2=Backups and export").waitForDisplayed();
  });
});
