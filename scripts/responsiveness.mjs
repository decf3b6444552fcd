// Responsiveness figures for the bench (figures, not tests), measured the
// same way every time, in Debian's Chromium with the CPU slowed 4x (DevTools
// protocol), on a phone-sized Read view where every slider of a slide is on
// the page:
// (a) key press to next paint, as Core Web Vitals' INP measures it: each
//     slider of every slide focused in turn, ArrowRight then ArrowLeft pressed
//     20 times 40 ms apart, a PerformanceObserver of `event` entries with
//     durationThreshold 16 keeping the largest duration per interactionId;
//     p95 over all presses, the unreported ones counted as under 16 ms. The
//     same on bench/reference.html (one range input that rewrites one text,
//     one 140-point SVG path and the hash), in the same run, and the ratio.
// (b) script time per input: an `input` event dispatched on each slider, timed
//     to the end of the microtasks that follow (the app renders in one); also
//     printed, the time to the next task (a message channel's), which takes
//     in any frame the browser draws in between.
// (c) JS heap and wasm memory before and after 3,000 slider moves (after a
//     forced garbage collection).
// Usage: node scripts/responsiveness.mjs DECK_URL REFERENCE_URL
import { chromium } from 'playwright-core';
import { CHROMIUM, FLAGS } from '../e2e/browser.mjs';

const [deck, reference] = process.argv.slice(2);
if (!deck || !reference) throw new Error('usage: node scripts/responsiveness.mjs DECK_URL REFERENCE_URL');

const browser = await chromium.launch({
  executablePath: CHROMIUM, headless: true,
  args: [...FLAGS, '--enable-precise-memory-info', '--js-flags=--expose-gc'],
});
const PHONE = { viewport: { width: 412, height: 915 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true };

/** Keeps the largest event duration per interaction, from page load. */
const OBSERVE = () => {
  window.__worst = new Map();
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) {
      if (!e.interactionId) continue;
      window.__worst.set(e.interactionId, Math.max(window.__worst.get(e.interactionId) ?? 0, e.duration));
    }
  }).observe({ type: 'event', durationThreshold: 16, buffered: true });
  addEventListener('TrunkApplicationStarted', (e) => { window.__wasm = e.detail?.wasm; });
};

async function slowPage(url) {
  const context = await browser.newContext(PHONE);
  await context.addInitScript(OBSERVE);
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
  await page.goto(url);
  return { context, page, cdp };
}

const wait = (ms) => new Promise((ok) => setTimeout(ok, ms));

/** Presses on each slider of the page; returns the durations (ms) of every
 * press, under-threshold ones as 0. */
async function presses(page, sliders) {
  const out = [];
  for (const slider of sliders) {
    await page.evaluate(() => window.__worst.clear());
    await slider.focus();
    let n = 0;
    for (const key of ['ArrowRight', 'ArrowLeft']) {
      for (let i = 0; i < 20; i++) {
        await page.keyboard.press(key);
        n++;
        await wait(40);
      }
    }
    await wait(300);
    const seen = await page.evaluate(() => [...window.__worst.values()]);
    out.push(...seen, ...Array(Math.max(0, n - seen.length)).fill(0));
  }
  return out;
}

const pct = (xs, p) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)] : NaN;
};
const ms = (x) => (x < 16 ? '<16' : x.toFixed(0));

// The deck's slides, in order, from the pager.
const slugs = [];
{
  const context = await browser.newContext(PHONE);
  const page = await context.newPage();
  await page.goto(`${deck}/#/intro?view=read&lang=en`);
  await page.waitForSelector('[data-testid=slide]');
  for (;;) {
    const slug = await page.getAttribute('[data-testid=slide]', 'data-slide');
    if (slugs.includes(slug)) break;
    slugs.push(slug);
    await page.click('[data-testid=next]').catch(() => {});
    await page.waitForFunction((s) => document.querySelector('[data-testid=slide]')?.dataset.slide !== s, slug, { timeout: 2000 }).catch(() => {});
  }
  await context.close();
}

