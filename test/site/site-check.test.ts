/// <reference lib="dom" />
/*
 * npm run site:check on a build made for a project path (https://overlay-lab.example/overlay-lab/),
 * as the GitHub Pages workflow builds it: the real build passes, and each kind of fault put into a
 * copy of it is found. Then the same build served as GitHub Pages serves it, in Chromium: a miss
 * under /overlay-lab/en/ gets the English 404. About 2-4 minutes, most of it the build.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { need } from '../support/env';
import { checkSite, type Problem } from '../../scripts/site-check';
import { generateDocs } from '../../scripts/docs-gen';
import { browserMissing, buildSite, launchBrowser, ROOT, servePages } from './support';

const skip = need(browserMissing());
const SITE = { url: 'https://overlay-lab.example', baseUrl: '/overlay-lab/' };
const ENV = { SITE_URL: SITE.url, SITE_BASE_URL: SITE.baseUrl };
let tmp: string;
let out: string;

/** A copy of the build with one fault put in. */
function faulty(edit: (dir: string) => void): Problem[] {
  const dir = join(tmp, `copy-${Math.random().toString(36).slice(2)}`);
  cpSync(out, dir, { recursive: true });
  edit(dir);
  const r = checkSite(dir, SITE).problems;
  rmSync(dir, { recursive: true, force: true });
  return r;
}
const edit = (dir: string, file: string, from: string | RegExp, to: string) => {
  const p = join(dir, file);
  const html = readFileSync(p, 'utf8');
  const next = html.replace(from, to);
  if (next === html) throw new Error(`${file}: ${from} not found`);
  writeFileSync(p, next);
};

