// Starts the project's own server (server/, `llm-notes-server`) on a free
// loopback port for the live-class tests and the bench, and reads the links
// it prints. The binary is target/debug's unless LIVE_SERVER names another
// (scripts/test.sh builds it; scripts/bench.sh uses the release one).
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { createInterface } from 'node:readline';

const ROOT = resolve(import.meta.dirname, '..');
export const BINARY = process.env.LIVE_SERVER ?? resolve(ROOT, 'target/debug/llm-notes-server');

/** Starts the server on `listen` (default: loopback, a free port) with
 * dist/ and `args`; resolves once it has printed its links, to { url,
 * presenter, audience, room, key, lines, stop }. `stop()` kills it and
 * resolves when it has exited. */
export async function startServer({ listen = '127.0.0.1:0', args = [] } = {}) {
  if (!existsSync(BINARY)) throw new Error(`no server binary at ${BINARY}: cargo build -p llm-notes-server`);
  const all = ['--listen', listen, '--dist', resolve(ROOT, 'dist'), ...args];
  const child = spawn(BINARY, all, { stdio: ['ignore', 'pipe', 'pipe'] });
  const lines = [];
  const stderr = [];
  child.stderr.on('data', (d) => stderr.push(String(d)));
  const exited = new Promise((ok) => child.on('exit', (code, signal) => ok({ code, signal })));
  const links = await new Promise((ok, fail) => {
    const found = {};
    const rl = createInterface({ input: child.stdout });
    rl.on('line', (line) => {
      lines.push(line);
      const m = /^(local|presenter|audience): (\S+)$/.exec(line);
      if (m) found[m[1]] = m[2];
      if (found.local && found.presenter && found.audience) ok(found);
    });
    exited.then(({ code }) => fail(new Error(`server exited (${code}): ${stderr.join('')}`)));
    setTimeout(() => fail(new Error(`server printed no links in 20 s: ${lines.join('\n')} ${stderr.join('')}`)), 20000);
  });
  const p = new URL(links.presenter);
  return {
    url: links.local.replace(/\/$/, ''),
    presenter: links.presenter,
    audience: links.audience,
    room: p.searchParams.get('live'),
    key: p.searchParams.get('key'),
    lines,
    stderr,
    child,
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await exited;
    },
  };
}
