import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import { test, expect, joinAs, panel } from "./fixtures";

// Every scenario changes the shared demo collective: each project (phone,
// desktop) works on its own people and pôles, named after it.

const PEOPLE = "/gouvernance?vue=personnes";

/** `YYYY-MM-DD` (what a date input takes) and `DD/MM/YYYY` (what French shows), `days` from today (UTC, like the app). */
function dayFromToday(days: number): { typed: string; shown: string } {
  const typed = new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
  const [year, month, day] = typed.split("-");
  return { typed, shown: `${day}/${month}/${year}` };
}

/** Opens the pôle `name` in the map's panel through the fly-to search. */
async function openPole(page: Page, query: string, name: string) {
  await page.goto("/cartographie");
  await page.getByPlaceholder("Chercher un pôle ou une personne").fill(query);
  await page.getByRole("button", { name, exact: true }).click();
  await expect(panel(page).getByRole("heading", { level: 2 })).toHaveText(name);
}

/** A facilitator gives `person` the role `role` in the open pôle's panel. */
async function assignRole(page: Page, person: string, role: string) {
  const sheet = panel(page);
  await sheet.getByLabel(/^Personne/).selectOption({ label: person });
  await sheet.getByLabel(/^Rôle/).selectOption({ label: role });
  await sheet.getByRole("button", { name: "Attribuer le rôle" }).click();
  await expect(sheet.locator("section.people")).toContainText(person);
}

async function expectNoAxeViolations(page: Page) {
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21aa"]).analyze();
  expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);
}

test("a member lists their skills, switches off until a date, their role shows at risk then covered, and one tap switches back on", async ({
  page,
  browser,
}, info) => {
  const member = `Léa ${info.project.name}`;
  const facilitator = `Noa ${info.project.name}`;
  const [poleQuery, poleName] =
    info.project.name === "phone" ? ["covisoin", "COVISOIN"] : ["pediatrique", "COLLECTIF SANTÉ PÉDIATRIQUE"];

  await joinAs(page, "member", member);
  await page.goto(PEOPLE);
  await expect(page.getByRole("heading", { level: 2, name: "Ma disponibilité" })).toBeVisible();
  await expect(page.getByText("Vous n’avez pas de rôle en ce moment.")).toBeVisible();

  // Their own page: the title takes the focus; they give the skills an open need asks for.
  await page.getByRole("link", { name: "Ma page : compétences et temps disponible" }).click();
  const title = page.getByRole("heading", { level: 2, name: member });
  await expect(title).toBeFocused();
  await page.getByRole("button", { name: "Modifier mon profil" }).click();
  await page.getByLabel("Compétences", { exact: true }).fill("facilitation, gouvernance partagée");
  await page.getByLabel("Heures par semaine").fill("2");
  await page.getByRole("button", { name: "Enregistrer" }).click();
  const facts = page.locator(".people-facts");
  await expect(facts).toContainText("gouvernance partagée");
  await expect(facts).toContainText("2 h/semaine");
  await expect(page.getByText("Disponible.", { exact: true })).toBeVisible();

  // A facilitator gives them a role nobody else holds.
  const other = await browser.newContext();
  const desk = await other.newPage();
  await joinAs(desk, "facilitator", facilitator, "map");
  await openPole(desk, poleQuery, poleName);
  await assignRole(desk, member, "accueil des bénévoles");
  // Their skills make them a suggestion for COHÉSION's open facilitator need.
  const board = await other.newPage();
  await board.goto("/gouvernance?vue=besoins");
  const need = board.locator("li.need").filter({
    has: board.getByRole("heading", { level: 3, name: "Facilitateur·trice du pôle COHÉSION", exact: true }),
  });
  const suggested = need.locator("li.suggestion").filter({ hasText: member });
  await expect(suggested).toBeVisible({ timeout: 15_000 });
  await expect(suggested).toContainText("2 compétence(s) sur 2");

  await page.getByRole("link", { name: "← Toutes les personnes" }).click();
  const roles = page.locator(".people-covers");
  await expect(roles).toContainText(`accueil des bénévoles — ${poleName}`, { timeout: 15_000 });
  await expect(roles).toContainText("assuré");

  // Off until next week: the role has nobody else, so it is at risk.
  const back = dayFromToday(7);
  await page.getByLabel("Jusqu’au (facultatif)").fill(back.typed);
  const toggle = page.getByRole("button", { name: "Je fais une pause" });
  await expect(toggle).toHaveAttribute("aria-pressed", "false");
  await toggle.click();
  await expect(toggle).toHaveAttribute("aria-pressed", "true");
  await expect(page.getByText(`Vous êtes en pause jusqu’au ${back.shown}.`)).toBeVisible();
  await expect(roles).toContainText("à risque");
  // Someone on a break is suggested for nothing.
  await expect(suggested).toHaveCount(0, { timeout: 15_000 });

  // Their page says so too.
  await page.getByRole("link", { name: "Ma page : compétences et temps disponible" }).click();
  await expect(page.getByText(`En pause jusqu’au ${back.shown}.`)).toBeVisible();
  await page.getByRole("link", { name: "← Toutes les personnes" }).click();
  // Focus comes back to the link that opened the page.
  await expect(page.getByRole("link", { name: "Ma page : compétences et temps disponible" })).toBeFocused();

  // Someone else takes the same role: it is covered while they are off.
  await assignRole(desk, facilitator, "accueil des bénévoles");
  await expect(roles).toContainText(`couvert par ${facilitator}`, { timeout: 15_000 });
  await other.close();

  // Back on in one tap.
  await toggle.click();
  await expect(toggle).toHaveAttribute("aria-pressed", "false");
  await expect(page.getByText("Vous êtes disponible.")).toBeVisible();
  await expect(roles).toContainText("assuré");
  await expectNoAxeViolations(page);
});

