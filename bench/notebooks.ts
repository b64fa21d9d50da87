// Benchmark: executing every notebook (both languages) headless on the tslab kernel, kernel
// starts included, as `npm run notebooks` does (two at a time), against the same code cells run
// as plain Node scripts (tsx, no Jupyter, no type check), two at a time too, in the same run.
// Target: all notebooks under 60 s on a 2-core machine.
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { LANGS, NOTEBOOKS, notebookNames, notebooksUnavailable, readSource, removeNotebookLeftovers, ROOT, runNotebooks } from '../scripts/run-notebooks';

/** Runs jobs two at a time (the runner's default, one per core). */
async function pool<T>(jobs: (() => Promise<T>)[], width = 2): Promise<T[]> {
  const out: T[] = [];
  const queue = [...jobs];
  await Promise.all(
    Array.from({ length: width }, async () => {
      for (let job = queue.shift(); job; job = queue.shift()) out.push(await job());
    }),
  );
  return out;
}

/** A notebook's code cells as one ES module (top-level await works there, as in tslab). */
function asScript(name: string): string {
  return readSource(name)
    .cells.filter((c) => c.kind === 'code')
    .map((c) => (c as { source: string }).source)
    .join('\n\n');
}

function runScript(file: string, cwd: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const t = process.hrtime.bigint();
    const child = spawn(path.join(ROOT, 'node_modules', '.bin', 'tsx'), [file], { cwd, stdio: ['ignore', 'ignore', 'pipe'] });
    let err = '';
    child.stderr.on('data', (d) => (err += d));
    child.on('close', (code) => (code === 0 ? resolve(Number(process.hrtime.bigint() - t) / 1e9) : reject(new Error(`${file}: exit ${code}: ${err}`))));
  });
}

/** Runs the benchmark and prints its figures. */
export async function run(): Promise<void> {
  const why = notebooksUnavailable();
  if (why) {
    console.log(`notebooks: skipped (${why})`);
    return;
  }
  const names = notebookNames();
  const out = fs.mkdtempSync(path.join(os.tmpdir(), 'overlay-lab-bench-nb-'));
  try {
    // Warm-up: the build, the kernel registration and the disk caches, not timed.
    await runNotebooks({ names: [names[1] ?? names[0]], langs: ['en'], outDir: out, log: () => {} });

    let t = Date.now();
    const results = await runNotebooks({ outDir: out, build: false, log: () => {} });
    const jupyter = (Date.now() - t) / 1000;
    const failed = results.filter((r) => !r.ok);
    if (failed.length) throw new Error(`notebooks: ${failed.map((r) => `${r.lang}/${r.name}`).join(', ')} failed`);

    // The peer: the same code, as plain Node scripts run from each notebook's folder.
    fs.mkdirSync(path.join(out, 'node_modules'), { recursive: true });
    fs.symlinkSync(ROOT, path.join(out, 'node_modules', 'overlay-lab'));
    const scripts = LANGS.flatMap((lang) =>
      names.map((name) => {
        const file = path.join(out, `${lang}-${name}.mts`);
        fs.writeFileSync(file, asScript(name));
        return () => runScript(file, path.join(NOTEBOOKS, lang));
      }),
    );
    t = Date.now();
    await pool(scripts);
    const plain = (Date.now() - t) / 1000;

    const cells = names.reduce((n, name) => n + readSource(name).cells.filter((c) => c.kind === 'code').length, 0) * LANGS.length;
    const perNotebook = results.map((r) => `${r.lang}/${r.name} ${r.seconds.toFixed(1)} s`).join(', ');
    console.log(`notebooks: ${results.length} notebooks, ${cells} code cells, 2 at a time`);
    console.log(`  tslab kernel via nbclient (kernel starts, type checks included): ${jupyter.toFixed(1)} s  (target < 60 s: ${jupyter < 60 ? 'met' : 'MISSED'})`);
    console.log(`  same cells as plain Node scripts (tsx):                           ${plain.toFixed(1)} s`);
    console.log(`  ratio notebooks / plain scripts: ${(jupyter / plain).toFixed(2)}x`);
    console.log(`  per notebook: ${perNotebook}`);
  } finally {
    removeNotebookLeftovers();
    fs.rmSync(out, { recursive: true, force: true });
  }
}

if (require.main === module) run();
