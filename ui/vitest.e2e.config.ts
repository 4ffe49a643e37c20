import { defineConfig } from "vitest/config";

// End-to-end journeys in the real app window (tauri-driver + WebKitWebDriver). One window at a
// time: the tests share the display, and two apps at once would only slow each other down.
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
