// The notebooks: both languages carry the same code and translated prose, the .ipynb files match
// their sources, and every notebook executes on a real tslab kernel (live engine and kernel
// mounts under CI). The runner's own failure reporting is checked on small notebooks made here.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectEngine } from '../../src/docker/engine/dockerode-engine';
import { inspectHost } from '../../src/docker/inspect';
import { runProvenance } from '../../src/docker/engine/provenance';
import { noteBundle, type DisplayBundle } from '../../src/render/notebook-html';
import { hostSourceBundle } from '../../src/render/notebook-docker';
import { provenanceBundle } from '../../src/render/notebook-provenance';
import { docker as dockerCli } from '../support/docker';
import {
  codeCommentProblem, codeFor, EXECUTED, executeNotebook, LANGS, NOTEBOOKS, notebookNames, notebooksUnavailable, parseSource, prepareNotebooks, readSource,
  runNotebooks, stampProvenance, toNotebook, type NotebookResult,
} from '../../scripts/run-notebooks';
import { IN_CI, need } from '../support/env';
import { mermaidBrowserMissing } from '../../src/notebook/mermaid-browser';
import { COURSE, lessonNotebook, type Lesson } from '../../src/course/lessons';
import { EXERCISES, type StoreGrowth } from '../../src/course';

type Output = { output_type: string; data?: Record<string, unknown>; metadata?: Record<string, Record<string, unknown>> };
type Cell = { cell_type: string; source: string[] | string; metadata?: Record<string, unknown>; outputs?: Output[] };
type Notebook = { cells: Cell[]; metadata: Record<string, unknown> };
const read = (file: string): Notebook => JSON.parse(fs.readFileSync(file, 'utf8'));
const text = (c: Cell) => (Array.isArray(c.source) ? c.source.join('') : c.source);
/** A code cell without its comment lines: what both languages share. */
const code = (c: Cell) => text(c).split('\n').filter((l) => !/^\s*(\/\/|\/\*|\*)/.test(l)).join('\n');
/** Everything a notebook's outputs say in plain text, cell by cell. */
const outputText = (nb: Notebook) =>
  nb.cells.map((c) => (c.outputs ?? []).map((o) => [o.data?.['text/plain'], (o as { text?: unknown }).text].flat().filter(Boolean).join('')).join('\n'));
/** The markers a simulated output carries (hostHeader, the runner's banner, the kernel's fallback). */
const SIMULATED_MARKERS = [/SIMULATED/, /SIMULADO/, /simulated host/i, /host simulado/i];
const simulatedMarker = (s: string) => SIMULATED_MARKERS.find((re) => re.test(s));

