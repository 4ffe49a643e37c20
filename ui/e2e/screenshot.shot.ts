// Takes docs/screenshot.png: the example office in the real window (run by `cargo xtask
// screenshot`, which sets PLENARY_SCREENSHOT to the file and the screen to 1280x800).
import { afterAll, expect, it } from "vitest";
import { click, goTo, Plenary, withText } from "./harness";

const plenary = new Plenary();

afterAll(async () => {
  await plenary.stop();
});

it("shows the example office's WHA78 agenda", async () => {
  const out = process.env.PLENARY_SCREENSHOT;
  expect(out, "PLENARY_SCREENSHOT names the file to write").toBeTruthy();
  const browser = await plenary.start();
  await browser.setWindowSize(1280, 800).catch(() => {});
  await click(browser, "Explore with example data");
  await browser.$("h1=Dashboard").waitForDisplayed();
  await goTo(browser, "Meetings");
  const wha = withText(browser, "WHA78", "//main");
  await wha.waitForClickable();
  await wha.click();
  await click(browser, "Agenda");
  await withText(browser, "WHO Pandemic Agreement", "//main").waitForDisplayed();
  // Let the last paint settle (fonts, the list's selection).
  await browser.pause(500);
  await browser.saveScreenshot(out as string);
});
