/**
 * Copy-up (fs/overlayfs/copy_up.c): before anything in a lower layer changes, the overlay
 * copies it (and its parents first) to the upper layer, where the change then happens.
 */
import { changed } from './dcache';
import type { Dentry } from './dentry';
import type { Errno } from './errno';
import type { CopyUpReason } from './events';
import { cloneInode } from './inode';
import { dataOf, sizeOf } from './metacopy';
import { needsIndex, ovlNlink, setImpure, setNlinkXattr, setOrigin } from './origin';
import type { OvlFs } from './super';

/**
 * Copies a dentry up to the upper layer (its parents first), as ovl_copy_up does:
 * `data` false allows a metadata-only copy when metacopy is on.
 */
export function copyUp(ofs: OvlFs, d: Dentry, reason: CopyUpReason, data: boolean): Errno | undefined {
  if (d.upper && !d.viaIndex && !(data && d.metacopy)) return undefined;
  if (ofs.readOnly) return 'EROFS';
  const e = copyUp(ofs, d.parent!, 'parent-of-change', true);
  if (e) return e;
  if (d.viaIndex) linkFromIndex(ofs, d, reason);
  else if (d.upper && d.metacopy) copyUpData(ofs, d);
  else copyUpLower(ofs, d, reason, data);
  changed(ofs);
  return undefined;
}

/** The index already holds this inode's copy: link it under this name too. */
function linkFromIndex(ofs: OvlFs, d: Dentry, reason: CopyUpReason): void {
  const parent = d.parent!;
  const upperParent = parent.upper!;
  const node = d.upper!;
  upperParent.entries.set(d.name, node);
  const nlinkBefore = ovlNlink(ofs, node);
  node.nlink++;
  setNlinkXattr(ofs, node, nlinkBefore);
  d.viaIndex = false;
  d.upperDir = upperParent;
  setImpure(ofs, parent);
  ofs.events.push({ kind: 'copy-up', path: d.path, data: 'metadata', reason });
}

/** A metadata-only copy gets its data now: the bytes come up and the metacopy mark goes. */
function copyUpData(ofs: OvlFs, d: Dentry): void {
  const upper = d.upper!;
  upper.data = dataOf(ofs, d).slice(0, upper.size);
  upper.dataSize = undefined;
  upper.xattrs.delete(`${ofs.prefix}metacopy`);
  d.metacopy = false;
  ofs.events.push({ kind: 'copy-up', path: d.path, data: 'full', reason: 'metacopy-data' });
}

/** A lower inode copied to a new upper inode: metadata, the user's xattrs, data unless metacopy, origin and index. */
function copyUpLower(ofs: OvlFs, d: Dentry, reason: CopyUpReason, data: boolean): void {
  const parent = d.parent!;
  const upperParent = parent.upper!;
  const lower = d.lowers[0].node;
  const metacopy = ofs.config.metacopy && lower.type === 'f' && !data;
  const node = cloneInode(lower, lower.type === 'f' && !metacopy);
  // Copy-up copies st_size bytes: a lower metacopy file's size, not its data file's.
  if (lower.type === 'f') {
    if (metacopy) node.dataSize = sizeOf(ofs, d);
    else node.data = dataOf(ofs, d).slice(0, sizeOf(ofs, d));
  }
  for (const [name, value] of lower.xattrs) {
    // The overlay's own attributes stay behind; escaped ones are the user's and travel.
    if (name.startsWith(ofs.prefix) && !name.startsWith(`${ofs.prefix}overlay.`)) continue;
    node.xattrs.set(name, value);
  }
  if (metacopy) node.xattrs.set(`${ofs.prefix}metacopy`, new Uint8Array());
  const indexed = needsIndex(ofs, d, lower);
  // Without index a lower hard link gets no origin: its twins may be copied up apart.
  if (d.isDir || lower.nlink <= 1 || indexed) setOrigin(ofs, node, lower);
  ofs.events.push({ kind: 'copy-up', path: d.path, data: metacopy ? 'metadata' : 'full', reason });
  setImpure(ofs, parent);
  upperParent.entries.set(d.name, node);
  if (node.type !== 'd') node.nlink++;
  if (indexed && !d.isDir) {
    node.nlink++; // the index entry in workdir/index is a second link
    ofs.ctx.indexOf.set(lower, node);
    setNlinkXattr(ofs, node, lower.nlink);
    ofs.events.push({ kind: 'index', path: d.path });
  }
  // Hashed by lower unless a lower hard link is broken by this copy-up (no index).
  if (!d.isDir && (lower.nlink <= 1 || ofs.config.index)) ofs.copiedLower.set(lower, node);
  d.upper = node;
  d.upperDir = upperParent;
  d.metacopy = metacopy;
}
