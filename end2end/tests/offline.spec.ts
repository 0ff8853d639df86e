import { test, expect, expectView } from "./fixtures";

test("the network badge follows the connection and explains what offline means", async ({ page, context }) => {
  await page.goto("/cartographie");
  await expectView(page, "Cartographie");
  const status = page.locator(".network");
  await expect(status).toHaveAttribute("data-online", "true");
  await expect(status).toContainText("En ligne");

  await context.setOffline(true);
  await expect(status).toHaveAttribute("data-online", "false");
  await expect(status).toContainText("Hors ligne");
  await expect(status).toContainText("restent sur cet appareil");

  await context.setOffline(false);
  await expect(status).toContainText("En ligne");
});

test("settings show the local database open and empty on a new device", async ({ page, errors }) => {
  await page.goto("/reglages");
  await expectView(page, "Réglages");
  await expect(page.locator(".storage-status")).toHaveText("Base locale ouverte : aucun enregistrement.");
  await page.getByRole("button", { name: "English" }).click();
  await expect(page.locator(".storage-status")).toHaveText("Local database open: no records.");
  expect(errors).toEqual([]);
});

test("the language chosen in settings is the one the radio group shows", async ({ page }) => {
  await page.goto("/reglages");
  await expectView(page, "Réglages");
  await expect(page.getByRole("radio").first()).toHaveAccessibleName("Français");
  await expect(page.getByRole("radio", { name: "Français" })).toBeChecked();
  await page.getByRole("radio", { name: "English" }).check();
  await expectView(page, "Settings");
  await expect(page.getByRole("radio", { name: "English" })).toBeChecked();
});
