/*
 * Every string written in both languages names the same values in both: a translation that drops
 * {n} hides a number, one that adds {n} fails at run time (fill throws on a missing key).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { placeholderNames } from '../../src/i18n/format';

const ROOT = resolve(__dirname, '../..');
const walk = (d: string): string[] =>
  readdirSync(d).flatMap((n) => {
    const p = join(d, n);
    return statSync(p).isDirectory() ? walk(p) : /\.tsx?$/.test(n) ? [p] : [];
  });

/** A quoted string ('…', "…" or `…`), its quote as group `q`. */
const quoted = (q: string) => `(?<${q}>['"\`])(?<${q}s>(?:\\\\.|(?!\\k<${q}>)[^\\\\])*)\\k<${q}>`;
/** `en: …, 'pt-BR': …` or the other way round, as object literals hold them. */
const PAIRS = [
  new RegExp(`\\ben:\\s*${quoted('a')}\\s*,\\s*'pt-BR':\\s*${quoted('b')}`, 'g'),
  new RegExp(`'pt-BR':\\s*${quoted('b')}\\s*,\\s*en:\\s*${quoted('a')}`, 'g'),
];

describe('placeholders in both languages', () => {
  it('every en/pt-BR pair of src/ and scripts/ names the same keys', () => {
    const mismatched: string[] = [];
    let pairs = 0;
    for (const file of [...walk(join(ROOT, 'src')), ...walk(join(ROOT, 'scripts')), ...walk(join(ROOT, 'website/src'))]) {
      const src = readFileSync(file, 'utf8');
      for (const re of PAIRS)
        for (const m of src.matchAll(re)) {
          // JSDoc examples abbreviate with "…".
          if (m.groups!.bs === '…' || m.groups!.as === '…') continue;
          pairs++;
          const en = placeholderNames(m.groups!.as);
          const pt = placeholderNames(m.groups!.bs);
          if (en.join() !== pt.join()) mismatched.push(`${relative(ROOT, file)}: en {${en}} pt-BR {${pt}} in "${m.groups!.as.slice(0, 60)}"`);
        }
    }
    expect(pairs).toBeGreaterThan(400);
    expect(mismatched).toEqual([]);
  });
});
