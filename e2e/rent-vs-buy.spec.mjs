// End-to-end: the rent vs buy panel (#/rent-vs-buy), against the release
// build. Expected values follow Epoch AI's cost code
// (cost_analysis_standalone.py), worked by hand: an H100 server share of
// $30,000 is written off at 0.14 x ln 10 = 32.2 % a year: 30000 / 0.81 x
// 0.32236 / 8766 h = $1.3620/h, plus 700 W x 1.82 x 0.75 x 1.25 / 1000 x
// $0.08 = $0.0956/h of energy: $1.4576 per used hour at 100 %; against $2.50
// rent the break-even utilization is 1.4576 / 2.5 = 58.3 %.
import assert from 'node:assert/strict';
import { setup, open, spec, clean, hashOf, withView, num, near, noBadNumbers, fitsPhoneWidth } from './harness.mjs';

const env = setup();
// Picks the option of a picker that matches `option` (a CSS selector).
const pick = async (page, id, option) => {
  const value = await page.getAttribute(`[data-testid=${id}] option${option}`, 'value');
  await page.selectOption(`[data-testid=${id}]`, value);
};
const val = (page, id) => page.getAttribute(`[data-testid=${id}]`, 'data-value');
const WRITE_OFF = 0.14 * Math.LN10;
/** Owning's cost per used hour, as Epoch AI's method computes it. */
const own = ({ price = 30000, basis = 'server', amort = 'epoch', life = 5, util = 1, tdp = 700, power = 1.82, pue = 1.25, kwh = 0.08 } = {}) => {
  const installed = price * (basis === 'gpu' ? 1.64 : 1) / 0.81;
  const capital = installed * (amort === 'epoch' ? WRITE_OFF : 1 / life) / 8766;
  return (capital + tdp * power * 0.75 * pue / 1000 * kwh) / util;
};
const OWN = own();
const CONTRACT = '#/rent-vs-buy?price=30000&basis=server&amort=epoch&life=5&util=100&kwh=0.08&pue=1.25&tdp=700&power=1.82&rent=2.5';

spec('the contract link gives the worked example: $1.46 per used hour, break-even 58 %', async (keep) => {
  const { page, log } = await open(env, `${CONTRACT}&lang=en`);
  keep(page);
  near(await num(page, 'own-cost-per-hour'), OWN, 1e-9, 'own cost per used hour');
  near(await num(page, 'own-cost-per-hour'), 1.4576, 0.0001, 'about $1.4576');
  near(await num(page, 'break-even-util'), OWN / 2.5 * 100, 1e-9, 'break-even');
  near(await num(page, 'break-even-util'), 58.3, 0.05, 'about 58 %');
  assert.equal(await page.textContent('[data-testid=own-cost-per-hour]'), '$1.46');
  // A server share: no x1.64; the installed cost adds the interconnect.
  assert.ok((await page.textContent('[data-testid=formula-hardware]')).includes('no × 1.64'));
  assert.ok((await page.textContent('[data-testid=formula-installed]')).includes('$37,037'));
  assert.ok((await page.textContent('[data-testid=formula-capital]')).includes('0.3224'));
  assert.ok((await page.textContent('[data-testid=formula-energy]')).includes('1.82 (server power factor)'));
  assert.ok((await page.textContent('[data-testid=rvb-verdict]')).includes('owning is cheaper'));
  // Epoch's rate beside the depreciation slide's: 2.15 against 2.46 years.
  const link = await page.textContent('[data-testid=amort-link]');
  assert.ok(link.includes('2.15') && link.includes('2.46'), link);
  // The notes' claim, with numbers: small clouds vs hyperscaler on demand.
  const claim = await page.textContent('[data-testid=rvb-claim]');
  assert.ok(claim.includes('$2.50') && claim.includes('$11.06'), claim);
  // The chart has both lines, a description and a table; with Epoch's
  // write-off both start at zero, so there is no crossing.
  assert.equal(await page.locator('[data-testid=rvb-chart] path.line').count(), 2);
  assert.equal(await page.locator('[data-testid=payback-point]').count(), 0);
  assert.ok((await page.textContent('#rvb-caption')).includes("Epoch's write-off"));
  assert.equal(await page.locator('[data-testid=rvb-table] tbody tr').count(), 6, 'years 0..5');
  // What the bill counts: the notes' Internet bandwidth is data transfer, not modelled.
  assert.ok((await page.textContent('[data-testid=rent-vs-buy-panel]')).includes('data transfer to and from a cloud'));
  await noBadNumbers(page, 'rent-vs-buy-panel');
  clean(log);
});

