#!/usr/bin/env bash
# Writes the whole deck as ONE self-contained HTML file, for a USB stick or a
# mail attachment: opened from file:// it needs nothing beside it (browsers
# refuse to fetch a .wasm from a file, so nothing is fetched). From the
# release build in dist/ (built first if missing):
# - the stylesheet becomes a <style>;
# - the JS glue of wasm-bindgen becomes an inline module script in place of
#   web/start.js, the wasm a base64 string in it, handed to the glue's init
#   as bytes (`init({ module_or_path: bytes })`);
# - web/boot.js (theme, prerendered title slide) is inlined as it is;
# - the service worker's registration is inlined (it does nothing from
#   file://) and sw.js is left out: one file needs no offline copy.
#
# Usage: scripts/single-file.sh [OUT]   (default dist-single/llm-notes-explainer.html)
# Prints the file's size, raw and gzip.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PWD/node_modules/.bin:$PATH"

OUT=${1:-dist-single/llm-notes-explainer.html}
if [ ! -f dist/index.html ]; then
  trunk build --release --offline
fi
mkdir -p "$(dirname "$OUT")"

node --input-type=module - dist "$OUT" <<'EOF'
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { startMeta } from './scripts/build-dir.mjs';

const [dist, out] = process.argv.slice(2);
const read = (f) => readFileSync(join(dist, f.replace(/^\.\//, '')));
const fail = (m) => { console.error(`single-file: ${m}`); process.exit(1); };
let html = read('index.html').toString();
if (html.includes('__TRUNK_WS_BASE__')) fail('dist/ is a trunk serve build; run trunk build --release --offline');

// Every file of the build must be one this script knows how to inline.
const files = readdirSync(dist).filter((f) => f !== 'index.html' && f !== 'sw.js');
const used = new Set();
const take = (f) => { used.add(f.replace(/^\.\//, '')); return read(f).toString(); };
// Inlined text must not end its element early.
const safe = (text, tag) => {
  if (new RegExp(`</${tag}`, 'i').test(text)) fail(`</${tag} inside the inlined ${tag}`);
  return text;
};

// The page's Content-Security-Policy (scripts/csp.mjs) allows no inline
// script or style, which is all this file is: a file opened from disk has
// no origin to hold to, so the policy goes.
html = html.replace(/<meta\b[^>]*\bhttp-equiv="?Content-Security-Policy"?[^>]*>/i, '');

// The stylesheet.
html = html.replace(/<link\b[^>]*\brel="?stylesheet"?[^>]*>/g, (tag) => {
  const href = tag.match(/\bhref="?([^" >]+)/)[1];
  return `<style>${safe(take(href), 'style')}</style>`;
});
// The preloads of the glue and the wasm: both are inlined below.
html = html.replace(/<link\b[^>]*\brel="?(modulepreload|preload)"?[^>]*>/g, '');

// The start: Trunk writes the glue's and the wasm's names into
// <meta name=llm-notes-start> and web/start.js imports the one and fetches
// the other. Here the start is the glue itself, then its init with the
// wasm's bytes; `window.wasmBindings` keeps the glue's exports (the e2e
// tests call debug_panic through it).
const start = startMeta(html) ?? fail('no llm-notes-start meta');
const meta = start.tag;
const js = start.js ?? fail('no data-js in the start meta');
const wasmFile = start.wasm ?? fail('no data-wasm in the start meta');
const startTag = html.match(/<script\b[^>]*\bsrc="?(\.\/)?start\.js"?[^>]*><\/script>/)?.[0] ?? fail('no start.js script');
used.add('start.js');
html = html.replace(meta, '').replace(startTag, () => {
  const glue = take(js);
  // The glue's exports, by exported name -> local name, whether it is as
  // wasm-bindgen writes it or minified (scripts/minify-js.mjs):
  // `export function f`, `export { a as initSync, b as default }`.
  const exported = new Map();
  for (const m of glue.matchAll(/(?:^|[;}\s])export (?:async )?(?:function|class) (\w+)/g)) exported.set(m[1], m[1]);
  for (const m of glue.matchAll(/\bexport\s*\{([^}]*)\}/g)) {
    for (const part of m[1].split(',').map((p) => p.trim()).filter(Boolean)) {
      const [local, as] = part.split(/\s+as\s+/);
      exported.set(as ?? local, local);
    }
  }
  const init = exported.get('default') ?? fail('no default export in the glue');
  if (!exported.has('initSync')) fail('no initSync export in the glue');
  const bindings = [...exported].filter(([name]) => name !== 'default').map(([name, local]) => `${name}: ${local}`);
  const wasm = read(wasmFile);
  used.add(wasmFile.replace(/^\.\//, ''));
  // In a block: its names cannot clash with the glue's top level.
  return `<script type=module>${safe(glue, 'script')}
{
  const b64 = '${wasm.toString('base64')}';
  const bytes = Uint8Array.fromBase64 ? Uint8Array.fromBase64(b64) : Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
  const instance = await ${init}({ module_or_path: bytes });
  window.wasmBindings = { ${bindings.join(', ')} };
  dispatchEvent(new CustomEvent('TrunkApplicationStarted', { detail: { wasm: instance } }));
}
</script>`;
});
// Classic scripts (web/boot.js, the service worker's registration).
html = html.replace(/<script\b([^>]*)\bsrc="?([^" >]+)"?([^>]*)><\/script>/g, (_, a, src) =>
  `<script>${safe(take(src), 'script')}</script>`);

const left = files.filter((f) => !used.has(f));
if (left.length) fail(`files of dist/ not inlined: ${left.join(' ')}`);
const refs = html.match(/\b(?:src|href)="?\.\/[^" >]*/g);
if (refs) fail(`references to files remain: ${refs.join(' ')}`);
writeFileSync(out, html);
const size = (n) => `${n} bytes (${(n / 1024).toFixed(1)} KiB)`;
console.log(`${out}: ${size(Buffer.byteLength(html))}, gzip -9 ${size(gzipSync(html, { level: 9 }).length)}`);
EOF
