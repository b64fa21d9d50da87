/*
 * Every diagram the library can emit is one Mermaid itself accepts: Mermaid's own parser, in the
 * real Chromium, over every preset (fresh, after actions, read-only, a deep stack), the host views
 * of the simulated engine and the diagrams of the executed notebooks, in both languages. Then the
 * drawing: the SVG the notebooks store holds the diagram's text.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { need } from '../support/env';
import { LANGS, type Lang } from '../../src/i18n/lang';
import { UnionLab } from '../../src/scenario/lab';
import { PRESETS } from '../../src/scenario/presets';
import { mermaidLab } from '../../src/render/mermaid-lab';
import { mermaidStack } from '../../src/render/mermaid-stack';
import { mermaidLayerGrid } from '../../src/render/mermaid-grid';
import { layerGrid } from '../../src/scenario/layer-grid';
import { mermaidOnDisk } from '../../src/render/mermaid-on-disk';
import { onDiskPicture } from '../../src/docker/store/on-disk';
import { labStackBundle } from '../../src/render/notebook-lab';
import { containerMountBundle, containerMountMermaid, imageStackBundle } from '../../src/render/notebook-docker';
import { containerGrid } from '../../src/docker/store/container-grid';
import { inspectContainer, inspectImage } from '../../src/docker/inspect';
import { outputDiagrams, withDrawnDiagrams } from '../../src/render/notebook-diagrams';
import { mermaidBrowserMissing, openMermaidBrowser, type MermaidBrowser } from '../../src/notebook/mermaid-browser';

const ROOT = resolve(__dirname, '../..');
const skip = need(mermaidBrowserMissing());

/** Actions that make every kind of mark a box can show: whiteout, opaque, copy-up, new entries. */
const ACTIONS = ['rm etc/hostname', 'mkdir srv', 'write srv/a "b" <c>', 'append etc/os-release x', 'rmrf usr/share', 'mkdir usr/share'];

function labDiagrams(lang: Lang): [string, string][] {
  const out: [string, string][] = [];
  for (const p of PRESETS) {
    for (const variant of ['fresh', 'actions', 'read-only', 'deep'] as const) {
      const lab = UnionLab.create({ setup: p.text, options: p.options, lowers: variant === 'deep' ? 128 : p.lowers, readOnly: variant === 'read-only' });
      if ('refused' in lab) continue;
      let before: ReturnType<UnionLab['view']> | undefined;
      if (variant === 'actions') for (const a of ACTIONS) (before = lab.view()), lab.run(a);
      out.push([`${p.id} ${variant} ${lang}`, mermaidLab(lab.view(), lang)]);
      // The rows-by-files grid, with the last action's cells marked, and every path drawn at once.
      out.push([`${p.id} ${variant} ${lang} (grid)`, mermaidLayerGrid(layerGrid(lab.view(), before), lang)]);
      out.push([`${p.id} ${variant} ${lang} (grid, all paths)`, mermaidLayerGrid(layerGrid(lab.view(), before), lang, { maxColumns: 99 })]);
      out.push(...outputDiagrams(labStackBundle(lab.view(), lang)).map((d): [string, string] => [`${p.id} ${variant} ${lang} (notebook)`, d]));
    }
  }
  return out;
}

