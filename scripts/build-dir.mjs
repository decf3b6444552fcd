// What the post_build steps (scripts/post-build.sh) share: the build they
// work on, `DIR` on the command line or Trunk's TRUNK_STAGING_DIR, whether
// Trunk made a debug build (trunk serve), which some steps leave as it is,
// and the names of the JS glue and the wasm in its index.html (also read by
// scripts/single-file.sh).

/** The build's folder; prints `usage` and exits when there is none. */
export function buildDir(usage) {
  const dir = process.argv[2] ?? process.env.TRUNK_STAGING_DIR;
  if (!dir) {
    console.error(`usage: ${usage}`);
    process.exit(2);
  }
  return dir;
}

/** Trunk runs this step for a debug build. */
export const debugBuild = () => Boolean(process.env.TRUNK_PROFILE) && process.env.TRUNK_PROFILE !== 'release';

/** The `<meta name=llm-notes-start>` of a build's index.html (Trunk.toml's
 * `pattern_script`: the file names web/start.js loads): `{ tag, js, wasm }`
 * as written there (relative, maybe with `./`), or null without it. */
export function startMeta(html) {
  const tag = html.match(/<meta\b[^>]*\bname="?llm-notes-start"?[^>]*>/)?.[0];
  if (!tag) return null;
  const attr = (name) => tag.match(new RegExp(`\\bdata-${name}="?([^" >]+)`))?.[1];
  return { tag, js: attr('js'), wasm: attr('wasm') };
}
