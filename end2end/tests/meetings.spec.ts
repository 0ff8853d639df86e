import AxeBuilder from "@axe-core/playwright";
import { test, expect, joinAs } from "./fixtures";
import type { Page } from "@playwright/test";

/** Creates a thematic meeting with two participants and opens its page. */
async function createMeeting(page: Page, title: string, length?: string) {
  await page.goto("/gouvernance?vue=reunions");
  await expect(page.getByRole("heading", { level: 2, name: "Réunions" })).toBeVisible();
  await page.getByRole("button", { name: "Nouvelle réunion" }).click();
  const form = page.locator("form.new-meeting");
  await form.getByLabel("Modèle").selectOption("thematic");
  await form.getByLabel("Titre", { exact: true }).fill(title);
  await form.getByLabel("Thème (un seul)").fill("Le temps de parole");
  if (length) await form.getByLabel("Durée (minutes)").fill(length);
  await form.getByRole("checkbox", { name: "Sandrine" }).check();
  await form.getByRole("checkbox", { name: "Carole" }).check();
  await form.getByRole("button", { name: "Créer la réunion" }).click();
  await expect(page).toHaveURL(/reunion=/);
  await expect(page.getByRole("heading", { level: 2, name: title })).toBeVisible();
}

/** A participant's tile in the speaking-time tracker. */
function speaker(page: Page, name: string) {
  return page.locator(".speaker").filter({ hasText: name });
}

/** The button a facilitator taps when `name` starts (or stops) speaking. */
function tap(page: Page, name: string) {
  return speaker(page, name).locator("button.speaker-tap");
}

test.beforeEach(async ({ page }) => {
  await page.clock.install();
});

test("a meeting with 3 timeboxed items runs with the console, two speakers tracked, totals shown, a decision recorded and found in the log", async ({
  page,
}) => {
  // Both projects share one server: names carry the project's.
  const device = test.info().project.name;
  const meeting = `Réunion COHÉSION de novembre (${device})`;
  const decision = `Adopter le tour de parole chronométré ${device}`;
  await joinAs(page, "facilitator", "Camille");
  await createMeeting(page, meeting);

  // The thematic template's four items, trimmed to three; the first one shortened.
  const agenda = page.locator("section.agenda");
  await expect(agenda.locator(".agenda-item")).toHaveCount(4);
  await agenda.getByRole("button", { name: /Retirer.*Tour de clôture/ }).click();
  await expect(agenda.locator(".agenda-item")).toHaveCount(3);
  const first = agenda.getByLabel("Durée du point 1 en minutes");
  await first.fill("2");
  await first.press("Enter");
  await expect(agenda.locator(".agenda-check")).toContainText(/Prévu\s*:\s*67 min sur 90 min/);
  await expect(agenda.locator(".agenda-check")).toContainText(/Reste 23 min/);

  // Item 1 starts; the countdown reads from the clock.
  const console = page.locator("section.console");
  await console.getByRole("button", { name: "Commencer la réunion" }).click();
  await expect(console.locator(".console-item")).toHaveText("Présentation du thème");
  await expect(console.locator(".console-next")).toContainText("Discussion du thème");
  await expect(console.locator(".countdown")).toHaveText(/^(2:00|1:5\d)$/);

  // Sandrine speaks for 1:30, then Carole for 0:45.
  await tap(page, "Sandrine").click();
  await expect(tap(page, "Sandrine")).toHaveAttribute("aria-pressed", "true");
  await page.clock.fastForward("01:30");
  await expect(speaker(page, "Sandrine")).toContainText("1:30");
  await expect(console.locator(".countdown")).toHaveText(/^0:(30|2\d)$/);
  // The tiles are not redrawn as the clock runs: the tapped one keeps the focus.
  await expect(tap(page, "Sandrine")).toBeFocused();
  await tap(page, "Carole").click();
  await expect(tap(page, "Carole")).toHaveAttribute("aria-pressed", "true");
  await expect(tap(page, "Sandrine")).toHaveAttribute("aria-pressed", "false");
  await page.clock.fastForward("00:45");

  // Totals and shares; the item is over its timebox, shown in red as "+0:15".
  await expect(speaker(page, "Sandrine")).toContainText(/1:30 · 6\d\s*%/);
  await expect(speaker(page, "Carole")).toContainText(/0:4\d · 3\d\s*%/);
  await expect(console.locator(".speaking-total")).toContainText(/2:1\d/);
  await expect(console.locator(".balance meter")).toBeVisible();
  await expect(console.locator(".countdown")).toHaveText(/^\+0:1\d$/);
  await expect(console.locator(".console-clock")).toHaveClass(/over/);
  await expect(console.locator("[aria-live]")).toContainText("dépasse son temps");

  // The next item.
  await console.getByRole("button", { name: "Point suivant" }).click();
  await expect(console.locator(".console-item")).toHaveText("Discussion du thème");
  await expect(console.locator(".console-clock")).not.toHaveClass(/over/);
  await expect(console.locator(".console-next")).toContainText("Décisions");

  // A decision recorded from the meeting.
  await page.getByRole("button", { name: "Enregistrer une décision" }).click();
  const form = page.locator("form.decision-form");
  await form.getByLabel("Titre de la décision").fill(decision);
  await form.getByLabel("Texte").fill("Chaque point a une durée.\nLa console suit le temps de parole.");
  await form.getByLabel("Mode de décision").selectOption("consent");
  await form.getByRole("button", { name: "Enregistrer la décision" }).click();
  const decisions = page.locator("section.meeting-decisions");
  await expect(decisions.getByRole("heading", { name: decision })).toBeVisible();

  // Found in the log by search.
  await page.locator('nav.tabs a[data-tab="decisions"]').click();
  await expect(page.getByRole("heading", { level: 2, name: "Décisions" })).toBeVisible();
  await page.getByRole("searchbox", { name: "Rechercher" }).fill(`tour parole chrono ${device}`);
  const log = page.locator("section.decision-log");
  const card = log.locator(".decision").filter({ hasText: decision });
  await expect(card).toBeVisible();
  await expect(card).toContainText("Consentement");
  await expect(card).toContainText(meeting);
  await expect(card.locator(".plain-text")).toContainText("La console suit le temps de parole.");
  await page.getByRole("searchbox", { name: "Rechercher" }).fill("introuvable zzz");
  await expect(log.locator(".decision")).toHaveCount(0);
});

