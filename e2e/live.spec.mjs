// The live class through the project's own server (server/): a speaker's
// page and three followers (a laptop, a phone, one in Chinese), each in a
// browser context of its own (a device each). The speaker's step, slide,
// slider and blank screen reach every follower; a follower that moves a
// slider explores and Rejoin brings it back; a late follower lands on the
// current view; a server restart shows "reconnecting", then the current
// view; a wrong key cannot publish; an unknown room says so; a page
// without `live` in its link asks the server for nothing live.
import assert from 'node:assert/strict';
import AxeBuilder from '@axe-core/playwright';
import { after, before } from 'node:test';
import { spec, hashOf, watch, GENERAL_KEYS } from './harness.mjs';
import { launch } from './browser.mjs';
import { startServer } from './live-server.mjs';

const env = { server: null, browser: null };
before(async () => {
  env.server = await startServer();
  env.browser = await launch();
});
after(async () => {
  await env.browser?.close();
  await env.server?.stop();
});

const perWindow = new RegExp(`[?&](${GENERAL_KEYS.join('|')})=[^&]*`, 'g');
/** The shared part of a hash: what the speaker's view sets. */
const shared = (hash) => hash.replace(perWindow, '').replace(/^([^?]*)&/, '$1?');

const DEVICES = {
  laptop: { viewport: { width: 1280, height: 800 } },
  phone: { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true },
};

/** A page in a context of its own at `url`, loaded; every request it makes
 * is recorded (`requests`), with console errors (`log`). */
async function device(url, kind = 'laptop') {
  const context = await env.browser.newContext(DEVICES[kind]);
  const page = await context.newPage();
  const log = watch({ url: env.server.url }, page);
  const requests = [];
  page.on('request', (r) => requests.push(r.url()));
  await page.goto(url);
  await page.waitForSelector('[data-testid=slide]');
  return { page, log, context, requests };
}

const state = (page) => page.getAttribute('[data-testid=live-status]', 'data-state');
const waitState = (page, want) => page.waitForFunction(
  (want) => document.querySelector('[data-testid=live-status]')?.dataset.state === want, want, { timeout: 30000 });

/** Waits until `page` shows the speaker's shared view `want` (30 s at most). */
async function shows(page, want, what) {
  const end = Date.now() + 30000;
  for (;;) {
    const got = shared(await hashOf(page));
    if (got === want) return;
    if (Date.now() > end) throw new Error(`${what}: shows ${got}, the speaker ${want}`);
    await new Promise((ok) => setTimeout(ok, 20));
  }
}

