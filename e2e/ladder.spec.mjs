// End-to-end: the ladder's lens switch, against the release build. The
// expected orders are worked by hand from facts.md's figures (means of each
// rung's occupations).
import assert from 'node:assert/strict';
import { setup, open, spec, clean } from './harness.mjs';

const env = setup();
const rungs = (page) => page.$$eval('[data-testid=rung]', (els) => els.map((e) => [e.dataset.category, Number(e.dataset.score)]));

spec('each lens orders the rungs from easy to hard with their scores', async (keep) => {
  const { page, log } = await open(env, '#/ladder?lang=en');
  keep(page);
  const notes = await rungs(page);
  assert.deepEqual(notes.map((r) => r[0]), ['assistant', 'customer-service', 'documents', 'entertainment', 'education', 'software', 'vehicles', 'robotics']);
  assert.deepEqual(notes.map((r) => r[1]), [1, 2, 3, 4, 5, 6, 7, 8]);
  await page.goto(`${env.url}/#/ladder?lens=computerisation-2013&lang=en`);
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
