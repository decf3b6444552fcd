// End-to-end: the depreciation chart, against the release build. Expected
// values are worked by hand from the model C(t) = C0 2^(-t/T_hw) 2^(-12 t/T_algo).
import assert from 'node:assert/strict';
import { setup, open, spec, clean, withView, hashOf, num, near } from './harness.mjs';

const env = setup();

spec('the link sets the trends and the readout shows half-life and value left', async (keep) => {
  const { page, log } = await open(env, '#/depreciation?hw=2.1&algo=14&years=3&algo_on=1&lang=en');
  keep(page);
  const hl = 1 / (1 / 2.1 + 12 / 14);
  near(await num(page, 'half-life'), hl, 1e-9, 'half-life');
  near(await num(page, 'value-left'), 2 ** (-3 / 2.1) * 2 ** (-36 / 14), 1e-12, 'value left');
  // Algorithms off: hardware alone.
  await page.goto(`${env.url}/${withView(`#/depreciation?hw=2.46&years=5&algo_on=0&lang=en`, 'read')}`);
  await page.waitForFunction(() => document.querySelector('[data-testid=half-life]')?.dataset.value === '2.46');
  near(await num(page, 'value-left'), 2 ** (-5 / 2.46), 1e-12, 'value left, hardware only');
  assert.ok((await page.textContent('[data-testid=value-left]')).includes('24.4 %'));
  clean(log);
});

spec('the sliders and the switch move the half-life by keyboard', async (keep) => {
  const { page, log } = await open(env, '#/depreciation?lang=en');
  keep(page);
  // Defaults: 2.46 years and 8 months give about six months.
  near(await num(page, 'half-life'), 1 / (1 / 2.46 + 12 / 8), 1e-9, 'default');
  // The switch: hardware alone gives about 2.5 years.
  await page.getByRole('switch', { name: 'Count algorithmic progress' }).focus();
  await page.keyboard.press('Space');
  await page.waitForFunction(() => document.querySelector('[data-testid=half-life]')?.dataset.value === '2.46');
  assert.ok((await hashOf(page)).includes('algo_on=0'));
  // Hardware slider (steps of 0.01 years): up is slower decay, a longer half-life.
  await page.getByTestId('hw-slider').focus();
  for (let i = 0; i < 4; i++) await page.keyboard.press('ArrowRight');
  await page.waitForFunction(() => document.querySelector('[data-testid=half-life]')?.dataset.value === '2.5');
  await page.keyboard.press('End');
  await page.waitForFunction(() => document.querySelector('[data-testid=half-life]')?.dataset.value === '5');
  await page.keyboard.press('Home');
  await page.waitForFunction(() => document.querySelector('[data-testid=half-life]')?.dataset.value === '1');
  for (let i = 0; i < 196; i++) await page.keyboard.press('ArrowRight');
  await page.waitForFunction(() => document.querySelector('[data-testid=half-life]')?.dataset.value === '2.96');
  // Back on, algorithms from 8 to 14 months: the half-life grows.
  await page.getByRole('switch', { name: 'Count algorithmic progress' }).check();
  const before = await num(page, 'half-life');
  await page.getByTestId('algo-slider').focus();
  for (let i = 0; i < 12; i++) await page.keyboard.press('ArrowRight'); // 0.5 month steps
  await page.waitForFunction(() => location.hash.includes('algo=14'));
  const after = await num(page, 'half-life');
  near(after, 1 / (1 / 2.96 + 12 / 14), 1e-9, 'hw 2.96, algo 14');
  assert.ok(after > before);
  clean(log);
});

spec('the year cursor reads out every line by keyboard and pointer', async (keep) => {
  const { page, log } = await open(env, '#/depreciation?algo_on=0&lang=en');
  keep(page);
  const gpt4 = () => page.getAttribute('[data-testid=cursor-value][data-series=gpt-4]', 'data-value');
  // 2026, three years after GPT-4's $40.7M: 40.7e6 * 2^(-3/2.46).
  near(Number(await gpt4()), 40.7e6 * 2 ** (-3 / 2.46), 1, 'GPT-4 in 2026');
  await page.getByTestId('cursor-slider').focus();
  await page.keyboard.press('Home');
  await page.waitForFunction(() => document.querySelector('output[for=cursor-slider]')?.textContent === '2018');
  assert.equal(await gpt4(), '', 'not trained yet in 2018');
  assert.ok((await page.textContent('[data-testid=cursor-value][data-series=gpt-4]')).includes('not trained yet'));
  // Frontier budgets: x2.4 per year from GPT-4's cost in 2023.
  near(await num(page, 'cursor-frontier'), 40.7e6 * 2.4 ** (2018 - 2023), 1, 'frontier 2018');
  // A click near the right edge of the chart moves the cursor to 2032.
  const chart = page.getByTestId('depreciation-chart');
  await chart.scrollIntoViewIfNeeded();
  const box = await chart.boundingBox();
  await page.mouse.click(box.x + box.width * (580 / 600), box.y + box.height / 2);
  await page.waitForFunction(() => document.querySelector('output[for=cursor-slider]')?.textContent === '2032');
  near(Number(await gpt4()), 40.7e6 * 2 ** (-9 / 2.46), 1, 'GPT-4 in 2032');
  clean(log);
});

spec('invalid depreciation values fall back and are named', async (keep) => {
  const { page, log } = await open(env, '#/depreciation?hw=0.2&algo=abc&years=99&algo_on=2&lang=en');
  keep(page);
  const notice = await page.textContent('[data-testid=notice]');
  for (const part of ['hw=0.2', 'algo=abc', 'years=99', 'algo_on=2']) assert.ok(notice.includes(part), part);
  near(await num(page, 'half-life'), 1 / (1 / 2.46 + 12 / 8), 1e-9, 'defaults');
  const text = await page.textContent('[data-testid=depreciation-panel]');
  assert.ok(!/NaN|Infinity|\binf\b/.test(text), 'nothing non-finite printed');
  assert.equal(await page.locator('[data-testid=depreciation-table] tbody tr').count(), 15);
  clean(log);
});

spec('on a phone, dragging across the chart moves the cursor, not the slide', async (keep) => {
  const { page, log } = await open(env, '#/depreciation?lang=en', { viewport: { width: 360, height: 740 }, hasTouch: true, isMobile: true });
  keep(page);
  const chart = page.getByTestId('depreciation-chart');
  await chart.scrollIntoViewIfNeeded();
  const box = await chart.boundingBox();
  const y = box.y + box.height / 2;
  const cdp = await page.context().newCDPSession(page);
  const at = (f) => box.x + box.width * f;
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: [{ x: at(0.9), y }] });
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchMove', touchPoints: [{ x: at(0.6), y: y + 1 }] });
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchMove', touchPoints: [{ x: at(70 / 600), y: y + 2 }] });
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
  await page.waitForFunction(() => document.querySelector('output[for=cursor-slider]')?.textContent === '2018');
  assert.equal(await page.getAttribute('[data-testid=slide]', 'data-slide'), 'depreciation', 'still on the slide');
  clean(log);
});
