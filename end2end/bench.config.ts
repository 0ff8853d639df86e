import { defineConfig } from "@playwright/test";

// Browser benchmarks (`cargo xtask bench-browser`): one desktop Chromium, one worker,
// nothing else running in the page. Figures go to docs/benchmarks.md.
export default defineConfig({
  testDir: "./bench",
  testMatch: "**/*.bench.ts",
  timeout: 600_000,
  expect: { timeout: 120_000 },
  workers: 1,
  retries: 0,
  reporter: [["list"]],
  use: {
    baseURL: process.env.ARCHIPEL_URL ?? "http://127.0.0.1:8080",
    viewport: { width: 1280, height: 800 },
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-background-networking",
        "--disable-component-update",
        "--no-first-run",
      ],
    },
  },
});
