import { describe, expect, it } from 'vitest';
import { fitStep, MIN_LIST_ROWS } from '../../src/render/tour-fit';
import { pageLines, type TourBlock } from '../../src/render/tour-wrap';

/** A step with a listing of 40 directories, of which `n` are shown and the rest counted. */
const render = (n: number): TourBlock[] => [
  { kind: 'title', text: 'Step 1/6 · The store before' },
  { kind: 'prose', text: 'The store holds 40 directories.' },
  { kind: 'pre', text: Array.from({ length: Math.min(n, 40) }, (_, i) => `dir-${i + 1}`).join('\n') + (n < 40 ? `\n… and ${40 - n} more: overlay-lab layers lists them` : '') },
  { kind: 'prose', text: 'Every directory is one layer.' },
];

describe('a step fitted to the terminal’s height', () => {
  it('condenses the listing to the longest that fits one screen, saying how many are left', () => {
    const fit = fitStep(render, { cols: 60, room: 12, maxList: 12 });
    expect(fit.pages).toHaveLength(1);
    // title, rule, prose, the rows, "… and N more", prose: 5 lines around the rows.
    expect(fit.listRows).toBe(12 - 5);
    expect(fit.pages[0].length).toBeLessThanOrEqual(12);
    expect(fit.pages[0]).toContain(`… and ${40 - fit.listRows} more: overlay-lab layers lists them`);
  });
  it('keeps the whole listing when it fits, and leaves room for the intro on the first screen', () => {
    expect(fitStep(render, { cols: 60, room: 30, maxList: 12 }).listRows).toBe(12);
    expect(fitStep(render, { cols: 60, room: 30, maxList: 12, firstTaken: 20 }).listRows).toBe(30 - 20 - 5);
  });
  it('pages with the whole listing when even the shortest does not fit, each page under the title', () => {
    const fit = fitStep(render, { cols: 60, room: 4 + MIN_LIST_ROWS, maxList: 12 });
    expect(fit.pages.length).toBeGreaterThan(1);
    expect(fit.listRows).toBe(12);
    for (const p of fit.pages) expect(p.slice(0, fit.head)).toEqual(['Step 1/6 · The store before', '─'.repeat(27)]);
    expect(fit.pages.flatMap((p) => p.slice(fit.head))).toContain('dir-12');
  });
  it('compact: no rule under the title', () => {
    const fit = fitStep(render, { cols: 60, room: 30, maxList: 12, compact: true });
    expect(fit.head).toBe(1);
    expect(fit.pages[0][1]).toBe('The store holds 40 directories.');
  });
});

describe('pages of a step', () => {
  it('never start with the rest of a broken line: the line moves to the next page whole', () => {
    const body = ['a', 'b', 'long line', '    ↪ its rest', '    ↪ more of it', 'c'];
    const pages = pageLines(['T', '─', ...body], 2, 5);
    for (const p of pages) expect(p[2]).not.toMatch(/↪/);
    expect(pages.flatMap((p) => p.slice(2))).toEqual(body);
  });
});
