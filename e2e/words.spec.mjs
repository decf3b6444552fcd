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
