// Minifies, in release builds, the JS files Trunk leaves as they are: the
// wasm-bindgen shim (Trunk minifies only the `<script data-trunk>` files,
// which carry integrity hashes, so those are not touched) and web/start.js.
// terser keeps the module's exports (start.js imports them by name).
// Trunk runs it after a build (scripts/post-build.sh), before the prerender
// loads the page; `node scripts/minify-js.mjs DIR` does the same for DIR.
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { minify } from 'terser';
import { buildDir, debugBuild, startMeta } from './build-dir.mjs';

const dir = buildDir('node scripts/minify-js.mjs DIR (or TRUNK_STAGING_DIR set)');
if (debugBuild()) {
  console.log('[minify-js] debug build: left as it is');
  process.exit(0);
}
const html = await readFile(join(dir, 'index.html'), 'utf8');
const shim = startMeta(html)?.js;
if (!shim) throw new Error('minify-js: no llm-notes-start meta with data-js in index.html');
const files = [shim, 'start.js'];
for (const name of files) {
  const file = join(dir, name);
  const code = await readFile(file, 'utf8');
  const out = await minify(code, { module: true, compress: { passes: 2 }, mangle: true, format: { comments: false } });
  await writeFile(file, out.code);
  console.log(`[minify-js] ${name}: ${code.length} -> ${out.code.length} B`);
}