spec('the straight line and a bare-GPU price, by keyboard and click', async (keep) => {
  const { page, log } = await open(env, '#/rent-vs-buy?lang=en');
  keep(page);
  await page.getByLabel('Straight line over the life (the accounting view)').check();
  await page.waitForFunction(() => location.hash.includes('amort=line'));
  near(await num(page, 'own-cost-per-hour'), own({ amort: 'line' }), 1e-9, 'straight line, 5 years');
  near(await num(page, 'own-cost-per-hour'), 0.9406, 0.0001, 'about $0.94');
  assert.equal(await page.locator('[data-testid=payback-point]').count(), 1, 'the straight line pays back');
  assert.ok((await page.textContent('#rvb-caption')).includes('$37,037'));
  // A bare A100 price: x1.64 for the rest of the server; TDP and factor follow the chip.
  await pick(page, 'price-picker', '[data-chip=a100][data-basis=gpu]');
  await page.waitForFunction(() => ['price=15000', 'basis=gpu', 'tdp=400', 'power=2.03'].every((p) => location.hash.includes(p)));
  near(await num(page, 'own-cost-per-hour'), own({ price: 15000, basis: 'gpu', amort: 'line', tdp: 400, power: 2.03 }), 1e-9, 'bare A100');
  assert.ok((await page.textContent('[data-testid=formula-hardware]')).includes('$15,000 × 1.64'));
  // The basis radio by keyboard: back to a server share.
  await page.getByLabel(/a per-GPU share of a server/).focus();
  await page.keyboard.press('Space');
  await page.waitForFunction(() => !location.hash.includes('basis=gpu'));
  near(await num(page, 'own-cost-per-hour'), own({ price: 15000, amort: 'line', tdp: 400, power: 2.03 }), 1e-9, 'as a server share');
  clean(log);
});

spec('a slider held down for seconds keeps the link current without flooding the history', async (keep) => {
  // Browsers cap history writes (Safari throws beyond 100 in 30 s, Firefox
  // beyond 200 in 10 s, Chromium ignores them): a drag written once per
  // frame would leave the link behind. Count the writes while it moves.
  const init = () => {
    window.__writes = [];
    const replace = history.replaceState.bind(history);
    history.replaceState = (...a) => { window.__writes.push([performance.now(), String(a[2])]); return replace(...a); };
  };
  const { page, log } = await open(env, '#/rent-vs-buy?lang=en', { init });
  keep(page);
  const slider = page.locator('[data-testid=util-slider]');
  await slider.focus();
  await page.evaluate(() => { window.__writes.length = 0; window.__t0 = performance.now(); });
  // 90 presses a frame or so apart: 100 % down to 10 %.
  for (let i = 0; i < 90; i++) {
    await page.keyboard.press('ArrowLeft');
    // A held key's pace, a frame apart: a rate to keep, not an event.
    await page.waitForTimeout(16);
  }
  const during = await page.evaluate(() => ({ ms: performance.now() - window.__t0, writes: window.__writes.map((w) => w[1]) }));
  assert.equal(await slider.inputValue(), '100', 'the slider went down to 10 % (in tenths)');
  // Written while it moves, a few times a second, not once per frame.
  assert.ok(during.writes.length >= 2, `the link was written while the slider moved: ${during.writes.length} times in ${during.ms.toFixed(0)} ms`);
  assert.ok(during.writes.length <= Math.ceil(during.ms / 400) + 1,
    `at most one write per 400 ms: ${during.writes.length} in ${during.ms.toFixed(0)} ms`);
  assert.ok(during.writes.every((w, i) => i === 0 || w !== during.writes[i - 1]), 'no write repeats the last');
  // The last value reaches the link once the slider stops.
  await page.waitForFunction(() => /util=10(&|$)/.test(location.hash), null, { timeout: 2000 });
  near(await num(page, 'own-cost-per-hour'), OWN / 0.1, 1e-9, 'at 10 %');
  // A page put away before the 400 ms are over writes at once.
  await slider.press('ArrowRight');
  await page.evaluate(() => document.dispatchEvent(new Event('visibilitychange')));
  assert.match(await page.evaluate(() => location.hash), /util=11(&|$)/, 'written when the page is hidden');
  clean(log);
});

