import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join as joinPath } from "node:path";
import { expect, type Page } from "@playwright/test";

/**
 * Joins the generated collective as its admin. The invitation `cargo xtask
 * bench-browser` prints serves one device, and each benchmark file runs in a
 * browser context of its own: so each join leaves a fresh admin invitation
 * (made with the new device's token) for the next file, in a file named after
 * the run's first invitation.
 */
export async function joinBench(page: Page) {
  const first = process.env.ARCHIPEL_BENCH_INVITE ?? "";
  expect(first, "ARCHIPEL_BENCH_INVITE: the generated collective's admin invitation").not.toBe("");
  const spare = joinPath(tmpdir(), `archipel-bench-${first.slice(0, 16)}.next`);
  const token = existsSync(spare) ? readFileSync(spare, "utf8").trim() : first;
  const joined = page.waitForResponse(
    (response) => response.url().endsWith("/api/join") && response.request().method() === "POST",
  );
  await page.goto(`/rejoindre#${token}`);
  await page.getByLabel("Votre prénom ou pseudonyme").fill("Banc d'essai");
  await page.getByRole("button", { name: "Rejoindre" }).click();
  const device = (await (await joined).json()).device_token as string;
  await expect(page).toHaveURL(/\/cartographie$/);
  const base = process.env.ARCHIPEL_URL ?? "http://127.0.0.1:8080";
  const response = await fetch(`${base}/api/invites`, {
    method: "POST",
    headers: { authorization: `Bearer ${device}`, "content-type": "application/json" },
    body: JSON.stringify({ access: "admin", max_uses: 1 }),
  });
  expect(response.status).toBe(201);
  writeFileSync(spare, (await response.json()).token);
}
