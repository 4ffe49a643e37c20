// Two laptops, two windows, one office hub: a throwaway PostgreSQL cluster set up with Plenary's
// own command line, as office IT would (`plenary hub init`, `plenary hub add-person`).
import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { createInterface } from "node:readline";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { button, choose, click, field, fill, goTo, goToSettings, Plenary, withText } from "./harness";
import { assign, createMeeting, createPerson } from "./journeys";

type Browser = WebdriverIO.Browser;

const APP = process.env.PLENARY_APP ?? "../target/debug/plenary";
const TEST_HUB = process.env.PLENARY_TEST_HUB ?? "../target/debug/examples/test-hub";

/** Starts the throwaway cluster; resolves with its database owner's address. */
function startHub(): Promise<{ process: ChildProcess; ownerUrl: string }> {
  const hub = spawn(TEST_HUB, [], { stdio: ["pipe", "pipe", "inherit"] });
  return new Promise((resolve, reject) => {
    hub.once("exit", (code) => reject(new Error(`the test hub exited (code ${code})`)));
    createInterface({ input: hub.stdout as NodeJS.ReadableStream }).on("line", (line) => {
      if (line.startsWith("OWNER_URL=")) resolve({ process: hub, ownerUrl: line.slice("OWNER_URL=".length) });
    });
  });
}

/** Runs `plenary ARGS…` without a window and returns what it printed. */
function plenaryCli(...args: string[]): string {
  return execFileSync(APP, args, { encoding: "utf8" });
}

/** Settings → Team: joins the hub at `port` as `login`. */
async function joinHub(
  browser: Browser,
  hub: { port: string; database: string },
  login: string,
  password: string,
  laptop: string,
) {
  await goToSettings(browser, "Team");
  await fill(browser, "Hub host", "127.0.0.1");
  await fill(browser, "Port", hub.port);
  await fill(browser, "Database", hub.database);
  await choose(browser, "Connection", "Not encrypted (only on a trusted network)");
  await fill(browser, "Your hub login", login);
  await fill(browser, "Password", password);
  await fill(browser, "This laptop's name", laptop);
  await click(browser, "Join the office hub");
  return report(browser);
}

/** Settings → Team → Exchange now; returns the report line. */
async function exchangeNow(browser: Browser): Promise<string> {
  await goToSettings(browser, "Team");
  await click(browser, "Exchange now");
  return report(browser);
}

/** Waits for an exchange's report in Settings → Team, reads it and dismisses it. */
async function report(browser: Browser): Promise<string> {
  const line = browser.$("p*=Exchanged: received");
  await line.waitForDisplayed({ timeout: 60_000 });
  const text = await line.getText();
  await button(browser, "Dismiss", "//section[@aria-labelledby='settings-team-heading']").click();
  return text;
}

async function editVenue(browser: Browser, meeting: string, venue: string) {
  await goTo(browser, "Meetings");
  await button(browser, meeting).click();
  await click(browser, "Edit");
  await fill(browser, "Venue", venue);
  await click(browser, "Save changes");
  await browser.$(`dd=${venue}`).waitForDisplayed();
}

