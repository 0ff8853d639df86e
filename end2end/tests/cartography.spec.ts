import { readFileSync } from "node:fs";
import { test, expect, joinAs, mapNode, panel, asAdmin, tool } from "./fixtures";

// Devices of one shared server, editing distinct demo pôles: run in order.
test.describe.configure({ mode: "serial" });

test("anyone finds LUMIÈRE on the map and reads its missions; members get no editing controls", async ({
  page,
}) => {
  await joinAs(page, "member", "Inès", "map");
  await expect(page.locator(".map-layer g.node")).not.toHaveCount(0);
  // The centre and a partner collective are drawn with the pôles.
  await expect(mapNode(page, "Stratégie")).toBeVisible();
  await page.getByPlaceholder("Chercher un pôle ou une personne").fill("lumiere");
  await page.getByRole("button", { name: "LUMIÈRE", exact: true }).click();
  const sheet = panel(page);
  await expect(sheet.getByRole("heading", { level: 2 })).toHaveText("LUMIÈRE");
  await expect(sheet).toContainText("Mettre en lumière tous les contenus produits par le collectif");
  await expect(sheet.getByRole("heading", { name: "NL", level: 4 })).toBeVisible();
  await expect(sheet).toContainText("Élaborer une NL bimensuelle");
  await expect(sheet).toContainText("Maximilien");
  // The keyboard reaches it too, and Escape closes the panel.
  await expect(mapNode(page, "LUMIÈRE")).toBeFocused();
  await page.keyboard.press("Escape");
  await expect(sheet).toHaveCount(0);
  await page.keyboard.press("Enter");
  await expect(sheet.getByRole("heading", { level: 2 })).toHaveText("LUMIÈRE");
  // A member reads but does not edit.
  await expect(page.getByRole("button", { name: "Ajouter un pôle" })).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Déplacer les pôles" })).toHaveCount(0);
  await expect(sheet.getByRole("button", { name: "Modifier" })).toHaveCount(0);
  await expect(sheet.getByRole("button", { name: "Archiver le pôle" })).toHaveCount(0);
});

test("a pôle added offline by a facilitator appears on another device after reconnecting", async ({
  browser,
}, info) => {
  test.skip(info.project.name !== "desktop", "one device class is enough for the data flow");
  const phone = await browser.newContext();
  const laptop = await browser.newContext();
  const facilitator = await phone.newPage();
  const member = await laptop.newPage();
  await joinAs(facilitator, "facilitator", "Fanny", "map");
  await joinAs(member, "member", "Malik", "map");

  await phone.setOffline(true);
  await (await tool(facilitator, "Ajouter un pôle")).click();
  await facilitator.getByLabel("Nom", { exact: true }).fill("JARDINS PARTAGÉS");
  await facilitator.getByRole("button", { name: "Créer" }).click();
  await expect(mapNode(facilitator, "JARDINS PARTAGÉS")).toBeVisible();
  await expect(panel(facilitator).getByRole("heading", { level: 2 })).toHaveText("JARDINS PARTAGÉS");
  await expect(mapNode(member, "JARDINS PARTAGÉS")).toHaveCount(0);

  await phone.setOffline(false);
  await expect(mapNode(member, "JARDINS PARTAGÉS")).toBeVisible({ timeout: 15_000 });
  await phone.close();
  await laptop.close();
});

test("presentation mode steps through the pôles with the keyboard and a clicker", async ({ page }) => {
  await joinAs(page, "member", "Paul", "map");
  await (await tool(page, "Présenter")).click();
  const view = page.locator("section.cartography");
  await expect(view).toHaveClass(/presenting/);
  await expect(page.locator("nav.navigation")).toBeHidden();
  const heading = panel(page).getByRole("heading", { level: 2 });
  await expect(heading).toHaveText("Stratégie");
  await page.keyboard.press("PageDown");
  const second = await heading.textContent();
  expect(second).not.toBe("Stratégie");
  await page.keyboard.press("ArrowRight");
  await expect(heading).not.toHaveText(second ?? "");
  await page.keyboard.press("PageUp");
  await expect(heading).toHaveText(second ?? "");
  await page.keyboard.press("Escape");
  await page.keyboard.press("Escape");
  await expect(view).not.toHaveClass(/presenting/);
});

