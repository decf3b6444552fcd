// End-to-end: offline after one visit. The service worker that the build
// writes (scripts/service-worker.mjs) is registered by web/register-sw.js,
// under automation only when the page asks (`?sw=1`). Served from a copy of
// dist/ at a sub path, so the last test can swap in a "new build".
import assert from 'node:assert/strict';
import { after } from 'node:test';
import { cpSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { setup, open, spec, clean, watch, slideId, slideCount, walkSlides } from './harness.mjs';

const ROOT = resolve(import.meta.dirname, '..');
const dir = mkdtempSync(join(tmpdir(), 'llm-notes-offline-'));
cpSync(join(ROOT, 'dist'), dir, { recursive: true });
after(() => rmSync(dir, { recursive: true, force: true }));

const SUB = '/some/sub/path/';
const env = setup({ dir, mounts: [SUB] });

/** Opens the deck at SUB with the worker asked for and waits until the
 * worker controls the page; returns { page, log, context, failed }. */
async function visit(keep) {
  const context = await env.browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = keep(await context.newPage());
  const log = watch(env, page);
  const failed = [];
  page.on('requestfailed', (r) => failed.push(`${r.url()} ${r.failure()?.errorText}`));
  page.on('response', (r) => { if (r.status() >= 400) failed.push(`${r.url()} ${r.status()}`); });
  await page.goto(`${env.url}${SUB}?sw=1#/intro?lang=en&view=read`);
  await page.waitForSelector('[data-testid=slide]');
  await page.evaluate(() => navigator.serviceWorker.ready);
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
  return { page, log, context, failed };
}

const cacheNames = (page) => page.evaluate(() => caches.keys());

spec('no worker is registered under automation unless the page asks', async (keep) => {
  // Every registration is counted; a task queued from the load event runs
  // after the page's own load listeners (the script registers on load).
  const init = () => {
    window.__registers = 0;
    const register = ServiceWorkerContainer.prototype.register;
    ServiceWorkerContainer.prototype.register = function (...a) { window.__registers++; return register.apply(this, a); };
    addEventListener('load', () => setTimeout(() => { window.__loaded = true; }));
  };
  const { page, log } = await open(env, '#/intro', { init });
  keep(page);
  assert.equal(await page.evaluate(() => navigator.webdriver), true);
  await page.waitForFunction(() => window.__loaded);
  assert.equal(await page.evaluate(() => window.__registers), 0, 'register() is not called');
  assert.equal(await page.locator('script[src*="register-sw-"]').count(), 1, 'the registration script is in the page');
  assert.deepEqual(await page.evaluate(async () => (await navigator.serviceWorker.getRegistrations()).length), 0);
  assert.equal(await page.evaluate(() => navigator.serviceWorker.controller), null);
  clean(log);
});

spec('after one visit at a sub path, every slide opens with no network', async (keep) => {
  const { page, log, context, failed } = await visit(keep);
  const scope = await page.evaluate(async () => (await navigator.serviceWorker.getRegistration()).scope);
  assert.equal(scope, `${env.url}${SUB}`, 'the worker\'s scope is the sub path');
  const names = await cacheNames(page);
  assert.equal(names.length, 1);
  assert.match(names[0], new RegExp(`^llm-notes-explainer ${scope} [0-9a-f]{16}$`));
  const cached = await page.evaluate(async (n) => (await (await caches.open(n)).keys()).map((r) => new URL(r.url).pathname), names[0]);
  const built = readdirSync(dir).filter((f) => f !== 'sw.js').map((f) => `${SUB}${f}`);
  assert.deepEqual(cached.sort(), [SUB, ...built].sort(), 'every file of the build, and the directory');
  assert.equal(await page.locator('[data-testid=sw-update]').count(), 0, 'the first worker offers no reload');
  const total = await slideCount(page);

  await context.setOffline(true);
  const before = env.server.requests.length;
  const fromWorker = [];
  page.on('response', (r) => fromWorker.push(r.fromServiceWorker()));
  await page.reload();
  await page.waitForSelector('[data-testid=slide][data-slide=intro]');
  assert.equal(await page.evaluate(() => navigator.onLine), false);
  const seen = await walkSlides(page);
  assert.equal(seen.length, total, `every slide (${seen.join(' ')})`);
  assert.equal(new Set(seen).size, total);
  assert.equal(seen.at(-1), 'references');
  assert.ok(fromWorker.length >= 4 && fromWorker.every(Boolean), `every response from the worker (${fromWorker})`);
  // Only the browser's own update check of the worker (which Playwright's
  // offline mode does not cover) may reach the server; no file of the page.
  assert.deepEqual(env.server.requests.slice(before).filter((p) => p !== `${SUB}sw.js`), [], 'the server served nothing while offline');
  // A deep link typed in while offline opens too.
  await page.goto(`${env.url}${SUB}#/precision/5?lang=en`);
  await page.waitForSelector('[data-testid=slide][data-slide=precision]');
  assert.deepEqual(failed, [], 'no failed request');
  clean(log);
});

spec('a new build replaces the old cache and the page offers a reload, by keyboard too', async (keep) => {
  const { page, log, failed } = await visit(keep);
  const [old] = await cacheNames(page);
  // A "new build": one more tag in index.html, then its worker written again.
  const index = join(dir, 'index.html');
  writeFileSync(index, readFileSync(index, 'utf8').replace('<title>', '<meta name=x-build content=2><title>'));
  execFileSync(process.execPath, [join(ROOT, 'scripts/service-worker.mjs'), dir]);
  await page.evaluate(async () => (await navigator.serviceWorker.getRegistration()).update());

  const notice = page.locator('[data-testid=sw-update]');
  await notice.waitFor();
  assert.equal(await notice.getAttribute('role'), 'status');
  const text = await notice.textContent();
  assert.ok(text.includes('本页有新版本') && text.includes('A new version'), `both languages: ${text}`);
  let names = [];
  for (let i = 0; i < 100 && !(names.length === 1 && names[0] !== old); i++) {
    names = await cacheNames(page);
    // The worker deletes the old cache when it activates, with no event
    // the page sees: poll for it.
    await page.waitForTimeout(50);
  }
  const [now] = names;
  assert.equal(names.length, 1, 'the old cache is deleted');
  assert.notEqual(now, old, 'a new cache');
  assert.equal(now.split(' ')[1], old.split(' ')[1], 'of the same scope');
  assert.equal(await slideId(page), 'intro', 'the page keeps running meanwhile');

  // The notice is the first stop of the tab order; Enter on Reload reloads.
  await page.evaluate(() => document.activeElement?.blur());
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement?.dataset.testid), 'sw-reload');
  assert.equal(await page.evaluate(() => document.activeElement?.textContent), '重新加载 / Reload');
  await Promise.all([page.waitForEvent('load'), page.keyboard.press('Enter')]);
  await page.waitForSelector('[data-testid=slide][data-slide=intro]');
  assert.equal(await page.locator('meta[name=x-build]').count(), 1, 'the new build is shown');
  assert.equal(await notice.count(), 0);
  // "Later" dismisses the notice without reloading.
  writeFileSync(index, readFileSync(index, 'utf8').replace('content=2', 'content=3'));
  execFileSync(process.execPath, [join(ROOT, 'scripts/service-worker.mjs'), dir]);
  await page.evaluate(async () => (await navigator.serviceWorker.getRegistration()).update());
  await notice.waitFor();
  await page.getByRole('button', { name: '稍后 / Later' }).click();
  await notice.waitFor({ state: 'detached', timeout: 2000 });
  assert.equal(await page.getAttribute('meta[name=x-build]', 'content'), '2', 'not reloaded');
  assert.deepEqual(failed, [], 'no failed request');
  clean(log);
});
