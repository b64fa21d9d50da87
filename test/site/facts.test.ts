/* The hand-written pages state limits through <Fact/> (src/union/limits.ts), never as typed numbers. */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FACTS } from '../../src/union/limits';

const ROOT = resolve(__dirname, '../..');
const DIRS = [join(ROOT, 'website/docs'), join(ROOT, 'website/i18n/en/docusaurus-plugin-content-docs/current')];
// The figures the material states (and one more than each limit), as a reader would type them.
const TYPED = /(?<![\w.,-])(125|126|128|500|501|4095|4096|4\.09[56]|4,09[56]|26|64)(?![\w-]|[.,]\d)/g;

/** Hand-written pages only: the lab pages are generated from the notebooks (scripts/docs-gen.ts). */
function pages(dir: string): string[] {
  const out: string[] = [];
  for (const n of readdirSync(dir)) {
    const p = join(dir, n);
    if (statSync(p).isDirectory()) out.push(...pages(p));
    else if (/\.mdx?$/.test(n) && !/^\d/.test(n)) out.push(p);
  }
  return out;
}

/** Prose without what may keep its digits: code blocks, inline code, quotations, links' targets, front matter. */
function prose(src: string): string {
  return src
    .replace(/^---\n[\s\S]*?\n---\n/, '')
    .replace(/^```[\s\S]*?^```/gm, '')
    .replace(/`[^`\n]*`/g, '')
    .replace(/<Fact name="\w+"\/>/g, '')
    // A quotation may run over a line break.
    .replace(/"[^"]{0,300}"|“[^”]{0,300}”/g, '')
    .replace(/\]\([^)]*\)/g, ']')
    .replace(/\b\d+ KiB\b/g, '');
}

describe('stated limits on the site', () => {
  it('every <Fact name> on a page is a limit of the library', () => {
    const names = DIRS.flatMap(pages).flatMap((p) => [...readFileSync(p, 'utf8').matchAll(/<Fact name="(\w+)"\/>/g)].map((m) => m[1]));
    expect(names.length).toBeGreaterThan(20);
    expect(names.filter((n) => !(n in FACTS))).toEqual([]);
  });

  it('no hand-written page types a limit', () => {
    const typed: string[] = [];
    for (const p of DIRS.flatMap(pages)) {
      prose(readFileSync(p, 'utf8')).split('\n').forEach((line) => {
        for (const m of line.matchAll(TYPED)) typed.push(`${relative(ROOT, p)}: ${m[1]} in "${line.trim().slice(0, 100)}"`);
      });
    }
    expect(typed).toEqual([]);
  });
});
