import { defineConfig } from "vitest/config";

// The README's screenshot (`cargo xtask screenshot`): not a test, so not among the journeys.
export default defineConfig({
  test: {
    include: ["e2e/screenshot.shot.ts"],
    environment: "node",
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
