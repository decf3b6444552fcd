// End-to-end: the bandwidth panel (#/bandwidth) against the release build.
// Expected figures are worked by hand from data/links.csv.
import assert from 'node:assert/strict';
import { setup, open, spec, clean, readableAt, hashOf, num as value } from './harness.mjs';

const env = setup();
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
  // The NVL72 rack draws as much as 120.6 / 10.2 = 12 to 135 / 10.2 = 13 DGX H100 servers.
  assert.ok((await page.textContent('[data-testid=racks]')).includes('12–13 DGX H100'));
  // The GB300 budget, worked: 18 x 7.5 kW; 118.8 kW without the static power.
  const budget = await page.textContent('[data-testid=rack-budget]');
  assert.ok(budget.includes('18 × 7.5 kW') && budget.includes('118.8 kW') && budget.includes('120.6 kW'), budget);
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
  await page.getByLabel('Weights of a model (or its gradients)').selectOption({ label: '70B · NVFP4 = 39.4 GB' });
  await page.waitForFunction(() => location.hash.includes('gb=39.4'));
  assert.equal(await page.inputValue('[data-testid=bw-gb]'), '39.4');
  assert.equal(await page.$('#bw-gb-error'), null);
  assert.ok((await hashOf(page)).startsWith('#/bandwidth?'));
  clean(log);
});

spec('bandwidth: range ends and bad links give readable numbers, never NaN or inf', async (keep) => {
  await readableAt(env, [
    '#/bandwidth?link=nic400&gb=100000&gpus=65536&lang=en',
    '#/bandwidth?link=pcie5&gb=0.1&gpus=1&lang=en',
    '#/bandwidth?link=warp&gb=1e9&gpus=-2&lang=en',
  ], keep);
  // Bad parts are named in the notice and fall back to the defaults.
  const { page, log } = await open(env, '#/bandwidth?link=warp&gb=1e9&gpus=-2&lang=en');
  keep(page);
  await page.waitForSelector('[data-testid=bandwidth-panel]');
  const notice = await page.textContent('.notice');
  for (const part of ['link=warp', 'gb=1e9', 'gpus=-2']) assert.ok(notice.includes(part), part);
  assert.ok(Math.abs(await value(page, 'transfer-seconds') - 140 / 900) < 1e-12);
  clean(log);
});

spec('reset returns the bandwidth panel to its defaults and clears its part of the link', async (keep) => {
  const { page, log } = await open(env, '#/bandwidth?link=pcie5&gb=5&lang=en');
  keep(page);
  await page.click('[data-testid=bandwidth-panel] [data-testid=reset]');
  await page.waitForFunction(() => location.hash === '#/bandwidth?lang=en&view=read');
  assert.ok(Math.abs(await value(page, 'transfer-seconds') - 140 / 900) < 1e-12);
  clean(log);
});