spec('keyboard on the utilization slider and the price field updates the numbers and the link', async (keep) => {
  const { page, log } = await open(env, '#/rent-vs-buy?lang=en');
  keep(page);
  await page.getByLabel('Utilization (share of hours the GPU does useful work)').focus();
  for (let i = 0; i < 50; i++) await page.keyboard.press('ArrowLeft');
  await page.waitForFunction(() => location.hash.includes('util=50'));
  near(await num(page, 'own-cost-per-hour'), OWN / 0.5, 1e-9, 'at 50 %');
  near(await num(page, 'break-even-util'), OWN / 2.5 * 100, 1e-9, 'break-even does not move with utilization');
  assert.ok((await page.textContent('[data-testid=rvb-verdict]')).includes('renting is cheaper'));
  // Type a price and press Enter.
  const price = page.getByLabel('Purchase price per GPU (US dollars)');
  await price.fill('47000');
  await price.press('Enter');
  await page.waitForFunction(() => location.hash.includes('price=47000'));
  const own47 = own({ price: 47000, util: 0.5 });
  near(await num(page, 'own-cost-per-hour'), own47, 1e-9, '$47,000 at 50 %');
  // A bad price is marked and changes nothing.
  await price.fill('12');
  await price.press('Enter');
  await page.waitForSelector('#price-input[aria-invalid=true]');
  assert.ok((await hashOf(page)).includes('price=47000'));
  // The life slider by keyboard: Home is 1 year.
  await page.getByTestId('life-slider').focus();
  await page.keyboard.press('Home');
  await page.waitForFunction(() => /life=1(&|$)/.test(location.hash));
  clean(log);
});

spec('pickers: a rental price moves the break-even, a sourced price sets price, TDP and power factor', async (keep) => {
  const { page, log } = await open(env, '#/rent-vs-buy?lang=en');
  keep(page);
  await pick(page, 'rent-picker', '[data-rental=gcp-on-demand]');
  await page.waitForFunction(() => location.hash.includes('rent=11.06'));
  near(await num(page, 'break-even-util'), OWN / 11.06 * 100, 1e-9, 'against $11.06');
  // By keyboard: the next rental in the list, AWS on demand.
  await page.getByTestId('rent-picker').focus();
  await page.keyboard.press('ArrowDown');
  await page.waitForFunction(() => location.hash.includes('rent=12.29'));
  near(await num(page, 'break-even-util'), OWN / 12.29 * 100, 1e-9, 'against $12.29');
  // The chosen price's source and date, once, under the picker.
  assert.match(await page.textContent('[data-testid=rent-source]'), /2025-03/);
  await pick(page, 'price-picker', '[data-chip=b200]');
  await page.waitForFunction(() => ['price=47000', 'tdp=1000', 'power=1.8'].every((p) => location.hash.includes(p)));
  assert.match(await page.textContent('[data-testid=price-source]'), /2024-12/);
  // A price of one's own: the picker says so and shows no source.
  await page.fill('#price-input', '33333');
  await page.press('#price-input', 'Enter');
  await page.waitForFunction(() => location.hash.includes('price=33333'));
  assert.equal(await page.$eval('[data-testid=price-picker]', (s) => s.value), '');
  assert.equal(await page.locator('[data-testid=price-source]').count(), 0);
  // The smaller clouds' range reaches Lambda and CR8DL.
  assert.equal(await page.locator('[data-testid=rent-picker] option[data-rental=cr8dl]').count(), 1);
  clean(log);
});

