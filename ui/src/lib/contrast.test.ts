import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { contrast, variables } from "./contrast";

// The colours as the app has them: read from app.css, the light theme on `:root` and the dark
// one overriding it on `:root[data-theme="dark"]`.
const css = readFileSync(path.join(import.meta.dirname, "../app.css"), "utf8");
const light = variables(css, ":root");
const themes = {
  light,
  dark: { ...light, ...variables(css, ':root[data-theme="dark"]') },
};

/** WCAG AA: 4.5:1 for text, 3:1 for what is not text (the focus ring, a warning's border). */
const TEXT = 4.5;
const NON_TEXT = 3;

type Pair = [string, string, number, string];
const on = (fg: string, backgrounds: string[], what: string): Pair[] =>
  backgrounds.map((bg) => [fg, bg, TEXT, `${what} on ${bg}`]);
const SURFACES = ["bg", "surface", "nav", "hover", "selected", "info-bg"];

// [foreground, background, minimum, where it is used]
const PAIRS: Pair[] = [
  ...on("text", [...SURFACES, "danger-bg", "warning-bg"], "text"),
  ...on("muted", SURFACES, "hints and muted text"),
  ...on("accent", SURFACES, "links and link buttons"),
  ["accent-text", "accent", TEXT, "a primary button's label"],
  ["text", "surface", TEXT, "a button's label"],
  ["danger", "surface", TEXT, "a danger button, field errors"],
  ["danger", "bg", TEXT, "field errors on the page"],
  ["danger", "danger-bg", TEXT, "an error inside an error banner"],
  ["warning", "bg", NON_TEXT, "a warning box's border"],
  ["warning", "surface", NON_TEXT, "a warning box's border on a panel"],
  ["added-text", "added-bg", TEXT, "words added in a comparison"],
  ["removed-text", "removed-bg", TEXT, "words removed in a comparison"],
  ["focus", "bg", NON_TEXT, "the focus ring on the page"],
  ["focus", "surface", NON_TEXT, "the focus ring on a panel"],
  ["focus", "nav", NON_TEXT, "the focus ring in the navigation"],
];

describe.each(Object.entries(themes))("the %s theme", (_name, colours) => {
  it.each(PAIRS)("%s on %s reaches %s:1 (%s)", (fg, bg, minimum) => {
    const [foreground, background] = [colours[fg], colours[bg]];
    if (!foreground || !background) throw new Error(`--${fg} or --${bg} is not defined`);
    expect(contrast(foreground, background)).toBeGreaterThanOrEqual(minimum);
  });
});

describe("contrast", () => {
  it("agrees with WCAG's own extremes and examples", () => {
    expect(contrast("#000", "#fff")).toBeCloseTo(21, 5);
    expect(contrast("#fff", "#fff")).toBe(1);
    // WCAG's example of a grey that just passes AA on white.
    expect(contrast("#767676", "#ffffff")).toBeGreaterThanOrEqual(4.5);
    expect(contrast("#777777", "#ffffff")).toBeLessThan(4.5);
  });

  it("reads both themes and every variable the other has", () => {
    expect(Object.keys(themes.dark).sort()).toEqual(Object.keys(themes.light).sort());
    expect(themes.light.bg).not.toBe(themes.dark.bg);
  });
});
