/* Pure: an image's layers as one union mount, and what one layer does at a path. */
import type { FileType, Inode } from '../union/inode';
import { makeInode } from '../union/inode';
import { Overlay } from '../union/overlay';
import { splitPath } from '../union/plainfs';
import type { LoadedImage } from './image';
import { LAYER_OPAQUE_XATTR } from './layer-builder';

/**
 * What a container would see of the image's first `upto` layers: a read-only union mount, the
 * top layer first. The engine keeps every lookup rule (whiteouts, opaque directories, a
 * non-directory hiding a directory) in one place, so the analyses ask it instead of re-deciding.
 * An empty layer sits at the bottom: the kernel wants two lowerdirs when there is no upperdir.
 * @example const ovl = mountImage(image); ovl.readdir('')
 */
export function mountImage(image: LoadedImage, upto = image.layers.length): Overlay {
  const lowers = image.layers.slice(0, upto).reverse().map((l) => ({ name: `layer ${l.position}`, root: l.root }));
  lowers.push({ name: 'empty', root: makeInode('d', 0o755, 0, 0, 0) });
  const m = Overlay.mount({ lowers, now: () => 0 });
  // Only more than 500 layers is refused, and the loaders stop before that.
  if ('refused' in m) throw new Error(m.refused.reason);
  return m.ok;
}

/**
 * The layer position (1 = base) a merged path comes from, in a mount made by mountImage.
 * @example positionOf(ovl, image.layers.length, 'etc/passwd') // 1
 */
export function positionOf(ovl: Overlay, upto: number, path: string): number | undefined {
  const w = ovl.whereIs(path);
  if ('errno' in w || w.layer === 'upper') return undefined;
  return w.layer < upto ? upto - w.layer : undefined;
}

/** A path as a program sees it in the merged view (or in one layer), sizes and hashes from the content table. */
export interface EntryFacts {
  type: FileType;
  mode: number;
  uid: number;
  gid: number;
  size: number;
  /** 64 hex digits, regular files only. */
  sha256?: string;
  target?: string;
  rdev?: [number, number];
}

/**
 * lstat of a merged path, with the size and hash the image's content table holds (a
 * hashes-only image keeps no bytes for the engine to measure).
 * @example mergedFacts(ovl, image, 'bin/sh')?.type // 'l'
 */
export function mergedFacts(ovl: Overlay, image: LoadedImage, path: string): EntryFacts | undefined {
  const st = ovl.lstat(path);
  if ('errno' in st) return undefined;
  const f: EntryFacts = { type: st.type, mode: st.mode, uid: st.uid, gid: st.gid, size: st.size };
  if (st.type === 'f') {
    const c = image.contents.ofMerged(ovl, path);
    if (c) Object.assign(f, { size: c.size, sha256: c.sha256 });
  }
  if (st.type === 'l') {
    const t = ovl.readlink(path);
    if (typeof t === 'string') Object.assign(f, { target: t, size: new TextEncoder().encode(t).length });
  }
  return f;
}

/**
 * Facts of an inode inside one layer.
 * @example layerFacts(image, node).size
 */
export function layerFacts(image: LoadedImage, node: Inode): EntryFacts {
  const f: EntryFacts = { type: node.type, mode: node.mode, uid: node.uid, gid: node.gid, size: node.size };
  if (node.type === 'f') {
    const c = image.contents.of(node);
    if (c) Object.assign(f, { size: c.size, sha256: c.sha256 });
  }
  if (node.type === 'l') f.target = node.target;
  if (node.type === 'c' || node.type === 'b') f.rdev = [...node.rdev];
  return f;
}

/** What one layer holds at a path: the entry itself, a whiteout, or something above it that hides it. */
export type LayerTouch =
  | { kind: 'none' }
  | { kind: 'entry'; node: Inode }
  | { kind: 'whiteout' }
  /** An ancestor is a whiteout, a non-directory, or an opaque directory of this layer. */
  | { kind: 'ancestor'; via: string; how: 'whiteout' | 'replaced' | 'opaque' };

/**
 * What a layer's own tree says about a path (without looking at the other layers).
 * @example layerTouch(layer.root, 'app/data/old.txt') // { kind: 'whiteout' }
 */
export function layerTouch(root: Inode, path: string): LayerTouch {
  const parts = splitPath(path);
  let dir = root;
  let opaqueAt: string | undefined;
  for (let i = 0; i < parts.length; i++) {
    const node = dir.entries.get(parts[i]);
    const here = '/' + parts.slice(0, i + 1).join('/');
    const last = i === parts.length - 1;
    if (!node) return opaqueAt ? { kind: 'ancestor', via: opaqueAt, how: 'opaque' } : { kind: 'none' };
    if (last) return node.isWhiteoutDevice ? { kind: 'whiteout' } : { kind: 'entry', node };
    if (node.isWhiteoutDevice) return { kind: 'ancestor', via: here, how: 'whiteout' };
    if (node.type !== 'd') return { kind: 'ancestor', via: here, how: 'replaced' };
    if (node.xattrText(LAYER_OPAQUE_XATTR) === 'y') opaqueAt = here;
    dir = node;
  }
  return { kind: 'none' };
}

/**
 * Every entry of a layer's tree with its path ('/a/b'), parents before children.
 * @example for (const [path, node] of walkLayer(layer.root)) console.log(path)
 */
export function* walkLayer(root: Inode, base = ''): Generator<[string, Inode]> {
  for (const [name, node] of root.entries) {
    const path = `${base}/${name}`;
    yield [path, node];
    if (node.type === 'd') yield* walkLayer(node, path);
  }
}

/**
 * Bytes of regular files visible at a merged path (the whole subtree for a directory), each
 * inode counted once.
 * @example visibleBytes(ovl, image, 'app') // 33
 */
export function visibleBytes(ovl: Overlay, image: LoadedImage, path: string): number {
  const seen = new Set<string>();
  let total = 0;
  const visit = (p: string) => {
    const st = ovl.lstat(p);
    if ('errno' in st) return;
    if (st.type === 'f' && !seen.has(st.ino)) {
      seen.add(st.ino);
      total += image.contents.ofMerged(ovl, p)?.size ?? st.size;
    }
    if (st.type === 'd') {
      const names = ovl.readdir(p);
      if (!('errno' in names)) for (const n of names) visit(p === '' ? n : `${p}/${n}`);
    }
  };
  visit(path.replace(/^\/+/, ''));
  return total;
}
