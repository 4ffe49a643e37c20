// Takes docs/screenshot.png: the example office in the real window (run by `cargo xtask
// screenshot`, which sets PLENARY_SCREENSHOT to the file and the screen to 1280x800).
import { afterAll, expect, it } from "vitest";
import { click, goTo, Plenary, saveScreenshot, withText } from "./harness";

const plenary = new Plenary();

afterAll(async () => {
  await plenary.stop();
});

it("shows the example office's 76th WMA General Assembly week", async () => {
  const out = process.env.PLENARY_SCREENSHOT;
  expect(out, "PLENARY_SCREENSHOT names the file to write").toBeTruthy();
  const browser = await plenary.start();
  await browser.setWindowSize(1280, 800).catch(() => {});
  await click(browser, "Explore with example data");
  await browser.$("h1=Dashboard").waitForDisplayed();
  await goTo(browser, "Meetings");
  const ga = withText(browser, "76th WMA General Assembly", "//main");
  await ga.waitForClickable();
  await ga.click();
  await withText(browser, "Meetings within", "//main").waitForDisplayed();
  // Let the last paint settle (fonts, the list's selection).
  await browser.pause(800);
  await saveScreenshot(browser, out as string);
});
