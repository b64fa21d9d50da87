/*
 * Pure: the union mount as a grid, layers as rows and paths as columns: what each layer holds at
 * each path, and which layer the merged view serves it from. Compared with the view before an
 * action, each cell says whether the action changed it. The facts behind the "rows by files"
 * picture; views only draw them.
 */
import type { LayerEntry, MergedEntry, StackView } from './lab';

/** What one layer holds at one path. 'none': nothing, the lookup goes on to the next layer down. */
export type GridCellKind = 'none' | 'file' | 'dir' | 'opaque' | 'symlink' | 'whiteout' | 'other';

/** One layer at one path. */
export interface GridCell {
  kind: GridCellKind;
  /** Bytes of a file. */
  size?: number;
  /** A symlink's target. */
  target?: string;
  redirect?: string;
  metacopy: boolean;
  /** The merged view serves this path from this layer (the topmost entry the lookup stopped at). */
  serves: boolean;
  /** Different before the last action. */
  changed: boolean;
}

/** The merged view at one path: gone, or served by a layer. */
export interface GridMergedCell {
  /** The layer that serves the path; undefined when the merged view has no such name. */
  from?: MergedEntry['from'];
  type?: MergedEntry['type'];
  size?: number;
  metacopy: boolean;
  changed: boolean;
}

/** One layer's row: 'upper', then 'L0' (top lower) down to the bottom layer. */
export interface GridRow {
  layer: string;
  cells: GridCell[];
}

/** The whole grid. A path is a column when some layer holds something there that a reader must see (see isColumn). */
export interface LayerGrid {
  paths: string[];
  /** Directory columns (a '/' is drawn after their name). */
  dirs: boolean[];
  merged: GridMergedCell[];
  /** upperdir first (when mounted read-write), then the lowerdirs in lookup order. */
  rows: GridRow[];
  readOnly: boolean;
  /** Compared with a view before an action. */
  compared: boolean;
}

function kindOf(e: LayerEntry | undefined): GridCellKind {
  if (!e) return 'none';
  if (e.whiteout) return 'whiteout';
  if (e.type === 'd') return e.opaque === 'y' ? 'opaque' : 'dir';
  if (e.type === 'f') return 'file';
  if (e.type === 'l') return 'symlink';
  return 'other';
}

type Layers = { name: string; at: Map<string, LayerEntry> }[];

function layersOf(v: StackView): Layers {
  return [...(v.upper ? [v.upper] : []), ...v.lowers].map((l) => ({ name: l.name, at: new Map(l.entries.map((e) => [e.path, e])) }));
}

/**
 * A directory is a column only when it says something on its own (opaque, redirected, a whiteout,
 * empty, or not a directory in another layer); its files are columns and imply it.
 */
function isColumn(path: string, layers: Layers, merged: Map<string, MergedEntry>): boolean {
  const entries = layers.map((l) => l.at.get(path)).filter((e): e is LayerEntry => !!e);
  if (entries.some((e) => e.type !== 'd' || e.whiteout || e.opaque === 'y' || e.redirect)) return true;
  const prefix = `${path}/`;
  const hasChild = layers.some((l) => [...l.at.keys()].some((k) => k.startsWith(prefix))) || [...merged.keys()].some((k) => k.startsWith(prefix));
  return !hasChild;
}

function cellOf(e: LayerEntry | undefined, serves: boolean): GridCell {
  const kind = kindOf(e);
  return {
    kind,
    size: kind === 'file' ? e!.size : undefined,
    target: kind === 'symlink' ? e!.target : undefined,
    redirect: e?.redirect,
    metacopy: !!e?.metacopy,
    serves,
    changed: false,
  };
}

const cellKey = (e: LayerEntry | undefined) => (e ? `${kindOf(e)}|${e.type}|${e.size}|${e.mode}|${e.target ?? ''}|${e.redirect ?? ''}|${e.metacopy}|${e.opaque ?? ''}` : '');
const mergedKey = (e: MergedEntry | undefined) => (e ? `${e.from}|${e.type}|${e.size}|${e.mode}|${e.target ?? ''}|${e.metacopy}` : '');

/**
 * The grid of a stack view; with `before` (the view before the last action), the cells the action
 * changed are marked, and a path the action removed from every layer stays as a column.
 * @example
 * const lab = UnionLab.create({ setup: 'L0: write etc/motd hi' }) as UnionLab;
 * const before = lab.view();
 * lab.run('rm etc/motd');
 * const g = layerGrid(lab.view(), before);
 * g.rows[0].cells[g.paths.indexOf('etc/motd')] // { kind: 'whiteout', changed: true, ... }
 */
export function layerGrid(view: StackView, before?: StackView): LayerGrid {
  const layers = layersOf(view);
  const old = before ? layersOf(before) : undefined;
  const merged = new Map(view.merged.map((e) => [e.path, e]));
  const oldMerged = new Map((before?.merged ?? []).map((e) => [e.path, e]));
  const candidates = new Set<string>();
  for (const l of [...layers, ...(old ?? [])]) for (const p of l.at.keys()) candidates.add(p);
  for (const p of [...merged.keys(), ...oldMerged.keys()]) candidates.add(p);
  const changedAt = (p: string) =>
    !!old && (mergedKey(merged.get(p)) !== mergedKey(oldMerged.get(p)) || layers.some((l, i) => cellKey(l.at.get(p)) !== cellKey(old[i]?.at.get(p))));
  const paths = [...candidates]
    .filter((p) => isColumn(p, layers, merged) || (old && isColumn(p, old, oldMerged) && changedAt(p)))
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const dirs = paths.map((p) => {
    const e = merged.get(p) ?? layers.map((l) => l.at.get(p)).find((x) => x && !x.whiteout) ?? oldMerged.get(p);
    return e?.type === 'd';
  });
  const rows = layers.map((l, i) => ({
    layer: l.name,
    cells: paths.map((p) => {
      const c = cellOf(l.at.get(p), merged.get(p)?.from === l.name);
      c.changed = !!old && cellKey(l.at.get(p)) !== cellKey(old[i]?.at.get(p));
      return c;
    }),
  }));
  const mergedCells = paths.map((p): GridMergedCell => {
    const e = merged.get(p);
    return { from: e?.from, type: e?.type, size: e?.type === 'f' ? e.size : undefined, metacopy: !!e?.metacopy, changed: !!old && mergedKey(e) !== mergedKey(oldMerged.get(p)) };
  });
  return { paths, dirs, merged: mergedCells, rows, readOnly: view.readOnly, compared: !!old };
}
