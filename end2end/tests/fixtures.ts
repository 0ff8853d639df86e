import { readFileSync } from "node:fs";
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

const baseURL = process.env.ARCHIPEL_URL ?? "http://127.0.0.1:8080";

function adminToken(): string {
  const saved = JSON.parse(readFileSync(".auth/admin.json", "utf8"));
  if (!saved.token) throw new Error("no admin session: run the suite through `cargo xtask test`");
  return saved.token;
}

/** Calls the API as the demo collective's admin. */
export async function asAdmin(method: string, path: string, body?: unknown) {
  const response = await fetch(`${baseURL}${path}`, {
    method,
    headers: { authorization: `Bearer ${adminToken()}`, "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : null };
}

/** A fresh invitation token for `access`. */
export async function invite(access: "guest" | "member" | "facilitator" | "admin"): Promise<string> {
  const { status, body } = await asAdmin("POST", "/api/invites", { access, max_uses: 1 });
  expect(status).toBe(201);
  return body.token;
}

/**
 * Joins the demo collective in `page` through the invitation page, as a person would,
 * then shows the cartography as the map or as its list (remembered on the device).
 */
export async function joinAs(
  page: Page,
  access: "guest" | "member" | "facilitator" | "admin",
  name: string,
  display: "map" | "list" = "list",
) {
  const token = await invite(access);
  await page.goto(`/rejoindre#${token}`);
  await expect(page.getByText("Vous êtes invité·e à rejoindre")).toBeVisible();
  await page.getByLabel("Votre prénom ou pseudonyme").fill(name);
  await page.getByRole("button", { name: "Rejoindre" }).click();
  await expect(page).toHaveURL(/\/cartographie$/);
  await expect(mapNode(page, "LUMIÈRE")).toBeVisible();
  if (display === "list") {
    await page.getByRole("button", { name: "Liste", exact: true }).click();
    await expect(pole(page, "LUMIÈRE")).toBeVisible();
  }
}

/** The node of the pôle named `name` on the map (its accessible name starts with it). */
export function mapNode(page: Page, name: string) {
  const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  return page.locator(".map-layer").getByRole("button", { name: new RegExp(`^${escaped} —`) });
}

/** The open pôle panel. */
export function panel(page: Page) {
  return page.locator("aside.pole-panel");
}

/** The list item of the pôle currently named `name`. */
export function pole(page: Page, name: string) {
  return page.locator("li.pole").filter({ has: page.getByRole("heading", { level: 2, name, exact: true }) });
}

/** Renames a pôle through its inline form. */
export async function rename(page: Page, from: string, to: string) {
  const item = pole(page, from);
  await item.getByRole("button", { name: "Renommer" }).click();
  await item.getByLabel(`Nouveau nom de ${from}`).fill(to);
  await item.getByRole("button", { name: "Enregistrer" }).click();
  await expect(pole(page, to)).toBeVisible();
}

/** A map tool's button, unfolding the phone's "Outils" menu first when it is folded. */
export async function tool(page: Page, name: string) {
  const button = page.locator(".map-tools").getByRole("button", { name, exact: true });
  if (!(await button.isVisible())) await page.getByRole("button", { name: "Outils" }).click();
  await expect(button).toBeVisible();
  return button;
}
