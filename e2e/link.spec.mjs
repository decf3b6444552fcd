// End-to-end: the link follows the view and never undoes a newer link. A
// step, a slide, a language or the handout is in the address bar as soon as
// the screen shows it; a slider's link follows at most every 400 ms; links
// opened one after another end on the last one; a notice about ignored
// parts goes when dismissed, however long the link.
import assert from 'node:assert/strict';
import { setup, open, spec, clean, hashOf } from './harness.mjs';

const env = setup();

/** Records, from now on, the location's hash at the first moment the stage
 * shows each step: a MutationObserver's callback runs at the end of the task
 * that changed the page, before the browser may paint or run another task. */
const watchSteps = (page) => page.evaluate(() => {
  window.__shown = [];
  let last = '';
  const look = () => {
    const s = document.querySelector('[data-testid=stage] [data-testid=slide]');
    const now = s ? `${s.dataset.slide}/${s.dataset.step}` : '';
    if (now && now !== last) window.__shown.push([now, location.hash]);
    last = now;
  };
  new MutationObserver(look).observe(document.body, {
    subtree: true, childList: true, attributes: true, attributeFilter: ['data-step', 'data-slide'],
  });
  look();
});

/** Waits until the stage shows step `n` (from 1) of `slug`; returns the
 * location's hash as it was when that step was first shown. */
const hashWhenShown = (page, slug, n) => page.waitForFunction((seen) => {
  const hit = window.__shown.findLast(([s]) => s === seen);
  return hit ? hit[1] : false;
}, `${slug}/${n}`).then((h) => h.jsonValue());

spec('paging with the keyboard: each step is in the link before the next key press', async (keep) => {
  const { page, log, context } = await open(env, '#/precision?lang=en', { view: 'present' });
  keep(page);
  // A slow machine: a step's render takes more than a frame, and the
  // renderer lets the browser paint between its parts.
  const cdp = await context.newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 6 });
  await watchSteps(page);
  const steps = [];
  // Through the precision slide's nine steps and on to the next slide,
  // a press as soon as the step before is shown.
  for (let n = 2; n <= 9; n++) {
    await page.keyboard.press('ArrowRight');
    const hash = await hashWhenShown(page, 'precision', n);
    steps.push(hash);
    assert.match(hash, new RegExp(`^#/precision/${n}[?]`), `step ${n} shown, link ${hash}`);
  }
  // A step shown as scripted is its bare link, which opens its keyframes'
  // values (FP4 on the TPU v6e).
  assert.equal(steps[7], '#/precision/9?lang=en');
  await page.keyboard.press('ArrowRight');
  assert.equal(await hashWhenShown(page, 'resources', 1), '#/resources?lang=en');
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 });
  // A slide is a history entry: Back returns to precision's last step.
  await page.evaluate(() => { window.__shown = []; });
  await page.goBack();
  assert.match(await hashWhenShown(page, 'precision', 9), /^#\/precision\/9[?]/);
  // A language is written at once too.
  await page.selectOption('[data-testid=lang-select]', 'zh');
  const lang = await page.waitForFunction(() => document.documentElement.lang === 'zh-CN' && location.hash, null);
  assert.match(await lang.jsonValue(), /lang=zh/);
  clean(log);
});

spec('leaving the handout writes the link at once; printing leaves it alone', async (keep) => {
  const { page, log } = await open(env, '#/memory?lang=zh', { view: 'read' });
  keep(page);
  for (let i = 0; i < 3; i++) {
    await page.click('[data-testid=open-handout]');
    const opened = await page.waitForFunction(() => document.querySelector('[data-testid=handout]') && location.hash, null);
    assert.match(await opened.jsonValue(), /print=steps/, 'the handout is in the link');
    await page.click('[data-testid=handout-close]');
    const closed = await page.waitForFunction(() => document.querySelector('[data-testid=slide][data-slide=memory]') && location.hash, null);
    assert.equal(await closed.jsonValue(), '#/memory?lang=zh&view=read', `closed (${i + 1})`);
  }
  await page.evaluate(() => dispatchEvent(new Event('beforeprint')));
  await page.waitForSelector('[data-testid=handout]');
  await page.evaluate(() => dispatchEvent(new Event('afterprint')));
  await page.waitForSelector('[data-testid=slide][data-slide=memory]');
  assert.equal(await hashOf(page), '#/memory?lang=zh&view=read');
  clean(log);
});

spec('links opened one after another end on the last one, and the page never writes over a newer one', async (keep) => {
  const { page, log, context } = await open(env, '#/precision?fmt=e8m0&code=0x00', { view: 'read' });
  keep(page);
  await page.waitForSelector('[data-testid=bit-code]');
  const cdp = await context.newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
  // Each link is opened in the frame after the page took the one before it
  // (its hashchange), the moment the page's own write of that link is due.
  // A hashchange whose new address is no longer the location when it is
  // handled means the page wrote an older view over the newer link (the
  // page's listener runs first; this one after it).
  const [last, overwritten] = await page.evaluate((n) => new Promise((done) => {
    let i = 0;
    const over = [];
    const link = (k) => `#/precision?view=read&fmt=e8m0&code=0x${k.toString(16).padStart(2, '0')}`;
    addEventListener('hashchange', (e) => {
      if (location.href !== e.newURL) over.push(`${e.newURL.split('#')[1]} became ${location.hash}`);
      if (++i >= n) { done([link(n), over]); return; }
      requestAnimationFrame(() => { location.hash = link(i + 1); });
    });
    location.hash = link(1);
  }), 120);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 });
  assert.deepEqual(overwritten, [], 'no newer link written over');
  assert.equal(await hashOf(page), last, 'the link is the last one opened');
  assert.equal(await page.getAttribute('[data-testid=bit-code]', 'data-value'), '0x78', 'the explorer shows the last code');
  clean(log);
});

spec('a link of 14,000 characters with 1,400 parts to ignore: the notice names eight, and Dismiss removes it', async (keep) => {
  const parts = Array.from({ length: 1400 }, (_, i) => `zz${i}=%E4%B8%AD${i}`).join('&');
  for (const view of ['present', 'read']) {
    for (const [lang, more] of [['en', /and 1,?392 more/], ['zh', /另有 1,?392 处/]]) {
      const hash = `#/rent-vs-buy/3?lang=${lang}&${parts}`;
      assert.ok(hash.length > 14000, `${hash.length} characters`);
      const { page, log, context } = await open(env, hash, { view });
      keep(page);
      const notice = page.getByTestId('notice');
      const text = await notice.textContent();
      assert.match(text, /zz0=中0, zz1=中1, zz2=中2, zz3=中3, zz4=中4, zz5=中5, zz6=中6, zz7=中7/);
      assert.ok(!text.includes('zz8='), 'only eight named');
      assert.match(text, more);
      // The notice leaves the window room, and its button is in it.
      const box = await notice.boundingBox();
      const size = page.viewportSize();
      assert.ok(box.y + box.height <= size.height / 2, `${view} ${lang}: the notice ends at ${box.y + box.height} px`);
      await notice.getByRole('button').click();
      await notice.waitFor({ state: 'detached' });
      // The link the page writes holds none of the ignored parts.
      assert.ok(!(await hashOf(page)).includes('zz'), 'the ignored parts are gone from the link');
      clean(log);
      await context.close();
    }
  }
});
