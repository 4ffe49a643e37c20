// Steps several journeys take, written once: a meeting, a person, an assignment.
import { choose, click, dialog, fill } from "./harness";

type Browser = WebdriverIO.Browser;

export async function createMeeting(
  browser: Browser,
  meeting: { body: string; ordinal?: string; title?: string; city?: string; start: string; end: string; zone: string },
) {
  await click(browser, "Meetings");
  await click(browser, "New meeting");
  await choose(browser, "Convening body", meeting.body);
  if (meeting.ordinal) await fill(browser, "Ordinal", meeting.ordinal);
  if (meeting.title) await fill(browser, "Title", meeting.title);
  if (meeting.city) await fill(browser, "City", meeting.city);
  await fill(browser, "Start date", meeting.start);
  await fill(browser, "End date", meeting.end);
  await fill(browser, "Time zone", meeting.zone);
  await click(browser, "Create meeting");
  await dialog(browser).waitForDisplayed({ reverse: true });
}

export async function createPerson(
  browser: Browser,
  person: { name: string; expertise?: string; languages?: string; zone?: string },
) {
  await click(browser, "New person");
  await fill(browser, "Name", person.name);
  if (person.expertise) await fill(browser, "Expertise", person.expertise);
  if (person.languages) await fill(browser, "Languages", person.languages);
  if (person.zone) await fill(browser, "Home time zone", person.zone);
  await click(browser, "Create person");
  await dialog(browser).waitForDisplayed({ reverse: true });
  await browser.$(`h2=${person.name}`).waitForDisplayed();
}

export async function assign(browser: Browser, person: string, role: string) {
  await choose(browser, "Person", person);
  await choose(browser, "Role", role);
  await click(browser, "Assign");
  await browser.$(`p*=Assigned ${person} as ${role.toLowerCase()}.`).waitForDisplayed();
}
