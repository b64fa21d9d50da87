// Benchmark: loading a `docker save` archive of at least 100 MB into the engine (hashes-only,
// as the CLI loads), against `tar -x` of the same layer tars to disk, in the same run. Prints
// MB/s and peak memory; target: at least as fast as tar -x, peak heap under 1/4 of the archive.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { loadImageArchive } from '../src/image/node';

export const IMAGE = 'overlay-lab/bench-image:1';
const RUNS = 3;
const MB = 1e6;

function sh(cmd: string): string {
  return execFileSync('bash', ['-euo', 'pipefail', '-c', cmd], { encoding: 'utf8', maxBuffer: 64 << 20 });
}

/** FROM the busybox fixture: four layers of random bytes (~125 MB), some overwritten and deleted later. */
export function ensureImage(): void {
  if (spawnSync('docker', ['image', 'inspect', IMAGE], { stdio: 'ignore' }).status === 0) return;
  sh(`bash ${path.join(__dirname, '..', 'scripts', 'docker-fixtures.sh')}`);
  const ctx = mkdtempSync(path.join(tmpdir(), 'ovl-bench-image-'));
  writeFileSync(
    path.join(ctx, 'Dockerfile'),
    `FROM overlay-lab/busybox:1
LABEL io.overlay-lab=1 io.overlay-lab.bench=1
RUN mkdir -p /r1 && for i in $(seq 1 40); do head -c 1000000 /dev/urandom > /r1/f$i; done
RUN mkdir -p /r2/sub && for i in $(seq 1 2000); do head -c 8000 /dev/urandom > /r2/sub/s$i; done && for i in $(seq 1 20); do head -c 1000000 /dev/urandom > /r1/f$i; done
RUN head -c 40000000 /dev/urandom > /big && ln /big /big-link && ln -s /big /big-sym
RUN rm -rf /r2/sub /r1/f3* && mkdir /r2/sub && echo fresh > /r2/sub/new
`,
  );
  const r = spawnSync('docker', ['build', '-q', '--network', 'none', '-t', IMAGE, ctx], { encoding: 'utf8', env: { ...process.env, DOCKER_BUILDKIT: '0' } });
  rmSync(ctx, { recursive: true, force: true });
  if (r.status !== 0) throw new Error(`docker build: ${r.stderr}`);
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

/** Peak heapUsed / arrayBuffers / rss while `f` runs, sampled every 2 ms (and at the end). */
async function withPeaks<T>(f: () => Promise<T>): Promise<{ value: T; ms: number; heap: number; buffers: number; rss: number }> {
  const peak = { heap: 0, buffers: 0, rss: 0 };
  const sample = () => {
    const m = process.memoryUsage();
    peak.heap = Math.max(peak.heap, m.heapUsed);
    peak.buffers = Math.max(peak.buffers, m.arrayBuffers);
    peak.rss = Math.max(peak.rss, m.rss);
  };
  const timer = setInterval(sample, 2);
  const t = process.hrtime.bigint();
  try {
    const value = await f();
    const ms = Number(process.hrtime.bigint() - t) / 1e6;
    sample();
    return { value, ms, ...peak };
  } finally {
    clearInterval(timer);
  }
}

export async function run(): Promise<void> {
  if (spawnSync('docker', ['info'], { stdio: 'ignore' }).status !== 0) {
    console.log('## Image load\nskipped: no Docker engine answers (bash scripts/services.sh start)');
    return;
  }
  ensureImage();
  const work = mkdtempSync(path.join(tmpdir(), 'ovl-bench-load-'));
  try {
    const archive = path.join(work, 'image.tar');
    sh(`docker save -o ${archive} ${IMAGE}`);
    const size = statSync(archive).size;
    if (size < 100 * MB) throw new Error(`archive is ${size} bytes, under 100 MB`);
    // The peer: the same layer tars, unpacked by GNU tar to disk, one after the other.
    const layersDir = path.join(work, 'layers');
    mkdirSync(layersDir);
    sh(`tar -xf ${archive} -C ${layersDir}`);
    const layerTars = JSON.parse(sh(`cat ${layersDir}/manifest.json`))[0].Layers.map((l: string) => path.join(layersDir, l));
    const tarRun = () => {
      const out = mkdtempSync(path.join(work, 'x-'));
      const t = process.hrtime.bigint();
      layerTars.forEach((l: string, i: number) => {
        mkdirSync(path.join(out, String(i)));
        sh(`tar -x -f ${l} -C ${path.join(out, String(i))}`);
      });
      const ms = Number(process.hrtime.bigint() - t) / 1e6;
      rmSync(out, { recursive: true, force: true });
      return ms;
    };
    // Warm the page cache for both, then alternate runs.
    tarRun();
    await loadImageArchive(archive, { hashesOnly: true });
    const tarMs: number[] = [];
    const ours: Awaited<ReturnType<typeof withPeaks>>[] = [];
    for (let i = 0; i < RUNS; i++) {
      tarMs.push(tarRun());
      ours.push(await withPeaks(() => loadImageArchive(archive, { hashesOnly: true })));
    }
    const full = await withPeaks(() => loadImageArchive(archive));
    const oursMs = median(ours.map((o) => o.ms));
    const peakHeap = Math.max(...ours.map((o) => o.heap));
    const fmt = (ms: number) => `${ms.toFixed(0)} ms (${(size / MB / (ms / 1000)).toFixed(0)} MB/s)`;
    console.log('## Image load');
    console.log(`archive: ${IMAGE}, ${(size / MB).toFixed(1)} MB, ${layerTars.length} layers; median of ${RUNS}`);
    console.log(`overlay-lab load (hashes only): ${fmt(oursMs)}; peak heap ${(peakHeap / MB).toFixed(1)} MB (${((peakHeap / size) * 100).toFixed(1)}% of the archive), peak array buffers ${(Math.max(...ours.map((o) => o.buffers)) / MB).toFixed(1)} MB, peak rss ${(Math.max(...ours.map((o) => o.rss)) / MB).toFixed(0)} MB`);
    console.log(`tar -x of the same layers to disk: ${fmt(median(tarMs))}`);
    console.log(`ratio: ${(median(tarMs) / oursMs).toFixed(2)}x tar -x speed (target >= 1); heap/archive ${(peakHeap / size).toFixed(3)} (target < 0.25)`);
    console.log(`for reference, keeping the bytes: ${fmt(full.ms)}; peak heap ${(full.heap / MB).toFixed(1)} MB, array buffers ${(full.buffers / MB).toFixed(1)} MB`);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

if (require.main === module) run().catch((e) => {
  console.error(e);
  process.exitCode = 1;
});
