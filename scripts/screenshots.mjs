// Takes screenshots of the built page for a person to look at: each
// language choice, light and dark, desktop and phone width; the first
// screen and, when the slide scrolls, all of it (`-full.png`). With
// `--present`, every step of the Present view instead, at 1920 x 1080 and
// 1280 x 720 (`present/{size}/{slug}-{step}-{lang}-{theme}.png`). With
// `--presenter`, the presenter window and the presenting aids (go-to box,
// blank screen, pointer, blocked popup, the title slide's QR code). With
// `--sheet`, a contact sheet per language choice and theme (light, dark,
// high contrast): every step of the Present view at 1920 x 1080 as a
// thumbnail with its step id, its smallest and median text in px
// (`sheet-{lang}-{theme}.png`), to review the whole deck at a glance.
// Usage: node scripts/screenshots.mjs URL OUT_DIR [--present | --presenter | --sheet | slug ...]
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
if (slugs[0] === '--sheet') {
  const { measure, walk } = await import('../e2e/stage.mjs');
  const browser = await launch();
  await mkdir(outDir, { recursive: true });
  for (const lang of ['zh', 'en', 'both']) {
    for (const theme of ['light', 'dark', 'contrast']) {
      const page = await browser.newPage({ viewport: { width: 1920, height: 1080 }, reducedMotion: 'reduce' });
      await page.goto(`${base}/#/intro?lang=${lang}&theme=${theme}`);
      await page.waitForSelector('[data-testid=stage]');
      const shots = [];
      await walk(page, async (id) => {
        const m = await page.evaluate(measure, { prosePx: 28, minPx: 20 });
        const jpeg = await page.screenshot({ type: 'jpeg', quality: 70 });
        shots.push({ id, min: m.minText, median: m.medianText, src: `data:image/jpeg;base64,${jpeg.toString('base64')}` });
      });
      await page.close();
      // The sheet is a page of its own: a grid of thumbnails, each with its
      // step and its type sizes (red where under 20 px / 24 px).
      const sheet = await browser.newPage({ viewport: { width: 2000, height: 1000 } });
      await sheet.setContent(`<!doctype html><style>
        body { margin: 16px; font: 14px system-ui, sans-serif; background: #ddd; }
        h1 { font-size: 20px; margin: 0 0 12px; }
        .grid { display: grid; grid-template-columns: repeat(6, 320px); gap: 12px; }
        figure { margin: 0; background: #fff; }
        img { width: 320px; height: 180px; display: block; }
        figcaption { padding: 2px 6px; display: flex; justify-content: space-between; }
        .low { color: #b00; font-weight: 700; }
      </style><h1>${lang} ${theme}: ${shots.length} steps at 1920 x 1080 (smallest / median text, px)</h1>
      <div class="grid">${shots.map((s) => `<figure><img src="${s.src}"><figcaption><span>${s.id}</span>
        <span><span class="${s.min < 19.95 ? 'low' : ''}">${s.min.toFixed(1)}</span> /
        <span class="${s.median < 23.95 ? 'low' : ''}">${s.median.toFixed(1)}</span></span></figcaption></figure>`).join('')}</div>`);
      await sheet.evaluate(() => Promise.all([...document.images].map((i) => i.decode())));
      const file = resolve(outDir, `sheet-${lang}-${theme}.png`);
      await sheet.screenshot({ path: file, fullPage: true });
      console.log(file);
      await sheet.close();
    }
  }
  await browser.close();
  process.exit(0);
}
if (slugs[0] === '--presenter') {
  const browser = await launch();
  const dir = resolve(outDir, 'presenter');
  await mkdir(dir, { recursive: true });
  const wait = (ms) => new Promise((ok) => setTimeout(ok, ms));
  for (const [w, h] of [[1280, 800], [1920, 1080], [1440, 900]]) {
    for (const lang of ['zh', 'en', 'both']) {
      for (const theme of ['light', 'dark']) {
        for (const hash of ['#/intro', '#/precision/3', '#/rent-vs-buy/5', '#/ladder/3']) {
          const page = await browser.newPage({ viewport: { width: w, height: h }, reducedMotion: 'reduce' });
          await page.goto(`${base}/${hash}${hash.includes('?') ? '&' : '?'}lang=${lang}&theme=${theme}&presenter=1`);
          await page.waitForSelector('[data-testid=presenter]');
          await wait(600);
          await page.screenshot({ path: resolve(dir, `${w}x${h}-${hash.slice(2).replace('/', '-')}-${lang}-${theme}.png`) });
          await page.close();
        }
      }
    }
  }
  // The aids in an audience window.
  const context = await browser.newContext({ viewport: { width: 1280, height: 720 }, reducedMotion: 'reduce' });
  const a = await context.newPage();
  await a.goto(`${base}/#/memory/3?lang=en`);
  await a.waitForSelector('[data-testid=stage]');
  const p = await context.newPage();
  await p.goto(`${base}/#/memory/3?lang=en&presenter=1`);
  await p.waitForSelector('[data-testid=presenter]');
  const box = await p.locator('[data-testid=presenter] [data-testid=stage]').boundingBox();
  await p.mouse.move(box.x + 20, box.y + 20);
  await p.keyboard.down('q');
  await p.mouse.move(box.x + box.width * 0.6, box.y + box.height * 0.45, { steps: 3 });
  await wait(300);
  await a.screenshot({ path: resolve(dir, 'audience-pointer.png') });
  await p.screenshot({ path: resolve(dir, 'presenter-pointer.png') });
  await p.keyboard.up('q');
  await p.keyboard.press('g');
  await p.fill('[data-testid=goto-input]', 'rent');
  await wait(200);
  await p.screenshot({ path: resolve(dir, 'presenter-goto.png') });
  await p.keyboard.press('Escape');
  await p.keyboard.press('b');
  await wait(300);
  await p.screenshot({ path: resolve(dir, 'presenter-blank.png') });
  await a.screenshot({ path: resolve(dir, 'audience-blank.png') });
  await p.keyboard.press('x');
  await a.keyboard.press('1');
  await a.keyboard.press('2');
  await wait(200);
  await a.screenshot({ path: resolve(dir, 'audience-digits.png') });
  await context.close();
  for (const [name, viewport, view] of [['intro-present', { width: 1920, height: 1080 }, ''], ['intro-phone', { width: 360, height: 740 }, '']]) {
    const page = await browser.newPage({ viewport, reducedMotion: 'reduce' });
    await page.addInitScript(() => { window.open = () => null; });
    await page.goto(`${base}/#/intro?lang=both${view}`);
    await page.waitForSelector('[data-testid=qr]');
    await page.screenshot({ path: resolve(dir, `${name}.png`), fullPage: name.includes('phone') });
    if (name === 'intro-present') {
      await page.keyboard.press('p');
      await page.waitForSelector('[data-testid=popup-blocked]');
      await page.screenshot({ path: resolve(dir, 'popup-blocked.png') });
    }
    await page.close();
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