test("a facilitator names a newcomer's tutor and the checklist shows one step of three", async ({ page, browser }, info) => {
  const tutor = `Tom ${info.project.name}`;
  const newcomer = `Zoé ${info.project.name}`;
  await joinAs(page, "facilitator", tutor);
  const other = await browser.newContext();
  const phone = await other.newPage();
  await joinAs(phone, "member", newcomer);

  await page.goto(PEOPLE);
  const card = page.locator("li.people-arrival").filter({ has: page.getByRole("link", { name: newcomer, exact: true }) });
  await expect(card).toContainText("0 étape(s) sur 3", { timeout: 15_000 });
  await expect(card).toContainText("Pas encore de tuteur·trice");
  await card.getByLabel(`Tuteur·trice de ${newcomer}`).selectOption({ label: tutor });
  await card.getByRole("button", { name: "Nommer" }).click();
  await expect(card).toContainText("1 étape(s) sur 3");
  await expect(card).toContainText(`Tuteur·trice : ${tutor}`);
  await expect(card).toContainText("Pas encore de kit lancé");
  await expect(card).toContainText("Pas encore de tâche prise");
  await expectNoAxeViolations(page);

  // The newcomer sees their checklist, without the facilitator's controls, and their tutor on their page.
  await phone.goto(PEOPLE);
  const mine = phone.locator("li.people-arrival").filter({ has: phone.getByRole("link", { name: newcomer, exact: true }) });
  await expect(mine).toContainText("1 étape(s) sur 3", { timeout: 15_000 });
  await expect(mine.getByRole("button", { name: "Nommer" })).toHaveCount(0);
  await mine.getByRole("link", { name: newcomer, exact: true }).click();
  await expect(phone.locator(".people-facts")).toContainText(tutor);
  await other.close();
});

