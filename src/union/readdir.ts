/**
 * Reading merged directories (fs/overlayfs/readdir.c): layer by layer where more than one
 * layer (or a whiteout) may speak, as it is where only one does.
 */
import { child, existing } from './dcache';
import { MAY_READ, mayOn } from './perm';
import { isPositive, realInode, type Dentry } from './dentry';
import type { Inode } from './inode';
import { isWhiteoutIn } from './namei';
import { hasConstIno } from './origin';
import { err, isErr, type Result } from './result';
import type { OvlFs } from './super';

/** Names in a merged directory, as getdents gives them (without . and ..). */
export function readdir(ofs: OvlFs, path: string): Result<string[]> {
  const d = existing(ofs, path);
  if (isErr(d)) return d;
  if (!d.isDir) return err('ENOTDIR');
  const denied = ofs.cred && mayOn(d, ofs.cred, MAY_READ);
  if (denied) return err(denied);
  const names = mergedNames(ofs, d);
  // An impure merged directory looks its upper entries up to give them stable d_ino;
  // an entry whose lookup fails or finds nothing is dropped from the listing (ovl_cache_update).
  const merged = (d.upper ? 1 : 0) + d.lowers.length > 1 || mayHoldWhiteouts(ofs, d);
  if (d.upper?.xattrText(`${ofs.prefix}impure`) !== 'y') return names;
  if (!merged) {
    // Reading an impure upper-only directory looks its entries up for their d_ino; when none
    // of them keeps an origin's inode number any more, the kernel drops the impure mark.
    const needed = names.some((n) => {
      const c = child(ofs, d, n);
      return !isErr(c) && c.upper !== undefined && hasConstIno(ofs, c);
    });
    if (!needed) d.upper.xattrs.delete(`${ofs.prefix}impure`);
    return names;
  }
  return names.filter((n) => !d.upper!.entries.has(n) || visible(ofs, d, n));
}

/**
 * A directory that only one layer provides is read as it is (whiteouts and all); a merged
 * one is read layer by layer, the first layer naming an entry winning and whiteouts hiding
 * the name below (xattr whiteouts are honoured in lower layers only).
 */
function mergedNames(ofs: OvlFs, d: Dentry, forceMerge = false): string[] {
  const layers: { dir: Inode; lower: boolean }[] = [];
  if (d.upper) layers.push({ dir: d.upper, lower: false });
  for (const l of d.lowers) layers.push({ dir: l.node, lower: true });
  if (layers.length === 1 && !forceMerge && !mayHoldWhiteouts(ofs, d)) return [...layers[0].dir.entries.keys()];
  const seen = new Set<string>();
  const out: string[] = [];
  for (const { dir, lower } of layers) {
    for (const [name, node] of dir.entries) {
      if (seen.has(name)) continue;
      seen.add(name);
      if (node.isWhiteoutDevice || (lower && isWhiteoutIn(ofs.ctx, node, dir))) continue;
      out.push(name);
    }
  }
  return out;
}

/**
 * The kernel's OVL_WHITEOUTS: a directory that is merged, or carries an origin, may hold
 * whiteouts, so it is read (and checked for emptiness) layer by layer, never as it is.
 */
export function mayHoldWhiteouts(ofs: OvlFs, d: Dentry): boolean {
  if (!d.isDir) return false;
  const layers = (d.upper ? 1 : 0) + d.lowers.length;
  return layers > 1 || (realInode(d)?.xattrs.has(`${ofs.prefix}origin`) ?? false);
}

/** ovl_check_empty_dir: names read layer by layer, whiteouts left out; nothing is looked up. */
export function isEmptyMerged(ofs: OvlFs, d: Dentry): boolean {
  return mergedNames(ofs, d, true).length === 0;
}

/** Whether a name listed in a merged directory is really there (it may be a whiteout read as it is). */
function visible(ofs: OvlFs, dir: Dentry, name: string): boolean {
  const c = child(ofs, dir, name);
  return !isErr(c) && isPositive(c);
}
