// End-to-end: the alternatives panel (#/alternatives) against the release
// build, from data/chips.csv.
import assert from 'node:assert/strict';
import { setup, open, spec, clean } from './harness.mjs';

const env = setup();
const text = (page, id) => page.textContent(`[data-testid=${id}]`);

spec('the alternatives table, in Chinese, marks the notes\' verdict as a view', async (keep) => {
  const { page, log } = await open(env, '#/alternatives?lang=zh');
  keep(page);
  assert.ok((await text(page, 'alt-claim')).includes('作者 2024 年的看法'));
  const gain = (id) => page.getAttribute(`[data-testid=alt-row][data-chip=${id}]`, 'data-fp8-gain');
  assert.equal(await gain('tpu-v6e'), '1');
  assert.equal(await gain('h100'), String(1979 / 989));
  assert.equal(await gain('tpu-v5e'), '');
  const vendors = await page.$$eval('[data-testid=alt-row]', (rows) => [...new Set(rows.map((r) => r.dataset.vendor))]);
  assert.deepEqual(vendors, ['NVIDIA', 'AMD', 'Google']);
  assert.ok((await text(page, 'alt-same-rate')).includes('TPU v6e'));
  assert.ok((await page.textContent('[data-testid=alt-row][data-chip=tpu-v6e]')).includes('FP8 与 BF16 速度相同'));
  clean(log);
});
