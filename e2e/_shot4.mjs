import { launch } from './browser.mjs';
import { serve } from './server.mjs';
const s = await serve();
const b = await launch();
for (const [w,h,q,name] of [[1280, 2000, 'lang=en&theme=light', 'dep-en-light-desktop'], [360, 2600, 'lang=zh&theme=dark&algo_on=0', 'dep-zh-dark-phone']]) {
  const p = await b.newPage({ viewport: { width: w, height: h } });
  p.on('pageerror', e => console.log('pageerror', String(e).slice(0,300)));
  p.on('console', m => { if (m.type() === 'error') console.log('console', m.text().slice(0,300)); });
  await p.goto(`${s.url}/#/depreciation?${q}`);
  await p.waitForSelector('[data-testid=half-life]');
  await p.locator('#dep-title').scrollIntoViewIfNeeded();
  await p.screenshot({ path: `/work/main/bench-out/shots/${name}.png` });
  console.log(name, await p.getAttribute('[data-testid=half-life]', 'data-value'), await p.getAttribute('[data-testid=value-left]', 'data-value'));
}
await b.close(); await s.close();
