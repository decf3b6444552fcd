// The handout: every step of the deck on its own landscape page, in the
// state the step sets, with its link; charts as SVG; light; no chrome.
// Printed to PDF by Chromium (page.pdf with the page's own @page size):
// the page count is the step count, every chart of the deck is in it, and
// nothing leaves its page. Also: the notes variant, the toolbar's Handout,
// and the browser's own print (beforeprint / afterprint) from any view.
import assert from 'node:assert/strict';
import { setup, open, spec, clean, walkSlides, STEP_COUNTS } from './harness.mjs';

const env = setup();
const STEPS = [...STEP_COUNTS.values()].reduce((a, b) => a + b, 0);
/** Lays the page out as on the paper: print media at the width and height
 * A4 landscape leaves inside its 8 mm margins (281 x 194 mm at 96 px an
 * inch), as `page.pdf` does. */
const asPrinted = async (page) => {
  await page.setViewportSize({ width: Math.floor(281 * 96 / 25.4), height: Math.floor(194 * 96 / 25.4) });
  await page.emulateMedia({ media: 'print' });
};
const pdfPages = (pdf) => (pdf.toString('latin1').match(/\/Type\s*\/Page(?!s)/g) ?? []).length;

/** Every chart's test id on every slide, from the Read view. */
async function deckCharts() {
  const { page, context } = await open(env, '#/intro?lang=en');
  const ids = new Set();
  await walkSlides(page, async () => {
    for (const id of await page.$$eval('svg.chart[data-testid]', (els) => els.map((e) => e.dataset.testid))) ids.add(id);
  });
  await context.close();
  return [...ids];
}

/** Elements (and pages) that leave their handout page, under print media. */
const outside = () => {
  const mm = 96 / 25.4;
  const out = [];
  for (const p of document.querySelectorAll('[data-testid=handout-page]')) {
    const where = `${p.dataset.slide}/${p.dataset.step}`;
    // A4 landscape less its 8 mm margins: 281 x 194 mm for the stage and
    // what is under it.
    const stage = p.querySelector('.stage').getBoundingClientRect();
    const page = p.getBoundingClientRect();
    if (page.height > 194 * mm + 1 || stage.width > 281 * mm + 1) out.push(`${where}: ${Math.round(stage.width / mm)} mm wide, ${Math.round(page.height / mm)} mm high`);
    for (const e of p.querySelectorAll('.stage *')) {
      if (e.closest('details:not([open])') && !e.closest('summary')) continue;
      const r = e.getBoundingClientRect();
      if (r.width === 0 || r.height === 0) continue;
      if (r.left < stage.left - 1 || r.right > stage.right + 1 || r.top < stage.top - 1 || r.bottom > stage.bottom + 1) {
        out.push(`${where}: ${e.tagName.toLowerCase()}.${e.getAttribute('class') ?? ''} leaves the stage`);
        break;
      }
    }
    // The notes: within the paper's width and the page, at 9 pt or more.
    for (const e of p.querySelectorAll('.speaker, .speaker *')) {
      const r = e.getBoundingClientRect();
      if (r.width === 0 || r.height === 0) continue;
      if (r.right > page.left + 281 * mm + 1 || r.bottom > page.top + 194 * mm + 1) {
        out.push(`${where}: the notes' ${e.tagName.toLowerCase()} run ${Math.round((r.right - page.left) / mm)} mm across, ${Math.round((r.bottom - page.top) / mm)} mm down`);
        break;
      }
      const pt = parseFloat(getComputedStyle(e).fontSize) * 0.75;
      if (e.textContent.trim() && pt < 9 - 0.01) {
        out.push(`${where}: notes at ${pt.toFixed(1)} pt`);
        break;
      }
    }
    const cols = [...p.querySelectorAll('.speaker .col')].map((c) => c.getBoundingClientRect());
    if (cols.length === 2 && !(cols[1].left >= cols[0].right - 1 && Math.abs(cols[1].top - cols[0].top) < 1)) {
      out.push(`${where}: the notes' two languages are not side by side`);
    }
  }
  return out;
};

/** Ids that occur more than once, and references (`for`, `aria-*`) on a
 * handout page that name no element of that page. */
const idProblems = () => {
  const seen = new Map();
  for (const e of document.querySelectorAll('[id]')) seen.set(e.id, (seen.get(e.id) ?? 0) + 1);
  const repeated = [...seen].filter(([, n]) => n > 1).map(([id, n]) => `${id} x${n}`);
  const dangling = [];
  for (const p of document.querySelectorAll('[data-testid=handout-page]')) {
    for (const attr of ['for', 'aria-labelledby', 'aria-describedby', 'aria-controls']) {
      for (const e of p.querySelectorAll(`[${attr}]`)) {
        for (const id of e.getAttribute(attr).split(/\s+/).filter(Boolean)) {
          if (!p.querySelector(`[id="${id}"]`)) dangling.push(`${p.dataset.slide}/${p.dataset.step} ${attr}=${id}`);
        }
      }
    }
  }
  return { repeated: repeated.slice(0, 10), dangling: dangling.slice(0, 10) };
};

