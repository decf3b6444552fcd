// The bench's step figures: walks every step of the Present view at
// 1920 x 1080 in each language choice and prints the number of steps, the
// tallest step's fill ratio (its content's height over the stage's) and the
// type on the stage: how many steps have text under 20 px or a median under
// 24 px (in px of the 1920 x 1080 stage, chart text included), and the
// smallest and median of the step medians. With `--table`, a line per step.
// Usage: node scripts/steps.mjs URL [--table]
import { launch } from '../e2e/browser.mjs';
import { measure, walk } from '../e2e/stage.mjs';

const base = process.argv[2];
const table = process.argv.includes('--table');
if (!base) throw new Error('usage: node scripts/steps.mjs URL');
const browser = await launch();
for (const lang of ['zh', 'en', 'both']) {
  const page = await browser.newPage({ viewport: { width: 1920, height: 1080 }, reducedMotion: 'reduce' });
  await page.goto(`${base}/#/intro?lang=${lang}`);
  await page.waitForSelector('[data-testid=stage]');
  let tallest = { fill: 0 };
  let over = 0;
  const type = [];
  const steps = await walk(page, async () => {
    const m = await page.evaluate(measure, { prosePx: 28, minPx: 20 });
    if (m.fill > tallest.fill) tallest = m;
    if (m.out.length) over++;
    type.push(m);
    if (table) console.log(`${lang}\t${m.id}\t${m.part}\tmin ${m.minText.toFixed(1)}\tmedian ${m.medianText.toFixed(1)}\tfill ${m.fill.toFixed(3)}${m.out.length ? `\tout: ${m.out.join(", ")}` : ""}`);
  });
  const medians = type.map((m) => m.medianText).sort((a, b) => a - b);
  const underMin = type.filter((m) => m.minText < 20 - 0.05).length;
  const underMedian = type.filter((m) => m.medianText < 24 - 0.05).length;
  console.log(`${lang.padEnd(5)} steps ${steps.length}, tallest ${tallest.id} (${tallest.part}) fill ${tallest.fill.toFixed(3)}, steps that overflow ${over}; `
    + `type: ${underMin} steps with text under 20 px, ${underMedian} with a median under 24 px (step medians ${medians[0].toFixed(1)} to ${medians.at(-1).toFixed(1)} px)`);
  await page.close();
}
await browser.close();
