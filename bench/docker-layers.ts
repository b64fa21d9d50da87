// Benchmark: the full report of `overlay-lab layers --json` on a host with at least 50 images
// and 200 layers, against the shell route a user would otherwise take (`docker image inspect`
// per image plus `ls` of the store). Both run as processes, timed end to end, in the same run.
import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import * as path from 'node:path';
import { pack } from 'tar-stream';

const IMAGES = 50;
const OWN_LAYERS = 4; // plus one base layer shared by all: 50 x 4 + 1 = 201 layer directories
const LABEL = 'io.overlay-lab.bench';
const CLI = path.join(__dirname, '..', 'dist', 'cli', 'main.js');
const RUNS = 5;

/** One layer tar with a single file, as bytes (docker load wants uncompressed tars). */
function layerTar(name: string, content: string): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const p = pack();
    const chunks: Buffer[] = [];
    p.on('data', (c: Buffer) => chunks.push(c));
    p.on('end', () => resolve(Buffer.concat(chunks)));
    p.on('error', reject);
    const mtime = new Date('2024-01-01T00:00:00Z');
    p.entry({ name: 'bench', type: 'directory', mode: 0o755, mtime });
    p.entry({ name: `bench/${name}`, mode: 0o644, mtime }, content);
    p.finalize();
  });
}

const sha = (b: Buffer | string) => createHash('sha256').update(b).digest('hex');

/** Builds the bench images with one `docker load` (no registry, no build steps), unless present. */
async function ensureBenchImages(): Promise<void> {
  const have = execFileSync('docker', ['images', '-q', '--filter', `label=${LABEL}=1`], { encoding: 'utf8' }).split('\n').filter(Boolean);
  if (have.length >= IMAGES) return;
  const archive = pack();
  const chunks: Buffer[] = [];
  archive.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise((r) => archive.on('end', r));
  const base = await layerTar('base', 'shared base layer\n');
  const layerFiles = new Map<string, Buffer>([[sha(base), base]]);
  const manifest: { Config: string; RepoTags: string[]; Layers: string[] }[] = [];
  for (let i = 0; i < IMAGES; i++) {
    const layers = [base];
    for (let j = 0; j < OWN_LAYERS; j++) layers.push(await layerTar(`image${i}-layer${j}`, `image ${i} layer ${j}\n`));
    for (const l of layers) layerFiles.set(sha(l), l);
    const config = JSON.stringify({
      architecture: 'amd64',
      os: 'linux',
      created: '2024-01-01T00:00:00Z',
      config: { Cmd: ['sh'], Labels: { 'io.overlay-lab': '1', [LABEL]: '1' } },
      rootfs: { type: 'layers', diff_ids: layers.map((l) => `sha256:${sha(l)}`) },
    });
    archive.entry({ name: `${sha(config)}.json` }, config);
    manifest.push({ Config: `${sha(config)}.json`, RepoTags: [`overlay-lab/bench-${String(i).padStart(2, '0')}:1`], Layers: layers.map((l) => `${sha(l)}/layer.tar`) });
  }
  for (const [digest, tar] of layerFiles) archive.entry({ name: `${digest}/layer.tar` }, tar);
  archive.entry({ name: 'manifest.json' }, JSON.stringify(manifest));
  archive.finalize();
  await done;
  const r = spawnSync('docker', ['load', '-q'], { input: Buffer.concat(chunks), encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`docker load failed: ${r.stderr}`);
}

function time(f: () => void): number {
  const t = process.hrtime.bigint();
  f();
  return Number(process.hrtime.bigint() - t) / 1e6;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

/** Runs the benchmark and prints its figures. */
export async function run(): Promise<void> {
  const info = spawnSync('docker', ['info', '--format', '{{.Driver}} {{.DockerRootDir}}'], { encoding: 'utf8' });
  if (info.status !== 0) {
    console.log('docker-layers: skipped (no Docker engine answers; start it with bash scripts/services.sh start)');
    return;
  }
  const [driver, root] = info.stdout.trim().split(' ');
  if (driver !== 'overlay2') {
    console.log(`docker-layers: skipped (storage driver ${driver}, not overlay2)`);
    return;
  }
  await ensureBenchImages();
  const images = execFileSync('docker', ['images', '-aq'], { encoding: 'utf8' }).split('\n').filter(Boolean).length;
  const dirs = execFileSync('ls', [path.join(root, 'overlay2')], { encoding: 'utf8' }).split('\n').filter((n) => n && n !== 'l').length;

  const ours = () => {
    const r = spawnSync(process.execPath, [CLI, 'layers', '--json', '--live', '--access', 'direct'], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
    if (r.status !== 0) throw new Error(`overlay-lab layers failed: ${r.stderr}`);
  };
  // What a user types: every image's inspect, then a listing of the store and its links.
  const shell = () => {
    const r = spawnSync('bash', ['-c', `for i in $(docker images -aq); do docker image inspect "$i" >/dev/null; done; ls -l ${root}/overlay2 ${root}/overlay2/l >/dev/null; for d in ${root}/overlay2/*/; do cat "$d/link" "$d/lower" >/dev/null 2>&1; done; true`], { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`shell route failed: ${r.stderr}`);
  };
  ours(); // warm the page cache for both routes alike
  shell();
  const a: number[] = [];
  const b: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    a.push(time(ours));
    b.push(time(shell));
  }
  const ma = median(a);
  const mb = median(b);
  console.log(`docker-layers: host with ${images} images and ${dirs} layer directories (median of ${RUNS} runs)`);
  console.log(`  overlay-lab layers --json (process, full report)   ${ma.toFixed(0)} ms`);
  console.log(`  shell route (docker image inspect x ${images} + ls)       ${mb.toFixed(0)} ms`);
  console.log(`  ratio: overlay-lab is ${(mb / ma).toFixed(1)}x faster (target >= 5x, and under 1000 ms: ${ma < 1000 ? 'met' : 'NOT met'})`);
}

if (require.main === module) {
  run().catch((e) => {
    console.error(e);
    process.exitCode = 1;
  });
}
