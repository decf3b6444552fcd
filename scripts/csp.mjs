// Writes the page's Content-Security-Policy into a build's index.html, as a
// <meta http-equiv> right after <meta charset> (a policy in a meta applies
// to what follows it). Release builds only: `trunk serve` injects an inline
// script of its own (the reload on change), which the policy would refuse.
// Trunk runs it after a build (scripts/post-build.sh); `node
// scripts/csp.mjs DIR` does the same for DIR; `node scripts/csp.mjs
// --print` prints the policy (the README gives it as a header).
//
// The page needs nothing more: no inline script (web/boot.js and
// web/start.js are files), no inline style (geometry is set through SVG
// attributes or the CSSOM), the icon is a data: URL, every request goes to
// the page's own origin. `frame-ancestors` is left to the host (a meta
// cannot set it).
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { buildDir, debugBuild } from './build-dir.mjs';

export const POLICY = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; "
  + "img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'";

if (import.meta.url === `file://${process.argv[1]}`) {
  if (process.argv[2] === '--print') {
    console.log(POLICY);
    process.exit(0);
  }
  const dir = buildDir('node scripts/csp.mjs DIR (or TRUNK_STAGING_DIR set) | --print');
  if (debugBuild()) {
    console.log('[csp] debug build: no policy (trunk serve adds an inline script)');
    process.exit(0);
  }
  const file = join(dir, 'index.html');
  let html = await readFile(file, 'utf8');
  if (html.includes('Content-Security-Policy')) {
    console.log('[csp] already set');
    process.exit(0);
  }
  const charset = html.match(/<meta charset="?utf-8"?>/i);
  if (!charset) throw new Error('csp: no <meta charset> in index.html');
  const at = charset.index + charset[0].length;
  html = `${html.slice(0, at)}<meta http-equiv=Content-Security-Policy content="${POLICY}">${html.slice(at)}`;
  await writeFile(file, html);
  console.log('[csp] index.html: the policy set');
}
