// End-to-end: the ladder's lens switch, against the release build. The
// expected orders are worked by hand from facts.md's figures (means of each
// rung's occupations).
import assert from 'node:assert/strict';
import { setup, open, spec, clean, withView } from './harness.mjs';

const env = setup();
const rungs = (page) => page.$$eval('[data-testid=rung]', (els) => els.map((e) => [e.dataset.category, Number(e.dataset.score)]));

spec('each lens orders the rungs from easy to hard with their scores', async (keep) => {
  const { page, log } = await open(env, '#/ladder?lang=en');
  keep(page);
  const notes = await rungs(page);
  assert.deepEqual(notes.map((r) => r[0]), ['assistant', 'customer-service', 'documents', 'entertainment', 'education', 'software', 'vehicles', 'robotics']);
  assert.deepEqual(notes.map((r) => r[1]), [1, 2, 3, 4, 5, 6, 7, 8]);
  await page.goto(`${env.url}/${withView(`#/ladder?lens=computerisation-2013&lang=en`, 'read')}`);
  await page.waitForFunction(() => document.querySelector('[data-testid=rung]')?.dataset.category === 'assistant'
    && document.querySelector('input[value=computerisation-2013]')?.checked);
  const f2013 = await rungs(page);
  // Frey & Osborne: assistant .96, documents (.99+.84+.94)/3, robotics .88, vehicles (.79+.89)/2, ...
  assert.deepEqual(f2013.map((r) => r[0]), ['assistant', 'documents', 'robotics', 'vehicles', 'customer-service', 'software', 'entertainment', 'education']);
  assert.ok(Math.abs(f2013[1][1] - (0.99 + 0.84 + 0.94) / 3) < 1e-12);
  for (let i = 1; i < f2013.length; i++) assert.ok(f2013[i - 1][1] >= f2013[i][1], 'highest score first');
  clean(log);
});

spec('the lens switch works by keyboard and lands in the link', async (keep) => {
  const { page, log } = await open(env, '#/ladder?lang=en');
  keep(page);
  await page.getByLabel(/GPT-4 as rater/).focus();
  await page.keyboard.press('Space');
  await page.waitForFunction(() => location.hash.includes('lens=exposure-gpt4'));
  const gpt4 = await rungs(page);
  // GPT-4 raters: software (.87+.95)/2 = .91 is the most exposed, robotics .05 the least.
  assert.equal(gpt4[0][0], 'software');
  assert.ok(Math.abs(gpt4[0][1] - 0.91) < 1e-12);
  assert.equal(gpt4[gpt4.length - 1][0], 'robotics');
  assert.ok((await page.textContent('[data-testid=rung][data-category=software]')).includes('Computer programmers'));
  clean(log);
});

// "Rank it yourself". RANK_START in src/ladder.rs is where ranking starts.
const RANK_START = ['software', 'robotics', 'customer-service', 'education', 'vehicles', 'assistant', 'entertainment', 'documents'];
const NOTES = ['assistant', 'customer-service', 'documents', 'entertainment', 'education', 'software', 'vehicles', 'robotics'];
const mine = (page) => page.$$eval('[data-testid=my-rung]', (els) => els.map((e) => e.dataset.category));
/** Kendall's tau-a by counting pairs, for checking the page. */
function tau(a, b) {
  let net = 0;
  for (let i = 0; i < a.length; i++) {
    for (let j = i + 1; j < a.length; j++) net += b.indexOf(a[i]) < b.indexOf(a[j]) ? 1 : -1;
  }
  return net / (a.length * (a.length - 1) / 2);
}

spec('rank it yourself by keyboard, then reveal the evidence', async (keep) => {
  const { page, log } = await open(env, '#/ladder?lang=en&lens=computerisation-2013');
  keep(page);
  await page.click('[data-testid=rank-start]');
  assert.deepEqual(await mine(page), RANK_START);
  // The evidence is hidden while ranking.
  assert.equal(await page.locator('[data-testid=rung]').count(), 0);
  assert.ok(await page.isVisible('[data-testid=evidence-hidden]'));
  // Home moves a focused rung to the easiest place: doing it from the
  // hardest to the easiest rung of the notes builds the notes' order.
  for (const id of [...NOTES].reverse()) {
    await page.focus(`#rank-${id}`);
    await page.keyboard.press('Home');
  }
  assert.deepEqual(await mine(page), NOTES);
  assert.equal(await page.getAttribute('[data-testid=slide]', 'data-slide'), 'ladder', 'Home on a rung does not leave the slide');
  // Two rungs harder: software goes to the top; the focus stays on it.
  await page.focus('#rank-software');
  await page.keyboard.press('ArrowUp');
  await page.keyboard.press('ArrowUp');
  const order = await mine(page);
  assert.deepEqual(order, ['assistant', 'customer-service', 'documents', 'entertainment', 'education', 'vehicles', 'robotics', 'software']);
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'rank-software');
  assert.equal((await page.textContent('[data-testid=rank-live]')).trim(), 'Software engineering: place 8 of 8 (1 = easiest).');
  await page.keyboard.press('ArrowDown');
  assert.deepEqual((await mine(page)).slice(5), ['vehicles', 'software', 'robotics']);
  await page.keyboard.press('ArrowUp');

  await page.click('[data-testid=rank-reveal]');
  const rows = await page.$$eval('[data-testid=reveal-row]', (els) => els.map((e) => ({
    lens: e.dataset.lens, tau: Number(e.dataset.tau), text: e.textContent,
  })));
  assert.deepEqual(rows.map((r) => r.lens), ['notes', 'exposure-human', 'exposure-gpt4', 'computerisation-2013']);
  // One rung out of place by two: 2 of 28 pairs reversed, tau = 24/28.
  assert.ok(Math.abs(rows[0].tau - 24 / 28) < 1e-12);
  assert.ok(rows[0].text.includes('0.86'));
  assert.ok(rows[0].text.includes('Software engineering: 2 rungs easier than in yours'));
  assert.ok(rows[0].text.includes('one rung harder than in yours'));
  // The 2013 order, read off the evidence ladder, against the reader's.
  const f2013 = ['assistant', 'documents', 'robotics', 'vehicles', 'customer-service', 'software', 'entertainment', 'education'];
  assert.ok(Math.abs(rows[3].tau - tau(order, f2013)) < 1e-12);
  assert.ok(rows[3].text.includes('Robotics: 4 rungs easier than in yours'));
  assert.ok((await page.textContent('[data-testid=rank-closest]')).includes("the notes' order"));
  // The evidence is back, in the lens of the link.
  assert.equal(await page.locator('[data-testid=rung]').count(), 8);
  assert.deepEqual(await rungs(page).then((r) => r.map((x) => x[0])), f2013);
  clean(log);
});

