// The notebooks: generated from their bilingual sources, executed headless on the tslab kernel.
//
//   npm run notebooks                    build the library, register the kernel, run every notebook,
//                                        store the executed copies in notebooks/executed/<lang>/
//   npm run notebooks -- generate        notebooks/source/*.md -> notebooks/{pt-BR,en}/*.ipynb
//   npm run notebooks -- setup           only build, link and register the kernel (to open them in JupyterLab)
//   npm run notebooks -- --only 02 --lang en
//   npm run notebooks -- --allow-simulated   publish copies whose cells fell back to the simulated
//                                        host (each then opens with a "simulated run" banner)
//   npm run notebooks -- diagrams        draw the diagrams of the executed copies again (no re-run)
//
// Every Mermaid diagram of an executed copy is drawn to SVG by Mermaid in Chromium and stored
// beside its text (image/svg+xml, and text/html when the diagram shares its output with a
// table), so GitHub, nbviewer, VS Code and the classic Notebook show it too.
//
// Every executed copy carries its provenance (engine, storage driver, kernel, arch, date, live or
// simulated) in metadata["overlay-lab"].provenance, read from the provenance block its first
// code cell displays. Without --allow-simulated a copy with a simulated cell is not written.
//
// A cell error fails the run and prints that cell's error text; so does an exception raised
// after a cell ended (scripts/run-notebooks.py explains how).
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { plural } from '../src/i18n/format';
import { pickLang, type Lang } from '../src/i18n/lang';
import { say } from '../src/i18n/format';
import { NOTEBOOK_META_KEY } from '../src/notebook/display';
import { simulatedRunText } from '../src/render/notebook-provenance';
import { notebookProvenance } from '../src/render/notebook-record';
import { outputDiagrams, withDrawnDiagrams } from '../src/render/notebook-diagrams';
import { mermaidBrowserMissing, openMermaidBrowser, type MermaidBrowser } from '../src/notebook/mermaid-browser';

export const ROOT = path.resolve(__dirname, '..');
export const NOTEBOOKS = path.join(ROOT, 'notebooks');
export const SOURCES = path.join(NOTEBOOKS, 'source');
export const EXECUTED = path.join(NOTEBOOKS, 'executed');
/** The project-local Jupyter prefix the tslab kernel is registered in (ignored by git). */
export const JUPYTER_PREFIX = path.join(ROOT, 'tmp', 'jupyter');
export const JUPYTER_PATH = path.join(JUPYTER_PREFIX, 'share', 'jupyter');
export const PYTHON = '/usr/bin/python3';
export const LANGS = ['pt-BR', 'en'] as const;
export type NotebookLang = (typeof LANGS)[number];

/** One cell of a bilingual source. */
export type SourceCell = { kind: 'code'; source: string } | { kind: 'markdown'; 'pt-BR': string; en: string };

/** A notebook's source: its cells and options. */
export interface NotebookSource {
  name: string;
  /** Reads or changes the Docker engine: never run alongside another exclusive notebook. */
  exclusive: boolean;
  /** The lab page's meta description in each language (whole sentences, for search results and link previews). */
  description?: Record<NotebookLang, string>;
  cells: SourceCell[];
}

const MARK = /^<!-- (cell: (?:markdown (?:pt-BR|en)|code)|notebook: .*|description (?:pt-BR|en): .*) -->$/;

/**
 * Parses a bilingual source: `<!-- cell: markdown pt-BR -->`, then `<!-- cell: markdown en -->`
 * with its translation, `<!-- cell: code -->` for a code cell shared by both languages (its
 * comments tagged per language, see codeFor); optionally a first line
 * `<!-- notebook: {"exclusive": true} -->`, and before the first cell the lab page's description,
 * `<!-- description pt-BR: … -->` and `<!-- description en: … -->` (both or none).
 */