// (a) and (b) on every slide with sliders.
const all = [];
const scripts = [];
const nextTask = [];
for (const slug of slugs) {
  const { context, page } = await slowPage(`${deck}/#/${slug}?view=read&lang=en`);
  await page.waitForSelector('[data-testid=slide]');
  const sliders = await page.locator('input[type=range]').all();
  if (sliders.length) {
    const d = await presses(page, sliders);
    all.push(...d);
    const t = await page.evaluate(async () => {
      const times = [];
      for (const el of document.querySelectorAll('input[type=range]')) {
        for (let k = 0; k < 10; k++) {
          const step = Number(el.step) || 1;
          const v = Number(el.value);
          const next = k % 2 === 0 ? Math.min(Number(el.max), v + step) : Math.max(Number(el.min), v - step);
          const t0 = performance.now();
          el.value = String(next);
          el.dispatchEvent(new Event('input', { bubbles: true }));
          // The app renders in a microtask queued by the input's handler:
          // this one, queued after it, runs once that render and its
          // effects are done.
          await new Promise((ok) => queueMicrotask(ok));
          const t1 = performance.now();
          await new Promise((ok) => { const c = new MessageChannel(); c.port1.onmessage = ok; c.port2.postMessage(0); });
          times.push([t1 - t0, performance.now() - t0]);
          await new Promise((ok) => setTimeout(ok, 30));
        }
      }
      return times;
    });
    const own = t.map((x) => x[0]);
    scripts.push(...own);
    nextTask.push(...t.map((x) => x[1]));
    console.log(`${slug.padEnd(14)} ${String(sliders.length).padStart(2)} sliders: press to paint p95 ${ms(pct(d, 95))} ms, worst ${ms(Math.max(...d))} ms; script per input median ${pct(own, 50).toFixed(1)} ms, p95 ${pct(own, 95).toFixed(1)} ms`);
  }
  await context.close();
}

// The reference page, the same way.
const ref = await slowPage(reference);
await ref.page.waitForSelector('input[type=range]');
const refD = await presses(ref.page, await ref.page.locator('input[type=range]').all());
await ref.context.close();
const deckP95 = pct(all, 95);
const refP95 = pct(refD, 95);
console.log(`press to next paint at 4x, p95 over ${all.length} presses: deck ${ms(deckP95)} ms, reference ${ms(refP95)} ms (${refD.length} presses), ratio ${(Math.max(deckP95, 16) / Math.max(refP95, 16)).toFixed(2)} (goal <= 1.25)`);
console.log(`script time per input at 4x over ${scripts.length} inputs (to the end of its microtasks): median ${pct(scripts, 50).toFixed(1)} ms, p95 ${pct(scripts, 95).toFixed(1)} ms (goal <= 3 / 6)`);
console.log(`  input to the next task (with any frame drawn in between): median ${pct(nextTask, 50).toFixed(1)} ms, p95 ${pct(nextTask, 95).toFixed(1)} ms`);

// (c) Memory over 3,000 slider moves (rent vs buy's utilization slider).
{
  const context = await browser.newContext(PHONE);
  await context.addInitScript(OBSERVE);
  const page = await context.newPage();
  await page.goto(`${deck}/#/rent-vs-buy?view=read&lang=en`);
  await page.waitForSelector('[data-testid=util-slider]');
  await wait(500);
  const measure = () => page.evaluate(() => {
    window.gc?.();
    return { heap: performance.memory?.usedJSHeapSize ?? NaN, wasm: window.__wasm?.memory?.buffer?.byteLength ?? NaN };
  });
  const before = await measure();
  await page.evaluate(async () => {
    const el = document.querySelector('[data-testid=util-slider]');
    for (let k = 0; k < 3000; k++) {
      el.value = String(Number(el.min) + (k % 90) * Number(el.step || 1));
      el.dispatchEvent(new Event('input', { bubbles: true }));
      if (k % 50 === 0) await new Promise((ok) => setTimeout(ok, 0));
    }
  });
  await wait(500);
  const after = await measure();
  const mb = (b) => (b / 1048576).toFixed(2);
  console.log(`memory, 3,000 slider moves: JS heap ${mb(before.heap)} -> ${mb(after.heap)} MB, wasm memory ${mb(before.wasm)} -> ${mb(after.wasm)} MB (goal: flat, under 5 MB)`);
  await context.close();
}
await browser.close();
