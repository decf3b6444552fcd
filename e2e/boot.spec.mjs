// End-to-end: the first paint without the wasm. On a phone, `/` first paints
// the title slide that scripts/prerender.mjs copied into index.html, and the
// wasm's download starts only after that paint is reported (web/start.js),
// so the paint never waits for it. A deep link paints no copy of the title
// slide: the loading message, then its own slide.
import assert from 'node:assert/strict';
import { setup, open, spec, clean } from './harness.mjs';

const env = setup();
const phone = { viewport: { width: 412, height: 823 }, isMobile: true, hasTouch: true };

// Each largest-contentful-paint entry: when, how large, and whether its
// element is in the prerendered copy.
const recordLcp = () => {
  window.__lcp = [];
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) {
      window.__lcp.push({ t: e.startTime, size: e.size, prerendered: Boolean(e.element?.closest('#prerender')) });
    }
  }).observe({ type: 'largest-contentful-paint', buffered: true });
};

const timing = (page) => page.evaluate(() => ({
  fcp: performance.getEntriesByName('first-contentful-paint')[0]?.startTime,
  wasm: performance.getEntriesByType('resource').find((r) => r.name.endsWith('.wasm'))?.startTime,
  lcp: window.__lcp,
}));

spec('on a phone, / paints the prerendered title slide first and fetches the wasm after that paint', async (keep) => {
  const { page, log } = await open(env, '', { view: null, init: recordLcp, ...phone });
  keep(page);
  await page.waitForSelector('[data-slide="intro"]');
  const t = await timing(page);
  assert.ok(t.fcp > 0 && t.wasm > 0, JSON.stringify(t));
  assert.ok(t.wasm >= t.fcp, `the wasm was requested at ${t.wasm} ms, before the first paint at ${t.fcp} ms`);
  // The prerendered paragraph is painted before the wasm is asked for, and
  // nothing larger is painted after it (an entry's element reads null once
  // the app has replaced it, so entries are matched by time and size).
  const pre = t.lcp.find((e) => e.prerendered);
  assert.ok(pre && pre.t <= t.wasm, `the prerendered copy was painted before the wasm was requested: ${JSON.stringify(t)}`);
  assert.ok(t.lcp.every((e) => e.t <= t.wasm || e.size <= pre.size), `no larger paint after the wasm: ${JSON.stringify(t.lcp)}`);
  // The app then stands in its place: one title slide, the copy gone.
  assert.equal(await page.locator('#prerender').count(), 0);
  assert.equal(await page.locator('[data-slide="intro"]').count(), 1);
  clean(log);
});

spec('a deep link on a phone paints no copy of the title slide', async (keep) => {
  const { page, log } = await open(env, '#/precision', { view: null, init: recordLcp, ...phone });
  keep(page);
  await page.waitForSelector('[data-slide="precision"]');
  const t = await timing(page);
  assert.ok(t.wasm > 0, JSON.stringify(t));
  assert.ok(t.lcp.every((e) => !e.prerendered), JSON.stringify(t.lcp));
  assert.equal(await page.evaluate(() => document.documentElement.hasAttribute('data-boot')), false);
  clean(log);
});

spec('a Chinese browser on a phone paints no English-first copy of the title slide', async (keep) => {
  // Its "both" is Chinese first; the copy is English first (the prerender's
  // browser is English), so the loading message shows until the app draws.
  const { page, log } = await open(env, '', { view: null, init: recordLcp, ...phone, locale: 'zh-CN' });
  keep(page);
  await page.waitForSelector('[data-slide="intro"]');
  const t = await timing(page);
  assert.ok(t.lcp.every((e) => !e.prerendered), JSON.stringify(t.lcp));
  assert.equal(await page.evaluate(() => document.documentElement.hasAttribute('data-boot')), false);
  assert.equal(await page.getAttribute('.cols-2 > section.col >> nth=0', 'lang'), 'zh-CN');
  clean(log);
});

// Every layout shift, summed (as CLS counts them, without input).
const recordShifts = () => {
  window.__shift = 0;
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) if (!e.hadRecentInput) window.__shift += e.value;
  }).observe({ type: 'layout-shift', buffered: true });
};

spec('the app\'s first render moves nothing: / and deep links on a desktop, a phone and a projector', async (keep) => {
  for (const [viewport, hash] of [
    [{ width: 1350, height: 940 }, ''],
    [{ width: 1350, height: 940 }, '#/rent-vs-buy/2'],
    [{ width: 1920, height: 1080 }, '#/precision/7'],
    [{ width: 412, height: 823 }, '#/ladder'],
  ]) {
    const { page, log, context } = await open(env, hash, { view: null, init: recordShifts, viewport });
    keep(page);
    // Two frames after the app's first render: its shifts are reported by then.
    await page.evaluate(() => new Promise((ok) => requestAnimationFrame(() => requestAnimationFrame(ok))));
    const shift = await page.evaluate(() => window.__shift);
    assert.ok(shift <= 0.001, `${viewport.width} x ${viewport.height} ${hash || '/'}: layout shift ${shift.toFixed(3)}`);
    clean(log);
    await context.close();
  }
});