describe("two laptops sharing one office record through the hub", () => {
  let hub: { process: ChildProcess; ownerUrl: string };
  const office = new Plenary();
  const delegate = new Plenary();

  beforeAll(async () => {
    hub = await startHub();
    // No exchanges on their own: the test decides when each laptop exchanges.
    process.env.PLENARY_EXCHANGE_EVERY = "0";
  });

  afterEach(async (context) => {
    if (context.task.result?.state === "fail") {
      await office.screenshot("failed-team-office").catch(() => {});
      await delegate.screenshot("failed-team-delegate").catch(() => {});
    }
  });

  afterAll(async () => {
    await office.stop();
    await delegate.stop();
    hub?.process.stdin?.end();
  });

  it("the coordinator assigns a delegate, who sees it; both change the venue, the second to exchange decides, and the other window shows the result", async () => {
    const url = new URL(hub.ownerUrl);
    const where = { port: url.port, database: url.pathname.slice(1) };
    expect(plenaryCli("hub", "init", hub.ownerUrl)).toMatch(/The office hub is ready\. Its identity: [0-9a-f-]{36}/);
    const passwordOf = (output: string) => output.trim().split("\n").at(-1) ?? "";
    const coordinatorPassword = passwordOf(
      plenaryCli("hub", "add-person", hub.ownerUrl, "--login", "coordinator", "--role", "coordinator"),
    );
    const aminaPassword = passwordOf(plenaryCli("hub", "add-person", hub.ownerUrl, "--login", "amina", "--role", "delegate"));
    expect(plenaryCli("hub", "list-people", hub.ownerUrl)).toMatch(/amina\tdelegate/);

    // The office's laptop: joins the empty hub, then makes the GA, Amina and her assignment.
    const a = await office.start();
    await joinHub(a, where, "coordinator", coordinatorPassword, "Office desk");
    await createMeeting(a, {
      body: "WMA General Assembly",
      ordinal: "78",
      city: "Porto",
      start: "2027-10-06",
      end: "2027-10-09",
      zone: "Europe/Lisbon",
    });
    await goTo(a, "People");
    await createPerson(a, { name: "Amina Ngũgĩ", expertise: "medical ethics", zone: "America/Chicago" });
    await goTo(a, "Delegations");
    await choose(a, "Meeting", "78th WMA General Assembly (6–9 Oct 2027)");
    await a.$("h2=78th WMA General Assembly").waitForDisplayed();
    await assign(a, "Amina Ngũgĩ", "Head of delegation");
    expect(await exchangeNow(a)).toMatch(/sent [1-9]\d* changes?/);

    // Amina's laptop: joins, receives everything, and shows her assignment once she is "me".
    const b = await delegate.start();
    await joinHub(b, where, "amina", aminaPassword, "Amina's laptop");
    await goToSettings(b, "General");
    await choose(b, "This laptop belongs to", "Amina Ngũgĩ");
    await click(b, "Save me");
    await goTo(b, "My assignments");
    const card = b.$("li.card");
    await card.waitForDisplayed();
    expect(await card.getText()).toContain("78th WMA General Assembly");
    expect(await card.getText()).toContain("Head of delegation");

    // Both change the venue before exchanging; the office's change reaches the hub first.
    await editVenue(a, "78th WMA General Assembly", "Alfândega do Porto");
    await editVenue(b, "78th WMA General Assembly", "Porto Palácio Hotel");
    await exchangeNow(a);
    expect(await exchangeNow(b)).toContain("found 1 conflict");
    // The meeting itself carries the mark, and leads to where it is decided.
    await goTo(b, "Meetings");
    await button(b, "78th WMA General Assembly").click();
    await withText(b, "coordinator (on Office desk) also changed this meeting while you changed it.").waitForDisplayed();
    await click(b, "Decide in Settings → Team");
    const conflict = withText(b, "coordinator (on Office desk) also changed the meeting “78th WMA General Assembly”.");
    await conflict.waitForDisplayed();
    const table = await b.$("//ul[@aria-labelledby='team-conflicts-heading']//table").getText();
    expect(table).toContain("Alfândega do Porto");
    expect(table).toContain("Porto Palácio Hotel");
    // Neither as it stands: Amina writes the venue both will use.
    await click(b, "Edit…");
    await click(b, "Use yours");
    expect(await (await field(b, "venue")).getValue()).toBe("Porto Palácio Hotel");
    await fill(b, "venue", "Porto Palácio Hotel, Sala Douro");
    await click(b, "Save this version");
    await b.$("p*=Decided: meeting “78th WMA General Assembly”").waitForDisplayed();
    await exchangeNow(b);

    // The office's window shows Amina's decision after its next exchange, with who made it.
    await exchangeNow(a);
    await goTo(a, "Meetings");
    await button(a, "78th WMA General Assembly").click();
    await a.$("dd=Porto Palácio Hotel, Sala Douro").waitForDisplayed();
    // The meeting's history names who changed it, and on which laptop.
    await withText(a, "by amina on Amina's laptop").waitForDisplayed();
    await withText(a, "by coordinator on Office desk").waitForDisplayed();
  });
});
