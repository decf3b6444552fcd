// The page lives under a strict Content-Security-Policy: the build's
// index.html carries exactly scripts/csp.mjs's policy, and every slide, in
// Read and on every step of Present, with the moving parts moved (the
// ladder's reorder, the bars of bandwidth and memory, a slider), and the
// presenter window, run under it with no `securitypolicyviolation` event.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { createHash } from 'node:crypto';
import { resolve } from 'node:path';
import { setup, open, spec, clean, walkSlides } from './harness.mjs';
import { POLICY } from '../scripts/csp.mjs';

const env = setup();

/** A page whose policy violations are kept in window.__csp from the start. */
const guarded = (hash, viewport) => open(env, hash, {
  view: null,
  viewport,
  init: () => {
    window.__csp = [];
    document.addEventListener('securitypolicyviolation', (e) => {
      window.__csp.push(`${e.violatedDirective} ${e.blockedURI || ''} ${e.sourceFile || ''}:${e.lineNumber || ''}`);
    });
  },
});
/** The page's violations so far. A known one is provoked last (an inline
 * style attribute, which the policy refuses) and waited for: reports come
 * in order, so every violation of what came before it is in by then. */
const MARK = 'outline-color: rgb(1, 2, 3)';
const violations = (page) => page.evaluate((style) => new Promise((ok) => {
  const mark = document.createElement('i');
  mark.hidden = true;
  // At the target, and kept from the document's listener that records.
  mark.addEventListener('securitypolicyviolation', (e) => { e.stopPropagation(); mark.remove(); ok(window.__csp.slice()); });
  document.body.append(mark);
  mark.setAttribute('style', style);
}), MARK);
/** `clean`, less the console's report of the marker (named by its hash). */
const MARK_HASH = createHash('sha256').update(MARK).digest('base64');
const cleanOfMarks = (log) => clean({ ...log, errors: log.errors.filter((e) => !e.includes(MARK_HASH)) });

spec('the build carries exactly the policy', async () => {
  const html = await readFile(resolve(import.meta.dirname, '..', 'dist', 'index.html'), 'utf8');
  const metas = [...html.matchAll(/<meta\b[^>]*http-equiv="?Content-Security-Policy"?[^>]*>/gi)];
  assert.equal(metas.length, 1, 'one policy');
  assert.equal(metas[0][0].match(/content="([^"]*)"/)[1], POLICY);
  assert.ok(html.indexOf('Content-Security-Policy') < html.indexOf('<script'), 'before every script');
  assert.ok(!/<script(?![^>]*\bsrc=)[^>]*>/i.test(html), 'no inline script');
  assert.ok(!/\sstyle=/i.test(html), 'no inline style');
});

spec('every slide in Read, with its moving parts moved, under the policy', async (keep) => {
  const { page, log, context } = await guarded('#/intro?lang=en&view=read', { width: 1280, height: 800 });
  keep(page);
  const seen = await walkSlides(page);
  assert.ok(seen.length > 10, 'the whole deck');
  // The ladder's reorder (the rungs slide through the CSSOM).
  await page.goto(`${env.url}/#/ladder?lang=en&view=read`);
  await page.getByLabel(/computerisation/).check();
  await page.waitForFunction(() => [...document.querySelectorAll('[data-testid=rung]')].some((e) => e.style.transition));
  // Bars drawn by width: bandwidth's links, memory's stack.
  await page.goto(`${env.url}/#/bandwidth?lang=en&view=read&gb=810`);
  await page.waitForSelector('.bandwidth-hbar rect');
  await page.goto(`${env.url}/#/memory?lang=en&view=read&mbatch=4`);
  await page.waitForSelector('.memory-stack rect.memory-stack-kv');
  await page.goto(`${env.url}/#/rent-vs-buy?lang=en&view=read`);
  await page.getByTestId('util-slider').focus();
  for (let i = 0; i < 5; i++) await page.keyboard.press('ArrowRight');
  assert.deepEqual(await violations(page), []);
  cleanOfMarks(log);
  await context.close();
});

spec('every step of Present, and the presenter window, under the policy', async (keep) => {
  const { page, log, context } = await guarded('#/intro?lang=both', { width: 1280, height: 720 });
  keep(page);
  for (let i = 0; i < 200; i++) {
    const last = await page.isDisabled('[data-testid=next]');
    if (last) break;
    await page.keyboard.press('ArrowRight');
  }
  assert.ok(await page.isDisabled('[data-testid=next]'), 'the last step');
  assert.deepEqual(await violations(page), [], 'the stage');
  const [popup] = await Promise.all([context.waitForEvent('page'), page.keyboard.press('p')]);
  keep(popup);
  await popup.waitForSelector('[data-testid=presenter]');
  // On the last step there is no next one: a step back shows its preview.
  await popup.keyboard.press('ArrowLeft');
  await popup.waitForSelector('iframe');
  assert.deepEqual(await violations(popup), [], 'the presenter window');
  assert.deepEqual(await violations(page), [], 'the audience');
  cleanOfMarks(log);
  await context.close();
});