spec('at the range ends nothing is NaN or empty, and "never" has no number', async (keep) => {
  const { page, log } = await open(env, '#/rent-vs-buy?price=1000000&life=1&util=1&kwh=1&pue=3&tdp=3000&rent=0.01&lang=en');
  keep(page);
  assert.equal(await val(page, 'break-even-util'), '', 'never breaks even: empty data-value');
  assert.ok((await page.textContent('[data-testid=break-even-util]')).startsWith('Never'));
  assert.ok(Number.isFinite(await num(page, 'own-cost-per-hour')));
  await noBadNumbers(page, 'rent-vs-buy-panel');
  await page.goto(`${env.url}/${withView(`#/rent-vs-buy?price=1000&life=10&util=100&kwh=0.001&pue=1&tdp=50&rent=100&lang=en`, 'read')}`);
  await page.waitForFunction(() => location.hash.includes('rent=100'));
  const be = await num(page, 'break-even-util');
  assert.ok(be > 0 && be < 1, `tiny break-even ${be}`);
  await noBadNumbers(page, 'rent-vs-buy-panel');
  // Invalid parts fall back and are named.
  await page.goto(`${env.url}/${withView(`#/rent-vs-buy?price=abc&util=0&rent=-2&lang=en`, 'read')}`);
  await page.waitForSelector('[data-testid=notice]');
  const notice = await page.textContent('[data-testid=notice]');
  for (const part of ['price=abc', 'util=0', 'rent=-2']) assert.ok(notice.includes(part), part);
  near(await num(page, 'own-cost-per-hour'), OWN, 1e-9, 'defaults');
  // Bad basis, write-off and power factor too.
  await page.goto(`${env.url}/${withView(`#/rent-vs-buy?basis=rack&amort=fast&power=9&lang=en`, 'read')}`);
  await page.waitForSelector('[data-testid=notice]');
  const notice2 = await page.textContent('[data-testid=notice]');
  for (const part of ['basis=rack', 'amort=fast', 'power=9']) assert.ok(notice2.includes(part), part);
  near(await num(page, 'own-cost-per-hour'), OWN, 1e-9, 'defaults again');
  clean(log);
});

spec('the panel in Chinese', async (keep) => {
  const { page, log } = await open(env, `${CONTRACT}&lang=zh`);
  keep(page);
  await page.waitForSelector('[data-testid=rent-vs-buy-panel][lang=zh-CN]');
  near(await num(page, 'own-cost-per-hour'), OWN, 1e-9, 'own cost');
  near(await num(page, 'break-even-util'), OWN / 2.5 * 100, 1e-9, 'break-even');
  assert.equal(await page.textContent('[data-testid=own-cost-per-hour]'), '1.46 美元');
  assert.ok((await page.textContent('[data-testid=break-even-util]')).includes('自建更便宜'));
  await page.getByLabel('利用率（GPU 做有用工作的时间占比）').focus();
  await page.keyboard.press('Home');
  await page.waitForFunction(() => /util=1(&|$)/.test(location.hash));
  near(await num(page, 'own-cost-per-hour'), OWN / 0.01, 1e-6, 'at 1 %');
  await noBadNumbers(page, 'rent-vs-buy-panel');
  clean(log);
});

spec('on a phone the panel fits the width', async (keep) => {
  await fitsPhoneWidth(env, keep, ['#/rent-vs-buy?lang=en', '#/rent-vs-buy?lang=zh']);
});

spec('a utilization with a decimal in the link is kept: 62.5 %', async (keep) => {
  const { page, log } = await open(env, '#/rent-vs-buy?price=25000&life=5&util=62.5&kwh=0.08&pue=1.25&tdp=700&rent=2.5&lang=en');
  keep(page);
  near(await num(page, 'own-cost-per-hour'), own({ price: 25000, util: 0.625 }), 1e-9, 'own cost per used hour at 62.5 %');
  assert.ok((await hashOf(page)).includes('util=62.5'));
  assert.equal(await page.locator('.notice').count(), 0, 'nothing ignored');
  clean(log);
});
