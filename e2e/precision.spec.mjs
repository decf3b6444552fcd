// End-to-end: the precision panel, against the release build. Expected
// values are worked out by hand from the format definitions (OCP MX v1.0,
// IEEE 754), not read from the code under test.
import assert from 'node:assert/strict';
import { setup, open, spec, clean, withView, hashOf, num } from './harness.mjs';

const env = setup();

const value = (page) => page.getAttribute('[data-testid=bit-value]', 'data-value');
const code = (page) => page.getAttribute('[data-testid=bit-code]', 'data-value');

spec('a link opens the explorer on a format and bit pattern', async (keep) => {
  const { page, log } = await open(env, '#/precision?fmt=e4m3&code=0x7e');
  keep(page);
  assert.equal(await value(page), '448');
  const cases = [
    // [fmt, code, value]: largest, specials, subnormals, signed zero.
    ['e4m3', '0x7f', 'NaN'],
    ['e4m3', '0x1', '0.001953125'], // 2^-9, smallest subnormal
    ['e4m3', '0x80', '-0'],
    ['e5m2', '0x7b', '57344'],
    ['e5m2', '0x7c', 'inf'],
    ['e5m2', '0xfc', '-inf'],
    ['e3m2', '0x1f', '28'],
    ['e2m3', '0x1f', '7.5'],
    ['e2m1', '0x7', '6'],
    ['e2m1', '0xd', '-3'],
    ['e8m0', '0x7f', '1'],
    ['e8m0', '0xff', 'NaN'],
    ['bf16', '0x3f80', '1'],
    ['fp16', '0x7bff', '65504'],
    ['fp16', '0x1', '5.960464477539063e-8'], // 2^-24
    ['fp32', '0x3f800001', '1.0000001192092896'], // 1 + 2^-23
    ['tf32', '0x1fc01', '1.0009765625'], // 19-bit code 0 01111111 0000000001: 1 + 2^-10
  ];
  for (const [fmt, c, want] of cases) {
    await page.goto(`${env.url}/${withView(`#/precision?fmt=${fmt}&code=${c}`, 'read')}`);
    await page.waitForFunction(([f, cc]) => document.querySelector('[data-testid=bit-code]')?.dataset.value === cc
      && document.querySelector('[data-testid=format-select]')?.value === f, [fmt, c]);
    assert.equal(await value(page), want, `${fmt} ${c}`);
  }
  // Next to the largest finite E5M2 value is infinity, with no "gap inf".
  await page.goto(`${env.url}/${withView(`#/precision?fmt=e5m2&code=0x7b&lang=en`, 'read')}`);
  await page.waitForFunction(() => document.querySelector('[data-testid=bit-value]')?.dataset.value === '57344');
  const near = await page.textContent('.readout');
  assert.ok(near.includes('next larger value: inf') && !near.includes('gap inf'), near);
  clean(log);
});

spec('a typed number in the link gives the nearest value and its code', async (keep) => {
  const { page, log } = await open(env, '#/precision?fmt=e4m3&x=300');
  keep(page);
  // E4M3 between 256 and 512 steps by 32: 300 rounds to 288 = 0 1111 001.
  assert.equal(await code(page), '0x79');
  assert.equal(await value(page), '288');
  const cases = [
    ['e2m1', '2.5', '0x4'], // tie between 2 and 3: to even (2 = 0 10 0)
    ['e2m1', '3.5', '0x6'], // tie between 3 and 4: to even (4 = 0 11 0)
    ['e2m1', '100', '0x7'], // saturates to 6 (the default)
    ['e4m3', '1000', '0x7e'], // saturates to 448
    ['fp32', '0.1', '0x3dcccccd'],
    ['bf16', '-2', '0xc000'],
  ];
  for (const [fmt, x, want] of cases) {
    await page.goto(`${env.url}/${withView(`#/precision?fmt=${fmt}&x=${x}`, 'read')}`);
    await page.waitForFunction(([f, xx]) => document.querySelector('[data-testid=format-select]')?.value === f
      && document.querySelector('[data-testid=number-input]')?.value === xx, [fmt, x]);
    assert.equal(await code(page), want, `${fmt} x=${x}`);
  }
  // With overflow to inf/NaN, E4M3 (no inf) gives NaN.
  await page.goto(`${env.url}/${withView(`#/precision?fmt=e4m3&x=1000&ov=ieee`, 'read')}`);
  await page.waitForFunction(() => document.querySelector('[data-testid=bit-value]')?.dataset.value === 'NaN');
  assert.ok((await page.textContent('[data-testid=overflow-mode]')).includes('infinity or NaN'));
  clean(log);
});

spec('bits flip by keyboard and a number typed in the box is rounded', async (keep) => {
  const { page, log } = await open(env, '#/precision?fmt=e4m3&code=0x7e&lang=en');
  keep(page);
  // The sign bit is the first bit button.
  await page.locator('[data-testid=bits] button').first().focus();
  await page.keyboard.press('Space');
  await page.waitForFunction(() => document.querySelector('[data-testid=bit-value]')?.dataset.value === '-448');
  assert.equal(await code(page), '0xfe');
  assert.equal(await page.locator('[data-testid=bits] button').first().getAttribute('aria-pressed'), 'true');
  // The least significant mantissa bit: 0xfe -> 0xff is NaN.
  await page.locator('[data-testid=bits] button').last().focus();
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => document.querySelector('[data-testid=bit-value]')?.dataset.value === 'NaN');
  assert.equal(await page.textContent('[data-testid=bit-class]'), 'NaN (not a number)');
  // Type 0.3: E4M3 near 0.3 steps by 2^-5 = 0.03125, so 0.3 -> 0.3125 (0 0101 010).
  await page.getByLabel('Type a number').fill('0.3');
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => document.querySelector('[data-testid=bit-code]')?.dataset.value === '0x2a');
  assert.equal(await value(page), '0.3125');
  assert.ok((await page.textContent('[data-testid=rounding-error]')).includes('0.0125'));
  assert.ok((await hashOf(page)).includes('x=0.3'));
  // Text that is not a number is refused, visibly.
  await page.getByLabel('Type a number').fill('zwei');
  await page.keyboard.press('Enter');
  await page.getByRole('alert').filter({ hasText: 'is not a number' }).waitFor();
  assert.equal(await code(page), '0x2a', 'nothing changed');
  clean(log);
});

spec('the format slider on a B200 doubles throughput twice while the error grows', async (keep) => {
  const { page, log } = await open(env, '#/precision?chip=b200&lang=en');
  keep(page);
  // The quantization demo computes once it has been in view.
  assert.equal(await page.getAttribute('[data-testid=sqnr-tensor]', 'data-value'), '');
  await page.getByTestId('histogram').scrollIntoViewIfNeeded();
  await page.waitForFunction(() => document.querySelector('[data-testid=sqnr-nvfp4]')?.dataset.value);
  const slider = page.getByLabel('Number format', { exact: true }).and(page.locator('input[type=range]'));
  await slider.focus();
  await page.keyboard.press('Home'); // FP32
  await page.waitForFunction(() => document.querySelector('[data-testid=fmt-slider]')?.value === '0');
  assert.equal(await num(page, 'peak-tflops'), 80);
  const stops = [];
  for (const target of ['bf16', 'e4m3', 'e2m1']) {
    while (await page.locator('[data-testid=format-select]').inputValue() !== target) await page.keyboard.press('ArrowRight');
    await page.waitForFunction(() => document.querySelector('[data-testid=sqnr-tensor]')?.dataset.value);
    stops.push({ target, peak: await num(page, 'peak-tflops'), sqnr: await num(page, 'sqnr-tensor') });
  }
  assert.deepEqual(stops.map((s) => s.peak), [2250, 4500, 9000]);
  assert.ok(stops[0].sqnr > stops[1].sqnr && stops[1].sqnr > stops[2].sqnr, JSON.stringify(stops));
  // The reference figures for standard normal data (ml_dtypes' means over
  // eight samples, tests/vectors/sqnr.txt): ~31.5 dB E4M3 and ~17.9 dB E2M1
  // per tensor, ~18.8 dB MXFP4, ~20.4 dB NVFP4. Per-tensor scales follow the
  // sample's largest value, which varies between samples: 0.5 dB of slack.
  assert.ok(Math.abs(stops[1].sqnr - 31.5) < 0.5, `E4M3 ${stops[1].sqnr}`);
  assert.ok(Math.abs(stops[2].sqnr - 17.9) < 0.5, `E2M1 ${stops[2].sqnr}`);
  assert.ok(Math.abs((await num(page, 'sqnr-mx')) - 18.8) < 0.5, 'MXFP4');
  assert.ok(Math.abs((await num(page, 'sqnr-nvfp4')) - 20.4) < 0.5, 'NVFP4');
  assert.equal(await num(page, 'speedup'), 4);
  assert.equal(await page.locator('[data-testid=halving-step]').count(), 2);
  assert.ok((await hashOf(page)).includes('fmt=e2m1'));
  clean(log);
});

spec('on a TPU v6e FP8 saves memory but not time', async (keep) => {
  const { page, log } = await open(env, '#/precision?fmt=e4m3&lang=en');
  keep(page);
  const v6e = await page.getAttribute('[data-testid=prec-chip] option[data-chip=tpu-v6e]', 'value');
  await page.selectOption('[data-testid=prec-chip]', v6e);
  await page.waitForFunction(() => document.querySelector('[data-testid=speedup]')?.dataset.value === '1');
  assert.equal(await num(page, 'peak-tflops'), 918);
  const step = page.locator('[data-testid=halving-step]');
  assert.equal(await step.count(), 1);
  assert.ok((await step.textContent()).includes('does not hold'));
  // 70B parameters at 8 bits = 70 GB: three 32 GB chips just to hold them.
  assert.equal(await num(page, 'weight-gb'), 70);
  assert.equal(await num(page, 'chips-needed'), 3);
  // FP4 has no unit on this chip.
  await page.goto(`${env.url}/${withView(`#/precision?fmt=e2m1&chip=tpu-v6e&lang=en`, 'read')}`);
  await page.waitForSelector('[data-testid=peak-tflops]');
  assert.ok((await page.textContent('[data-testid=peak-tflops]')).includes('not supported'));
  clean(log);
});

spec('decode ceilings and the roofline follow the batch', async (keep) => {
  // H100: 3.35 TB/s, 989 TFLOP/s BF16; 70B at 16 bits is 140 GB.
  const { page, log } = await open(env, '#/precision?chip=h100&lang=en');
  keep(page);
  assert.equal(await num(page, 'weight-gb'), 140);
  assert.equal(await num(page, 'chips-needed'), 2);
  assert.ok(Math.abs((await num(page, 'decode-bw')) - 3.35e12 / 140e9) < 1e-6, 'batch 1: 23.9 tokens/s');
  assert.equal(await page.getAttribute('[data-testid=bound]', 'data-value'), 'bandwidth');
  const batch = page.locator('[data-testid=batch-slider]');
  await batch.focus();
  await page.keyboard.press('End'); // 1024
  await page.waitForFunction(() => document.querySelector('[data-testid=bound]')?.dataset.value === 'compute');
  // Intensity 16 * 1024 / 16 = 1024 FLOP/byte, above the ridge 989 / 3.35 = 295.
  assert.ok((await page.textContent('#roofline-caption')).includes('1,020'));
  assert.equal(await page.locator('[data-testid=roofline-point]').count(), 1);
  clean(log);
});

spec('invalid panel parameters fall back and are named', async (keep) => {
  const { page, log } = await open(env, '#/precision?fmt=fp7&code=0xzz&chip=tpu9&size=3.14&batch=3&ov=maybe&x=1e');
  keep(page);
  const notice = await page.textContent('[data-testid=notice]');
  for (const part of ['fmt=fp7', 'code=0xzz', 'chip=tpu9', 'size=3.14', 'batch=3', 'ov=maybe', 'x=1e']) {
    assert.ok(notice.includes(part), `${part} in ${notice}`);
  }
  assert.equal(await value(page), '1', 'BF16 1.0 by default');
  const text = await page.textContent('[data-testid=precision-panel]');
  assert.ok(!/NaN|Infinity/.test(text.replace(/NaN \(not a number\)|±inf and NaN|NaN only|NaN \(0xff\)|infinity or NaN/g, '')), 'no NaN printed as a result');
  clean(log);
});
