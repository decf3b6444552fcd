// Shared set-up of the end-to-end specs: one server and one browser per file,
// a fresh context (empty storage) per test, and per page a record of console
// errors, page errors and every request that leaves the page's origin.
// A failing test leaves a screenshot in e2e/artifacts/.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { mkdir } from 'node:fs/promises';
import { readFileSync, readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { serve } from './server.mjs';
import { launch } from './browser.mjs';

const ARTIFACTS = resolve(import.meta.dirname, 'artifacts');

/** The route's own link keys (`deck::route::GENERAL_KEYS`: language, theme,
 * speaker notes, view, presenter, preview, print), read from the source so
 * that no test keeps a copy of the list. Every one is per window: the
 * presenter sync shares the slide, the step and the settings only. */
export const GENERAL_KEYS = (() => {
  const src = readFileSync(resolve(import.meta.dirname, '../src/deck/route.rs'), 'utf8');
  const list = /pub const GENERAL_KEYS: \[&str; \d+\] = \[([^\]]*)\]/.exec(src);
  assert.ok(list, 'GENERAL_KEYS in src/deck/route.rs');
  return [...list[1].matchAll(/"([a-z_]+)"/g)].map((m) => m[1]);
})();

/** How many steps each slide has, by slug: the rows of each slide's
 * `content/slides/{key}/steps.csv` (its key with `-` for `_`; a step is
 * one line). */
export const STEP_COUNTS = (() => {
  const dir = resolve(import.meta.dirname, '../content/slides');
  return new Map(readdirSync(dir).sort().map((key) => {
    const rows = readFileSync(resolve(dir, key, 'steps.csv'), 'utf8').trim().split('\n').length - 1;
    return [key.replaceAll('_', '-'), rows];
  }));
})();

/** One server and browser for a spec file; `dir` (default dist/) and
 * `mounts` as in `serve`. */
export function setup({ mounts = [], dir } = {}) {
  const env = { url: '', browser: null, server: null };
  before(async () => {
    env.server = await serve(dir, 0, { mounts });
    env.url = env.server.url;
    env.browser = await launch();
  });
  after(async () => {
    await env.browser?.close();
    await env.server?.close();
  });
  return env;
}

/** `hash` with `view=VIEW` added to its query, unless it sets a view. */
export function withView(hash, view) {
  if (!view || /[?&]view=/.test(hash)) return hash;
  const h = hash || '#/';
  return h + (h.includes('?') ? '&' : '?') + `view=${view}`;
}

/** Records a page's console errors, page errors and every request that
 * leaves the page's origin: { errors, foreign }. */
export function watch(env, page) {
  const log = { errors: [], foreign: [] };
  page.on('console', (m) => { if (m.type() === 'error') log.errors.push(m.text()); });
  page.on('pageerror', (e) => log.errors.push(String(e)));
  page.on('request', (r) => {
    const u = r.url();
    if (!u.startsWith(env.url) && !u.startsWith('data:') && !u.startsWith('blob:')) log.foreign.push(u);
  });
  return log;
}

/** Opens a page at `hash` in a fresh context (`init`: a script its pages run
 * first); returns { page, log, context }.
 * The panel specs test the Read view, the whole slide at once: `view`
 * (default `read`) is added to the link; `view: null` leaves it as it is. */
export async function open(env, hash = '', { view = 'read', init, ...options } = {}) {
  hash = withView(hash, view);
  const context = await env.browser.newContext({ viewport: { width: 1280, height: 800 }, ...options });
  // A script every page of the context runs before the page's own.
  if (init) await context.addInitScript(init);
  const page = await context.newPage();
  const log = watch(env, page);
  await page.goto(`${env.url}/${hash}`);
  await page.waitForSelector('[data-testid=slide]');
  return { page, log, context };
}

/** The number a readout carries in its `data-value`. */
export const num = async (page, id) => Number(await page.getAttribute(`[data-testid=${id}]`, 'data-value'));

/** Asserts that `a` is within `tol` of `b`. */
export const near = (a, b, tol, what) => assert.ok(Math.abs(a - b) <= tol, `${what}: ${a} vs ${b}`);

/** Asserts that a panel prints no non-finite number and no dollar sign
 * without a number. */
