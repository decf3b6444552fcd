#!/usr/bin/env bash
# Installs, idempotently, everything the build and the tests need on a fresh
# Debian machine with rustup, node and npm: the wasm32 target, trunk,
# wasm-bindgen-cli (the version pinned in Cargo.toml), wasm-opt (npm binaryen),
# Chromium + ChromeDriver, Firefox ESR + geckodriver, the npm packages of the
# end-to-end tests, and the
# Python package ml_dtypes (reference of the number-format tests).
# Safe to run again: each step checks before it installs.
set -euo pipefail
cd "$(dirname "$0")/.."

TRUNK_VERSION=0.21.14
BINDGEN_VERSION=$(sed -n 's/^wasm-bindgen = "=\([0-9.]*\)".*/\1/p' Cargo.toml)
export PATH="$HOME/.cargo/bin:$PWD/node_modules/.bin:$PATH"

log() { printf '[setup] %s\n' "$*"; }

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  log "adding rust target wasm32-unknown-unknown"
  rustup target add wasm32-unknown-unknown
fi
rustup component list --installed 2>/dev/null | grep -q '^rustfmt' || rustup component add rustfmt
rustup component list --installed 2>/dev/null | grep -q '^clippy' || rustup component add clippy

if ! trunk --version 2>/dev/null | grep -q "$TRUNK_VERSION"; then
  log "installing trunk $TRUNK_VERSION (takes several minutes)"
  cargo install trunk --version "$TRUNK_VERSION" --locked
fi

if ! wasm-bindgen --version 2>/dev/null | grep -q "$BINDGEN_VERSION"; then
  log "installing wasm-bindgen-cli $BINDGEN_VERSION"
  # Not --locked: the registry lacks one of its locked dependencies.
  cargo install wasm-bindgen-cli --version "$BINDGEN_VERSION" --force
fi

# Chromium and its driver for the browser tests; a CJK font so that
# screenshots show the Chinese text.
if [ ! -x /usr/bin/chromium ] || [ ! -x /usr/bin/chromedriver ] || ! fc-list 2>/dev/null | grep -qi 'CJK'; then
  log "installing chromium, chromium-driver and fonts-noto-cjk"
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO=sudo
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium chromium-driver fonts-noto-cjk >/dev/null
fi

# Firefox ESR and geckodriver (crates.io): the single file is also opened
# from file:// in Firefox (e2e/firefox.spec.mjs, over WebDriver).
if [ ! -x /usr/bin/firefox-esr ]; then
  log "installing firefox-esr"
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO=sudo
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq firefox-esr >/dev/null
fi
GECKODRIVER_VERSION=0.37.1
if ! geckodriver --version 2>/dev/null | grep -q "$GECKODRIVER_VERSION"; then
  log "installing geckodriver $GECKODRIVER_VERSION (takes a few minutes)"
  cargo install geckodriver --version "$GECKODRIVER_VERSION" --locked
fi

# redis-server: the live-class server's tests (server/tests/redis.rs) start
# their own, on a free loopback port, to share rooms between two processes.
if [ ! -x /usr/bin/redis-server ]; then
  log "installing redis-server"
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO=sudo
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq redis-server >/dev/null
fi

# npm packages: binaryen (wasm-opt), terser (the JS shim), playwright-core,
# axe-core, lighthouse.
if [ ! -x node_modules/.bin/wasm-opt ] || [ ! -d node_modules/terser ] || [ ! -d node_modules/playwright-core ] \
   || [ ! -d node_modules/@axe-core/playwright ] || [ ! -d node_modules/lighthouse ]; then
  log "installing npm packages"
  if [ -f package-lock.json ]; then npm ci --no-audit --no-fund; else npm install --no-audit --no-fund; fi
fi

# ml_dtypes: the reference the number-format vectors are generated with.
if ! python3 -c 'import ml_dtypes, sys; sys.exit(ml_dtypes.__version__ != "0.6.0")' 2>/dev/null; then
  log "installing ml_dtypes 0.6.0 (PyPI)"
  python3 -m pip install --quiet ml_dtypes==0.6.0
fi

log "ready: $(trunk --version), $(wasm-bindgen --version), wasm-opt $(wasm-opt --version | head -1)"
