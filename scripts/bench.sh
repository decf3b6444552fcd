#!/usr/bin/env bash
# Benchmark (not a test): builds the release and prints the gzip size of
# what the page transfers, the QR code's and the presenter's share of the
# code, brotli sizes per file, Lighthouse scores (mobile preset, Debian's
# Chromium; the local server gzips as a static host would) on `/` and three
# slides, and the desktop preset on `/` (its layout shift), responsiveness (press to paint against a reference page, script
# time per input, memory over 3,000 moves: scripts/responsiveness.mjs), the
# number of steps and the tallest step's fill ratio (Present view), and axe-core
# violations per slide. Goals: total <= 250 KB gzip and <= 200 KB brotli,
# Lighthouse performance >= 98 with TBT <= 50 ms, accessibility 100, axe 0
# violations; the responsiveness goals are printed beside their figures.
# Last, the live class (server/): a speaker's key press to a follower's
# next frame through the server on loopback (scripts/live-latency.mjs; goal
# 250 ms), and the load generator (live-load): 100, 1,000 and 5,000
# followers, publish-to-receipt latency and the server's memory per
# follower (goal p95 under 100 ms at 5,000 on two cores); the same with two
# processes sharing the room through Redis (speaker on A, followers on B).
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/setup.sh >/dev/null
export PATH="$HOME/.cargo/bin:$PWD/node_modules/.bin:$PATH"
mkdir -p bench-out

trunk build --release --offline >bench-out/build.log 2>&1 || { cat bench-out/build.log; exit 1; }

echo "== transfer size (gzip -9)"
total=0
for ext in wasm js css html; do
  size=0
  for f in dist/*."$ext"; do
    [ -e "$f" ] || continue
    size=$((size + $(gzip -9 -c "$f" | wc -c)))
  done
  total=$((total + size))
  printf '%-5s %7d B  (%d.%d KB)\n' "$ext" "$size" $((size / 1024)) $(((size % 1024) * 10 / 1024))
done
printf 'total %7d B  (%d.%d KB; goal 250 KB)\n' "$total" $((total / 1024)) $(((total % 1024) * 10 / 1024))

echo "== transfer size (brotli -11), per file"
node -e '
  const { readdirSync, readFileSync } = require("node:fs");
  const { brotliCompressSync, gzipSync, constants } = require("node:zlib");
  let gz = 0, br = 0;
  for (const f of readdirSync("dist").sort()) {
    const b = readFileSync("dist/" + f);
    const g = gzipSync(b, { level: 9 }).length;
    const r = brotliCompressSync(b, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
    gz += g; br += r;
    console.log(`${f.padEnd(48)} raw ${String(b.length).padStart(7)}  gzip ${String(g).padStart(7)}  brotli ${String(r).padStart(7)}`);
  }
  console.log(`total gzip ${gz} B (${(gz / 1024).toFixed(1)} KB; goal 250), brotli ${br} B (${(br / 1024).toFixed(1)} KB; goal 200)`);
'

# Where the bytes are, a line per part (the runtime, the text code, each
# panel, the QR code, the presenter window with its sync): their share of
# the code, by function name, before wasm-opt (the shipped wasm has no
# names), so that a change sees what it costs; and the data section's size.
# The components' html! code is mostly inlined into Yew's generic
# `CompStateInner::view` functions: one line for all of them.
echo "== share of the code (cargo's wasm, before wasm-opt)"
node scripts/wasm-share.mjs target/wasm32-unknown-unknown/release/llm-notes-explainer.wasm \
  'html! views=Stateful>::view' \
  'yew+bindgen=^_?<?(yew|implicit_clone|web_sys|js_sys|wasm_bindgen)(?!.*Stateful>::view)' \
  'core+alloc=^_?<?(core|alloc|std|dlmalloc|hashbrown)|^_R.*(core|alloc|dlmalloc|compiler_builtins)' \
  'text=deck::i18n|deck::markup|deck::text_format|widgets::rich' \
  'model=explainer::model::' \
  'chrome=ui::chrome|ui::app|ui::hooks|ui::web|ui::numfmt|widgets::(axes|controls)' \
  'qr=qrcodegen|deck::qr|widgets::qr' \
  'presenter=chrome::presenter|ui::sync|deck::sync' \
  'rent-vs-buy=panels::(rent_vs_buy|economics)' 'resources=panels::resources' \
  'memory=panels::memory' 'ladder=panels::ladder' 'bandwidth=panels::bandwidth' \
  'depreciation=panels::depreciation' 'precision=panels::precision' \
  'small panels=panels::(alternatives|cover|lessons|models|references)'

PORT=${BENCH_PORT:-8765}
PORT=$PORT node e2e/server.mjs dist >/dev/null 2>&1 &
server=$!
trap 'kill $server 2>/dev/null' EXIT
for _ in $(seq 50); do curl -sf "http://127.0.0.1:$PORT/" >/dev/null 2>&1 && break; sleep 0.1; done
URL="http://127.0.0.1:$PORT"

for slide in root precision rent-vs-buy ladder; do
  if [ "$slide" = root ]; then at="$URL/"; else at="$URL/#/$slide"; fi
  echo "== Lighthouse (mobile preset), ${at#"$URL"}"
  CHROME_PATH=/usr/bin/chromium lighthouse "$at" \
    --chrome-flags="--headless=new --no-sandbox --disable-gpu --disable-dev-shm-usage --disable-background-networking" \
    --only-categories=performance,accessibility,best-practices \
    --output=json --output-path="bench-out/lighthouse-$slide.json" --quiet || true
  node -e '
    const r = require(process.argv[1]);
    for (const [k, c] of Object.entries(r.categories)) console.log(`${k.padEnd(15)} ${Math.round(c.score * 100)}`);
    for (const id of ["first-contentful-paint", "largest-contentful-paint", "total-blocking-time", "cumulative-layout-shift", "speed-index"])
      console.log(`  ${id.padEnd(26)} ${r.audits[id].displayValue}`);
    for (const c of ["accessibility", "best-practices"]) for (const a of r.categories[c].auditRefs)
      if (r.audits[a.id].score !== null && r.audits[a.id].score < 1 && a.weight > 0) console.log(`  failing ${c}: ${a.id}`);
  ' "$PWD/bench-out/lighthouse-$slide.json"
done

echo "== Lighthouse (desktop preset), / (goal CLS <= 0.02)"
CHROME_PATH=/usr/bin/chromium lighthouse "$URL/" --preset=desktop \
  --chrome-flags="--headless=new --no-sandbox --disable-gpu --disable-dev-shm-usage --disable-background-networking" \
  --only-categories=performance --output=json --output-path="bench-out/lighthouse-desktop-root.json" --quiet || true
node -e '
  const r = require(process.argv[1]);
  console.log(`performance     ${Math.round(r.categories.performance.score * 100)}`);
  for (const id of ["largest-contentful-paint", "total-blocking-time", "cumulative-layout-shift"])
    console.log(`  ${id.padEnd(26)} ${r.audits[id].displayValue}`);
' "$PWD/bench-out/lighthouse-desktop-root.json"

echo "== responsiveness (4x CPU slowdown, phone, Read view; reference: bench/reference.html)"
REF_PORT=$((PORT + 1))
PORT=$REF_PORT node e2e/server.mjs bench >/dev/null 2>&1 &
refserver=$!
trap 'kill $server $refserver 2>/dev/null' EXIT
for _ in $(seq 50); do curl -sf "http://127.0.0.1:$REF_PORT/reference.html" >/dev/null 2>&1 && break; sleep 0.1; done
node scripts/responsiveness.mjs "$URL" "http://127.0.0.1:$REF_PORT/reference.html"

echo "== steps (Present view, 1920 x 1080)"
node scripts/steps.mjs "$URL"

echo "== axe-core"
node scripts/axe.mjs "$URL" | tail -n 1

echo "== single file (scripts/single-file.sh: CSS, JS and wasm inlined, opens from file://)"
./scripts/single-file.sh bench-out/llm-notes-explainer.html | sed 's/^[^:]*: //'

echo "== live class: a speaker's key press to a follower's next frame (loopback)"
cargo build --release --locked -p llm-notes-server >bench-out/server-build.log 2>&1 || { cat bench-out/server-build.log; exit 1; }
LIVE_SERVER=target/release/llm-notes-server node scripts/live-latency.mjs

# Each follower is a connection on both ends: raise the open-file limit as
# far as this shell may.
ulimit -n 65536 2>/dev/null || ulimit -n "$(ulimit -Hn)" 2>/dev/null || true

# Starts a release server on a free loopback port with "$@"; sets LIVE_PID,
# LIVE_URL, LIVE_ROOM and LIVE_KEY from what it prints.
start_live() {
  local out
  out=$(mktemp)
  target/release/llm-notes-server --listen 127.0.0.1:0 --dist dist "$@" >"$out" 2>&1 &
  LIVE_PID=$!
  for _ in $(seq 100); do grep -q '^presenter: ' "$out" && break; sleep 0.1; done
  local presenter
  presenter=$(sed -n 's/^presenter: //p' "$out")
  LIVE_URL=$(sed -n 's/^local: //p' "$out")
  LIVE_ROOM=$(sed 's/.*live=\([0-9a-f]*\).*/\1/' <<<"$presenter")
  LIVE_KEY=$(sed 's/.*key=\([0-9a-f]*\).*/\1/' <<<"$presenter")
}

