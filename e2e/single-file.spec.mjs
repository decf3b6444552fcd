// End-to-end: the single file (scripts/single-file.sh) opened from file://,
// alone in an empty folder: it starts, every slide opens, a panel's slider
// works, keyframes apply, the presenter window opens and stays in sync, and
// the service worker is not registered (even when asked for with ?sw=1).
// The file is written again when missing or older than dist/index.html.
import assert from 'node:assert/strict';
import { after, before } from 'node:test';
import { copyFileSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { launch } from './browser.mjs';
import { spec, slideId, slideCount, walkSlides } from './harness.mjs';

const ROOT = resolve(import.meta.dirname, '..');
const SINGLE = join(ROOT, 'dist-single', 'llm-notes-explainer.html');
const env = { browser: null, dir: '', url: '' };

before(async () => {
  const mtime = (f) => statSync(f, { throwIfNoEntry: false })?.mtimeMs ?? 0;
  if (mtime(SINGLE) < mtime(join(ROOT, 'dist', 'index.html'))) {
    execFileSync(join(ROOT, 'scripts', 'single-file.sh'), { stdio: 'ignore' });
  }
  env.dir = mkdtempSync(join(tmpdir(), 'llm-notes-usb-'));
  copyFileSync(SINGLE, join(env.dir, 'deck.html'));
  env.url = `file://${env.dir}/deck.html`;
  env.browser = await launch();
});
after(async () => {
  await env.browser?.close();
  rmSync(env.dir, { recursive: true, force: true });
});

/** A page of `context` at the file with `query` and `hash`; its console
 * errors and warnings, page errors, and any request but the file itself. */
async function at(context, hash, query = '') {
  const page = await context.newPage();
  const log = { errors: [], requests: [] };
  page.on('console', (m) => { if (m.type() === 'error' || m.type() === 'warning') log.errors.push(m.text()); });
  page.on('pageerror', (e) => log.errors.push(String(e)));
  page.on('request', (r) => {
    const u = r.url();
    if (!u.startsWith(`${env.url}${query}#`) && u !== `${env.url}${query}` && !u.startsWith('data:')) log.requests.push(u);
  });
  await page.goto(`${env.url}${query}${hash}`);
  await page.waitForSelector('[data-testid=slide]');
  return { page, log };
}

const clean = (log) => {
  assert.deepEqual(log.errors, [], 'no console error or warning');
  assert.deepEqual(log.requests, [], 'nothing requested but the file');
};
const laptop = () => env.browser.newContext({ viewport: { width: 1280, height: 800 } });

spec('from file://, alone in a folder: the deck starts and every slide opens; no service worker', async (keep) => {
  const context = await laptop();
  // ?sw=1 passes the automation gate: only the file:// rule keeps the worker out.
  const { page, log } = await at(context, '#/intro?lang=en&view=read', '?sw=1');
  keep(page);
  assert.equal(await page.evaluate(() => location.protocol), 'file:');
  const total = await slideCount(page);
  const seen = await walkSlides(page);
  assert.equal(seen.length, total, `every slide (${seen.join(' ')})`);
  assert.equal(seen.at(-1), 'references');
  const sw = await page.evaluate(async () => ({
    controller: navigator.serviceWorker?.controller ?? null,
    registrations: await navigator.serviceWorker?.getRegistrations().then((r) => r.length, (e) => e.name),
  }));
  assert.equal(sw.controller, null, 'no worker controls the page');
  // Chromium refuses the question from a file (SecurityError).
  assert.ok(sw.registrations === 0 || sw.registrations === 'SecurityError', `no worker registered (${sw.registrations})`);
  clean(log);
  await context.close();
});

spec('from file://: a panel slider moves the numbers and the link', async (keep) => {
  const context = await laptop();
  const { page, log } = await at(context, '#/rent-vs-buy?lang=en&view=read');
  keep(page);
  assert.ok((await page.textContent('[data-testid=rvb-verdict]')).includes('owning is cheaper'));
  const before = await page.textContent('[data-testid=own-cost-per-hour]');
  await page.getByLabel('Utilization (share of hours the GPU does useful work)').focus();
  for (let i = 0; i < 50; i++) await page.keyboard.press('ArrowLeft');
  await page.waitForFunction(() => location.hash.includes('util=50'));
  assert.notEqual(await page.textContent('[data-testid=own-cost-per-hour]'), before);
  assert.ok((await page.textContent('[data-testid=rvb-verdict]')).includes('renting is cheaper'));
  clean(log);
  await context.close();
});

spec('from file://: keyframes apply, and p opens a presenter window that stays in sync', async (keep) => {
  const context = await laptop();
  const audience = await at(context, '#/precision/3?lang=en');
  keep(audience.page);
  const A = audience.page;
  assert.equal(await A.getAttribute('[data-testid=stage] [data-testid=slide]', 'data-step'), '3');
  await A.keyboard.press('ArrowRight');
  // The step's link is the bare step: it opens the step's values.
  await A.waitForFunction(() => location.hash === '#/precision/4?lang=en');
  assert.equal(await A.inputValue('[data-testid=format-select]'), 'e4m3', 'the keyframe set the format');
  const [P] = await Promise.all([context.waitForEvent('page'), A.keyboard.press('p')]);
  keep(P);
  await P.waitForSelector('[data-testid=presenter]');
  assert.equal(P.url(), `${env.url}#/precision/4?lang=en&presenter=1`);
  await P.locator('[data-testid=pr-preview]').contentFrame().locator('[data-testid=slide]').waitFor();
  // The presenter drives the audience (BroadcastChannel between two files'
  // windows) and back.
  await P.keyboard.press('ArrowRight');
  await A.waitForFunction(() => location.hash.startsWith('#/precision/5'));
  await A.keyboard.press('Shift+ArrowRight');
  await P.waitForFunction((s) => location.hash.startsWith(`#/${s}`), await slideId(A));
  clean(audience.log);
  await context.close();
});
