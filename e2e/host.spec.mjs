// End-to-end: any host path. The build's asset URLs are relative
// (`public_url = "./"` in Trunk.toml), so the same dist/ works at the
// server's root and under a sub path, as on a GitHub Pages project site.
// The server serves dist/ at both, so every request is checked to stay
// under the path the page was opened at (an absolute /bundle-….css would
// load from the root and pass unnoticed otherwise).
import assert from 'node:assert/strict';
import { setup, spec, clean, watch, slideId, hashOf } from './harness.mjs';

const SUB = '/some/sub/path/';
const env = setup({ mounts: [SUB] });

/** A page at `base` + `hash` in `context`, with its requests recorded:
 * { page, log, requests, failed }. */
async function at(context, base, hash) {
  const page = await context.newPage();
  const log = watch(env, page);
  const requests = [];
  const failed = [];
  page.on('request', (r) => requests.push(r.url()));
  page.on('requestfailed', (r) => failed.push(`${r.url()} ${r.failure()?.errorText}`));
  page.on('response', (r) => { if (r.status() >= 400) failed.push(`${r.url()} ${r.status()}`); });
  await page.goto(`${env.url}${base}${hash}`);
  await page.waitForSelector('[data-testid=slide]');
  return { page, log, requests, failed };
}

/** Every request under `base`, none failed, no console error. */
function stayed(base, { log, requests, failed }) {
  assert.deepEqual(failed, [], 'no failed request');
  const outside = requests.filter((u) => !u.startsWith(`${env.url}${base}`) && !u.startsWith('data:'));
  assert.deepEqual(outside, [], `every request under ${base}`);
  clean(log);
}

for (const base of ['/', SUB]) {
  spec(`at ${base}: the deck starts, pages, goes back and opens any slide from the contents`, async (keep) => {
    const context = await env.browser.newContext({ viewport: { width: 1280, height: 800 } });
    const p = await at(context, base, '#/intro?lang=en&view=read');
    const { page } = p;
    keep(page);
    assert.equal(await slideId(page), 'intro');
    assert.ok((await page.textContent('[data-testid=slide-title]')).trim().length > 0);
    assert.match(await page.getAttribute('link[rel=stylesheet]', 'href'), /^\.\/bundle-[0-9a-f]+\.css$/, 'a relative stylesheet URL');
    assert.ok(p.requests.some((u) => u.endsWith('.wasm')), 'the wasm loaded');
    // The pager, Back, the contents.
    await page.click('[data-testid=next]');
    await page.waitForSelector('[data-testid=slide][data-slide=ingredients]');
    assert.equal(await hashOf(page), '#/ingredients?lang=en&view=read');
    assert.equal(await page.evaluate(() => location.pathname), base, 'the path is kept');
    await page.goBack();
    await page.waitForSelector('[data-testid=slide][data-slide=intro]');
    await page.keyboard.press('o');
    await page.getByRole('dialog', { name: 'Contents' }).waitFor();
    await page.click('#overview .ov-item >> text=Memory');
    await page.waitForSelector('[data-testid=slide][data-slide=memory]');
    assert.equal(await page.evaluate(() => location.pathname), base);
    // A reload of the deep link opens the same view.
    await page.reload();
    await page.waitForSelector('[data-testid=slide][data-slide=memory]');
    stayed(base, p);
    await context.close();
  });

  spec(`at ${base}: a deep link opens its step and p opens the presenter window at the same path`, async (keep) => {
    const context = await env.browser.newContext({ viewport: { width: 1280, height: 800 } });
    const audience = await at(context, base, '#/precision/5?lang=en');
    keep(audience.page);
    assert.equal(await audience.page.getAttribute('[data-testid=stage] [data-testid=slide]', 'data-step'), '5');
    const [popup] = await Promise.all([context.waitForEvent('page'), audience.page.keyboard.press('p')]);
    keep(popup);
    const log = watch(env, popup);
    await popup.waitForSelector('[data-testid=presenter]');
    assert.equal(popup.url(), `${env.url}${base}#/precision/5?lang=en&presenter=1`);
    // The preview of the next step is the same page at the same path.
    const frame = popup.locator('[data-testid=pr-preview]');
    assert.ok((await frame.getAttribute('src')).startsWith(`${env.url}${base}#/`), 'the preview at the same path');
    await frame.contentFrame().locator('[data-testid=slide]').waitFor();
    // And it drives the audience's window.
    await popup.keyboard.press('ArrowRight');
    await audience.page.waitForFunction(() => location.hash.startsWith('#/precision/6'));
    stayed(base, audience);
    clean(log);
    await context.close();
  });
}
