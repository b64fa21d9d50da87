/*
 * Mermaid in the real Chromium (playwright-core, /usr/bin/chromium): parses and draws diagrams to
 * SVG with the `mermaid` package itself, the same code the site and JupyterLab run. One browser
 * per run: open it once, call parse/render as often as needed, close it.
 */
import { existsSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';

export const CHROMIUM = '/usr/bin/chromium';
/** Off the network and runnable as root (the machine's flags for a headless Chromium). */
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

/** Why Mermaid cannot be run here, or undefined. */
export function mermaidBrowserMissing(): string | undefined {
  if (!existsSync(CHROMIUM)) return `${CHROMIUM} not installed (Debian: apt-get install chromium; scripts/setup.sh does it)`;
  try {
    require.resolve('mermaid/dist/mermaid.min.js');
  } catch {
    return 'the mermaid package is missing (npm ci)';
  }
  return undefined;
}

export interface MermaidBrowser {
  /** Mermaid's own parser: undefined when the text is a valid diagram, else Mermaid's message. */
  parse(text: string): Promise<string | undefined>;
  /**
   * The diagram as SVG (labels as SVG text, so renderers that drop HTML inside SVG still show
   * them). `id` names the SVG element; its style rules are scoped to it.
   */
  render(text: string, id?: string): Promise<string>;
  close(): Promise<void>;
}

type MermaidApi = {
  initialize(c: object): void;
  parse(t: string): Promise<unknown>;
  render(id: string, t: string): Promise<{ svg: string }>;
};

/**
 * Starts Chromium and loads Mermaid into a blank page (no request leaves the page).
 * @example const m = await openMermaidBrowser(); const svg = await m.render('flowchart LR\n a --> b'); await m.close();
 */
export async function openMermaidBrowser(): Promise<MermaidBrowser> {
  const { chromium } = await import('playwright-core');
  const browser: Browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true });
  let page: Page;
  try {
    const ctx = await browser.newContext();
    await ctx.route('**/*', (r) => (r.request().url().startsWith('data:') ? r.continue() : r.abort()));
    page = await ctx.newPage();
    await page.setContent('<!doctype html><html><head><meta charset="utf-8"></head><body></body></html>');
    await page.addScriptTag({ path: require.resolve('mermaid/dist/mermaid.min.js') });
    await page.evaluate(() => {
      const m = (globalThis as unknown as { mermaid: MermaidApi }).mermaid;
      // htmlLabels off: the labels are <text>, not HTML in a <foreignObject>, which GitHub and
      // many SVG viewers drop. strict: no script or click handler in the output.
      m.initialize({ startOnLoad: false, securityLevel: 'strict', theme: 'default', htmlLabels: false, flowchart: { htmlLabels: false } });
    });
  } catch (e) {
    await browser.close();
    throw e;
  }
  let n = 0;
  return {
    async parse(text) {
      return page.evaluate(async (t) => {
        try {
          await (globalThis as unknown as { mermaid: MermaidApi }).mermaid.parse(t);
          return undefined;
        } catch (e) {
          return e instanceof Error ? e.message : String(e);
        }
      }, text);
    },
    async render(text, given) {
      const id = given ?? `overlay-lab-diagram-${++n}`;
      return page.evaluate(async ({ t, id }) => (await (globalThis as unknown as { mermaid: MermaidApi }).mermaid.render(id, t)).svg, { t: text, id });
    },
    close: () => browser.close(),
  };
}
