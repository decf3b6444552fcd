// End-to-end: a presentation remote never changes the data. Page Down and
// Page Up page whatever has the focus (but a text field); a control used
// with the mouse or a finger gives the focus back to the stage, so Right and
// Space page too; a control reached with Tab keeps its arrow keys.
import assert from 'node:assert/strict';
import { setup, open, spec, clean, hashOf, STEP_COUNTS } from './harness.mjs';

const env = setup();

/** The stage's step, `slug/n`, once the link is written. */
const at = async (page) => {
  await hashOf(page);
  return page.evaluate(() => {
    const s = document.querySelector('[data-testid=stage] [data-testid=slide]');
    return `${s.dataset.slide}/${s.dataset.step}`;
  });
};
const waitStep = (page, id) => page.waitForFunction((id) => {
  const s = document.querySelector('[data-testid=stage] [data-testid=slide]');
  return s && `${s.dataset.slide}/${s.dataset.step}` === id;
}, id);
const chip = (page) => page.$eval('[data-testid=stage] [data-testid=prec-chip]', (s) => s.selectedOptions[0].textContent);
const size = (page) => page.textContent('[data-testid=stage] output[for=size-slider]');
/** Where the slider's thumb is now. */
const thumb = (page, sel) => page.locator(sel).evaluate((e) => {
  const r = e.getBoundingClientRect();
  const f = (e.value - e.min) / (e.max - e.min);
  return { x: r.left + 8 + f * (r.width - 16), y: r.top + r.height / 2 };
});

spec('after a click or a tap on a slider, Right, Page Down, Page Up and Space page and leave the data alone', async (keep) => {
  for (const touch of [false, true]) {
    const { page, log, context } = await open(env, '#/precision/7?lang=en',
      { view: 'present', viewport: { width: 1366, height: 768 }, hasTouch: touch });
    keep(page);
    assert.match(await chip(page), /(^|[^G])B200/);
    const was = await size(page);
    const { x, y } = await thumb(page, '[data-testid=stage] #size-slider');
    if (touch) await page.touchscreen.tap(x, y);
    else await page.mouse.click(x, y);
    // The focus is back on the stage once the gesture is over.
    await page.waitForFunction(() => document.activeElement?.id === 'main');
    assert.equal(await size(page), was, 'the click itself left the size');
    await page.keyboard.press('ArrowRight');
    await waitStep(page, 'precision/8');
    assert.match(await chip(page), /v6e/, 'the next step\'s chip, by its keyframe');
    await page.keyboard.press('PageUp');
    await waitStep(page, 'precision/7');
    assert.match(await chip(page), /(^|[^G])B200/);
    await page.keyboard.press('PageDown');
    await waitStep(page, 'precision/8');
    await page.keyboard.press('PageUp');
    await waitStep(page, 'precision/7');
    await page.keyboard.press(' ');
    await waitStep(page, 'precision/8');
    assert.equal(await page.locator('[data-testid=stage] [data-testid=changed]').count(), 0, 'nothing marked changed');
    assert.equal(await hashOf(page), '#/precision/8?lang=en');
    clean(log);
    await context.close();
  }
});

spec('a slider or a list reached with Tab keeps the arrows; Page Down still pages; a text field keeps every key', async (keep) => {
  const { page, log } = await open(env, '#/precision/7?lang=en', { view: 'present', viewport: { width: 1366, height: 768 } });
  keep(page);
  // Tab to the model size slider.
  for (let i = 0; i < 60; i++) {
    await page.keyboard.press('Tab');
    if (await page.evaluate(() => document.activeElement?.id === 'size-slider')) break;
  }
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'size-slider', 'Tab reaches the slider');
  const was = await size(page);
  await page.keyboard.press('ArrowRight');
  await page.waitForFunction((was) => document.querySelector('[data-testid=stage] output[for=size-slider]').textContent !== was, was);
  assert.equal(await at(page), 'precision/7', 'the arrow moved the slider, not the step');
  await page.waitForSelector('[data-testid=stage] [data-testid=changed]');
  await page.keyboard.press('PageDown');
  await waitStep(page, 'precision/8');
  await page.keyboard.press('PageUp');
  await waitStep(page, 'precision/7');
  // The format list on the explorer's step, reached with Tab: the arrows
  // choose a format; Page Down pages.
  await page.goto(`${env.url}/#/precision/5?lang=en&view=present`);
  await page.waitForSelector('[data-testid=stage] [data-testid=format-select]');
  await page.focus('[data-testid=stage] [data-testid=format-select]');
  const before = await page.inputValue('[data-testid=stage] [data-testid=format-select]');
  await page.keyboard.press('ArrowDown');
  await page.waitForFunction((v) => document.querySelector('[data-testid=stage] [data-testid=format-select]').value !== v, before);
  assert.equal(await at(page), 'precision/5');
  await page.keyboard.press('PageDown');
  await waitStep(page, 'precision/6');
  // A typed number keeps Page Down (the explorer's number field).
  await page.goto(`${env.url}/#/precision/3?lang=en&view=present`);
  const field = page.locator('[data-testid=stage] input[type=text], [data-testid=stage] input[inputmode]').first();
  await field.focus();
  await page.keyboard.press('PageDown');
  await page.keyboard.press('ArrowRight');
  // A barrier: a key the deck takes anywhere, pressed after leaving the field.
  await page.keyboard.press('Escape');
  await page.evaluate(() => document.activeElement.blur());
  await page.keyboard.press('ArrowLeft');
  await waitStep(page, 'precision/2');
  clean(log);
});

