// The notebooks: both languages carry the same code and translated prose, the .ipynb files match
// their sources, and every notebook executes on a real tslab kernel (live engine and kernel
// mounts under CI). The runner's own failure reporting is checked on small notebooks made here.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  codeFor, executeNotebook, LANGS, NOTEBOOKS, notebookNames, notebooksUnavailable, parseSource, prepareNotebooks, readSource, runNotebooks, toNotebook, type NotebookResult,
} from '../../scripts/run-notebooks';
import { IN_CI, need } from '../support/env';

type Cell = { cell_type: string; source: string[] | string; outputs?: { output_type: string; data?: Record<string, unknown>; metadata?: Record<string, Record<string, unknown>> }[] };
type Notebook = { cells: Cell[]; metadata: Record<string, unknown> };
const read = (file: string): Notebook => JSON.parse(fs.readFileSync(file, 'utf8'));
const text = (c: Cell) => (Array.isArray(c.source) ? c.source.join('') : c.source);
/** A code cell without its comment lines: what both languages share. */
const code = (c: Cell) => text(c).split('\n').filter((l) => !/^\s*(\/\/|\/\*|\*)/.test(l)).join('\n');

describe('notebooks in pt-BR and en', () => {
  const names = notebookNames();

  it('are four, each in both languages', () => {
    expect(names.length).toBe(4);
    for (const name of names) for (const lang of LANGS) expect(fs.existsSync(path.join(NOTEBOOKS, lang, `${name}.ipynb`)), `${lang}/${name}`).toBe(true);
  });

  for (const name of names) {
    it(`${name}: same code cells (comments in the notebook's language), every markdown cell translated`, () => {
      const pt = read(path.join(NOTEBOOKS, 'pt-BR', `${name}.ipynb`));
      const en = read(path.join(NOTEBOOKS, 'en', `${name}.ipynb`));
      expect(pt.cells.map((c) => c.cell_type)).toEqual(en.cells.map((c) => c.cell_type));
      expect(pt.cells.filter((c) => c.cell_type === 'code').map(code)).toEqual(en.cells.filter((c) => c.cell_type === 'code').map(code));
      // The comments differ: each is written in both languages in the source (// en: … // pt-BR: …).
      const comments = (nb: Notebook) => nb.cells.filter((c) => c.cell_type === 'code').flatMap((c) => text(c).split('\n').filter((l) => /^\s*(\/\/|\/\*)/.test(l)));
      expect(comments(pt).length).toBe(comments(en).length);
      comments(pt).forEach((c, i) => expect(c, 'a code comment left in English').not.toBe(comments(en)[i]));
      const md = pt.cells.map((c, i) => [c, en.cells[i]] as const).filter(([c]) => c.cell_type === 'markdown');
      expect(md.length).toBeGreaterThan(0);
      for (const [p, e] of md) {
        expect(text(p).trim(), 'empty pt-BR markdown').not.toBe('');
        expect(text(e).trim(), 'empty en markdown').not.toBe('');
        expect(text(p), 'a markdown cell left untranslated').not.toBe(text(e));
      }
      expect(pt.metadata.kernelspec).toEqual({ display_name: 'TypeScript', language: 'typescript', name: 'tslab' });
    });

    it(`${name}: the .ipynb files are what the source generates (npm run notebooks -- generate)`, () => {
      const src = readSource(name);
      for (const lang of LANGS) {
        const want = toNotebook(src, lang) as Notebook;
        const have = read(path.join(NOTEBOOKS, lang, `${name}.ipynb`));
        expect(have.cells.map(text)).toEqual(want.cells.map(text));
      }
    });
  }
});

describe('code comments in both languages', () => {
  it('a pt-BR notebook keeps the pt-BR comment lines, an en notebook the en ones', () => {
    const src = "// en: read it\n// pt-BR: leia\nconst a = 'http://x'; /** en: doc */\n/** pt-BR: doc pt */";
    expect(codeFor(src, 'pt-BR')).toBe("// leia\nconst a = 'http://x'; /** en: doc */\n/** doc pt */");
    expect(codeFor('  // en: a\n  // pt-BR: b\nx()', 'en')).toBe('  // a\nx()');
  });

  it('a source with a comment in one language only is refused, with its line', () => {
    const cell = (code: string) => `<!-- cell: code -->\n${code}\n`;
    expect(() => parseSource('t', cell('// only English\nx()'))).toThrow(/t:1: code cell, line 1 has a comment in one language only/);
    expect(() => parseSource('t', cell('// en: a\nx()'))).toThrow(/needs its pt-BR translation/);
    expect(() => parseSource('t', cell('// pt-BR: a\nx()'))).toThrow(/must follow its en original/);
    expect(parseSource('t', cell("// en: a\n// pt-BR: b\nfetch('http://x')\n")).cells).toHaveLength(1);
  });
});

