// How many bytes of the wasm's code belong to functions whose names match
// each pattern (the bench counts the QR code this way). Reads the code
// section and the function names of cargo's wasm, before wasm-bindgen and
// wasm-opt strip the names, so the figures are of unoptimized code; the share
// of the total is the useful number. Also prints the sizes of the code and of
// the data section (where the text lives).
// Usage: node scripts/wasm-share.mjs FILE.wasm 'label=regex' ...
import { readFileSync } from 'node:fs';

const [file, ...specs] = process.argv.slice(2);
if (!file) throw new Error("usage: node scripts/wasm-share.mjs FILE.wasm 'label=regex' ...");
const buf = readFileSync(file);

let pos = 8;
const leb = () => {
  let r = 0, shift = 0, b;
  do { b = buf[pos++]; r += (b & 0x7f) * 2 ** shift; shift += 7; } while (b & 0x80);
  return r;
};
const str = () => { const n = leb(); const s = buf.toString('utf8', pos, pos + n); pos += n; return s; };

let imported = 0;
let data = 0;
const sizes = [];
const names = new Map();
while (pos < buf.length) {
  const id = buf[pos++];
  const len = leb();
  const end = pos + len;
  if (id === 2) {
    // Imports: functions among them come first in the index space.
    for (let n = leb(); n > 0; n--) {
      str(); str();
      const kind = buf[pos++];
      if (kind === 0) { leb(); imported++; }
      else if (kind === 1) { pos++; const f = leb(); leb(); if (f & 1) leb(); }
      else if (kind === 2) { const f = leb(); leb(); if (f & 1) leb(); }
      else if (kind === 3) { pos += 2; }
      else if (kind === 4) { pos++; leb(); }
    }
  } else if (id === 11) {
    data = len;
  } else if (id === 10) {
    for (let n = leb(); n > 0; n--) { const size = leb(); sizes.push(size); pos += size; }
  } else if (id === 0 && str() === 'name') {
    while (pos < end) {
      const sub = buf[pos++];
      const sublen = leb();
      const subend = pos + sublen;
      if (sub === 1) for (let n = leb(); n > 0; n--) { const i = leb(); names.set(i, str()); }
      pos = subend;
    }
  }
  pos = end;
}
if (names.size === 0) throw new Error(`${file} has no function names (use cargo's wasm, before wasm-opt)`);

/** Rust's legacy mangling, roughly undone: `_ZN3foo3bar17h..E` -> `foo::bar`. */
function demangle(name) {
  if (!name.startsWith('_ZN')) return name;
  const parts = [];
  let i = 3;
  while (i < name.length && /\d/.test(name[i])) {
    let n = 0;
    while (/\d/.test(name[i])) n = n * 10 + Number(name[i++]);
    parts.push(name.slice(i, i + n));
    i += n;
  }
  return parts.join('::').replace(/\.\./g, '::').replace(/\$LT\$/g, '<').replace(/\$GT\$/g, '>')
    .replace(/\$u20\$/g, ' ').replace(/\$RF\$/g, '&').replace(/\$C\$/g, ',');
}

const total = sizes.reduce((a, b) => a + b, 0);
console.log(`code ${total} B, data section ${data} B (the text, the tables and other constants)`);
for (const spec of specs) {
  const [label, re] = spec.split(/=(.*)/s);
  const pattern = new RegExp(re);
  let bytes = 0, count = 0;
  sizes.forEach((size, i) => {
    if (pattern.test(demangle(names.get(i + imported) ?? ''))) { bytes += size; count++; }
  });
  console.log(`${label.padEnd(12)} ${String(bytes).padStart(8)} B in ${count} functions, ${(100 * bytes / total).toFixed(2)} % of ${total} B of code`);
}
