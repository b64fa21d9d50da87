/* Notebook view of the layers-by-paths grid: the Mermaid picture, and a text table as its fallback. */
import { say } from '../i18n/format';
import type { Lang } from '../i18n/lang';
import type { LayerGrid } from '../scenario/layer-grid';
import { mermaidLayerGrid, type MermaidGridOptions } from './mermaid-grid';
import { mermaidBundle, type DisplayBundle } from './notebook-html';

const T = {
  title: { 'pt-BR': 'Cada camada, caminho a caminho', en: 'Each layer, path by path' },
  changed: { 'pt-BR': ' (★: o que a última ação mudou)', en: ' (★: what the last action changed)' },
};

/** One cell as the text fallback writes it: short codes a terminal shows in a column. */
function code(c: LayerGrid['rows'][number]['cells'][number]): string {
  const k = { none: '.', file: 'f', dir: 'd', opaque: 'opaque', symlink: 'l', whiteout: 'wh', other: '?' }[c.kind];
  return `${c.changed ? '*' : ''}${k}${c.serves ? '<' : ''}`;
}

/**
 * The grid of a stack (layers as rows, paths as columns, merged on top), the last action's cells
 * marked when the grid was compared with the view before it.
 * @example
 * const before = lab.view(); lab.run('rm etc/motd');
 * display(layerGridBundle(layerGrid(lab.view(), before), 'en'));
 */
export function layerGridBundle(grid: LayerGrid, lang: Lang, opts: MermaidGridOptions = {}): DisplayBundle {
  const head = ['', ...grid.paths.map((p, j) => `/${p}${grid.dirs[j] ? '/' : ''}`)];
  const rows = [
    ['merged', ...grid.merged.map((m) => `${m.changed ? '*' : ''}${m.from ?? 'x'}`)],
    ...grid.rows.map((r) => [r.layer, ...r.cells.map(code)]),
  ];
  const widths = head.map((h, j) => Math.max(h.length, ...rows.map((r) => r[j].length)));
  const line = (cells: string[]) => cells.map((c, j) => c.padEnd(widths[j])).join('  ').trimEnd();
  const plain = [line(head), ...rows.map(line)].join('\n') + '\n';
  const title = say(T.title, lang) + (grid.compared ? say(T.changed, lang) : '');
  return { ...mermaidBundle(mermaidLayerGrid(grid, lang, opts), plain, title), meta: { paths: grid.paths.length, changed: grid.rows.flatMap((r) => r.cells).filter((c) => c.changed).length } };
}