spec('the help lists the rule for controls and remotes, in both languages', async (keep) => {
  for (const [lang, text] of [['en', /Page Down \/ Page Up \(a presentation remote\) always page/], ['zh', /PageDown \/ PageUp（翻页笔）始终用于翻页/]]) {
    const { page, log, context } = await open(env, `#/intro?lang=${lang}`, { view: 'present' });
    keep(page);
    await page.keyboard.press('?');
    assert.match(await page.textContent('#help'), text);
    clean(log);
    await context.close();
  }
});

spec('a slider, a list or a box changed by keyboard keeps the focus, on every step of every panel, when the step becomes "changed"', async (keep) => {
  const { page, log } = await open(env, '#/intro?lang=en', { view: 'present', viewport: { width: 1366, height: 768 } });
  keep(page);
  const count = STEP_COUNTS;
  const tried = [];
  const lost = [];
  for (const [slug, n] of count) {
    for (let k = 1; k <= n; k++) {
      const link = `#/${slug}/${k}?lang=en`;
      // The controls the stage shows (what it leaves to the Read view is
      // not there to press).
      const controls = `[data-testid=stage] input[type=range]:visible, [data-testid=stage] select:visible, [data-testid=stage] input[type=checkbox]:visible`;
      const load = async () => {
        await page.goto(`${env.url}/${link}`);
        await page.waitForSelector('[data-testid=stage] [data-testid=slide]');
      };
      await load();
      const total = await page.locator(controls).count();
      for (let i = 0; i < total; i++) {
        // Each control from the step as its link opens it.
        if (i > 0) await load();
        const el = await page.locator(controls).nth(i).elementHandle();
        const kind = await el.evaluate((e) => e.type);
        const before = await el.evaluate((e) => (e.type === 'checkbox' ? String(e.checked) : e.value));
        await el.focus();
        // A key that changes it: down a notch, or up from the bottom.
        const key = kind === 'checkbox' ? ' '
          : await el.evaluate((e) => (e.tagName === 'SELECT' ? (e.selectedIndex > 0 ? 'ArrowUp' : 'ArrowDown') : (Number(e.value) > Number(e.min) ? 'ArrowLeft' : 'ArrowRight')));
        // The page has taken the change once its render touched the stage
        // (the readouts, or the control's own label) and the link was
        // written (a setting outside the link, the year cursor, writes none).
        await page.evaluate(() => {
          window.__rendered = new Promise((ok) => {
            const o = new MutationObserver(() => { o.disconnect(); requestAnimationFrame(() => ok(true)); });
            o.observe(document.querySelector('[data-testid=stage]'), { subtree: true, childList: true, attributes: true, characterData: true });
          });
        });
        await page.keyboard.press(key);
        const name = `${slug}/${k} #${i} (${kind}, ${key})`;
        tried.push(name);
        await page.evaluate(() => window.__rendered);
        await hashOf(page);
        const after = await el.evaluate((e) => (e.type === 'checkbox' ? String(e.checked) : e.value));
        if (after === before) lost.push(`${name}: did not change`);
        if (!(await el.evaluate((e) => e.isConnected && document.activeElement === e))) lost.push(`${name}: focus on ${await page.evaluate(() => document.activeElement?.id || document.activeElement?.tagName)}`);
      }
    }
  }
  assert.ok(tried.length >= 20, `controls tried: ${tried.length}`);
  assert.deepEqual(lost, [], `of ${tried.length}`);
  clean(log);
});
