// The size budget (run by scripts/test.sh, after the release build): the
// gzip (-9) total of what the page transfers from dist/ (its HTML, CSS, JS
// and wasm; the per-step snapshots, when there are any, are counted apart)
// must not pass the budget in bench/size-budget.json. A size is
// deterministic, so it is a test; timings stay in scripts/bench.sh. A change
// that adds bytes raises the budget in the same commit and says why, or
// pays for itself.
import { readFileSync, readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { gzipSync } from 'node:zlib';

const root = resolve(import.meta.dirname, '..');
const dist = process.argv[2] ?? resolve(root, 'dist');
const budget = JSON.parse(readFileSync(resolve(root, 'bench/size-budget.json'), 'utf8'));
const files = readdirSync(dist).filter((f) => /\.(html|css|js|wasm)$/.test(f)).sort();
if (!files.some((f) => f.endsWith('.wasm'))) {
  console.error(`[size] no wasm in ${dist}: build the release first`);
  process.exit(1);
}
let total = 0;
for (const f of files) {
  const gz = gzipSync(readFileSync(resolve(dist, f)), { level: 9 }).length;
  total += gz;
  console.log(`[size] ${f.padEnd(48)} ${String(gz).padStart(7)} B gzip`);
}
const kb = total / 1024;
const line = `[size] total ${total} B gzip (${kb.toFixed(1)} KB), budget ${budget.gzip_kb} KB`;
if (kb > budget.gzip_kb) {
  console.error(`${line}: over by ${(kb - budget.gzip_kb).toFixed(1)} KB. Take the bytes back, or raise the budget in bench/size-budget.json and say why in the commit.`);
  process.exit(1);
}
console.log(`${line}: ${(budget.gzip_kb - kb).toFixed(1)} KB to spare`);
