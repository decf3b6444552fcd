// End-to-end: the deck as a reader drives it, against the release build.
import assert from 'node:assert/strict';
import { setup, open, spec, clean, slideId, hashOf, withView } from './harness.mjs';

const env = setup();

/** The number of slides, read from the contents overlay. */
const slideCount = (page) => page.locator('#overview .ov-item').count();

spec('every slide is reached by keyboard, with no console error or foreign request', async (keep) => {
  const { page, log } = await open(env, '#/intro?lang=en');
  keep(page);
  await page.keyboard.press('o');
  const total = await slideCount(page);
  await page.keyboard.press('Escape');
  assert.ok(total >= 17, `the deck has all the notes' sections (${total})`);
  const seen = [await slideId(page)];
  for (let i = 1; i < total; i++) {
    await page.keyboard.press('ArrowRight');
    await page.waitForFunction((n) => document.querySelector('[data-testid=progress]')?.textContent.includes(`Slide ${n} of`), i + 1);
    const slug = await slideId(page);
    seen.push(slug);
    assert.equal(await hashOf(page), `#/${slug}?lang=en&view=read`);
    const title = (await page.textContent('[data-testid=slide-title]')).trim();
    assert.ok(title.length > 0, `slide ${slug} has a title`);
    assert.equal(await page.locator('img').count(), 0, `slide ${slug} shows no image`);
  }
  assert.equal(new Set(seen).size, total, 'every slide once');
  assert.equal(seen[total - 1], 'references');
  // At the end, Next stays put.
  await page.keyboard.press('ArrowRight');
  assert.equal(await slideId(page), 'references');
  clean(log);
});

spec('PageUp/PageDown, Space/Shift+Space and Home/End move as documented', async (keep) => {
  const { page, log } = await open(env, '#/memory');
  keep(page);
  const go = async (key, want) => {
    await page.keyboard.press(key);
    await page.waitForSelector(`[data-testid=slide][data-slide="${want}"]`);
  };
  await go('PageDown', 'precision');
  await go('PageUp', 'memory');
  await go('Space', 'precision');
  await go('Shift+Space', 'memory');
  await go('ArrowLeft', 'bandwidth');
  await go('End', 'references');
  await go('Home', 'intro');
  clean(log);
});

spec('back and forward move between slides', async (keep) => {
  const { page, log } = await open(env, '#/intro');
  keep(page);
  // One history entry per slide shown (presses faster than a frame may share one).
  await page.keyboard.press('ArrowRight');
  await page.waitForSelector('[data-slide=ingredients]');
  await page.keyboard.press('ArrowRight');
  await page.waitForSelector('[data-slide=bandwidth]');
  await page.goBack();
  await page.waitForSelector('[data-slide=ingredients]');
  await page.goBack();
  await page.waitForSelector('[data-slide=intro]');
  await page.goForward();
  await page.waitForSelector('[data-slide=ingredients]');
  clean(log);
});

