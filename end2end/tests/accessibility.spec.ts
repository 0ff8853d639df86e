import AxeBuilder from "@axe-core/playwright";
import { test, expect, VIEWS, expectView } from "./fixtures";

for (const view of VIEWS) {
  test(`${view.path} has no detectable accessibility violations`, async ({ page }) => {
    await page.goto(view.path);
    await expectView(page, view.fr);
    // Settings reads the local database: wait for its answer before scanning.
    if (view.key === "settings") {
      await expect(page.locator(".storage-status")).toContainText("Base locale ouverte");
    }
    const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21aa"]).analyze();
    const summary = results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
    expect(summary).toEqual([]);
  });
}

test("the keyboard reaches the skip link first, then the content", async ({ page }) => {
  await page.goto("/territoire");
  await expectView(page, "Territoire");
  await page.keyboard.press("Tab");
  const skip = page.getByRole("link", { name: "Aller au contenu" });
  await expect(skip).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(page.locator("main")).toBeFocused();
});

test("the navigation is usable with the keyboard alone", async ({ page }) => {
  await page.goto("/cartographie");
  await expectView(page, "Cartographie");
  const kits = page.locator("nav.navigation").getByRole("link", { name: "Kits", exact: true });
  await kits.focus();
  await page.keyboard.press("Enter");
  await expectView(page, "Kits");
});