spec('a class follows the speaker: steps, slides, sliders and the blank screen; one explores and rejoins; a late one lands on the current view', async (keep) => {
  const s = env.server;
  const speaker = await device(`${s.presenter}#/precision/6`);
  keep(speaker.page);
  // The key leaves the address bar at once.
  assert.equal(await speaker.page.evaluate(() => location.search), `?live=${s.room}`);
  // The presenter window (the laptop's screen) shows the counts; the
  // room's screen does not.
  const counts = await speaker.context.newPage();
  keep(counts);
  await counts.goto(`${s.presenter}#/precision/6?presenter=1`);
  await counts.waitForFunction(() => document.querySelector('[data-testid=live-count]')?.dataset.state === 'speaking');
  assert.equal(await speaker.page.$('[data-testid=live-count]'), null, 'no counts on the room\'s screen');

  const followers = [
    await device(`${s.audience}#/intro`),
    await device(`${s.audience}#/intro`, 'phone'),
    await device(`${s.audience}#/intro?lang=zh`),
  ];
  followers.forEach((f) => keep(f.page));
  for (const f of followers) await waitState(f.page, 'following');
  // The QR code holds the audience's link, never the key.
  const qr = await followers[0].page.getAttribute('[data-testid=qr]', 'data-link').catch(() => null);
  if (qr) assert.ok(!qr.includes('key='), qr);
  await counts.waitForFunction(() => document.querySelector('[data-testid=live-count]')?.dataset.following === '3');

  const all = async (what) => {
    const want = shared(await hashOf(speaker.page));
    for (const [i, f] of followers.entries()) await shows(f.page, want, `${what}, follower ${i}`);
    return want;
  };
  await all('on connect');
  assert.match(await hashOf(followers[2].page), /lang=zh/, 'the language stays the follower\'s own');

  // A step and a slider.
  await speaker.page.keyboard.press('ArrowRight');
  assert.match(await all('next step'), /^#\/precision\/7/);
  const slider = speaker.page.locator('[data-testid=stage] #size-slider');
  await slider.focus();
  await slider.press('ArrowRight');
  await slider.press('ArrowRight');
  assert.match(await all('a slider'), /size=/, 'the slider\'s value is in the view');

  // A follower moves a slider of its own: it explores and the speaker sees it.
  const [me] = followers;
  const mySlider = me.page.locator('[data-testid=stage] #size-slider');
  await mySlider.focus();
  await mySlider.press('ArrowLeft');
  await waitState(me.page, 'exploring');
  const mine = shared(await hashOf(me.page));
  await counts.waitForFunction(() => {
    const c = document.querySelector('[data-testid=live-count]')?.dataset;
    return c?.following === '2' && c?.exploring === '1';
  });
  assert.match(await counts.textContent('[data-testid=live-count]'), /2 following · 1 exploring/);
  // The status with its Rejoin button, and the counts, pass axe.
  for (const page of [me.page, counts]) {
    const { violations, passes } = await new AxeBuilder({ page }).include('[data-testid^=live-]').analyze();
    assert.ok(passes.length > 0, 'axe checked the live elements');
    assert.deepEqual(violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join(' ')}`), []);
  }
  // The speaker changes slide; the others follow, the explorer stays.
  await speaker.page.locator('#main').focus();
  await speaker.page.keyboard.press('Shift+ArrowRight');
  const now = shared(await hashOf(speaker.page));
  assert.ok(!now.startsWith('#/precision'), now);
  await shows(followers[1].page, now, 'the phone');
  await shows(followers[2].page, now, 'the zh follower');
  assert.equal(shared(await hashOf(me.page)), mine, 'the explorer keeps its own view');
  assert.equal(await state(me.page), 'exploring');
  // Rejoin (the button): the speaker's current view, following again.
  await me.page.click('[data-testid=live-rejoin]');
  await waitState(me.page, 'following');
  await shows(me.page, now, 'after Rejoin');
  await counts.waitForFunction(() => document.querySelector('[data-testid=live-count]')?.dataset.following === '3');
  // Explore again by key, rejoin by key (j).
  await me.page.locator('#main').focus();
  await me.page.keyboard.press('ArrowRight');
  await waitState(me.page, 'exploring');
  await me.page.keyboard.press('j');
  await waitState(me.page, 'following');
  await shows(me.page, now, 'after j');

  // The blank screen, black then back.
  await speaker.page.keyboard.press('b');
  for (const f of followers) await f.page.waitForSelector('[data-testid=blank][data-blank=black]');
  await speaker.page.keyboard.press('b');
  for (const f of followers) await f.page.waitForSelector('[data-testid=blank]', { state: 'detached' });
  assert.equal(await state(me.page), 'following');

  // A follower who comes late lands on the current view at once.
  const late = await device(`${s.audience}`, 'phone');
  keep(late.page);
  await waitState(late.page, 'following');
  await shows(late.page, now, 'the late follower');

  for (const d of [speaker, ...followers, late]) {
    assert.deepEqual(d.log.errors, [], 'no console errors');
    assert.deepEqual(d.log.foreign, [], 'no request leaves the origin');
    await d.context.close();
  }
});

spec('the zh follower\'s status and Rejoin are in Chinese', async (keep) => {
  const s = env.server;
  const speaker = await device(`${s.presenter}#/memory`);
  keep(speaker.page);
  const f = await device(`${s.audience}#/intro?lang=zh`);
  keep(f.page);
  await waitState(f.page, 'following');
  assert.equal((await f.page.textContent('[data-testid=live-status]')).trim(), '正在跟随讲者');
  await f.page.keyboard.press('ArrowRight');
  await waitState(f.page, 'exploring');
  assert.equal((await f.page.textContent('[data-testid=live-rejoin]')).trim(), '重新跟随');
  await speaker.context.close();
  await f.context.close();
});

spec('a wrong key cannot publish: 403, and the followers never show its view', async (keep) => {
  const s = env.server;
  const speaker = await device(`${s.presenter}#/memory`);
  keep(speaker.page);
  const f = await device(`${s.audience}#/intro`);
  keep(f.page);
  await waitState(f.page, 'following');
  await shows(f.page, shared(await hashOf(speaker.page)), 'on connect');
  // Every hash the follower shows from now on.
  await f.page.evaluate(() => {
    window.__seen = [];
    addEventListener('hashchange', () => window.__seen.push(location.hash));
  });
  const wrong = s.key.replace(/^./, (c) => (c === '0' ? '1' : '0'));
  const status = await f.page.evaluate(async ([room, key]) => {
    const r = await fetch(`live/${room}/view`, { method: 'POST', headers: { 'X-Live-Key': key }, body: 'deck1|x|999|p|view|none|#/ladder' });
    return r.status;
  }, [s.room, wrong]);
  assert.equal(status, 403);
  const none = await f.page.evaluate(async (room) =>
    (await fetch(`live/${room}/view`, { method: 'POST', body: 'deck1|x|999|p|view|none|#/ladder' })).status, s.room);
  assert.equal(none, 403, 'no key: 403 too');
  // A page opened with the wrong key says the server refused it.
  const impostor = await device(`${s.url}/?live=${s.room}&key=${wrong}#/ladder?presenter=1`);
  keep(impostor.page);
  await impostor.page.waitForFunction(() => document.querySelector('[data-testid=live-count]')?.dataset.state === 'refused', null, { timeout: 30000 });
  // The real speaker's next view arrives; the wrong one never did.
  await speaker.page.keyboard.press('Shift+ArrowRight');
  const next = shared(await hashOf(speaker.page));
  await shows(f.page, next, 'the real speaker');
  const seen = await f.page.evaluate(() => window.__seen);
  assert.ok(!seen.some((h) => h.startsWith('#/ladder')), `the follower never showed the wrong key's view: ${seen}`);
  for (const d of [speaker, f, impostor]) await d.context.close();
});

spec('an unknown room says so and the page works on its own; a page without live asks the server for nothing live', async (keep) => {
  const s = env.server;
  const lost = await device(`${s.url}/?live=ffffffffffffffff#/memory`);
  keep(lost.page);
  await waitState(lost.page, 'unknown');
  assert.match(await lost.page.textContent('[data-testid=live-status]'), /unknown room/);
  await lost.page.keyboard.press('Shift+ArrowRight');
  await lost.page.waitForFunction(() => document.querySelector('[data-testid=slide]')?.dataset.slide !== 'memory');
  const bad = await device(`${s.url}/?live=<nope>#/memory`);
  keep(bad.page);
  await waitState(bad.page, 'unknown');

  const alone = await device(`${s.url}/#/precision/7`);
  keep(alone.page);
  const slider = alone.page.locator('[data-testid=stage] #size-slider');
  await slider.focus();
  await slider.press('ArrowRight');
  await alone.page.locator('#main').focus();
  await alone.page.keyboard.press('ArrowRight');
  await alone.page.waitForFunction(() => document.querySelector('[data-testid=stage] [data-testid=slide]')?.dataset.step === '8');
  assert.equal(await alone.page.$('[data-testid=live-status]'), null, 'no live status');
  assert.deepEqual(alone.requests.filter((u) => u.includes('/live/')), [], 'no request to the live endpoints');
  assert.deepEqual(alone.log.errors, []);
  for (const d of [lost, bad, alone]) await d.context.close();
});

spec('the server restarts: the followers say reconnecting, then show the speaker\'s current view', async (keep) => {
  const port = new URL(env.server.url).port;
  const s = env.server;
  const speaker = await device(`${s.presenter}#/depreciation/2`);
  keep(speaker.page);
  const f = await device(`${s.audience}`, 'phone');
  keep(f.page);
  await waitState(f.page, 'following');
  await shows(f.page, shared(await hashOf(speaker.page)), 'before');
  await s.stop();
  await waitState(f.page, 'reconnecting');
  // The speaker moves on while the server is down.
  await speaker.page.keyboard.press('Shift+ArrowRight');
  const now = shared(await hashOf(speaker.page));
  env.server = await startServer({ listen: `127.0.0.1:${port}` });
  await waitState(f.page, 'following');
  await shows(f.page, now, 'after the restart');
  await speaker.context.close();
  await f.context.close();
});

spec('the speaker\'s reload keeps the room; a room whose speaker has left ends, and the page stays usable', async (keep) => {
  const short = await startServer({ args: ['--end-after', '2'] });
  try {
    const speaker = await device(`${short.presenter}#/memory`);
    keep(speaker.page);
    const f = await device(`${short.audience}`, 'phone');
    keep(f.page);
    await waitState(f.page, 'following');
    await shows(f.page, shared(await hashOf(speaker.page)), 'on connect');
    // A reload: the key is no longer in the address, but the tab kept it.
    await speaker.page.reload();
    await speaker.page.waitForSelector('[data-testid=slide]');
    assert.equal(await speaker.page.evaluate(() => location.search), `?live=${short.room}`);
    await speaker.page.keyboard.press('Shift+ArrowRight');
    await shows(f.page, shared(await hashOf(speaker.page)), 'after the speaker\'s reload');
    // The speaker leaves; two seconds later the room ends.
    await speaker.context.close();
    await waitState(f.page, 'ended');
    assert.match(await f.page.textContent('[data-testid=live-status]'), /class has ended/);
    const was = await f.page.getAttribute('[data-testid=slide]', 'data-slide');
    await f.page.click('.pager >> text=Next');
    await f.page.waitForFunction((was) => document.querySelector('[data-testid=slide]')?.dataset.slide !== was, was);
    assert.equal(await state(f.page), 'ended', 'it stays ended, and the pager still works');
    await f.context.close();
  } finally {
    await short.stop();
  }
});

spec('the speaker drives from either window: a view made in one, then in the other, then back in the first reaches the class each time', async (keep) => {
  const s = env.server;
  const speaker = await device(`${s.presenter}#/memory`);
  keep(speaker.page);
  const presenter = await speaker.context.newPage();
  keep(presenter);
  await presenter.goto(`${s.presenter}#/memory?presenter=1`);
  await presenter.waitForFunction(() => document.querySelector('[data-testid=live-count]')?.dataset.state === 'speaking');
  const f = await device(`${s.audience}`, 'phone');
  keep(f.page);
  await waitState(f.page, 'following');
  const moveIn = async (page, key, what) => {
    await page.locator('#main').focus();
    await page.keyboard.press(key);
    const want = shared(await hashOf(page));
    await shows(f.page, want, what);
    return want;
  };
  const b = await moveIn(speaker.page, 'Shift+ArrowRight', 'made in the room\'s window');
  const a = await moveIn(presenter, 'Shift+ArrowLeft', 'made in the presenter window');
  assert.notEqual(a, b);
  assert.equal(await moveIn(speaker.page, 'Shift+ArrowRight', 'back in the room\'s window'), b);
  await speaker.context.close();
  await f.context.close();
});
