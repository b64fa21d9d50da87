/**
 * The union engine against the kernel and against unionfs+memfs: stat of every merged path
 * and a full readdir walk, on stacks of 4, 128 and 500 lower layers holding 1,000 files.
 *
 * Every layer has the same ten directories (so each is merged across the whole stack) and
 * file k lives in layer (k * 7919) mod N, one in five also overwritten in L0: a lookup has to
 * search down the stack, as in a deep image. The kernel is timed through a real overlay
 * mount (lstat/readdir system calls from Node); unionfs+memfs is what a JavaScript developer
 * would otherwise reach for (it has no whiteouts, none are used). All warm, median of 5.
 *
 * Then the cold pass: the first lookups on a fresh mount, of one file only the bottom layer
 * holds (the lookup searches every layer for the first time) and of every merged path, against
 * the kernel after a remount with the page, dentry and inode caches dropped (drop_caches).
 */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Volume } from 'memfs';
import { Union } from 'unionfs';
import { makeInode } from '../src/union/inode';
import { Overlay } from '../src/union/overlay';
import { PlainFs } from '../src/union/plainfs';

const FILES = 1000;
const DIRS = 10;
const DEPTHS = [4, 128, 500];
const REPEAT = 9;

type Layout = Map<number, Record<string, string>>;

