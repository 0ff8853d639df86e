import { readFileSync, writeFileSync } from "node:fs";
import { test, expect, expectView, joinAs } from "./fixtures";

test.describe.configure({ mode: "serial" });

test("the manifest makes the app installable, in French and English", async ({ request }, info) => {
  test.skip(info.project.name !== "desktop", "the manifest is the same for every device");
  const response = await request.get("/manifest.webmanifest");
  expect(response.ok()).toBe(true);
  const manifest = await response.json();
  expect(manifest.display).toBe("standalone");
  expect(manifest.start_url).toBe("/cartographie");
  expect(manifest.lang).toBe("fr");
  expect(manifest.description).toContain("collectifs citoyens");
  expect(manifest.translations.en.description).toContain("citizen collectives");
  const sizes = manifest.icons.map((icon: { sizes: string }) => icon.sizes);
  expect(sizes).toEqual(expect.arrayContaining(["192x192", "512x512"]));
  expect(manifest.icons.some((icon: { purpose?: string }) => icon.purpose === "maskable")).toBe(true);
  for (const icon of manifest.icons) {
    const file = await request.get(icon.src);
    expect(file.ok(), icon.src).toBe(true);
    expect(file.headers()["content-type"]).toMatch(/^image\//);
  }
});

test("settings show the space the app uses on the device", async ({ page }, info) => {
  test.skip(info.project.name !== "phone", "checked on a phone");
  await joinAs(page, "member", "Mihuma");
  await page.getByRole("link", { name: "Réglages" }).click();
  await expect(page.locator(".storage-use")).toContainText(/Espace utilisé sur cet appareil\s:\s[\d,]+\s(ko|Mo|Go) sur [\d,]+\s(ko|Mo|Go) disponibles\./);
  await expect(page.locator(".storage-persisted")).not.toBeEmpty();
});

test("a new version is offered with a reload button, never forced", async ({ page }, info) => {
  test.skip(info.project.name !== "desktop", "one device class is enough");
  await page.goto("/kits");
  await expectView(page, "Kits");
  await page.evaluate(() => navigator.serviceWorker.ready);
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, { timeout: 15_000 });
  // Something typed that a forced reload would lose.
  await page.evaluate(() => ((window as unknown as { typed: string }).typed = "brouillon"));
  // Deploy a new version: the server now serves a different service worker.
  const path = "../dist/sw.js";
  const original = readFileSync(path, "utf8");
  try {
    writeFileSync(path, original.replace(/const VERSION = "([0-9a-f]+)"/, 'const VERSION = "$1-next"'));
    await page.evaluate(async () => (await navigator.serviceWorker.getRegistration())?.update());
    const banner = page.getByRole("status").filter({ hasText: "Une nouvelle version d’Archipel est prête." });
    await expect(banner).toBeVisible({ timeout: 15_000 });
    expect(await page.evaluate(() => (window as unknown as { typed?: string }).typed)).toBe("brouillon");
    const reloaded = page.waitForEvent("load", { timeout: 15_000 });
    await banner.getByRole("button", { name: "Recharger" }).click();
    await reloaded;
    expect(await page.evaluate(() => (window as unknown as { typed?: string }).typed)).toBeUndefined();
    await expectView(page, "Kits");
    await expect(banner).toHaveCount(0);
  } finally {
    writeFileSync(path, original);
  }
});
