import { test, expect, VIEWS, expectView, navigation } from "./fixtures";

test("the navigation is a bottom bar on phones and a side bar on wide screens", async ({ page }, info) => {
  await page.goto("/kits");
  await expectView(page, "Kits");
  const viewport = page.viewportSize()!;
  const box = (await navigation(page).boundingBox())!;
  if (info.project.name === "phone") {
    expect(box.y + box.height).toBeCloseTo(viewport.height, 0);
    expect(box.width).toBeCloseTo(viewport.width, 0);
    expect(box.height).toBeLessThan(100);
  } else {
    expect(box.x).toBe(0);
    expect(box.width).toBeLessThan(viewport.width / 3);
    expect(box.height).toBeGreaterThan(viewport.height / 2);
  }
});

test("no view scrolls sideways and every navigation target is at least 44 px tall", async ({ page }) => {
  for (const view of VIEWS) {
    await page.goto(view.path);
    await expectView(page, view.fr);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow, `${view.path} scrolls sideways`).toBeLessThanOrEqual(0);
  }
  for (const link of await navigation(page).getByRole("link").all()) {
    const box = (await link.boundingBox())!;
    expect(box.height).toBeGreaterThanOrEqual(44);
  }
});

test("the content is never hidden behind the bottom bar", async ({ page }) => {
  await page.goto("/cartographie");
  await expectView(page, "Cartographie");
  await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
  const lastItem = page.locator(".coming li").last();
  const item = (await lastItem.boundingBox())!;
  const nav = (await navigation(page).boundingBox())!;
  if (nav.y > item.y) {
    expect(item.y + item.height).toBeLessThanOrEqual(nav.y);
  }
});
