/* Bilingual by construction: every page has its twin, every UI string its translation. */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(__dirname, '../..');
const PT_DOCS = join(ROOT, 'website/docs');
const EN_DOCS = join(ROOT, 'website/i18n/en/docusaurus-plugin-content-docs/current');

function files(dir: string, pattern: RegExp): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (pattern.test(name)) out.push(relative(dir, p));
    }
  };
  walk(dir);
  return out.sort();
}

/** Translation ids used in the site's code: <Translate id="..."> and translate({ id: '...' }). */
function usedIds(): Map<string, string> {
  const ids = new Map<string, string>();
  for (const f of files(join(ROOT, 'website/src'), /\.(tsx?|jsx?)$/)) {
    const src = readFileSync(join(ROOT, 'website/src', f), 'utf8');
    for (const m of src.matchAll(/<Translate\s+id="([^"]+)"/g)) ids.set(m[1], f);
    for (const m of src.matchAll(/translate\(\{\s*id:\s*'([^']+)'/g)) ids.set(m[1], f);
  }
  return ids;
}

const codeJson = (locale: string) => JSON.parse(readFileSync(join(ROOT, 'website/i18n', locale, 'code.json'), 'utf8')) as Record<string, { message: string }>;

describe('site i18n', () => {
  it('every doc page has its twin in the other language', () => {
    const pt = files(PT_DOCS, /\.mdx?$/).map((f) => f.replace(/\.mdx?$/, ''));
    const en = files(EN_DOCS, /\.mdx?$/).map((f) => f.replace(/\.mdx?$/, ''));
    expect(pt.length).toBeGreaterThan(5);
    expect(en).toEqual(pt);
  });

  it('every twin has its own text, not a copy of the other language', () => {
    for (const f of files(PT_DOCS, /\.mdx?$/)) {
      expect(readFileSync(join(EN_DOCS, f), 'utf8'), f).not.toBe(readFileSync(join(PT_DOCS, f), 'utf8'));
    }
  });

  it('every UI string of the site has an English translation and a Portuguese entry', () => {
    const ids = usedIds();
    expect(ids.size).toBeGreaterThan(40);
    const en = codeJson('en');
    const pt = codeJson('pt-BR');
    const missing = [...ids.keys()].filter((id) => !en[id]?.message || !pt[id]?.message);
    expect(missing).toEqual([]);
    // An English message equal to the Portuguese default means nobody translated it (a few words are the same in both).
    const SAME = new Set(['playground.page.title', 'playground.merged.size']);
    const untranslated = [...ids.keys()].filter((id) => !SAME.has(id) && en[id].message === pt[id].message);
    expect(untranslated).toEqual([]);
  });

  it('the navbar and footer labels are translated', () => {
    for (const f of ['navbar.json', 'footer.json']) {
      const en = JSON.parse(readFileSync(join(ROOT, 'website/i18n/en/docusaurus-theme-classic', f), 'utf8')) as Record<string, { message: string }>;
      for (const [k, v] of Object.entries(en)) if (/Laborat|Conceitos|Glossário/.test(k)) expect(v.message, k).not.toMatch(/Laborat|Conceitos|Glossário/);
    }
  });
});
