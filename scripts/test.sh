#!/usr/bin/env bash
# Runs every check CI runs, installing what is missing first:
# format, clippy (native and wasm32, warnings denied), the docs (warnings
# denied), native tests (the page's crate and the live-class server's),
# browser tests (wasm-bindgen-test in headless Chromium), the release build
# and its size budget (scripts/size-budget.mjs),
# the single file (scripts/single-file.sh), and the end-to-end tests
# (Playwright) against them.
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/setup.sh
export PATH="$HOME/.cargo/bin:$PWD/node_modules/.bin:$PATH"

step() { printf '\n== %s\n' "$*"; }

step "format"
cargo fmt --all -- --check

step "clippy (native: the page's crate and the server)"
cargo clippy --workspace --all-targets --locked -- -D warnings

step "clippy (wasm32)"
cargo clippy --all-targets --locked --target wasm32-unknown-unknown -- -D warnings

step "docs (cargo doc, warnings denied, native and wasm32)"
RUSTDOCFLAGS="-D warnings" cargo doc --no-deps --lib --locked --workspace
RUSTDOCFLAGS="-D warnings" cargo doc --no-deps --lib --locked --target wasm32-unknown-unknown

step "reference vectors are the output of their script (ml_dtypes 0.6.0)"
vectors=$(mktemp -d)
python3 scripts/gen_format_vectors.py "$vectors" >/dev/null
diff -r --exclude=README.md "$vectors" tests/vectors
rm -rf "$vectors"

step "native tests (the page's crate; the server's, with its binary on loopback)"
cargo test --workspace --locked
# The binary the live-class e2e tests start (e2e/live-server.mjs).
cargo build --locked -p llm-notes-server

step "browser tests (headless Chromium)"
CHROMEDRIVER=/usr/bin/chromedriver cargo test --locked --target wasm32-unknown-unknown --test web

step "release build"
trunk build --release --offline

step "size budget (gzip total of the release page, bench/size-budget.json)"
node scripts/size-budget.mjs

step "single file (dist-single/, for the e2e test from file://)"
./scripts/single-file.sh

step "end-to-end tests (Playwright, release build)"
node --test --test-concurrency=1 e2e/*.spec.mjs
