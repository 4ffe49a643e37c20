// Light or dark. The shell's start script sets `data-theme` (the theme in force) and
// `data-theme-choice` (what Settings says) on the root element before the first paint; this
// module keeps them in step: a new choice applies at once, and "system" follows the OS when it
// changes.
import type { Theme } from "./bindings";

const DARK_QUERY = "(prefers-color-scheme: dark)";

/** The theme in force for a choice, given whether the OS asks for dark. */
export function resolveTheme(choice: Theme, systemDark: boolean): "light" | "dark" {
  if (choice === "system") return systemDark ? "dark" : "light";
  return choice;
}

function systemDark(): boolean {
  return typeof window !== "undefined" && typeof window.matchMedia === "function" && window.matchMedia(DARK_QUERY).matches;
}

/** The choice the window started with (the shell's start script), "system" without one. */
export function currentChoice(root: HTMLElement = document.documentElement): Theme {
  const choice = root.dataset.themeChoice;
  return choice === "light" || choice === "dark" ? choice : "system";
}

/** Applies a choice to the window at once. */
export function applyTheme(choice: Theme, root: HTMLElement = document.documentElement): void {
  root.dataset.themeChoice = choice;
  const theme = resolveTheme(choice, systemDark());
  root.dataset.theme = theme;
  // The canvas behind the page too, before and while the style sheet loads.
  root.style.colorScheme = theme;
}

/** Applies the starting choice (if the start script has not) and follows the OS's changes. */
export function followTheme(root: HTMLElement = document.documentElement): void {
  applyTheme(currentChoice(root), root);
  if (typeof window.matchMedia !== "function") return;
  window.matchMedia(DARK_QUERY).addEventListener("change", () => {
    if (currentChoice(root) === "system") applyTheme("system", root);
  });
}