echo "== live class: load, one process (followers on loopback, 30 views 100 ms apart; goal p95 < 100 ms at 5,000)"
for n in 100 1000 5000; do
  start_live
  target/release/live-load --url "$LIVE_URL" --room "$LIVE_ROOM" --key "$LIVE_KEY" \
    --followers "$n" --messages 30 --interval-ms 100 --pid "$LIVE_PID" --timeout-s 120 || true
  kill "$LIVE_PID" 2>/dev/null; wait "$LIVE_PID" 2>/dev/null || true
done

echo "== live class: load, two processes through Redis (speaker's posts to A, followers on B)"
RPORT=$((PORT + 7))
redis-server --port "$RPORT" --bind 127.0.0.1 --save '' --appendonly no >bench-out/redis.log 2>&1 &
redis=$!
for _ in $(seq 50); do redis-cli -p "$RPORT" ping >/dev/null 2>&1 && break; sleep 0.1; done
for n in 100 1000 5000; do
  start_live --redis "redis://127.0.0.1:$RPORT"
  a_pid=$LIVE_PID a_url=$LIVE_URL a_room=$LIVE_ROOM a_key=$LIVE_KEY
  start_live --redis "redis://127.0.0.1:$RPORT"
  b_pid=$LIVE_PID b_url=$LIVE_URL
  target/release/live-load --url "$a_url" --follow-url "$b_url" --room "$a_room" --key "$a_key" \
    --followers "$n" --messages 30 --interval-ms 100 --pid "$a_pid" --pid "$b_pid" --timeout-s 120 || true
  kill "$a_pid" "$b_pid" 2>/dev/null; wait "$a_pid" "$b_pid" 2>/dev/null || true
done
kill "$redis" 2>/dev/null; wait "$redis" 2>/dev/null || true
