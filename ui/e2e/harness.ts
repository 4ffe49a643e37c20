// Drives the real Plenary window through tauri-driver (WebDriver over WebKitWebDriver on Linux).
// Each test gets its own temporary data folder; "restarting" closes the window and starts the
// app again on the same folder.
import { type ChildProcess, spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { remote } from "webdriverio";

type Browser = WebdriverIO.Browser;

const ROOT = path.resolve(import.meta.dirname, "../..");
export const APP = process.env.PLENARY_APP ?? path.join(ROOT, "target/debug/plenary");
const DRIVER = process.env.TAURI_DRIVER ?? "tauri-driver";
export const ARTIFACTS = path.join(ROOT, "ui/test-results");

/**
 * Saves a screenshot of the window to `file`. Without a graphics device Plenary draws without
 * compositing, and WebKit's snapshot then waits for the window's next paint, which an idle window
 * never makes: the page is kept painting an invisible change until the snapshot is taken.
 */
export async function saveScreenshot(browser: Browser, file: string): Promise<void> {
  await browser.execute(() => {
    const page = window as unknown as { plenaryKeepPainting?: boolean };
    page.plenaryKeepPainting = true;
    let frame = 0;
    const paint = () => {
      document.body.style.outline = frame++ % 2 ? "1px solid transparent" : "";
      if (page.plenaryKeepPainting) requestAnimationFrame(paint);
      else document.body.style.outline = "";
    };
    requestAnimationFrame(paint);
  });
  try {
    await browser.saveScreenshot(file);
  } finally {
    await browser
      .execute(() => {
        (window as unknown as { plenaryKeepPainting?: boolean }).plenaryKeepPainting = false;
      })
      .catch(() => {});
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** An installed Plenary started as its menu entry starts it: the program and arguments of the
 * entry's Exec line, on a fresh profile (its own HOME, so the OS's app-data folder is new). */
export interface Installed {
  program: string;
  args: string[];
  home: string;
}

/** Where Plenary keeps its data under `home` when no folder is named (Linux). */
export function defaultDataDir(home: string): string {
  return path.join(home, ".local/share/org.plenary.desktop");
}

export class Plenary {
  readonly dataDir: string;
  private driver: Driver | null = null;
  browser: Browser | null = null;

  /** The app built here on a temporary data folder, or an installed one on a fresh profile. */
  constructor(private readonly installed?: Installed) {
    this.dataDir = installed ? defaultDataDir(installed.home) : mkdtempSync(path.join(tmpdir(), "plenary-e2e-"));
  }

  /** The file whose text answers the app's Save and Open dialogs (the build for these tests
   * reads it instead of asking; see src-tauri/src/file_dialog.rs). */
  get dialogAnswerFile(): string {
    return `${this.dataDir}.dialog-answer`;
  }

  /** The path the next Save or Open dialog "chooses" ("" cancels it). */
  answerDialogsWith(chosen: string) {
    writeFileSync(this.dialogAnswerFile, chosen);
  }

  /** Starts the app; waits until `ready` (by default the main navigation) is on screen. */
  async start(ready = "nav[aria-label='Main']"): Promise<Browser> {
    if (!this.driver) this.driver = await startDriver(this.installed?.home, this.installed ? undefined : this.dialogAnswerFile);
    const application = this.installed
      ? { application: this.installed.program, args: this.installed.args }
      : { application: APP, args: ["--data-dir", this.dataDir] };
    this.browser = await remote({
      hostname: "127.0.0.1",
      port: this.driver.port,
      logLevel: "error",
      connectionRetryCount: 0,
      capabilities: {
        // tauri-driver's own capability; WebdriverIO passes it through.
        ...({ "tauri:options": application } as object),
        "wdio:enforceWebDriverClassic": true,
      } as WebdriverIO.Capabilities,
    });
    await this.browser.$(ready).waitForDisplayed({ timeout: 30_000 });
    return this.browser;
  }

  /** Closes the window (the app exits) and opens it again on the same data folder. */
  async restart(): Promise<Browser> {
    await this.browser?.deleteSession();
    this.browser = null;
    return this.start();
  }

  async screenshot(name: string): Promise<void> {
    mkdirSync(ARTIFACTS, { recursive: true });
    if (this.browser) await saveScreenshot(this.browser, path.join(ARTIFACTS, `${name}.png`));
  }

  async stop(): Promise<void> {
    await this.browser?.deleteSession().catch(() => {});
    this.browser = null;
    if (this.driver) await stopDriver(this.driver.process);
    this.driver = null;
    // An installed app's data is the person's: it outlives the app (and its removal).
    if (!this.installed) rmSync(this.dataDir, { recursive: true, force: true });
  }
}

interface Driver {
  process: ChildProcess;
  port: number;
}

/** A port nobody listens on now, chosen by the system (so a driver still shutting down, or
 * another program, never holds the port a test is about to use). */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** The environment of a first start on a fresh profile: HOME is `home`, and no XDG folder points
 * elsewhere, so the app, WebKit and the driver all start from nothing. */
function freshProfile(home: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, HOME: home };
  for (const name of ["XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME", "PLENARY_DATA_DIR"]) {
    delete env[name];
  }
  return env;
}

async function startDriver(home?: string, dialogAnswer?: string): Promise<Driver> {
  const port = await freePort();
  const nativePort = await freePort();
  // Its own process group, so stopping it also stops the WebKitWebDriver it started.
  const driver = spawn(DRIVER, ["--port", String(port), "--native-port", String(nativePort)], {
    stdio: ["ignore", "ignore", "inherit"],
    detached: true,
    env: home ? freshProfile(home) : { ...process.env, ...(dialogAnswer ? { PLENARY_TEST_DIALOG_ANSWER: dialogAnswer } : {}) },
  });
  const exited = new Promise<never>((_, reject) =>
    driver.once("exit", (code) => reject(new Error(`tauri-driver exited early (code ${code})`))),
  );
  const ready = (async () => {
    for (let attempt = 0; attempt < 200; attempt++) {
      try {
        const response = await fetch(`http://127.0.0.1:${port}/status`);
        if (response.ok) return { process: driver, port };
      } catch {
        // not listening yet
      }
      await sleep(100);
    }
    throw new Error(`tauri-driver did not answer on port ${port}`);
  })();
  return Promise.race([ready, exited]);
}

/** Stops the driver's whole process group and waits until it has gone (killing it after 5 s),
 * so no driver outlives its test. */
async function stopDriver(driver: ChildProcess): Promise<void> {
  if (driver.exitCode !== null || driver.signalCode !== null || !driver.pid) return;
  const gone = new Promise<void>((resolve) => driver.once("exit", () => resolve()));
  const signalGroup = (signal: NodeJS.Signals) => {
    try {
      process.kill(-(driver.pid as number), signal);
    } catch {
      driver.kill(signal);
    }
  };
  signalGroup("SIGTERM");
  const timer = setTimeout(() => signalGroup("SIGKILL"), 5_000);
  await gone;
  clearTimeout(timer);
  // The WebKitWebDriver in the group may outlive tauri-driver by a moment.
  try {
    process.kill(-(driver.pid as number), "SIGKILL");
  } catch {
    // the group is already empty
  }
}

// ---- Finding things the way a person does: by label, by role and by visible text. ----

/** The form control whose <label> reads exactly `label`, inside the open dialog if there is one
 * (as a person would see it: the dialog covers the rest). */
export async function field(browser: Browser, label: string) {
  const scope = (await dialog(browser).isExisting()) ? "//dialog[@open]" : "";
  const element = browser.$(`${scope}//label[normalize-space()="${label}"]`);
  await element.waitForDisplayed();
  const id = await element.getAttribute("for");
  const control = browser.$(`[id="${id}"]`);
  // A person scrolls a field into the middle of view before using it; the form's sticky error
  // summary would otherwise cover a field at the top of a scrolled form.
  await control.scrollIntoView({ block: "center" });
  return control;
}

/** Replaces a field's text by typing, as a person does (WebDriver's "clear" fires no input event). */
export async function fill(browser: Browser, label: string, value: string) {
  const input = await field(browser, label);
  await input.click();
  await browser.keys(["Control", "a"]);
  await browser.keys(["Backspace"]);
  if (value) await input.addValue(value);
}

export async function choose(browser: Browser, label: string, visibleText: string) {
  const select = await field(browser, label);
  // As a person's click would: a long list gets its options once the field has the focus.
  await browser.execute((element) => (element as unknown as HTMLElement).focus(), select);
  await select.selectByVisibleText(visibleText);
}

/** The button whose visible text starts with `text`. */
export function button(browser: Browser, text: string, scope = "") {
  return browser.$(`${scope}//button[starts-with(normalize-space(), "${text}")]`);
}

export async function click(browser: Browser, text: string) {
  const scope = (await dialog(browser).isExisting()) ? "//dialog[@open]" : "";
  const target = button(browser, text, scope);
  await target.waitForClickable();
  await target.click();
}

export function dialog(browser: Browser) {
  return browser.$("dialog[open]");
}

/** Text of the error shown beside the field labelled `label`. */
export async function fieldError(browser: Browser, label: string): Promise<string> {
  const input = await field(browser, label);
  const id = await input.getAttribute("id");
  const error = browser.$(`[id="${id}-error"]`);
  await error.waitForDisplayed();
  return error.getText();
}

/** The innermost element whose visible text contains `text` (inside `within` if given). */
export function withText(browser: Browser, text: string, within = "") {
  const has = `contains(normalize-space(.), "${text}")`;
  return browser.$(`${within}//*[${has} and not(*[${has}])]`);
}

/** Opens a view from the main navigation. */
export async function goTo(browser: Browser, view: string) {
  const link = browser.$(`//nav//button[normalize-space()="${view}"]`);
  await link.waitForClickable();
  await link.click();
}

/** Opens Settings at one of its parts ("General", "Team", "Bodies", "Data and backups", "About"). */
export async function goToSettings(browser: Browser, part: string) {
  await goTo(browser, "Settings");
  const tab = browser.$(`//*[@role="tablist"]//button[@role="tab" and normalize-space()="${part}"]`);
  await tab.waitForClickable();
  await tab.click();
  await browser.waitUntil(async () => (await tab.getAttribute("aria-selected")) === "true");
}
