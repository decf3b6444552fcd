#!/usr/bin/env bash
# For working on the page: installs what is missing, then builds and serves
# it with Trunk's development server at http://127.0.0.1:8080/, rebuilding
# on every change. PORT overrides the port. (The live class needs the
# project's own server: ./scripts/serve.sh.)
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/setup.sh
export PATH="$HOME/.cargo/bin:$PWD/node_modules/.bin:$PATH"
exec trunk serve --release --offline --address 127.0.0.1 --port "${PORT:-8080}"