export function parseSource(name: string, text: string): NotebookSource {
  const blocks: { mark: string; lines: string[]; line: number }[] = [];
  let options: { exclusive?: boolean } = {};
  const description: Partial<Record<NotebookLang, string>> = {};
  text.split('\n').forEach((line, i) => {
    const m = MARK.exec(line);
    const d = m && /^description (pt-BR|en): (.*)$/.exec(m[1]);
    if (d) {
      if (blocks.length) throw new Error(`${name}:${i + 1}: a description goes before the first <!-- cell: ... --> mark`);
      description[d[1] as NotebookLang] = d[2].trim();
    } else if (m && m[1].startsWith('notebook: ')) options = JSON.parse(m[1].slice('notebook: '.length));
    else if (m) blocks.push({ mark: m[1], lines: [], line: i + 1 });
    else if (blocks.length) blocks[blocks.length - 1].lines.push(line);
    else if (line.trim()) throw new Error(`${name}:${i + 1}: text before the first <!-- cell: ... --> mark`);
  });
  const body = (b: { lines: string[] }) => b.lines.join('\n').trim();
  const cells: SourceCell[] = [];
  for (let i = 0; i < blocks.length; i++) {
    const b = blocks[i];
    if (b.mark === 'cell: code') cells.push({ kind: 'code', source: body(b) });
    else if (b.mark === 'cell: markdown pt-BR') {
      const en = blocks[i + 1];
      if (!en || en.mark !== 'cell: markdown en') throw new Error(`${name}:${b.line}: a pt-BR markdown cell must be followed by its en translation`);
      cells.push({ kind: 'markdown', 'pt-BR': body(b), en: body(en) });
      i++;
    } else throw new Error(`${name}:${b.line}: an en markdown cell must follow its pt-BR original`);
  }
  for (const c of cells) if ((c.kind === 'code' ? c.source : c['pt-BR'] && c.en) === '') throw new Error(`${name}: empty cell`);
  for (const b of blocks.filter((x) => x.mark === 'cell: code')) {
    const problem = codeCommentProblem(body(b));
    if (problem) throw new Error(`${name}:${b.line}: code cell, ${problem}`);
  }
  const described = LANGS.filter((l) => description[l]);
  if (described.length === 1) throw new Error(`${name}: a description in ${described[0]} only; write <!-- description pt-BR: … --> and <!-- description en: … -->`);
  return { name, exclusive: !!options.exclusive, ...(described.length ? { description: description as Record<NotebookLang, string> } : {}), cells };
}

/**
 * A comment line of a code cell written for one language: `// en: …` or `// pt-BR: …` (also
 * `/** en: … *\/` and ` * pt-BR: …` inside a block comment). The code is shared; its comments are
 * not: a pt-BR notebook reads Portuguese comments.
 */
const TAGGED_COMMENT = /^(\s*(?:\/\/|\/\*\*?|\*))\s*(en|pt-BR):\s?(.*)$/;

/**
 * A code cell's source for one language: tagged comment lines of the other language dropped,
 * the tag of its own removed; untagged lines kept as they are.
 * @example codeFor('// en: read it\n// pt-BR: leia\nread()', 'pt-BR') // '// leia\nread()'
 */
export function codeFor(source: string, lang: NotebookLang): string {
  return source
    .split('\n')
    .flatMap((line) => {
      const m = TAGGED_COMMENT.exec(line);
      if (!m) return [line];
      return m[2] === lang ? [`${m[1]} ${m[3]}`.trimEnd()] : [];
    })
    .join('\n');
}

/**
 * Why a code cell's comments do not come in pairs, or undefined: every comment is a whole line
 * tagged with its language (a comment shared by both notebooks, or trailing code, is refused;
 * `//` inside a string is not a comment), and every run of `en:` lines is followed by its run of
 * `pt-BR:` lines.
 * @example codeCommentProblem('// en: mounts\n// pt-BR: monta\nmount();') // undefined
 */
export function codeCommentProblem(source: string): string | undefined {
  const lines = source.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const code = lines[i].replace(/'(?:\\.|[^'\\])*'|"(?:\\.|[^"\\])*"|`(?:\\.|[^`\\])*`/g, "''");
    const m = TAGGED_COMMENT.exec(lines[i]);
    if (!m) {
      if (/\/\/|\/\*/.test(code)) return `line ${i + 1} has a comment in one language only; write it as "// en: …" and "// pt-BR: …"`;
      continue;
    }
    if (m[2] !== 'en') return `line ${i + 1}: a pt-BR comment must follow its en original`;
    let j = i;
    while (j < lines.length && TAGGED_COMMENT.exec(lines[j])?.[2] === 'en') j++;
    if (TAGGED_COMMENT.exec(lines[j] ?? '')?.[2] !== 'pt-BR') return `line ${i + 1}: an en comment needs its pt-BR translation on the next line`;
    while (j < lines.length && TAGGED_COMMENT.exec(lines[j])?.[2] === 'pt-BR') j++;
    i = j - 1;
  }
  return undefined;
}

