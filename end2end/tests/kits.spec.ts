import AxeBuilder from "@axe-core/playwright";
import { type Page, type BrowserContext } from "@playwright/test";
import { test, expect, joinAs } from "./fixtures";

/**
 * The kit library: demo kits, filters, reading, publishing versions offline,
 * comparing them, attachments (offline, the size limit), runs whose
 * checklists are shared between devices, and bodies that cannot run code.
 *
 * Tests that write create their own kit, named after the Playwright project,
 * so the phone and desktop runs never touch each other's kits.
 */

/** Creates a kit through the editor (as a facilitator) and opens it. */
async function newKit(page: Page, title: string, body: string, steps: [string, string][] = []) {
  await page.goto("/kits");
  await page.getByRole("link", { name: "Nouveau kit" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Nouveau kit");
  await page.getByLabel("Titre", { exact: true }).fill(title);
  await page.getByLabel("Résumé").fill(`Résumé de ${title}`);
  await page.getByLabel("Texte du kit (Markdown)").fill(body);
  for (const [phase, step] of steps) {
    await page.getByRole("button", { name: "Ajouter une étape" }).click();
    const row = page.locator("li.step-row").last();
    await row.getByLabel("Phase ou jour").fill(phase);
    await row.getByLabel("Étape", { exact: true }).fill(step);
  }
  await page.getByRole("button", { name: "Publier" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(title);
  await expect(page.locator("p.kit-version")).toContainText("Version 1");
  return page.url();
}

async function device(browser: import("@playwright/test").Browser, access: "member" | "facilitator", name: string) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await joinAs(page, access, name);
  return { context, page };
}

async function synced(page: Page) {
  await expect(page.locator('p.sync[data-pending="0"]').first()).toBeAttached({ timeout: 15_000 });
}

test("the demo kits are listed with their version, format and audience, and filter by format", async ({ page }) => {
  await joinAs(page, "member", "Lectrice");
  await page.goto("/kits");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Kits");
  const card = page.locator("article.kit-card").filter({ hasText: "Créer un groupe local" });
  await expect(card).toBeVisible();
  await expect(card).toContainText("v1");
  await expect(card).toContainText("Format");
  const all = await page.locator("article.kit-card").count();
  // Nothing is wider than the screen, even on a 360 px phone.
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  expect(all).toBeGreaterThanOrEqual(5);

  await page.getByLabel("Format").selectOption({ label: "Formation à distance" });
  await expect(page.locator("article.kit-card").filter({ hasText: "Parcours ré_action" })).toBeVisible();
  await expect(card).toHaveCount(0);
  await page.getByLabel("Format").selectOption({ label: "Tous" });
  await expect(page.locator("article.kit-card")).toHaveCount(all);

  // Reading the ré_action path: steps grouped by day, the maintainer's pôle.
  await page.getByRole("link", { name: "Parcours ré_action : agir en une semaine" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Parcours ré_action : agir en une semaine");
  await expect(page.locator("section.kit-steps h3").first()).toBeVisible();
  expect(await page.locator("section.kit-steps .phase").count()).toBeGreaterThan(1);
  await expect(page.locator(".kit-body")).not.toBeEmpty();

  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21aa"]).analyze();
  expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);
});

test("a kit body with <script> and a javascript: link renders inert text", async ({ page }, info) => {
  await joinAs(page, "facilitator", "Facilitatrice");
  let dialogs = 0;
  page.on("dialog", async (dialog) => {
    dialogs += 1;
    await dialog.dismiss();
  });
  const title = `Kit piégé ${info.project.name}`;
  await newKit(
    page,
    title,
    "Avant\n\n<script>alert('x')</script>\n\n[cliquez ici](javascript:alert(1)) et <img src=x onerror=alert(2)>\n\n[site](https://example.org)",
  );
  const body = page.locator(".kit-body");
  await expect(body).toContainText("<script>alert('x')</script>");
  await expect(body).toContainText("<img src=x onerror=alert(2)>");
  await expect(body.locator("script, img")).toHaveCount(0);
  await expect(body.getByText("cliquez ici")).toBeVisible();
  await expect(body.locator('a[href^="javascript"]')).toHaveCount(0);
  await expect(body.getByRole("link", { name: "site" })).toHaveAttribute("href", "https://example.org");
  await body.getByText("cliquez ici").click();
  expect(dialogs).toBe(0);
});

test("a kit edited offline shows version 2 with its changelog on another device, and the comparison shows the change", async ({ browser }, info) => {
  const a = await device(browser, "facilitator", "Rédactrice");
  const b = await device(browser, "facilitator", "Relectrice");
  const title = `Kit à réviser ${info.project.name}`;
  const url = await newKit(a.page, title, "Trouver une salle.\n\nPrévenir les voisins.");
  await synced(a.page);

  await b.page.goto(url);
  await expect(b.page.locator("p.kit-version")).toContainText("Version 1");

  await a.context.setOffline(true);
  await a.page.getByRole("link", { name: "Modifier le kit" }).click();
  await a.page.getByLabel("Texte du kit (Markdown)").fill("Trouver une salle accessible.\n\nPrévenir les voisins.");
  await a.page.getByRole("button", { name: "Publier" }).click();
  await expect(a.page.getByRole("alert")).toHaveText("Dites en une ligne ce qui change dans cette version.");
  await a.page.getByLabel("Ce qui change dans cette version").fill("Salle accessible en fauteuil");
  await a.page.getByRole("button", { name: "Publier" }).click();
  await expect(a.page.locator("p.kit-version")).toContainText("Version 2");
  await expect(b.page.locator("p.kit-version")).toContainText("Version 1");

  await a.context.setOffline(false);
  await expect(b.page.locator("p.kit-version")).toContainText("Version 2", { timeout: 20_000 });
  await expect(b.page.locator("p.kit-version")).toContainText("Salle accessible en fauteuil");
  // Version 1 stays readable.
  await b.page.locator("section.kit-versions").getByRole("link", { name: "Version 1" }).click();
  await expect(b.page.getByText("Vous lisez une version antérieure de ce kit.")).toBeVisible();
  await expect(b.page.locator(".kit-body")).toContainText("Trouver une salle.");

  await b.page.getByRole("link", { name: "Lire la version actuelle" }).click();
  await b.page.getByRole("link", { name: "Comparer les versions" }).click();
  const diff = b.page.locator("ol.kit-diff").first();
  await expect(diff.locator("li.removed")).toContainText("Trouver une salle.");
  await expect(diff.locator("li.added")).toContainText("Trouver une salle accessible.");
  await expect(diff.locator("li.added mark")).toContainText("accessible");
  await a.context.close();
  await b.context.close();
});

test("starting a kit gives a checklist whose progress is shared between two devices", async ({ browser }, info) => {
  const a = await device(browser, "facilitator", "Coordinatrice");
  const title = `Kit à dérouler ${info.project.name}`;
  await newKit(a.page, title, "Trois étapes.", [
    ["Jour 1", "Réserver la salle"],
    ["Jour 1", "Imprimer l'affiche"],
    ["Jour 2", "Faire le bilan"],
  ]);
  await a.page.getByRole("button", { name: "Démarrer ce kit" }).click();
  await a.page.getByLabel("Pour un groupe local").check();
  await a.page.getByLabel("Nom du groupe").fill(`Groupe de Nantes ${info.project.name}`);
  await a.page.getByRole("button", { name: "Démarrer", exact: true }).click();
  await expect(a.page).toHaveURL(/\/kits\?run=/);
  await expect(a.page.locator("p.lede")).toHaveText(`Groupe Groupe de Nantes ${info.project.name}`);
  await expect(a.page.locator("li.check")).toHaveCount(3);
  await synced(a.page);

  const b = await device(browser, "member", "Bénévole du groupe");
  await b.page.goto(a.page.url());
  await expect(b.page.locator("li.check")).toHaveCount(3);

  await a.page.getByRole("checkbox", { name: "Réserver la salle — Jour 1" }).check();
  await b.page.getByRole("checkbox", { name: "Faire le bilan — Jour 2" }).check();
  for (const page of [a.page, b.page]) {
    await expect(page.getByRole("checkbox", { name: "Réserver la salle — Jour 1" })).toBeChecked({ timeout: 15_000 });
    await expect(page.getByRole("checkbox", { name: "Faire le bilan — Jour 2" })).toBeChecked({ timeout: 15_000 });
    await expect(page.locator("p.run-progress")).toContainText("2 étape(s) faite(s) sur 3");
  }

  // Finishing asks for feedback, which the kit then shows.
  await b.page.getByRole("button", { name: "Terminer" }).click();
  await b.page.getByLabel("Idées").check();
  await b.page.getByLabel("Votre retour (facultatif)").fill("Prévoir une affiche en anglais");
  await b.page.getByRole("button", { name: "Terminer et envoyer" }).click();
  await expect(b.page.getByRole("status").filter({ hasText: "Terminé" })).toBeVisible();
  await b.page.getByRole("link", { name: "Retour au kit" }).click();
  await expect(b.page.locator('.feedback-column[data-kind="idea"]')).toContainText("Prévoir une affiche en anglais");
  await a.context.close();
  await b.context.close();
});

async function attach(page: Page, name: string, mimeType: string, buffer: Buffer) {
  await page.getByLabel("Ajouter une pièce jointe").setInputFiles({ name, mimeType, buffer });
}

test("an attachment over the limit gets a clear error and the kit is unchanged", async ({ page }, info) => {
  await joinAs(page, "facilitator", "Archiviste");
  const title = `Kit trop lourd ${info.project.name}`;
  const url = await newKit(page, title, "Un kit.");
  await page.getByRole("link", { name: "Modifier le kit" }).click();
  const big = Buffer.alloc(11 * 1024 * 1024, 0x25);
  big.write("%PDF-1.4\n");
  await attach(page, "enorme.pdf", "application/pdf", big);
  await expect(page.getByRole("alert")).toHaveText("Le fichier fait 11,0 Mo ; la limite est de 10,0 Mo.");
  await expect(page.locator(".kit-files-editor li")).toHaveCount(0);
  await page.goto(url);
  await expect(page.locator("p.kit-version")).toContainText("Version 1");
  await expect(page.locator("section.kit-attachments")).toHaveCount(0);
});

test("an attachment opens offline after 'make available offline'", async ({ browser }, info) => {
  const a = await device(browser, "facilitator", "Affichiste");
  const title = `Kit avec affiche ${info.project.name}`;
  await newKit(a.page, title, "Avec une liste du matériel.");
  await a.page.getByRole("link", { name: "Modifier le kit" }).click();
  await attach(a.page, "materiel.txt", "text/plain", Buffer.from(`Liste du matériel ${info.project.name}\n- tables\n- chaises\n`));
  await expect(a.page.locator(".kit-files-editor li")).toContainText("materiel.txt");
  await a.page.getByLabel("Ce qui change dans cette version").fill("Liste du matériel");
  await a.page.getByRole("button", { name: "Publier" }).click();
  await expect(a.page.locator("p.kit-version")).toContainText("Version 2");
  await synced(a.page);

  const b = await device(browser, "member", "Lecteur hors ligne");
  await b.page.goto(a.page.url());
  const files = b.page.locator("section.kit-attachments");
  await expect(files).toContainText("materiel.txt");
  await expect(files.getByRole("status")).toContainText("0 pièce(s) jointe(s) sur 1");
  await files.getByRole("button", { name: "Rendre disponible hors ligne" }).click();
  await expect(files.getByRole("status")).toContainText("Disponible hors ligne");

  await b.context.setOffline(true);
  await b.page.reload();
  await expect(b.page.locator("section.kit-attachments").getByRole("status")).toContainText("Disponible hors ligne");
  const link = b.page.locator("section.kit-attachments").getByRole("link", { name: "materiel.txt" });
  const [opened] = await Promise.all([b.context.waitForEvent("page"), link.click()]);
  await expect(opened.locator("body")).toContainText(`Liste du matériel ${info.project.name}`);
  await a.context.close();
  await b.context.close();
});

test("a kit prints without the app's controls", async ({ page }) => {
  await joinAs(page, "member", "Imprimeur");
  await page.goto("/kits");
  await page.getByRole("link", { name: "Créer un groupe local" }).click();
  await expect(page.getByRole("button", { name: "Imprimer" })).toBeVisible();
  await page.emulateMedia({ media: "print" });
  await expect(page.getByRole("button", { name: "Imprimer" })).toBeHidden();
  await expect(page.locator("nav.navigation")).toBeHidden();
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  await expect(page.locator("section.kit-steps")).toBeVisible();
});