test("speaking totals survive going offline and a reload: they are stored as timestamps", async ({ page, context }) => {
  await joinAs(page, "facilitator", "Dominique");
  await createMeeting(page, "Réunion qui recharge");
  // The app is installed (its service worker controls the page) before the network goes.
  await page.evaluate(() => navigator.serviceWorker.ready);
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, { timeout: 15_000 });
  // The meeting itself has reached the server; what follows happens offline.
  await expect(page.locator("p.sync")).toHaveAttribute("data-pending", "0", { timeout: 15_000 });
  await context.setOffline(true);
  const console = page.locator("section.console");
  await console.getByRole("button", { name: "Commencer la réunion" }).click();
  await tap(page, "Sandrine").click();
  await page.clock.fastForward("01:30");
  await tap(page, "Carole").click();
  await expect(speaker(page, "Sandrine")).toContainText("1:30");
  await console.getByRole("button", { name: "Arrêter le chrono de parole" }).click();
  await expect(tap(page, "Carole")).toHaveAttribute("aria-pressed", "false");

  await page.reload();
  await expect(page.getByRole("heading", { level: 2, name: "Réunion qui recharge" })).toBeVisible();
  await expect(speaker(page, "Sandrine")).toContainText("1:30");
  await expect(page.locator("section.console .console-item")).toHaveText("Présentation du thème");
  // Back online, the turns reach the server unchanged.
  await context.setOffline(false);
  await expect(page.locator("p.sync")).toHaveAttribute("data-pending", "0", { timeout: 15_000 });
  await page.reload();
  await expect(speaker(page, "Sandrine")).toContainText("1:30");
});

test("an agenda longer than the meeting shows by how much it is over", async ({ page }) => {
  await joinAs(page, "facilitator", "Alix");
  await createMeeting(page, "Réunion trop courte", "60");
  const check = page.locator("section.agenda .agenda-check");
  await expect(check).toContainText(/Prévu\s*:\s*90 min sur 60 min/);
  await expect(check).toHaveClass(/over/);
  await expect(check).toContainText("Dépasse la durée de la réunion de 30 min");

  // One more item makes it worse; shortening items brings it back within.
  const agenda = page.locator("section.agenda");
  await agenda.getByLabel("Nouveau point").fill("Questions diverses");
  await agenda.getByLabel("Durée (minutes)").fill("5");
  await agenda.getByRole("button", { name: "Ajouter le point" }).click();
  await expect(check).toContainText("Dépasse la durée de la réunion de 35 min");
  const discussion = agenda.getByLabel("Durée du point 2 en minutes");
  await discussion.fill("10");
  // Leaving the field saves it; the keyboard moves on to the item's next control.
  await discussion.press("Tab");
  await expect(agenda.getByRole("button", { name: /Monter.*Discussion du thème/ })).toBeFocused();
  await expect(check).not.toHaveClass(/over/);
  await expect(check).toContainText(/Prévu\s*:\s*60 min sur 60 min/);
});

