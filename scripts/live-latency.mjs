// The live class's latency as a student sees it (scripts/bench.sh): the
// project's server on loopback, a speaker's page and a follower's (each a
// browser context of its own); RUNS times the speaker presses Right or
// Left, and the time from the key press to the follower's next frame
// showing the new step is taken, both read off the same machine's clock.
// Prints p50, p95 and max (goal: under 250 ms on a LAN).
import { launch } from '../e2e/browser.mjs';
import { startServer } from '../e2e/live-server.mjs';

const RUNS = Number(process.env.RUNS ?? 40);
const server = await startServer();
const browser = await launch();
try {
  const open = async (url, viewport) => {
    const context = await browser.newContext({ viewport });
    const page = await context.newPage();
    await page.goto(url);
    await page.waitForSelector('[data-testid=slide]');
    return page;
  };
  const speaker = await open(`${server.presenter}#/precision/2`, { width: 1280, height: 800 });
  const follower = await open(`${server.audience}`, { width: 1280, height: 800 });
  await follower.waitForFunction(() => document.querySelector('[data-testid=live-status]')?.dataset.state === 'following');
  const stepOf = (p) => p.getAttribute('[data-testid=stage] [data-testid=slide]', 'data-step');
  const times = [];
  for (let i = 0; i < RUNS; i++) {
    const before = await stepOf(follower);
    const seen = follower.evaluate((before) => new Promise((ok) => {
      const check = () => {
        const el = document.querySelector('[data-testid=stage] [data-testid=slide]');
        if (el && el.dataset.step !== before) {
          requestAnimationFrame(() => ok(performance.timeOrigin + performance.now()));
          return true;
        }
        return false;
      };
      if (check()) return;
      const mo = new MutationObserver(() => { if (check()) mo.disconnect(); });
      mo.observe(document.body, { subtree: true, childList: true, attributes: true });
      setTimeout(() => ok(Infinity), 5000);
    }), before);
    await speaker.evaluate(() => {
      window.__pressed = new Promise((ok) => addEventListener('keydown',
        () => ok(performance.timeOrigin + performance.now()), { once: true, capture: true }));
    });
    await speaker.keyboard.press(i % 2 === 0 ? 'ArrowRight' : 'ArrowLeft');
    const pressed = await speaker.evaluate(() => window.__pressed);
    times.push((await seen) - pressed);
  }
  times.sort((a, b) => a - b);
  const at = (p) => times[Math.min(times.length - 1, Math.round((times.length - 1) * p))];
  const ms = (v) => (Number.isFinite(v) ? `${v.toFixed(1)} ms` : 'never');
  console.log(`speaker's key press to a follower's next frame, ${RUNS} presses: p50 ${ms(at(0.5))}, p95 ${ms(at(0.95))}, max ${ms(at(1))} (goal 250 ms)`);
} finally {
  await browser.close();
  await server.stop();
}
