// What the post_build steps (scripts/post-build.sh) share: the build they
// work on, `DIR` on the command line or Trunk's TRUNK_STAGING_DIR, and
// whether Trunk made a debug build (trunk serve), which some steps leave as
// it is.

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
