import { defineConfig } from "vitest/config";

// End-to-end journeys in the real app window (tauri-driver + WebKitWebDriver). One window at a
// time: tests share the driver's port and the display.
export default defineConfig({
  test: {
    include: ["e2e/**/*.e2e.ts"],
    environment: "node",
    fileParallelism: false,
    testTimeout: 120_000,
    hookTimeout: 120_000,
    reporters: ["verbose"],
  },
});
