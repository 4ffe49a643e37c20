// Small things a person meets every day in the window: closing Search, text that reads right,
// where a search result lands, dates typed the local way, and statuses that follow the calendar.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { button, dialog, field, fill, goTo, Plenary } from "./harness";

describe("everyday use of the window", () => {
  let plenary: Plenary;

  beforeEach(() => {
    plenary = new Plenary();
  });

  afterEach(async (context) => {
    if (context.task.result?.state === "fail") await plenary.screenshot(`failed-${context.task.name}`).catch(() => {});
    await plenary.stop();
  });

  it("closes Search with Esc from the search field and with its Close button", async () => {
    const browser = await plenary.start();

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
    await goTo(browser, "Meetings");
  });
});
