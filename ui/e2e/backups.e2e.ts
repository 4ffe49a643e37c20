import { readFileSync, writeFileSync } from "node:fs";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { button, click, goTo, goToSettings, Plenary, withText } from "./harness";
import { createMeeting } from "./journeys";

describe("backups and calendars in the real window", () => {
  let plenary: Plenary;

  beforeEach(() => {
    plenary = new Plenary();
  });

  afterEach(async (context) => {
    if (context.task.result?.state === "fail") await plenary.screenshot(`failed-${context.task.name}`).catch(() => {});
    await plenary.stop();
  });

  it("saves a meeting's calendar, backs up, refuses a damaged backup with nothing changed, and restores the good one", async () => {
    const browser = await plenary.start();
    await createMeeting(browser, {
      body: "World Health Assembly",
      ordinal: "79",
      city: "Geneva",
      start: "2026-05-18",
      end: "2026-05-26",
      zone: "Europe/Zurich",
    });

    // The meeting's calendar goes where the Save dialog says, named after the meeting.
    await button(browser, "WHA79").click();
    const calendar = `${plenary.dataDir}-wha79.ics`;
    plenary.answerDialogsWith(calendar);
    await click(browser, "Add to calendar…");
    await withText(browser, `Saved 1 event to ${calendar}.`).waitForDisplayed();
    const asked = JSON.parse(readFileSync(`${plenary.dialogAnswerFile}.asked`, "utf8"));
    expect(asked).toMatchObject({ kind: "save" });
    expect(asked.file_name).toMatch(/WHA79.*\.ics$/);
    const ics = readFileSync(calendar, "utf8");
    expect(ics).toContain("BEGIN:VCALENDAR");
    expect(ics).toContain("SUMMARY:WHA79");
    expect(ics).toContain("DTSTART;VALUE=DATE:20260518");
    expect(ics).toContain("DTEND;VALUE=DATE:20260527");

    // A backup, then a second meeting made after it.
    await goToSettings(browser, "Data and backups");
    const backup = `${plenary.dataDir}-monday.plenary-backup`;
    plenary.answerDialogsWith(backup);
    await click(browser, "Back up now…");
    await withText(browser, `Backed up to ${backup}`).waitForDisplayed();
    await createMeeting(browser, {
      body: "Other meeting",
      title: "Regional health forum",
      start: "2026-06-02",
      end: "2026-06-02",
      zone: "Europe/Zurich",
    });
    await browser.$("h2=Regional health forum").waitForDisplayed();

    // Half a backup is refused before anything is touched.
    const bytes = readFileSync(backup);
    const damaged = `${plenary.dataDir}-damaged.plenary-backup`;
    writeFileSync(damaged, bytes.subarray(0, Math.floor(bytes.length / 2)));
    await goToSettings(browser, "Data and backups");
    await click(browser, "Restore a backup…");
    plenary.answerDialogsWith(damaged);
    await click(browser, "Choose the backup…");
    const refusal = browser.$("[role='alert']");
    await refusal.waitForDisplayed();
    expect(await refusal.getText()).toMatch(/damaged|incomplete|truncated|cannot be read/i);
    await goTo(browser, "Meetings");
    await button(browser, "Regional health forum").waitForDisplayed();

    // The good backup brings the data back as it was: the later meeting is gone.
    await goToSettings(browser, "Data and backups");
    await click(browser, "Restore a backup…");
    plenary.answerDialogsWith(backup);
    await click(browser, "Choose the backup…");
    await withText(browser, "Restored the backup made").waitForDisplayed();
    await goTo(browser, "Meetings");
    await button(browser, "WHA79").waitForDisplayed();
    await button(browser, "Regional health forum").waitForDisplayed({ reverse: true });
  });
});
