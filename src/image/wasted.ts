/* Pure: bytes an image ships in lower layers that no container can see. */
import type { Inode } from '../union/inode';
import { matchesFilter, type PathFilter } from './filter';
import type { LoadedImage } from './image';
import { layerTouch, mountImage, positionOf, walkLayer } from './stack';

/** A file some layer holds that the merged view does not show. */
export interface WastedFile {
  path: string;
  /** The layer holding the bytes. */
  position: number;
  size: number;
  sha256?: string;
  /** The first layer above that hides it, and how: a newer entry of that name, or a deletion. */
  hiddenBy: number;
  how: 'overwritten' | 'deleted';
}

export interface WastedSpace {
  /** Bytes of hidden files, all layers. */
  total: number;
  /** Bottom first; every layer, with 0 where nothing is hidden. */
  perLayer: { position: number; bytes: number; files: number }[];
  /** Biggest first. */
  files: WastedFile[];
}

/**
 * Wasted space: regular files of each layer that the merged view does not show, because a
 * later layer wrote that name again or deleted it (a whiteout, an opaque directory, a
 * non-directory over a parent). A hard-linked inode counts only when none of its names shows.
 * Every byte still travels with the image: `docker pull` downloads it, overlay2 stores it.
 * @example wastedSpace(image).perLayer.map((l) => l.bytes)
 */
export function wastedSpace(image: LoadedImage, filter: PathFilter = {}): WastedSpace {
  const n = image.layers.length;
  const full = mountImage(image);
  const files: WastedFile[] = [];
  const perLayer = image.layers.map((l) => ({ position: l.position, bytes: 0, files: 0 }));
  for (const layer of image.layers) {
    const names = new Map<Inode, string[]>();
    for (const [path, node] of walkLayer(layer.root)) {
      if (node.type !== 'f') continue;
      const list = names.get(node) ?? [];
      list.push(path);
      names.set(node, list);
    }
    for (const [node, paths] of names) {
      if (paths.some((p) => positionOf(full, n, p.slice(1)) === layer.position)) continue;
      const path = paths[0];
      const size = image.contents.of(node)?.size ?? node.size;
      if (!matchesFilter(path, size, filter)) continue;
      let hiddenBy = n;
      let how: WastedFile['how'] = 'deleted';
      for (const above of image.layers.slice(layer.position)) {
        const t = layerTouch(above.root, path);
        if (t.kind === 'none') continue;
        hiddenBy = above.position;
        how = t.kind === 'entry' ? 'overwritten' : 'deleted';
        break;
      }
      files.push({ path, position: layer.position, size, sha256: image.contents.of(node)?.sha256, hiddenBy, how });
      perLayer[layer.position - 1].bytes += size;
      perLayer[layer.position - 1].files++;
    }
  }
  files.sort((a, b) => b.size - a.size || (a.path < b.path ? -1 : 1));
  return { total: perLayer.reduce((s, l) => s + l.bytes, 0), perLayer, files };
}
