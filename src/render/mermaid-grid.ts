/*
 * Pure: the union mount's iconic picture as a Mermaid block diagram: layers as rows (merged on
 * top, then upperdir, then the lowerdirs in lookup order), paths as columns, each cell what that
 * layer holds there. A grid, so it is wide rather than tall; the last action's cells outlined.
 */
import { formatBytes, say } from '../i18n/format';
import type { Lang } from '../i18n/lang';
import type { GridCell, GridMergedCell, LayerGrid } from '../scenario/layer-grid';

/** How much of a big grid the picture shows. */
export interface MermaidGridOptions {
  /** Most path columns (default 5: about 900 px at 16 px text, so 12 px or more on a 1024×768 projector). */
  maxColumns?: number;
}

/** Fills that keep dark text readable on the light and the dark site theme (the boxes carry their own background). */
export const MERMAID_GRID_CLASSES: Record<string, string> = {
  head: 'fill:none,stroke:none',
  merged: 'fill:#dcfce7,stroke:#15803d,color:#052e16',
  gone: 'fill:#f1f5f9,stroke:#15803d,color:#334155,stroke-dasharray:4 3',
  upper: 'fill:#fef3c7,stroke:#b45309,color:#3b2300',
  lower: 'fill:#e0f2fe,stroke:#0369a1,color:#082f49',
  serves: 'fill:#bbf7d0,stroke:#15803d,color:#052e16,stroke-width:2px',
  whiteout: 'fill:#fee2e2,stroke:#b91c1c,color:#450a0a',
  opaque: 'fill:#ede9fe,stroke:#6d28d9,color:#2e1065',
  none: 'fill:none,stroke:#94a3b8',
  gap: 'fill:#f1f5f9,stroke:#64748b,color:#0f172a,stroke-dasharray:4 3',
};
/** The last action's cells: a thick outline, and a ★ in the text so the mark does not rest on colour alone. */
const CHANGED_STYLE = 'stroke:#dc2626,stroke-width:4px';

const T = {
  // Every block of a column is as wide as the widest block of the grid: labels stay short, in short lines.
  corner: { 'pt-BR': 'camada ↓<br/>caminho →', en: 'layer ↓<br/>path →' },
  hidden: { 'pt-BR': '(+{n} fora)', en: '(+{n} not shown)' },
  merged: { 'pt-BR': 'merged<br/>(o que se vê)', en: 'merged<br/>(what is seen)' },
  upper: { 'pt-BR': 'upperdir<br/>(gravável)', en: 'upperdir<br/>(writable)' },
  top: { 'pt-BR': '{name}<br/>(topo)', en: '{name}<br/>(top)' },
  bottom: { 'pt-BR': '{name}<br/>(base)', en: '{name}<br/>(bottom)' },
  gone: { 'pt-BR': '✗ não aparece', en: '✗ not there' },
  file: { 'pt-BR': 'arquivo {size}', en: 'file {size}' },
  dir: { 'pt-BR': 'diretório', en: 'directory' },
  opaque: { 'pt-BR': '▣ opaco', en: '▣ opaque' },
  whiteout: { 'pt-BR': '✗ whiteout', en: '✗ whiteout' },
  other: { 'pt-BR': 'especial', en: 'special' },
  gap: {
    'pt-BR': '… {n, plural, one {# camada} other {# camadas}}, {from} a {to}: nada nestes caminhos …',
    en: '… {n, plural, one {# layer} other {# layers}}, {from} to {to}: nothing at these paths …',
  },
  empty: { 'pt-BR': '(nenhum caminho: a montagem está vazia)', en: '(no path: the mount is empty)' },
} as const;

