/*
 * Benchmark of the published site (npm run bench), each figure against a peer measured in the same run:
 *  1. cold build of both locales (pt-BR, en)       vs a minimal Docusaurus site (one page, same
 *                                                    preset, same locales, same bundler) built the same way
 *  2. the playground's own JavaScript, gzipped     vs the Docusaurus runtime's own chunks (runtime~main + main)
 *  3. one playground action on a 128-layer stack,   vs the frame budget (16.7 ms at 60 Hz), and the same
 *     click to DOM, in Chromium                      actions on the preset's own 3-layer stack
 * Targets: build < 120 s, own JS < 100 KB gzipped, an action within one frame.
 */
import { mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { browserMissing, buildSite, launchBrowser, offlineContext, ROOT, serveSite } from '../test/site/support';
import { generateDocs } from '../scripts/docs-gen';

const FRAME_MS = 1000 / 60;
const OUT = join(ROOT, '.cache/bench-site');
export const PEER = join(ROOT, '.cache/bench-min-site');

function coldCaches(siteDir: string): void {
  for (const d of ['.docusaurus', 'node_modules/.cache']) rmSync(join(siteDir, d), { recursive: true, force: true });
}

/** The peer: one page, the classic preset, the same two locales and the same `future` flags. */
export function writePeerSite(): void {
  rmSync(PEER, { recursive: true, force: true });
  mkdirSync(join(PEER, 'docs'), { recursive: true });
  mkdirSync(join(PEER, 'i18n/en/docusaurus-plugin-content-docs/current'), { recursive: true });
  writeFileSync(
    join(PEER, 'docusaurus.config.js'),
    `module.exports = {
  title: 'peer', url: 'http://localhost', baseUrl: '/',
  future: { v4: { removeLegacyPostBuildHeadAttribute: true }, faster: true },
  i18n: { defaultLocale: 'pt-BR', locales: ['pt-BR', 'en'] },
  presets: [['classic', { docs: { routeBasePath: '/' }, blog: false, pages: false, sitemap: false }]],
};
`,
  );
  writeFileSync(join(PEER, 'docs/index.md'), '# Página\n\nUma página.\n');
  writeFileSync(join(PEER, 'i18n/en/docusaurus-plugin-content-docs/current/index.md'), '# Page\n\nOne page.\n');
  writeFileSync(join(PEER, 'package.json'), JSON.stringify({ name: 'peer', private: true, browserslist: { production: ['>0.5%', 'not dead', 'not op_mini all'], development: ['last 1 chrome version'] } }));
}

export const gz = (b: Buffer | string) => gzipSync(b, { level: 9 }).length;
export const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;

/** The playground's own code (views, hook, model and the engine it imports), minified and gzipped. */
async function playgroundOwnJs(): Promise<number> {
  const esbuild = await import('esbuild');
  const r = await esbuild.build({
    entryPoints: [join(ROOT, 'website/src/components/Playground/index.tsx')],
    bundle: true,
    minify: true,
    write: false,
    format: 'esm',
    platform: 'browser',
    target: 'es2020',
    jsx: 'automatic',
    external: ['react', 'react-dom', 'react/jsx-runtime', '@docusaurus/*', '@theme/*'],
    loader: { '.css': 'empty', '.module.css': 'empty' },
    logLevel: 'silent',
  });
  return gz(Buffer.from(r.outputFiles[0].contents));
}

/** Docusaurus's own runtime: the scripts every page of the build loads first. */
function runtimeJs(outDir: string): { bytes: number; files: string[] } {
  // trailingSlash: false writes playground.html; the minified HTML leaves attributes unquoted.
  const html = readFileSync(join(outDir, 'playground.html'), 'utf8');
  const files = [...html.matchAll(/<script src="?\/(assets\/js\/(?:runtime~main|main)\.[^"\s>]+\.js)"?/g)].map((m) => m[1]);
  if (files.length !== 2) throw new Error(`expected runtime~main and main in playground.html, found ${files.join(', ') || 'none'}`);
  return { bytes: files.reduce((s, f) => s + gz(readFileSync(join(outDir, f))), 0), files };
}

const quantile = (xs: number[], q: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * q))];

