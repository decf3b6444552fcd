// End-to-end: a link to a step opens the step as scripted. The walk from
// step 1 with Right applies each step's keyframes; a bare link to the same
// step (`#/precision/7`) shows the same values and no "changed" mark; a
// link's own settings override the step's, and only then is it changed.
import assert from 'node:assert/strict';
import { setup, open, spec, clean, hashOf } from './harness.mjs';

const env = setup();

/** What the stage's step shows: its id, the values of its controls and the
 * text of its body, and whether it carries the "changed" mark. */
const shown = (page) => page.evaluate(() => {
  const slide = document.querySelector('[data-testid=stage] [data-testid=slide]');
  const body = slide.querySelector('[data-testid=step-body]');
  const controls = [...body.querySelectorAll('input, select')]
    .map((c) => `${c.getAttribute('data-testid') ?? c.id}=${c.type === 'checkbox' ? c.checked : c.value}`);
  return {
    id: `${slide.dataset.slide}/${slide.dataset.step}`,
    controls,
    text: body.textContent.replace(/\s+/g, ' ').trim(),
    changed: !!slide.querySelector('[data-testid=changed]'),
  };
});

/** Waits until the stage shows step `id` (`slug/n`) with no link write
 * pending and two frames painted since. */
const settled = async (page, id) => {
  await page.waitForFunction((id) => {
    const s = document.querySelector('[data-testid=stage] [data-testid=slide]');
    return s && `${s.dataset.slide}/${s.dataset.step}` === id;
  }, id);
  await hashOf(page);
  await page.evaluate(() => new Promise((ok) => requestAnimationFrame(() => requestAnimationFrame(ok))));
};

spec('every step\'s bare link shows what the walk from step 1 shows, unchanged', async (keep) => {
  // The walk: the whole deck from its first step, one Right at a time.
  const { page, log, context } = await open(env, '#/intro?lang=en', { view: 'present' });
  keep(page);
  const walk = [];
  for (;;) {
    const id = await page.evaluate(() => {
      const s = document.querySelector('[data-testid=stage] [data-testid=slide]');
      return `${s.dataset.slide}/${s.dataset.step}`;
    });
    await settled(page, id);
    const now = await shown(page);
    assert.equal(now.changed, false, `${id}: the walk shows no "changed" mark`);
    walk.push(now);
    const progress = await page.textContent('[data-testid=progress]');
    await page.keyboard.press('ArrowRight');
    // The last step: Right changes nothing the progress shows.
    const moved = await page.waitForFunction(([id, progress]) => {
      const s = document.querySelector('[data-testid=stage] [data-testid=slide]');
      if (`${s.dataset.slide}/${s.dataset.step}` !== id) return true;
      return document.querySelector('[data-testid=progress]')?.textContent !== progress ? true : null;
    }, [id, progress], { timeout: 1500 }).then(() => true, () => false);
    if (!moved) break;
  }
  assert.ok(walk.length >= 80, `${walk.length} steps walked`);
  await context.close();
  // Each bare link in a fresh page of its own slide.
  const bySlide = new Map();
  for (const w of walk) {
    const slug = w.id.split('/')[0];
    if (!bySlide.has(slug)) bySlide.set(slug, []);
    bySlide.get(slug).push(w);
  }
  const wrong = [];
  for (const [slug, steps] of bySlide) {
    const first = await open(env, `#/${slug}/1?lang=en`, { view: 'present' });
    keep(first.page);
    for (const w of steps) {
      const [, n] = w.id.split('/');
      await first.page.evaluate((h) => { location.hash = h; }, `#/${slug}/${n}?lang=en&view=present`);
      await settled(first.page, w.id);
      // The values the walk showed, reached without a key.
      const same = await first.page.waitForFunction(([want]) => {
        const slide = document.querySelector('[data-testid=stage] [data-testid=slide]');
        const body = slide.querySelector('[data-testid=step-body]');
        return body.textContent.replace(/\s+/g, ' ').trim() === want;
      }, [w.text], { timeout: 3000 }).then(() => true, () => false);
      const got = await shown(first.page);
      if (!same || got.changed || got.controls.join() !== w.controls.join()) {
        wrong.push(`#/${w.id}: ${got.changed ? 'marked changed; ' : ''}controls ${got.controls.join(' ')} (walk: ${w.controls.join(' ')})${same ? '' : '; text differs'}`);
      }
    }
    clean(first.log);
    await first.context.close();
  }
  assert.deepEqual(wrong, []);
  clean(log);
});

spec('a step link\'s own settings override the step\'s, and only they mark it changed', async (keep) => {
  const { page, log } = await open(env, '#/precision/7?lang=en&chip=h100', { view: 'present' });
  keep(page);
  await page.waitForSelector('[data-testid=stage] [data-testid=changed]');
  // The step's format (FP4) stays; the chip is the link's.
  const chip = () => page.$eval('[data-testid=stage] [data-testid=prec-chip]', (s) => s.selectedOptions[0].textContent);
  assert.match(await chip(), /H100/);
  assert.match(await page.textContent('[data-testid=stage] [data-testid=step-body]'), /FP4/);
  // Restoring the step gives its scripted chip back, and the bare link.
  await page.click('[data-testid=restore]');
  await page.waitForSelector('[data-testid=stage] [data-testid=changed]', { state: 'detached' });
  assert.match(await chip(), /(^|[^G])B200/);
  assert.equal(await hashOf(page), '#/precision/7?lang=en');
  clean(log);
});
