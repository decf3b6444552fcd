// Prerenders the title slide into a build's index.html, so that the first
// paint shows it without waiting for the wasm (the largest paint then comes
// from the HTML and CSS alone). Trunk runs it after a release build (the
// post_build hook in Trunk.toml, before the service worker's, with
// TRUNK_STAGING_DIR set); `node scripts/prerender.mjs DIR` does the same for
// DIR. It opens the build in Chromium as a phone would on a first visit
// (Read, both languages, no link, an English browser: English first, the
// order web/boot.js checks for) and copies what the app drew into
// `<div id="prerender" inert>` beside the loading message: the same
// markup, so the same sizes. web/boot.js shows it only when the app will
// open on that same view; the app's first render replaces it (the nodes are
// new, so nothing shifts). Left out: the QR code (it holds the address the
// page is served from, unknown here) and the live region.
// A debug build (trunk serve) is left as it is; so is a machine without
// Chromium, with a warning.
import { readFile, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { serve } from '../e2e/server.mjs';
import { CHROMIUM, launch } from '../e2e/browser.mjs';
import { buildDir, debugBuild } from './build-dir.mjs';

const dir = buildDir('node scripts/prerender.mjs DIR (or TRUNK_STAGING_DIR set)');
if (debugBuild()) {
  console.log('[prerender] debug build: not prerendered');
  process.exit(0);
}
if (!existsSync(CHROMIUM)) {
  console.warn(`[prerender] no Chromium at ${CHROMIUM}: index.html keeps the plain loading message`);
  process.exit(0);
}
const file = join(dir, 'index.html');
let html = await readFile(file, 'utf8');
const START = '<div id=prerender';
if (html.includes(START)) {
  console.log('[prerender] already prerendered');
  process.exit(0);
}

const server = await serve(dir, 0);
const browser = await launch();
let markup;
let slide;
try {
  const context = await browser.newContext({ viewport: { width: 412, height: 915 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true, locale: 'en-US' });
  const page = await context.newPage();
  await page.goto(`${server.url}/`);
  await page.waitForSelector('[data-testid=slide][data-slide=intro]');
  await page.waitForTimeout(200);
  slide = await page.getAttribute('#app [data-testid=slide]', 'data-slide');
  markup = await page.evaluate(() => {
    const app = document.querySelector('#app').cloneNode(true);
    for (const el of app.querySelectorAll('.qr, [aria-live]')) el.remove();
    // No id, test hook or other data attribute (the styles need none
    // outside the stage): nothing can mistake the copy for the app (it is
    // inert, and the app replaces it).
    for (const el of app.querySelectorAll('*')) {
      for (const a of [...el.attributes]) if (a.name === 'id' || a.name.startsWith('data-')) el.removeAttribute(a.name);
    }
    for (const el of app.querySelectorAll('[for], [aria-labelledby], [aria-describedby], [aria-controls]')) {
      for (const a of ['for', 'aria-labelledby', 'aria-describedby', 'aria-controls']) el.removeAttribute(a);
    }
    return app.innerHTML;
  });
  await context.close();
} finally {
  await browser.close();
  await server.close();
}
if (slide !== 'intro' || !markup) throw new Error('prerender: the title slide did not render');
// The app's first render replaces #app's children, this one with them.
const at = html.indexOf('<div class=boot id=boot>') >= 0 ? html.indexOf('<div class=boot id=boot>') : html.indexOf('<div id="boot"');
if (at < 0) throw new Error('prerender: no #boot in index.html');
html = `${html.slice(0, at)}${START} class=prerender inert>${markup}</div>${html.slice(at)}`;
await writeFile(file, html);
console.log(`[prerender] index.html: the title slide, ${markup.length} bytes`);
