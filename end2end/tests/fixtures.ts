import { test as base, expect, type Page } from "@playwright/test";

/** The views, their paths and their titles in both languages. */
export const VIEWS = [
  { key: "cartography", path: "/cartographie", fr: "Cartographie", en: "Map" },
  { key: "governance", path: "/gouvernance", fr: "Gouvernance", en: "Governance" },
  { key: "kits", path: "/kits", fr: "Kits", en: "Kits" },
  { key: "territory", path: "/territoire", fr: "Territoire", en: "Territory" },
  { key: "settings", path: "/reglages", fr: "Réglages", en: "Settings" },
] as const;

/**
 * A page that fails the test on any uncaught error or console error, so a
 * release build that "succeeds" but breaks at start cannot pass.
 */
export const test = base.extend<{ errors: string[] }>({
  errors: async ({ page }, use) => {
    const errors: string[] = [];
    page.on("pageerror", (error) => errors.push(`page error: ${error.message}`));
    page.on("console", (message) => {
      if (message.type() === "error") errors.push(`console error: ${message.text()}`);
    });
    await use(errors);
    expect(errors, "the app logged errors").toEqual([]);
  },
});

export { expect };

/** Waits until the app has mounted and shows the heading of a view. */
export async function expectView(page: Page, title: string) {
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(title);
}

/** The main navigation landmark, whatever the language. */
export function navigation(page: Page) {
  return page.locator("nav.navigation");
}
