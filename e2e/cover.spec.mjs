// End-to-end: the deck's cover and its closing slide, against the release
// build. In Present the deck opens on a cover (the title largest, the QR
// code clear of every text) and ends, before the sources, on a closing
// slide with the QR code; the Read view shows no cover.
import assert from 'node:assert/strict';
import { setup, open, spec, clean, slideId } from './harness.mjs';

const env = setup();
const TITLE = { en: 'Large language models: compute, data and algorithms', zh: '大语言模型：算力、数据与算法' };

for (const lang of ['en', 'zh', 'zh-en']) {
  spec(`the deck opens on its cover: the title the largest text, the QR code clear of the words (${lang})`, async (keep) => {
    const { page, log } = await open(env, `#/intro?lang=${lang}`, { view: 'present', viewport: { width: 1920, height: 1080 } });
    keep(page);
    await page.waitForSelector('[data-testid=stage] [data-testid=cover-panel]');
    assert.equal(await page.getAttribute('[data-testid=slide]', 'data-step'), '1');
    const titles = await page.locator('[data-testid=cover-title]').allTextContents();
    assert.deepEqual(titles, lang === 'zh-en' ? [TITLE.zh, TITLE.en] : [TITLE[lang]]);
    const sizes = await page.evaluate(() => {
      const stage = document.querySelector('[data-testid=stage]');
      const px = (el) => parseFloat(getComputedStyle(el).fontSize);
      const texts = [...stage.querySelectorAll('*')].filter((el) => [...el.childNodes].some((n) => n.nodeType === 3 && n.textContent.trim())
        && el.getBoundingClientRect().width > 1 && !el.closest('.step-head'));
      return { title: px(stage.querySelector('[data-testid=cover-title]')), others: texts.filter((el) => !el.closest('[data-testid=cover-title]')).map(px) };
    });
    assert.ok(sizes.others.every((s) => s < sizes.title), `the title (${sizes.title}px) is the largest: ${Math.max(...sizes.others)}px`);
    // The QR code and its caption touch no text of the cover.
    const qr = await page.locator('[data-testid=stage] .stage-qr').boundingBox();
    for (const box of await page.locator('[data-testid=cover-panel] p').evaluateAll((els) => els.map((e) => {
      const r = e.getBoundingClientRect();
      return { x: r.x, y: r.y, w: r.width, h: r.height };
    }))) {
      const apart = box.x + box.w <= qr.x || qr.x + qr.width <= box.x || box.y + box.h <= qr.y || qr.y + qr.height <= box.y;
      assert.ok(apart, `QR ${JSON.stringify(qr)} over text ${JSON.stringify(box)}`);
    }
    // The cover's heading is still the page's name for a screen reader.
    assert.ok((await page.textContent('#slide-title')).includes(lang === 'en' ? TITLE.en : TITLE.zh));
    clean(log);
  });
}

spec('the Read view has no cover; the closing slide comes before the sources with the QR code', async (keep) => {
  const { page, log } = await open(env, '#/intro?lang=en');
  keep(page);
  await page.waitForSelector('[data-testid=slide]');
  assert.equal(await page.locator('[data-testid=cover-panel]').count(), 0);
  assert.equal(await page.locator('[data-testid=qr]').count(), 1);
  await page.goto(`${env.url}/#/closing?lang=en&view=present`);
  await page.waitForSelector('[data-testid=stage] [data-slide=closing]');
  assert.equal(await page.locator('[data-testid=stage] [data-testid=qr]').count(), 1);
  const text = await page.textContent('[data-testid=stage] [data-testid=slide]');
  for (const words of ['Hardware', 'Applications', 'Lessons', 'the next slide lists every source']) assert.ok(text.includes(words), words);
  await page.keyboard.press('ArrowRight');
  await page.waitForFunction(() => document.querySelector('[data-testid=slide]')?.dataset.slide === 'references');
  assert.equal(await slideId(page), 'references');
  clean(log);
});
