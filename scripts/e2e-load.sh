#!/usr/bin/env bash
# Runs the end-to-end suite RUNS times in a row (default 3) while one core is
# kept busy (`yes > /dev/null`), against the release build and the single
# file, as `scripts/test.sh` builds them: tests that lean on timing show up
# here. Prints each run's time and failures; exits non-zero if any run
# failed. Usage: scripts/e2e-load.sh [RUNS] [SPEC...]
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/setup.sh >/dev/null
export PATH="$HOME/.cargo/bin:$PWD/node_modules/.bin:$PATH"

runs=${1:-3}
shift || true
specs=("$@")
[ ${#specs[@]} -eq 0 ] && specs=(e2e/*.spec.mjs)

if [ ! -f dist/index.html ] || [ ! -f dist-single/llm-notes-explainer.html ]; then
  trunk build --release --offline
  ./scripts/single-file.sh >/dev/null
fi

yes >/dev/null &
busy=$!
trap 'kill $busy 2>/dev/null || true' EXIT
echo "busy loop on one core: pid $busy ($(nproc) cores)"

failed=0
for i in $(seq 1 "$runs"); do
  log=$(mktemp)
  start=$(date +%s)
  if node --test --test-concurrency=1 "${specs[@]}" >"$log" 2>&1; then status=passed; else status=FAILED; failed=1; fi
  secs=$(( $(date +%s) - start ))
  pass=$(sed -n 's/^# pass //p' "$log"); fail=$(sed -n 's/^# fail //p' "$log")
  printf 'run %d: %s in %dm%02ds (pass %s, fail %s)\n' "$i" "$status" $((secs / 60)) $((secs % 60)) "$pass" "$fail"
  grep -E '^not ok' "$log" | sed 's/^/  /' || true
  rm -f "$log"
done
exit $failed