test("leaving cannot complete until the role is handed over; then the person is no longer among its holders and their page lists it as past", async ({
  page,
}, info) => {
  const successor = `Rémi ${info.project.name}`;
  const [leaver, poleQuery, poleName] =
    info.project.name === "phone" ? ["Fabien", "reinfosante", "REINFOSANTE"] : ["Vincent", "reinfoliberte", "REINFOLIBERTE"];
  const role = `référent·e — ${poleName}`;
  await joinAs(page, "facilitator", successor, "map");
  await page.goto(PEOPLE);

  await page.getByLabel("Personne qui part").selectOption({ label: leaver });
  await page.getByRole("button", { name: "Commencer le départ" }).click();
  const card = page.locator("article.people-leaving").filter({ hasText: `Départ de ${leaver}` });
  await expect(card).toContainText("Encore 1 chose à transmettre.");
  await expect(card).toContainText(role);
  const complete = card.getByRole("button", { name: "Terminer le départ" });
  await expect(complete).toBeDisabled();

  await card.getByLabel(`Qui reprend : ${role}`).selectOption({ label: successor });
  await card.getByRole("button", { name: "Transmettre" }).click();
  await expect(card).toContainText("Tout est transmis : le départ peut se terminer.");
  await expect(complete).toBeEnabled();
  await complete.click();
  await expect(card).toHaveCount(0);
  await expect(page.getByLabel("Personne qui part").locator("option", { hasText: leaver })).toHaveCount(0);

  // "Who has already worked on" the pôle finds both, the leaver's role as past; their page lists it.
  await page.getByLabel("Sujet (pôle, mission, tâche, kit)").fill(poleQuery);
  const worked = page.locator(".people-worked");
  await expect(worked).toContainText(`${role} (passé)`);
  await expect(worked).toContainText(`${role} (en cours)`);
  await worked.getByRole("link", { name: leaver, exact: true }).click();
  await expect(page.getByRole("heading", { level: 2, name: leaver })).toBeFocused();
  await expect(page.getByText("A quitté le collectif.")).toBeVisible();
  await expect(page.locator(".people-past")).toContainText(role);
  await expect(page.locator(".people-past")).toContainText(/du \d\d\/\d\d\/\d{4} au \d\d\/\d\d\/\d{4}|jusqu’au \d\d\/\d\d\/\d{4}/);
  await expectNoAxeViolations(page);

  // On the map, the pôle's holders are the successor, not the leaver.
  await openPole(page, poleQuery, poleName);
  const holders = panel(page).locator("section.people");
  await expect(holders).toContainText(successor);
  await expect(holders).not.toContainText(leaver);
});

test("the skills directory ignores accents and opens a person's page from a name", async ({ page }, info) => {
  const member = `Inès ${info.project.name}`;
  await joinAs(page, "member", member);
  await page.goto(PEOPLE);
  await page.getByRole("link", { name: "Ma page : compétences et temps disponible" }).click();
  await page.getByRole("button", { name: "Modifier mon profil" }).click();
  await page.getByLabel("Compétences", { exact: true }).fill("Bénévolat, cuisine");
  await page.getByRole("button", { name: "Enregistrer" }).click();
  await expect(page.locator(".people-facts")).toContainText("Bénévolat");
  await page.getByRole("link", { name: "← Toutes les personnes" }).click();

  await page.getByLabel("Chercher une compétence ou une personne").fill("benevolat");
  const skills = page.locator(".people-skills");
  const entry = skills.locator("li").filter({ hasText: /^Bénévolat/ });
  await expect(entry).toHaveCount(1);
  await expect(entry.getByRole("link", { name: member, exact: true })).toBeVisible();
  await expect(skills).not.toContainText("cuisine");

  await entry.getByRole("link", { name: member, exact: true }).click();
  await expect(page).toHaveURL(/vue=personnes&personne=/);
  await expect(page.getByRole("heading", { level: 2, name: member })).toBeFocused();
  await expect(page.locator(".people-facts")).toContainText("cuisine");
  // Someone else's page has no profile form.
  await page.getByRole("link", { name: "← Toutes les personnes" }).click();
  await page.getByLabel("Chercher une compétence ou une personne").fill("carole");
  await page.locator(".people-names").getByRole("link", { name: "Carole", exact: true }).click();
  await expect(page.getByRole("heading", { level: 2, name: "Carole" })).toBeFocused();
  await expect(page.locator(".people-page")).toContainText("référent·e — COMPRENDRE");
  await expect(page.getByRole("button", { name: "Modifier mon profil" })).toHaveCount(0);
  await expectNoAxeViolations(page);
});
