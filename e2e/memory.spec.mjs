// End-to-end: the memory panel (#/memory) against the release build.
// Expected figures are worked by hand from data/chips.csv.
import assert from 'node:assert/strict';
import { setup, open, spec, clean, readableAt, withView, num as value } from './harness.mjs';

const env = setup();
const text = (page, id) => page.textContent(`[data-testid=${id}]`);

spec('the memory panel: the notes\' 192 GB today, and what fits where', async (keep) => {
  const { page, log } = await open(env, '#/memory?lang=en');
  keep(page);
  assert.ok((await text(page, 'hbm-status')).includes('No longer so: B300 (2025) has 288 GB'));
  // Llama 3 70B in BF16 at 8k context: 140 GB + 2.68 GB of cache = 2 H100s.
  assert.equal(await value(page, 'mem-weights'), 140);
  assert.ok(Math.abs(await value(page, 'mem-kv') - 2 * 80 * 8 * 128 * 8192 * 2 / 1e9) < 1e-9);
  assert.equal(await value(page, 'chips-needed'), 2);
  // The H100's 80 GiB are 85.9 GB, and the fit counts real bytes.
  assert.ok((await text(page, 'mem-gib')).includes('80 GiB is 85.9 GB'));
  // Training: 16 bytes per parameter = 1120 GB = 14 H100s, or 4 B300s.
  await page.check('[data-testid=mem-train]');
  await page.waitForFunction(() => location.hash.includes('train=1'));
  assert.equal(await value(page, 'mem-total'), 1120);
  assert.equal(await value(page, 'chips-needed'), 14);
  await page.selectOption('[data-testid=mem-chip]', 'b300');
  await page.waitForFunction(() => location.hash.includes('mchip=b300'));
  assert.equal(await value(page, 'chips-needed'), 4);
  assert.ok((await text(page, 'chips-needed')).includes('4 × B300'));
  // Back to inference, 405B in NVFP4 at 128k context, batch 4.
  await page.check('input[name=mem-mode]:not([data-testid])');
  await page.getByRole('button', { name: 'Llama 3 405B' }).click();
  await page.selectOption('[data-testid=mem-wfmt]', 'nvfp4');
  await page.fill('[data-testid=mem-ctx]', '131072');
  await page.keyboard.press('Tab');
  await page.fill('[data-testid=mem-batch]', '4');
  await page.keyboard.press('Tab');
  await page.waitForFunction(() => location.hash.includes('mbatch=4'));
  const weights = 405e9 * 4.5 / 8 / 1e9;
  const kv = 2 * 126 * 8 * 128 * 131072 * 4 * 2 / 1e9;
  assert.ok(Math.abs(await value(page, 'mem-total') - (weights + kv)) < 1e-6);
  assert.equal(await value(page, 'chips-needed'), Math.ceil((weights + kv) / 288));
  clean(log);
});

spec('memory: range ends and bad links give readable numbers, never NaN or inf', async (keep) => {
  const links = [
    '#/memory?params_b=2000&layers=1000&kv_heads=1024&head_dim=1024&ctx=10000000&mbatch=4096&kvfmt=fp32&lang=en',
    '#/memory?params_b=0.1&layers=1&kv_heads=1&head_dim=1&ctx=1&mbatch=1&wfmt=fp4&lang=en',
    '#/memory?mchip=h900&params_b=abc&train=yes&lang=en',
  ];
  await readableAt(env, links, keep);
  // The largest settings on 80 GiB H100s: about 4.0 billion chips, counted.
  const { page, log } = await open(env, links[0]);
  keep(page);
  const total = Number(await page.getAttribute('[data-testid=mem-total]', 'data-value')) * 1e9;
  const count = Number(await page.getAttribute('[data-testid=chips-needed]', 'data-value'));
  assert.ok(Math.abs(count - total / (80 * 2 ** 30)) < 10, `${count} H100s`);
  // On 16 GB V100s more chips than a counter holds, said in words.
  await page.goto(`${env.url}/${withView(`${links[0]}&mchip=v100`, 'read')}`);
  await page.waitForFunction(() => location.hash.includes('mchip=v100'));
  assert.equal((await text(page, 'chips-needed')).trim(), 'more than 4 billion × V100 SXM2 (16 GB)');
  assert.equal(await page.getAttribute('[data-testid=chips-needed]', 'data-value'), '');
  clean(log);
});

spec('reset returns the memory panel to its defaults and clears its part of the link', async (keep) => {
  const { page, log } = await open(env, '#/memory?train=1&mchip=b300&lang=zh');
  keep(page);
  const reset = page.locator('[data-testid=memory-panel] [data-testid=reset]');
  assert.equal(await reset.textContent(), '恢复默认值');
  await reset.click();
  await page.waitForFunction(() => location.hash === '#/memory?lang=zh&view=read');
  assert.equal(await value(page, 'chips-needed'), 2);
  assert.ok(await reset.isDisabled());
  clean(log);
});
