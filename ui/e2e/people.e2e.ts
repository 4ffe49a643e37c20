import { readFileSync } from "node:fs";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { button, choose, click, dialog, field, fieldError, fill, Plenary } from "./harness";
import { assign, createMeeting, createPerson } from "./journeys";

type Browser = WebdriverIO.Browser;

async function warnings(browser: Browser): Promise<string> {
  const box = browser.$("[aria-label='Warnings']");
  await box.waitForDisplayed();
  return box.getText();
}

describe("delegations in the real window", () => {
  let plenary: Plenary;

  beforeEach(() => {
    plenary = new Plenary();
  });

  afterEach(async (context) => {
    if (context.task.result?.state === "fail") await plenary.screenshot(`failed-${context.task.name}`).catch(() => {});
    await plenary.stop();
  });

  it("assigns three people to the 74th GA, warns about an overlap, confirms them in bulk, exports the CSV, and shows it under My assignments", async () => {
    let browser = await plenary.start();
    await createMeeting(browser, {
      body: "WMA General Assembly",
      ordinal: "74",
      city: "Kigali",
      start: "2023-10-04",
      end: "2023-10-07",
      zone: "Africa/Kigali",
    });
    await createMeeting(browser, {
      body: "Other meeting",
      title: "Regional health forum",
      start: "2023-10-06",
      end: "2023-10-06",
      zone: "Europe/Zurich",
    });

    await click(browser, "People");
    await createPerson(browser, {
      name: "Amina Ngũgĩ",
      expertise: "medical ethics",
      languages: "English, Kiswahili",
      zone: "America/Chicago",
    });
    await createPerson(browser, { name: "김민준", expertise: "ethics", languages: "Korean, English" });
    await createPerson(browser, { name: "Søren Ågård", expertise: "financing", languages: "Danish" });

    // A duplicate (accents and case aside) is refused, with a way to open the existing person.
    await click(browser, "New person");
    await fill(browser, "Name", "amina NGUGI");
    await click(browser, "Create person");
    await browser.$("p*=Amina Ngũgĩ is already in Plenary.").waitForDisplayed();
    await click(browser, "Open Amina Ngũgĩ");
    await dialog(browser).waitForDisplayed({ reverse: true });
    await browser.$("h2=Amina Ngũgĩ").waitForDisplayed();

    // The board: head of delegation and two voting delegates.
    await click(browser, "Delegations");
    await choose(browser, "Meeting", "74th WMA General Assembly (4–7 Oct 2023)");
    await browser.$("h2=74th WMA General Assembly").waitForDisplayed();
    await assign(browser, "Amina Ngũgĩ", "Head of delegation");
    await assign(browser, "김민준", "Voting delegate");
    await assign(browser, "Søren Ågård", "Voting delegate");
    expect(await warnings(browser)).toContain("Søren Ågård holds a voting role (voting delegate) but is only proposed");

    // One of them also goes to a meeting on 6 Oct 2023: warned, naming the other meeting, but saved.
    await choose(browser, "Meeting", "Regional health forum (6 Oct 2023)");
    await browser.$("h2=Regional health forum").waitForDisplayed();
    await assign(browser, "Søren Ågård", "Observer");
    expect(await warnings(browser)).toContain(
      "Søren Ågård is also assigned to 74th WMA General Assembly (4–7 Oct 2023), which overlaps this meeting.",
    );

    // Back on the GA's board: the overlap shows there too; confirm all three in bulk.
    await choose(browser, "Meeting", "74th WMA General Assembly (4–7 Oct 2023)");
    await browser.$("h2=74th WMA General Assembly").waitForDisplayed();
    expect(await warnings(browser)).toContain("Søren Ågård is also assigned to Regional health forum (6 Oct 2023)");
    await (await field(browser, "Select all")).click();
    await choose(browser, "Change selected to", "Confirmed");
    await click(browser, "Apply to selected");
    await browser.$("p=3 assignments now confirmed.").waitForDisplayed();
    expect(await browser.$$("table.roster span.status-confirmed").length).toBe(3);
    expect(await warnings(browser)).not.toContain("voting role");
    await plenary.screenshot("delegation-board");

    // Export the delegation: sensitive fields cannot be chosen without the tick.
    await click(browser, "Export CSV…");
    expect(await (await field(browser, "Passport number (sensitive)")).isEnabled()).toBe(false);
    // The Save dialog (answered by the test build) suggests the export's name; the file goes where chosen.
    const chosen = `${plenary.dataDir}-delegation.csv`;
    plenary.answerDialogsWith(chosen);
    await click(browser, "Save CSV file…");
    expect(await browser.$("code.path").getText()).toBe(chosen);
    expect(JSON.parse(readFileSync(`${plenary.dialogAnswerFile}.asked`, "utf8"))).toMatchObject({
      kind: "save",
      file_name: "74th-WMA-General-Assembly-delegation.csv",
    });
    const bytes = readFileSync(chosen);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const csv = bytes.toString("utf8").slice(1);
    expect(csv.split("\r\n")).toEqual([
      "Name,Degrees and honorifics,Organization,Email,Role,Status",
      "Amina Ngũgĩ,,,,Head of delegation,Confirmed",
      "Søren Ågård,,,,Voting delegate,Confirmed",
      "김민준,,,,Voting delegate,Confirmed",
      "",
    ]);
    await browser.keys(["Escape"]);
    await dialog(browser).waitForDisplayed({ reverse: true });

    // The GA has ended: 김민준's attendance is recorded in one step from the board.
    await browser.$(`//button[@aria-label="Record attendance for 김민준"]`).click();
    await browser.$("p*=Recorded that 김민준 attended").waitForDisplayed();
    expect(await browser.$$("table.roster span.status-attended").length).toBe(1);

    // The meeting cannot be deleted while people are assigned to it; nothing changes.
    await click(browser, "Meetings");
    await button(browser, "74th WMA General Assembly").click();
    await click(browser, "Delete…");
    await click(browser, "Delete meeting");
    await browser
      .$("p*=74th WMA General Assembly has 3 delegate assignments. Move or delete them first; nothing was deleted.")
      .waitForDisplayed();
    await click(browser, "Keep it");
    await dialog(browser).waitForDisplayed({ reverse: true });
    expect(await browser.$("#meeting-detail-title").getText()).toBe("74th WMA General Assembly");

    // Amina is "me" on this laptop and sees the assignment under My assignments. Until she is
    // chosen, My assignments leads to where she is.
    await click(browser, "My assignments");
    await click(browser, "Choose yourself in Settings");
    expect(await browser.$("#settings-tab-general").getAttribute("aria-selected")).toBe("true");
    await choose(browser, "This laptop belongs to", "Amina Ngũgĩ");
    await click(browser, "Save me");
    await browser.$("p=This laptop belongs to Amina Ngũgĩ.").waitForDisplayed();

    browser = await plenary.restart();
    await click(browser, "My assignments");
    await browser.$("p*=For Amina Ngũgĩ").waitForDisplayed();
    // The GA of 2023 is past: ask for past assignments too.
    await (await field(browser, "Show past assignments too")).click();
    const card = browser.$("li.card");
    await card.waitForDisplayed();
    const text = await card.getText();
    expect(text).toContain("74th WMA General Assembly");
    expect(text).toContain("4–7 Oct 2023 venue time (Africa/Kigali)");
    expect(text).toContain("9:00 in Kigali is 2:00 at home (America/Chicago)");
    expect(text).toContain("Head of delegation");
    expect(text).toContain("Confirmed");
    await plenary.screenshot("my-assignments");
  });

  it("keeps travel details hidden until asked for, and refuses bad input at the field", async () => {
    const browser = await plenary.start();
    await click(browser, "People");

    // Bad input: no name, an email that is not one.
    await click(browser, "New person");
    await fill(browser, "Email", "amina at example");
    await click(browser, "Create person");
    expect(await fieldError(browser, "Name")).toBe("Enter the person's name, as they write it (any script).");
    expect(await fieldError(browser, "Email")).toBe(
      "This is not an email address. Write it like name@example.org, or leave it empty.",
    );
    await fill(browser, "Name", "محمد الأحمد");
    await fill(browser, "Email", "m.ahmad@example.org");
    await click(browser, "Create person");
    await dialog(browser).waitForDisplayed({ reverse: true });
    await browser.$("h2=محمد الأحمد").waitForDisplayed();

    // Edits are kept in the person's history.
    await click(browser, "Edit");
    await fill(browser, "Title", "Secretary General");
    await click(browser, "Save changes");
    await dialog(browser).waitForDisplayed({ reverse: true });
    await browser.$("span=Changed title").waitForDisplayed();

    // Travel details: hidden until asked, saved, hidden again.
    expect(await browser.$("article").getText()).not.toContain("Passport number");
    await click(browser, "Show travel details");
    await fill(browser, "Passport number", "AK1234567");
    await fill(browser, "Passport expiry", "2031-02-30");
    await click(browser, "Save travel details");
    expect(await fieldError(browser, "Passport expiry")).toContain("not a real calendar date");
    await fill(browser, "Passport expiry", "2031-02-28");
    await click(browser, "Save travel details");
    await browser.$("p=Travel details saved.").waitForDisplayed();
    await click(browser, "Hide travel details");
    expect(await browser.$("article").getText()).not.toContain("AK1234567");
    await click(browser, "Show travel details");
    expect(await (await field(browser, "Passport number")).getValue()).toBe("AK1234567");

    // Organizations: the seeded ones are there; a log entry needs a summary.
    await click(browser, "Organizations");
    await button(browser, "World Health Organization (WHO)").click();
    await browser.$("h2=World Health Organization (WHO)").waitForDisplayed();
    await click(browser, "Add to log");
    expect(await fieldError(browser, "Summary")).toBe("Write a short summary of what was discussed.");
    await fill(browser, "Summary", "Discussed the FENSA accreditation renewal.");
    await click(browser, "Add to log");
    await browser.$("p=Discussed the FENSA accreditation renewal.").waitForDisplayed();

    // An organization's name in its own language is shown, and the filter finds it by that name.
    await click(browser, "New organization");
    await choose(browser, "Kind of organization", "National medical association");
    await fill(browser, "Name", "Finnish Medical Association");
    await fill(browser, "Name in its own language", "Suomen Lääkäriliitto");
    await click(browser, "Create organization");
    await dialog(browser).waitForDisplayed({ reverse: true });
    await fill(browser, "Filter organizations", "laakariliitto");
    await button(browser, "Finnish Medical Association").click();
    await browser.$("dd=Suomen Lääkäriliitto").waitForDisplayed();

    // A term that ends before it starts is refused.
    await button(browser, "Seats and terms").click();
    await choose(browser, "Kind of seat", "WMA Council seat");
    await fill(browser, "Seat name", "WMA Council seat (North America)");
    await click(browser, "Create seat");
    await browser.$("h2=WMA Council seat (North America)").waitForDisplayed();
    await choose(browser, "Seat", "WMA Council seat (North America)");
    await choose(browser, "Holder", "محمد الأحمد");
    await fill(browser, "Term start", "2025-04-01");
    await fill(browser, "Term end", "2023-04-01");
    await click(browser, "Add term");
    expect(await fieldError(browser, "Term end")).toBe(
      "The term ends before it starts (1 Apr 2025). Choose 1 Apr 2025 or a later end date.",
    );
    // Open-ended first, then ended when the successor is known.
    await fill(browser, "Term end", "");
    await click(browser, "Add term");
    await browser.$("li*=محمد الأحمد — Holder, from 1 Apr 2025, open-ended").waitForDisplayed();
    await click(browser, "End term…");
    await fill(browser, "Last day of the term", "2027-04-30");
    await click(browser, "End term");
    await dialog(browser).waitForDisplayed({ reverse: true });
    const term = browser.$("li*=محمد الأحمد — Holder, from 1 Apr 2025 to 30 Apr 2027");
    await term.waitForDisplayed();
    // Which term is current is said beside it; the remove question names the person and dates.
    expect(await term.$("span.term-state").getText()).toMatch(/^(Current|Ended)$/);
    await click(browser, "Remove term…");
    await browser
      .$("p*=محمد الأحمد's term as holder of WMA Council seat (North America), from 1 Apr 2025 to 30 Apr 2027, will be removed.")
      .waitForDisplayed();
    await click(browser, "Keep it");
    await dialog(browser).waitForDisplayed({ reverse: true });
  });
});
