/*
 * Benchmark: the playground opening a `docker save` archive of about 120 MB (bench/image-load.ts's
 * image) in the real Chromium, read in the page's Web Worker (File slices; each layer held and
 * hashed whole, with its files, by WebCrypto in the hashing worker; hashes only), against the same
 * load in Node (zlib and OpenSSL's SHA-256) in the same run.
 * Figures: time to the first layer table (timed in the page: the pick to the frame showing it),
 * total time, peak JS heap and array buffers (page + workers, read over CDP),
 * and the page's longest main-thread task (PerformanceObserver 'longtask') from the pick to the
 * table, once the page has drawn its own diagrams (their long tasks are the page's load, counted
 * apart). Both sides load hashes only (the page's checkbox ticked), as the CLI does.
 * Targets: within 2x of Node, heap under half the archive (hashes only), no main-thread task > 100 ms.
 */
import { createReadStream, mkdtempSync, rmSync, statSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import type { Browser, CDPSession, Page } from 'playwright-core';
import { imageSummary } from '../src/image/archive-view';
import { warmSha256, webImageIo } from '../src/image/browser-io';
import { loadArchive } from '../src/image/load-archive';
import { nodeImageIo } from '../src/image/node';
import { browserMissing, buildSite, launchBrowser, offlineContext, ROOT, serveSite } from '../test/site/support';
import { ensureImage, IMAGE } from './image-load';
import { generateDocs } from '../scripts/docs-gen';

const OUT = join(ROOT, '.cache/bench-archive-site');
const RUNS = 3;
const MB = 1e6;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** Node: the load the CLI does, then the summary the worker posts (the layer table's data). */
async function nodeLoad(file: string, io = nodeImageIo, hashesOnly = true): Promise<{ table: number; heap: number; buffers: number }> {
  let heap = 0;
  let buffers = 0;
  const sample = () => {
    const m = process.memoryUsage();
    [heap, buffers] = [Math.max(heap, m.heapUsed), Math.max(buffers, m.arrayBuffers)];
  };
  const timer = setInterval(sample, 2);
  const t = performance.now();
  try {
    const image = await loadArchive(createReadStream(file, { highWaterMark: 1 << 20 }), file, io, { hashesOnly }, statSync(file).size);
    imageSummary(image);
    const table = performance.now() - t;
    sample();
    return { table, heap, buffers };
  } finally {
    clearInterval(timer);
  }
}

interface HeapUse {
  usedSize: number;
  /** Array buffers' bytes (outside the JS heap): file reads, a held layer. */
  backingStorageSize?: number;
}

/** Heap of the page's workers (summed), over the browser's CDP session: a worker has no performance.memory. */
async function workerHeap(browser: Browser): Promise<() => Promise<{ used: number; buffers: number }>> {
  const cdp: CDPSession = await browser.newBrowserCDPSession();
  const { targetInfos } = await cdp.send('Target.getTargets');
  const workers = targetInfos.filter((t) => t.type === 'worker');
  if (!workers.length) throw new Error('no worker target');
  const sessions = await Promise.all(workers.map(async (w) => (await cdp.send('Target.attachToTarget', { targetId: w.targetId, flatten: false })).sessionId));
  let id = 0;
  const waiting = new Map<number, (v: HeapUse) => void>();
  cdp.on('Target.receivedMessageFromTarget', (e) => {
    const m = JSON.parse(e.message) as { id?: number; result?: HeapUse };
    if (m.id !== undefined) waiting.get(m.id)?.(m.result ?? { usedSize: 0 });
  });
  const one = (sessionId: string) =>
    new Promise<HeapUse>((resolve) => {
      const i = ++id;
      waiting.set(i, resolve);
      void cdp.send('Target.sendMessageToTarget', { sessionId, message: JSON.stringify({ id: i, method: 'Runtime.getHeapUsage' }) });
    });
  return async () => {
    const all = await Promise.all(sessions.map(one));
    return { used: all.reduce((a, b) => a + b.usedSize, 0), buffers: all.reduce((a, b) => a + (b.backingStorageSize ?? 0), 0) };
  };
}

async function browserLoad(browser: Browser, url: string, file: string, hashesOnly = true): Promise<{ table: number; driven: number; total: number; heap: number; buffers: number; longest: number; pageLoad: number }> {
  const { ctx } = await offlineContext(browser, url);
  try {
    const page: Page = await ctx.newPage();
    await page.addInitScript(() => {
      const w = window as unknown as { longest: number; picked?: number; painted?: number };
      w.longest = 0;
      new PerformanceObserver((l) => l.getEntries().forEach((e) => (w.longest = Math.max(w.longest, e.duration)))).observe({ type: 'longtask', buffered: false });
      // The user's wait, timed in the page: from the file input's change to the first frame showing the layer table.
      document.addEventListener('change', (e) => (e.target as HTMLElement).dataset?.testid === 'archive-input' && (w.picked = performance.now()), true);
      new MutationObserver(() => {
        if (w.picked !== undefined && w.painted === undefined && document.querySelector('[data-testid=archive-layer]')) {
          w.painted = -1;
          requestAnimationFrame(() => setTimeout(() => (w.painted = performance.now())));
        }
      }).observe(document, { subtree: true, childList: true });
    });
    const started = page.waitForEvent('worker');
    await page.goto(`${url}/playground`, { waitUntil: 'networkidle' });
    await started;
    // The playground draws its built-in stack (Mermaid) after the network is idle: wait for it, so
    // its long tasks count as the page's load, not the archive's.
    await page.locator('[data-testid=diagram] svg').first().waitFor({ timeout: 120_000 });
    await page.locator('[data-testid=grid] svg').first().waitFor({ timeout: 120_000 });
    await page.waitForTimeout(500);
    const pageLoad = await page.evaluate(() => (window as unknown as { longest: number }).longest);
    const heapOfWorker = await workerHeap(browser);
    const pageCdp = await ctx.newCDPSession(page);
    let heap = 0;
    let buffers = 0;
    let sampling = true;
    const sampler = (async () => {
      while (sampling) {
        const [w, p] = await Promise.all([heapOfWorker(), pageCdp.send('Runtime.getHeapUsage')]);
        heap = Math.max(heap, w.used + p.usedSize);
        buffers = Math.max(buffers, w.buffers + (p.backingStorageSize ?? 0));
        await new Promise((r) => setTimeout(r, 20));
      }
    })();
    await page.evaluate(() => ((window as unknown as { longest: number }).longest = 0));
    if (hashesOnly) await page.getByTestId('archive-hashes-only').check();
    const t = performance.now();
    await page.getByTestId('archive-input').setInputFiles(file);
    // Polled each frame: a locator's waitFor polls at widening intervals and found the table up to 300 ms late.
    await page.waitForFunction(() => document.querySelector('[data-testid=archive-layer]'), null, { polling: 'raf', timeout: 600_000 });
    const driven = performance.now() - t;
    await page.waitForFunction(() => ((window as unknown as { painted?: number }).painted ?? -1) > 0);
    const table = await page.evaluate(() => {
      const w = window as unknown as { picked: number; painted: number };
      return w.painted - w.picked;
    });
    const total = Number(await page.getByTestId('archive-loaded').getAttribute('data-ms'));
    sampling = false;
    await sampler;
    const longest = await page.evaluate(() => (window as unknown as { longest: number }).longest);
    return { table, driven, total, heap, buffers, longest, pageLoad };
  } finally {
    await ctx.close();
  }
}

export async function run(): Promise<void> {
  const missing = browserMissing();
  if (missing || spawnSync('docker', ['info'], { stdio: 'ignore' }).status !== 0) {
    console.log(`## Archive in the browser\nskipped: ${missing ?? 'no Docker engine answers'}`);
    return;
  }
  const [start] = loadavg();
  ensureImage();
  const work = mkdtempSync(join(tmpdir(), 'ovl-bench-archive-'));
  let browser: Browser | undefined;
  let server: { url: string; stop: () => void } | undefined;
  try {
    const archive = join(work, 'image.tar');
    spawnSync('docker', ['save', '-o', archive, IMAGE]);
    const size = statSync(archive).size;
    generateDocs(); // the lab pages the site links to are made from the notebooks
    buildSite(OUT, { locale: 'pt-BR' });
    server = await serveSite(OUT);
    browser = await launchBrowser();
    await nodeLoad(archive); // warm the page cache
    const node: Awaited<ReturnType<typeof nodeLoad>>[] = [];
    const web: Awaited<ReturnType<typeof browserLoad>>[] = [];
    for (let i = 0; i < RUNS; i++) {
      node.push(await nodeLoad(archive));
      web.push(await browserLoad(browser, server.url, archive));
    }
    // The page's default under 250 MB: the contents kept, on both sides (a figure beside the target's).
    const keptNode: number[] = [];
    const keptWeb: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      keptNode.push((await nodeLoad(archive, nodeImageIo, false)).table);
      keptWeb.push((await browserLoad(browser, server.url, archive, false)).table);
    }
    await warmSha256();
    const nodePure = await nodeLoad(archive, webImageIo);
    const n = median(node.map((r) => r.table));
    const b = median(web.map((r) => r.table));
    const bt = median(web.map((r) => r.total));
    const bd = median(web.map((r) => r.driven));
    const heap = Math.max(...web.map((r) => r.heap));
    const buffers = Math.max(...web.map((r) => r.buffers));
    const longest = Math.max(...web.map((r) => r.longest));
    const pageLoad = Math.max(...web.map((r) => r.pageLoad));
    const [load1] = loadavg();
    const fmt = (ms: number) => `${ms.toFixed(0)} ms (${(size / MB / (ms / 1000)).toFixed(0)} MB/s)`;
    console.log('## Archive in the browser');
    console.log(`archive: ${IMAGE}, ${(size / MB).toFixed(1)} MB, hashes only; median of ${RUNS}; load average at the start ${start.toFixed(1)}, at the end ${load1.toFixed(1)} (${cpus().length} CPUs)`);
    console.log(`browser (Chromium, worker): first layer table ${fmt(b)} (in the page: the pick to the frame that shows it; ${bd.toFixed(0)} ms through the test driver, setInputFiles to the table found, polled each frame); worker total ${fmt(bt)}; peak JS heap ${(heap / MB).toFixed(1)} MB (page + worker, ${((heap / size) * 100).toFixed(1)}% of the archive), array buffers at most ${(buffers / MB).toFixed(1)} MB besides (reads in flight, a held layer); longest main-thread task ${longest.toFixed(0)} ms`);
    console.log(`Node (zlib, OpenSSL SHA-256): layer table data ${fmt(n)}; peak heap ${(Math.max(...node.map((r) => r.heap)) / MB).toFixed(1)} MB, array buffers ${(Math.max(...node.map((r) => r.buffers)) / MB).toFixed(1)} MB`);
    console.log(`Node with the browser's I/O (WebCrypto SHA-256, layers held, on one thread): ${fmt(nodePure.table)}`);
    console.log(`runs (browser table / Node): ${web.map((w, i) => `${w.table.toFixed(0)}/${node[i].table.toFixed(0)} ms`).join(', ')}; longest task per run ${web.map((w) => w.longest.toFixed(0)).join(', ')} ms; page's own load (its diagrams) ${pageLoad.toFixed(0)} ms`);
    console.log(`contents kept (the page's default under 250 MB), browser table / Node: ${keptWeb.map((w, i) => `${w.toFixed(0)}/${keptNode[i].toFixed(0)} ms`).join(', ')}; medians ${median(keptWeb).toFixed(0)}/${median(keptNode).toFixed(0)} ms, ${(median(keptWeb) / median(keptNode)).toFixed(2)}x`);
    console.log(`ratio: browser/Node ${(b / n).toFixed(2)}x (target <= 2); heap/archive ${(heap / size).toFixed(3)} (target < 0.5); longest task ${longest.toFixed(0)} ms (target <= 100)`);
  } finally {
    await browser?.close();
    server?.stop();
    rmSync(work, { recursive: true, force: true });
  }
}

if (require.main === module) run().catch((e) => {
  console.error(e);
  process.exitCode = 1;
});