spec('the handout: a landscape page per step, every chart, nothing cut, light', async (keep) => {
  const charts = await deckCharts();
  assert.ok(charts.length >= 5, `the deck has charts: ${charts}`);
  const { page, log } = await open(env, '#/intro?lang=en&theme=dark&print=steps', { view: null });
  keep(page);
  await page.waitForSelector('[data-testid=handout]');
  assert.equal(await page.locator('[data-testid=handout-page]').count(), STEPS, 'a page per step');
  assert.equal(await page.getAttribute('html', 'data-theme'), 'light', 'light whatever the theme');
  const inHandout = await page.$$eval('[data-testid=handout] svg.chart[data-testid]', (els) => els.map((e) => e.dataset.testid));
  for (const id of charts) assert.ok(inHandout.includes(id), `chart ${id} in the handout`);
  // The pages repeat the slides, not their ids: each reference names an
  // element of its own page (a label its own page's slider).
  const ids = await page.evaluate(idProblems);
  assert.deepEqual([ids.repeated, ids.dangling], [[], []], 'no id twice, no reference to another page');
  assert.equal(await page.locator('[id^="slide-title--h"]').count(), STEPS, "each page's title has an id of its own");
  const label = page.locator('[data-testid=handout-page][data-slide=bandwidth] label[for^=bw-gb]').first();
  assert.equal(await page.locator(`[id="${await label.getAttribute('for')}"]`).count(), 1, 'the label names one slider');
  // Each page holds its step's link; a keyframe's values are in it.
  const links = await page.$$eval('[data-testid=handout-link]', (els) => els.map((e) => e.textContent));
  assert.equal(new Set(links).size, STEPS, 'each page its own link');
  // A keyframe step's link is the bare step, which opens its values.
  assert.ok(links.some((l) => /#\/precision\/7$/.test(l)), 'a keyframe step links the bare step');
  await asPrinted(page);
  assert.deepEqual(await page.evaluate(outside), []);
  const pdf = await page.pdf({ preferCSSPageSize: true, printBackground: true });
  assert.equal(pdfPages(pdf), STEPS, 'the PDF has a page per step');
  assert.ok(pdf.toString('latin1').includes('/MediaBox'), 'a PDF');
  clean(log);
});

spec('the handout with the speaker notes under each step', async (keep) => {
  const { page, log } = await open(env, '#/intro?lang=en&print=notes', { view: null });
  keep(page);
  await page.waitForSelector('[data-testid=handout]');
  assert.equal(await page.locator('[data-testid=handout-page] [data-testid=speaker-notes]').count(), STEPS);
  assert.ok(await page.isChecked('[data-testid=handout-notes]'));
  await asPrinted(page);
  assert.deepEqual(await page.evaluate(outside), []);
  assert.equal(pdfPages(await page.pdf({ preferCSSPageSize: true })), STEPS);
  // The choice goes into the link, and back out.
  await page.emulateMedia({ media: 'screen' });
  await page.uncheck('[data-testid=handout-notes]');
  await page.waitForFunction(() => location.hash.includes('print=steps'));
  assert.equal(await page.locator('[data-testid=handout-page] [data-testid=speaker-notes]').count(), 0);
  // Notes added after the first render get their page's ids too.
  await page.check('[data-testid=handout-notes]');
  await page.waitForFunction(() => location.hash.includes('print=speaker'));
  assert.equal(await page.locator('[data-testid=handout-page] [data-testid=speaker-notes]').count(), STEPS);
  const ids = await page.evaluate(idProblems);
  assert.deepEqual([ids.repeated, ids.dangling], [[], []], 'no id twice with the notes added');
  clean(log);
});

spec('the printed handout has a page per step in zh, en and both (Chinese first), with and without the notes', async (keep) => {
  for (const lang of ['zh', 'en', 'zh-en']) {
    for (const print of ['steps', 'notes']) {
      const { page, log, context } = await open(env, `#/intro?lang=${lang}&print=${print}`, { view: null });
      keep(page);
      await page.waitForSelector('[data-testid=handout]');
      assert.equal(await page.locator('[data-testid=handout-page] [data-testid=speaker-notes]').count(), print === 'notes' ? STEPS : 0);
      await asPrinted(page);
      assert.deepEqual(await page.evaluate(outside), [], `${lang} ${print}`);
      assert.equal(pdfPages(await page.pdf({ preferCSSPageSize: true })), STEPS, `${lang} ${print}: a PDF page per step`);
      clean(log);
      await context.close();
    }
  }
});

spec('the toolbar opens the handout, Back returns; the browser\'s print shows it from any view', async (keep) => {
  const { page, log } = await open(env, '#/memory?lang=zh', { view: 'read' });
  keep(page);
  await page.click('[data-testid=open-handout]');
  await page.waitForSelector('[data-testid=handout]');
  assert.match(await page.textContent('[data-testid=handout] h1'), /讲义/);
  await page.click('[data-testid=handout-close]');
  await page.waitForSelector('[data-testid=slide][data-slide=memory]');
  assert.equal(await page.locator('[data-testid=handout]').count(), 0);
  // Ctrl+P: the browser fires beforeprint, prints, fires afterprint.
  await page.evaluate(() => dispatchEvent(new Event('beforeprint')));
  await page.waitForSelector('[data-testid=handout]');
  assert.equal(await page.locator('[data-testid=handout-page]').count(), STEPS);
  await page.evaluate(() => dispatchEvent(new Event('afterprint')));
  await page.waitForSelector('[data-testid=slide][data-slide=memory]');
  assert.ok(!(await page.evaluate(() => location.hash)).includes('print='), 'printing leaves the link alone');
  clean(log);
});
