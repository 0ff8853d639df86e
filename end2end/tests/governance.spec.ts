import { test, expect, joinAs, mapNode, panel } from "./fixtures";
import type { Page } from "@playwright/test";

/** The Roles tab's card of the pôle named `name`. */
function poleCard(page: Page, name: string) {
  return page.locator("li.pole-health").filter({ has: page.getByRole("heading", { level: 3, name: new RegExp(`^${name}\\b`) }) });
}

/** The open need titled `title` on the Needs tab. */
function needCard(page: Page, title: string) {
  return page.locator("li.need").filter({ has: page.getByRole("heading", { level: 3, name: title, exact: true }) });
}

/** The task card titled `title` inside `scope`. */
function taskCard(scope: ReturnType<Page["locator"]>, title: string) {
  return scope.locator("li.task").filter({ has: scope.page().getByRole("heading", { level: 4, name: title }) });
}

test("a vacancy becomes a need, an offer matches it, and accepting fills the role on the map", async ({ browser }, info) => {
  test.skip(info.project.name !== "desktop", "fills a demo vacancy: once per run");
  const facilitatorContext = await browser.newContext();
  const memberContext = await browser.newContext();
  const facilitator = await facilitatorContext.newPage();
  const member = await memberContext.newPage();
  await joinAs(facilitator, "facilitator", "Fatou", "map");
  await joinAs(member, "member", "Inès");

  // The map shows LUMIÈRE without anyone welcoming volunteers; its panel links to the board.
  await expect(mapNode(facilitator, "LUMIÈRE")).toHaveAttribute("aria-label", /rôles vacants\s:[^—]*accueil des bénévoles/);
  await mapNode(facilitator, "LUMIÈRE").click();
  await panel(facilitator).locator(".vacancies li").filter({ hasText: "accueil des bénévoles" }).getByRole("link", { name: "Voir le besoin" }).click();
  await expect(facilitator.getByRole("heading", { level: 1 })).toHaveText("Gouvernance");
  const card = poleCard(facilitator, "LUMIÈRE");
  await expect(card).toHaveClass(/highlight/);

  // One tap turns the vacancy into a need.
  const welcome = card.locator("li.role-row").filter({ hasText: "accueil des bénévoles" });
  await welcome.getByRole("button", { name: "Publier un besoin" }).click();
  await welcome.getByRole("link", { name: "Besoin publié : voir les propositions" }).click();
  const need = needCard(facilitator, "accueil des bénévoles — LUMIÈRE");
  await expect(need).toHaveClass(/highlight/);
  await need.getByRole("button", { name: "Modifier" }).click();
  await need.getByLabel("Compétences").fill("accueil, écoute");
  await need.getByLabel("Heures par semaine").fill("2");
  await need.getByRole("button", { name: "Enregistrer" }).click();
  await expect(need.getByText("Compétences recherchées : accueil, écoute")).toBeVisible();

  // A member offers help from their own phone.
  await member.goto("/gouvernance?vue=besoins");
  await member.getByText("Proposer mon aide").click();
  await member.getByLabel("Compétences").first().fill("Accueil, cuisine");
  await member.getByLabel("Heures par semaine").first().fill("3");
  await member.getByRole("button", { name: "Envoyer ma proposition" }).click();
  await expect(member.getByText("Proposition enregistrée.")).toBeVisible();

  // The board suggests her, and says why.
  const suggestion = need.locator("li.suggestion").filter({ hasText: "Inès" });
  await expect(suggestion).toBeVisible({ timeout: 15_000 });
  await expect(suggestion).toContainText("1 compétence(s) sur 2 (accueil) · 3 h/semaine (2 demandées)");
  await suggestion.getByRole("button", { name: "Accepter Inès" }).click();
  await suggestion.getByLabel("Tuteur ou tutrice").selectOption({ label: "Fatou" });
  await suggestion.getByRole("button", { name: "Confirmer et attribuer le rôle" }).click();
  await expect(needCard(facilitator, "accueil des bénévoles — LUMIÈRE")).toHaveCount(0);
  // The acceptance reaches the server before the facilitator's page reloads below.
  await expect(facilitator.locator("p.sync")).toHaveAttribute("data-pending", "0", { timeout: 15_000 });

  // The role is held, on the board and on the map.
  await facilitator.goto("/gouvernance?vue=roles");
  await facilitator.getByLabel("Seulement les pôles incomplets").uncheck();
  await expect(poleCard(facilitator, "LUMIÈRE").locator("li.role-row").filter({ hasText: "accueil des bénévoles" })).toContainText("Inès");
  await facilitator.goto("/cartographie");
  await expect(mapNode(facilitator, "LUMIÈRE")).toBeVisible();
  await expect(mapNode(facilitator, "LUMIÈRE")).not.toHaveAttribute("aria-label", /rôles vacants\s:[^—]*accueil des bénévoles/);
  // The member's offer is marked accepted on her device.
  await member.goto("/gouvernance?vue=besoins");
  await expect(member.locator(".my-offers")).toContainText("acceptée", { timeout: 15_000 });
  await facilitatorContext.close();
  await memberContext.close();
});

