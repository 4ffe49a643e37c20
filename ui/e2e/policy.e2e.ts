import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { button, choose, click, dialog, field, fill, goTo, Plenary, withText } from "./harness";

type Browser = WebdriverIO.Browser;

async function closed(browser: Browser) {
  await dialog(browser).waitForDisplayed({ reverse: true });
}

async function errorOf(browser: Browser, id: string): Promise<string> {
  const error = browser.$(`[id="${id}-error"]`);
  await error.waitForDisplayed();
  return error.getText();
}

/** The status shown in the document's detail. */
async function statusIs(browser: Browser, text: string) {
  const status = browser.$("article .facts .status");
  await browser.waitUntil(async () => (await status.getText()) === text, { timeoutMsg: `status is not "${text}"` });
}

async function seen(browser: Browser, text: string) {
  await withText(browser, text).waitForDisplayed();
}

// One window for the three journeys, in order (each builds on what is there): starting the
// driver again right after stopping it can find the previous native driver still on its port.
describe("policy in the real window", () => {
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

  it("the Declaration of Geneva with its history is in force and due for review in 2027", async () => {
    await goTo(browser, "Policy");
    await click(browser, "New document…");
    await choose(browser, "Type", "WMA declaration");
    await fill(browser, "Title", "WMA Declaration of Geneva");
    await fill(browser, "Short name", "Declaration of Geneva");
    // A code whose letter contradicts the type is refused at its field.
    await fill(browser, "Code or symbol", "S-1948-01-2017");
    await click(browser, "Create document");
    expect(await errorOf(browser, "policy-code")).toContain("takes D");
    await fill(browser, "Code or symbol", "D-1948-01-2017");
    await fill(browser, "Topics", "ethics, physician's pledge");
    await click(browser, "Create document");
    await closed(browser);
    await statusIs(browser, "Not adopted");

    const history: [string, string][] = [
      ["Adopted", "1948"],
      ["Amended", "1968"],
      ["Amended", "1983"],
      ["Amended", "1994"],
      ["Editorially revised", "2005"],
      ["Editorially revised", "2006"],
      // Mistyped: meant October 2017; corrected below.
      ["Amended", "2017-01"],
      ["Reaffirmed", "2020"],
    ];
    for (const [action, date] of history) {
      await click(browser, "Add history action…");
      await choose(browser, "Action", action);
      await fill(browser, "Date", date);
      await choose(browser, "Acting body", action === "Editorially revised" ? "WMA Council" : "WMA General Assembly");
      await click(browser, "Add action");
      await closed(browser);
    }
    // An action dated before the first adoption is refused; nothing changes.
    await click(browser, "Add history action…");
    await choose(browser, "Action", "Reaffirmed");
    await fill(browser, "Date", "1947");
    await click(browser, "Add action");
    expect(await errorOf(browser, "pf-date")).toContain("before the document was first adopted");
    await browser.keys(["Escape"]);
    await closed(browser);

    await statusIs(browser, "In force");
    // An action entered by mistake is removed, after a question that names it.
    await browser.$(`//button[@aria-label="Remove “Reaffirmed, 2020”"]`).click();
    await withText(browser, "Remove “Reaffirmed, 2020” from the history", "//dialog[@open]").waitForDisplayed();
    await click(browser, "Remove action");
    await closed(browser);
    // The mistyped month is corrected; the review date follows, and says why.
    await seen(browser, "Due for review in Jan 2027");
    await browser.$(`//button[@aria-label="Correct “Amended, Jan 2017”"]`).click();
    expect(await (await field(browser, "Date")).getValue()).toBe("2017-01");
    await fill(browser, "Date", "2017-10");
    await click(browser, "Save correction");
    await closed(browser);
    await seen(browser, "Due for review in Oct 2027: 10 years after the amendment of October 2017");
    const timeline = await browser.$$("ol.timeline time").map((t) => t.getText());
    expect(timeline).toEqual(["1948", "1968", "1983", "1994", "2005", "2006", "Oct 2017"]);

    // Two text versions, compared word by word.
    await click(browser, "Add text version…");
    await choose(browser, "Stage", "Adopted");
    await fill(browser, "Text", "I will practise my profession with conscience and dignity.");
    await click(browser, "Keep this version");
    await closed(browser);
    await click(browser, "Add text version…");
    await choose(browser, "Stage", "Amended");
    await fill(
      browser,
      "Text",
      "I will practise my profession with conscience and dignity and in accordance with good medical practice.",
    );
    await click(browser, "Keep this version");
    await closed(browser);
    await click(browser, "Compare");
    await browser.$("p.diff ins").waitForDisplayed();
    expect(await browser.$("p.diff ins").getText()).toContain("good medical practice");

    // The "due for review" view lists it within two years.
    await button(browser, "Due for review").click();
    await choose(browser, "Window", "Next 2 years");
    await browser
      .$(`//ul[@aria-label="Due for review, overdue first"]//*[contains(., "Declaration of Geneva")]`)
      .waitForDisplayed();
    await plenary.screenshot("policy-geneva");
  });

  it("WHA78.1: a position with a mandate on its agenda item, and the committee vote", async () => {
    await browser.keys(["Control", "n"]);
    await dialog(browser).waitForDisplayed();
    await choose(browser, "Convening body", "World Health Assembly");
    await fill(browser, "Ordinal", "78");
    await browser.waitUntil(async () => (await (await field(browser, "Title")).getValue()) === "WHA78");
    await fill(browser, "City", "Geneva");
    await fill(browser, "Country", "Switzerland");
    await fill(browser, "Venue", "Palais des Nations");
    await fill(browser, "Start date", "2025-05-19");
    await fill(browser, "End date", "2025-05-27");
    await click(browser, "Create meeting");
    await closed(browser);
    await button(browser, "WHA78").click();
    const agendaTab = browser.$(`//button[@role="tab" and starts-with(normalize-space(), "Agenda")]`);
    await agendaTab.waitForClickable();
    await agendaTab.click();
    await click(browser, "New agenda item…");
    await fill(browser, "Number", "11.1");
    await fill(browser, "Title", "Pandemic agreement");
    await click(browser, "Add item");
    await closed(browser);

    await goTo(browser, "Policy");
    await click(browser, "New document…");
    await choose(browser, "Type", "WHO resolution");
    await fill(browser, "Title", "WHO Pandemic Agreement");
    await choose(browser, "Meeting", "WHA78");
    await choose(browser, "Agenda item", "11.1 Pandemic agreement");
    // A symbol naming another assembly is refused.
    await fill(browser, "Code or symbol", "WHA77.1");
    await click(browser, "Create document");
    expect(await errorOf(browser, "policy-meeting_id")).toContain("WHA77.1 belongs to WHA77");
    await fill(browser, "Code or symbol", "WHA78.1");
    // Adopted when made: the date defaults to the meeting's last day and the adoption is recorded.
    expect(await (await field(browser, "Adopted on")).getValue()).toBe("2025-05-27");
    await click(browser, "Create document");
    await closed(browser);
    await seen(browser, "WHO Pandemic Agreement");
    await statusIs(browser, "In force");
    await withText(browser, "27 May 2025", "//ol[contains(@class, 'timeline')]").waitForDisplayed();

    // Our position with a mandate, on the agenda item where it is debated.
    await click(browser, "Record position…");
    await choose(browser, "Meeting where it is debated", "WHA78");
    await choose(browser, "Agenda item", "11.1 Pandemic agreement");
    await choose(browser, "Stance", "Support with amendments");
    await choose(browser, "Priority", "High");
    await (await field(browser, "May speak")).click();
    await (await field(browser, "May vote")).click();
    await fill(browser, "Rationale", "Equitable access to countermeasures; protect health workers.");
    await fill(browser, "Red lines", "No weakening of health worker protection");
    await fill(browser, "Our policies", "H-440.835, policy 7");
    await click(browser, "Record position");
    expect(await errorOf(browser, "pf-own_policies")).toContain("policy, 7 are not");
    await fill(browser, "Our policies", "H-440.835");
    await fill(browser, "Approved by", "Board of Trustees");
    await fill(browser, "Approved on", "2025-05-01");
    await click(browser, "Record position");
    await closed(browser);
    await seen(browser, "May speak and vote");
    await seen(browser, "agenda item 11.1 Pandemic agreement");

    // The vote in Committee A.
    await click(browser, "Record vote…");
    await fill(browser, "Forum", "Committee A");
    await fill(browser, "For", "124");
    await fill(browser, "Against", "0");
    await fill(browser, "Abstentions", "11");
    await choose(browser, "Result", "Adopted");
    await fill(browser, "Note", "then adopted in plenary");
    await click(browser, "Record vote");
    await closed(browser);
    await seen(browser, "124 for, 0 against, 11 abstentions");
    await plenary.screenshot("policy-wha78-1");

    // A 3-minute statement on the item: the live word count warns past 330 words.
    await button(browser, "Statements").click();
    await choose(browser, "Meeting", "WHA78");
    await click(browser, "New statement…");
    await choose(browser, "Agenda item", "11.1 Pandemic agreement");
    await choose(browser, "About the document", "WHO Pandemic Agreement");
    // Our position on what is debated at this item is shown beside the draft.
    await browser.$(`//*[@aria-label="Our position on this item"]//*[contains(., "Support with amendments")]`).waitForDisplayed();
    await fill(browser, "Title", "WMA statement on the Pandemic Agreement");
    await fill(browser, "Speaker", "Dr Ngũgĩ Wa Thiong'o");
    await fill(browser, "Time limit (minutes)", "3");
    const budget = browser.$("#st-text-budget");
    await fill(browser, "Text", "Thank you Chair. ".repeat(100));
    await browser.waitUntil(async () => (await budget.getText()) === "300 of 330 words (3 minutes at 110 a minute).");
    await (await field(browser, "Text")).addValue(" health workers must be protected".repeat(8));
    await browser.waitUntil(async () => (await budget.getText()).includes("10 over the budget of 330"));
    expect(await budget.getAttribute("class")).toContain("over");
    await plenary.screenshot("policy-statement-budget");
    await click(browser, "Save draft");
    await closed(browser);
    await seen(browser, "340 of 330 words");
    // Only the allowed next steps are offered.
    expect(await button(browser, "Move to Delivered").isExisting()).toBe(false);
    await button(browser, "Move to Internal review").click();
    await withText(browser, "Internal review", "//ul[@aria-label='Statements of this meeting']").waitForDisplayed();
    await button(browser, "Move to Approved").waitForDisplayed();
  });

  it("a proposal moves only by allowed steps and its adoption makes the document", async () => {
    await goTo(browser, "Policy");
    await button(browser, "In development").click();
    await click(browser, "New proposal…");
    await fill(browser, "Working title", "WMA Statement on Physician Well-being");
    await choose(browser, "Would become", "WMA statement");
    await fill(browser, "Submitted on", "2024-02-01");
    await fill(browser, "Proposed by", "Korean Medical Association");
    await click(browser, "Record proposal");
    await closed(browser);

    const steps: [string, string, string?][] = [
      ["Review Committee", "2024-03-01"],
      ["In committee", "2024-04-18", "Socio-Medical Affairs Committee (SMAC)"],
      ["Member consultation", "2024-10-01"],
      ["Approved by Council for the GA", "2025-04-25"],
      ["Adopted", "2025-10-11"],
    ];
    for (const [stage, date, committee] of steps) {
      await click(browser, "Next step…");
      // Only the allowed steps are offered: adoption is not, until the Council approves.
      const offered = await (await field(browser, "Step")).$$("option").map((o) => o.getText());
      expect(offered.includes("Adopted")).toBe(stage === "Adopted");
      await choose(browser, "Step", stage);
      await fill(browser, "Date", date);
      if (committee) await choose(browser, "Committee", committee);
      if (stage === "Member consultation") await fill(browser, "Comment deadline", "2025-01-31");
      await click(browser, "Record step");
      await closed(browser);
    }
    // The adopted document opens, in force, its review due ten years on.
    await statusIs(browser, "In force");
    await seen(browser, "Due for review in 11 Oct 2035");
  });
});
