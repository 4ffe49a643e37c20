import { execFileSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { APP, button, choose, click, dialog, goTo, Plenary, withText } from "./harness";

describe("spreadsheets in and out in the real window", () => {
  let plenary: Plenary;

  beforeEach(() => {
    plenary = new Plenary();
  });

  afterEach(async (context) => {
    if (context.task.result?.state === "fail") await plenary.screenshot(`failed-${context.task.name}`).catch(() => {});
    await plenary.stop();
  });

  it("imports from the first screen, shows problems by row and column before anything is saved, and exports a list", async () => {
    const browser = await plenary.start();

    // From the first screen: organizations from a spreadsheet.
    const organizations = `${plenary.dataDir}-organizations.csv`;
    writeFileSync(
      organizations,
      "Name,Acronym,Kind,Country\r\n" +
        "Kenya Medical Association,KMA,National medical association,Kenya\r\n" +
        "Hellenic Medical Association,HMA,National medical association,Greece\r\n",
    );
    await choose(browser, "The spreadsheet holds", "Organizations");
    await click(browser, "Import from a spreadsheet…");
    plenary.answerDialogsWith(organizations);
    await click(browser, "Choose file…");
    await withText(browser, "organizations.csv: 2 rows. 2 new.").waitForDisplayed();
    const asked = JSON.parse(readFileSync(`${plenary.dialogAnswerFile}.asked`, "utf8"));
    expect(asked).toMatchObject({ kind: "open" });
    await click(browser, "Import 2 organizations");
    await withText(browser, "Added 2 organizations.").waitForDisplayed();
    await click(browser, "Close");
    await button(browser, "Kenya Medical Association").waitForDisplayed();

    // People: a wrong email is shown on its row and column, and nothing can be imported.
    const people = `${plenary.dataDir}-people.csv`;
    writeFileSync(
      people,
      "Name,Kind,Organization,Email,Phone\r\n" +
        "Amina Ngũgĩ,Representative,KMA,amina@kma.example,'+254 20 272 4481\r\n" +
        "Ελένη Παπαδοπούλου,Representative,HMA,eleni(at)hma.example,\r\n" +
        "Jonas Berg,Staff,,,\r\n",
    );
    await goTo(browser, "People");
    await click(browser, "Import…");
    plenary.answerDialogsWith(people);
    await click(browser, "Choose file…");
    await withText(browser, "people.csv: 3 rows. 2 new, 1 with problems.").waitForDisplayed();
    const row = browser.$("//dialog[@open]//tr[th[normalize-space()='3']]");
    expect(await row.getText()).toMatch(/Email: .*eleni\(at\)hma\.example|Email: /);
    expect(await button(browser, "Import 2 people", "//dialog[@open]").isEnabled()).toBe(false);
    await click(browser, "Cancel");
    expect(await withText(browser, "No people yet.").isDisplayed()).toBe(true);

    // Corrected, the file comes in whole.
    writeFileSync(people, readFileSync(people, "utf8").replace("eleni(at)hma.example", "eleni@hma.example"));
    await click(browser, "Import…");
    await click(browser, "Choose file…");
    await withText(browser, "people.csv: 3 rows. 3 new.").waitForDisplayed();
    await click(browser, "Import 3 people");
    await withText(browser, "Added 3 people.").waitForDisplayed();
    await click(browser, "Close");
    expect(await dialog(browser).isExisting()).toBe(false);
    await button(browser, "Ελένη Παπαδοπούλου").waitForDisplayed();

    // The list goes out as CSV with the import's columns; the phone keeps its "+" (defused).
    const list = `${plenary.dataDir}-people-out.csv`;
    plenary.answerDialogsWith(list);
    await click(browser, "Export…");
    await browser.$("//dialog[@open]//label[normalize-space()='CSV (any spreadsheet program)']").click();
    await click(browser, "Save file…");
    await withText(browser, `Saved 3 people to ${list}.`).waitForDisplayed();
    const text = readFileSync(list, "utf8");
    expect(text.startsWith("\uFEFFKind,Name,")).toBe(true);
    expect(text).toContain("Ελένη Παπαδοπούλου");
    expect(text).toContain("'+254 20 272 4481");
    expect(text).not.toContain("Passport");
  });

  it("shows what another program wrote to the folder while the window kept its lists", async () => {
    const browser = await plenary.start();
    await goTo(browser, "Organizations");
    await browser.$("h1=Organizations").waitForDisplayed();
    await browser.waitUntil(async () => (await browser.$$("[aria-busy='true']").length) === 0);
    await goTo(browser, "Dashboard");
    // The command line imports into the same folder while the window is open.
    const organizations = `${plenary.dataDir}-more-organizations.csv`;
    writeFileSync(
      organizations,
      "Name,Acronym,Kind,Country\r\nKorean Medical Association,KMA,National medical association,South Korea\r\n",
    );
    const printed = execFileSync(APP, ["import", organizations, "--kind", "organizations", "--data-dir", plenary.dataDir], {
      encoding: "utf8",
    });
    expect(printed).toContain("Added 1 organization");
    // The window is told within about a second; the list it kept is then read again.
    await browser.pause(1500);
    await goTo(browser, "Organizations");
    await button(browser, "Korean Medical Association").waitForDisplayed();
  });
});
