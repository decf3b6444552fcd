// End-to-end: the models map, against the release build, in English and
// Chinese. The remarks are the notes' words (the English files' translation,
// the Chinese files' original), each between quotation marks.
import assert from 'node:assert/strict';
import { setup, open, spec, clean } from './harness.mjs';

const env = setup();
const IDS = ['language', 'speech', 'music', 'images', 'video', 'multimodal', 'killer-app'];
const REMARKS = {
  en: {
    language: '“10-500, open source.”',
    speech: 'End-to-end models, lower latency',
    music: 'Copyright is a bigger problem than the technology',
    images: '“TED talks, very lifelike”; “with soul.”',
    video: 'No remark in the notes',
    multimodal: 'Combine text to do other tasks',
    'killer-app': "The smartphone's killer app is short video",
  },
  zh: {
    language: '“10-500开源”',
    speech: '端到端模型，更低的延迟',
    music: '版权问题大于技术问题',
    images: '“TED演讲 很逼真”；“带有灵魂”',
    video: '笔记中没有评语',
    multimodal: '结合文本去做其他任务',
    'killer-app': '“智能手机的killer app 是  短视频”',
  },
};
for (const lang of ['en', 'zh']) {
  spec(`the models map shows seven modality cards with the notes' remarks (${lang})`, async (keep) => {
    const { page, log } = await open(env, `#/models?lang=${lang}`);
    keep(page);
    const cards = page.getByTestId('modality');
    assert.equal(await cards.count(), 7);
    assert.deepEqual(await cards.evaluateAll((els) => els.map((e) => e.dataset.modality)), IDS);
    // A list of cards, each with its own heading.
    assert.equal(await page.locator('ul.models-grid > li[data-testid=modality] h3').count(), 7);
    for (const id of IDS) {
      const remark = page.locator(`[data-modality="${id}"] [data-testid=remark]`);
      assert.ok(await remark.isVisible(), `${id} remark visible`);
      assert.ok((await remark.textContent()).includes(REMARKS[lang][id]), `${id}: ${await remark.textContent()}`);
      assert.ok(await page.locator(`[data-modality="${id}"] [data-testid=verdict]`).isVisible());
    }
    // Our own context is labelled as ours wherever it appears.
    const ours = page.locator('[data-testid=modality] [data-testid=ours]');
    assert.ok(await ours.count() > 0);
    const label = lang === 'en' ? 'Ours, 2026' : '我们的补充（2026）';
    for (const t of await ours.allTextContents()) assert.ok(t.startsWith(label), t);
    const panel = await page.getByTestId('models-panel').textContent();
    assert.ok(!/\bmod\.[a-z]/.test(panel), 'no missing text key');
    assert.equal(await page.getAttribute('[data-testid=models-panel]', 'lang'), lang === 'en' ? 'en' : 'zh-CN');
    clean(log);
  });
}
