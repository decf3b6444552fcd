// End-to-end: the resources panel (#/resources): power and energy, and
// dollars per TFLOP/s by generation, against the release build. Expected
// values are worked by hand: 700 W x 1.82 (server power factor) x 0.75
// (average load) x 1.25 (PUE) x 8766 h / 1000 = 10,470 kWh a year.
import assert from 'node:assert/strict';
import { setup, open, spec, clean, num, near, noBadNumbers, fitsPhoneWidth } from './harness.mjs';

const env = setup();

spec('the resources panel: 700 W is 10,470 kWh a year at PUE 1.25, a chip fills the TDP and factor, TPUs say why not', async (keep) => {
  const { page, log } = await open(env, '#/resources?lang=en');
  keep(page);
  const kwh700 = 700 * 1.82 * 0.75 * 1.25 * 8766 / 1000;
  near(await num(page, 'yearly-kwh'), kwh700, 1e-6, 'yearly kWh');
  near(await num(page, 'yearly-kwh'), 10470, 1, 'about 10,470');
  assert.ok((await page.textContent('[data-testid=yearly-kwh]')).includes('10,470'));
  near(await num(page, 'yearly-usd'), kwh700 * 0.08, 1e-6, 'yearly cost');
  near(await num(page, 'rack-kwh'), 72 * kwh700, 1e-6, 'rack');
  assert.equal(await page.inputValue('[data-testid=chip-picker]'), 'h100');
  await page.selectOption('[data-testid=chip-picker]', 'b200');
  await page.waitForFunction(() => location.hash.includes('tdp=1000') && location.hash.includes('power=1.8'));
  near(await num(page, 'yearly-kwh'), 1000 * 1.8 * 0.75 * 1.25 * 8766 / 1000, 1e-6, 'B200');
  await page.selectOption('[data-testid=chip-picker]', 'tpu-v5p');
  await page.waitForSelector('[data-testid=no-tdp]');
  assert.ok((await page.textContent('[data-testid=no-tdp]')).includes('Google does not publish'));
  // PUE by keyboard: Home is 1.00.
  await page.getByTestId('pue-slider').focus();
  await page.keyboard.press('Home');
  await page.waitForFunction(() => /pue=1(&|$)/.test(location.hash));
  near(await num(page, 'yearly-kwh'), 1000 * 1.8 * 0.75 * 8766 / 1000, 1e-6, 'PUE 1');
  // Dollars per TFLOP/s: falls V100 -> A100 -> H100 -> B200.
  const per = async (id) => Number(await page.getAttribute(`[data-testid=tflops-table] tr[data-chip=${id}]`, 'data-value'));
  assert.equal(await page.locator('[data-testid=tflops-table] tbody tr').count(), 6);
  near(await per('v100'), 149, 1e-9, 'V100 (FP16)');
  near(await per('b200'), 47000 / 2250, 1e-9, 'B200');
  assert.ok(await per('a100') < await per('v100') && await per('h100') < await per('a100') && await per('b200') < await per('h100'));
  assert.ok((await page.textContent('[data-testid=tflops-table] tr[data-chip=v100]')).includes('FP16'));
  assert.ok((await page.textContent('[data-testid=res-trend]')).includes('not for the price of a chip'));
  await noBadNumbers(page, 'resources-panel');
  clean(log);
});

spec('the panel in Chinese', async (keep) => {
  const { page, log } = await open(env, '#/resources?lang=zh');
  keep(page);
  near(await num(page, 'yearly-kwh'), 700 * 1.82 * 0.75 * 1.25 * 8766 / 1000, 1e-6, 'yearly kWh');
  assert.ok((await page.textContent('[data-testid=resources-panel]')).includes('功耗'));
  assert.equal(await page.locator('[data-testid=tflops-table] tbody tr').count(), 6);
  await page.selectOption('[data-testid=chip-picker]', 'tpu-v6e');
  assert.ok((await page.textContent('[data-testid=no-tdp]')).includes('Google 没有公布'));
  await noBadNumbers(page, 'resources-panel');
  clean(log);
});

spec('on a phone the panel fits the width', async (keep) => {
  await fitsPhoneWidth(env, keep, ['#/resources?lang=en', '#/resources?lang=zh']);
});
