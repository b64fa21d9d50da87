// Benchmark: event-to-screen latency of `overlay-lab watch` and of `overlay-lab serve` (its page
// open in Chromium) for a `docker build` of 5 layers (legacy builder, one RUN per layer), against
// polling `overlay-lab layers --json` once a second, in the same run. The event time of each new
// layer directory is the engine's time of the event watch puts it down to (the same reference
// for all three); "on screen" is when watch wrote its line, when the page first showed the
// change's line (the page's clock: same machine), and for polling when the first `layers` run
// that lists the directory ended.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';

const CLI = path.join(__dirname, '..', 'dist', 'cli', 'main.js');
const BUILDS = 3;
const LAYERS = 5;
const LABEL = 'io.overlay-lab.bench=1';
const CHROMIUM = '/usr/bin/chromium';

interface ChangeLine {
  type: string;
  change?: string;
  dir?: string;
  cause?: { at?: number };
  latencyMs?: number;
}

/** `overlay-lab serve` with its page open in Chromium; seen() reads when the page showed each new directory. */
async function servePage(): Promise<{ seen: () => Promise<Map<string, { at: number; seenAt: number }>>; stop: () => Promise<void> } | string> {
  if (!existsSync(CHROMIUM)) return `${CHROMIUM} not installed`;
  const child = spawn(process.execPath, [CLI, 'serve', '--lang', 'en'], { stdio: ['ignore', 'pipe', 'ignore'] });
  let out = '';
  child.stdout.on('data', (c: Buffer) => (out += c.toString('utf8')));
  const deadline = Date.now() + 30_000;
  while (!/open (http\S+)/.test(out) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
  const url = /open (http\S+)/.exec(out)?.[1];
  if (!url) return (child.kill('SIGKILL'), 'serve printed no URL');
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-dev-shm-usage'], headless: true });
  const page = await browser.newPage();
  await page.goto(url);
  await page.waitForSelector('#panel-0 [data-status="live"]', { timeout: 30_000 });
  const seen = async () =>
    new Map(
      (await page.$$eval('#panel-0 li[data-change="added"]', (els) => els.map((e) => [(e as HTMLElement).dataset.dir, (e as HTMLElement).dataset.at, (e as HTMLElement).dataset.seenAt]))).map(([d, at, s]) => [d ?? '', { at: Number(at), seenAt: Number(s) }]),
    );
  const stop = async () => {
    await browser.close();
    child.kill('SIGINT');
  };
  return { seen, stop };
}

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))];
};

function dirsOf(ref: string): string[] {
  const data = JSON.parse(spawnSync('docker', ['inspect', ref, '--format', '{{json .GraphDriver.Data}}'], { encoding: 'utf8' }).stdout) as { UpperDir: string; LowerDir?: string };
  return [data.UpperDir, ...(data.LowerDir ?? '').split(':').filter(Boolean)].map((p) => path.basename(path.dirname(p)));
}

/** Runs `overlay-lab layers --json` in a loop, one start per second (or right after a slow one). */
function poller(seenAt: Map<string, number>, stop: () => boolean): Promise<number[]> {
  const durations: number[] = [];
  return (async () => {
    while (!stop()) {
      const start = Date.now();
      const r = await new Promise<string>((resolve) => {
        const c = spawn(process.execPath, [CLI, 'layers', '--json', '--live', '--access', 'direct'], { stdio: ['ignore', 'pipe', 'ignore'] });
        let out = '';
        c.stdout.on('data', (d: Buffer) => (out += d.toString('utf8')));
        c.on('exit', () => resolve(out));
      });
      const end = Date.now();
      durations.push(end - start);
      try {
        for (const d of (JSON.parse(r) as { dirs: { id: string }[] }).dirs) if (!seenAt.has(d.id)) seenAt.set(d.id, end);
      } catch {
        // a failed run shows nothing
      }
      await new Promise((res) => setTimeout(res, Math.max(0, 1000 - (end - start))));
    }
    return durations;
  })();
}