export async function run(): Promise<void> {
  const missing = browserMissing();
  if (missing) {
    console.log(`site: skipped (${missing})`);
    return;
  }
  console.log('## Site');

  // 1. Cold builds, peer first.
  writePeerSite();
  coldCaches(PEER);
  const peerS = buildSite(join(PEER, 'build'), { siteDir: PEER });
  generateDocs();
  coldCaches(ROOT);
  rmSync(OUT, { recursive: true, force: true });
  const siteS = buildSite(OUT);
  console.log(`cold build, both locales: site ${siteS.toFixed(1)} s, minimal one-page site ${peerS.toFixed(1)} s, ratio ${(siteS / peerS).toFixed(2)}x (target < 120 s: ${siteS < 120 ? 'met' : 'NOT met'})`);

  // 2. JavaScript.
  const own = await playgroundOwnJs();
  const rt = runtimeJs(OUT);
  console.log(`playground's own JS (views + engine), gzipped: ${kb(own)}; Docusaurus runtime (${rt.files.length} chunks): ${kb(rt.bytes)}; ratio ${(own / rt.bytes).toFixed(2)}x (target < 100 KB: ${own < 100 * 1024 ? 'met' : 'NOT met'})`);

  // 3. In the browser: JS the playground page loads beyond a plain doc page, and the cost of an action.
  const server = await serveSite(OUT);
  const browser = await launchBrowser();
  try {
    const jsOf = async (path: string, wait: string) => {
      const { ctx } = await offlineContext(browser, server.url);
      const page = await ctx.newPage();
      const seen = new Set<string>();
      page.on('response', (r) => {
        if (r.url().endsWith('.js')) seen.add(new URL(r.url()).pathname);
      });
      await page.goto(server.url + path);
      await page.waitForSelector(wait);
      await page.waitForTimeout(1500);
      await ctx.close();
      return seen;
    };
    const plain = await jsOf('/docs/glossary', 'article');
    const pg = await jsOf('/playground?preset=ubuntu', '.docusaurus-mermaid-container svg');
    const extra = [...pg].filter((p) => !plain.has(p));
    const extraBytes = extra.reduce((s, p) => s + gz(readFileSync(join(OUT, p))), 0);
    console.log(`JS the playground page loads beyond a plain doc page, gzipped: ${kb(extraBytes)} in ${extra.length} chunks (its own code plus Mermaid, loaded for the diagram)`);

    const actionMs = async (layers: number) => {
      const { ctx } = await offlineContext(browser, server.url);
      const page = await ctx.newPage();
      await page.goto(`${server.url}/playground?preset=ubuntu${layers ? `&layers=${layers}` : ''}`);
      await page.waitForSelector('[data-testid="playground"][data-steps="0"]');
      const times: number[] = [];
      const lines = ['append etc/os-release x', 'write tmp/new-{i} data', 'chmod 0600 etc/passwd', 'rm tmp/new-{i}', 'mkdir srv-{i}', 'rename srv-{i} srv-{i}b'];
      for (let i = 0; i < 30; i++) {
        await page.fill('[data-testid="action-line"]', lines[i % lines.length].replace(/\{i\}/g, String(i)));
        await page.press('[data-testid="action-line"]', 'Enter');
        await page.waitForSelector(`[data-testid="playground"][data-steps="${i + 1}"]`);
        times.push(Number(await page.getAttribute('[data-testid="playground"]', 'data-action-ms')));
      }
      await ctx.close();
      return { median: quantile(times, 0.5), p90: quantile(times, 0.9), max: Math.max(...times) };
    };
    const deep = await actionMs(128);
    const shallow = await actionMs(0);
    console.log(
      `one action, click to DOM (30 actions): 128 layers median ${deep.median.toFixed(1)} ms, p90 ${deep.p90.toFixed(1)}, max ${deep.max.toFixed(1)}; 3 layers median ${shallow.median.toFixed(1)} ms; ` +
        `128 layers vs the 16.7 ms frame: ${(deep.median / FRAME_MS).toFixed(2)}x (target <= 1: ${deep.median <= FRAME_MS ? 'met' : 'NOT met'}), vs 3 layers: ${(deep.median / shallow.median).toFixed(2)}x`,
    );
  } finally {
    await browser.close();
    server.stop();
  }
}

if (require.main === module) run().catch((e) => {
  console.error(e);
  process.exit(1);
});