/** Mermaid labels are quoted strings: a double quote must be an entity. */
const esc = (s: string) => s.replace(/"/g, '#quot;').replace(/</g, '#lt;').replace(/>/g, '#gt;');

/** "/var/cache/" over "apt/": a column is as wide as its longest line, so the directory and the name share it. */
function pathLabel(path: string, dir: boolean): string {
  const cut = path.lastIndexOf('/');
  const name = `${path.slice(cut + 1)}${dir ? '/' : ''}`;
  return cut < 0 ? esc(`/${name}`) : `${esc(`/${path.slice(0, cut + 1)}`)}<br/>${esc(name)}`;
}

/** Columns a reader must see first: the last action's, then marked ones, then those held by more than one layer. */
function pickColumns(g: LayerGrid, max: number): number[] {
  const score = (j: number) => {
    const cells = g.rows.map((r) => r.cells[j]);
    if (g.merged[j].changed || cells.some((c) => c.changed)) return 3;
    if (cells.some((c) => c.kind === 'whiteout' || c.kind === 'opaque' || c.redirect || c.metacopy)) return 2;
    return cells.filter((c) => c.kind !== 'none').length > 1 || g.merged[j].from === 'upper' ? 1 : 0;
  };
  const order = g.paths.map((_, j) => j).sort((a, b) => score(b) - score(a) || a - b);
  return order.slice(0, max).sort((a, b) => a - b);
}

function cellText(c: GridCell, lang: Lang): string {
  const base =
    c.kind === 'file' ? say(T.file, lang, { size: formatBytes(c.size, lang) })
    : c.kind === 'symlink' ? `→ ${c.target ?? ''}`
    : c.kind === 'none' ? ' '
    : say(T[c.kind], lang);
  const marks = [c.redirect ? `↪ ${c.redirect}` : '', c.metacopy ? 'metacopy' : ''].filter(Boolean);
  return `${c.changed ? '★ ' : ''}${[base, ...marks].join(' ')}`;
}

function mergedText(c: GridMergedCell, lang: Lang): string {
  const base = c.from === undefined ? say(T.gone, lang) : `← ${c.from}${c.metacopy ? ' (metacopy)' : ''}`;
  return `${c.changed ? '★ ' : ''}${base}`;
}

function cellClass(c: GridCell, upper: boolean): string {
  if (c.kind === 'whiteout' || c.kind === 'opaque') return c.kind;
  if (c.kind === 'none') return 'none';
  return c.serves ? 'serves' : upper ? 'upper' : 'lower';
}

/** The rows drawn: a run of two or more rows with nothing in the shown columns becomes one gap row. */
function foldRows(g: LayerGrid, cols: number[]): ({ row: number } | { gap: [number, number] })[] {
  const blank = (i: number) => g.rows[i].layer !== 'upper' && cols.every((j) => g.rows[i].cells[j].kind === 'none' && !g.rows[i].cells[j].changed);
  const out: ({ row: number } | { gap: [number, number] })[] = [];
  for (let i = 0; i < g.rows.length; ) {
    let k = i;
    while (k < g.rows.length && blank(k)) k++;
    if (k - i >= 2) {
      out.push({ gap: [i, k - 1] });
      i = k;
    } else {
      out.push({ row: i });
      i++;
    }
  }
  return out;
}

/**
 * The grid as a Mermaid block diagram: a header row of paths, the merged row ("← L1": the layer
 * that serves each path, "✗" when a whiteout or opaque directory hides it), then one row per
 * layer. The last action's cells carry a ★ and a red outline. At most `maxColumns` paths are
 * drawn (the last action's and the marked ones first); runs of layers with nothing at those
 * paths fold into one row.
 * @example
 * const lab = UnionLab.create({ setup: 'L0: write etc/motd hi' }) as UnionLab;
 * const before = lab.view();
 * lab.run('rm etc/motd');
 * mermaidLayerGrid(layerGrid(lab.view(), before), 'en').startsWith('block-beta') // true
 */
export function mermaidLayerGrid(g: LayerGrid, lang: Lang, opts: MermaidGridOptions = {}): string {
  const cols = pickColumns(g, Math.max(1, opts.maxColumns ?? 5));
  const width = cols.length + 1;
  const out = ['block-beta', `  columns ${width}`];
  const styled: string[] = [];
  const classes = new Map<string, string[]>();
  const block = (id: string, text: string, cls: string, changed = false, span = 1) => {
    out.push(`  ${id}["${text}"]${span > 1 ? `:${span}` : ''}`);
    classes.set(cls, [...(classes.get(cls) ?? []), id]);
    if (changed) styled.push(`  style ${id} ${CHANGED_STYLE}`);
  };
  const hiddenN = g.paths.length - cols.length;
  block('corner', say(T.corner, lang) + (hiddenN > 0 ? `<br/>${esc(say(T.hidden, lang, { n: hiddenN }))}` : ''), 'head');
  if (cols.length === 0) block('nothing', esc(say(T.empty, lang)), 'head');
  cols.forEach((j, k) => block(`p${k}`, pathLabel(g.paths[j], g.dirs[j]), 'head'));
  block('merged', say(T.merged, lang), 'head');
  if (cols.length === 0) block('m0', ' ', 'none');
  cols.forEach((j, k) => block(`m${k}`, esc(mergedText(g.merged[j], lang)), g.merged[j].from === undefined ? 'gone' : 'merged', g.merged[j].changed));
  const lowers = g.rows.filter((r) => r.layer !== 'upper');
  const rowName = (name: string) => {
    // Layer names are the model's (upper, L<i>): no character to escape.
    if (name === 'upper') return say(T.upper, lang);
    if (lowers.length > 1 && name === lowers[0].layer) return say(T.top, lang, { name });
    if (lowers.length > 1 && name === lowers[lowers.length - 1].layer) return say(T.bottom, lang, { name });
    return name;
  };
  for (const item of foldRows(g, cols)) {
    if ('gap' in item) {
      const [a, b] = item.gap;
      block(`g${a}`, esc(say(T.gap, lang, { n: b - a + 1, from: g.rows[a].layer, to: g.rows[b].layer })), 'gap', false, width);
      continue;
    }
    const r = g.rows[item.row];
    block(`r${item.row}`, rowName(r.layer), 'head');
    if (cols.length === 0) block(`c${item.row}_0`, ' ', 'none');
    cols.forEach((j, k) => block(`c${item.row}_${k}`, esc(cellText(r.cells[j], lang)), cellClass(r.cells[j], r.layer === 'upper'), r.cells[j].changed));
  }
  for (const [name, style] of Object.entries(MERMAID_GRID_CLASSES)) if (classes.has(name)) out.push(`  classDef ${name} ${style}`);
  for (const [name, ids] of classes) out.push(`  class ${ids.join(',')} ${name}`);
  out.push(...styled);
  return out.join('\n') + '\n';
}
