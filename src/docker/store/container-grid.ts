/*
 * Pure: a live container's union mount as the "rows by files" grid the notebooks draw for the
 * model (layers as rows, paths as columns): the paths its upperdir holds, each with what the
 * upperdir has there and the uppermost lower layer that has the same path (what was copied up,
 * replaced or hidden). Only the upperdir's paths are columns: a lower layer is not walked whole.
 */
import type { GridCell, GridCellKind, GridMergedCell, LayerGrid } from '../../scenario/layer-grid';
import type { EntryType } from '../access/scan';
import type { UpperChange } from './changes';

/** Most columns kept (the renderer draws fewer; these are the candidates it picks from). */
const MAX_PATHS = 60;

const kindOfType = (t: EntryType): GridCellKind => (t === 'file' ? 'file' : t === 'dir' ? 'dir' : t === 'symlink' ? 'symlink' : 'other');

function upperCell(c: UpperChange): GridCell {
  const kind: GridCellKind = c.kind === 'deleted' ? 'whiteout' : c.kind === 'opaque' ? 'opaque' : kindOfType(c.type);
  return { kind, size: kind === 'file' ? c.size : undefined, metacopy: false, serves: c.kind !== 'deleted', changed: false };
}

/** What the lower below holds, as the walk read it there; a scan without it falls back to the upper entry's type (a copy-up keeps the type). */
function lowerCell(c: UpperChange): GridCell {
  const kind: GridCellKind = c.belowType ? kindOfType(c.belowType) : c.kind === 'opaque' ? 'dir' : c.kind === 'deleted' ? 'other' : kindOfType(c.type);
  return { kind, metacopy: false, serves: false, changed: false };
}

/** A directory with changed entries under it is implied by them; it is a column only when it says something on its own (opaque, deleted) or holds nothing. */
const isColumn = (c: UpperChange, all: UpperChange[]) => c.type !== 'dir' || c.kind === 'opaque' || c.kind === 'deleted' || !all.some((x) => x.path.startsWith(`${c.path}/`));

/**
 * The grid of a container: row 'upper' (its writable layer), then 'L0' (the -init layer) down
 * to the image's base layer, in lowerdir order.
 * @example containerGrid(view.changes, view.container.lowerDirs).rows[0].layer // 'upper'
 */
export function containerGrid(changes: UpperChange[], lowerDirs: string[]): LayerGrid {
  const shown = changes.filter((c) => isColumn(c, changes)).slice(0, MAX_PATHS);
  const paths = shown.map((c) => c.path.replace(/^\/+/, ''));
  const upper = { layer: 'upper', cells: shown.map(upperCell) };
  const none: GridCell = { kind: 'none', metacopy: false, serves: false, changed: false };
  const lowers = lowerDirs.map((dir, i) => ({ layer: `L${i}`, cells: shown.map((c) => (c.below === dir ? lowerCell(c) : { ...none })) }));
  const merged = shown.map((c): GridMergedCell => (c.kind === 'deleted' ? { metacopy: false, changed: false } : { from: 'upper', size: c.type === 'file' ? c.size : undefined, metacopy: false, changed: false }));
  return { paths, dirs: shown.map((c) => c.type === 'dir'), merged, rows: [upper, ...lowers], readOnly: false, compared: false };
}
