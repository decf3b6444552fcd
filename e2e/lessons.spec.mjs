// End-to-end: the three lesson panels, against the release build, in
// English and Chinese.
import assert from 'node:assert/strict';
import { setup, spec, clean, open, withView } from './harness.mjs';

const env = setup();
const TAKEAWAYS = {
  en: {
    'post-training': 'Pre-training is engineering; post-training is the research.',
    data: 'Data sets the ceiling; algorithms set the floor.',
    evaluation: 'Evaluation is half of solving a real problem.',
  },
  zh: {
    'post-training': '预训练是工程问题，后训练才是技术问题。',
    data: '数据决定上限，算法决定下限。',
    evaluation: '评估是解决实际问题的一半。',
  },
};

for (const lang of ['en', 'zh']) {
  spec(`each lesson slide shows its takeaway and figure (${lang})`, async (keep) => {
    const { page, log } = await open(env, `#/post-training?lang=${lang}`);
    keep(page);
    for (const slug of ['post-training', 'data', 'evaluation']) {
      await page.goto(`${env.url}/${withView(`#/${slug}?lang=${lang}`, 'read')}`);
      await page.waitForSelector(`[data-slide="${slug}"] [data-testid=lesson]`);
      const takeaway = page.getByTestId('takeaway');
      assert.ok(await takeaway.isVisible(), `${slug} takeaway visible`);
      assert.equal((await takeaway.textContent()).trim(), TAKEAWAYS[lang][slug]);
      const figure = page.locator('[data-testid=lesson] [role=img]');
      assert.equal(await figure.count(), 1);
      const described = await figure.evaluate((el) => document.getElementById(el.getAttribute('aria-labelledby'))?.textContent ?? '');
      assert.ok(described.length > 20, `${slug} figure has a text description`);
      assert.ok(await page.locator('[data-testid=lesson] .lessons-points li').count() >= 2);
      const text = await page.getByTestId('lesson').textContent();
      assert.ok(!/\bles\.[a-z]/.test(text), 'no missing text key');
      // The notes and context stay on the slide.
      assert.ok(await page.locator('.notes-quote').first().isVisible());
    }
    clean(log);
  });
}
