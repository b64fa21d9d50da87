/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
/*
 * The published site in a real browser: Debian's Chromium driven by playwright-core against the
 * site built in both locales and served on localhost, with every request off this machine refused.
 * About 2-4 minutes, most of it the build (cold ~100 s on 2 cores, warm ~30 s).
 */
import { existsSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { need } from '../support/env';
import { ERRNO } from '../../src/union/errno';
import { FACTS, type FactName } from '../../src/union/limits';
import { UnionLab } from '../../src/scenario/lab';
import { presetById } from '../../src/scenario/presets';
import { parseScenario } from '../../src/scenario/parse';
import { runSimulation } from '../../src/scenario/simulate';
import { formatReport } from '../../src/scenario/report';
import { actionLine, decodeState, optionString, type ActionKind } from '../../website/src/components/Playground/model';
import { browserMissing, buildSite, launchBrowser, offlineContext, ROOT, serveSite } from './support';
import { generateDocs } from '../../scripts/docs-gen';
import { pageProvenance, type NotebookJson } from '../../src/notebook/mdx';
import { narrateQuiet } from '../../src/union/events';
import { ScenarioError } from '../../src/scenario/parse';
import { provenanceView } from '../../src/render/notebook-provenance';
import { rmPasswdUpper } from '../../src/course';

const skip = need(browserMissing());
const OUT = join(ROOT, '.cache/site-test');
const LOCALES = [
  { locale: 'pt-BR', prefix: '', lang: 'pt-BR' as const, docs: join(ROOT, 'website/docs') },
  { locale: 'en', prefix: '/en', lang: 'en' as const, docs: join(ROOT, 'website/i18n/en/docusaurus-plugin-content-docs/current') },
];

let browser: Browser;
let server: { url: string; stop: () => void };
const consoleErrors: string[] = [];

/** The URL Docusaurus gives a doc file: number prefixes dropped, index -> folder, slug front matter honoured. */
function docUrl(rel: string, src: string): string {
  const slug = /^slug:\s*(\S+)\s*$/m.exec(src.split('\n---')[0] ?? '')?.[1];
  if (slug) return `/docs${slug}`;
  const parts = rel.replace(/\.mdx?$/, '').split('/').map((p) => p.replace(/^\d+-/, ''));
  if (parts[parts.length - 1] === 'index') parts.pop();
  return `/docs/${parts.join('/')}`;
}

function docPages(dir: string): { url: string; file: string; diagrams: number }[] {
  const out: { url: string; file: string; diagrams: number }[] = [];
  const walk = (d: string) => {
    for (const n of readdirSync(d)) {
      const p = join(d, n);
      if (statSync(p).isDirectory()) walk(p);
      else if (/\.mdx?$/.test(n)) {
        const src = readFileSync(p, 'utf8');
        const diagrams = (src.match(/^`{3,}mermaid\s*$/gm) ?? []).length + (src.match(/<LabDiagram\b/g) ?? []).length;
        out.push({ url: docUrl(relative(dir, p), src), file: relative(ROOT, p), diagrams });
      }
    }
  };
  walk(dir);
  return out;
}

/** A screen the site is read on, and the colour theme (Docusaurus keeps the reader's choice in localStorage). */
interface Screen {
  theme?: 'light' | 'dark';
  viewport?: { width: number; height: number };
  deviceScaleFactor?: number;
}

async function open(path: string, screen: Screen = {}): Promise<Page> {
  const { ctx } = await offlineContext(browser, server.url, { ...(screen.viewport ? { viewport: screen.viewport } : {}), deviceScaleFactor: screen.deviceScaleFactor, colorScheme: screen.theme });
  if (screen.theme) await ctx.addInitScript((t) => localStorage.setItem('theme', t), screen.theme);
  const page = await ctx.newPage();
  page.on('console', (m) => {
    if (m.type() === 'error') consoleErrors.push(`${path}: ${m.text()}`);
  });
  page.on('pageerror', (e) => consoleErrors.push(`${path}: ${e.message}`));
  const r = await page.goto(server.url + path, { waitUntil: 'load' });
  expect(r?.status(), path).toBe(200);
  return page;
}

async function mermaidSvgs(page: Page, expected: number): Promise<number> {
  if (expected > 0) await page.waitForFunction((n) => document.querySelectorAll('.docusaurus-mermaid-container svg').length >= n, expected, { timeout: 15_000 }).catch(() => undefined);
  return page.locator('.docusaurus-mermaid-container svg').count();
}

async function axeSerious(page: Page): Promise<string[]> {
  await page.addScriptTag({ path: join(ROOT, 'node_modules/axe-core/axe.min.js') });
  const violations = await page.evaluate(async () => {
    const r = await (window as unknown as { axe: { run: (ctx: Document, o: object) => Promise<{ violations: { id: string; impact: string; nodes: { target: string[] }[] }[] }> } }).axe.run(document, { resultTypes: ['violations'] });
    return r.violations.map((v) => ({ id: v.id, impact: v.impact, targets: v.nodes.slice(0, 3).map((n) => n.target.join(' ')) }));
  });
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id} (${v.impact}): ${v.targets.join(' | ')}`);
}

async function playgroundReady(page: Page, steps: number): Promise<void> {
  await page.waitForSelector(`[data-testid="playground"][data-steps="${steps}"]`, { timeout: 15_000 });
  // The canonical report is computed only while its box is open: open it once per page.
  if (!(await page.locator('[data-testid="report"]').count())) await page.click('[data-testid="report-summary"]');
  await page.waitForSelector(`[data-testid="report"][data-steps="${steps}"]`, { timeout: 15_000 });
}

/** What the page shows: the merged rows, the upper entries with marks, the report, the errors. */
async function shown(page: Page) {
  return page.evaluate(() => {
    const merged = [...document.querySelectorAll('[data-testid="merged"] tbody tr')].map((tr) => {
      const d = (tr as HTMLElement).dataset;
      return { path: d.path!, type: d.type!, from: d.from!, size: d.size === undefined ? undefined : Number(d.size) };
    });
    const upper = [...document.querySelectorAll('[data-testid="upper"] li')].map((li) => {
      const d = (li as HTMLElement).dataset;
      return { path: d.path!, whiteout: d.whiteout === '1', opaque: d.opaque === '1' };
    });
    const lowers = document.querySelectorAll('[data-testid="lower"]').length;
    const report = document.querySelector('[data-testid="report"]')?.textContent ?? '';
    const errors = [...document.querySelectorAll('[data-testid="errno"]')].map((e) => e.textContent ?? '');
    const diagram = document.querySelector('[data-testid="diagram"] svg')?.textContent ?? '';
    return { merged, upper, lowers, report, errors, diagram };
  });
}

/**
 * The grid's cells drawn with the last action's outline: the path of each one's column and its text.
 * Block ids are the diagram's (c<row>_<column>, m<column>; p<column> heads the column).
 */
async function gridMarked(page: Page): Promise<{ path: string; text: string }[]> {
  return page.evaluate(() => {
    const nodes = [...document.querySelectorAll('[data-testid="grid"] g.node')] as SVGGElement[];
    const byId = (suffix: string) => nodes.find((g) => g.id.endsWith(`-${suffix}`));
    return nodes
      .filter((g) => /stroke-width:\s*4px/.test(g.querySelector('rect')?.getAttribute('style') ?? ''))
      .map((g) => {
        const col = /-(?:c\d+_|m)(\d+)$/.exec(g.id)?.[1];
        return { path: col === undefined ? `? ${g.id}` : (byId(`p${col}`)?.textContent ?? '').trim(), text: (g.textContent ?? '').trim() };
      });
  });
}

/** The same situation run by the engine in Node: the lab's view and the sim runner's report. */
function engine(preset: string, options: string, actions: string[], layers = 0) {
  const p = presetById(preset)!;
  const lab = UnionLab.create({ setup: p.text, options, lowers: Math.max(layers, p.lowers ?? 0) }) as UnionLab;
  const results = actions.map((a) => lab.run(a).result);
  const view = lab.view();
  const sim = runSimulation(parseScenario(`${p.text}\n${actions.join('\n')}`), { lowers: Array(Math.max(layers, p.lowers ?? 0)).fill(''), dataOnly: [], readOnly: false, options }, { lowers: [], dataOnly: [] });
  const text = formatReport(sim.report);
  return {
    merged: view.merged.map((e) => ({ path: e.path, type: e.type, from: e.from, size: e.type === 'f' ? e.size : undefined })),
    upper: view.upper!.entries.map((e) => ({ path: e.path, whiteout: e.whiteout, opaque: e.opaque === 'y' })),
    lowers: view.lowers.length,
    report: text.slice(text.indexOf('## merged')),
    errnos: results.filter((r) => r !== 'OK').map((r) => (r as { errno: string }).errno),
  };
}

async function runAction(page: Page, kind: ActionKind, f: Record<string, string>, steps: number): Promise<void> {
  await page.selectOption('[data-testid="action-kind"]', kind);
  for (const [k, v] of Object.entries(f)) await page.fill(`[data-testid="action-${k}"]`, v);
  await page.click('[data-testid="action-run"]');
  await playgroundReady(page, steps);
}

const ACTIONS: [ActionKind, Record<string, string>][] = [
  ['append', { path: 'etc/os-release', content: 'ID=ubuntu' }],
  ['rm', { path: 'etc/hostname' }],
  ['mkdir', { path: 'srv' }],
  ['write', { path: 'srv/app.txt', content: 'hi' }],
  ['rename', { path: 'srv/app.txt', to: 'srv/main.txt' }],
  // Issue 13 item 3: a name with a space is one file ("meu arquivo.txt"), not /meu.
  ['write', { path: 'srv/meu arquivo.txt', content: 'oi' }],
  ['mkdir', { path: 'minha pasta' }],
  ['chmod', { mode: '0600', path: 'etc/passwd' }],
  ['ln', { path: 'bin/bash', to: 'bin/bash2' }],
  ['rmdir', { path: 'var/cache/apt' }],
  ['rename', { path: 'usr/share', to: 'usr/share2' }],
];

describe.skipIf(skip)('site in a real browser', () => {
  beforeAll(async () => {
    rmSync(OUT, { recursive: true, force: true });
    generateDocs(); // the lab pages, from the executed notebooks, as npm run site does
    buildSite(OUT);
    server = await serveSite(OUT);
    browser = await launchBrowser();
  }, 420_000);

  afterAll(async () => {
    await browser?.close();
    server?.stop();
  });

  it('builds both locales', () => {
    expect(existsSync(join(OUT, 'index.html'))).toBe(true);
    expect(existsSync(join(OUT, 'en/index.html'))).toBe(true);
    // trailingSlash: false writes /playground as playground.html.
    expect(readFileSync(join(OUT, 'en/playground.html'), 'utf8')).toMatch(/<html lang="?en"?[\s>]/);
    expect(readFileSync(join(OUT, 'playground.html'), 'utf8')).toMatch(/<html lang="?pt-BR"?[\s>]/);
  });

  for (const loc of LOCALES) {
    it(`${loc.locale}: every doc page loads and draws each of its Mermaid diagrams as SVG`, async () => {
      const pages = docPages(loc.docs);
      expect(pages.some((p) => p.diagrams > 0)).toBe(true);
      for (const p of pages) {
        const page = await open(loc.prefix + p.url);
        expect(await page.getAttribute('html', 'lang'), p.file).toBe(loc.locale);
        expect(await mermaidSvgs(page, p.diagrams), p.file).toBe(p.diagrams);
        await page.context().close();
      }
    }, 180_000);
  }

  for (const loc of LOCALES) {
    it(`${loc.locale}: every lab page shows, above its first cell, where its outputs came from, as its executed notebook records it`, async () => {
      const dir = join(ROOT, 'notebooks/executed', loc.locale);
      const notebooks = readdirSync(dir).filter((f) => f.endsWith('.ipynb')).sort();
      expect(notebooks.length).toBeGreaterThan(0);
      for (const n of notebooks) {
        const nb = JSON.parse(readFileSync(join(dir, n), 'utf8')) as NotebookJson;
        const p = pageProvenance(nb, { lang: loc.lang, source: n });
        const want = provenanceView(p.record, p.simulatedCells, loc.lang);
        const path = `${loc.prefix}/docs/labs/${n.replace(/\.ipynb$/, '').replace(/^\d+-/, '')}`;
        const page = await open(path);
        const box = page.locator('[data-testid="provenance"]');
        expect(await box.count(), path).toBe(1);
        expect(await box.isVisible(), path).toBe(true);
        expect(await box.getAttribute('data-state'), path).toBe(want.state);
        const shown = (await box.innerText()).replace(/\s+/g, ' ');
        expect(shown, path).toContain(want.title);
        for (const [label, value] of want.lines) expect(shown, path).toContain(`${label} ${value}`.replace(/\s+/g, ' '));
        if (want.unknown) expect(shown, path).toContain(want.unknown.replace(/`/g, ''));
        const banner = page.locator('[data-testid="simulated-banner"]');
        expect(await banner.count(), path).toBe(want.banner ? 1 : 0);
        if (want.banner) expect((await banner.innerText()).replace(/\s+/g, ' '), path).toContain(want.banner.replace(/`/g, ''));
        // Near the top: above the first code block, and said once (the notebook's own block is not on the page).
        const top = (await box.boundingBox())!.y;
        const firstCode = await page.locator('article .theme-code-block').first().boundingBox();
        if (firstCode) expect(top, path).toBeLessThan(firstCode.y);
        expect(await page.getByText(want.title, { exact: true }).count(), path).toBe(1);
        await page.context().close();
      }
    }, 120_000);
  }

  for (const loc of LOCALES) {
    it(`${loc.locale}: an address that does not exist gets the 404 page in its language, at the same address`, async () => {
      // docusaurus serve answers every miss with the root 404.html, as GitHub Pages does.
      const { ctx } = await offlineContext(browser, server.url);
      const page = await ctx.newPage();
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(e.message));
      const path = `${loc.prefix}/docs/${loc.locale === 'en' ? 'no-such-page' : 'pagina-que-nao-existe'}`;
      const r = await page.goto(server.url + path, { waitUntil: 'load' });
      expect(r?.status()).toBe(404);
      await page.waitForFunction((lang) => document.documentElement.lang === lang && document.documentElement.dataset.hasHydrated === 'true', loc.locale, { timeout: 15_000 });
      expect(await page.locator('h1').first().textContent()).toBe(loc.locale === 'en' ? 'Page Not Found' : 'Página não encontrada');
      expect(new URL(page.url()).pathname).toBe(path);
      // The page works: its navbar leads to the lab in the same language.
      await page.locator('.navbar__items a.navbar__link', { hasText: loc.locale === 'en' ? 'Lab' : 'Laboratório' }).first().click();
      await page.waitForURL(new RegExp(`${loc.prefix}/docs/intro$`));
      expect(errors).toEqual([]);
      await ctx.close();
    }, 60_000);
  }

  for (const loc of LOCALES) {
    it(`${loc.locale}: the home page shows the stack diagram drawn at build time, in each theme, without loading Mermaid`, async () => {
      for (const scheme of ['light', 'dark'] as const) {
        const c = await browser.newContext({ viewport: { width: 1280, height: 900 }, colorScheme: scheme });
        await c.route('**/*', (route) => (route.request().url().startsWith(server.url) ? route.continue() : route.abort())); // offline, as offlineContext
        const page = await c.newPage();
        const scripts: string[] = [];
        page.on('response', (res) => res.url().endsWith('.js') && scripts.push(res.url()));
        await page.goto(`${server.url}${loc.prefix}/`, { waitUntil: 'load' });
        // What loads after hydration counts too (Mermaid did, for the diagram).
        await page.waitForFunction(() => document.documentElement.dataset.hasHydrated === 'true', undefined, { timeout: 15_000 });
        await page.waitForLoadState('networkidle');
        const img = page.locator(`[data-testid="lab-diagram"] img[src*="home-stack.${loc.locale}.${scheme}.svg"]`);
        await img.waitFor({ state: 'visible', timeout: 10_000 });
        expect(await img.evaluate((i) => (i as HTMLImageElement).naturalWidth)).toBeGreaterThan(0);
        expect((await img.getAttribute('alt'))?.length).toBeGreaterThan(40);
        expect(await page.locator('.docusaurus-mermaid-container').count()).toBe(0);
        // No script of the page holds Mermaid's parser.
        const bodies = await Promise.all(scripts.map((u) => fetch(u).then((r) => r.text())));
        expect(bodies.filter((b) => b.includes('flowchart-v2')).length, scheme).toBe(0);
        await c.close();
      }
    }, 60_000);
  }

  it('the language switch leads to the same page in the other language, and back', async () => {
    const page = await open('/docs/concepts');
    await page.locator('.navbar__items--right .dropdown').first().hover();
    await page.locator('.navbar__items--right .dropdown__menu a', { hasText: 'English' }).click();
    await page.waitForURL(/\/en\/docs\/concepts$/);
    expect(await page.getAttribute('html', 'lang')).toBe('en');
    expect(await page.locator('h1').first().textContent()).toBe('OverlayFS and overlay2 concepts');
    await page.locator('.navbar__items--right .dropdown').first().hover();
    await page.locator('.navbar__items--right .dropdown__menu a', { hasText: 'Português' }).click();
    await page.waitForURL(/\/docs\/concepts$/);
    expect(page.url()).not.toContain('/en/');
    expect(await page.locator('h1').first().textContent()).toBe('Conceitos do OverlayFS e do overlay2');
    await page.context().close();
  }, 60_000);

  for (const loc of LOCALES) {
    it(`${loc.locale}: offline search finds the concepts page`, async () => {
      const page = await open(`${loc.prefix}/docs/intro`);
      const title = loc.locale === 'en' ? 'OverlayFS and overlay2 concepts' : 'Conceitos do OverlayFS e do overlay2';
      const input = page.locator('input.navbar__search-input');
      await input.click();
      await input.pressSequentially('whiteout', { delay: 20 });
      const hit = page.locator('.navbar__search [role="option"]', { hasText: title }).first();
      await hit.waitFor({ timeout: 15_000 });
      await hit.click();
      await page.waitForURL(new RegExp(`${loc.prefix}/docs/concepts(#.*)?$`));
      await page.locator('h1', { hasText: title }).waitFor({ timeout: 10_000 });
      await page.context().close();
    }, 60_000);
  }

  let shared = '';
  let afterActions: Awaited<ReturnType<typeof shown>>;

  it('pt-BR: each playground action produces what the engine produces, errors as the kernel returns them', async () => {
    const page = await open('/playground?preset=ubuntu');
    await playgroundReady(page, 0);
    const lines: string[] = [];
    for (const [kind, f] of ACTIONS) {
      lines.push(actionLine(kind, f));
      await runAction(page, kind, f, lines.length);
      const want = engine('ubuntu', '', lines);
      const got = await shown(page);
      expect(got.merged, lines.join(' | ')).toEqual(want.merged);
      expect(got.upper, lines.join(' | ')).toEqual(want.upper);
      expect(got.report, lines.join(' | ')).toBe(want.report);
      if (kind === 'rm') {
        // The grid marks exactly what the rm changed: a whiteout in upperdir, and the name gone from merged.
        await page.waitForFunction(() => (document.querySelector('[data-testid="grid"] svg')?.textContent ?? '').includes('★ ✗ whiteout'), undefined, { timeout: 10_000 });
        expect((await gridMarked(page)).sort((a, b) => a.text.localeCompare(b.text))).toEqual([
          { path: '/etc/hostname', text: '★ ✗ não aparece' },
          { path: '/etc/hostname', text: '★ ✗ whiteout' },
        ]);
      }
    }
    const want = engine('ubuntu', '', lines);
    expect(want.errnos).toEqual(['ENOTEMPTY', 'EXDEV']);
    const got = await shown(page);
    expect(got.errors).toEqual(want.errnos.map((c) => `${c}: ${ERRNO[c as keyof typeof ERRNO]['pt-BR']}`));
    expect(got.upper.find((e) => e.path === 'etc/hostname')?.whiteout).toBe(true);
    expect(got.merged.some((e) => e.path === 'srv/meu arquivo.txt')).toBe(true);
    expect(got.merged.some((e) => e.path === 'meu' || e.path === 'srv/meu')).toBe(false);
    expect(got.report).toContain('M "/srv/meu arquivo.txt" f ');
    // The diagram followed the actions: the upper layer's box now holds the whiteout the rm made.
    await page.waitForFunction(() => (document.querySelector('[data-testid="diagram"] svg')?.textContent ?? '').includes('/etc/hostname ✗'), undefined, { timeout: 10_000 });
    // The whole situation is in the address.
    shared = new URL(page.url()).search;
    expect(decodeState(shared).actions).toEqual(lines);
    afterActions = got;
    await page.context().close();
  }, 120_000);

  it('en: the shared URL restores the same situation, narrated in English', async () => {
    expect(shared).not.toBe('');
    const page = await open(`/en/playground${shared}`);
    await playgroundReady(page, ACTIONS.length);
    const got = await shown(page);
    expect(got.merged).toEqual(afterActions.merged);
    expect(got.upper).toEqual(afterActions.upper);
    expect(got.report).toBe(afterActions.report);
    expect(got.errors).toEqual([`ENOTEMPTY: ${ERRNO.ENOTEMPTY.en}`, `EXDEV: ${ERRNO.EXDEV.en}`]);
    expect(await page.locator('[data-testid="trace"]').textContent()).toContain('whiteout at /etc/hostname');
    await page.context().close();
  }, 60_000);

  it('options in the URL come back checked and change what the mount does (redirect_dir)', async () => {
    const search = '?preset=redirect&o=redirect_dir&a=rename%20srv%2Fwww%20srv%2Fsite';
    const page = await open(`/en/playground${search}`);
    await playgroundReady(page, 1);
    expect(await page.isChecked('[data-testid="flag-redirect_dir"]')).toBe(true);
    expect(await page.isChecked('[data-testid="flag-metacopy"]')).toBe(false);
    const state = decodeState(search);
    const want = engine('redirect', optionString(state), state.actions);
    const got = await shown(page);
    expect(want.errnos).toEqual([]);
    expect(got.merged).toEqual(want.merged);
    expect(got.report).toBe(want.report);
    expect(got.report).toContain('xattr:trusted.overlay.redirect=');
    // Unchecking the option remounts and replays the same actions: the rename now fails with EXDEV.
    await page.uncheck('[data-testid="flag-redirect_dir"]');
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="errno"]').length === 1);
    expect((await shown(page)).errors).toEqual([`EXDEV: ${ERRNO.EXDEV.en}`]);
    expect((await shown(page)).report).toBe(engine('redirect', '', state.actions).report);
    // A line typed as is runs too.
    await page.fill('[data-testid="action-line"]', 'rename srv/www srv/web');
    await page.press('[data-testid="action-line"]', 'Enter');
    await playgroundReady(page, 2);
    expect((await shown(page)).errors).toEqual([`EXDEV: ${ERRNO.EXDEV.en}`, `EXDEV: ${ERRNO.EXDEV.en}`]);
    expect(new URL(page.url()).searchParams.get('o')).toBe('');
    await page.context().close();
  }, 60_000);

  it('a 128-layer stack: every layer is shown and an action updates the views', async () => {
    const page = await open('/playground?preset=ubuntu&layers=128');
    await playgroundReady(page, 0);
    expect((await shown(page)).lowers).toBe(128);
    await runAction(page, 'rm', { path: 'etc/motd-missing' }, 1);
    const got = await shown(page);
    expect(got.errors).toEqual([`ENOENT: ${ERRNO.ENOENT['pt-BR']}`]);
    expect(got.report).toBe(engine('ubuntu', '', ['rm etc/motd-missing'], 128).report);
    const ms = Number(await page.getAttribute('[data-testid="playground"]', 'data-action-ms'));
    expect(ms).toBeGreaterThan(0);
    console.log(`playground: one action on 128 layers took ${ms.toFixed(1)} ms from click to DOM (bench/site.ts measures it properly)`);
    await page.context().close();
  }, 60_000);

  for (const loc of LOCALES) {
    it(`${loc.locale}: the limits on the pages are the library's, in the page's number format`, async () => {
      const nf = new Intl.NumberFormat(loc.locale);
      for (const path of ['/docs/concepts', '/docs/seed-lab', '/docs/glossary']) {
        const page = await open(loc.prefix + path);
        const facts = await page.$$eval('[data-fact]', (els) => els.map((e) => ({ name: (e as HTMLElement).dataset.fact!, text: e.textContent ?? '', source: e.getAttribute('title') ?? '' })));
        expect(facts.length, path).toBeGreaterThan(3);
        for (const f of facts) {
          const fact = FACTS[f.name as FactName];
          expect(fact, `${path}: <Fact name="${f.name}">`).toBeDefined();
          expect(f.text, `${path}: ${f.name}`).toBe(nf.format(fact.value));
          expect(f.source).toBe(fact.source);
        }
        // A component in a heading would leave an empty element in the table of contents.
        expect(await page.locator('.table-of-contents fact').count(), path).toBe(0);
        await page.context().close();
      }
    }, 60_000);
  }

  it('a stack over the kernel limit is refused with the kernel’s reason', async () => {
    const page = await open('/en/playground?preset=empty&layers=501');
    await page.waitForSelector('[data-testid="refused"]');
    expect(await page.locator('[data-testid="refused"]').textContent()).toContain('too many lower directories, limit is 500');
    await page.context().close();
  }, 60_000);

  for (const loc of LOCALES) {
    for (const theme of ['light', 'dark'] as const) {
      it(`${loc.locale}, ${theme} theme: axe finds no serious or critical violation`, async () => {
        const found: string[] = [];
        // The home page, hand-written docs, a page generated from a notebook (its HTML outputs included) and the playground.
        const generated = docPages(loc.docs).filter((p) => p.file.includes('/labs/') && !p.file.endsWith('index.mdx')).map((p) => p.url);
        for (const path of ['/', '/docs/concepts', '/docs/seed-lab', ...generated, `/playground${shared || '?preset=ubuntu'}`]) {
          const page = await open(loc.prefix + path, { theme });
          expect(await page.getAttribute('html', 'data-theme'), path).toBe(theme);
          if (path.startsWith('/playground')) await page.waitForSelector('[data-testid="playground"]');
          await mermaidSvgs(page, path === '/' ? 0 : 1);
          for (const v of await axeSerious(page)) found.push(`${loc.prefix + path}: ${v}`);
          await page.context().close();
        }
        expect(found).toEqual([]);
      }, 300_000);
    }
  }

  /** The three screens of the issue: a desktop, a phone, a projector at 150 %. */
  const SCREENS = [
    { name: '1366×768', viewport: { width: 1366, height: 768 }, deviceScaleFactor: 1 },
    { name: '390×844', viewport: { width: 390, height: 844 }, deviceScaleFactor: 1 },
    { name: '1024×768 @150%', viewport: { width: 1024, height: 768 }, deviceScaleFactor: 1.5 },
  ];
  const NAVBAR_PX = 60;

  /** What a reader sees of the page's width, its diagrams' text and size, and its notebook outputs. */
  async function layout(page: Page) {
    return page.evaluate(() => {
      const diagrams = [...document.querySelectorAll('.docusaurus-mermaid-container svg')].map((svg) => {
        const r = svg.getBoundingClientRect();
        const vb = (svg as SVGSVGElement).viewBox.baseVal;
        const scale = vb && vb.width ? r.width / vb.width : 1;
        const sizes = [...svg.querySelectorAll('foreignObject div, foreignObject span, text')]
          .filter((e) => (e.textContent ?? '').trim() !== '')
          .map((e) => parseFloat(getComputedStyle(e).fontSize) * scale);
        return { text: Math.min(...sizes), height: r.height };
      });
      const article = document.querySelector('article') ?? document.querySelector('main');
      const right = article ? article.getBoundingClientRect().right : innerWidth;
      // A box of an output that runs past the column (the kernel's column of lab 3 did).
      const past = [...document.querySelectorAll('.notebook-html div[style*="flex"] > div')].filter((d) => d.getBoundingClientRect().right > right + 1).length;
      return { pageWidth: document.documentElement.scrollWidth, innerWidth, diagrams, past };
    });
  }

  for (const loc of LOCALES) {
    it(`${loc.locale}: on a desktop, a phone and a projector, pages fit the screen and diagram text is 12 px or more`, async () => {
      const lab = (n: string) => `/docs/labs/${n}`;
      const pages = [
        { path: '/playground?preset=ubuntu&a=rm%20etc%2Fhostname', diagrams: 2 },
        { path: '/docs/concepts', diagrams: docPages(loc.docs).find((p) => p.url === '/docs/concepts')!.diagrams },
        { path: lab('simulation-vs-kernel'), diagrams: 0 },
        { path: lab('real-image'), diagrams: docPages(loc.docs).find((p) => p.url === lab('real-image'))!.diagrams },
        // Wide tables of host paths (volumes, mounts, system df).
        { path: lab('container-lifecycle'), diagrams: docPages(loc.docs).find((p) => p.url === lab('container-lifecycle'))!.diagrams },
      ];
      const problems: string[] = [];
      for (const screen of SCREENS) {
        for (const p of pages) {
          const page = await open(loc.prefix + p.path, screen);
          if (p.path.startsWith('/playground')) await page.waitForSelector('[data-testid="playground"]');
          expect(await mermaidSvgs(page, p.diagrams), p.path).toBe(p.diagrams);
          // The floor on the diagrams' scale is applied once each SVG is in the page.
          await page.waitForFunction(() => [...document.querySelectorAll('.docusaurus-mermaid-container svg')].every((s) => (s as SVGElement).dataset.minScale), undefined, { timeout: 10_000 });
          const l = await layout(page);
          const where = `${screen.name} ${loc.prefix}${p.path}`;
          if (l.pageWidth > l.innerWidth) problems.push(`${where}: page ${l.pageWidth} px wide on a ${l.innerWidth} px screen`);
          l.diagrams.forEach((d, i) => {
            if (d.text < 12) problems.push(`${where}: diagram ${i + 1} text ${d.text.toFixed(1)} px`);
            if (d.height > screen.viewport.height - NAVBAR_PX) problems.push(`${where}: diagram ${i + 1} ${Math.round(d.height)} px tall`);
          });
          if (l.past) problems.push(`${where}: ${l.past} output column(s) past the page's column`);
          await page.context().close();
        }
      }
      expect(problems).toEqual([]);
    }, 300_000);
  }

  for (const loc of LOCALES) {
    it(`${loc.locale}: an unreadable action in a shared address is listed with the parser's reason, in the page's language`, async () => {
      const bad = 'frobnicate etc/motd';
      const page = await open(`${loc.prefix}/playground?preset=ubuntu&a=${encodeURIComponent(bad)}&a=${encodeURIComponent('rm etc/hostname')}`);
      await playgroundReady(page, 1);
      let reason = '';
      try {
        (UnionLab.create({ setup: presetById('ubuntu')!.text }) as UnionLab).run(bad);
      } catch (e) {
        reason = (e as ScenarioError).render(loc.lang);
      }
      expect(reason).not.toBe('');
      const dropped = (await page.locator('[data-testid="dropped"]').innerText()).replace(/\s+/g, ' ');
      expect(dropped).toContain(loc.lang === 'en' ? 'Actions in the address that were left out' : 'Ações do endereço que ficaram de fora');
      expect(dropped).toContain(`${bad}: ${reason}`.replace(/\s+/g, ' '));
      // The readable action still ran, and the address now holds only what ran.
      expect(decodeState(new URL(page.url()).search).actions).toEqual(['rm etc/hostname']);
      await page.context().close();
    }, 60_000);
  }

  for (const loc of LOCALES) {
    it(`${loc.locale}: a lesson's exercise box checks a prediction in the browser, right and wrong, and reveals the answer`, async () => {
      const page = await open(`${loc.prefix}/docs/labs/union-mount-simulation`);
      const box = page.locator('[data-exercise="union-mount-simulation/rm-passwd-upper"]');
      await box.waitFor({ timeout: 15_000 });
      const facts = rmPasswdUpper.model();
      const check = async (text: string) => {
        await box.locator('input').fill(text);
        await box.locator('button[type="submit"]').click();
        return box.locator('[data-testid="exercise-result"]');
      };
      // No prediction: the box asks for one (the library's judge calls it empty), in the page's language.
      let result = await check('');
      await expect.poll(() => result.innerText()).toContain(loc.lang === 'en' ? 'No prediction yet' : 'Ainda sem previsão');
      // The model's own answer is right; another kind is wrong; each says why, in the page's language.
      result = await check(facts.kind);
      await expect.poll(() => result.locator('[data-correct]').getAttribute('data-correct')).toBe('true');
      // The page shows `code` spans as code: its text has no backticks.
      expect(await result.innerText()).toContain(rmPasswdUpper.check(facts.kind, facts, loc.lang).why.replace(/`/g, ''));
      result = await check(loc.lang === 'en' ? 'nothing' : 'nada');
      await expect.poll(() => result.locator('[data-correct]').getAttribute('data-correct')).toBe('false');
      await box.getByRole('button', { name: loc.lang === 'en' ? 'Show the answer' : 'Mostrar a resposta' }).click();
      expect(await box.locator('[data-testid="exercise-answer"]').innerText()).toContain(rmPasswdUpper.answer[loc.lang].replace(/`/g, '').slice(0, 30));
      // A live lesson's box checks against the facts its run recorded: lesson 1's docker run added two directories.
      const seed = await open(`${loc.prefix}/docs/labs/seed-lab`);
      const run = seed.locator('[data-exercise="seed-lab/run-dirs"]');
      await run.locator('input').fill('2');
      await run.locator('button[type="submit"]').click();
      await expect.poll(() => run.locator('[data-correct]').getAttribute('data-correct')).toBe('true');
      await seed.context().close();
      await page.context().close();
    }, 60_000);
  }

  it('a blank line replaces the last error; a change with no OverlayFS event is explained; the link is copied; the placeholder shows whole', async () => {
    const page = await open('/en/playground?preset=ubuntu');
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.url });
    await playgroundReady(page, 0);
    await page.fill('[data-testid="action-line"]', 'frobnicate x');
    await page.press('[data-testid="action-line"]', 'Enter');
    const first = await page.locator('[data-testid="input-error"]').innerText();
    expect(first).not.toContain('Nothing to run');
    await page.press('[data-testid="action-line"]', 'Enter');
    await page.waitForFunction((f) => document.querySelector('[data-testid="input-error"]')?.textContent !== f, first);
    expect(await page.locator('[data-testid="input-error"]').innerText()).toContain('Nothing to run: the line is empty.');
    await runAction(page, 'mkdir', { path: 'srv' }, 1);
    await runAction(page, 'write', { path: 'srv/app.txt', content: 'hi' }, 2);
    const quiet = await page.locator('[data-testid="trace"] > li').last().locator('[data-testid="quiet"]').innerText();
    expect(quiet).toBe(narrateQuiet({ op: 'write', path: 'srv/app.txt' }, 'en'));
    // A successful action clears the error.
    expect(await page.locator('[data-testid="input-error"]').count()).toBe(0);
    await page.click('[data-testid="copy-link"]');
    await page.locator('[data-testid="copy-status"]', { hasText: 'Link copied' }).waitFor({ timeout: 5_000 });
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(page.url());
    const fits = await page.$eval('[data-testid="action-line"]', (el) => {
      const input = el as HTMLInputElement;
      const ctx = document.createElement('canvas').getContext('2d')!;
      ctx.font = getComputedStyle(input).font;
      const pad = parseFloat(getComputedStyle(input).paddingLeft) + parseFloat(getComputedStyle(input).paddingRight);
      return { text: ctx.measureText(input.placeholder).width, room: input.clientWidth - pad };
    });
    expect(fits.text).toBeLessThanOrEqual(fits.room);
    await page.context().close();
  }, 60_000);

  it('no page logged a console error', () => {
    // One Mermaid-internal race is tolerated by name: d3's "t.transition is not a function" on the
    // playground restored from a URL. Drawing one diagram at a time (Playground/mermaid-queue.ts)
    // did not remove it (seen again in CI, 2026-12-02); issue 13 keeps it open. Everything else fails.
    expect(consoleErrors.filter((e) => !/\/playground\?.*: t\.transition is not a function$/.test(e))).toEqual([]);
  });
});

if (skip) console.log(`site in a real browser: skipped, ${skip}`);