describe('running the notebooks on the tslab kernel', () => {
  const skip = need(notebooksUnavailable());
  let env: NodeJS.ProcessEnv;
  let dir: string;
  beforeAll(() => {
    if (skip) return;
    env = prepareNotebooks({ build: false }); // npm test builds first (pretest)
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'overlay-lab-nb-'));
    // Notebooks made here import the library by name too, as notebooks/ does through its link.
    fs.mkdirSync(path.join(dir, 'node_modules'));
    fs.symlinkSync(path.resolve(__dirname, '..', '..'), path.join(dir, 'node_modules', 'overlay-lab'));
  });

  afterAll(() => {
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  /** A one-language notebook with these code cells, in its own folder. */
  const notebook = (cells: string[]) => {
    const file = path.join(dir, 'en', `t${Math.random().toString(36).slice(2, 8)}.ipynb`);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    const nb = toNotebook({ name: 't', exclusive: false, cells: cells.map((source) => ({ kind: 'code' as const, source })) }, 'en');
    fs.writeFileSync(file, JSON.stringify(nb));
    return file;
  };

  it.skipIf(!!skip)('a failing cell fails the run and its error text is reported', async () => {
    const r = await executeNotebook(notebook(['const a = 1;', "const n: number = 'text';", 'console.log(a)']), path.join(dir, 'out1.ipynb'), env);
    expect(r.ok).toBe(false);
    expect(r.error?.cell).toBe(1);
    expect(r.error?.text).toMatch(/Type 'string' is not assignable to type 'number'/);
  });

  it.skipIf(!!skip)('an exception thrown by a timer after its cell ended fails the run', async () => {
    const r = await executeNotebook(notebook(['1', "setTimeout(() => { throw new Error('late boom'); }, 50);", 'await new Promise((r) => setTimeout(r, 10));']), path.join(dir, 'out2.ipynb'), env);
    expect(r.ok).toBe(false);
    expect(r.error?.late).toBe(true);
    expect(r.error?.text).toMatch(/late boom/);
  });

  it.skipIf(!!skip)('a promise rejected after its cell ended fails the run', async () => {
    const r = await executeNotebook(notebook(["setTimeout(() => Promise.reject(new Error('rejected later')), 20);"]), path.join(dir, 'out3.ipynb'), env);
    expect(r.ok).toBe(false);
    expect(r.error?.text).toMatch(/rejected later/);
  });

  it.skipIf(!!skip)('a clean notebook runs clean and keeps its rich outputs', async () => {
    const out = path.join(dir, 'out4.ipynb');
    const r = await executeNotebook(notebook(["import { display, noteBundle } from 'overlay-lab';\ndisplay(noteBundle('hello'));"]), out, env);
    expect(r).toMatchObject({ ok: true });
    const data = read(out).cells[0].outputs?.[0]?.data ?? {};
    expect(Object.keys(data).sort()).toEqual(['text/html', 'text/plain']);
  });

  let results: NotebookResult[] = [];
  it.skipIf(!!skip)('every notebook executes, in both languages', async () => {
    results = await runNotebooks({ outDir: path.join(dir, 'executed'), build: false, log: () => {} });
    const failed = results.filter((r) => !r.ok).map((r) => `${r.lang}/${r.name}: cell ${r.error?.cell}: ${r.error?.text}`);
    expect(failed).toEqual([]);
    expect(results.length).toBe(notebookNames().length * LANGS.length);
  }, 600_000);

  /** Every overlay-lab metadata record in a notebook's outputs. */
  const facts = (r: NotebookResult) =>
    read(r.output).cells.flatMap((c) => (c.outputs ?? []).map((o) => o.metadata?.['overlay-lab']).filter((m): m is Record<string, unknown> => !!m));

  it.skipIf(!!skip)('the live cells ran live where an engine answers (always under CI), and the kernel cells on a real mount', () => {
    expect(results.length).toBeGreaterThan(0);
    for (const r of results) {
      const f = facts(r);
      expect(f.length, `${r.lang}/${r.name} shows no rich output`).toBeGreaterThan(0);
      const sources = f.map((m) => m.source).filter(Boolean);
      if (r.name.startsWith('01') || r.name.startsWith('04')) {
        expect(sources.length).toBeGreaterThan(0);
        if (IN_CI) expect(new Set(sources), `${r.lang}/${r.name} fell back to the simulated host`).toEqual(new Set(['live']));
      }
      if (r.name.startsWith('01') && sources.includes('live')) {
        // The image has two RUN layers, the container two directories, and the cleanup leaves nothing.
        expect(f.find((m) => m.mineImageLayers !== undefined && (m.mineImageLayers as number) > 0)?.mineImageLayers).toBe(2);
        expect(f.find((m) => (m.mineContainerDirs as number) > 0)?.mineContainerDirs).toBe(2);
        expect(f.find((m) => m.mount !== undefined)?.mount).toBe('mountinfo');
        expect(f.find((m) => m.left !== undefined)).toMatchObject({ left: 0, made: 4 });
      }
      if (r.name.startsWith('03')) {
        const summary = f.find((m) => m.of !== undefined)!;
        if (IN_CI) expect(summary.kernel).toBe('ran');
        if (summary.kernel === 'ran') expect(summary.identical).toBe(summary.of);
      }
    }
  });
});
