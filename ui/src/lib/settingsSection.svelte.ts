// Which part of Settings is shown (kept while the app runs, so a return finds it again), and the
// way other pages open a given part: a conflict's "Decide in Settings → Team", the first run's
// "Join the office's hub".

export type SettingsSection = "general" | "team" | "bodies" | "data" | "about";

let shown: SettingsSection = $state("general");
// Asks the app frame to show Settings; it follows the count.
let requests = $state(0);

/** The part of Settings on screen, or shown on the next visit. */
export function shownSettingsSection(): SettingsSection {
  return shown;
}

/** Shows another part of Settings (its own tabs). */
export function chooseSettingsSection(section: SettingsSection): void {
  shown = section;
}

/** Asks the app to open Settings at `section`. */
export function openSettingsAt(section: SettingsSection): void {
  shown = section;
  requests += 1;
}

/** How many times Settings has been asked for from elsewhere (the app frame follows it). */
export function settingsRequested(): number {
  return requests;
}
