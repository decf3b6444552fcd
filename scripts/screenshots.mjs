// Takes screenshots of the built page for a person to look at: each
// language choice, light and dark, desktop and phone width; the first
// screen and, when the slide scrolls, all of it (`-full.png`). With
// `--present`, every step of the Present view instead, at 1920 x 1080 and
// 1280 x 720 (`present/{size}/{slug}-{step}-{lang}-{theme}.png`).
// Usage: node scripts/screenshots.mjs URL OUT_DIR [--present | slug ...]
import { mkdir } from 'node:fs/promises';
import { resolve } from 'node:path';
import { launch } from '../e2e/browser.mjs';

const [base, outDir = 'bench-out/shots', ...slugs] = process.argv.slice(2);
if (!base) throw new Error('usage: node scripts/screenshots.mjs URL OUT_DIR [--present | slug ...]');
if (slugs[0] === '--present') {
  const { walk } = await import('../e2e/stage.mjs');
  const browser = await launch();
  for (const [w, h] of [[1920, 1080], [1280, 720]]) {
    const dir = resolve(outDir, 'present', `${w}x${h}`);
    await mkdir(dir, { recursive: true });
    for (const lang of ['zh', 'en', 'both']) {
      for (const theme of ['light', 'dark']) {
        const page = await browser.newPage({ viewport: { width: w, height: h }, reducedMotion: 'reduce' });
        await page.goto(`${base}/#/intro?lang=${lang}&theme=${theme}`);
        await page.waitForSelector('[data-testid=stage]');
        const n = await walk(page, async (id) => {
          await page.screenshot({ path: resolve(dir, `${id.replace('/', '-')}-${lang}-${theme}.png`) });
        });
        console.log(`${w}x${h} ${lang} ${theme}: ${n.length} steps`);
        await page.close();
      }
    }
  }
  await browser.close();
  process.exit(0);
}
const slides = slugs.length ? slugs : ['intro', 'ladder'];
await mkdir(outDir, { recursive: true });

const browser = await launch();
const sizes = { desktop: { width: 1440, height: 900 }, phone: { width: 360, height: 740 } };
for (const [size, viewport] of Object.entries(sizes)) {
  const page = await browser.newPage({ viewport, deviceScaleFactor: 1 });
  for (const slug of slides) {
    for (const lang of ['zh', 'en', 'both']) {
      for (const theme of ['light', 'dark']) {
        await page.goto(`${base}/#/${slug}?lang=${lang}&theme=${theme}`);
        await page.waitForSelector(`[data-slide="${slug}"]`);
        const file = resolve(outDir, `${slug}-${lang}-${theme}-${size}.png`);
        await page.screenshot({ path: file });
        console.log(file);
        // The whole slide: a viewport as tall as the scrolled content.
        const tall = await page.evaluate(() => document.querySelector('main')?.scrollHeight ?? 0);
        if (tall > viewport.height) {
          await page.setViewportSize({ width: viewport.width, height: Math.min(tall + 200, 12000) });
          await page.evaluate(() => document.getAnimations().forEach((a) => a.finish()));
          const shot = file.replace(/\.png$/, '-full.png');
          await page.screenshot({ path: shot });
          console.log(shot);
          await page.setViewportSize(viewport);
        }
      }
    }
  }
  await page.close();
}
await browser.close();
