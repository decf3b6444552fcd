// End-to-end: the bandwidth, memory and alternatives panels against the
// release build. Expected figures are worked by hand from data/links.csv
// and data/chips.csv.
import assert from 'node:assert/strict';
import { setup, open, spec, clean, hashOf } from './harness.mjs';

const env = setup();
const value = (page, id) => page.getAttribute(`[data-testid=${id}]`, 'data-value').then(Number);
const text = (page, id) => page.textContent(`[data-testid=${id}]`);

spec('a bandwidth link gives the transfer and all-reduce times', async (keep) => {
  const { page, log } = await open(env, '#/bandwidth?link=nic400&gb=100&gpus=8&lang=en');
  keep(page);
  // 100 GB at 50 GB/s one way = 2 s; all-reduce 2 x 7/8 x 100 / 50 = 3.5 s.
  assert.equal(await value(page, 'transfer-seconds'), 2);
  assert.equal(await value(page, 'allreduce-seconds'), 3.5);
  assert.equal((await text(page, 'transfer-seconds')).trim(), '2 s');
  assert.equal((await text(page, 'allreduce-seconds')).trim(), '3.5 s');
  assert.ok((await page.textContent('[data-testid=unit-trap]')).includes('400 Gb/s card moves 50 GB/s'));
  // NVLink 5 over the same 100 GB: 900 GB/s each way.
  const nv5 = await page.getAttribute('[data-testid=link-row][data-link=nvlink5]', 'data-seconds');
  assert.ok(Math.abs(Number(nv5) - 100 / 900) < 1e-12);
  // The NVL72 rack draws as much as 135 / 10.2 = 13 DGX H100 servers.
  assert.ok((await page.textContent('[data-testid=racks]')).includes('13 DGX H100'));
  clean(log);
});

spec('the bandwidth panel works by keyboard, refuses bad text and keeps the link', async (keep) => {
  const { page, log } = await open(env, '#/bandwidth?lang=en');
  keep(page);
  // Default: 140 GB over NVLink 5 on 8 GPUs.
  assert.ok(Math.abs(await value(page, 'transfer-seconds') - 140 / 900) < 1e-12);
  await page.focus('input[name=link][value=nvlink5]');
  await page.keyboard.press('ArrowUp'); // the radio before: NVLink 4
  await page.waitForFunction(() => location.hash.includes('link=nvlink4'));
  assert.ok(Math.abs(await value(page, 'transfer-seconds') - 140 / 450) < 1e-12);
  await page.fill('[data-testid=bw-gb]', '810');
  await page.keyboard.press('Tab');
  await page.waitForFunction(() => location.hash.includes('gb=810'));
  assert.ok(Math.abs(await value(page, 'transfer-seconds') - 1.8) < 1e-12);
  await page.fill('[data-testid=bw-gpus]', '1');
  await page.keyboard.press('Enter');
  await page.keyboard.press('Tab');
  await page.waitForFunction(() => location.hash.includes('gpus=1'));
  assert.equal(await value(page, 'allreduce-seconds'), 0);
  // Text that is not a number in range: a plain message, the last value kept.
  await page.fill('[data-testid=bw-gb]', '-3');
  await page.keyboard.press('Tab');
  await page.waitForSelector('#bw-gb-error');
  assert.ok((await page.textContent('#bw-gb-error')).includes('from 0.1 to 100,000'));
  assert.equal(await page.getAttribute('[data-testid=bw-gb]', 'aria-invalid'), 'true');
  assert.ok(Math.abs(await value(page, 'transfer-seconds') - 1.8) < 1e-12);
  // A preset: 70B in NVFP4 = 70e9 x 4.5 / 8 bytes = 39.375 GB, kept as 39.4.
  await page.getByRole('button', { name: /70B · NVFP4/ }).click();
  await page.waitForFunction(() => location.hash.includes('gb=39.4'));
  assert.equal(await page.inputValue('[data-testid=bw-gb]'), '39.4');
  assert.equal(await page.$('#bw-gb-error'), null);
  assert.ok((await hashOf(page)).startsWith('#/bandwidth?'));
  clean(log);
});

