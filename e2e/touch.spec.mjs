// End-to-end: on a phone a finger on a slider moves the slider, never the
// deck. Real touch drags (CDP `Input.dispatchTouchEvent`) of 40 to 250 px
// along every slider of every panel, in the Read view at 390 x 844, leave
// the slide and its link where they were and move the slider; a swipe
// outside the controls still changes the slide.
import assert from 'node:assert/strict';
import { setup, open, spec, clean, walkSlides } from './harness.mjs';

const env = setup();
const phone = { viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true };

/** Two frames after now: a swipe's render (dispatched on touchend) has landed. */
const frames = (page) => page.evaluate(() => new Promise((ok) => requestAnimationFrame(() => requestAnimationFrame(ok))));

/** A finger from (x0, y) to (x1, y + 3) in ten moves. */
async function drag(cdp, x0, x1, y) {
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: [{ x: x0, y }] });
  for (let i = 1; i <= 10; i++) {
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchMove', touchPoints: [{ x: x0 + (x1 - x0) * i / 10, y: y + i * 0.3 }] });
  }
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
}

spec('a touch drag of 40-250 px on any slider moves the slider and never changes the slide', async (keep) => {
  const { page, log, context } = await open(env, '#/intro?lang=en', { view: 'read', ...phone });
  keep(page);
  const cdp = await context.newCDPSession(page);
  const problems = [];
  let tried = 0;
  const slugs = await walkSlides(page);
  assert.ok(slugs.length > 15, `${slugs.length} slides`);
  for (const slug of slugs) {
    await page.evaluate((h) => { location.hash = h; }, `#/${slug}?lang=en&view=read`);
    await page.waitForSelector(`[data-testid=slide][data-slide="${slug}"]`);
    await frames(page);
    const ids = await page.$$eval('[data-testid=slide] input[type=range]', (els) => els.map((e) => e.id));
    for (const id of ids) {
      for (const dist of [40, 120, 250]) {
        const slider = page.locator(`#${id}`);
        await slider.scrollIntoViewIfNeeded();
        await frames(page);
        const box = await slider.boundingBox();
        if (!box || box.width < 10) { problems.push(`${slug} ${id}: not visible`); continue; }
        const before = await slider.evaluate((e) => ({ v: +e.value, f: (e.value - e.min) / (e.max - e.min) }));
        const x0 = box.x + 8 + before.f * (box.width - 16);
        const y = box.y + box.height / 2;
        // Toward the end with more room, within the screen.
        const right = x0 < box.x + box.width / 2;
        const x1 = Math.max(2, Math.min(388, right ? x0 + dist : x0 - dist));
        const hashBefore = await page.evaluate(() => location.hash.split('?')[0]);
        await drag(cdp, x0, x1, y);
        await frames(page);
        tried++;
        const after = await page.evaluate((id) => ({
          slide: document.querySelector('[data-testid=slide]').dataset.slide,
          hash: location.hash.split('?')[0],
          v: +document.getElementById(id)?.value,
        }), id);
        if (after.slide !== slug || after.hash !== hashBefore) {
          problems.push(`${slug} ${id} ${right ? '→' : '←'} ${dist}px: now on ${after.hash}`);
          await page.evaluate((h) => { location.hash = h; }, `#/${slug}?lang=en&view=read`);
          await page.waitForSelector(`[data-testid=slide][data-slide="${slug}"]`);
        } else if (after.v === before.v) {
          problems.push(`${slug} ${id} ${right ? '→' : '←'} ${dist}px: the slider stayed at ${before.v}`);
        }
      }
    }
  }
  assert.ok(tried >= 40, `${tried} drags`);
  assert.deepEqual(problems, []);
  clean(log);
});

spec('a swipe outside the controls still changes the slide; two fingers or a steep drag do not', async (keep) => {
  const { page, log, context } = await open(env, '#/ingredients?lang=en', { view: 'read', ...phone });
  keep(page);
  const cdp = await context.newCDPSession(page);
  const y = await page.evaluate(() => {
    const p = document.querySelector('[data-testid=slide] p');
    const r = p.getBoundingClientRect();
    return r.top + r.height / 2;
  });
  // Steep: 80 px across, 120 down.
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: [{ x: 300, y }] });
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchMove', touchPoints: [{ x: 220, y: y + 120 }] });
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
  // Two fingers, sideways (a pinch or a two-finger scroll).
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: [{ x: 300, y, id: 1 }, { x: 300, y: y + 60, id: 2 }] });
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchMove', touchPoints: [{ x: 80, y, id: 1 }, { x: 80, y: y + 60, id: 2 }] });
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
  await frames(page);
  assert.equal(await page.getAttribute('[data-testid=slide]', 'data-slide'), 'ingredients');
  // A clear sideways swipe on the text goes to the next slide.
  await page.evaluate(() => scrollTo(0, 0));
  await drag(cdp, 320, 70, y);
  await page.waitForSelector('[data-testid=slide][data-slide=bandwidth]');
  clean(log);
});