describe('notebooks in pt-BR and en', () => {
  const names = notebookNames();

  it('are lessons of the course, numbered in its order, each in both languages', () => {
    expect(names.map((n) => n.replace(/^\d+-/, ''))).toEqual([...COURSE]);
    for (const name of names) expect(name).toBe(lessonNotebook(name.replace(/^\d+-/, '') as Lesson));
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

    it(`${name}: the code comments of each notebook are in its own language`, () => {
      const comments = (src: string) => src.split('\n').filter((l) => /^\s*\/\//.test(l));
      for (const c of readSource(name).cells) {
        if (c.kind !== 'code') continue;
        const pt = comments(codeFor(c.source, 'pt-BR'));
        const en = comments(codeFor(c.source, 'en'));
        expect(pt.length > 0, 'a comment in one language only').toBe(en.length > 0);
        if (pt.length) expect(pt.join('\n'), 'a pt-BR comment left in English').not.toBe(en.join('\n'));
      }
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

describe('the lab page description in a source', () => {
  it('is read per language, goes into each notebook, and is refused in one language only or after a cell', () => {
    const head = '<!-- notebook: {"exclusive": true} -->\n<!-- description pt-BR: Monta uma pilha. -->\n<!-- description en: Mounts a stack. -->\n';
    const src = parseSource('x', `${head}<!-- cell: code -->\nrun();\n`);
    expect(src.description).toEqual({ 'pt-BR': 'Monta uma pilha.', en: 'Mounts a stack.' });
    expect(src.exclusive).toBe(true);
    expect(((toNotebook(src, 'en') as Notebook).metadata['overlay-lab'] as { description: string }).description).toBe('Mounts a stack.');
    expect(() => parseSource('x', '<!-- description en: Mounts a stack. -->\n<!-- cell: code -->\nrun();\n')).toThrow('x: a description in en only');
    expect(() => parseSource('x', '<!-- cell: code -->\nrun();\n<!-- description en: Late. -->\n')).toThrow(/x:3: a description goes before the first/);
  });

  for (const name of notebookNames()) {
    it(`${name}: has a description in both languages, in whole sentences`, () => {
      const d = readSource(name).description;
      for (const lang of LANGS) expect(d?.[lang], lang).toMatch(/^[A-ZÀ-Ú].{40,158}[.!?]$/);
    });
  }
});

describe('code comments per language in the shared code cells', () => {
  const cell = '// en: mounts the stack\n// pt-BR: monta a pilha\nconst lab = mount();\n  // en: and shows it\n  // pt-BR: e mostra\n  show(lab);';

  it('each notebook gets its own comments, untagged, and the same code', () => {
    expect(codeFor(cell, 'pt-BR')).toBe('// monta a pilha\nconst lab = mount();\n  // e mostra\n  show(lab);');
    expect(codeFor(cell, 'en')).toBe('// mounts the stack\nconst lab = mount();\n  // and shows it\n  show(lab);');
    expect(codeCommentProblem(cell)).toBeUndefined();
  });

  it('tagged lines of a block comment too, not a comment after code', () => {
    const src = "// en: read it\n// pt-BR: leia\nconst a = 'http://x'; /** en: doc */\n/** pt-BR: doc pt */";
    expect(codeFor(src, 'pt-BR')).toBe("// leia\nconst a = 'http://x'; /** en: doc */\n/** doc pt */");
    expect(codeFor('  // en: a\n  // pt-BR: b\nx()', 'en')).toBe('  // a\nx()');
  });

  it('refuses a comment both notebooks would share, a trailing one, and a comment in one language only', () => {
    expect(codeCommentProblem('// mounts the stack\nmount();')).toMatch(/line 1 has a comment in one language only/);
    expect(codeCommentProblem('mount(); // the stack')).toMatch(/line 1 has a comment in one language only/);
    expect(codeCommentProblem('/** Mounts. */\nmount();')).toMatch(/line 1 has a comment in one language only/);
    expect(codeCommentProblem('mount();\n// en: mounts\nshow();')).toMatch(/line 2: an en comment needs its pt-BR translation/);
    expect(codeCommentProblem('mount();\n// pt-BR: monta\nshow();')).toMatch(/line 2: a pt-BR comment must follow its en original/);
    expect(codeCommentProblem("fetch('https://example.org/x'); const s = ' // not a comment';")).toBeUndefined();
  });

  it('parseSource refuses such a cell, naming the source line of the cell', () => {
    const cell = (code: string) => `<!-- cell: code -->\n${code}\n`;
    expect(() => parseSource('t', cell('// only English\nx()'))).toThrow(/t:1: code cell, line 1 has a comment in one language only/);
    expect(() => parseSource('t', cell('// en: a\nx()'))).toThrow(/needs its pt-BR translation/);
    expect(() => parseSource('t', cell('// pt-BR: a\nx()'))).toThrow(/must follow its en original/);
    expect(parseSource('t', cell("// en: a\n// pt-BR: b\nfetch('http://x')\n")).cells).toHaveLength(1);
  });
});

describe('the committed executed notebooks (what the site is built from)', () => {
  const copies = LANGS.flatMap((lang) => notebookNames().map((name) => ({ lang, name, file: path.join(EXECUTED, lang, `${name}.ipynb`) })));

  for (const { lang, name, file } of copies) {
    it(`${lang}/${name}: a live provenance block (overlay2 engine, kernel, date) and no simulated output`, () => {
      expect(fs.existsSync(file), `${file} is missing: run npm run notebooks`).toBe(true);
      const nb = read(file);
      const meta = nb.metadata['overlay-lab'] as { lang?: string; provenance?: Record<string, unknown> & { docker?: Record<string, unknown> | null } };
      expect(meta.lang).toBe(lang);
      const p = meta.provenance;
      expect(p, 'no provenance record in metadata["overlay-lab"]').toBeDefined();
      expect(p!.live).toBe(true);
      expect(p!.simulatedCells).toEqual([]);
      expect(p!.docker?.storageDriver).toBe('overlay2');
      expect(p!.kernel).toMatch(/^\d+\.\d+/);
      expect(Number.isNaN(Date.parse(String(p!.date)))).toBe(false);
      expect(nb.cells.some((c) => (c.metadata?.['overlay-lab'] as { banner?: string } | undefined)?.banner), 'a simulated-run banner').toBe(false);
      outputText(nb).forEach((t, i) => expect(simulatedMarker(t), `cell ${i + 1} shows a simulated output: ${t.slice(0, 200)}`).toBeUndefined());
      for (const c of nb.cells) for (const o of c.outputs ?? []) expect(o.metadata?.['overlay-lab']?.source ?? 'live').toBe('live');
    });
  }
});

describe('stampProvenance: simulated copies are refused, or published under a banner', () => {
  let dir: string;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'overlay-lab-stamp-'));
  });
  afterAll(() => {
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  /** An executed copy as tslab writes it: each bundle one display_data output of its own code cell. */
  const executed = (bundles: DisplayBundle[], lang: 'pt-BR' | 'en') => {
    const cells: Cell[] = [
      { cell_type: 'markdown', metadata: {}, source: '# t' },
      ...bundles.map((b) => ({
        cell_type: 'code',
        metadata: {},
        source: 'display(b)',
        outputs: [{ output_type: 'display_data', data: { 'text/plain': b['text/plain'], 'text/html': b['text/html'] ?? '' }, metadata: (b.meta ? { 'overlay-lab': b.meta } : {}) as Output['metadata'] }],
      })),
    ];
    const file = path.join(dir, `${lang}-${Math.random().toString(36).slice(2, 8)}.ipynb`);
    fs.writeFileSync(file, JSON.stringify({ cells, metadata: { 'overlay-lab': { lang } }, nbformat: 4, nbformat_minor: 5 }));
    return file;
  };
  // A host that fell back for a real reason: no engine at this socket.
  const noEngine = { DOCKER_HOST: 'unix:///nonexistent/overlay-lab-test.sock' };
  const simulatedHost = async (lang: 'pt-BR' | 'en') => hostSourceBundle(await inspectHost({ simulated: 'fallback', env: noEngine }), lang);
  const provenance = async () => provenanceBundle(await runProvenance({ engine: connectEngine(noEngine) }), 'en');

  it('refuses a copy with a simulated cell, naming the cell and the reason in the user’s language', async () => {
    const file = executed([await provenance(), await simulatedHost('pt-BR')], 'pt-BR');
    const before = fs.readFileSync(file, 'utf8');
    const pt = stampProvenance(file, 'pt-BR', false, 'pt-BR');
    expect(pt).toMatch(/não gravado em notebooks\/executed: a célula 3 caiu no host simulado \(/);
    expect(pt).toContain('--allow-simulated');
    const en = stampProvenance(file, 'pt-BR', false, 'en');
    expect(en).toMatch(/not written to notebooks\/executed: cell 3 fell back to the simulated host \(/);
    // The reason is the host's own, in the user's language.
    const host = await inspectHost({ simulated: 'fallback', env: noEngine });
    expect(pt).toContain(host.simulatedBecause!.render('pt-BR'));
    expect(en).toContain(host.simulatedBecause!.render('en'));
    expect(fs.readFileSync(file, 'utf8'), 'a refused copy is left as it was').toBe(before);
  });

  it('--allow-simulated publishes it under a banner in the notebook’s language, with live: false', async () => {
    for (const lang of ['pt-BR', 'en'] as const) {
      const file = executed([await provenance(), await simulatedHost(lang)], lang);
      expect(stampProvenance(file, lang, true, 'en')).toBeUndefined();
      const nb = read(file);
      expect((nb.cells[0].metadata?.['overlay-lab'] as { banner?: string }).banner).toBe('simulated');
      expect(text(nb.cells[0])).toMatch(lang === 'pt-BR' ? /EXECUÇÃO SIMULADA.*3/ : /SIMULATED RUN.*3/);
      const p = (nb.metadata['overlay-lab'] as { provenance: { live: boolean; simulatedCells: { cell: number }[] } }).provenance;
      expect(p.live).toBe(false);
      expect(p.simulatedCells.map((c) => c.cell)).toEqual([3]);
    }
  });

  it('stamps a copy without simulated cells live, and refuses one without a provenance block', async () => {
    const live = executed([await provenance(), noteBundle('ok')], 'en');
    expect(stampProvenance(live, 'en', false, 'en')).toBeUndefined();
    expect((read(live).metadata['overlay-lab'] as { provenance: { live: boolean } }).provenance.live).toBe(true);
    const bare = executed([noteBundle('ok')], 'pt-BR');
    expect(stampProvenance(bare, 'pt-BR', false, 'pt-BR')).toMatch(/a primeira célula de código não mostrou o bloco de procedência/);
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

  const noBrowser = skip ?? need(mermaidBrowserMissing());
  it.skipIf(!!noBrowser)(`a diagram is drawn to SVG while the notebook runs, unless OVERLAY_LAB_DRAW=off${noBrowser ? ` (skipped: ${noBrowser})` : ''}`, async () => {
    const cell = "import { display, mermaidBundle } from 'overlay-lab';\ndisplay(mermaidBundle('flowchart LR\\n  upper --> lower', 'upper over lower'));";
    const drawn = path.join(dir, 'out5.ipynb');
    expect(await executeNotebook(notebook([cell]), drawn, { ...env, OVERLAY_LAB_DRAW: undefined })).toMatchObject({ ok: true });
    const svg = String(read(drawn).cells[0].outputs?.[0]?.data?.['image/svg+xml'] ?? '');
    expect(svg).toMatch(/^<svg[\s\S]*upper[\s\S]*lower[\s\S]*<\/svg>$/);
    const text = path.join(dir, 'out6.ipynb');
    expect(await executeNotebook(notebook([cell]), text, { ...env, OVERLAY_LAB_DRAW: 'off' })).toMatchObject({ ok: true });
    expect(Object.keys(read(text).cells[0].outputs?.[0]?.data ?? {}).sort()).toEqual(['text/markdown', 'text/plain']);
  }, 300_000);

  // The collection runs once, as the suite's state (beforeAll); each check below reads it, so none depends on another.
  describe('the whole collection, executed once', () => {
    let results: NotebookResult[] = [];
    beforeAll(async () => {
      if (skip) return;
      results = await runNotebooks({ outDir: path.join(dir, 'executed'), build: false, log: () => {} });
    }, 900_000);

    it.skipIf(!!skip)('every notebook executes, in both languages', () => {
      const failed = results.filter((r) => !r.ok).map((r) => `${r.lang}/${r.name}: cell ${r.error?.cell}: ${r.error?.text}`);
      expect(failed).toEqual([]);
      expect(results.length).toBe(notebookNames().length * LANGS.length);
    });

    /** Every overlay-lab metadata record in a notebook's outputs. */
    const facts = (r: NotebookResult) =>
      read(r.output).cells.flatMap((c) => (c.outputs ?? []).map((o) => o.metadata?.['overlay-lab']).filter((m): m is Record<string, unknown> => !!m));

    it.skipIf(!!skip)('the live cells ran live where an engine answers (always under CI), and the kernel cells on a real mount', () => {
      expect(results.length).toBeGreaterThan(0);
      for (const r of results) {
        const f = facts(r);
        expect(f.length, `${r.lang}/${r.name} shows no rich output`).toBeGreaterThan(0);
        const sources = f.map((m) => m.source).filter(Boolean);
        if (r.name.endsWith('seed-lab') || r.name.endsWith('real-image') || r.name.endsWith('container-lifecycle')) {
          expect(sources.length).toBeGreaterThan(0);
          if (IN_CI) expect(new Set(sources), `${r.lang}/${r.name} fell back to the simulated host`).toEqual(new Set(['live']));
        }
        if (r.name.endsWith('seed-lab') && sources.includes('live')) {
          // The pull either brought ubuntu (its layers counted by the engine) or says why not.
          const pull = f.find((m) => m.pull !== undefined)!;
          expect(['arrived', 'was-here', 'failed']).toContain(pull.pull);
          if (pull.pull === 'failed') expect(pull.failure).toBeTruthy();
          else expect(pull.layers as number).toBeGreaterThan(0);
          // The built image has two RUN layers, the container two directories, and the cleanup leaves nothing.
          expect(cellFacts(r, "'build'").find((m) => m.mineImageLayers !== undefined)?.mineImageLayers).toBe(2);
          expect(cellFacts(r, "'exec'").find((m) => m.mineContainerDirs !== undefined)?.mineContainerDirs).toBe(2);
          expect(f.find((m) => m.mount !== undefined)?.mount).toBe('mountinfo');
          // The exercises' facts come from the same run: the helper's pair, the build's two layers.
          const facts = (id: string) => JSON.parse(f.find((m) => m.exercise === id && m.part === 'verdict')!.facts as string) as StoreGrowth;
          expect(facts('seed-lab/run-dirs').added.map((d) => d.kind).sort()).toEqual(['container-layer', 'init-layer']);
          expect(facts('seed-lab/build-dirs').added.map((d) => d.kind)).toEqual(['image-layer', 'image-layer']);
          const pulledDirs = pull.pull === 'arrived' ? (pull.newDirs as number) : 0;
          expect(f.find((m) => m.left !== undefined)).toMatchObject({ left: 0, made: 4 + pulledDirs });
        }
        if (r.name.endsWith('container-lifecycle') && sources.includes('live')) {
          // Three exercises, checked in order; the steps' directories and mounts; commit's whiteout; nothing left.
          expect(f.filter((m) => m.exercise && m.part === 'verdict').map((m) => m.exercise)).toEqual(['container-lifecycle/volume-survives', 'container-lifecycle/create-dirs', 'container-lifecycle/commit-whiteout']);
          expect(f.find((m) => m.after === 'yes,no')).toMatchObject({ lands: 'volume,upperdir', onDisk: 'yes,yes' });
          expect(f.filter((m) => m.steps !== undefined).pop()).toMatchObject({ steps: 'docker create,docker start,docker stop,docker rm', added: '2,0,0,0', removed: '0,0,0,2', mounted: 'no,yes,no,no' });
          expect(f.find((m) => m.whiteouts !== undefined)).toMatchObject({ whiteouts: 1, sameAsUpper: true });
          expect(f.find((m) => m.store !== undefined)?.store).toBe('overlay2');
          expect(f.find((m) => m.layersEqual !== undefined)?.images as number).toBeGreaterThan(0);
          expect(f.find((m) => m.left !== undefined)).toMatchObject({ left: 0 });
        }
        if (r.name.endsWith('simulation-vs-kernel')) {
          const summary = f.find((m) => m.of !== undefined)!;
          if (IN_CI) expect(summary.kernel).toBe('ran');
          if (summary.kernel === 'ran') {
            expect(summary.identical).toBe(summary.of);
            expect(summary.release, 'the summary names the kernel it compared against').toBe(os.release());
          }
        }
      }
    });

    it.skipIf(!!skip)('every exercise of a lesson asks its question and checks it, with facts from the run', () => {
      expect(results.length).toBeGreaterThan(0);
      for (const r of results) {
        const lesson = r.name.replace(/^\d+-/, '');
        const marks = facts(r).filter((m) => typeof m.exercise === 'string');
        for (const e of EXERCISES.filter((x) => x.lesson === lesson)) {
          expect(marks.some((m) => m.exercise === e.id && m.part === 'question'), `${r.lang}/${r.name}: ${e.id} asks nothing`).toBe(true);
          const verdict = marks.find((m) => m.exercise === e.id && m.part === 'verdict');
          expect(typeof verdict?.facts, `${r.lang}/${r.name}: ${e.id} has no facts`).toBe('string');
        }
      }
    });

    /** The overlay-lab facts of the outputs of the cells whose source contains `needle`. */
    const cellFacts = (r: NotebookResult, needle: string) =>
      read(r.output)
        .cells.filter((c) => c.cell_type === 'code' && text(c).includes(needle))
        .flatMap((c) => (c.outputs ?? []).map((o) => o.metadata?.['overlay-lab']).filter((m): m is Record<string, unknown> => !!m));

    it.skipIf(!!skip)('live outputs name this host’s own overlay2 directories and carry no simulated marker', () => {
      expect(results.length).toBeGreaterThan(0);
      for (const r of results) {
        const nb = read(r.output);
        const p = (nb.metadata['overlay-lab'] as { provenance?: { live: boolean; docker: { rootDir: string } | null } }).provenance;
        expect(p, `${r.lang}/${r.name}: no provenance`).toBeDefined();
        if (IN_CI) expect(p!.live, `${r.lang}/${r.name} is not live`).toBe(true);
        if (!p!.live || !p!.docker) continue;
        outputText(nb).forEach((t, i) => expect(simulatedMarker(t), `${r.lang}/${r.name} cell ${i + 1}: ${t.slice(0, 200)}`).toBeUndefined());
        if (!(r.name.endsWith('seed-lab') || r.name.endsWith('real-image'))) continue;
        const store = path.join(p!.docker.rootDir, 'overlay2');
        const onDisk = new Set(fs.readdirSync(store));
        const all = outputText(nb).join('\n');
        // Directories of the lab's base images, read from the engine (not from the library) and on disk.
        const dirsOf = (image: string) => {
          const data = JSON.parse(dockerCli('image', 'inspect', image, '--format', '{{json .GraphDriver.Data}}')) as { UpperDir: string; LowerDir?: string };
          return [data.UpperDir, ...(data.LowerDir ?? '').split(':').filter(Boolean)].map((d) => path.basename(path.dirname(d)));
        };
        if (r.name.endsWith('seed-lab')) {
          const named = [...new Set(all.match(/\b[0-9a-f]{64}(?:-init)?\b/g) ?? [])];
          expect(named.filter((id) => onDisk.has(id)).length, `${r.lang}/${r.name} names none of ${store}'s directories`).toBeGreaterThan(0);
          for (const id of dirsOf('overlay-lab/busybox:1')) expect(named, `the busybox base's directory ${id}`).toContain(id);
          // The seed's slip, live: the helper's pair, named in full, twins, in its own ls, and gone after docker rm.
          const pair = cellFacts(r, 'HELPER').find((m) => m.upperDir !== undefined)!;
          expect(pair, 'no -init pair shown').toBeDefined();
          expect(pair.upperDir).toMatch(/^[0-9a-f]{64}$/);
          expect(pair.initDir).toBe(`${pair.upperDir}-init`);
          expect(pair).toMatchObject({ twins: true, listed: true });
          expect(named).toEqual(expect.arrayContaining([pair.upperDir, pair.initDir]));
          expect(cellFacts(r, 'HELPER').find((m) => m.pairGone !== undefined)?.pairGone).toBe(true);
          expect(onDisk.has(pair.upperDir as string) || onDisk.has(pair.initDir as string)).toBe(false);
        } else {
          const shortIds = new Set(all.match(/\b[0-9a-f]{12}\b/g) ?? []);
          for (const id of dirsOf('overlay-lab/layers:1')) {
            expect(onDisk.has(id)).toBe(true);
            expect(shortIds.has(id.slice(0, 12)), `${r.lang}/${r.name} does not show layer directory ${id}`).toBe(true);
          }
        }
      }
    });

    it.skipIf(!!skip)('the container-lifecycle lesson speaks the notebook’s language in its exercises and tables', () => {
      for (const r of results.filter((x) => x.name.endsWith('container-lifecycle'))) {
        const all = outputText(read(r.output)).join('\n');
        if (r.lang === 'pt-BR') {
          expect(all).toMatch(/Exercício: prever, depois conferir[\s\S]*Quantos diretórios/);
          expect(all).toContain('Por quê:');
          expect(all).not.toMatch(/Predict:|Why:|lands in|after docker rm/);
        } else {
          expect(all).toMatch(/Exercise: predict, then check[\s\S]*How many directories/);
          expect(all).not.toMatch(/Preveja:|Por quê:|vai para|depois do docker rm/);
        }
      }
    });

    it.skipIf(!!skip)('the kernel-agreement notebook shows every scenario title and verdict in the notebook’s language', () => {
      for (const r of results.filter((x) => x.name.endsWith('simulation-vs-kernel'))) {
        const all = outputText(read(r.output)).join('\n');
        if (r.lang === 'pt-BR') {
          expect(all).toContain('links físicos, index=off');
          expect(all).not.toMatch(/hard links|then mv|identical:|scenarios identical/);
        } else {
          expect(all).toContain('hard links, index=off');
          expect(all).not.toMatch(/links físicos|idênticos/);
        }
      }
    });
  });
});
