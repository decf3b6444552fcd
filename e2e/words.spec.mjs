// End-to-end: a step's words point at what that step shows. Walked in the
// Present view in both languages: a step that speaks of "the table below"
// shows a table under those words; one that speaks of presets shows them.
// And a scripted step has one reset in Present ("Restore this step"), while
// the Read view keeps "Reset to defaults".
import assert from 'node:assert/strict';
import { setup, open, spec, clean } from './harness.mjs';
import { walk } from './stage.mjs';

const env = setup();

const RULES = {
  en: [
    { words: /\btables? below\b/i, needs: 'table', below: true },
    { words: /\bpresets?\b/i, needs: '[data-testid$=preset]' },
  ],
  zh: [
    { words: /下表/, needs: 'table', below: true },
    { words: /预设/, needs: '[data-testid$=preset]' },
  ],
};

for (const lang of ['en', 'zh']) {
  spec(`every step's words point at what the step shows (${lang})`, async (keep) => {
    const { page, log } = await open(env, `#/intro?lang=${lang}`, { view: 'present', viewport: { width: 1920, height: 1080 } });
    keep(page);
    const problems = [];
    const steps = await walk(page, async (id) => {
      const found = await page.evaluate((rules) => {
        const stage = document.querySelector('[data-testid=stage] [data-testid=step-body]');
        const out = [];
        for (const rule of rules) {
          const re = new RegExp(rule.words.source, rule.words.flags);
          for (const el of stage.querySelectorAll('p, li, figcaption, caption, cite, .hint')) {
            if (el.closest('details:not([open])') || !re.test(el.textContent)) continue;
            const top = el.getBoundingClientRect().bottom;
            const targets = [...stage.querySelectorAll(rule.needs)]
              .filter((t) => !rule.below || t.getBoundingClientRect().top >= top - 1 || t.closest('details'));
            if (!targets.length) out.push(`"${el.textContent.trim().slice(0, 60)}" but no ${rule.needs}${rule.below ? ' below it' : ''}`);
          }
        }
        return out;
      }, RULES[lang].map((r) => ({ words: { source: r.words.source, flags: r.words.flags }, needs: r.needs, below: !!r.below })));
      for (const f of found) problems.push(`${id}: ${f}`);
    });
    assert.ok(steps.length > 80, `${steps.length} steps`);
    assert.deepEqual(problems, []);
    clean(log);
  });
}

// What a Chinese reader sees is set as Chinese: the page's own text (not
// the notes' quotations, not English marked as such) has no space between
// two Chinese characters, none before %, and no ASCII colon, comma or
// parenthesis after a Chinese character, nor ASCII parentheses around
// Chinese words. (Names such as "TPU v6e (Trillium)" keep theirs.) The linter in tests/copy.rs reads
// the text files; this reads what the code builds from them.
const HAN = '[\\u3400-\\u9fff\\uff08\\uff09\\uff0c\\uff1a]';
const TYPO = [
  [new RegExp(`${HAN} +${HAN}`), 'a space between Chinese characters'],
  [/\d %/, 'a space before %'],
  [new RegExp(`${HAN} ?[:,(]`), 'ASCII punctuation after Chinese'],
  [new RegExp(`\\(${HAN}|${HAN}\\)`), 'ASCII parentheses around Chinese'],
];

spec('the Chinese page sets its own text as Chinese: spacing, %, full-width punctuation', async (keep) => {
  const { page, log } = await open(env, '#/intro?lang=zh', { view: 'present', viewport: { width: 1920, height: 1080 } });
  keep(page);
  const problems = new Set();
  const check = async (id) => {
    const texts = await page.evaluate(() => {
      const out = [];
      const root = document.querySelector('[data-testid=stage]') || document.body;
      const sel = 'p, li, td, th, dt, dd, caption, figcaption, h1, h2, h3, label, button, option, summary, legend, output, text, .hint';
      for (const el of root.querySelectorAll(sel)) {
        if (el.closest('.notes-quote, [data-quote]')) continue;
        if (el.closest('[lang]')?.lang !== 'zh-CN') continue;
        const copy = el.cloneNode(true);
        for (const other of copy.querySelectorAll('[lang]:not([lang=zh-CN]), .notes-quote, q')) other.remove();
        // A quotation in “ ” is the notes' own words, checked against the
        // notes (tests/copy.rs) and kept as they were written.
        out.push(copy.textContent.replace(/“[^”]*”/g, '“”'));
      }
      return out;
    });
    for (const t of texts) {
      for (const [re, what] of TYPO) {
        const m = re.exec(t);
        if (m) problems.add(`${id}: ${what}: …${t.slice(Math.max(0, m.index - 12), m.index + 14)}…`);
      }
    }
  };
  const steps = await walk(page, check);
  assert.ok(steps.length > 80, `${steps.length} steps`);
  assert.deepEqual([...problems], []);
  clean(log);
});

spec('Present offers one reset on a changed scripted step, Restore this step; Read keeps Reset to defaults', async (keep) => {
  const { page, log, context } = await open(env, '#/rent-vs-buy/5?lang=en&util=70', { view: 'present', viewport: { width: 1920, height: 1080 } });
  keep(page);
  await page.waitForSelector('[data-testid=stage] [data-testid=changed]');
  assert.equal(await page.locator('[data-testid=stage] [data-testid=restore]').count(), 1);
  assert.equal(await page.locator('[data-testid=stage] [data-testid=reset]').count(), 0, 'no "Reset to defaults" on the stage');
  const buttons = await page.locator('[data-testid=stage] button').allTextContents();
  assert.equal(buttons.filter((t) => /reset|restore/i.test(t)).length, 1, `one reset: ${buttons.join(' | ')}`);
  await page.click('[data-testid=restore]');
  await page.waitForSelector('[data-testid=stage] [data-testid=changed]', { state: 'detached' });
  clean(log);
  await context.close();
  const read = await open(env, '#/rent-vs-buy?lang=en&util=70', { view: 'read' });
  keep(read.page);
  assert.ok(await read.page.locator('[data-testid=reset]').count() > 0, 'Read keeps "Reset to defaults"');
  await read.page.locator('[data-testid=reset]').first().click();
  await read.page.waitForFunction(() => !location.hash.includes('util='));
  clean(read.log);
});