spec('rank it yourself in Chinese, with the buttons and by dragging', async (keep) => {
  const { page, log } = await open(env, '#/ladder?lang=zh');
  keep(page);
  await page.click('[data-testid=rank-start]');
  assert.ok((await page.textContent('[data-testid=rank]')).includes('自己排一排'));
  // The ▲ button of the easiest rung moves it one rung harder.
  await page.click('#rank-software button[aria-label*="上移"]');
  assert.deepEqual((await mine(page)).slice(0, 2), ['robotics', 'software']);
  // Drag robotics (the easiest, at the bottom) by its handle up onto the
  // fifth rung: it moves four places harder.
  const grip = page.locator('#rank-robotics .ladder-grip');
  // The list in view: the pointer cannot reach what is scrolled away.
  await page.evaluate(() => document.querySelector('ol.ladder-mine').scrollIntoView({ block: 'center' }));
  // Measure where the rungs rest, not where the slide animation shows them.
  await page.waitForFunction(() => document.getAnimations().length === 0);
  const from = await grip.boundingBox();
  const to = await page.locator('[data-testid=my-rung]').nth(4).boundingBox();
  await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
  await page.mouse.down();
  for (let i = 1; i <= 10; i++) {
    const y = from.y + from.height / 2 + (to.y + to.height / 2 - from.y - from.height / 2) * i / 10;
    await page.mouse.move(from.x + from.width / 2, y);
  }
  await page.mouse.up();
  const order = await mine(page);
  assert.deepEqual(order.slice(0, 5), ['software', 'customer-service', 'education', 'vehicles', 'robotics']);
  assert.equal(order.length, 8);
  await page.click('[data-testid=rank-reveal]');
  assert.ok((await page.textContent('[data-testid=reveal]')).includes('肯德尔'));
  clean(log);
});

spec('a lens change slides the rungs, unless the reader prefers reduced motion', async (keep) => {
  for (const reducedMotion of ['no-preference', 'reduce']) {
    const { page, log, context } = await open(env, '#/ladder?lang=en', { reducedMotion });
    keep(page);
    await page.getByLabel(/computerisation/).check();
    await page.waitForFunction(() => document.querySelector('[data-testid=rung]')?.dataset.category === 'assistant'
      && document.querySelectorAll('[data-testid=rung]')[1]?.dataset.category === 'documents');
    const styled = await page.$$eval('[data-testid=rung]', (els) => els.filter((e) => (e.getAttribute('style') || '').includes('transition')).length);
    if (reducedMotion === 'reduce') assert.equal(styled, 0);
    else assert.ok(styled > 0, 'moved rungs slide');
    clean(log);
    await context.close();
  }
});

