#!/bin/sh
# Trunk's post_build hook (Trunk.toml), with TRUNK_STAGING_DIR set: the JS
# files Trunk leaves unminified first (release builds), then the prerendered
# title slide (which loads them), then the Content-Security-Policy (release
# builds), then the service worker, which hashes every file of the build,
# index.html with them. (Trunk starts the hooks of one stage together, so
# they are one hook, in this order.)
set -e
node scripts/minify-js.mjs
node scripts/prerender.mjs
node scripts/csp.mjs
node scripts/service-worker.mjs
