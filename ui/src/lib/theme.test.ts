import { describe, expect, it } from "vitest";
import { applyTheme, currentChoice, resolveTheme } from "./theme";

describe("theme", () => {
  it("follows the system only when asked to", () => {
    expect(resolveTheme("system", true)).toBe("dark");
    expect(resolveTheme("system", false)).toBe("light");
    expect(resolveTheme("light", true)).toBe("light");
    expect(resolveTheme("dark", false)).toBe("dark");
  });

  it("applies a choice to the root element at once", () => {
    const root = { dataset: {} as DOMStringMap, style: {} as CSSStyleDeclaration } as HTMLElement;
    expect(currentChoice(root)).toBe("system");
    applyTheme("dark", root);
    expect(root.dataset).toEqual({ themeChoice: "dark", theme: "dark" });
    expect(root.style.colorScheme).toBe("dark");
    expect(currentChoice(root)).toBe("dark");
    applyTheme("light", root);
    expect(root.dataset.theme).toBe("light");
  });
});
