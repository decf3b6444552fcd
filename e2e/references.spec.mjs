// End-to-end: the references panel, against the release build. It lists
// every source of data/sources.csv in file order, each with its link, its
// publisher and its date, in both languages; in Present its list steps
// show every source once.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { setup, open, spec, clean, STEP_COUNTS } from './harness.mjs';

const env = setup();

/** The rows of a CSV file as objects by column name (double-quoted cells
 * may hold commas and doubled quotes). */
const csv = (file) => {
  const rows = [];
  let row = [''];
  let quoted = false;
  const text = readFileSync(resolve(import.meta.dirname, '..', file), 'utf8');
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') { row[row.length - 1] += '"'; i++; }
      else if (c === '"') quoted = false;
      else row[row.length - 1] += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') row.push('');
    else if (c === '\n') { rows.push(row); row = ['']; }
    else if (c !== '\r') row[row.length - 1] += c;
  }
  if (row.length > 1 || row[0]) rows.push(row);
  const [head, ...body] = rows;
  return body.map((r) => Object.fromEntries(head.map((h, i) => [h, r[i].trim()])));
};
const SOURCES = csv('data/sources.csv');

for (const lang of ['en', 'zh']) {
  spec(`the references list every source in file order with its link, publisher and date (${lang})`, async (keep) => {
    const { page, log } = await open(env, `#/references?lang=${lang}`);
    keep(page);
    const items = page.locator('[data-testid=source]');
    await items.first().waitFor();
    assert.equal(await items.count(), SOURCES.length);
    const shown = await items.evaluateAll((els) => els.map((e) => {
      const a = e.querySelector('a');
      return { id: e.id, text: e.textContent, href: a?.getAttribute('href') ?? '', target: a?.target ?? '', rel: a?.rel ?? '' };
    }));
    SOURCES.forEach((s, i) => {
      const got = shown[i];
      assert.equal(got.id, `src-${s.key}`, `row ${i + 2}`);
      for (const part of [`[${s.key}]`, s.title, s.publisher, s.as_of]) assert.ok(got.text.includes(part), `${s.key}: "${part}" in "${got.text}"`);
      assert.equal(got.href, s.url, `${s.key}: its link`);
      if (s.url) {
        assert.equal(got.target, '_blank', `${s.key} opens in a new tab`);
        assert.match(got.rel, /noopener/);
        assert.ok(got.text.includes(lang === 'en' ? '(opens in a new tab)' : '新'), `${s.key}: says it opens a new tab`);
      }
    });
    const panel = await page.locator('[data-slide=references]').textContent();
    assert.ok(!/\brefs\.[a-z]/.test(panel), 'no missing text key');
    clean(log);
  });
}

spec('in Present, the references steps show every source once, in order', async (keep) => {
  const { page, log } = await open(env, '#/references/1?lang=en', { view: 'present', viewport: { width: 1920, height: 1080 } });
  keep(page);
  const seen = [];
  for (let k = 1; k <= STEP_COUNTS.get('references'); k++) {
    await page.goto(`${env.url}/#/references/${k}?lang=en&view=present`);
    await page.waitForSelector(`[data-testid=stage] [data-testid=slide][data-slide=references][data-step="${k}"]`);
    seen.push(...await page.locator('[data-testid=stage] [data-testid=source]').evaluateAll((els) => els.map((e) => e.id)));
  }
  assert.deepEqual(seen, SOURCES.map((s) => `src-${s.key}`));
  clean(log);
});