/** The notebooks' names (source file names without .md), in order. */
export function notebookNames(): string[] {
  return fs
    .readdirSync(SOURCES)
    .filter((f) => f.endsWith('.md'))
    .map((f) => f.slice(0, -3))
    .sort();
}

export function readSource(name: string): NotebookSource {
  return parseSource(name, fs.readFileSync(path.join(SOURCES, `${name}.md`), 'utf8'));
}

/** A notebook (nbformat 4) for one language; code cells identical in both but for their comments. */
export function toNotebook(src: NotebookSource, lang: NotebookLang): object {
  const lines = (s: string) => s.split(/(?<=\n)/);
  return {
    cells: src.cells.map((c) =>
      c.kind === 'code'
        ? { cell_type: 'code', execution_count: null, metadata: {}, outputs: [], source: lines(codeFor(c.source, lang)) }
        : { cell_type: 'markdown', metadata: {}, source: lines(c[lang]) },
    ),
    metadata: {
      kernelspec: { display_name: 'TypeScript', language: 'typescript', name: 'tslab' },
      language_info: { codemirror_mode: { mode: 'typescript', name: 'javascript', typescript: true }, file_extension: '.ts', mimetype: 'text/typescript', name: 'typescript' },
      'overlay-lab': { lang, source: `notebooks/source/${src.name}.md`, exclusive: src.exclusive, ...(src.description ? { description: src.description[lang] } : {}) },
    },
    nbformat: 4,
    nbformat_minor: 5,
  };
}

/** Writes notebooks/{pt-BR,en}/<name>.ipynb from every source. */
export function generateNotebooks(): string[] {
  const written: string[] = [];
  for (const name of notebookNames()) {
    const src = readSource(name);
    for (const lang of LANGS) {
      const file = path.join(NOTEBOOKS, lang, `${name}.ipynb`);
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.writeFileSync(file, JSON.stringify(toNotebook(src, lang), null, 1) + '\n');
      written.push(path.relative(ROOT, file));
    }
  }
  return written;
}