describe.skipIf(skip)('site:check on a build for a project path', () => {
  beforeAll(() => {
    tmp = mkdtempSync(join(tmpdir(), 'site-check-'));
    out = join(tmp, 'build');
    generateDocs();
    buildSite(out, { env: ENV });
  }, 480_000);

  afterAll(() => {
    if (tmp) rmSync(tmp, { recursive: true, force: true });
  });

  it('passes the build, from the command line, in the user’s language', () => {
    const run = (lang: string) =>
      spawnSync(process.execPath, [join(ROOT, 'node_modules/tsx/dist/cli.mjs'), join(ROOT, 'scripts/site-check.ts'), '--dir', out], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, ...ENV, LANG: lang, LC_ALL: '', LC_MESSAGES: '' } });
    const en = run('en_US.UTF-8');
    expect(en.stderr).toBe('');
    expect(en.status).toBe(0);
    expect(en.stdout).toMatch(/^site:check: \d+ pages in .*, served at https:\/\/overlay-lab\.example\/overlay-lab\/: links, anchors/);
    expect(run('pt_BR.UTF-8').stdout).toMatch(/^site:check: \d+ páginas em /);
    // The same build does not pass for another address: every link would leave the baseUrl.
    const elsewhere = spawnSync(process.execPath, [join(ROOT, 'node_modules/tsx/dist/cli.mjs'), join(ROOT, 'scripts/site-check.ts'), '--dir', out], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, SITE_URL: SITE.url, SITE_BASE_URL: '/', LANG: 'en_US.UTF-8' } });
    expect(elsewhere.status).toBe(1);
    expect(elsewhere.stderr).toMatch(/\d+ problems? in .* \(served at https:\/\/overlay-lab\.example\/\)/);
  });

  it('the build has what a published site needs: absolute canonical and hreflang under the project path, sitemaps, robots.txt, images', () => {
    const html = readFileSync(join(out, 'en/docs/concepts.html'), 'utf8');
    expect(html).toMatch(/rel="?canonical"? href="?https:\/\/overlay-lab\.example\/overlay-lab\/en\/docs\/concepts"?/);
    expect(html).toMatch(/rel="?alternate"? href="?https:\/\/overlay-lab\.example\/overlay-lab\/docs\/concepts"? hreflang="?pt-BR"?/);
    expect(html).toMatch(/property="?og:image"? content="?https:\/\/overlay-lab\.example\/overlay-lab\/en\/img\/generated\/og\.en\.png"?/);
    expect(html).toMatch(/rel="?apple-touch-icon"?[^>]*href="?\/overlay-lab\/en\/img\/generated\/apple-touch-icon\.png"?/);
    expect(readFileSync(join(out, 'robots.txt'), 'utf8')).toContain('Sitemap: https://overlay-lab.example/overlay-lab/en/sitemap.xml');
    for (const f of ['img/generated/og.pt-BR.png', 'en/img/generated/og.en.png', 'img/generated/apple-touch-icon.png', 'img/generated/favicon-32.png']) {
      const png = readFileSync(join(out, f));
      expect(png.subarray(1, 4).toString(), f).toBe('PNG');
    }
    // The Open Graph image is 1200×630 (IHDR: width and height as big-endian 32-bit integers).
    const og = readFileSync(join(out, 'img/generated/og.pt-BR.png'));
    expect([og.readUInt32BE(16), og.readUInt32BE(20)]).toEqual([1200, 630]);
  });

  it('finds a broken link, a missing anchor, a link outside the baseUrl, a wrong hreflang, a page missing from the sitemap, generated text and a cut description', () => {
    const kinds = (ps: Problem[]) => [...new Set(ps.map((p) => p.kind))];
    expect(kinds(faulty((d) => edit(d, 'docs/intro.html', /href="?\/overlay-lab\/docs\/concepts"?/, 'href=/overlay-lab/docs/concept')))).toEqual(['link']);
    expect(kinds(faulty((d) => edit(d, 'docs/intro.html', /href="?\/overlay-lab\/docs\/concepts"?/, 'href=/overlay-lab/docs/concepts#no-such-heading')))).toEqual(['anchor']);
    expect(kinds(faulty((d) => edit(d, 'en/docs/intro.html', /href="?\/overlay-lab\/en\/docs\/concepts"?/, 'href=/en/docs/concepts')))).toEqual(['outside']);
    const hreflang = faulty((d) => edit(d, 'en/docs/glossary.html', /href="?https:\/\/overlay-lab\.example\/overlay-lab\/docs\/glossary"? hreflang="?pt-BR"?/, 'href=https://overlay-lab.example/overlay-lab/docs/concepts hreflang=pt-BR'));
    expect(kinds(hreflang)).toEqual(['hreflang']);
    expect(hreflang.map((p) => p.file)).toContain('en/docs/glossary.html');
    const sitemap = faulty((d) => edit(d, 'en/sitemap.xml', /<url><loc>https:\/\/overlay-lab\.example\/overlay-lab\/en\/docs\/glossary<\/loc>.*?<\/url>/, ''));
    expect(sitemap.map((p) => `${p.kind} ${p.file}`)).toEqual(['sitemap en/sitemap.xml']);
    expect(kinds(faulty((d) => edit(d, 'docs/labs/seed-lab.html', /<article>/, '<article><p>{/ Generated by scripts/docs-gen.ts from notebooks/pt-BR/01-seed-lab.ipynb /}</p>')))).toEqual(['generated']);
    expect(kinds(faulty((d) => edit(d, 'en/docs/running.html', /name="?description"? content="[^"]*"/, 'name=description content="How to run the lab on a Linux machine: the command line, the"')))).toEqual(['description']);
    expect(kinds(faulty((d) => rmSync(join(d, 'robots.txt'))))).toEqual(['robots']);
  });

  it('served as GitHub Pages serves it, a miss under /overlay-lab/en/ gets the English 404 at the same address, and one under /overlay-lab/ the Portuguese', async () => {
    const server = await servePages(out, SITE.baseUrl);
    const browser = await launchBrowser();
    try {
      for (const [path, lang, h1] of [
        ['/overlay-lab/en/docs/no-such-page', 'en', 'Page Not Found'],
        ['/overlay-lab/docs/pagina-que-nao-existe', 'pt-BR', 'Página não encontrada'],
      ] as const) {
        const ctx = await browser.newContext();
        await ctx.route('**/*', (r) => (r.request().url().startsWith(server.url) ? r.continue() : r.abort()));
        const page = await ctx.newPage();
        const errors: string[] = [];
        page.on('pageerror', (e) => errors.push(e.message));
        await page.goto(server.url + path);
        await page.waitForFunction((l) => document.documentElement.lang === l && document.documentElement.dataset.hasHydrated === 'true', lang, { timeout: 15_000 });
        expect(await page.locator('h1').first().textContent(), path).toBe(h1);
        expect(new URL(page.url()).pathname, path).toBe(path);
        expect(errors, path).toEqual([]);
        await ctx.close();
      }
    } finally {
      await browser.close();
      await server.stop();
    }
  }, 90_000);
});

if (skip) console.log(`site:check on a project-path build: skipped, ${skip}`);