spec('the language switch changes the text, is in the URL and is remembered', async (keep) => {
  const { page, log, context } = await open(env, '#/resources');
  keep(page);
  // Default: both languages side by side.
  assert.ok((await page.textContent('section[lang=zh-CN] .notes-quote')).includes('耗电巨大'));
  assert.ok((await page.textContent('section[lang=en] .notes-quote')).includes('Enormous power consumption'));
  await page.getByLabel('Language').selectOption('zh');
  await page.waitForFunction(() => location.hash === '#/resources?lang=zh&view=read');
  assert.equal(await page.locator('section[lang=en]').count(), 0);
  assert.equal(await page.getAttribute('html', 'lang'), 'zh-CN');
  assert.ok((await page.textContent('[data-testid=next]')).includes('下一张'));
  // `l` cycles to English.
  await page.keyboard.press('l');
  await page.waitForFunction(() => location.hash === '#/resources?lang=en&view=read');
  assert.equal(await page.locator('section[lang=zh-CN]').count(), 0);
  // A new page in the same browser, with no language in its link, remembers it.
  const again = keep(await context.newPage());
  await again.goto(`${env.url}/${withView(`#/memory`, 'read')}`);
  await again.waitForSelector('[data-slide=memory]');
  assert.equal(await hashOf(again), '#/memory?lang=en&view=read');
  assert.equal(await again.locator('section[lang=zh-CN]').count(), 0);
  clean(log);
});

spec('"both" puts the browser\'s language first: the texts, the panels and the controls; either order is in the menu and the link', async (keep) => {
  const firstCol = (page) => page.getAttribute('.cols-2 > section.col >> nth=0', 'lang');
  const panelLangs = (page) => page.$$eval('[data-testid=slide] .panel', (els) => [...new Set(els.map((e) => e.lang))]);
  const cjk = /[\u4e00-\u9fff]/;
  // A Chinese browser, no language in the link or in storage: Chinese first,
  // and the panel and the controls in Chinese.
  const zh = await open(env, '#/precision', { locale: 'zh-CN' });
  keep(zh.page);
  assert.equal(await zh.page.evaluate(() => navigator.language), 'zh-CN');
  assert.equal(await firstCol(zh.page), 'zh-CN');
  assert.deepEqual(await panelLangs(zh.page), ['zh-CN']);
  assert.match(await zh.page.textContent('[data-testid=slide] .panel'), cjk);
  assert.equal(await zh.page.getAttribute('html', 'lang'), 'zh-CN');
  assert.equal(await zh.page.inputValue('[data-testid=lang-select]'), 'zh-en');
  assert.equal(await hashOf(zh.page), '#/precision?view=read', 'the browser\'s own order is the default: no language in the link');
  // The other order is a choice in the menu, and in the link.
  const labels = await zh.page.$$eval('[data-testid=lang-select] option', (os) => os.map((o) => o.textContent));
  assert.deepEqual(labels, ['中文', 'English', '中文 + English', 'English + 中文']);
  await zh.page.selectOption('[data-testid=lang-select]', 'en-zh');
  await zh.page.waitForFunction(() => location.hash === '#/precision?lang=en-zh&view=read');
  await zh.page.waitForFunction(() => document.documentElement.lang === 'en');
  assert.equal(await firstCol(zh.page), 'en');
  assert.deepEqual(await panelLangs(zh.page), ['en']);
  clean(zh.log);
  await zh.context.close();
  // An English browser: English first, and the panel in English.
  const en = await open(env, '#/precision');
  keep(en.page);
  assert.equal(await firstCol(en.page), 'en');
  assert.deepEqual(await panelLangs(en.page), ['en']);
  assert.doesNotMatch(await en.page.textContent('[data-testid=slide] .panel h2'), cjk);
  assert.equal(await en.page.inputValue('[data-testid=lang-select]'), 'en-zh');
  // A link that names the order wins over the browser's.
  await en.page.goto(`${env.url}/#/precision?lang=zh-en&view=read`);
  await en.page.waitForFunction(() => document.documentElement.lang === 'zh-CN');
  assert.equal(await firstCol(en.page), 'zh-CN');
  assert.deepEqual(await panelLangs(en.page), ['zh-CN']);
  // The id of before the choice ("both") opens both, in the browser's order.
  await en.page.goto(`${env.url}/#/data?lang=both&view=read`);
  await en.page.waitForFunction(() => location.hash === '#/data?view=read');
  assert.equal(await en.page.locator('[data-testid=notice]').count(), 0, 'nothing ignored');
  assert.equal(await firstCol(en.page), 'en');
  clean(en.log);
});

spec('on a phone (390 px) the top bar keeps to two rows with every language choice', async (keep) => {
  for (const lang of ['zh', 'en', 'zh-en', 'en-zh']) {
    const { page, log, context } = await open(env, `#/ladder?lang=${lang}`, { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    keep(page);
    const rows = await page.$$eval('.topbar .controls > *', (els) => new Set(els.filter((e) => e.getBoundingClientRect().width > 0).map((e) => Math.round(e.getBoundingClientRect().top))).size);
    assert.ok(rows <= 2, `${lang}: the top bar takes ${rows} rows`);
    clean(log);
    await context.close();
  }
});

spec('the theme follows the system, switches from the menu and with t', async (keep) => {
  const { page, log } = await open(env, '#/depreciation?lang=en', { colorScheme: 'dark' });
  keep(page);
  const bg = () => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  assert.equal(await bg(), 'rgb(18, 20, 23)', 'dark by system preference');
  await page.getByLabel('Theme').selectOption('light');
  await page.waitForFunction(() => location.hash.includes('theme=light'));
  assert.equal(await bg(), 'rgb(255, 255, 255)');
  await page.locator('main').focus();
  await page.keyboard.press('t');
  await page.waitForFunction(() => location.hash.includes('theme=dark'));
  assert.equal(await page.getAttribute('html', 'data-theme'), 'dark');
  assert.equal(await bg(), 'rgb(18, 20, 23)');
  clean(log);
});

spec('a malformed link gives a working page and says what it ignored', async (keep) => {
  const { page, log } = await open(env, '#/%E4%B8%AD%ZZ?lang=xx&theme=sepia&&=&zoom&notes=1');
  keep(page);
  assert.equal(await slideId(page), 'intro');
  const notice = await page.textContent('[data-testid=notice]');
  for (const part of ['中%ZZ', 'lang=xx', 'theme=sepia', 'zoom']) assert.ok(notice.includes(part), `${part} in "${notice}"`);
  // The valid part (notes=1, what older links wrote for speaker=1) is kept,
  // the rest fall back, and the URL is tidied.
  assert.equal(await page.locator('[data-testid=speaker-notes]').count(), 1);
  assert.equal(await hashOf(page), '#/intro?speaker=1&view=read');
  await page.getByRole('button', { name: 'Dismiss' }).click();
  await page.locator('[data-testid=notice]').waitFor({ state: 'detached', timeout: 2000 });
  // The deck still works.
  await page.keyboard.press('ArrowRight');
  await page.waitForSelector('[data-slide=ingredients]');
  clean(log);
});

spec('a bad saved setting falls back and says so', async (keep) => {
  const { page, context } = await open(env, '#/data');
  keep(page);
  await page.evaluate(() => localStorage.setItem('llm-notes.lang', 'klingon'));
  const again = keep(await context.newPage());
  const log = { errors: [] };
  again.on('console', (m) => { if (m.type() === 'error') log.errors.push(m.text()); });
  await again.goto(`${env.url}/${withView(`#/data`, 'read')}`);
  await again.waitForSelector('[data-testid=notice]');
  assert.ok((await again.textContent('[data-testid=notice]')).includes('lang=klingon'));
  const zh = await again.locator('section[lang=zh-CN]').count();
  assert.ok(zh > 0 && zh === await again.locator('section[lang=en]').count(), 'default language (both)');
  assert.equal(await again.getAttribute('.cols-2 > section.col >> nth=0', 'lang'), 'en', 'in the browser\'s order (an English browser)');
  assert.deepEqual(log.errors, []);
});

spec('the contents open with o and any slide opens from them by keyboard or click', async (keep) => {
  const { page, log } = await open(env, '#/intro?lang=en');
  keep(page);
  await page.keyboard.press('o');
  const dialog = page.getByRole('dialog', { name: 'Contents' });
  await dialog.waitFor();
  // The dialog moves the focus after it is drawn (an effect, which a busy
  // renderer may run a task after the paint).
  const focused = await page.waitForFunction(() => document.activeElement?.id || null, null, { timeout: 2000 }).then((h) => h.jsonValue(), () => '');
  assert.equal(focused, 'overview-item-0', 'focus on the current slide');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  await page.waitForSelector('[data-slide=bandwidth]');
  assert.equal(await dialog.count(), 0);
  await page.getByRole('button', { name: 'Contents' }).click();
  await page.getByRole('button', { name: /Five years of work/ }).click();
  await page.waitForSelector('[data-slide=work]');
  clean(log);
});

spec('? lists every shortcut, Esc closes it, s shows speaker notes', async (keep) => {
  const { page, log } = await open(env, '#/evaluation?lang=en');
  keep(page);
  await page.keyboard.press('Shift+?');
  const help = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
  await help.waitFor();
  const text = await help.textContent();
  for (const k of ['Page Down', 'Shift+Space', 'Home / End', 'Contents: o', 'Speaker notes: s', 'Full screen: f', 'swipe']) {
    assert.ok(text.includes(k), `help mentions ${k}`);
  }
  // Focus stays inside the dialog.
  for (let i = 0; i < 4; i++) {
    await page.keyboard.press('Tab');
    assert.ok(await page.evaluate(() => !!document.activeElement?.closest('[role=dialog]')), 'focus inside the dialog');
  }
  await page.keyboard.press('Escape');
  // The dialog closes on the next render and the focus moves in an effect
  // after it: wait for both rather than read them at once.
  await help.waitFor({ state: 'detached', timeout: 2000 });
  const back = await page.waitForFunction(() => document.activeElement?.id === 'main' || null, null, { timeout: 2000 }).then(() => 'main', () => page.evaluate(() => document.activeElement?.id));
  assert.equal(back, 'main', 'focus returns to the slide');
  await page.keyboard.press('s');
  await page.waitForSelector('[data-testid=speaker-notes]');
  assert.ok((await page.textContent('[data-testid=speaker-notes]')).includes('Public benchmarks'));
  assert.equal(await hashOf(page), '#/evaluation?lang=en&speaker=1&view=read');
  clean(log);
});

spec('reduced motion turns the slide animation off', async (keep) => {
  const anim = async (reducedMotion) => {
    const { page, log, context } = await open(env, '#/data?lang=en', { reducedMotion });
    keep(page);
    const name = await page.evaluate(() => getComputedStyle(document.querySelector('.slide')).animationName);
    clean(log);
    await context.close();
    return name;
  };
  assert.equal(await anim('no-preference'), 'slide-in');
  assert.equal(await anim('reduce'), 'none');
});

spec('f enters and leaves full screen', async (keep) => {
  const { page, log } = await open(env, '#/depreciation?lang=en');
  keep(page);
  await page.keyboard.press('f');
  await page.waitForFunction(() => document.fullscreenElement === document.documentElement);
  await page.keyboard.press('f');
  await page.waitForFunction(() => document.fullscreenElement === null);
  assert.equal(await slideId(page), 'depreciation');
  clean(log);
});

spec('a swipe on a phone changes the slide', async (keep) => {
  const { page, log } = await open(env, '#/memory?lang=en', { viewport: { width: 360, height: 740 }, hasTouch: true, isMobile: true });
  keep(page);
  const cdp = await page.context().newCDPSession(page);
  const swipe = async (x0, x1) => {
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: [{ x: x0, y: 400 }] });
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchMove', touchPoints: [{ x: (x0 + x1) / 2, y: 402 }] });
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchMove', touchPoints: [{ x: x1, y: 404 }] });
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
  };
  await swipe(300, 60);
  await page.waitForSelector('[data-slide=precision]');
  await swipe(60, 300);
  await page.waitForSelector('[data-slide=memory]');
  // Nothing is wider than the phone.
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `no horizontal overflow (${overflow}px)`);
  clean(log);
});

spec('missing images are named, never requested', async (keep) => {
  const { page, log } = await open(env, '#/personal?lang=en');
  keep(page);
  const requests = [];
  page.on('request', (r) => requests.push(r.url()));
  const notes = page.getByTestId('missing-figure');
  assert.equal(await notes.count(), 7);
  assert.ok((await notes.first().textContent()).includes('image-20240827220307477.png'));
  await page.goto(`${env.url}/${withView(`#/ladder?lang=zh`, 'read')}`);
  await page.waitForSelector('[data-slide=ladder]');
  assert.ok((await page.getByTestId('missing-figure').first().textContent()).includes('图片文件不在笔记中'));
  assert.equal(requests.filter((u) => u.endsWith('.png')).length, 0);
  assert.equal(await page.locator('img').count(), 0);
  clean(log);
});

spec('a panic shows an error banner instead of a dead page', async (keep) => {
  const { page } = await open(env, '#/intro?lang=en');
  keep(page);
  await page.evaluate(() => { try { window.wasmBindings.debug_panic(); } catch (_) { /* the trap after the hook */ } });
  const banner = page.getByTestId('error-banner');
  await banner.waitFor();
  const text = await banner.textContent();
  assert.ok(text.includes('Something went wrong') && text.includes('debug_panic was called'), text);
  assert.equal(await page.getByRole('alert').count(), 1);
});
