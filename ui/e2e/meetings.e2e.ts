import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { button, choose, click, dialog, field, fieldError, fill, goTo, goToSettings, Plenary } from "./harness";

describe("meetings in the real window", () => {
  let plenary: Plenary;

  beforeEach(() => {
    plenary = new Plenary();
  });

  afterEach(async (context) => {
    if (context.task.result?.state === "fail") await plenary.screenshot(`failed-${context.task.name}`).catch(() => {});
    await plenary.stop();
  });

  it("creates the 74th WMA General Assembly, finds, edits it, keeps it across a restart, refuses a bad end date, and deletes it", async () => {
    let browser = await plenary.start();
    await goTo(browser, "Meetings");
    expect(await browser.$("h1").getText()).toBe("Meetings");
    await browser.$("p=No meetings yet. Create the first with New meeting (Ctrl+N).").waitForDisplayed();

    // Ctrl+N opens the form.
    await browser.keys(["Control", "n"]);
    await expect(dialog(browser).waitForDisplayed()).resolves.toBe(true);
    expect(await dialog(browser).$("h2").getText()).toBe("New meeting");

    await choose(browser, "Convening body", "WMA General Assembly");
    await fill(browser, "Ordinal", "74");
    // The title follows the body and ordinal until the person types their own.
    await browser.waitUntil(async () => (await (await field(browser, "Title")).getValue()) === "74th WMA General Assembly", {
      timeoutMsg: "the title was not suggested from the body and ordinal",
    });
    await fill(browser, "City", "Kigali");
    await fill(browser, "Country", "Rwanda");
    // Leaving the city suggests its time zone.
    await browser.waitUntil(async () => (await (await field(browser, "Time zone")).getValue()) === "Africa/Kigali", {
      timeoutMsg: "Kigali's time zone was not suggested",
    });
    await fill(browser, "Venue", "Kigali Convention Centre");
    await fill(browser, "Start date", "2023-10-04");
    await fill(browser, "End date", "2023-10-07");
    await fill(browser, "Time zone", "Africa/Kigali");
    await choose(browser, "Status", "Concluded");
    await click(browser, "Create meeting");
    await dialog(browser).waitForDisplayed({ reverse: true });

    // Find it in the list by typing.
    await fill(browser, "Filter", "kigali rwanda");
    const row = button(browser, "74th WMA General Assembly");
    await row.waitForDisplayed();
    expect(await row.getText()).toContain("4–7 Oct 2023 · Kigali, Rwanda");
    await fill(browser, "Filter", "helsinki");
    await row.waitForDisplayed({ reverse: true });
    await browser.$("p*=No meetings match these filters.").waitForDisplayed();
    await fill(browser, "Filter", "");
    await row.click();
    const heading = browser.$("#meeting-detail-title");
    expect(await heading.getText()).toBe("74th WMA General Assembly");
    expect(await browser.$("article").getText()).toContain("Africa/Kigali");

    // Edit the venue.
    await click(browser, "Edit");
    await fill(browser, "Venue", "Intare Conference Arena");
    await click(browser, "Save changes");
    await dialog(browser).waitForDisplayed({ reverse: true });
    await browser.$("dd=Intare Conference Arena").waitForDisplayed();
    await browser.$("span=Changed venue").waitForDisplayed();

    // Restart: the meeting and its edit are still there.
    browser = await plenary.restart();
    await goTo(browser, "Meetings");
    await button(browser, "74th WMA General Assembly").click();
    await browser.$("dd=Intare Conference Arena").waitForDisplayed();

    // An end date before the start date is refused at the field, and nothing is saved.
    await click(browser, "Edit");
    await fill(browser, "End date", "2023-10-03");
    await click(browser, "Save changes");
    expect(await fieldError(browser, "End date")).toBe(
      "The end date is before the start date (4 Oct 2023). Choose 4 Oct 2023 or a later date.",
    );
    expect(await (await field(browser, "End date")).getAttribute("aria-invalid")).toBe("true");
    expect(await dialog(browser).isDisplayed()).toBe(true);
    // Esc with unsaved changes asks first; "Discard changes" closes without saving.
    await browser.keys(["Escape"]);
    await click(browser, "Discard changes");
    await dialog(browser).waitForDisplayed({ reverse: true });
    expect(await browser.$("p.when").getText()).toContain("4–7 Oct 2023");

    browser = await plenary.restart();
    await goTo(browser, "Meetings");
    await button(browser, "74th WMA General Assembly").click();
    expect(await browser.$("p.when").getText()).toContain("4–7 Oct 2023");

    // Delete, with confirmation; Esc closes the confirmation without deleting.
    await click(browser, "Delete…");
    await dialog(browser).waitForDisplayed();
    await browser.keys(["Escape"]);
    await dialog(browser).waitForDisplayed({ reverse: true });
    expect(await browser.$("#meeting-detail-title").isDisplayed()).toBe(true);
    await click(browser, "Delete…");
    await click(browser, "Delete meeting");
    await browser.$("p=No meetings yet. Create the first with New meeting (Ctrl+N).").waitForDisplayed();

    browser = await plenary.restart();
    await goTo(browser, "Meetings");
    await browser.$("p=No meetings yet. Create the first with New meeting (Ctrl+N).").waitForDisplayed();
  });

  it("shows every problem of an empty form beside its field and saves nothing", async () => {
    const browser = await plenary.start();
    await goTo(browser, "Meetings");
    await click(browser, "New meeting");
    await click(browser, "Create meeting");
    expect(await fieldError(browser, "Convening body")).toBe("Choose the body that convenes the meeting.");
    expect(await fieldError(browser, "Start date")).toBe("Enter the start date.");
    expect(await fieldError(browser, "Time zone")).toBe("Choose the venue's time zone, such as Europe/Zurich.");
    // The first field in error takes the focus.
    expect(await (await field(browser, "Convening body")).isFocused()).toBe(true);

    // Markup in text fields stays text.
    await choose(browser, "Convening body", "Other meeting");
    await fill(browser, "Title", "<img src=x onerror=alert(1)> Réunion 세계의사회");
    await fill(browser, "Start date", "2024-05-27");
    await fill(browser, "End date", "2024-06-01");
    await fill(browser, "Time zone", "Europe/Zurich");
    await click(browser, "Create meeting");
    await dialog(browser).waitForDisplayed({ reverse: true });
    expect(await browser.$("#meeting-detail-title").getText()).toBe("<img src=x onerror=alert(1)> Réunion 세계의사회");
    expect(await browser.$$("article img").length).toBe(0);

    // Settings shows the data folder this window was started on.
    await goToSettings(browser, "Data and backups");
    await browser.$(`code=${plenary.dataDir}`).waitForDisplayed();
    // The home time zone is checked, saved, and kept.
    await goToSettings(browser, "General");
    // A city typed where a zone belongs suggests the zone.
    await fill(browser, "Home time zone", "Chicago");
    await click(browser, "Save time zone");
    expect(await fieldError(browser, "Home time zone")).toBe('"Chicago" is not a time zone name. Did you mean America/Chicago?');
    await fill(browser, "Home time zone", "America/Chicago");
    await click(browser, "Save time zone");
    await browser.$("p=Home time zone set to America/Chicago.").waitForDisplayed();
    await plenary.screenshot("settings");
  });
});