test("the timeline shows a pôle as it was before it was archived", async ({ page }, info) => {
  test.skip(info.project.name !== "desktop", "archives a demo pôle: once per run");
  await joinAs(page, "facilitator", "Tom", "map");
  await mapNode(page, "STREETACT").click();
  const sheet = panel(page);
  await sheet.getByRole("button", { name: "Archiver le pôle" }).click();
  await sheet.getByRole("button", { name: "Archiver", exact: true }).click();
  await expect(mapNode(page, "STREETACT")).toHaveCount(0);
  // Wait until the server has it: the timeline reads the server's log.
  await expect
    .poll(async () => {
      const { body } = await asAdmin("GET", "/api/sync/pull?since=0&limit=2000");
      const record = body.records.find(
        (r: { kind: string; values: { text?: string }[] }) => r.kind === "pole" && r.values[0].text === "STREETACT",
      );
      return record?.archived;
    })
    .toBe(true);

  await (await tool(page, "Historique")).click();
  const slider = page.getByLabel("Date affichée");
  await expect(slider).toBeVisible();
  await slider.focus();
  await page.keyboard.press("ArrowLeft");
  await expect(mapNode(page, "STREETACT")).toBeVisible();
  await expect(mapNode(page, "STREETACT")).toHaveAttribute("data-change", "archived");
  await expect(page.locator(".timeline")).toContainText("1 archivé(s)");
  await page.getByRole("button", { name: "Revenir à aujourd’hui" }).click();
  await expect(mapNode(page, "STREETACT")).toHaveCount(0);
});

test("a facilitator nudges a pôle by hand and it stays there after a reload", async ({ page }, info) => {
  test.skip(info.project.name !== "desktop", "moves a demo pôle: once per run");
  await joinAs(page, "facilitator", "Nina", "map");
  const node = mapNode(page, "COVISOIN");
  const before = await node.getAttribute("transform");
  await (await tool(page, "Déplacer les pôles")).click();
  await node.focus();
  const moved = (t: string | null) => {
    const [x, y] = (t ?? "").replace(/[^\d. -]/g, "").trim().split(/\s+/).map(Number);
    return { x, y };
  };
  // Each press moves it 20 units; the redrawn node keeps the focus for the next one.
  await page.keyboard.press("Shift+ArrowRight");
  await expect.poll(async () => moved(await node.getAttribute("transform")).x).toBeGreaterThan(moved(before).x + 10);
  await expect(node).toBeFocused();
  await page.keyboard.press("Shift+ArrowRight");
  await expect.poll(async () => moved(await node.getAttribute("transform")).x).toBeGreaterThan(moved(before).x + 30);
  const after = await node.getAttribute("transform");
  await page.reload();
  await expect(mapNode(page, "COVISOIN")).toHaveAttribute("transform", after ?? "");
});

test("the functions overlay shows who serves each function of the collective", async ({ page }) => {
  await joinAs(page, "member", "Flore", "map");
  await (await tool(page, "Fonctions")).click();
  const legend = page.locator(".coverage");
  await expect(legend.getByRole("listitem")).toHaveCount(5);
  await legend.getByRole("listitem").first().getByRole("button").click();
  await expect(page.locator(".map-layer g.node.dim")).not.toHaveCount(0);
});

test("the SVG export is a valid SVG holding every pôle's name", async ({ page }) => {
  await joinAs(page, "member", "Sacha", "map");
  const downloading = page.waitForEvent("download");
  await (await tool(page, "Exporter en SVG")).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/^archipel-carte-\d{4}-\d{2}-\d{2}\.svg$/);
  const text = readFileSync((await download.path()) ?? "", "utf8");
  // Parsed by the browser's XML parser, not by our code.
  const names = await page.evaluate((svg) => {
    const parsed = new DOMParser().parseFromString(svg, "image/svg+xml");
    if (parsed.querySelector("parsererror") || parsed.documentElement.localName !== "svg") return null;
    return [...parsed.querySelectorAll("text.name")].map((label) =>
      [...label.querySelectorAll("tspan")].map((line) => line.textContent).join(" "),
    );
  }, text);
  expect(names).not.toBeNull();
  // Other test files rename pôles meanwhile: every pôle is there (same count), and
  // every name that did not change during the export is there by name.
  const { body } = await asAdmin("GET", "/api/sync/pull?since=0&limit=2000");
  const live = body.records.filter(
    (r: { kind: string; archived: boolean }) => r.kind === "pole" && !r.archived,
  );
  expect(live.length).toBeGreaterThan(20);
  expect(names).toHaveLength(live.length);
  const exported = new Set(names);
  const renamed = new Set(["TÉMOIGNER", "ARTISTES", "DIPLOMATES", "COMPRENDRE", "SOIGNANTS", "COLLECTIFS", "SYNDICAT", "COHÉSION"]);
  for (const record of live) {
    const name: string = record.values[0].text;
    if (![...renamed].some((original) => name.startsWith(original))) expect(exported).toContain(name);
  }
});
