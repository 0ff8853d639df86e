import { writeFileSync } from "node:fs";
import { test, expect, type Page } from "@playwright/test";
import { joinBench } from "./join";

/**
 * The global search on a generated collective (`cargo xtask bench-browser`):
 * - index build: the `search-index-build` measure the app takes around
 *   building the core's index the first time the box opens, the records and
 *   words indexed, and the wasm memory before and after (the dialog's `data-`
 *   attributes);
 * - keystrokes: queries typed letter by letter; for each key, the app's
 *   measures `search-keystroke` (from the input event to its results drawn in
 *   the page), `search-frame` (to the next animation frame, which also waits
 *   for the display's refresh) and `search-query` (the core's grouped query
 *   and the presentation of the shown results).
 *
 * Figures go next to the map's: `<ARCHIPEL_BENCH_OUT without .json>-search.json`.
 */

const out = (process.env.ARCHIPEL_BENCH_OUT ?? "bench-results.json").replace(/\.json$/, "") + "-search.json";
const QUERIES = ["benevoles", "preparer accueil", "ecole jardins"];

function quantile(sorted: number[], q: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
}

function summary(values: number[]) {
  const sorted = [...values].sort((a, b) => a - b);
  return {
    count: values.length,
    median: quantile(sorted, 0.5),
    p95: quantile(sorted, 0.95),
    max: sorted[sorted.length - 1],
  };
}

async function durations(page: Page, name: string): Promise<number[]> {
  return page.evaluate((name) => performance.getEntriesByName(name).map((entry) => entry.duration), name);
}

test("search: index build, memory, and time per keystroke", async ({ page }) => {
  await joinBench(page);
  await page.waitForFunction(() => performance.getEntriesByName("data-loaded").length > 0, null, {
    timeout: 300_000,
  });
  const heapBefore = await page.evaluate(() => (performance as any).memory?.usedJSHeapSize ?? null);
  await page.keyboard.press("Control+k");
  const dialog = page.locator("dialog.search-dialog");
  await expect(dialog).toBeVisible();
  await expect(dialog).not.toHaveAttribute("data-index-records", "0");
  const [build] = await durations(page, "search-index-build");
  const figures = await dialog.evaluate((element) => ({
    records: Number(element.getAttribute("data-index-records")),
    words: Number(element.getAttribute("data-index-words")),
    memoryBefore: Number(element.getAttribute("data-memory-before")),
    memoryAfter: Number(element.getAttribute("data-memory-after")),
  }));
  const heapAfter = await page.evaluate(() => (performance as any).memory?.usedJSHeapSize ?? null);

  const box = page.locator("#search-input");
  const frames = () => page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
  const perQuery: Record<string, { keystroke: number[]; frame: number[]; query: number[]; results: string }> = {};
  for (const text of QUERIES) {
    await box.fill("");
    await frames();
    await page.evaluate(() => {
      performance.clearMeasures("search-keystroke");
      performance.clearMeasures("search-frame");
      performance.clearMeasures("search-query");
    });
    for (let typed = 1; typed <= text.length; typed += 1) {
      await page.keyboard.type(text[typed - 1]);
      await page.waitForFunction(
        (count) => performance.getEntriesByName("search-frame").length >= count,
        typed,
      );
    }
    perQuery[text] = {
      keystroke: await durations(page, "search-keystroke"),
      frame: await durations(page, "search-frame"),
      query: await durations(page, "search-query"),
      results: (await page.locator(".search-status").textContent()) ?? "",
    };
  }
  const keystrokes = Object.values(perQuery).flatMap((each) => each.keystroke);
  const queries = Object.values(perQuery).flatMap((each) => each.query);
  const frameTimes = Object.values(perQuery).flatMap((each) => each.frame);
  const result = {
    index: {
      records: figures.records,
      words: figures.words,
      build_ms: build,
      wasm_memory_before_bytes: figures.memoryBefore,
      wasm_memory_after_bytes: figures.memoryAfter,
      js_heap_before_bytes: heapBefore,
      js_heap_after_bytes: heapAfter,
    },
    keystroke_ms: summary(keystrokes),
    to_next_frame_ms: summary(frameTimes),
    query_ms: summary(queries),
    queries: Object.fromEntries(
      Object.entries(perQuery).map(([text, each]) => [
        text,
        { results: each.results, keystroke_ms: each.keystroke.map((ms) => Math.round(ms * 10) / 10) },
      ]),
    ),
  };
  writeFileSync(out, JSON.stringify(result, null, 2));
  console.log(JSON.stringify(result, null, 2));
  expect(figures.records).toBeGreaterThan(0);
  expect(keystrokes.length).toBe(QUERIES.join("").length);
});