spec('the memory panel: the notes\' 192 GB today, and what fits where', async (keep) => {
  const { page, log } = await open(env, '#/memory?lang=en');
  keep(page);
  assert.ok((await text(page, 'hbm-status')).includes('No longer so: B300 (2025) has 288 GB'));
  // Llama 3 70B in BF16 at 8k context: 140 GB + 2.68 GB of cache = 2 H100s.
  assert.equal(await value(page, 'mem-weights'), 140);
  assert.ok(Math.abs(await value(page, 'mem-kv') - 2 * 80 * 8 * 128 * 8192 * 2 / 1e9) < 1e-9);
  assert.equal(await value(page, 'chips-needed'), 2);
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

spec('range ends and bad links give readable numbers, never NaN or inf', async (keep) => {
  const links = [
    '#/memory?params_b=2000&layers=1000&kv_heads=1024&head_dim=1024&ctx=10000000&mbatch=4096&kvfmt=fp32&lang=en',
    '#/memory?params_b=0.1&layers=1&kv_heads=1&head_dim=1&ctx=1&mbatch=1&wfmt=fp4&lang=en',
    '#/bandwidth?link=nic400&gb=100000&gpus=65536&lang=en',
    '#/bandwidth?link=pcie5&gb=0.1&gpus=1&lang=en',
    '#/bandwidth?link=warp&gb=1e9&gpus=-2&lang=en',
    '#/memory?mchip=h900&params_b=abc&train=yes&lang=en',
  ];
  for (const link of links) {
    const { page, log, context } = await open(env, link);
    keep(page);
    const panel = await page.textContent('.panel');
    assert.ok(!/NaN|\binf\b|Infinity|undefined/.test(panel), `${link}: ${panel.match(/.{30}(NaN|inf|Infinity|undefined).{30}/)?.[0]}`);
    clean(log);
    await context.close();
  }
  // The largest settings: more chips than a counter holds, said in words.
  const { page, log } = await open(env, links[0]);
  keep(page);
  assert.equal((await text(page, 'chips-needed')).trim(), 'more than 4 billion × H100 SXM');
  assert.equal(await page.getAttribute('[data-testid=chips-needed]', 'data-value'), '');
  // Bad parts are named in the notice and fall back to the defaults.
  await page.goto(`${env.url}/#/bandwidth?link=warp&gb=1e9&gpus=-2&lang=en`);
  await page.waitForSelector('[data-testid=bandwidth-panel]');
  const notice = await page.textContent('.notice');
  for (const part of ['link=warp', 'gb=1e9', 'gpus=-2']) assert.ok(notice.includes(part), part);
  assert.ok(Math.abs(await value(page, 'transfer-seconds') - 140 / 900) < 1e-12);
  clean(log);
});

spec('reset returns a panel to its defaults and clears its part of the link', async (keep) => {
  const { page, log } = await open(env, '#/memory?train=1&mchip=b300&lang=zh');
  keep(page);
  const reset = page.locator('[data-testid=memory-panel] [data-testid=reset]');
  assert.equal(await reset.textContent(), '恢复默认值');
  await reset.click();
  await page.waitForFunction(() => location.hash === '#/memory?lang=zh');
  assert.equal(await value(page, 'chips-needed'), 2);
  assert.ok(await reset.isDisabled());
  await page.goto(`${env.url}/#/bandwidth?link=pcie5&gb=5&lang=en`);
  await page.click('[data-testid=bandwidth-panel] [data-testid=reset]');
  await page.waitForFunction(() => location.hash === '#/bandwidth?lang=en');
  assert.ok(Math.abs(await value(page, 'transfer-seconds') - 140 / 900) < 1e-12);
  clean(log);
});