function layout(n: number): Layout {
  const layers: Layout = new Map(Array.from({ length: n }, (_, i) => [i, {} as Record<string, string>]));
  for (let k = 0; k < FILES; k++) {
    const p = `d${k % DIRS}/f${k}`;
    layers.get((k * 7919) % n)![p] = `content of ${k} `.repeat(4);
    if (k % 5 === 0) layers.get(0)![p] = `newer ${k}`;
  }
  return layers;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
function time(f: () => void): number {
  for (let i = 0; i < 5; i++) f(); // warm: let the JIT settle before timing
  const runs: number[] = [];
  for (let i = 0; i < REPEAT; i++) {
    const t = process.hrtime.bigint();
    f();
    runs.push(Number(process.hrtime.bigint() - t) / 1e6);
  }
  return median(runs);
}

interface Walker {
  lstat(p: string): unknown;
  readdir(p: string): string[];
  isDir(p: string): boolean;
}

function walkAll(w: Walker, paths: string[]): () => void {
  return () => {
    for (const p of paths) w.lstat(p);
  };
}

function readdirWalk(w: Walker): () => void {
  const visit = (dir: string) => {
    for (const name of w.readdir(dir)) {
      const p = dir === '' ? name : `${dir}/${name}`;
      if (w.isDir(p)) visit(p);
    }
  };
  return () => visit('');
}

function mergedPaths(): string[] {
  const out: string[] = [];
  for (let d = 0; d < DIRS; d++) out.push(`d${d}`);
  for (let k = 0; k < FILES; k++) out.push(`d${k % DIRS}/f${k}`);
  return out;
}

function engine(layers: Layout): Walker {
  const lowers = [...layers.entries()].map(([i, files]) => {
    const fsys = PlainFs.empty(() => 0);
    for (let d = 0; d < DIRS; d++) fsys.mkdir(`d${d}`, 0o755);
    for (const [p, c] of Object.entries(files)) fsys.write(p, new TextEncoder().encode(c), { create: true, trunc: true, append: false }, 0o644);
    return { name: `L${i}`, root: fsys.root };
  });
  const m = Overlay.mount({ lowers, upper: makeInode('d', 0o755, 0, 0, 0) });
  if ('refused' in m) throw new Error(m.refused.reason);
  const ovl = m.ok;
  return {
    lstat: (p) => ovl.lstat(p),
    readdir: (p) => ovl.readdir(p) as string[],
    isDir: (p) => (ovl.lstat(p) as { type: string }).type === 'd',
  };
}

/** A file only the bottom layer holds (not overwritten in L0): its first lookup searches the whole stack. */
function bottomFile(n: number): string {
  for (let k = 0; k < FILES; k++) if ((k * 7919) % n === n - 1 && k % 5 !== 0) return `d${k % DIRS}/f${k}`;
  throw new Error(`no file in the bottom layer of ${n}`);
}

const ms = (f: () => void) => {
  const t = process.hrtime.bigint();
  f();
  return Number(process.hrtime.bigint() - t) / 1e6;
};

/** Cold then warm: each sample on a fresh mount (`fresh` gives one, untimed), the first call timed, then the same call again. */
function coldWarm(fresh: () => Walker, call: (w: Walker) => void, samples: number): { cold: number; warm: number } {
  const cold: number[] = [];
  const warm: number[] = [];
  for (let i = 0; i < samples; i++) {
    const w = fresh();
    cold.push(ms(() => call(w)));
    warm.push(ms(() => call(w)));
  }
  return { cold: median(cold), warm: median(warm) };
}

function dropCaches(): void {
  execFileSync('sync');
  fs.writeFileSync('/proc/sys/vm/drop_caches', '3');
}

function kernel(layers: Layout, tmp: string): { walker: Walker; done: () => void; remountCold: () => void } {
  for (const [i, files] of layers) {
    const root = path.join(tmp, `L${i}`);
    for (let d = 0; d < DIRS; d++) fs.mkdirSync(path.join(root, `d${d}`), { recursive: true });
    for (const [p, c] of Object.entries(files)) fs.writeFileSync(path.join(root, p), c);
  }
  for (const d of ['upper', 'work', 'merged']) fs.mkdirSync(path.join(tmp, d));
  const lower = [...layers.keys()].map((i) => `L${i}`).join(':');
  // Relative names keep 500 layers inside mount(2)'s one page of options (as Docker's l/ does).
  execFileSync('mount', ['-t', 'overlay', 'overlay', '-o', `lowerdir=${lower},upperdir=upper,workdir=work`, 'merged'], { cwd: tmp });
  const m = path.join(tmp, 'merged');
  return {
    walker: {
      lstat: (p) => fs.lstatSync(path.join(m, p)),
      readdir: (p) => fs.readdirSync(path.join(m, p)),
      isDir: (p) => fs.lstatSync(path.join(m, p)).isDirectory(),
    },
    done: () => execFileSync('umount', [m]),
    // A fresh overlay (its own dentries gone) over layers whose caches are dropped too.
    remountCold: () => {
      execFileSync('umount', [m]);
      dropCaches();
      execFileSync('mount', ['-t', 'overlay', 'overlay', '-o', `lowerdir=${lower},upperdir=upper,workdir=work`, 'merged'], { cwd: tmp });
    },
  };
}

function unionMemfs(layers: Layout): Walker {
  const u = new Union();
  // unionfs gives the volume used last the first say: add the bottom layer first.
  for (const i of [...layers.keys()].sort((a, b) => b - a)) {
    const json: Record<string, string | null> = {};
    for (let d = 0; d < DIRS; d++) json[`/d${d}`] = null;
    for (const [p, c] of Object.entries(layers.get(i)!)) json[`/${p}`] = c;
    u.use(Volume.fromJSON(json) as never);
  }
  return {
    lstat: (p) => u.lstatSync(`/${p}`),
    readdir: (p) => u.readdirSync(`/${p}`) as string[],
    isDir: (p) => u.lstatSync(`/${p}`).isDirectory(),
  };
}

export async function run(): Promise<void> {
  const canMount = process.platform === 'linux' && process.getuid?.() === 0;
  const paths = mergedPaths();
  const rows: string[] = [];
  process.stdout.write(`\n## union-walk: stat every merged path (${paths.length}) and a full readdir walk, warm, median of ${REPEAT}\n`);
  if (!canMount) process.stdout.write('(kernel column skipped: mounting needs Linux and root)\n');
  rows.push('| layers | op | engine | kernel | unionfs+memfs | kernel/engine | unionfs/engine |');
  rows.push('|---|---|---|---|---|---|---|');
  for (const n of DEPTHS) {
    const layers = layout(n);
    const e = engine(layers);
    const u = unionMemfs(layers);
    const tmp = canMount ? fs.mkdtempSync(path.join(os.tmpdir(), 'overlay-lab-bench-')) : '';
    const k = canMount ? kernel(layers, tmp) : undefined;
    try {
      for (const [op, make] of [['stat', (w: Walker) => walkAll(w, paths)], ['readdir walk', readdirWalk]] as const) {
        const te = time(make(e));
        const tk = k ? time(make(k.walker)) : NaN;
        const tu = time(make(u));
        const f = (x: number) => (Number.isNaN(x) ? '–' : `${x.toFixed(2)} ms`);
        const r = (x: number) => (Number.isNaN(x) ? '–' : `${(x / te).toFixed(1)}x`);
        rows.push(`| ${n} | ${op} | ${f(te)} | ${f(tk)} | ${f(tu)} | ${r(tk)} | ${r(tu)} |`);
      }
    } finally {
      k?.done();
      if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
    }
  }
  process.stdout.write(rows.join('\n') + '\n');
  process.stdout.write('(ratios above 1 mean the engine is faster; targets: kernel/engine >= 1, unionfs/engine >= 10)\n');
  coldPass(canMount, paths);
}

/** The first pass on a fresh mount against the warm one, engine and kernel (caches dropped), median of 5. */
function coldPass(canMount: boolean, paths: string[]): void {
  const SAMPLES = 5;
  const rows = ['| layers | first lookup of | engine cold | engine warm | kernel cold | kernel warm | kernel cold/engine cold |', '|---|---|---|---|---|---|---|'];
  process.stdout.write(`\n## union-walk, cold: the first lookups on a fresh mount (kernel: remounted, drop_caches=3), median of ${SAMPLES}\n`);
  for (const n of DEPTHS) {
    const layers = layout(n);
    const bottom = bottomFile(n);
    const tmp = canMount ? fs.mkdtempSync(path.join(os.tmpdir(), 'overlay-lab-bench-')) : '';
    const k = canMount ? kernel(layers, tmp) : undefined;
    try {
      for (const [what, call] of [[`one file in the bottom layer (${bottom})`, (w: Walker) => void w.lstat(bottom)], [`every merged path (${paths.length})`, (w: Walker) => paths.forEach((p) => w.lstat(p))]] as const) {
        const e = coldWarm(() => engine(layers), call, SAMPLES);
        const kk = k ? coldWarm(() => (k.remountCold(), k.walker), call, SAMPLES) : { cold: NaN, warm: NaN };
        const f = (x: number) => (Number.isNaN(x) ? '–' : `${x.toFixed(3)} ms`);
        rows.push(`| ${n} | ${what} | ${f(e.cold)} | ${f(e.warm)} | ${f(kk.cold)} | ${f(kk.warm)} | ${Number.isNaN(kk.cold) ? '–' : `${(kk.cold / e.cold).toFixed(1)}x`} |`);
      }
    } finally {
      k?.done();
      if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
    }
  }
  process.stdout.write(rows.join('\n') + '\n');
}

if (require.main === module) run();