spec('rank it yourself by touch: drag a rung by its handle', async (keep) => {
  const { page, log } = await open(env, '#/ladder?lang=en', { hasTouch: true, viewport: { width: 390, height: 844 } });
  keep(page);
  await page.click('[data-testid=rank-start]');
  await page.evaluate(() => document.querySelector('ol.ladder-mine').scrollIntoView({ block: 'center' }));
  await page.waitForFunction(() => document.getAnimations().length === 0);
  // Parts of the page below may still be laid out (content-visibility):
  // wait until the handle stays put for a frame before reading where it is.
  await page.waitForFunction(() => new Promise((ok) => {
    const y = () => document.querySelector('#rank-software .ladder-grip').getBoundingClientRect().y;
    const before = y();
    requestAnimationFrame(() => requestAnimationFrame(() => ok(y() === before)));
  }));
  // Software starts easiest (bottom); drag it up past two rungs.
  const grip = await page.locator('#rank-software .ladder-grip').boundingBox();
  const target = await page.locator('[data-testid=my-rung]').nth(2).boundingBox();
  const x = grip.x + grip.width / 2;
  const y0 = grip.y + grip.height / 2;
  const y1 = target.y + target.height / 2;
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: [{ x, y: y0 }] });
  for (let i = 1; i <= 8; i++) {
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchMove', touchPoints: [{ x, y: y0 + (y1 - y0) * i / 8 }] });
  }
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
  // The drop is drawn on the next render: wait for the order to change.
  await page.waitForFunction(() => document.querySelector('[data-testid=my-rung]')?.dataset.category !== 'software', null, { timeout: 2000 }).catch(() => {});
  assert.deepEqual((await mine(page)).slice(0, 3), ['robotics', 'customer-service', 'software']);
  // A vertical drag is not a swipe: still on the ladder.
  assert.equal(await page.getAttribute('[data-testid=slide]', 'data-slide'), 'ladder');
  clean(log);
});

spec('on a phone, dragging at the edge of the slide scrolls it and the rung keeps going', async (keep) => {
  const { page, log } = await open(env, '#/ladder?lang=zh', { hasTouch: true, viewport: { width: 360, height: 640 } });
  keep(page);
  await page.click('[data-testid=rank-start]');
  await page.evaluate(() => document.querySelector('#rank-software').scrollIntoView({ block: 'center' }));
  await page.waitForFunction(() => document.getAnimations().length === 0);
  // The list is taller than the slide's visible part: the top rung is out of view.
  const top = await page.locator('[data-testid=my-rung]').last().boundingBox();
  const main = await page.locator('main').boundingBox();
  assert.ok(top.y < main.y, 'the hardest rung starts scrolled out of view');
  const grip = await page.locator('#rank-software .ladder-grip').boundingBox();
  const x = grip.x + grip.width / 2;
  let y = grip.y + grip.height / 2;
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: [{ x, y }] });
  // Up to the slide's top edge, then hold there (a small wiggle) while it scrolls.
  for (let i = 0; i < 120; i++) {
    y = Math.max(main.y + 20, y - 15) + (i % 2);
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchMove', touchPoints: [{ x, y }] });
  }
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
  const order = await mine(page);
  assert.equal(order[order.length - 1], 'software', 'dragged all the way to the hardest place');
  assert.equal(await page.getAttribute('[data-testid=slide]', 'data-slide'), 'ladder');
  clean(log);
});

spec('a ranking survives leaving the slide and coming back', async (keep) => {
  const { page, log } = await open(env, '#/ladder?lang=en');
  keep(page);
  await page.click('[data-testid=rank-start]');
  await page.focus('#rank-documents');
  await page.keyboard.press('Home');
  const before = await mine(page);
  assert.equal(before[0], 'documents');
  await page.click('[data-testid=rank-reveal]');
  await page.click('[data-testid=next]');
  await page.waitForFunction(() => document.querySelector('[data-testid=slide]')?.dataset.slide !== 'ladder');
  await page.click('[data-testid=prev]');
  await page.waitForFunction(() => document.querySelector('[data-testid=slide]')?.dataset.slide === 'ladder');
  assert.deepEqual(await mine(page), before);
  assert.equal(await page.locator('[data-testid=reveal-row]').count(), 4);
  clean(log);
});
