// The Present view: every step fits its 16:9 stage at four window sizes in
// four languages (either alone, both in either order) with type large
// enough for a room (no text under 20 px, a median of 24 px or more, in px
// of a 1920 x 1080 stage), controls 44 px high, no two chart labels
// touching and none crossing its chart's edge, and a step body that starts
// at the same height on every step of its slide; the keyframes move the
// panels, the control a step moves is highlighted, and a hand change can be
// restored; every link of the other specs opens on the step that shows its
// panel part; bad steps fall back; axe finds nothing on any step. (The
// other specs test the Read view.)
import assert from 'node:assert/strict';
import { readFile, readdir } from 'node:fs/promises';
import { resolve } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { setup, open, spec, clean, hashOf, GENERAL_KEYS } from './harness.mjs';
import { measure, stepId, walk } from './stage.mjs';

const env = setup();
const SIZES = [[1280, 720], [1366, 768], [1440, 900], [1920, 1080]];
// Body text is 28 px on a 1920 px wide stage; nothing is under 20 px, and
// half of a step's texts at least are 24 px or more (control labels,
// tables and captions are 24.5 px; only sources and footnotes are 20).
const PROSE_PX = 28;
const MIN_PX = 20;
const MEDIAN_PX = 24;

const present = (hash, viewport, extra = {}) =>
  open(env, hash, { view: null, viewport: { width: viewport[0], height: viewport[1] }, reducedMotion: 'reduce', ...extra });

for (const lang of ['zh', 'en', 'zh-en', 'en-zh']) {
  spec(`every step fits the stage at four sizes, with large type (${lang})`, async (keep) => {
    let total = 0;
    for (const size of SIZES) {
      const { page, log, context } = await present(`#/intro?lang=${lang}`, size);
      keep(page);
      const problems = [];
      // Where each slide's step body starts: the same on every step of it
      // (the heading block has a fixed height, so nothing jumps); the cover
      // is a title slide of its own, without the heading block.
      const bodyTop = new Map();
      const steps = await walk(page, async () => {
        const [slide, part, top] = await page.evaluate(() => {
          const s = document.querySelector('[data-testid=stage] [data-testid=slide]');
          return [s.dataset.slide, s.dataset.part, s.querySelector('[data-testid=step-body]').getBoundingClientRect().top];
        });
        if (part !== 'cover' && !bodyTop.has(slide)) bodyTop.set(slide, top);
        else if (part !== 'cover' && Math.abs(bodyTop.get(slide) - top) > 0.5) problems.push(`${size.join('x')} ${lang} ${slide}: the step body starts at ${top.toFixed(1)} px, not ${bodyTop.get(slide).toFixed(1)} px as on its first step`);
        await check('');
        // The states a step reaches by interaction fit too: what a button
        // marked data-grows reveals (rank it yourself, then its result),
        // and each details opened.
        for (let i = 0; i < 4; i++) {
          const grow = page.locator('[data-testid=stage] [data-grows]').first();
          if (!(await grow.count())) break;
          const label = (await grow.textContent()).trim();
          await grow.click();
          await page.evaluate(() => new Promise((ok) => requestAnimationFrame(() => requestAnimationFrame(ok))));
          await check(` after "${label}"`);
        }
        for (const summary of await page.locator('[data-testid=stage] details > summary').all()) {
          // By keyboard: at the stage's top the (faded) top bar is over it.
          await summary.focus();
          await page.keyboard.press('Enter');
          await page.waitForFunction((s) => s.parentElement.open, await summary.elementHandle());
          await check(` with "${(await summary.textContent()).trim()}" open`);
          await page.keyboard.press('Enter');
          await page.waitForFunction((s) => !s.parentElement.open, await summary.elementHandle());
        }
      });
      async function check(state) {
        const m = await page.evaluate(measure, { prosePx: PROSE_PX, minPx: MIN_PX });
        const where = `${size.join('x')} ${lang} ${m.id} (${m.part})${state}`;
        if (!m.stageFits) problems.push(`${where}: the stage does not fill the window`);
        if (m.out.length) problems.push(`${where}: leaves the stage: ${m.out.slice(0, 3).join('; ')}`);
        if (m.small.length) problems.push(`${where}: small type: ${m.small.slice(0, 3).join('; ')}`);
        if (m.minText < MIN_PX - 0.05) problems.push(`${where}: the smallest text is ${m.minText.toFixed(1)} px`);
        if (m.medianText < MEDIAN_PX - 0.05) problems.push(`${where}: the median text is ${m.medianText.toFixed(1)} px`);
        if (m.under.length) problems.push(`${where}: under the pager: ${m.under.slice(0, 3).join('; ')}`);
        if (m.touching.length) problems.push(`${where}: chart labels touch: ${m.touching.slice(0, 3).join('; ')}`);
        if (m.targets.length) problems.push(`${where}: controls under 44 px: ${m.targets.slice(0, 3).join('; ')}`);
        if (m.crossing.length) problems.push(`${where}: chart text crosses the chart's edge: ${m.crossing.slice(0, 3).join('; ')}`);
        if (!m.bigOk) problems.push(`${where}: a readout is not larger than the body text`);
        const scroll = await page.evaluate(() => [document.scrollingElement.scrollHeight > innerHeight + 1, document.scrollingElement.scrollWidth > innerWidth + 1]);
        if (scroll.some(Boolean)) problems.push(`${where}: the page scrolls`);
      }
      assert.deepEqual(problems, [], problems.join('\n'));
      // Every step was shown, and the progress counts them.
      const last = await page.textContent('[data-testid=progress]');
      assert.ok(last.includes(`${steps.length}`), `${last} counts ${steps.length} steps`);
      total = steps.length;
      clean(log);
      await context.close();
    }
    assert.ok(total > 18, `the deck has more steps (${total}) than slides`);
  });
}

