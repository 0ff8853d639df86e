import AxeBuilder from "@axe-core/playwright";
import { test, expect, joinAs, pole, rename, asAdmin } from "./fixtures";

// These scenarios change the shared demo collective: each renames its own pôles.
test.describe.configure({ mode: "serial" });

test("joining from an invitation downloads the collective and shows its pôles", async ({ page }, info) => {
  test.skip(info.project.name !== "desktop", "one device class is enough for the data flow");
  await joinAs(page, "member", "Julia");
  await expect(pole(page, "LUMIÈRE")).toContainText("Référent·es : Maximilien, Stéphane");
  await expect(pole(page, "LUMIÈRE")).toContainText("Fonctions : NL, Site web");
  // A member reads; renaming is for facilitators.
  await expect(pole(page, "LUMIÈRE").getByRole("button", { name: "Renommer" })).toHaveCount(0);
  await page.getByRole("link", { name: "Réglages" }).click();
  await expect(page.getByText("en tant que membre, sous le nom Julia")).toBeVisible();
  await expect(page.locator(".last-sync")).toContainText(/Dernière synchronisation à \d\d:\d\d/);
  await expect(page.locator(".sync")).toContainText("À jour");
  for (const path of ["/cartographie", "/reglages"]) {
    await page.goto(path);
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21aa"]).analyze();
    expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);
  }
});

test("an invitation already used says so", async ({ page, browser }, info) => {
  test.skip(info.project.name !== "phone", "checked once, on a phone");
  const { body } = await asAdmin("POST", "/api/invites", { access: "member", max_uses: 1 });
  const other = await browser.newContext();
  const first = await other.newPage();
  await first.goto(`/rejoindre#${body.token}`);
  await first.getByLabel("Votre prénom ou pseudonyme").fill("Ira");
  await first.getByRole("button", { name: "Rejoindre" }).click();
  await expect(first).toHaveURL(/\/cartographie$/);
  await other.close();
  await page.goto(`/rejoindre#${body.token}`);
  await expect(page.getByRole("alert")).toHaveText(
    "Cette invitation a déjà servi autant de fois que prévu : demandez-en une nouvelle.",
  );
});

test("two devices edit offline, converge, and the concurrent edit can be restored", async ({ browser }, info) => {
  test.skip(info.project.name !== "desktop", "one device class is enough for the data flow");
  const one = await browser.newContext();
  const two = await browser.newContext();
  const claire = await one.newPage();
  const yann = await two.newPage();
  await joinAs(claire, "facilitator", "Claire");
  await joinAs(yann, "facilitator", "Yann");

  await one.setOffline(true);
  await two.setOffline(true);
  await rename(claire, "TÉMOIGNER", "TÉMOIGNER (Claire)");
  await rename(claire, "ARTISTES", "ARTISTES & CULTURE");
  await rename(yann, "TÉMOIGNER", "TÉMOIGNER (Yann)");
  await expect(claire.locator(".sync")).toContainText("2 modifications en attente");

  await one.setOffline(false);
  await expect(claire.locator(".sync")).toContainText("À jour", { timeout: 15_000 });
  await two.setOffline(false);
  await expect(yann.locator(".sync")).toContainText("À jour", { timeout: 15_000 });

  // Server order: Yann's rename arrived last and wins; Claire's is kept as a conflict.
  for (const page of [claire, yann]) {
    await expect(pole(page, "TÉMOIGNER (Yann)")).toBeVisible({ timeout: 15_000 });
    await expect(pole(page, "ARTISTES & CULTURE")).toBeVisible({ timeout: 15_000 });
    await expect(pole(page, "TÉMOIGNER (Yann)").locator(".conflict")).toContainText(
      "« TÉMOIGNER (Claire) » a été remplacé par « TÉMOIGNER (Yann) »",
    );
  }
  await pole(claire, "TÉMOIGNER (Yann)").getByRole("button", { name: "Remettre « TÉMOIGNER (Claire) »" }).click();
  for (const page of [claire, yann]) {
    await expect(pole(page, "TÉMOIGNER (Claire)")).toBeVisible({ timeout: 15_000 });
    await expect(pole(page, "TÉMOIGNER (Claire)").locator(".conflict")).toHaveCount(0);
  }
  await one.close();
  await two.close();
});

test("another device sees a rename live, without reloading", async ({ browser }, info) => {
  test.skip(info.project.name !== "desktop", "one device class is enough for the data flow");
  const phone = await (await browser.newContext()).newPage();
  const projector = await (await browser.newContext()).newPage();
  await joinAs(phone, "facilitator", "Marie");
  await joinAs(projector, "member", "Projecteur");
  await rename(phone, "DIPLOMATES", "DIPLOMATES · relations");
  await expect(pole(projector, "DIPLOMATES · relations")).toBeVisible({ timeout: 5_000 });
});