test("a retrospective has its three columns, and minutes per item are kept", async ({ page }) => {
  const device = test.info().project.name;
  await joinAs(page, "facilitator", "Maëlle");
  await page.goto("/gouvernance?vue=reunions");
  await page.getByRole("button", { name: "Nouvelle réunion" }).click();
  const form = page.locator("form.new-meeting");
  await form.getByLabel("Modèle").selectOption("retrospective");
  await expect(form.getByLabel("Durée (minutes)")).toHaveValue("60");
  await form.getByLabel("Titre", { exact: true }).fill(`Rétrospective outils ${device}`);
  await form.getByLabel("Thème (un seul)").fill("Nos outils numériques");
  await form.getByRole("button", { name: "Créer la réunion" }).click();
  await expect(page).toHaveURL(/reunion=/);

  const agenda = page.locator("section.agenda .agenda-item");
  await expect(agenda).toHaveCount(4);
  const feedback = page.locator("section.feedback");
  for (const [kind, column, text] of [
    ["worked", "Ce qui a marché", "Le pad partagé"],
    ["didnt", "Ce qui n’a pas marché", "Trop d’outils"],
    ["idea", "Idées", "Un seul outil libre"],
  ]) {
    const box = feedback.locator(`.feedback-column[data-kind="${kind}"]`);
    await expect(box.getByRole("heading", { name: column })).toBeVisible();
    await box.getByRole("textbox").fill(text);
    await box.getByRole("button", { name: "Ajouter" }).click();
    await expect(box.locator("li")).toContainText(text);
  }

  const minutes = page.locator("section.minutes");
  const notes = minutes.getByLabel(/Notes.*Ce qui a marché/);
  await notes.fill("Le pad a servi à chaque réunion.\nÀ garder.");
  await notes.blur();
  await page.reload();
  await expect(page.locator("section.minutes").getByLabel(/Notes.*Ce qui a marché/)).toHaveValue(
    "Le pad a servi à chaque réunion.\nÀ garder.",
  );
  await expect(page.locator('.feedback-column[data-kind="didnt"] li')).toContainText("Trop d’outils");
});

test("members read a meeting but cannot run it", async ({ page, browser, baseURL }) => {
  await joinAs(page, "facilitator", "Noa");
  await createMeeting(page, "Réunion lue par un membre");
  const address = new URL(page.url());

  // Another device joins as a member.
  const other = await browser.newContext({ baseURL });
  const member = await other.newPage();
  await joinAs(member, "member", "Lou");
  await member.goto(address.pathname + address.search);
  await expect(member.getByRole("heading", { level: 2, name: "Réunion lue par un membre" })).toBeVisible();
  await expect(member.locator("section.agenda .agenda-item")).toHaveCount(4);
  await expect(member.locator("section.agenda .agenda-check")).toContainText(/90 min sur 90 min/);
  await expect(member.locator("section.agenda input")).toHaveCount(0);
  await expect(member.getByRole("button", { name: "Commencer la réunion" })).toHaveCount(0);
  await expect(member.getByRole("button", { name: "Enregistrer une décision" })).toHaveCount(0);
  await expect(member.locator(".speaker button")).toHaveCount(0);
  await other.close();
});

test("a running meeting's page and the decisions log have no detectable accessibility violations", async ({ page }) => {
  await joinAs(page, "facilitator", "Sacha");
  await createMeeting(page, "Réunion accessible");
  await page.locator("section.console").getByRole("button", { name: "Commencer la réunion" }).click();
  await tap(page, "Sandrine").click();
  await expect(tap(page, "Sandrine")).toHaveAttribute("aria-pressed", "true");
  const scan = async () => {
    const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21aa"]).analyze();
    return results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
  };
  expect(await scan()).toEqual([]);
  await page.locator('nav.tabs a[data-tab="decisions"]').click();
  await expect(page.getByRole("heading", { level: 2, name: "Décisions" })).toBeVisible();
  expect(await scan()).toEqual([]);
});
