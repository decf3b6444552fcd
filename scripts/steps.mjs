// The bench's step figures: walks every step of the Present view at
// 1920 x 1080 in each language choice and prints the number of steps and
// the tallest step's fill ratio (its content's height over the stage's).
// Usage: node scripts/steps.mjs URL
import { launch } from '../e2e/browser.mjs';
import { measure, walk } from '../e2e/stage.mjs';

const base = process.argv[2];
if (!base) throw new Error('usage: node scripts/steps.mjs URL');
const browser = await launch();
for (const lang of ['zh', 'en', 'both']) {
  const page = await browser.newPage({ viewport: { width: 1920, height: 1080 }, reducedMotion: 'reduce' });
  await page.goto(`${base}/#/intro?lang=${lang}`);
  await page.waitForSelector('[data-testid=stage]');
  let tallest = { fill: 0 };
  let over = 0;
  const steps = await walk(page, async () => {
    const m = await page.evaluate(measure, { prosePx: 28, minPx: 20 });
    if (m.fill > tallest.fill) tallest = m;
    if (m.out.length) over++;
  });
  console.log(`${lang.padEnd(5)} steps ${steps.length}, tallest ${tallest.id} (${tallest.part}) fill ${tallest.fill.toFixed(3)}, steps that overflow ${over}`);
  await page.close();
}
await browser.close();
