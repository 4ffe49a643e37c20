// The installed package as a person meets it: started with the command of its menu entry, on a
// fresh profile. `cargo xtask package-test` installs the .deb with the system's package manager,
// runs this, then removes the package and checks that only the person's data is left.
import { existsSync, readdirSync } from "node:fs";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { goTo, goToSettings, type Installed, Plenary, withText } from "./harness";
import { createPerson } from "./journeys";

function installed(): Installed {
  const program = process.env.PLENARY_INSTALLED_PROGRAM;
  const home = process.env.PLENARY_INSTALLED_HOME;
  if (!program || !home) {
    throw new Error("PLENARY_INSTALLED_PROGRAM and PLENARY_INSTALLED_HOME are set by cargo xtask package-test");
  }
  const args: string[] = JSON.parse(process.env.PLENARY_INSTALLED_ARGS ?? "[]");
  return { program, args, home };
}

describe("the installed Plenary", () => {
  const plenary = new Plenary(installed());

  afterEach(async (context) => {
    if (context.task.result?.state === "fail") await plenary.screenshot(`failed-${context.task.name}`).catch(() => {});
  });

  afterAll(async () => {
    await plenary.stop();
  });

  it("opens from its menu entry on a fresh profile, keeps what is entered in the app-data folder, and shows it again after a restart", async () => {
    expect(existsSync(plenary.dataDir)).toBe(false);
    let browser = await plenary.start();

    await goTo(browser, "People");
    await createPerson(browser, { name: "Ilse Marttinen", languages: "Finnish, English" });

    browser = await plenary.restart();
    await goTo(browser, "People");
    await withText(browser, "Ilse Marttinen").waitForDisplayed();

    // Settings names the app-data folder under the fresh HOME.
    await goToSettings(browser, "Data and backups");
    await withText(browser, plenary.dataDir).waitForDisplayed();
    expect(readdirSync(plenary.dataDir)).toContain("plenary.sqlite3");
  });
});
