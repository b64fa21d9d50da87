/**
 * What a merged name says of itself (fs/overlayfs/inode.c: getattr, listxattr; readlink):
 * the real inode's attributes, with the overlay's own size, link count and inode number.
 */
import { existing } from './dcache';
import { realInode, type Dentry } from './dentry';
import type { Inode, StatResult } from './inode';
import { sizeOf } from './metacopy';
import { indexedNlink, isIndexed } from './origin';
import { err, isErr, type Result } from './result';
import type { OvlFs } from './super';

/**
 * Which layer serves a merged path: 'upper' or the index of a lower layer, and where the
 * data of a metacopy file still lies.
 */
export function whereIs(ofs: OvlFs, path: string): Result<{ layer: 'upper' | number; metacopy: boolean; dataLayer?: number }> {
  const d = existing(ofs, path);
  if (isErr(d)) return d;
  if (d.upper) {
    const data = d.metacopy ? d.lowers[d.lowers.length - 1]?.layer : undefined;
    return { layer: 'upper', metacopy: d.metacopy, dataLayer: data };
  }
  return { layer: d.lowers[0].layer, metacopy: false };
}

export function lstat(ofs: OvlFs, path: string): Result<StatResult> {
  const d = existing(ofs, path);
  if (isErr(d)) return d;
  const n = realInode(d)!;
  const size = n.type === 'f' ? sizeOf(ofs, d) : n.size;
  let nlink = n.nlink;
  if (d.upper && !d.isDir && isIndexed(ofs, d.upper)) nlink = indexedNlink(ofs, d, d.upper);
  const rdev: [number, number] | undefined = n.type === 'c' || n.type === 'b' ? [...n.rdev] : undefined;
  // Every layer of a model mount is on one file system: st_dev is the overlay's for every name.
  return { type: n.type, mode: n.mode, uid: n.uid, gid: n.gid, size, nlink, ino: inoOf(d, ofs), rdev, dev: 'overlay' };
}

/** st_ino as a token, numbered by this mount. */
function inoOf(d: Dentry, ofs: OvlFs): string {
  return `i${ofs.inos.of(inoInode(d, ofs))}`;
}

/**
 * The inode whose number st_ino gives: a copied-up file keeps its origin's (stable across
 * copy-up) unless the origin is a hard link copied up without index, whose twins may have
 * split apart.
 */
function inoInode(d: Dentry, ofs: OvlFs): Inode {
  if (!d.upper) return d.lowers[0].node;
  const origin = d.lowers[0]?.node;
  if (origin && (d.isDir || origin.nlink === 1 || isIndexed(ofs, d.upper))) return origin;
  return d.upper;
}

/**
 * The layer inode behind a merged name's st_ino: what a table kept per layer inode (an
 * image's contents) is looked up by, since numbers belong to one mount.
 */
export function inodeOf(ofs: OvlFs, path: string): Result<Inode> {
  const d = existing(ofs, path);
  return isErr(d) ? d : inoInode(d, ofs);
}

export function readlink(ofs: OvlFs, path: string): Result<string> {
  const d = existing(ofs, path);
  if (isErr(d)) return d;
  const n = realInode(d)!;
  return n.type === 'l' ? n.target : err('EINVAL');
}

/** Overlay xattrs of a merged entry as listxattr shows them: private ones hidden, escaped ones unescaped. */
export function listxattr(ofs: OvlFs, path: string): Result<[string, Uint8Array][]> {
  const d = existing(ofs, path);
  if (isErr(d)) return d;
  const out: [string, Uint8Array][] = [];
  for (const [name, value] of realInode(d)!.xattrs) {
    if (name.startsWith(ofs.prefix)) {
      if (name.startsWith(`${ofs.prefix}overlay.`)) out.push([ofs.prefix + name.slice(ofs.prefix.length + 8), value]);
      continue;
    }
    out.push([name, value]);
  }
  return out;
}
