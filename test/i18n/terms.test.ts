/*
 * The term sheet holds: the glossary shows exactly it, and no pt-BR text of the material (the
 * 'pt-BR' strings in src/, the pt-BR cells of the notebook sources, the pt-BR site and README)
 * uses a word the sheet avoids, gives a masculine term a feminine article, or reads as translated.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { TERMS, type Term } from '../../src/i18n/terms';
import { glossaryLines } from '../../src/render/glossary';

const ROOT = resolve(__dirname, '../..');

function walk(dir: string, pattern: RegExp): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...walk(p, pattern));
    else if (pattern.test(name)) out.push(p);
  }
  return out.sort();
}

/** A piece of pt-BR text and where it is (file and line). */
interface Passage {
  where: string;
  text: string;
}

const lineOf = (source: string, index: number) => source.slice(0, index).split('\n').length;

/** The 'pt-BR' string values of the TypeScript sources ('…', "…" or `…`, possibly on the next line). */
function sourceStrings(): Passage[] {
  const out: Passage[] = [];
  for (const file of [...walk(join(ROOT, 'src'), /\.tsx?$/), ...walk(join(ROOT, 'website/src'), /\.tsx?$/), ...walk(join(ROOT, 'scripts'), /\.ts$/)]) {
    const src = readFileSync(file, 'utf8');
    for (const m of src.matchAll(/'pt-BR':\s*(['"`])((?:\\.|(?!\1)[^\\])*)\1/g)) {
      out.push({ where: `${relative(ROOT, file)}:${lineOf(src, m.index ?? 0)}`, text: m[2] });
    }
  }
  return out;
}

/** The pt-BR markdown cells of the notebook sources, one passage per line. */
function notebookCells(): Passage[] {
  const out: Passage[] = [];
  for (const file of walk(join(ROOT, 'notebooks/source'), /\.md$/)) {
    let inPt = false;
    readFileSync(file, 'utf8').split('\n').forEach((line, i) => {
      const mark = /^<!-- cell: (.*) -->$/.exec(line);
      if (mark) inPt = mark[1] === 'markdown pt-BR';
      else if (inPt) out.push({ where: `${relative(ROOT, file)}:${i + 1}`, text: line });
    });
  }
  return out;
}

/** The pt-BR pages of the site and the Portuguese README, without code blocks, one passage per line. */
function pages(): Passage[] {
  const files = [...walk(join(ROOT, 'website/docs'), /\.mdx?$/), join(ROOT, 'README.pt-BR.md')];
  const out: Passage[] = [];
  for (const file of files) {
    let fence = false;
    readFileSync(file, 'utf8').split('\n').forEach((line, i) => {
      if (/^\s*(```|~~~)/.test(line)) fence = !fence;
      // A glossary entry opens with the word itself, and the English one beside it.
      else if (!fence && !/^(import|export) /.test(line)) out.push({ where: `${relative(ROOT, file)}:${i + 1}`, text: line.replace(/^- \*\*[^*]+\*\*:/, '') });
    });
  }
  // The site's UI strings in Portuguese.
  for (const file of walk(join(ROOT, 'website/i18n/pt-BR'), /\.json$/)) {
    const json = JSON.parse(readFileSync(file, 'utf8')) as Record<string, { message: string }>;
    for (const [id, v] of Object.entries(json)) out.push({ where: `${relative(ROOT, file)}#${id}`, text: v.message });
  }
  return out;
}

/** The loanwords of the sheet: written as code (`upperdir`), they still take the sheet's article. */
const LOANWORDS = new Set((Object.values(TERMS) as Term[]).filter((t) => t['pt-BR'].word === t.en.word).map((t) => t.en.word));

/** Code spans (but a bare loanword), URLs and HTML/JSX tags name things; they are not prose. */
const prose = (s: string) =>
  s
    .replace(/`([^`]*)`/g, (_, code: string) => (LOANWORDS.has(code.replace(/\/$/, '')) ? code : ' '))
    .replace(/https?:\/\/\S+/g, ' ')
    .replace(/<[^>]+>/g, ' ');

/** A pattern as a whole word (Unicode letters: \b does not know "à" or "ç"). */
const whole = (p: string) => new RegExp(`(?<![\\p{L}\\p{N}_])(?:${p})(?![\\p{L}\\p{N}_])`, 'giu');

interface Rule {
  re: RegExp;
  use: string;
}

const FEMININE = 'a|as|da|das|na|nas|pela|pelas|à|às|uma|umas|esta|essa|nesta|nessa|desta|dessa|toda|outra';

/** Every rule the sheet implies, plus phrases that read as translated. */
function rules(): Rule[] {
  const out: Rule[] = [];
  for (const t of Object.values(TERMS) as Term[]) {
    const pt = t['pt-BR'];
    for (const a of pt.avoid ?? []) out.push({ re: whole(a.pattern), use: a.use });
    // The English loanwords are masculine: "o upperdir", never "a upperdir".
    if (pt.article === 'o' && pt.word === t.en.word && /^[\w-]+$/.test(pt.word)) {
      out.push({ re: whole(`(?:${FEMININE})\\s+${pt.word}s?`), use: `${pt.article} ${pt.word}` });
    }
  }
  out.push(
    { re: whole('(na|da) partida|pilha de partida'), use: 'ao iniciar, quando o contêiner inicia; a pilha inicial' },
    { re: whole('(pode|podem) partir'), use: 'pode iniciar' },
    { re: whole('nomeia de volta'), use: 'cujo arquivo link traz o nome dele' },
    // "camada(s)", "chamado(a)": a plural or a gender the count or the noun should decide (src/i18n/format.ts).
    { re: /\p{L}\((s|es|is|a|as|ões)\)/gu, use: 'plural()/{n, plural, …} ou uma frase sem gênero' },
    // A percentage is written by formatPercent ("10,5 %"), not glued to a placeholder.
    { re: /\}%/g, use: 'formatPercent' },
  );
  return out;
}

function hits(passages: Passage[]): string[] {
  const rs = rules();
  const out: string[] = [];
  for (const p of passages) {
    const text = prose(p.text);
    for (const r of rs) for (const m of text.matchAll(r.re)) out.push(`${p.where}: «${m[0]}» → ${r.use}`);
  }
  return out;
}

function glossaryFile(dir: string): string {
  const mdx = join(dir, 'glossary.mdx');
  return existsSync(mdx) ? mdx : join(dir, 'glossary.md');
}

describe('the term sheet', () => {
  it('has both languages, a definition of one sentence or two, and one pt-BR word per thing', () => {
    const words = new Map<string, string>();
    for (const [id, t] of Object.entries(TERMS) as [string, Term][]) {
      for (const lang of ['pt-BR', 'en'] as const) {
        expect(t[lang].word, `${id} ${lang}`).toMatch(/\S/);
        expect(t[lang].definition, `${id} ${lang}`).toMatch(/^[A-ZÀ-Ú`].*\.$/);
        expect(t[lang].definition, `${id} ${lang}: one line`).not.toMatch(/\n/);
      }
      expect(words.get(t['pt-BR'].word), `${id} and ${words.get(t['pt-BR'].word)} share "${t['pt-BR'].word}"`).toBeUndefined();
      words.set(t['pt-BR'].word, id);
    }
    expect(words.size).toBeGreaterThanOrEqual(25);
  });

  it('does not break its own rules in its definitions', () => {
    const defs = (Object.entries(TERMS) as [string, Term][]).map(([id, t]) => ({ where: `TERMS.${id}`, text: t['pt-BR'].definition }));
    expect(hits(defs)).toEqual([]);
  });

  it('the rules catch what they are for', () => {
    const probe = (text: string) => hits([{ where: 'probe', text }]);
    expect(probe('a pasta overlay2/l')).toHaveLength(1);
    expect(probe('nada é fundido ainda')).toHaveLength(1);
    expect(probe('no mesmo sistema de arquivos da upperdir')).toHaveLength(1);
    expect(probe('o arquivo é montado aqui na partida')).toHaveLength(1);
    expect(probe('{n} camada(s)')).toHaveLength(1);
    expect(probe('ocupa {pct}% de uma página')).toHaveLength(1);
    expect(probe('o kernel aceita 500 lowers')).toHaveLength(1);
    expect(probe('a `workdir` fica no mesmo sistema de arquivos')).toHaveLength(1);
    expect(probe('o upperdir, o diretório `a upperdir` em código, a camada gravável, o `opts.lowers`')).toEqual([]);
  });
});

