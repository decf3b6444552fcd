// What the Present stage shows, for the Present spec and the bench: the
// step, what leaves the stage or scrolls, type below its size, chart
// labels that touch or cross the chart's edge, and how full the step is; and a walk through every step with Right.

/** What the stage shows now: its step, what leaves it, and type too small. */
export function measure({ prosePx, minPx }) {
  const stage = document.querySelector('[data-testid=stage]');
  const box = stage.getBoundingClientRect();
  const scale = box.width / 1920;
  const slide = stage.querySelector('[data-testid=slide]');
  const skip = (el) => el.closest('.sr-only') || (el.closest('details:not([open])') && !el.closest('summary'));
  const out = [];
  const small = [];
  let bottom = box.top;
  for (const el of stage.querySelectorAll('*')) {
    if (skip(el)) continue;
    const r = el.getBoundingClientRect();
    if (r.width === 0 && r.height === 0) continue;
    const cs = getComputedStyle(el);
    if (r.bottom > box.bottom + 1 || r.right > box.right + 1 || r.left < box.left - 1 || r.top < box.top - 1) {
      out.push(`${el.tagName.toLowerCase()}.${el.getAttribute('class') ?? ''} by ${Math.round(Math.max(r.bottom - box.bottom, r.right - box.right))}px`);
    }
    if (el.tagName !== 'svg' && !el.closest('svg') && /(auto|scroll)/.test(cs.overflowY + cs.overflowX)
      && (el.scrollHeight > el.clientHeight + 1 || el.scrollWidth > el.clientWidth + 1)) {
      out.push(`${el.tagName.toLowerCase()} scrolls`);
    }
    // How full: the lowest element without children (containers stretch).
    if (el.children.length === 0) bottom = Math.max(bottom, r.bottom);
  }
  // The pager floats over the stage's bottom corner: no text under it.
  const pager = document.querySelector('.pager')?.getBoundingClientRect();
  const under = [];
  // Every text's size as at 1920 x 1080 (the stage's own pixels).
  const sizes = [];
  const walker = document.createTreeWalker(stage, NodeFilter.SHOW_TEXT);
  const secondary = '.hint, .cite, cite, figcaption, caption, table, .label, legend, label, select, button, summary, '
    + '.formula, code, small, .legend, .step-head, .readout dt, .missing-figure, .ladder-end, .changed-mark, svg, '
    + '[class*="-tag"], [class*="-tier"], [class*="-src"], [class*="-scale"], [class*="legend"], [class*="-badge"], '
    + '.presets, .notice, .swatch';
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    if (!n.textContent.trim()) continue;
    const el = n.parentElement;
    if (skip(el) || el.closest('svg')) continue;
    if (pager && pager.width > 0) {
      const range = document.createRange();
      range.selectNodeContents(n);
      for (const r of range.getClientRects()) {
        if (r.width > 0 && r.right > pager.left && r.left < pager.right && r.bottom > pager.top && r.top < pager.bottom) {
          under.push(`"${n.textContent.trim().slice(0, 30)}"`);
          break;
        }
      }
    }
    const px = parseFloat(getComputedStyle(el).fontSize);
    sizes.push(px / scale);
    const prose = el.closest('p, li, blockquote, dd') && !el.closest(secondary);
    const want = (prose ? prosePx : minPx) * scale;
    if (px < want - 0.05) small.push(`"${n.textContent.trim().slice(0, 30)}" ${px.toFixed(1)}px < ${want.toFixed(1)}`);
  }
  // No two labels of a chart touch: the boxes of its texts (a rotated
  // axis title's too) do not overlap.
  const touching = [];
  // And no text of a chart crosses the chart's edge.
  const crossing = [];
  for (const svg of stage.querySelectorAll('svg')) {
    if (skip(svg)) continue;
    const texts = [...svg.querySelectorAll('text')]
      .filter((t) => t.textContent.trim())
      .map((t) => [t.textContent.trim(), t.getBoundingClientRect()])
      .filter(([, r]) => r.width > 0);
    const edge = svg.getBoundingClientRect();
    for (const [a, r] of texts) {
      if (r.left < edge.left - 1 || r.right > edge.right + 1 || r.top < edge.top - 1 || r.bottom > edge.bottom + 1) {
        crossing.push(`"${a.slice(0, 24)}"`);
      }
    }
    for (let i = 0; i < texts.length; i++) {
      for (let j = i + 1; j < texts.length; j++) {
        const [a, r] = texts[i];
        const [b, q] = texts[j];
        if (r.left < q.right && q.left < r.right && r.top < q.bottom && q.top < r.bottom) {
          touching.push(`"${a.slice(0, 24)}" and "${b.slice(0, 24)}"`);
        }
      }
    }
  }
  // The texts of the charts too (SVG text scales with its chart).
  for (const t of stage.querySelectorAll('svg text')) {
    if (skip(t) || !t.textContent.trim()) continue;
    const r = t.getBoundingClientRect();
    // The chart's scale to the screen (a rotated title's too: the length of
    // its matrix's first column).
    const m = t.getScreenCTM();
    if (r.height > 0) sizes.push(parseFloat(getComputedStyle(t).fontSize) * (m ? Math.hypot(m.a, m.b) : 1) / scale);
  }
  sizes.sort((a, b) => a - b);
  // Every control the stage shows is a touch target 44 px high (in px of a
  // 1920 x 1080 stage): buttons, lists, fields, sliders, the labels of
  // radio buttons and boxes (the label is the target), a table's summary.
  const targets = [];
  for (const el of stage.querySelectorAll('button, select, input[type=range], input[type=text], label.radio, summary')) {
    if (skip(el)) continue;
    const r = el.getBoundingClientRect();
    if (r.width === 0 || r.height === 0) continue;
    if (r.height / scale < 44 - 0.5) targets.push(`${el.tagName.toLowerCase()} "${(el.textContent || el.id || '').trim().slice(0, 24)}" ${(r.height / scale).toFixed(1)}px`);
  }
  const big = [...stage.querySelectorAll('.big')].map((e) => parseFloat(getComputedStyle(e).fontSize));
  return {
    id: `${slide.dataset.slide}/${slide.dataset.step}`,
    part: slide.dataset.part,
    out, small, under, touching, crossing, targets,
    // The smallest and the median text, in px of a 1920 x 1080 stage.
    minText: sizes[0] ?? 0,
    medianText: sizes.length ? sizes[Math.floor(sizes.length / 2)] : 0,
    bigOk: big.every((px) => px >= prosePx * scale * 1.25 - 0.05),
    fill: (bottom - box.top) / box.height,
    stageFits: box.width <= innerWidth + 0.5 && box.height <= innerHeight + 0.5 && (Math.abs(box.width - innerWidth) < 1 || Math.abs(box.height - innerHeight) < 1),
    progress: document.querySelector('[data-testid=progress]')?.textContent ?? '',
  };
}

/** The step shown: `slug/step`. */
export const stepId = (page) => page.evaluate(() => {
  const s = document.querySelector('[data-testid=slide]');
  return `${s.dataset.slide}/${s.dataset.step}`;
});

/** Walks every step of the deck with Right; calls `each` on each. */
export async function walk(page, each) {
  const seen = [];
  for (;;) {
    await page.evaluate(() => document.getAnimations().forEach((a) => a.finish()));
    const id = await stepId(page);
    if (seen.includes(id)) break;
    seen.push(id);
    await each(id);
    await page.keyboard.press('ArrowRight');
    await page.waitForFunction((was) => {
      const s = document.querySelector('[data-testid=slide]');
      return `${s.dataset.slide}/${s.dataset.step}` !== was || s.dataset.slide === 'references';
    }, id);
  }
  return seen;
}

