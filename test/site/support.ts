/* The real pieces the site tests and the site benchmark drive: a Docusaurus build, its server, Chromium. */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { createServer as createHttpServer } from 'node:http';
import { createServer } from 'node:net';
import { extname, join, normalize, resolve } from 'node:path';
import type { Browser, BrowserContext, BrowserContextOptions } from 'playwright-core';

export const ROOT = resolve(__dirname, '../..');
export const CHROMIUM = '/usr/bin/chromium';
const DOCUSAURUS = resolve(ROOT, 'node_modules/.bin/docusaurus');

/** Flags that keep Chromium off the network (PLATFORM.md) and runnable as root. */
export const CHROMIUM_ARGS = ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic', '--disable-dev-shm-usage'];

/** Why the browser tests cannot run here, or undefined. */
export function browserMissing(): string | undefined {
  if (!existsSync(CHROMIUM)) return `${CHROMIUM} not installed (Debian: apt-get install chromium; scripts/setup.sh does it)`;
  if (!existsSync(DOCUSAURUS)) return 'node_modules/.bin/docusaurus missing (npm ci)';
  return undefined;
}

/** Runs `docusaurus build` (both locales unless one is named) into outDir; returns the seconds it took. `env` adds variables (SITE_URL, SITE_BASE_URL). */
export function buildSite(outDir: string, opts: { locale?: string; config?: string; siteDir?: string; env?: Record<string, string> } = {}): number {
  const args = ['build', ...(opts.siteDir ? [opts.siteDir] : []), '--out-dir', outDir];
  if (opts.locale) args.push('--locale', opts.locale);
  if (opts.config) args.push('--config', opts.config);
  const t0 = process.hrtime.bigint();
  const r = spawnSync(DOCUSAURUS, args, { cwd: ROOT, encoding: 'utf8', env: { ...process.env, ...opts.env, NODE_OPTIONS: '--max-old-space-size=4096' }, maxBuffer: 64 << 20 });
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  if (r.status !== 0) throw new Error(`docusaurus build failed (${r.status}):\n${(r.stderr || '').slice(-4000)}\n${(r.stdout || '').slice(-2000)}`);
  return seconds;
}

async function freePort(): Promise<number> {
  return new Promise((res, rej) => {
    const s = createServer();
    s.once('error', rej);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => res(port));
    });
  });
}

/** `docusaurus serve` on a free localhost port; stop() ends only the process it started. */
export async function serveSite(dir: string): Promise<{ url: string; stop: () => void }> {
  const port = await freePort();
  const child: ChildProcess = spawn(DOCUSAURUS, ['serve', '--dir', dir, '--port', String(port), '--host', '127.0.0.1', '--no-open'], { cwd: ROOT, stdio: 'ignore', detached: true });
  const url = `http://127.0.0.1:${port}`;
  const stop = () => {
    if (child.pid !== undefined && child.exitCode === null) {
      try {
        process.kill(-child.pid, 'SIGTERM');
      } catch {
        /* already gone */
      }
    }
  };
  // Starting `docusaurus serve` loads the site's config: seconds, and more than 10 on a loaded machine.
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    try {
      const r = await fetch(`${url}/`);
      if (r.ok) return { url, stop };
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  stop();
  throw new Error(`docusaurus serve did not answer on ${url}`);
}

const TYPES: Record<string, string> = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.css': 'text/css', '.json': 'application/json', '.svg': 'image/svg+xml', '.png': 'image/png', '.xml': 'application/xml', '.txt': 'text/plain' };

/**
 * A build served as GitHub Pages serves a project site: under `baseUrl` ('/overlay-lab/'), `x` answered
 * by x.html or x/index.html, and every miss, whatever its locale, by the root 404.html with status 404.
 */
export async function servePages(dir: string, baseUrl: string): Promise<{ url: string; stop: () => Promise<void> }> {
  const file = (rel: string) => {
    const p = normalize(join(dir, rel));
    return p.startsWith(dir) && existsSync(p) && statSync(p).isFile() ? p : undefined;
  };
  const server = createHttpServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    const rel = path.startsWith(baseUrl) ? path.slice(baseUrl.length).replace(/\/$/, '') : undefined;
    const hit = rel === undefined ? undefined : rel === '' ? file('index.html') : (file(rel) ?? file(`${rel}.html`) ?? file(`${rel}/index.html`));
    const body = hit ?? join(dir, '404.html');
    res.writeHead(hit ? 200 : 404, { 'content-type': TYPES[extname(body)] ?? 'application/octet-stream' });
    res.end(readFileSync(body));
  });
  const port = await freePort();
  await new Promise<void>((r) => server.listen(port, '127.0.0.1', r));
  return { url: `http://127.0.0.1:${port}`, stop: () => new Promise<void>((r) => server.close(() => r())) };
}

/** Chromium with no way out: every request that is not to the local server is aborted. */
export async function launchBrowser(): Promise<Browser> {
  const { chromium } = await import('playwright-core');
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true });
}

export async function offlineContext(browser: Browser, base: string, opts: BrowserContextOptions = {}): Promise<{ ctx: BrowserContext; blocked: string[] }> {
  const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 }, ...opts });
  const blocked: string[] = [];
  await ctx.route('**/*', (route) => {
    const u = route.request().url();
    if (u.startsWith(base) || u.startsWith('data:') || u.startsWith('blob:')) return route.continue();
    blocked.push(u);
    return route.abort();
  });
  return { ctx, blocked };
}
