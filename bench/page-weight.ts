/*
 * Page weight (npm run bench -- page-weight): the JavaScript the home page loads, gzipped, against the
 * one page of a minimal Docusaurus site (same preset, locales and bundler: bench/site.ts's peer), both
 * built in this run and loaded the same way in Chromium: every script until the network is idle,
 * measured as the build's files gzipped at level 9. Warm builds: this figure is about bytes, not time.
 * Target: under 300 KB.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { browserMissing, buildSite, launchBrowser, offlineContext, ROOT, serveSite } from '../test/site/support';
import { generateDocs } from '../scripts/docs-gen';
import { gz, kb, PEER, writePeerSite } from './site';

const OUT = join(ROOT, '.cache/bench-page-weight');
const TARGET = 300 * 1024;

/** Every script a page loads until the network is idle, and their gzipped size in the build. */
async function pageJs(browser: Browser, outDir: string, path: string, wait?: string): Promise<{ bytes: number; files: number; mermaid: boolean }> {
  const server = await serveSite(outDir);
  try {
    const { ctx } = await offlineContext(browser, server.url);
    const page = await ctx.newPage();
    const seen = new Set<string>();
    page.on('response', (r) => {
      if (r.url().endsWith('.js')) seen.add(new URL(r.url()).pathname);
    });
    await page.goto(server.url + path, { waitUntil: 'load' });
    // Chunks loaded after hydration (a diagram's renderer) count too: wait for React, then for the network.
    await page.waitForFunction(() => document.documentElement.dataset.hasHydrated === 'true', undefined, { timeout: 30_000 });
    if (wait) await page.waitForSelector(wait, { timeout: 30_000 });
    await page.waitForLoadState('networkidle');
    await page.waitForTimeout(1500);
    await ctx.close();
    const bodies = [...seen].map((p) => readFileSync(join(outDir, p)));
    // Mermaid's flowchart renderer registers itself under this id.
    return { bytes: bodies.reduce((s, b) => s + gz(b), 0), files: seen.size, mermaid: bodies.some((b) => b.includes('flowchart-v2')) };
  } finally {
    server.stop();
  }
}

export async function run(): Promise<void> {
  const missing = browserMissing();
  if (missing) {
    console.log(`page weight: skipped (${missing})`);
    return;
  }
  console.log('## Page weight');
  writePeerSite();
  buildSite(join(PEER, 'build'), { siteDir: PEER });
  generateDocs();
  buildSite(OUT);
  const browser = await launchBrowser();
  try {
    for (const [label, path] of [['pt-BR', '/'], ['en', '/en/']] as const) {
      // The diagram, whichever way the page draws it: an image drawn at build time, or Mermaid's SVG.
      const home = await pageJs(browser, OUT, path, '[data-testid="lab-diagram"] img, [data-testid="lab-diagram"] svg');
      const peer = await pageJs(browser, join(PEER, 'build'), path);
      console.log(
        `home page (${label}) JS, gzipped: ${kb(home.bytes)} in ${home.files} files${home.mermaid ? ', Mermaid included' : ', no Mermaid'}; ` +
          `one-page Docusaurus site: ${kb(peer.bytes)} in ${peer.files} files; ratio ${(home.bytes / peer.bytes).toFixed(2)}x ` +
          `(target < 300 KB: ${home.bytes < TARGET ? 'met' : 'NOT met'})`,
      );
    }
  } finally {
    await browser.close();
  }
}

if (require.main === module) run().catch((e) => {
  console.error(e);
  process.exit(1);
});