/** Runs the benchmark and prints its figures. */
export async function run(): Promise<void> {
  const info = spawnSync('docker', ['info', '--format', '{{.Driver}}'], { encoding: 'utf8' });
  if (info.status !== 0 || info.stdout.trim() !== 'overlay2') {
    console.log('watch-latency: skipped (no Docker engine on overlay2 answers)');
    return;
  }
  spawnSync('bash', [path.join(__dirname, '..', 'scripts', 'docker-fixtures.sh')], { stdio: 'ignore' });
  const watch = spawn(process.execPath, [CLI, 'watch', '--json'], { stdio: ['ignore', 'pipe', 'ignore'] });
  const lines: ChangeLine[] = [];
  let rest = '';
  watch.stdout.on('data', (c: Buffer) => {
    const parts = (rest + c.toString('utf8')).split('\n');
    rest = parts.pop() ?? '';
    for (const p of parts) if (p.trim()) lines.push(JSON.parse(p) as ChangeLine);
  });
  const served = await servePage();
  const polled = new Map<string, number>();
  let stopped = false;
  const images: string[] = [];
  const watchMs: number[] = [];
  const serveMs: number[] = [];
  const pollMs: number[] = [];
  let pollDurations: number[] = [];
  try {
    while (!lines.some((l) => l.type === 'start')) await new Promise((r) => setTimeout(r, 100));
    const polling = poller(polled, () => stopped);
    await new Promise((r) => setTimeout(r, 2500)); // the poller's first lists hold the store as it was
    for (let b = 0; b < BUILDS; b++) {
      const ctx = mkdtempSync(path.join(tmpdir(), 'ovl-bench-watch-'));
      const steps = Array.from({ length: LAYERS }, (_, i) => `RUN echo ${process.pid}-${Date.now()}-${b}-${i} > /layer-${i}`).join('\n');
      writeFileSync(path.join(ctx, 'Dockerfile'), `FROM overlay-lab/busybox:1\nLABEL ${LABEL}\n${steps}\n`);
      const tag = `ovl-bench-watch:${process.pid}-${b}`;
      const r = spawnSync('docker', ['build', '-q', '-t', tag, ctx], { encoding: 'utf8', env: { ...process.env, DOCKER_BUILDKIT: '0' } });
      rmSync(ctx, { recursive: true, force: true });
      if (r.status !== 0) throw new Error(`docker build failed: ${r.stderr}`);
      images.push(tag);
      const dirs = dirsOf(tag).slice(0, LAYERS);
      const deadline = Date.now() + 15_000;
      let onPage = new Map<string, { at: number; seenAt: number }>();
      const ready = () => dirs.every((d) => polled.has(d) && (typeof served === 'string' || onPage.has(d)) && lines.some((l) => l.type === 'change' && l.change === 'added' && l.dir === d));
      while (!ready() && Date.now() < deadline) {
        await new Promise((res) => setTimeout(res, 100));
        if (typeof served !== 'string') onPage = await served.seen();
      }
      for (const d of dirs) {
        const s = onPage.get(d);
        if (s && s.at > 0) serveMs.push(Math.max(0, s.seenAt - s.at));
      }
      for (const d of dirs) {
        const l = lines.find((x) => x.type === 'change' && x.change === 'added' && x.dir === d);
        if (!l?.cause?.at || l.latencyMs === undefined) continue;
        watchMs.push(l.latencyMs);
        const p = polled.get(d);
        if (p !== undefined) pollMs.push(Math.max(0, p - l.cause.at));
      }
    }
    stopped = true;
    pollDurations = await polling;
  } finally {
    stopped = true;
    watch.kill('SIGINT');
    if (typeof served !== 'string') await served.stop();
    for (const i of images) spawnSync('docker', ['rmi', i], { encoding: 'utf8' });
  }
  const f = (xs: number[]) => `p50 ${pct(xs, 50).toFixed(0)} ms, p90 ${pct(xs, 90).toFixed(0)} ms (${xs.length} layers)`;
  console.log(`watch-latency: ${BUILDS} builds of ${LAYERS} layers each; event-to-screen latency of every new layer directory`);
  console.log(`  overlay-lab watch --json                    ${f(watchMs)}`);
  console.log(typeof served === 'string' || !serveMs.length ? `  overlay-lab serve (page in Chromium)        not measured: ${typeof served === 'string' ? served : 'no line seen'}` : `  overlay-lab serve (page in Chromium)        ${f(serveMs)}`);
  console.log(`  polling overlay-lab layers --json each 1 s  ${f(pollMs)} (one layers run: median ${pct(pollDurations, 50)} ms)`);
  console.log(`  ratio at p50: watch is ${(pct(pollMs, 50) / pct(watchMs, 50)).toFixed(1)}x sooner; watch p90 under 1000 ms: ${pct(watchMs, 90) < 1000 ? 'met' : 'NOT met'}`);
  if (serveMs.length) console.log(`  ratio at p50: serve's page is ${(pct(pollMs, 50) / pct(serveMs, 50)).toFixed(1)}x sooner than polling; serve p90 under 1000 ms: ${pct(serveMs, 90) < 1000 ? 'met' : 'NOT met'}`);
}

if (require.main === module) {
  run().catch((e) => {
    console.error(e);
    process.exitCode = 1;
  });
}
