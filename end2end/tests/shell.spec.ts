import { test, expect, VIEWS, expectView, navigation } from "./fixtures";

test("the release build mounts and opens on the cartography, in French", async ({ page, errors }) => {
  await page.goto("/");
  await expect(page).toHaveURL(/\/cartographie$/);
  await expectView(page, "Cartographie");
  await expect(page.locator("html")).toHaveAttribute("lang", "fr");
  expect(errors).toEqual([]);
});

test("every view is reachable from the navigation, in French", async ({ page, errors }) => {
  await page.goto("/cartographie");
  await expectView(page, "Cartographie");
  for (const view of VIEWS) {
    const link = navigation(page).getByRole("link", { name: view.fr, exact: true });
    await link.click();
    await expect(page).toHaveURL(new RegExp(`${view.path}$`));
    await expectView(page, view.fr);
    await expect(link).toHaveAttribute("aria-current", "page");
  }
  expect(errors).toEqual([]);
});

test("switching to English translates every view and survives a reload", async ({ page, errors }) => {
  await page.goto("/cartographie");
  await expectView(page, "Cartographie");
  await page.getByRole("button", { name: "English" }).click();
  await expectView(page, "Map");
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  for (const view of VIEWS) {
    await navigation(page).getByRole("link", { name: view.en, exact: true }).click();
    await expect(page).toHaveURL(new RegExp(`${view.path}$`));
    await expectView(page, view.en);
  }
  await page.reload();
  await expectView(page, "Settings");
  await page.getByRole("button", { name: "Français" }).click();
  await expectView(page, "Réglages");
  expect(errors).toEqual([]);
});

test("a shared link to a view opens that view directly", async ({ page, errors }) => {
  for (const view of VIEWS) {
    await page.goto(view.path);
    await expectView(page, view.fr);
  }
  expect(errors).toEqual([]);
});

test("an unknown address says so and leads back", async ({ page, errors }) => {
  await page.goto("/nulle-part");
  await expectView(page, "Page introuvable");
  await page.getByRole("link", { name: "Retour à la cartographie" }).click();
  await expectView(page, "Cartographie");
  expect(errors).toEqual([]);
});

test("empty views say what will be there and show no made-up data", async ({ page }) => {
  await page.goto("/gouvernance");
  await expectView(page, "Gouvernance");
  await expect(page.getByText("Rien n’est encore enregistré sur cet appareil.")).toBeVisible();
  await expect(page.getByRole("heading", { level: 2, name: "Ce qui viendra ici" })).toBeVisible();
  await expect(page.locator(".coming li")).not.toHaveCount(0);
});
