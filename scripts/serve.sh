#!/usr/bin/env bash
# Installs what is missing, then builds and serves the page at
# http://127.0.0.1:8080/ (rebuilding on change). PORT overrides the port.
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/setup.sh
export PATH="$HOME/.cargo/bin:$PWD/node_modules/.bin:$PATH"
exec trunk serve --release --offline --address 127.0.0.1 --port "${PORT:-8080}"
