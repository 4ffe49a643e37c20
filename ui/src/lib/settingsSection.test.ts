import { describe, expect, it } from "vitest";
import { openSettingsForConflicts } from "./openConflicts.svelte";
import { chooseSettingsSection, openSettingsAt, settingsRequested, shownSettingsSection } from "./settingsSection.svelte";

describe("the part of Settings shown", () => {
  it("starts at General and keeps a chosen part without asking the app to move", () => {
    expect(shownSettingsSection()).toBe("general");
    const asked = settingsRequested();
    chooseSettingsSection("bodies");
    expect(shownSettingsSection()).toBe("bodies");
    expect(settingsRequested()).toBe(asked);
  });

  it("opens Settings at a part from elsewhere, and a conflict's way there at Team", () => {
    chooseSettingsSection("general");
    const asked = settingsRequested();
    openSettingsAt("data");
    expect([shownSettingsSection(), settingsRequested()]).toEqual(["data", asked + 1]);
    openSettingsForConflicts();
    expect([shownSettingsSection(), settingsRequested()]).toEqual(["team", asked + 2]);
  });
});