spec('Present is the default on a wide screen, Read on a phone, and r switches', async (keep) => {
  const { page, log, context } = await present('#/precision?lang=en', [1280, 720]);
  keep(page);
  assert.equal(await page.getAttribute('html', 'data-view'), 'present');
  assert.equal(await page.locator('[data-testid=stage]').count(), 1);
  await page.keyboard.press('r');
  await page.waitForFunction(() => location.hash.includes('view=read'));
  assert.equal(await page.locator('[data-testid=stage]').count(), 0);
  // Read shows the whole slide: every part, with the text steps' titles as headings.
  assert.ok(await page.locator('[data-testid=step-section] h2').count() >= 2);
  for (const id of ['format-select', 'peak-tflops', 'format-table']) assert.equal(await page.getByTestId(id).count(), 1, id);
  await page.getByTestId('toggle-view').click();
  await page.waitForFunction(() => !location.hash.includes('view='));
  assert.equal(await page.locator('[data-testid=stage]').count(), 1);
  await context.close();
  const phone = await open(env, '#/precision?lang=en', { view: null, viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
  keep(phone.page);
  assert.equal(await phone.page.getAttribute('html', 'data-view'), 'read');
  assert.equal(await phone.page.locator('[data-testid=stage]').count(), 0);
  // The phone follows the presenter with view=present in the link.
  await phone.page.goto(`${env.url}/#/precision/3?lang=en&view=present`);
  await phone.page.waitForSelector('[data-testid=stage]');
  clean(log);
  clean(phone.log);
});

spec('Right, Space and Page Down step; Shift+Right skips a slide; the contents list the steps', async (keep) => {
  const { page, log } = await present('#/memory?lang=en', [1366, 768]);
  keep(page);
  const at = () => stepId(page);
  assert.equal(await at(), 'memory/1');
  await page.keyboard.press('ArrowRight');
  assert.equal(await at(), 'memory/2');
  assert.equal(await hashOf(page), '#/memory/2?lang=en');
  await page.keyboard.press(' ');
  await page.keyboard.press('PageDown');
  assert.equal(await at(), 'memory/4');
  await page.keyboard.press('PageUp');
  await page.keyboard.press('Shift+Space');
  assert.equal(await at(), 'memory/2');
  await page.keyboard.press('Shift+ArrowRight');
  assert.equal(await at(), 'precision/1');
  await page.keyboard.press('Shift+ArrowLeft');
  await page.keyboard.press('Shift+ArrowLeft');
  assert.equal(await at(), 'bandwidth/1');
  // Back from the first step is the last step of the slide before.
  await page.keyboard.press('ArrowLeft');
  assert.match(await at(), /^ingredients\/\d+$/);
  assert.notEqual(await at(), 'ingredients/1');
  // Browser Back goes to the slide before, as today.
  await page.goBack();
  await page.waitForFunction(() => location.hash.startsWith('#/bandwidth'));
  // The contents list each slide's steps; a step opens from them.
  await page.keyboard.press('o');
  const steps = page.locator('#overview [data-testid=overview-step]');
  assert.ok(await steps.count() > 40, 'steps listed under their slides');
  await page.locator('#overview button', { hasText: 'The bits of BF16' }).click();
  await page.waitForFunction(() => document.querySelector('[data-testid=slide]')?.dataset.part === 'explorer');
  assert.equal(await page.textContent('[data-testid=progress]').then((t) => /Step \d+ of \d+/.test(t)), true);
  clean(log);
});

spec('keyframes set the link and the readouts; a hand change is marked and restored; Back restores', async (keep) => {
  const { page, log } = await present('#/precision?lang=en', [1280, 720]);
  keep(page);
  const go = async (part, title) => {
    for (let i = 0; i < 20; i++) {
      const now = await page.evaluate(() => [document.querySelector('[data-testid=slide]').dataset.part, document.querySelector('[data-testid=step-title]')?.textContent ?? '']);
      if (now[0] === part && now[1].includes(title)) return;
      await page.keyboard.press('ArrowRight');
    }
    throw new Error(`no step ${part} "${title}"`);
  };
  const data = (id) => page.getAttribute(`[data-testid=${id}]`, 'data-value');
  // A step shown as scripted links to the bare step, which opens its
  // keyframes' values; a hand change adds what differs from them.
  const link = async (re) => {
    const h = await hashOf(page);
    assert.match(h, re);
    return h;
  };
  await go('explorer', 'FP8 E4M3');
  await link(/^#\/precision\/4\?lang=en$/);
  assert.equal(await page.inputValue('[data-testid=format-select]'), 'e4m3');
  await go('explorer', 'FP4 E2M1');
  assert.equal(await page.inputValue('[data-testid=format-select]'), 'e2m1');
  // FP4 on a B200: 9,000 TFLOP/s dense, four times BF16.
  await go('speed+roofline', 'B200');
  await link(/^#\/precision\/7\?lang=en$/);
  assert.equal(Number(await data('peak-tflops')), 9000);
  assert.equal(Number(await data('speedup')), 4);
  assert.equal(await page.locator('[data-testid=changed]').count(), 0);
  // On a TPU v6e there is no FP4: no peak, no roofline.
  await go('speed+roofline', 'TPU v6e');
  await link(/^#\/precision\/8\?lang=en$/);
  assert.equal(await data('peak-tflops'), '');
  assert.equal(await page.getByTestId('no-roofline').count(), 1);
  // A hand change shows the mark; 0 restores the step's values.
  await page.focus('#prec-chip');
  await page.keyboard.press('ArrowUp');
  await page.waitForSelector('[data-testid=changed]');
  await link(/^#\/precision\/8\?lang=en&chip=(?!tpu-v6e)/);
  await page.locator('main').focus();
  await page.keyboard.press('0');
  await page.waitForFunction(() => !location.hash.includes('chip='));
  await link(/^#\/precision\/8\?lang=en$/);
  assert.equal(await page.locator('[data-testid=changed]').count(), 0);
  // Changed again, then Back: the step before gets its own values back.
  await page.focus('#prec-chip');
  await page.keyboard.press('ArrowUp');
  await page.waitForSelector('[data-testid=changed]');
  await page.locator('main').focus();
  await page.keyboard.press('ArrowLeft');
  await page.waitForFunction(() => location.hash.startsWith('#/precision/7'));
  await link(/^#\/precision\/7\?lang=en$/);
  assert.equal(Number(await data('peak-tflops')), 9000);
  assert.equal(await page.locator('[data-testid=changed]').count(), 0);
  // The restore button does what 0 does.
  await page.focus('#prec-chip');
  await page.keyboard.press('ArrowDown');
  await page.waitForFunction(() => location.hash.includes('chip='));
  await page.click('[data-testid=restore]');
  await page.waitForFunction(() => !location.hash.includes('chip='));
  clean(log);
});

spec('a step that moves a setting highlights that control, and only that one', async (keep) => {
  const { page, log } = await present('#/precision/7?lang=en', [1920, 1080]);
  keep(page);
  const marked = (sel) => page.$eval(sel, (e) => getComputedStyle(e).boxShadow !== 'none');
  await page.waitForSelector('[data-testid=stage] #prec-chip');
  // Step 7 comes after the table: nothing was moved.
  assert.equal(await page.getAttribute('[data-testid=stage] [data-testid=slide]', 'data-moved'), null);
  assert.equal(await marked('.slider:has(#prec-chip)'), false);
  await page.locator('main').focus();
  await page.keyboard.press('ArrowRight');
  await page.waitForSelector('[data-testid=stage] [data-testid=slide][data-step="8"]');
  // The keyframe changes the chip, not the format it keeps.
  assert.equal(await page.getAttribute('[data-testid=stage] [data-testid=slide]', 'data-moved'), 'chip');
  assert.equal(await marked('.slider:has(#prec-chip)'), true, 'the chip picker is marked');
  assert.equal(await marked('.slider:has(#fmt-slider)'), false, 'the format slider is not');
  // The link the step moves to: on bandwidth, the radio button of PCIe 5.
  await page.goto(`${env.url}/#/bandwidth/3?lang=en`);
  await page.waitForSelector('[data-testid=stage] [data-testid=slide][data-step="3"]');
  await page.locator('main').focus();
  await page.keyboard.press('ArrowRight');
  await page.waitForSelector('[data-testid=stage] [data-testid=slide][data-step="4"]');
  assert.equal(await marked('.radio:has(input[name=link][value=pcie5])'), true);
  assert.equal(await marked('.radio:has(input[name=link][value=nvlink5])'), false);
  clean(log);
});

spec('the scripted steps of depreciation, the ladder and rent vs buy', async (keep) => {
  const { page, log } = await present('#/depreciation?lang=en', [1920, 1080]);
  keep(page);
  const data = (id) => page.getAttribute(`[data-testid=${id}]`, 'data-value').then(Number);
  const next = () => page.keyboard.press('ArrowRight');
  await next();
  await next();
  await page.waitForFunction(() => location.hash.includes('algo_on=0'));
  assert.ok(Math.abs(await data('half-life') - 2.46) < 1e-9, 'hardware alone: 2.46 years');
  await next();
  await page.waitForFunction(() => !location.hash.includes('algo_on'));
  assert.ok(Math.abs(await data('half-life') - 0.52) < 0.005, 'with algorithms: 0.52 years');
  // The ladder: the notes' order, then the 2013 lens, then 2023.
  await page.goto(`${env.url}/#/ladder/4?lang=en`);
  await page.waitForSelector('[data-part=ladder]');
  const order = () => page.$$eval('[data-testid=rung]', (rs) => rs.map((r) => r.dataset.category).join(' '));
  const notes = await order();
  await next();
  await page.waitForFunction(() => location.hash.startsWith('#/ladder/5?'));
  const lens2013 = await order();
  assert.notEqual(lens2013, notes);
  await next();
  await page.waitForFunction(() => location.hash.startsWith('#/ladder/6?'));
  assert.notEqual(await order(), lens2013);
  // Rent vs buy: 100 % then 30 % utilization.
  await page.goto(`${env.url}/#/rent-vs-buy/3?lang=en`);
  await page.waitForSelector('[data-part="buy+verdict"]');
  const own100 = await data('own-cost-per-hour');
  assert.ok(Math.abs(own100 - 1.4576) < 0.001, `${own100}`);
  await next();
  await next();
  await page.waitForFunction(() => location.hash.includes('util=30'));
  assert.ok(await data('own-cost-per-hour') > 3 * own100);
  clean(log);
});

/** The links the other specs open. */
async function suiteLinks() {
  const dir = resolve(import.meta.dirname);
  const links = new Set();
  for (const f of await readdir(dir)) {
    if (!f.endsWith('.spec.mjs') || f === 'present.spec.mjs') continue;
    const src = await readFile(resolve(dir, f), 'utf8');
    // (a link the Read specs expect back, with its view=read, is not one they
    // open; a handout link, print=, shows no stage but every step's page)
    for (const m of src.matchAll(/['`](#\/[^'`$\s]*)['`]/g)) if (!/view=|print=/.test(m[1])) links.add(m[1]);
  }
  return [...links];
}

spec('every link of the other specs opens on the step that shows its panel part', async (keep) => {
  const links = await suiteLinks();
  assert.ok(links.length > 30, `${links.length} links`);
  const { page, log } = await present('#/intro', [1280, 800]);
  keep(page);
  for (const link of links) {
    await page.goto('about:blank');
    await page.goto(`${env.url}/${link}`);
    await page.waitForSelector('[data-testid=stage] [data-testid=slide]').catch(() => assert.fail(`${link}: no stage`));
    const s = await page.evaluate(() => {
      const a = document.querySelector('[data-testid=slide]');
      return { part: a.dataset.part, keys: (a.dataset.keys ?? '').split(' ').filter(Boolean), notice: !!document.querySelector('[data-testid=notice]') };
    });
    const set = [...new URLSearchParams(link.split('?')[1] ?? '').keys()].filter((k) => !GENERAL_KEYS.includes(k));
    // A link whose settings are all defaults sets nothing: the canonical link drops them.
    const kept = new URLSearchParams((await hashOf(page)).split('?')[1] ?? '');
    if (set.some((k) => kept.has(k)) && !s.notice) {
      assert.ok(set.some((k) => s.keys.includes(k)), `${link} opens ${s.part}, which shows ${s.keys.join(', ') || 'no setting'}`);
    }
    // (The precision panel names NaN and Inf as values a format holds.)
    if (!link.startsWith('#/precision')) {
      const text = await page.textContent('[data-testid=stage]');
      assert.ok(!/NaN|\binf\b|Infinity|undefined/.test(text), `${link}: bad number`);
    }
  }
  clean(log);
});

spec('a step that is not one of the slide falls back to the first, with the usual notice', async (keep) => {
  for (const bad of ['0', '99', 'x']) {
    const { page, log, context } = await present(`#/precision/${bad}?lang=en`, [1280, 720]);
    keep(page);
    assert.equal(await page.getAttribute('[data-testid=slide]', 'data-step'), '1');
    assert.ok((await page.textContent('[data-testid=notice]')).includes(`/${bad}`));
    assert.equal(await hashOf(page), '#/precision?lang=en');
    clean(log);
    await context.close();
  }
});

// Light and dark at 1280 x 720; high contrast at 1920 x 1080 with WCAG's
// enhanced contrast (AAA: 7:1, 4.5:1 for large text) on, besides every rule
// axe runs by default.
const AXE_THEMES = [
  ['light', [1280, 720], {}],
  ['dark', [1280, 720], {}],
  ['contrast', [1920, 1080], { rules: { 'color-contrast-enhanced': { enabled: true } } }],
];

for (const lang of ['zh', 'en']) {
  spec(`axe finds nothing on any step, light, dark and high contrast (at 7:1) (${lang})`, async (keep) => {
    for (const [theme, size, options] of AXE_THEMES) {
      const { page, log, context } = await present(`#/intro?lang=${lang}&theme=${theme}`, size);
      keep(page);
      assert.equal(await page.getAttribute('html', 'data-theme'), theme);
      const found = [];
      const steps = await walk(page, async (id) => {
        const r = await new AxeBuilder({ page }).include('[data-testid=stage]').options(options).analyze();
        for (const v of r.violations) found.push(`${id} ${theme}: ${v.id} (${v.nodes.length}) ${v.nodes[0]?.target} ${v.nodes[0]?.any?.[0]?.message ?? ''}`);
      });
      assert.ok(steps.length > 80, `${steps.length} steps`);
      assert.deepEqual(found, [], found.join('\n'));
      clean(log);
      await context.close();
    }
  });
}

spec('the theme menu offers high contrast, the link keeps it and a reload paints it first', async (keep) => {
  const { page, log, context } = await present('#/precision/3?lang=en', [1280, 720]);
  keep(page);
  const bg = () => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  await page.selectOption('[data-testid=theme-select]', 'contrast');
  await page.waitForFunction(() => location.hash.includes('theme=contrast'));
  assert.equal(await bg(), 'rgb(255, 255, 255)');
  assert.equal(await page.evaluate(() => getComputedStyle(document.body).color), 'rgb(0, 0, 0)');
  // web/boot.js sets it before the app runs.
  await page.reload();
  assert.equal(await page.getAttribute('html', 'data-theme'), 'contrast');
  await page.waitForSelector('[data-testid=stage]');
  assert.equal(await page.inputValue('[data-testid=theme-select]'), 'contrast');
  clean(log);
  await context.close();
});
