import { defineConfig } from "vitest/config";

// The installed package's journey in the real window; `cargo xtask package-test` installs the
// .deb before it and removes it after.
export default defineConfig({
  test: {
    include: ["e2e/installed.package.ts"],
    environment: "node",
    testTimeout: 120_000,
    hookTimeout: 120_000,
    reporters: ["verbose"],
  },
});
