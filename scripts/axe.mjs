// Runs axe-core on every slide (the Read view; e2e/present.spec.mjs checks
// every step of the Present view), in light and dark themes and with the
// contents and shortcut overlays open, and prints the violations per slide.
// Exits non-zero when there is any violation. Usage: node scripts/axe.mjs URL
import AxeBuilder from '@axe-core/playwright';
import { launch } from '../e2e/browser.mjs';

const base = process.argv[2];
if (!base) throw new Error('usage: node scripts/axe.mjs URL');

const browser = await launch();
const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
const page = await context.newPage();
await page.goto(`${base}/#/intro?view=read`);
await page.waitForSelector('[data-testid=slide]');
await page.keyboard.press('o');
const slugs = await page.$$eval('#overview .ov-item', (items) => items.map((_, i) => i));
await page.keyboard.press('Escape');

let total = 0;
const rows = [];
async function check(label) {
  const r = await new AxeBuilder({ page }).analyze();
  const n = r.violations.reduce((s, v) => s + v.nodes.length, 0);
  total += n;
  rows.push([label, n, r.violations.map((v) => `${v.id}(${v.nodes.length})`).join(' ')]);
}

for (const theme of ['light', 'dark']) {
  for (const lang of ['both', 'zh', 'en']) {
    await page.goto(`${base}/#/intro?lang=${lang}&theme=${theme}&view=read`);
    await page.waitForSelector('[data-testid=slide]');
    for (let i = 0; i < slugs.length; i++) {
      if (i > 0) {
        await page.keyboard.press('ArrowRight');
        await page.waitForFunction((n) => document.querySelector('progress')?.value === n, i + 1);
      }
      const slug = await page.getAttribute('[data-testid=slide]', 'data-slide');
      await check(`${slug} ${lang} ${theme}`);
    }
  }
  await page.keyboard.press('s');
  await check(`speaker-notes ${theme}`);
  await page.keyboard.press('o');
  await check(`contents ${theme}`);
  await page.keyboard.press('Escape');
  await page.keyboard.press('Shift+?');
  await check(`shortcuts ${theme}`);
  await page.keyboard.press('Escape');
  // Views reached by using a panel: the ladder while ranking and revealed,
  // the memory calculator in training mode, a bad number in a field.
  for (const lang of ['zh', 'en']) {
    await page.goto(`${base}/#/ladder?lang=${lang}&theme=${theme}&view=read`);
    // A ranking lasts for the page's life: reload to start from none.
    await page.reload();
    await page.click('[data-testid=rank-start]');
    await check(`ladder ranking ${lang} ${theme}`);
    await page.click('[data-testid=rank-reveal]');
    await check(`ladder revealed ${lang} ${theme}`);
    await page.goto(`${base}/#/memory?train=1&lang=${lang}&theme=${theme}&view=read`);
    await page.waitForSelector('[data-testid=memory-panel]');
    await check(`memory training ${lang} ${theme}`);
    await page.goto(`${base}/#/bandwidth?lang=${lang}&theme=${theme}&view=read`);
    await page.fill('[data-testid=bw-gb]', 'x');
    await page.keyboard.press('Tab');
    await page.waitForSelector('#bw-gb-error');
    await check(`bandwidth bad number ${lang} ${theme}`);
  }
}
await browser.close();

for (const [label, n, ids] of rows) console.log(`axe ${label.padEnd(28)} ${n} ${ids}`);
console.log(`axe: ${rows.length} views, ${total} violations`);
process.exit(total === 0 ? 0 : 1);