/** The executed copies' diagrams, and the outputs among them stored without their drawing. */
function notebookDiagrams(): [string, string][] & { undrawn: string[] } {
  const out = Object.assign([] as [string, string][], { undrawn: [] as string[] });
  for (const lang of LANGS) {
    const dir = join(ROOT, 'notebooks/executed', lang);
    for (const f of readdirSync(dir).filter((n) => n.endsWith('.ipynb'))) {
      const nb = JSON.parse(readFileSync(join(dir, f), 'utf8')) as { cells: { outputs?: { data?: Record<string, unknown> }[] }[] };
      nb.cells.forEach((c, i) =>
        (c.outputs ?? []).forEach((o) => {
          const ds = o.data ? outputDiagrams(o.data) : [];
          ds.forEach((d) => out.push([`${lang}/${f} cell ${i + 1}`, d]));
          const svg = o.data?.['image/svg+xml'];
          const drawn = typeof svg === 'string' ? svg : ((svg as string[] | undefined) ?? []).join('');
          if (ds.length && !drawn.startsWith('<svg')) out.undrawn.push(`${lang}/${f} cell ${i + 1}`);
          // Mermaid scopes the drawing's style as #<id>: an id that starts with a digit is no CSS selector, and the style is lost.
          else if (ds.length && !/^<svg id="[A-Za-z]/.test(drawn)) out.undrawn.push(`${lang}/${f} cell ${i + 1}: id ${/id="([^"]*)"/.exec(drawn)?.[1]}`);
        }),
      );
    }
  }
  return out;
}

describe.skipIf(skip)('Mermaid accepts every diagram the library emits', () => {
  let mermaid: MermaidBrowser;
  beforeAll(async () => {
    mermaid = await openMermaidBrowser();
  }, 60_000);
  afterAll(async () => {
    await mermaid?.close();
  });

  it('every preset, every variant, both languages', async () => {
    const all = LANGS.flatMap(labDiagrams);
    expect(all.length).toBeGreaterThan(PRESETS.length * 4);
    const bad: string[] = [];
    for (const [name, d] of all) {
      const e = await mermaid.parse(d);
      if (e) bad.push(`${name}: ${e}`);
    }
    expect(bad).toEqual([]);
  }, 240_000);

  it('the host views (simulated engine) and boxes with quotes, angle brackets and #', async () => {
    const all: [string, string][] = [];
    for (const lang of LANGS) {
      all.push(...outputDiagrams(imageStackBundle(await inspectImage('webapp:1', { simulated: 'always' }), lang)).map((d): [string, string] => [`image ${lang}`, d]));
      all.push(...outputDiagrams(containerMountBundle(await inspectContainer('demo', { simulated: 'always' }), lang)).map((d): [string, string] => [`container ${lang}`, d]));
    }
    expect(all.length).toBe(4);
    // serve's pictures of a container: the same stack, and its upperdir as the path-by-path grid.
    for (const lang of LANGS) {
      const view = await inspectContainer('demo', { simulated: 'always' });
      all.push([`serve stack ${lang}`, containerMountMermaid(view, lang)!]);
      all.push([`serve grid ${lang}`, mermaidLayerGrid(containerGrid(view.changes, view.container.lowerDirs), lang)]);
    }
    all.push(['hostile', mermaidStack([{ id: 'a', lines: ['say "hi" <b> #1;', 'end', 'a --> b'], group: 'g "x"' }, { id: 'b', lines: ['subgraph'], kind: 'lower' }], { classes: { lower: 'fill:#e0f2fe' } })]);
    // The on-disk picture of every simulated container and image, whole and folded.
    const { model } = await inspectContainer('web', { simulated: 'always' });
    for (const lang of LANGS)
      for (const name of [...model.containers.map((c) => c.name), ...model.images.map((i) => i.name)]) {
        all.push([`on disk ${name} ${lang}`, mermaidOnDisk(onDiskPicture(model, name)!, lang)]);
        all.push([`on disk ${name} ${lang} folded`, mermaidOnDisk(onDiskPicture(model, name)!, lang, { maxDirs: 3, perRow: 2 })]);
      }
    // A path with quotes, angle brackets, # and ; in the grid's header row.
    const odd = UnionLab.create({ setup: 'L0: write "dir x/say \\"hi\\" <b> #1;" x\nL0: symlink "a<b>" "q\\"1"' }) as UnionLab;
    for (const lang of LANGS) all.push([`hostile grid ${lang}`, mermaidLayerGrid(layerGrid(odd.view()), lang)]);
    expect(odd.view().lowers[0].entries.map((e) => e.path)).toContain('dir x/say "hi" <b> #1;');
    for (const [name, d] of all) expect(await mermaid.parse(d), name).toBeUndefined();
  }, 120_000);

  it('every diagram of the executed notebooks, and its stored drawing', async () => {
    const all = notebookDiagrams();
    expect(all.length).toBeGreaterThan(0);
    for (const [name, d] of all) expect(await mermaid.parse(d), name).toBeUndefined();
    // npm run notebooks drew each one beside its text (image/svg+xml).
    expect(all.undrawn).toEqual([]);
  }, 120_000);

  it('a text Mermaid cannot parse is refused with its message', async () => {
    expect(await mermaid.parse('flowchart TB\n  a["unclosed]\n')).toMatch(/\S/);
    // The block diagram of the grid too: a bare quote inside a label breaks it.
    expect(await mermaid.parse('block-beta\n  columns 2\n  a["say "hi""]\n')).toMatch(/\S/);
  });

  it('a drawing carries the labels as SVG text, and sits beside the markdown with the table kept', async () => {
    const lab = UnionLab.create({ setup: 'L0: write etc/motd hi' }) as UnionLab;
    lab.run('rm etc/motd');
    const bundle = labStackBundle(lab.view(), 'pt-BR');
    const diagrams = outputDiagrams(bundle);
    expect(diagrams).toHaveLength(1);
    const svg = await mermaid.render(diagrams[0], 'test-diagram');
    expect(svg).toMatch(/^<svg[\s>]/);
    expect(svg).not.toContain('<foreignObject');
    expect(svg).toContain('/etc/motd');
    expect(svg).toContain('whiteout');
    const data = withDrawnDiagrams({ ...bundle }, [svg]);
    expect(data['image/svg+xml']).toBe(svg);
    expect(data['text/markdown']).toBe(bundle['text/markdown']);
    const html = data['text/html'] as string;
    expect(html).toContain(svg);
    expect(html).toContain('<table');
    expect(html).not.toContain('```');
  }, 60_000);
});

if (skip) console.log(`Mermaid accepts every diagram: skipped, ${skip}`);
