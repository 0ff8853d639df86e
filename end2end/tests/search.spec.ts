import AxeBuilder from "@axe-core/playwright";
import { test, expect, joinAs, panel } from "./fixtures";
import type { Page } from "@playwright/test";

// The global search (Ctrl/Cmd+K or the top bar's button): every record of the
// device's copy, accent- and case-insensitive, grouped by kind.

function dialog(page: Page) {
  return page.getByRole("dialog", { name: "Recherche" });
}

function box(page: Page) {
  return dialog(page).getByRole("combobox", { name: "Rechercher dans tout le collectif" });
}

function group(page: Page, name: string) {
  return dialog(page).getByRole("group", { name: new RegExp(`^${name} \\(\\d+\\)$`) });
}

test("typing benevoles in the top bar's search finds the pôle that says bénévoles, and Enter opens it on the map", async ({
  page,
  errors,
}) => {
  await joinAs(page, "member", "Inès (recherche)");
  await page.locator("header.topbar").getByRole("button", { name: "Rechercher" }).click();
  await expect(dialog(page)).toBeVisible();
  await expect(box(page)).toBeFocused();
  await box(page).pressSequentially("benevoles");

  const poles = group(page, "Pôles");
  await expect(poles).toBeVisible();
  const cohesion = poles.getByRole("option").filter({ hasText: "COHÉSION" });
  await expect(cohesion).toBeVisible();
  await expect(cohesion.locator("mark")).toHaveText(["bénévoles"]);
  // Other kinds say bénévoles too: needs, tasks, kits…
  await expect(group(page, "Tâches")).toBeVisible();
  await expect(dialog(page).locator("mark").first()).toBeVisible();

  // Pôles come first and the first result is active: Enter opens it.
  const first = dialog(page).getByRole("option").first();
  await expect(first).toHaveAttribute("aria-selected", "true");
  await expect(box(page)).toHaveAttribute("aria-activedescendant", (await first.getAttribute("id")) ?? "");
  await expect(first).toContainText("COHÉSION");
  await box(page).press("Enter");
  await expect(dialog(page)).toBeHidden();
  await expect(page).toHaveURL(/\/cartographie\?pole=[0-9a-f-]+$/);
  await expect(panel(page).getByRole("heading", { name: "COHÉSION" })).toBeVisible();
  expect(errors).toEqual([]);
});

test("Ctrl+K opens the search; arrows move through the results, Enter opens one, Escape closes", async ({ page }) => {
  await joinAs(page, "member", "Inès (clavier)");
  const opener = page.locator("header.topbar").getByRole("button", { name: "Rechercher" });
  await opener.focus();
  await page.keyboard.press("Control+k");
  await expect(dialog(page)).toBeVisible();
  await expect(box(page)).toBeFocused();
  await page.keyboard.type("accueil");
  const options = dialog(page).getByRole("option");
  await expect(options.nth(1)).toBeVisible();
  await expect(options.nth(0)).toHaveAttribute("aria-selected", "true");

  await page.keyboard.press("ArrowDown");
  await expect(options.nth(0)).toHaveAttribute("aria-selected", "false");
  await expect(options.nth(1)).toHaveAttribute("aria-selected", "true");
  await page.keyboard.press("ArrowUp");
  await page.keyboard.press("ArrowUp");
  // Up from the first wraps to the last.
  await expect(options.last()).toHaveAttribute("aria-selected", "true");
  await page.keyboard.press("ArrowDown");
  await expect(options.nth(0)).toHaveAttribute("aria-selected", "true");

  // Escape closes and gives the focus back.
  await page.keyboard.press("Escape");
  await expect(dialog(page)).toBeHidden();
  await expect(opener).toBeFocused();

  // Open again (from the top bar's button): the query is kept; the second result opens with Enter.
  await opener.click();
  await expect(box(page)).toHaveValue("accueil");
  await page.keyboard.press("ArrowDown");
  const href = await options.nth(1).getAttribute("data-href");
  expect(href).toBeTruthy();
  await page.keyboard.press("Enter");
  await expect(dialog(page)).toBeHidden();
  expect(new URL(page.url()).pathname + new URL(page.url()).search).toBe(href);
});

test("a kind filter narrows the results to that kind", async ({ page }) => {
  await joinAs(page, "member", "Inès (filtres)");
  await page.keyboard.press("Control+k");
  await box(page).fill("benevoles");
  const filters = dialog(page).getByRole("group", { name: "Filtrer par type" });
  const tasks = filters.getByRole("button", { name: /^Tâches \d+$/ });
  await expect(tasks).toHaveAttribute("aria-pressed", "false");
  await expect(group(page, "Pôles")).toBeVisible();
  await tasks.click();
  await expect(tasks).toHaveAttribute("aria-pressed", "true");
  await expect(group(page, "Tâches")).toBeVisible();
  await expect(group(page, "Pôles")).toHaveCount(0);
  await expect(dialog(page).getByRole("group", { name: /\(\d+\)$/ })).toHaveCount(1);
  await tasks.click();
  await expect(group(page, "Pôles")).toBeVisible();

  await box(page).fill("zzzqqq");
  await expect(dialog(page).getByRole("status")).toHaveText("Aucun résultat pour « zzzqqq ».");
  await expect(dialog(page).getByRole("option")).toHaveCount(0);
});

test("search works offline: it reads only the device's copy", async ({ page, context }) => {
  await joinAs(page, "member", "Inès (hors ligne)");
  await context.setOffline(true);
  await page.keyboard.press("Control+k");
  await box(page).fill("BÉNÉVOLES");
  await expect(group(page, "Pôles").getByRole("option").filter({ hasText: "COHÉSION" })).toBeVisible();
  await context.setOffline(false);
});

test("the open search dialog has no detectable accessibility violations", async ({ page }) => {
  await joinAs(page, "member", "Inès (accessibilité)");
  await page.keyboard.press("Control+k");
  await box(page).fill("accueil");
  await expect(dialog(page).getByRole("option").first()).toBeVisible();
  const results = await new AxeBuilder({ page })
    .include(".search-dialog")
    .withTags(["wcag2a", "wcag2aa", "wcag21aa"])
    .analyze();
  const summary = results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
  expect(summary).toEqual([]);
});