export async function noBadNumbers(page, panel) {
  const text = await page.textContent(`[data-testid=${panel}]`);
  assert.ok(!/NaN|Infinity|\binf\b|undefined/.test(text), `nothing non-finite printed in ${panel}`);
  assert.ok(!/\$(?![\d])/.test(text.replace(/\$\{/g, '')), 'no dollar sign without a number');
}

/** Opens each link on a 360 px phone and asserts that the page does not
 * scroll sideways. */
export async function fitsPhoneWidth(env, keep, hashes) {
  for (const hash of hashes) {
    const { page, log, context } = await open(env, hash, { viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true });
    keep(page);
    const over = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    assert.ok(over <= 1, `${hash}: page scrolls sideways by ${over}px`);
    clean(log);
    await context.close();
  }
}

/** A test whose failure leaves a screenshot of every page it opened. */
export function spec(name, body) {
  test(name, async () => {
    const pages = [];
    try {
      await body((p) => { pages.push(p); return p; });
    } catch (e) {
      await mkdir(ARTIFACTS, { recursive: true });
      const safe = name.replace(/[^a-z0-9]+/gi, '-');
      await Promise.all(pages.map((p, i) =>
        p.screenshot({ path: resolve(ARTIFACTS, `${safe}-${i}.png`), fullPage: true }).catch(() => {})));
      throw e;
    }
  });
}

export const slideId = (page) => page.getAttribute('[data-testid=slide]', 'data-slide');
/** The location hash once the page has written it: a step, a slide or a
 * choice is written at once, a setting after the frame or at most every
 * 400 ms (`ui::link`), and `<html>` carries `data-link-pending` while such
 * a write waits; this waits for it to go, then reads the hash. */
export const hashOf = async (page) => {
  const read = await page.waitForFunction(() => !document.documentElement.hasAttribute('data-link-pending') && [location.hash]);
  return (await read.jsonValue())[0];
};

/** Posts a marker on the deck's sync channel (`ui::sync`: a
 * BroadcastChannel named after the page's path) from `from` and waits until
 * `to` has received it. A channel delivers in order, so every message `from`
 * sent before has reached `to` by then: a barrier for "nothing followed". */
export async function barrier(from, to) {
  const name = await from.evaluate(() => `llm-notes-explainer:${location.pathname}`);
  const mark = `barrier ${Math.random()}`;
  const got = to.evaluate(([name, mark]) => new Promise((ok) => {
    const c = new BroadcastChannel(name);
    c.onmessage = (e) => { if (e.data === mark) { c.close(); ok(true); } };
    window.__barrierReady = true;
  }), [name, mark]);
  await to.waitForFunction(() => window.__barrierReady);
  await to.evaluate(() => { delete window.__barrierReady; });
  await from.evaluate(([name, mark]) => { const c = new BroadcastChannel(name); c.postMessage(mark); c.close(); }, [name, mark]);
  await got;
  // The page's own handler ran before this one's task: let its render land.
  await to.evaluate(() => new Promise((ok) => requestAnimationFrame(() => ok())));
}

/** Asserts a page logged no console error and requested nothing from another origin. */
export function clean(log) {
  assert.deepEqual(log.errors, [], 'no console errors');
  assert.deepEqual(log.foreign, [], 'no request leaves the origin');
}

/** Opens each link in a fresh context and checks that the panel prints no
 * NaN, inf or undefined, and that the page stays clean. */
export async function readableAt(env, links, keep) {
  for (const link of links) {
    const { page, log, context } = await open(env, link);
    keep(page);
    const panel = await page.textContent('.panel');
    assert.ok(!/NaN|\binf\b|Infinity|undefined/.test(panel), `${link}: ${panel.match(/.{30}(NaN|inf|Infinity|undefined).{30}/)?.[0]}`);
    clean(log);
    await context.close();
  }
}

/** The number of slides, read from the contents overlay (opened with o and
 * closed again). */
export async function slideCount(page) {
  await page.keyboard.press('o');
  await page.waitForSelector('#overview .ov-item');
  const n = await page.locator('#overview .ov-item').count();
  await page.keyboard.press('Escape');
  await page.waitForSelector('#overview', { state: 'detached' });
  return n;
}

/** Walks the deck with the pager's Next (in Read, a slide each) from the
 * slide shown until Next is disabled; checks that each slide renders a title
 * and its text, then runs `each(slug)` on it; returns the slugs in order. */
export async function walkSlides(page, each) {
  const seen = [];
  for (;;) {
    const slug = await slideId(page);
    assert.ok((await page.textContent('[data-testid=slide-title]')).trim().length > 0, `${slug}: a title`);
    assert.ok((await page.textContent('[data-testid=slide]')).trim().length > 100, `${slug}: its text`);
    await each?.(slug);
    seen.push(slug);
    assert.ok(seen.length < 100, 'Next ends');
    const next = page.locator('[data-testid=next]');
    if (await next.isDisabled()) return seen;
    await next.click();
    await page.waitForFunction((s) => document.querySelector('[data-testid=slide]')?.dataset.slide !== s, slug);
  }
}