test("a member takes a 30-minute task offline and it is taken on another device after sync", async ({ browser }, info) => {
  test.skip(info.project.name !== "desktop", "takes a demo task: once per run");
  const phoneContext = await browser.newContext();
  const laptopContext = await browser.newContext();
  const phone = await phoneContext.newPage();
  const laptop = await laptopContext.newPage();
  await joinAs(phone, "member", "Basile");
  await joinAs(laptop, "member", "Awa");
  const title = "Écrire trois messages de remerciement aux bénévoles du mois";

  await laptop.goto("/gouvernance?vue=taches");
  const laptopPool = laptop.locator("ul.tasks").last();
  await expect(taskCard(laptopPool, title)).toBeVisible();

  await phone.goto("/gouvernance?vue=taches");
  await phone.getByLabel("Temps disponible").selectOption({ label: "J’ai 30 min" });
  const pool = phone.locator("ul.tasks").last();
  await expect(taskCard(pool, title)).toBeVisible();
  await expect(pool.locator("li.task")).toHaveCount(1);

  await phoneContext.setOffline(true);
  await taskCard(pool, title).getByRole("button", { name: `Je la prends — ${title}` }).click();
  const mine = phone.locator("section.my-tasks");
  await expect(taskCard(mine, title)).toBeVisible();
  await expect(taskCard(pool, title)).toHaveCount(0);
  // Still taken after a reload with no network: it waits on the device.
  await phone.reload();
  await expect(taskCard(phone.locator("section.my-tasks"), title)).toBeVisible();
  await expect(taskCard(laptopPool, title)).toBeVisible();

  await phoneContext.setOffline(false);
  await expect(taskCard(laptopPool, title)).toHaveCount(0, { timeout: 15_000 });
  await phoneContext.close();
  await laptopContext.close();
});

test("guests see nothing of governance", async ({ page }) => {
  await joinAs(page, "guest", "Invitée");
  await page.goto("/gouvernance");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Gouvernance");
  await expect(page.getByText("La gouvernance du collectif est réservée à ses membres.")).toBeVisible();
  await expect(page.locator("nav.tabs")).toHaveCount(0);
});

test("members see the roles board but cannot post needs or assign roles", async ({ page }) => {
  await joinAs(page, "member", "Marin");
  await page.goto("/gouvernance?vue=roles");
  await expect(page.locator("li.pole-health").first()).toBeVisible();
  await expect(page.getByRole("button", { name: "Publier un besoin" })).toHaveCount(0);
  await expect(page.getByText("Attribuer un rôle")).toHaveCount(0);
  // The tabs are links that keep their place in the address.
  await page.locator("nav.tabs").getByRole("link", { name: "Tâches" }).click();
  await expect(page).toHaveURL(/vue=taches/);
  await expect(page.locator("nav.tabs").getByRole("link", { name: "Tâches" })).toHaveAttribute("aria-current", "page");
});
