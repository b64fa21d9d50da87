/*
 * The site's generated images, made at build time in the real Chromium (no image library needed):
 *   home-stack.<lang>.<light|dark>.svg  the home page's stack diagram, computed by the model
 *                                       (LabDiagram's data) and drawn by Mermaid ahead of time, so
 *                                       the home page ships no Mermaid and no engine
 *   og.<lang>.png                       the Open Graph image (1200×630): title, tagline, that diagram
 *   favicon-32.png, favicon-192.png, favicon-512.png, apple-touch-icon.png (180×180, opaque)
 *   assets.json                         each diagram's size (the page reserves its box)
 * The docusaurus plugin website/src/plugins/site-publish.js runs this before each locale's build; a
 * second run with the same inputs draws nothing (the inputs' hash is kept beside the images).
 *
 *   tsx scripts/site-assets.ts --out DIR
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { LANGS, type Lang } from '../src/i18n/lang';
import { labDiagram } from '../website/src/components/LabDiagram/diagram';

const ROOT = resolve(__dirname, '..');
/** Debian's Chromium; CHROMIUM_PATH names another. */
export const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-dev-shm-usage'];
const MERMAID_JS = join(ROOT, 'node_modules/mermaid/dist/mermaid.min.js');
const FAVICON = join(ROOT, 'website/static/img/favicon.svg');

/** The home page's diagram: the same call the page made when it drew it in the browser. */
export const HOME_DIAGRAM = { preset: 'ubuntu', maxEntries: 5 } as const;
/** Mermaid's themes per colour mode, as docusaurus.config.js gives them to the live diagrams. */
const THEMES = { light: 'neutral', dark: 'dark' } as const;
type Mode = keyof typeof THEMES;

const OG_TEXT: Record<Lang, { title: string; tagline: string }> = {
  'pt-BR': { title: 'overlay-lab', tagline: 'Como o Docker guarda os sistemas de arquivos dos contêineres: overlay2 e OverlayFS, modelados e conferidos contra o kernel.' },
  en: { title: 'overlay-lab', tagline: 'How Docker stores container file systems: overlay2 and OverlayFS, modelled and checked against the kernel.' },
};

const FAVICONS = [
  { file: 'favicon-32.png', size: 32, opaque: false },
  { file: 'favicon-192.png', size: 192, opaque: false },
  { file: 'favicon-512.png', size: 512, opaque: false },
  // iOS draws a transparent touch icon on black: give it the page's own background.
  { file: 'apple-touch-icon.png', size: 180, opaque: true },
];

export interface SiteAssets {
  diagrams: Record<Lang, { width: number; height: number }>;
}

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** Why the images cannot be drawn here, or undefined. */
export function assetsUnavailable(): string | undefined {
  if (!existsSync(CHROMIUM)) return `${CHROMIUM} not found: the site's images are drawn in Chromium at build time (Debian: apt-get install chromium; scripts/setup.sh does it; CHROMIUM_PATH names another)`;
  if (!existsSync(MERMAID_JS)) return 'node_modules/mermaid is missing (npm ci)';
  return undefined;
}

/**
 * Draws every image into `out` unless the inputs are the ones it was drawn from; returns the sizes.
 * @example await generateSiteAssets('/repo/.cache/site-assets') // { diagrams: { 'pt-BR': { width: 780, height: 530 }, en: … } }
 */