describe('the glossary page shows exactly the term sheet', () => {
  for (const [lang, dir] of [
    ['pt-BR', join(ROOT, 'website/docs')],
    ['en', join(ROOT, 'website/i18n/en/docusaurus-plugin-content-docs/current')],
  ] as const) {
    it(lang, () => {
      const file = glossaryFile(dir);
      const listed = readFileSync(file, 'utf8').split('\n').filter((l) => l.startsWith('- '));
      // On a failure the expected list is printed whole: paste it into the page.
      expect(listed.join('\n'), relative(ROOT, file)).toBe(glossaryLines(lang).join('\n'));
    });
  }
});

describe('pt-BR texts use the term sheet', () => {
  it("the 'pt-BR' strings of src/, website/src and scripts/", () => {
    const p = sourceStrings();
    expect(p.length).toBeGreaterThan(400);
    expect(hits(p)).toEqual([]);
  });

  it('the pt-BR cells of the notebook sources', () => {
    const p = notebookCells();
    expect(p.length).toBeGreaterThan(100);
    expect(hits(p)).toEqual([]);
  });

  it('the pt-BR site pages, UI strings and README', () => {
    const p = pages();
    expect(p.length).toBeGreaterThan(300);
    expect(hits(p)).toEqual([]);
  });
});
