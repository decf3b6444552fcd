#!/usr/bin/env bash
# The README's main command: installs what is missing, builds the page
# (release) once, then starts the project's server (server/): it serves the
# page on every interface (0.0.0.0:8080; PORT or --listen ADDR:PORT change
# that) and relays a live class. It prints the local and LAN addresses, a
# presenter link and an audience link for a new room, and the audience
# link as a QR code. Other flags go to the server (--help lists them).
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/setup.sh
export PATH="$HOME/.cargo/bin:$PWD/node_modules/.bin:$PATH"
trunk build --release --offline
cargo build --release --locked -p llm-notes-server
exec target/release/llm-notes-server --dist dist "$@"