test("an edit refused by the server stays visible with its reason, to redo or discard", async ({ browser }, info) => {
  test.skip(info.project.name !== "desktop", "one device class is enough for the data flow");
  const context = await browser.newContext();
  const page = await context.newPage();
  await joinAs(page, "facilitator", "Sophie (démo)");
  await context.setOffline(true);
  await rename(page, "COMPRENDRE", "COMPRENDRE · science");
  // Meanwhile an admin makes her a member again.
  const { body: devices } = await asAdmin("GET", "/api/devices");
  const sophie = devices.find((device: { display_name: string }) => device.display_name === "Sophie (démo)");
  const { status } = await asAdmin("PUT", `/api/members/${sophie.member_id}/access`, { access: "member" });
  expect(status).toBe(204);
  await context.setOffline(false);
  const link = page.getByRole("link", { name: "1 modification non appliquée" });
  await expect(link).toBeVisible({ timeout: 15_000 });
  await expect(pole(page, "COMPRENDRE")).toBeVisible();
  await link.click();
  const refused = page.locator(".refused-op");
  await expect(refused).toContainText("Raison : Votre rôle dans le collectif ne permet pas cette modification.");
  await expect(refused.getByRole("button", { name: "Refaire" })).toBeVisible();
  await refused.getByRole("button", { name: "Abandonner" }).click();
  await expect(page.getByText("Toutes vos modifications ont été appliquées.")).toBeVisible();
  await context.close();
});

test("changes made offline survive closing the tab", async ({ browser }, info) => {
  test.skip(info.project.name !== "desktop", "one device class is enough for the data flow");
  const context = await browser.newContext();
  const page = await context.newPage();
  await joinAs(page, "facilitator", "Florence");
  await context.setOffline(true);
  await rename(page, "SOIGNANTS", "SOIGNANTS · soin");
  await page.close();
  await context.setOffline(false);
  const again = await context.newPage();
  await again.goto("/cartographie");
  await expect(pole(again, "SOIGNANTS · soin")).toBeVisible();
  await expect(again.locator(".sync")).toContainText("À jour", { timeout: 15_000 });
  const watcher = await (await browser.newContext()).newPage();
  await joinAs(watcher, "member", "Vérification");
  await expect(pole(watcher, "SOIGNANTS · soin")).toBeVisible();
  await context.close();
});

test("tabs of one browser share edits made offline, without the network", async ({ browser }, info) => {
  test.skip(info.project.name !== "desktop", "one device class is enough for the data flow");
  const context = await browser.newContext();
  const first = await context.newPage();
  await joinAs(first, "facilitator", "Anne");
  const second = await context.newPage();
  await second.goto("/cartographie");
  await expect(pole(second, "COLLECTIFS")).toBeVisible();
  await context.setOffline(true);
  await rename(first, "COLLECTIFS", "COLLECTIFS · réseau");
  await expect(pole(second, "COLLECTIFS · réseau")).toBeVisible();
  await expect(second.locator(".sync")).toContainText("1 modification en attente");
  await context.setOffline(false);
  for (const page of [first, second]) {
    await expect(page.locator(".sync")).toContainText("À jour", { timeout: 15_000 });
  }
  await context.close();
});

test("a revoked device says so and keeps its unsent changes, exportable", async ({ browser }, info) => {
  test.skip(info.project.name !== "desktop", "one device class is enough for the data flow");
  const context = await browser.newContext();
  const page = await context.newPage();
  await joinAs(page, "facilitator", "Laurence (démo)");
  await context.setOffline(true);
  await rename(page, "SYNDICAT", "SYNDICAT · santé");
  const { body: devices } = await asAdmin("GET", "/api/devices");
  const device = devices.find((d: { display_name: string }) => d.display_name === "Laurence (démo)");
  expect((await asAdmin("DELETE", `/api/devices/${device.id}`)).status).toBe(204);
  await context.setOffline(false);
  await expect(page.locator(".sync")).toContainText("Accès révoqué", { timeout: 15_000 });
  await expect(pole(page, "SYNDICAT · santé")).toBeVisible();
  await page.getByRole("link", { name: "Réglages" }).click();
  await expect(page.getByRole("alert")).toContainText("L’accès de cet appareil au collectif a été révoqué.");
  const download = page.waitForEvent("download");
  await page.getByRole("button", { name: "Exporter mes modifications non envoyées (JSON)" }).click();
  const file = await download;
  const path = await file.path();
  const { readFileSync } = await import("node:fs");
  const exported = JSON.parse(readFileSync(path!, "utf8"));
  expect(exported.pending).toHaveLength(1);
  expect(JSON.stringify(exported.pending[0])).toContain("SYNDICAT · santé");
  await context.close();
});

test("a reload while offline shows the app and every local edit", async ({ browser }, info) => {
  test.skip(info.project.name !== "desktop", "one device class is enough for the data flow");
  const context = await browser.newContext();
  const page = await context.newPage();
  await joinAs(page, "facilitator", "Isabelle");
  // The service worker has cached the app shell once it controls the page.
  await page.evaluate(() => navigator.serviceWorker.ready);
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, { timeout: 15_000 });
  await context.setOffline(true);
  await rename(page, "COHÉSION", "COHÉSION · soin du groupe");
  await page.reload();
  await expect(pole(page, "COHÉSION · soin du groupe")).toBeVisible();
  await expect(page.locator(".network")).toContainText("Hors ligne");
  await expect(page.locator(".sync")).toContainText("1 modification en attente");
  // Another view, reached offline by its address.
  await page.goto("/reglages");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Réglages");
  await context.setOffline(false);
  await page.goto("/cartographie");
  await expect(page.locator(".sync")).toContainText("À jour", { timeout: 15_000 });
  await context.close();
});