function sh(cmd: string, args: string[], opts: { quiet?: boolean } = {}): void {
  const r = spawnSync(cmd, args, { cwd: ROOT, stdio: opts.quiet ? ['ignore', 'pipe', 'pipe'] : 'inherit', encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed (${r.status})${opts.quiet ? `: ${r.stderr || r.stdout}` : ''}`);
}

/** Why notebooks cannot run here, or undefined. */
export function notebooksUnavailable(): string | undefined {
  if (!fs.existsSync(PYTHON)) return `${PYTHON} is missing (Debian: apt-get install python3-nbclient python3-nbformat python3-ipykernel jupyter-nbconvert)`;
  const r = spawnSync(PYTHON, ['-c', 'import nbclient, nbformat'], { encoding: 'utf8' });
  if (r.status !== 0) return 'nbclient/nbformat missing for /usr/bin/python3 (apt-get install python3-nbclient python3-nbformat python3-ipykernel)';
  if (!fs.existsSync(path.join(ROOT, 'node_modules', '.bin', 'tslab'))) return 'tslab is not installed (npm ci)';
  return undefined;
}

/**
 * Makes the notebooks runnable: builds the library (dist/), links notebooks/node_modules/overlay-lab
 * to the repository so `import ... from 'overlay-lab'` resolves (tslab uses Node10 resolution and
 * needs main/types), and registers the tslab kernel in tmp/jupyter. Returns the environment to run
 * Jupyter with.
 */
export function prepareNotebooks(opts: { build?: boolean } = {}): NodeJS.ProcessEnv {
  if (opts.build !== false) sh('npm', ['run', 'build', '--silent']);
  const link = path.join(NOTEBOOKS, 'node_modules', 'overlay-lab');
  fs.mkdirSync(path.dirname(link), { recursive: true });
  let current: string | undefined;
  try {
    current = fs.readlinkSync(link);
  } catch {
    current = undefined;
  }
  if (current !== '../..') {
    fs.rmSync(link, { force: true });
    fs.symlinkSync('../..', link);
  }
  const binary = path.join(ROOT, 'node_modules', '.bin', 'tslab');
  const spec = path.join(JUPYTER_PATH, 'kernels', 'tslab', 'kernel.json');
  const registered = fs.existsSync(spec) && (JSON.parse(fs.readFileSync(spec, 'utf8')) as { argv: string[] }).argv[0] === binary;
  if (!registered) sh(path.join(ROOT, 'node_modules', '.bin', 'tslab'), ['install', `--python=${PYTHON}`, `--binary=${binary}`, `--prefix=${JUPYTER_PREFIX}`], { quiet: true });
  return { ...process.env, JUPYTER_PATH, PYDEVD_DISABLE_FILE_VALIDATION: '1' };
}

/** The outcome of one notebook. */
export interface NotebookResult {
  name: string;
  lang: NotebookLang;
  ok: boolean;
  seconds: number;
  /** Where the executed copy is (notebooks/executed/... on success, tmp/notebooks-failed/... otherwise). */
  output: string;
  error?: { cell: number; kind: string; source: string; text: string; late?: boolean };
}

/** What scripts/run-notebooks.py says of one notebook. */
export type ExecuteOutcome = Omit<NotebookResult, 'name' | 'lang' | 'output'>;

/**
 * Executes one .ipynb file on the tslab kernel (cwd: its folder) and writes the executed copy
 * to `output`, whatever the outcome. `env` comes from prepareNotebooks().
 */
export function executeNotebook(input: string, output: string, env: NodeJS.ProcessEnv, timeout = 180): Promise<ExecuteOutcome> {
  return new Promise((resolve) => {
    const child = spawn(PYTHON, [path.join(__dirname, 'run-notebooks.py')], { cwd: ROOT, env, stdio: ['pipe', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (err += d));
    child.stdin.end(JSON.stringify({ input, output, cwd: path.dirname(path.resolve(input)), timeout, kernel: 'tslab' }));
    child.on('close', (code) => {
      const line = out.trim().split('\n').pop() ?? '';
      try {
        resolve(JSON.parse(line) as ExecuteOutcome);
      } catch {
        resolve({ ok: false, seconds: 0, error: { cell: -1, kind: 'runner', source: '', text: `run-notebooks.py exited ${code}: ${err.trim() || out.trim()}` } });
      }
    });
  });
}

// What an executed copy says of its run is read in src/render/notebook-record.ts (the site generator reads it too).
export { notebookProvenance, type NotebookProvenance, type SimulatedCell } from '../src/render/notebook-record';

type OutputMeta = Record<string, unknown>;
type ExecutedNotebook = { cells: { cell_type: string; source: string | string[]; metadata?: object; outputs?: { metadata?: Record<string, OutputMeta> }[] }[]; metadata: Record<string, Record<string, unknown>> };

const REFUSED = {
  en: '{file}: not written to notebooks/executed: cell {cell} fell back to the simulated host ({reason}). The site is built from these copies, so they must come from a live run: start dockerd (bash scripts/services.sh start), run as root for the kernel mounts, and run npm run notebooks again; or pass --allow-simulated to publish a simulated run under a banner.',
  'pt-BR': '{file}: não gravado em notebooks/executed: a célula {cell} caiu no host simulado ({reason}). O site é construído destas cópias, então elas precisam vir de uma execução ao vivo: suba o dockerd (bash scripts/services.sh start), rode como root para as montagens do kernel e rode npm run notebooks de novo; ou passe --allow-simulated para publicar uma execução simulada sob um aviso.',
};
const NO_PROVENANCE = {
  en: '{file}: its first code cell displayed no provenance block (provenanceBundle(await runProvenance(), lang)); every notebook must say where its outputs came from.',
  'pt-BR': '{file}: a primeira célula de código não mostrou o bloco de procedência (provenanceBundle(await runProvenance(), lang)); todo notebook precisa dizer de onde vêm as saídas.',
};

/**
 * Stamps an executed copy with its provenance and decides whether it may be published: a copy
 * with simulated cells is refused unless `allowSimulated`, and then it opens with a banner.
 * Returns the reason for a refusal, in the user's language, or undefined.
 */
export function stampProvenance(file: string, lang: NotebookLang, allowSimulated: boolean, userLang: Lang): string | undefined {
  const nb = JSON.parse(fs.readFileSync(file, 'utf8')) as ExecutedNotebook;
  const rel = path.relative(ROOT, file);
  const p = notebookProvenance(nb, lang);
  if (!p) return say(NO_PROVENANCE, userLang, { file: rel });
  if (!p.live && !allowSimulated) {
    // The refusal speaks to the person running the notebooks: the reason in their language, not the notebook's.
    const first = notebookProvenance(nb, userLang)!.simulatedCells[0];
    return say(REFUSED, userLang, { file: rel, cell: first.cell, reason: first.reason });
  }
  if (!p.live) {
    const banner = `> **⚠ ${simulatedRunText(p.simulatedCells.map((c) => c.cell), lang)}**`;
    nb.cells.unshift({ cell_type: 'markdown', metadata: { 'overlay-lab': { banner: 'simulated' } }, source: banner });
  }
  nb.metadata[NOTEBOOK_META_KEY] = { ...nb.metadata[NOTEBOOK_META_KEY], provenance: p };
  fs.writeFileSync(file, JSON.stringify(nb, null, 1) + '\n');
  return undefined;
}

/**
 * Draws every Mermaid diagram of a notebook file to SVG and stores it beside its text. Returns
 * how many diagrams it drew. A diagram Mermaid cannot parse fails the run with Mermaid's message.
 */
export async function drawDiagrams(file: string, mermaid: MermaidBrowser): Promise<number> {
  const nb = JSON.parse(fs.readFileSync(file, 'utf8')) as { cells: { outputs?: { data?: Record<string, unknown> }[] }[] };
  const stem = path.basename(file, '.ipynb').replace(/[^a-z0-9]+/gi, '-');
  let drawn = 0;
  for (const [c, cell] of nb.cells.entries()) {
    for (const [o, output] of (cell.outputs ?? []).entries()) {
      if (!output.data) continue;
      const diagrams = outputDiagrams(output.data);
      const svgs: string[] = [];
      for (const [d, text] of diagrams.entries()) {
        const error = await mermaid.parse(text);
        if (error) throw new Error(`${path.relative(ROOT, file)}: cell ${c + 1}, output ${o + 1}: Mermaid cannot parse the diagram: ${error}`);
        // Ids stay the same from run to run: a re-run changes a drawing only when the diagram changes.
        // They start with a letter: Mermaid scopes the SVG's style as #<id>, and a CSS id selector
        // cannot start with a digit ("01-seed-lab"), so every rule (centred text, hidden links) was lost.
        svgs.push(await mermaid.render(text, `nb-${stem}-c${c + 1}-o${o + 1}-d${d + 1}`));
      }
      output.data = withDrawnDiagrams(output.data, svgs);
      drawn += svgs.length;
    }
  }
  if (drawn) fs.writeFileSync(file, JSON.stringify(nb, null, 1) + '\n');
  return drawn;
}

/** Runs one notebook of the collection; the executed copy lands in outDir only when it ran clean and live (or simulated was allowed). */
async function runOne(name: string, lang: NotebookLang, env: NodeJS.ProcessEnv, outDir: string, opts: RunOptions, mermaid: () => Promise<MermaidBrowser>): Promise<NotebookResult> {
  const input = path.join(NOTEBOOKS, lang, `${name}.ipynb`);
  const failedDir = path.join(ROOT, 'tmp', 'notebooks-failed', lang);
  fs.mkdirSync(failedDir, { recursive: true });
  const scratch = path.join(failedDir, `${name}.ipynb`);
  let r = await executeNotebook(input, scratch, env, opts.timeout ?? 180);
  // Two kernels starting at once can pick the same free port (jupyter_client picks, then tslab binds):
  // the kernel never started, no cell ran, so starting it once more is the same run.
  if (!r.ok && r.error?.cell === -1 && r.error.kind === 'runner' && /EADDRINUSE/.test(r.error.text)) r = await executeNotebook(input, scratch, env, opts.timeout ?? 180);
  let output = scratch;
  if (r.ok) {
    const refused = stampProvenance(scratch, lang, opts.allowSimulated ?? false, pickLang(process.env));
    if (refused) return { name, lang, output, ...r, ok: false, error: { cell: -1, kind: 'simulated', source: '', text: refused } };
    try {
      await drawDiagrams(scratch, await mermaid());
    } catch (e) {
      return { name, lang, output, ...r, ok: false, error: { cell: -1, kind: 'diagram', source: '', text: e instanceof Error ? e.message : String(e) } };
    }
    output = path.join(outDir, lang, `${name}.ipynb`);
    fs.mkdirSync(path.dirname(output), { recursive: true });
    fs.renameSync(scratch, output);
  }
  return { name, lang, output, ...r };
}

/** Options of a run. */
export interface RunOptions {
  names?: string[];
  langs?: NotebookLang[];
  /** Where executed copies go (default notebooks/executed). */
  outDir?: string;
  /** Notebooks at once (default 2: one per core; exclusive ones never overlap). */
  concurrency?: number;
  build?: boolean;
  /** Seconds per cell. */
  timeout?: number;
  /** Publish copies with cells that fell back to the simulated host (under a banner). */
  allowSimulated?: boolean;
  log?: (line: string) => void;
}

/**
 * Prepares and runs notebooks; resolves with every result (failed ones included).
 * @example const results = await runNotebooks({ names: ['02-union-mount-simulation'] });
 */
export async function runNotebooks(opts: RunOptions = {}): Promise<NotebookResult[]> {
  const log = opts.log ?? ((l: string) => console.log(l));
  // Diagrams are drawn once at the end, one browser for the run: not live in each kernel.
  const env = { ...prepareNotebooks({ build: opts.build }), OVERLAY_LAB_DRAW: 'off' };
  const names = opts.names ?? notebookNames();
  const langs = opts.langs ?? [...LANGS];
  const exclusive = new Set(names.filter((n) => readSource(n).exclusive));
  const queue = langs.flatMap((lang) => names.map((name) => ({ name, lang })));
  const results: NotebookResult[] = [];
  let exclusiveRunning = false;
  // One browser for the whole run, started when the first copy is ready to be drawn.
  let browser: Promise<MermaidBrowser> | undefined;
  const mermaid = () => {
    const missing = mermaidBrowserMissing();
    if (missing) return Promise.reject(new Error(`cannot draw the diagrams: ${missing}`));
    return (browser ??= openMermaidBrowser());
  };
  const worker = async () => {
    for (;;) {
      const i = queue.findIndex((j) => !(exclusive.has(j.name) && exclusiveRunning));
      if (i < 0) {
        if (queue.length === 0) return;
        await new Promise((r) => setTimeout(r, 100));
        continue;
      }
      const job = queue.splice(i, 1)[0];
      const ex = exclusive.has(job.name);
      if (ex) exclusiveRunning = true;
      const r = await runOne(job.name, job.lang, env, opts.outDir ?? EXECUTED, opts, mermaid);
      if (ex) exclusiveRunning = false;
      log(`${r.ok ? 'ok  ' : 'FAIL'} ${r.lang}/${r.name}.ipynb (${r.seconds.toFixed(1)} s)`);
      results.push(r);
    }
  };
  try {
    await Promise.all(Array.from({ length: Math.max(1, opts.concurrency ?? 2) }, worker));
  } finally {
    if (browser) await (await browser.catch(() => undefined))?.close();
  }
  removeNotebookLeftovers(log);
  return results;
}

/** The label every container and image a notebook makes carries (see notebooks/source/01-seed-lab.md). */
export const NOTEBOOK_LABEL = 'io.overlay-lab.notebook';

/**
 * A notebook that failed halfway left its container, image or volume behind: remove those, and only
 * those (by the notebooks' own label). No engine: nothing to do.
 */
export function removeNotebookLeftovers(log: (line: string) => void = () => {}): void {
  const ids = (args: string[]) => {
    const r = spawnSync('docker', args, { encoding: 'utf8' });
    return r.status === 0 ? r.stdout.split('\n').filter(Boolean) : [];
  };
  const containers = ids(['ps', '-aq', '--filter', `label=${NOTEBOOK_LABEL}`]);
  if (containers.length) spawnSync('docker', ['rm', '-f', ...containers], { stdio: 'ignore' });
  const images = [...new Set(ids(['images', '-q', '--filter', `label=${NOTEBOOK_LABEL}`]))];
  if (images.length) spawnSync('docker', ['rmi', '-f', ...images], { stdio: 'ignore' });
  // Volumes last: a volume in use by a container cannot go.
  const volumes = ids(['volume', 'ls', '-q', '--filter', `label=${NOTEBOOK_LABEL}`]);
  if (volumes.length) spawnSync('docker', ['volume', 'rm', ...volumes], { stdio: 'ignore' });
  if (containers.length || images.length || volumes.length)
    log(
      `removed what a failed notebook left: ${plural(containers.length, 'en', { one: '# container', other: '# containers' })}, ${plural(images.length, 'en', { one: '# image', other: '# images' })}, ${plural(volumes.length, 'en', { one: '# volume', other: '# volumes' })}`,
    );
}

/** The failing cell, as a person needs to see it. */
export function describeFailure(r: NotebookResult): string {
  const e = r.error!;
  if (e.kind === 'simulated') return e.text;
  const where = e.late ? `an exception raised after cell ${e.cell} ended (${e.kind})` : `cell ${e.cell} (${e.kind})`;
  const src = e.source ? `\n--- cell source ---\n${e.source}\n` : '\n';
  return `${r.lang}/${r.name}.ipynb: ${where}${src}--- error ---\n${e.text}\n(partial executed copy: ${path.relative(ROOT, r.output)})`;
}

async function main(argv: string[]): Promise<number> {
  if (argv[0] === 'generate') {
    for (const f of generateNotebooks()) console.log(`wrote ${f}`);
    return 0;
  }
  if (argv[0] === 'diagrams') {
    const missing = mermaidBrowserMissing();
    if (missing) {
      console.error(`notebooks: cannot draw the diagrams: ${missing}`);
      return 2;
    }
    const mermaid = await openMermaidBrowser();
    try {
      for (const lang of LANGS) {
        const dir = path.join(EXECUTED, lang);
        for (const f of fs.readdirSync(dir).filter((n) => n.endsWith('.ipynb')).sort()) {
          const n = await drawDiagrams(path.join(dir, f), mermaid);
          console.log(`${lang}/${f}: ${n} diagram(s) drawn`);
        }
      }
    } finally {
      await mermaid.close();
    }
    return 0;
  }
  const why = notebooksUnavailable();
  if (why) {
    console.error(`notebooks: cannot run: ${why}. Install them with: bash scripts/setup.sh`);
    return 2;
  }
  if (argv[0] === 'setup') {
    prepareNotebooks();
    console.log(`notebooks: ready. Open them with:\n  JUPYTER_PATH=${JUPYTER_PATH} jupyter lab notebooks/\n(kernel "TypeScript", tslab)`);
    return 0;
  }
  const value = (flag: string) => {
    const i = argv.indexOf(flag);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const only = value('--only');
  const lang = value('--lang') as NotebookLang | undefined;
  const names = only ? notebookNames().filter((n) => n.startsWith(only)) : undefined;
  const started = Date.now();
  const results = await runNotebooks({ names, langs: lang ? [lang] : undefined, allowSimulated: argv.includes('--allow-simulated') });
  const failed = results.filter((r) => !r.ok);
  for (const r of failed) console.error(`\n${describeFailure(r)}`);
  console.log(`notebooks: ${results.length - failed.length} of ${results.length} ran clean in ${((Date.now() - started) / 1000).toFixed(1)} s; executed copies in ${path.relative(ROOT, EXECUTED)}/`);
  return failed.length ? 1 : 0;
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (e) => {
      console.error(`notebooks: ${e instanceof Error ? e.message : String(e)}`);
      process.exit(1);
    },
  );
}
