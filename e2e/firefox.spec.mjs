// The single file (scripts/single-file.sh) opened from file:// in Firefox
// ESR, alone in a folder, driven over WebDriver by geckodriver (both
// installed by scripts/setup.sh; Playwright cannot drive a stock Firefox):
// the app starts on a deep link, a panel computes, a slider moves its
// numbers and the link, a Present step with its keyframe opens, and the
// error banner never shows. (The Chromium side, every slide and the
// presenter window, is e2e/single-file.spec.mjs.)
import assert from 'node:assert/strict';
import { test, before, after } from 'node:test';
import { spawn, execFileSync } from 'node:child_process';
import { copyFile, mkdtemp, rm } from 'node:fs/promises';
import { existsSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '..');
const SINGLE = join(ROOT, 'dist-single', 'llm-notes-explainer.html');
const FIREFOX = '/usr/bin/firefox-esr';
const GECKODRIVER = join(process.env.HOME ?? '', '.cargo', 'bin', 'geckodriver');
const PORT = 4455 + (process.pid % 1000);
const base = `http://127.0.0.1:${PORT}`;
let driver, dir, session;

async function call(method, path, body) {
  const r = await fetch(base + path, { method, headers: { 'content-type': 'application/json' }, body: body && JSON.stringify(body) });
  const { value } = await r.json();
  if (value && value.error) throw new Error(`${path}: ${value.error}: ${value.message}`);
  return value;
}
const exec = (script) => call('POST', `/session/${session}/execute/sync`, { script, args: [] });
const go = (url) => call('POST', `/session/${session}/url`, { url });
async function until(script, what, ms = 30000) {
  const end = Date.now() + ms;
  for (;;) {
    const v = await exec(script);
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out: ${what}`);
    await new Promise((ok) => setTimeout(ok, 100));
  }
}

before(async () => {
  assert.ok(existsSync(FIREFOX), `${FIREFOX} (scripts/setup.sh installs it)`);
  assert.ok(existsSync(GECKODRIVER), `${GECKODRIVER} (scripts/setup.sh installs it)`);
  const mtime = (f) => statSync(f, { throwIfNoEntry: false })?.mtimeMs ?? 0;
  if (mtime(SINGLE) < mtime(join(ROOT, 'dist', 'index.html'))) {
    execFileSync(join(ROOT, 'scripts', 'single-file.sh'), { stdio: 'ignore' });
  }
  dir = await mkdtemp(join(tmpdir(), 'deck-ff-'));
  await copyFile(SINGLE, join(dir, 'deck.html'));
  driver = spawn(GECKODRIVER, ['--port', String(PORT)], { stdio: 'ignore' });
  for (let i = 0; ; i++) {
    try { await fetch(`${base}/status`); break; } catch (e) { if (i > 100) throw e; await new Promise((ok) => setTimeout(ok, 100)); }
  }
  const s = await call('POST', '/session', { capabilities: { alwaysMatch: {
    browserName: 'firefox', 'moz:firefoxOptions': { binary: FIREFOX, args: ['-headless'], prefs: { 'browser.shell.checkDefaultBrowser': false } },
  } } });
  session = s.sessionId;
});

after(async () => {
  if (session) await call('DELETE', `/session/${session}`).catch(() => {});
  driver?.kill();
  if (dir) await rm(dir, { recursive: true, force: true });
});

test('from file:// in Firefox: a deep link starts, a slider computes, a Present step opens', async () => {
  const file = `file://${dir}/deck.html`;
  await go(`${file}#/memory?view=read&lang=en`);
  assert.equal(await until("return document.querySelector('#app > .app [data-testid=slide]')?.dataset.slide", 'the memory slide'), 'memory');
  assert.match(await until("return document.querySelector('[data-testid=chips-needed]')?.textContent", 'the chips readout'), /H100/);

  await go(`${file}#/rent-vs-buy?view=read&lang=en`);
  await until("return document.querySelector('[data-testid=util-slider]')", 'the utilization slider');
  const before = Number(await exec("return document.querySelector('[data-testid=own-cost-per-hour]').dataset.value"));
  await exec("const s = document.querySelector('[data-testid=util-slider]'); s.value = '300'; s.dispatchEvent(new Event('input', { bubbles: true })); return 1");
  await until("return location.hash.includes('util=30')", 'the link holds the slider');
  const after = Number(await exec("return document.querySelector('[data-testid=own-cost-per-hour]').dataset.value"));
  assert.ok(after > 2 * before, `30 % use costs more per used hour: ${before} -> ${after}`);

  await go(`${file}#/precision/3?lang=en&view=present`);
  assert.equal(await until("return document.querySelector('[data-testid=stage] [data-testid=slide]')?.dataset.step", 'the Present step'), '3');
  assert.equal(await exec("return !!document.getElementById('error-banner')"), false, 'no error banner');
});
