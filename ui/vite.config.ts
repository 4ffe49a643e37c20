import { svelte } from "@sveltejs/vite-plugin-svelte";
import { defineConfig } from "vite";

// The app is served from Tauri's embedded assets; there is no dev server in the loop.
export default defineConfig({
  plugins: [svelte()],
  clearScreen: false,
  build: {
    target: "safari15",
    outDir: "dist",
    emptyOutDir: true,
    // Styles go to a file (CSP allows `style-src 'self'` only).
    cssCodeSplit: false,
  },
  test: {
    include: ["src/**/*.test.ts"],
    environment: "node",
  },
});
