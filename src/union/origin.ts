/**
 * What the overlay records so that a copied-up inode stays the same inode: the origin of a
 * copy (and the impure mark on its directory), and the index that keeps hard links together
 * across copy-up (fs/overlayfs: origin and index in namei.c and copy_up.c, impure in util.c).
 */
import type { Dentry } from './dentry';
import type { Inode } from './inode';
import { overlayNlink } from './namei';
import type { OvlFs } from './super';

/**
 * A merged directory found in upper and lower without an origin gets one on lookup, and
 * its parent is marked impure (ovl_fix_origin): the kernel records what it merged.
 */
export function fixOrigin(ofs: OvlFs, d: Dentry): void {
  if (!d.isDir || !d.upper || d.lowers.length === 0 || d.upper.xattrs.has(`${ofs.prefix}origin`)) return;
  setOrigin(ofs, d.upper, d.lowers[0].node);
  ofs.events.push({ kind: 'origin', path: d.path, reason: 'lookup' });
  if (d.parent?.upper) setImpure(ofs, d.parent);
}

export function setOrigin(ofs: OvlFs, upper: Inode, lower: Inode): void {
  // The overlay inode remembers its lower inode for as long as it is cached, xattr or not.
  ofs.ctx.originOf.set(upper, lower);
  // user.* xattrs exist only on files and directories: with userxattr a copied-up link has no origin xattr.
  if (ofs.config.userxattr && upper.type !== 'f' && upper.type !== 'd') return;
  upper.xattrs.set(`${ofs.prefix}origin`, new Uint8Array([0xfb, ofs.inos.of(lower) & 0xff]));
}

/** The directory holds copied-up or moved entries: readdir must look them up for their inode numbers. */
export function setImpure(ofs: OvlFs, dir: Dentry): void {
  const u = dir.upper!;
  if (u.xattrText(`${ofs.prefix}impure`) === 'y') return;
  u.setXattrText(`${ofs.prefix}impure`, 'y');
  ofs.events.push({ kind: 'impure', path: dir.path });
}

export function isIndexed(ofs: OvlFs, upper: Inode): boolean {
  return upper.xattrs.has(`${ofs.prefix}nlink`);
}

/** "U+n": the overlay's link count minus the upper inode's own (which counts the index entry). */
export function setNlinkXattr(ofs: OvlFs, upper: Inode, nlink: number): void {
  const diff = nlink - upper.nlink;
  upper.setXattrText(`${ofs.prefix}nlink`, `U${diff >= 0 ? '+' : ''}${diff}`);
}

export function ovlNlink(ofs: OvlFs, upper: Inode): number {
  return overlayNlink(ofs.ctx, upper);
}

/**
 * st_nlink of an indexed file: the overlay inode's own count. An inode copied up in this mount
 * was made before its copy-up and keeps its count as links change it (the nlink xattr tracks
 * it); one met fresh after a mount gets ovl_get_nlink's count, the upper's own when the lower
 * has a single link (the xattr is read for lower hard links only).
 */
export function indexedNlink(ofs: OvlFs, d: Dentry, upper: Inode): number {
  const lower = d.lowers[0]?.node;
  const fresh = lower !== undefined && ofs.copiedLower.get(lower) !== upper;
  return fresh && lower.nlink === 1 ? upper.nlink : ovlNlink(ofs, upper);
}

/** Whether copy-up of this dentry goes through the index (hard links kept across copy-up). */
export function needsIndex(ofs: OvlFs, d: Dentry, lower: Inode | undefined): boolean {
  if (!ofs.config.index || !lower) return false;
  // nfs_export indexes everything; otherwise only lower hard links need it.
  return ofs.config.nfsExport || (!d.isDir && lower.nlink > 1);
}

/**
 * The kernel's OVL_CONST_INO, what makes a dentry "origin" type: its st_ino is its lower
 * inode's, which holds for directories, single-link files and indexed hard links.
 */
export function hasConstIno(ofs: OvlFs, d: Dentry): boolean {
  const origin = d.lowers[0]?.node;
  if (!origin) return false;
  return d.isDir || origin.nlink === 1 || (d.upper !== undefined && isIndexed(ofs, d.upper));
}
