import { writeFileSync } from "node:fs";
import { test, expect, type Page } from "@playwright/test";
import { joinBench } from "./join";

/**
 * The cartography on a generated collective (`cargo xtask bench-browser`):
 * - first frame: from the device's data read out of IndexedDB (`data-loaded`
 *   mark) to the first frame showing the whole map (`map-first-frame`), over
 *   cold reloads;
 * - pan and zoom: wheel events every animation frame for three seconds, the
 *   frame intervals the browser achieved meanwhile.
 */

const out = process.env.ARCHIPEL_BENCH_OUT ?? "bench-results.json";
const reloads = Number(process.env.ARCHIPEL_BENCH_RELOADS ?? "5");

function quantile(sorted: number[], q: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
}

async function marks(page: Page) {
  await page.waitForFunction(() => performance.getEntriesByName("map-first-frame").length > 0, null, {
    timeout: 120_000,
  });
  return page.evaluate(() => {
    const at = (name: string) => performance.getEntriesByName(name)[0]?.startTime ?? NaN;
    return { dataLoaded: at("data-loaded"), firstFrame: at("map-first-frame") };
  });
}

test("map: first frame after the data is loaded, and pan/zoom frame times", async ({ page }) => {
  await joinBench(page);
  await expect(page.locator(".map-layer g.node").first()).toBeVisible();
  const nodes = await page.locator(".map-layer g.node").count();

  const starts = [];
  for (let run = 0; run < reloads; run += 1) {
    await page.reload();
    const { dataLoaded, firstFrame } = await marks(page);
    starts.push({ dataLoaded, firstFrame, render: firstFrame - dataLoaded });
  }

  const intervals: number[] = await page.evaluate(async () => {
    const area = document.querySelector(".map-area") as HTMLElement;
    const rect = area.getBoundingClientRect();
    const seen: number[] = [];
    let last = performance.now();
    const end = last + 3_000;
    let frame = 0;
    await new Promise<void>((resolve) => {
      const tick = (now: number) => {
        seen.push(now - last);
        last = now;
        frame += 1;
        const zoomingIn = Math.floor(frame / 45) % 2 === 0;
        area.dispatchEvent(
          new WheelEvent("wheel", {
            deltaY: zoomingIn ? -30 : 30,
            clientX: rect.left + rect.width / 2 + 150 * Math.sin(frame / 20),
            clientY: rect.top + rect.height / 2 + 100 * Math.cos(frame / 25),
            bubbles: true,
            cancelable: true,
          }),
        );
        if (now < end) requestAnimationFrame(tick);
        else resolve();
      };
      requestAnimationFrame(tick);
    });
    return seen.slice(2);
  });
  const sorted = [...intervals].sort((a, b) => a - b);
  const total = intervals.reduce((sum, value) => sum + value, 0);
  const renders = starts.map((start) => start.render).sort((a, b) => a - b);
  const result = {
    nodes,
    first_frame_ms: { median: quantile(renders, 0.5), max: renders[renders.length - 1], runs: starts },
    pan_zoom: {
      frames: intervals.length,
      fps: (1000 * intervals.length) / total,
      frame_ms_median: quantile(sorted, 0.5),
      frame_ms_p95: quantile(sorted, 0.95),
      frame_ms_max: sorted[sorted.length - 1],
    },
  };
  writeFileSync(out, JSON.stringify(result, null, 2));
  console.log(JSON.stringify(result, null, 2));
  expect(nodes).toBeGreaterThan(0);
});