export async function generateSiteAssets(out: string): Promise<SiteAssets> {
  const texts = Object.fromEntries(LANGS.map((l) => [l, labDiagram(HOME_DIAGRAM, l)])) as Record<Lang, string>;
  const key = createHash('sha256')
    .update(JSON.stringify({ texts, OG_TEXT, FAVICONS, THEMES, v: 1 }))
    .update(readFileSync(FAVICON))
    .update(readFileSync(MERMAID_JS))
    .digest('hex');
  const keyFile = join(out, '.inputs');
  const manifest = join(out, 'assets.json');
  if (existsSync(keyFile) && existsSync(manifest) && readFileSync(keyFile, 'utf8') === key) return JSON.parse(readFileSync(manifest, 'utf8')) as SiteAssets;
  const missing = assetsUnavailable();
  if (missing) throw new Error(missing);
  mkdirSync(out, { recursive: true });

  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true });
  try {
    const page = await browser.newPage({ viewport: { width: 1200, height: 630 } });
    // Nothing leaves the machine: the pages below are written inline.
    await page.route('**/*', (r) => (r.request().url().startsWith('data:') ? r.continue() : r.abort()));
    await page.setContent('<!doctype html><html><body></body></html>');
    await page.addScriptTag({ path: MERMAID_JS });
    const diagrams = {} as SiteAssets['diagrams'];
    const svgs = {} as Record<Lang, Record<Mode, string>>;
    for (const lang of LANGS) {
      svgs[lang] = {} as Record<Mode, string>;
      for (const mode of Object.keys(THEMES) as Mode[]) {
        const svg = await page.evaluate(
          async ({ text, theme, id }) => {
            const m = (window as unknown as { mermaid: { initialize: (c: object) => void; render: (id: string, t: string) => Promise<{ svg: string }> } }).mermaid;
            // Plain SVG text (no HTML labels): the file is shown as an <img>, where foreignObject is a risk.
            m.initialize({ startOnLoad: false, theme, securityLevel: 'strict', htmlLabels: false, flowchart: { htmlLabels: false } });
            return (await m.render(id, text)).svg;
          },
          { text: texts[lang], theme: THEMES[mode], id: `stack-${lang}-${mode}` },
        );
        const vb = /viewBox="([-\d.]+) ([-\d.]+) ([\d.]+) ([\d.]+)"/.exec(svg);
        if (!vb) throw new Error(`home diagram (${lang}, ${mode}): Mermaid gave an SVG without a viewBox`);
        const width = Math.ceil(Number(vb[3]));
        const height = Math.ceil(Number(vb[4]));
        // A file on its own: an intrinsic size, and the namespace an <img> needs.
        const sized = svg.replace(/^<svg\b[^>]*?(?=>)/, (open) => `${open.replace(/\swidth="[^"]*"/, '').replace(/\sstyle="[^"]*"/, '')} width="${width}" height="${height}"`);
        svgs[lang][mode] = sized;
        writeFileSync(join(out, `home-stack.${lang}.${mode}.svg`), sized);
        diagrams[lang] = { width, height };
      }
    }

    for (const lang of LANGS) {
      const { title, tagline } = OG_TEXT[lang];
      const d = diagrams[lang];
      const scale = Math.min(560 / d.width, 560 / d.height);
      const icon = readFileSync(FAVICON, 'utf8');
      await page.setContent(`<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><style>
        html,body{margin:0;width:1200px;height:630px;background:#fff;font-family:"DejaVu Sans",Verdana,Arial,sans-serif;color:#1c1e21}
        .wrap{display:flex;align-items:center;gap:32px;height:630px;padding:0 40px;box-sizing:border-box;border-top:12px solid #0369a1}
        .text{flex:1 1 0} h1{font-size:64px;margin:0 0 24px;display:flex;align-items:center;gap:18px}
        h1 svg{width:64px;height:64px} p{font-size:30px;line-height:1.35;margin:0;color:#444}
        .diagram{flex:0 0 560px;height:560px;display:flex;align-items:center;justify-content:center}
        .diagram img{width:${Math.floor(d.width * scale)}px;height:${Math.floor(d.height * scale)}px}
      </style></head><body><div class="wrap"><div class="text"><h1>${icon}${esc(title)}</h1><p>${esc(tagline)}</p></div>
      <div class="diagram"><img alt="" src="data:image/svg+xml;base64,${Buffer.from(svgs[lang].light).toString('base64')}"></div></div></body></html>`);
      await page.waitForFunction(() => [...document.images].every((i) => i.complete && i.naturalWidth > 0));
      writeFileSync(join(out, `og.${lang}.png`), await page.screenshot({ type: 'png', clip: { x: 0, y: 0, width: 1200, height: 630 } }));
    }

    for (const f of FAVICONS) {
      await page.setViewportSize({ width: f.size, height: f.size });
      const pad = f.opaque ? Math.round(f.size * 0.12) : 0;
      const src = `data:image/svg+xml;base64,${readFileSync(FAVICON).toString('base64')}`;
      await page.setContent(
        `<!doctype html><html><body style="margin:0;background:${f.opaque ? '#fff' : 'transparent'}"><img src="${src}" style="display:block;margin:${pad}px;width:${f.size - 2 * pad}px;height:${f.size - 2 * pad}px"></body></html>`,
      );
      await page.waitForFunction(() => [...document.images].every((i) => i.complete && i.naturalWidth > 0));
      writeFileSync(join(out, f.file), await page.screenshot({ type: 'png', omitBackground: !f.opaque, clip: { x: 0, y: 0, width: f.size, height: f.size } }));
    }
    const assets: SiteAssets = { diagrams };
    writeFileSync(manifest, JSON.stringify(assets, null, 2) + '\n');
    writeFileSync(keyFile, key);
    return assets;
  } finally {
    await browser.close();
  }
}

if (require.main === module) {
  const i = process.argv.indexOf('--out');
  const out = resolve(i >= 0 ? process.argv[i + 1] ?? '' : join(ROOT, '.cache/site-assets/img/generated'));
  generateSiteAssets(out).then(
    (a) => console.log(`site-assets: ${out}: ${Object.entries(a.diagrams).map(([l, d]) => `${l} ${d.width}×${d.height}`).join(', ')}`),
    (e) => {
      console.error(`site-assets: ${(e as Error).message}`);
      process.exit(2);
    },
  );
}
