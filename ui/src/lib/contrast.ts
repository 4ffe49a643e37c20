// WCAG 2 contrast: relative luminance of sRGB colours and the ratio between two, and the colour
// variables of a style sheet's theme blocks (for the test that checks both themes).

/** `#rgb` or `#rrggbb` → [r, g, b] in 0..255. */
export function parseHex(colour: string): [number, number, number] {
  const hex = colour.trim().replace(/^#/, "");
  const full = hex.length === 3 ? [...hex].map((c) => c + c).join("") : hex;
  if (!/^[0-9a-fA-F]{6}$/.test(full)) throw new Error(`not a hex colour: ${colour}`);
  return [0, 2, 4].map((i) => Number.parseInt(full.slice(i, i + 2), 16)) as [number, number, number];
}

export function luminance(colour: string): number {
  const linear = (channel: number) => {
    const c = channel / 255;
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  const [r, g, b] = parseHex(colour);
  return 0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b);
}

/** The contrast ratio, 1 to 21. */
export function contrast(a: string, b: string): number {
  const [x, y] = [luminance(a), luminance(b)];
  return (Math.max(x, y) + 0.05) / (Math.min(x, y) + 0.05);
}

/** The `--name: value` declarations of the first rule whose selector is exactly `selector`. */
export function variables(css: string, selector: string): Record<string, string> {
  const escaped = selector.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  const block = new RegExp(`(?:^|\\n)${escaped}\\s*\\{([^}]*)\\}`).exec(css);
  if (!block) throw new Error(`no rule for ${selector}`);
  const found: Record<string, string> = {};
  for (const [, name, value] of (block[1] ?? "").matchAll(/--([\w-]+)\s*:\s*([^;]+);/g)) {
    if (name && value) found[name] = value.trim();
  }
  return found;
}
