/* Pure: what each layer of an image adds, modifies and deletes, with sizes. */
import type { Inode } from '../union/inode';
import { matchesFilter, type PathFilter } from './filter';
import type { LoadedImage } from './image';
import { LAYER_OPAQUE_XATTR } from './layer-builder';
import { layerFacts, mergedFacts, mountImage, visibleBytes, walkLayer, type EntryFacts } from './stack';

/**
 * - added: nothing of that name was visible below (or it lies under an opaque directory of
 *   this layer, which hides everything below).
 * - modified: something of that name was visible below and this entry takes its place (a file
 *   written again; a directory that is here because something inside it changed).
 * - deleted: a whiteout (`.wh.NAME` in the archive, char 0/0 in `diff/`).
 * - opaque: a directory marked opaque over one that was visible below (`rm -rf d && mkdir d`).
 * The same kinds as `overlay-lab image` gives for the layer directories of a live engine.
 */
export type DiffKind = 'added' | 'modified' | 'deleted' | 'opaque';

/** One entry of a layer, classified against the layers below it. */
export interface DiffEntry {
  path: string;
  kind: DiffKind;
  /** The entry this layer holds (a whiteout shows as type 'c' 0/0). */
  entry: EntryFacts;
  /** Bytes of the regular file this layer holds (0 for directories, links, whiteouts). */
  size: number;
  /** modified: what was visible below; deleted/opaque: bytes of files it hides. */
  below?: EntryFacts;
  hiddenBytes?: number;
}

export interface LayerDiff {
  position: number;
  source: string;
  createdBy?: string;
  entries: DiffEntry[];
  totals: Record<DiffKind, number> & { addedBytes: number; modifiedBytes: number; hiddenBytes: number };
}

/**
 * Classifies every entry of one layer (1 = base) against the merged view of the layers below,
 * read through the engine's mount. The filter keeps paths under a prefix and within a size range.
 * @example layerDiff(image, 4).entries.filter((e) => e.kind === 'deleted').map((e) => e.path) // ['/app/data/old.txt', '/etc/motd']
 */
export function layerDiff(image: LoadedImage, position: number, filter: PathFilter = {}): LayerDiff {
  const layer = image.layers[position - 1];
  if (!layer) throw new RangeError(`no layer ${position} (1..${image.layers.length})`);
  const below = position > 1 ? mountImage(image, position - 1) : undefined;
  const opaqueDirs: string[] = [];
  const underOpaque = (p: string) => opaqueDirs.some((d) => p.startsWith(`${d}/`));
  const entries: DiffEntry[] = [];
  const seen = new Set<Inode>();
  for (const [path, node] of walkLayer(layer.root)) {
    const rel = path.slice(1);
    const hidden = underOpaque(path);
    const prev = below && !hidden ? mergedFacts(below, image, rel) : undefined;
    const entry = layerFacts(image, node);
    // A hard link's bytes count once.
    const size = node.type === 'f' && !seen.has(node) ? entry.size : 0;
    if (node.type === 'f') seen.add(node);
    let e: DiffEntry;
    if (node.isWhiteoutDevice) e = { path, kind: 'deleted', entry, size: 0, below: prev, hiddenBytes: prev ? visibleBytes(below!, image, rel) : 0 };
    else if (node.type === 'd' && node.xattrText(LAYER_OPAQUE_XATTR) === 'y' && prev) {
      e = { path, kind: 'opaque', entry, size, below: prev, hiddenBytes: visibleBytes(below!, image, rel) };
    } else if (prev) {
      // A file over a file hides the old bytes; a non-directory over a directory hides its whole subtree.
      const hiddenBytes = prev.type === 'f' ? prev.size : prev.type === 'd' && node.type !== 'd' ? visibleBytes(below!, image, rel) : undefined;
      e = { path, kind: 'modified', entry, size, below: prev, hiddenBytes };
    } else e = { path, kind: 'added', entry, size };
    if (node.type === 'd' && node.xattrText(LAYER_OPAQUE_XATTR) === 'y') opaqueDirs.push(path);
    entries.push(e);
  }
  entries.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  const shown = entries.filter((e) => matchesFilter(e.path, Math.max(e.size, e.hiddenBytes ?? 0), filter));
  const totals = { added: 0, modified: 0, deleted: 0, opaque: 0, addedBytes: 0, modifiedBytes: 0, hiddenBytes: 0 };
  for (const e of shown) {
    totals[e.kind]++;
    if (e.kind === 'added') totals.addedBytes += e.size;
    if (e.kind === 'modified') totals.modifiedBytes += e.size;
    totals.hiddenBytes += e.hiddenBytes ?? 0;
  }
  return { position, source: layer.source, createdBy: layer.createdBy, entries: shown, totals };
}

/**
 * layerDiff for every layer, bottom first.
 * @example layerDiffs(image, { prefix: '/app' }).map((d) => d.totals.added)
 */
export function layerDiffs(image: LoadedImage, filter: PathFilter = {}): LayerDiff[] {
  return image.layers.map((l) => layerDiff(image, l.position, filter));
}
