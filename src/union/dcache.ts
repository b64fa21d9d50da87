/**
 * Walking merged paths, as the VFS does above the overlay: one name at a time, each looked up
 * once (ovl_lookup) and kept in the mount's dentry cache until a layer changes.
 */
import { isPositive, type Dentry } from './dentry';
import type { Errno } from './errno';
import { lookupChild, rootDentry } from './namei';
import { MAY_EXEC, mayOn } from './perm';
import { fixOrigin } from './origin';
import { splitPath } from './plainfs';
import { err, isErr, type Result } from './result';
import type { OvlFs } from './super';

/** Longest file name Linux takes (NAME_MAX). */
export const NAME_MAX = 255;
const utf8Length = (s: string) => new TextEncoder().encode(s).length;

function root(ofs: OvlFs): Dentry {
  return (ofs.rootCache ??= rootDentry(ofs.ctx, ofs.upperRoot));
}

/** The dentry for one name under a merged directory, from the cache or a fresh lookup. */
export function child(ofs: OvlFs, parent: Dentry, name: string): Result<Dentry> {
  const key = parent.path === '' ? name : `${parent.path}/${name}`;
  const hit = ofs.cache.get(key);
  if (hit && hit.parent === parent) return hit;
  // NAME_MAX: the kernel refuses a longer name before looking anywhere.
  if (utf8Length(name) > NAME_MAX) return err('ENAMETOOLONG');
  const d = lookupChild(ofs.ctx, parent, name, (merged) => fixOrigin(ofs, merged));
  if (typeof d === 'string') return err(d);
  const stale = claimLowerDir(ofs, d);
  if (stale) return err(stale);
  shareCopiedUp(ofs, d);
  fixOrigin(ofs, d);
  ofs.cache.set(key, d);
  return d;
}

/**
 * A lower-only file whose lower inode another name already copied up: the kernel finds that
 * overlay inode in its inode cache, so this name shows (and writes) the upper copy too, for
 * as long as the copy is linked somewhere in the upper layer.
 */
function shareCopiedUp(ofs: OvlFs, d: Dentry): void {
  if (d.isDir || d.upper || d.lowers.length === 0) return;
  const up = ofs.copiedLower.get(d.lowers[0].node);
  if (up && up.nlink > 0) d.upper = up;
}

/**
 * Directory inodes are found by their lower directory: one lower directory can back one
 * merged directory only. When redirects make a second name reach it with another upper
 * (or none), the kernel's inode check fails and that lookup answers ESTALE; with the same
 * upper the inode is shared and the claim follows the latest name.
 */
function claimLowerDir(ofs: OvlFs, d: Dentry): Errno | undefined {
  if (!d.isDir || d.lowers.length === 0) return undefined;
  const key = d.lowers[0].node;
  const seen = ofs.dirClaims.get(key);
  if (!seen || seen.path === d.path) {
    ofs.dirClaims.set(key, { path: d.path, upper: d.upper });
    return undefined;
  }
  if (seen.upper !== d.upper) return 'ESTALE';
  // Same inode, second name: a directory has one dentry alias, so d_splice_alias moves it here.
  seen.path = d.path;
  return undefined;
}

/** A directory moved or removed takes its claims along (or away). */
export function moveClaims(ofs: OvlFs, from: string, to: string | undefined): void {
  for (const [key, claim] of [...ofs.dirClaims]) {
    if (claim.path !== from && !claim.path.startsWith(`${from}/`)) continue;
    if (to === undefined) ofs.dirClaims.delete(key);
    else claim.path = to + claim.path.slice(from.length);
  }
}

/** may_lookup: the caller needs search (x) permission on a directory to take a name in it. */
const searchDenied = (ofs: OvlFs, d: Dentry): Errno | undefined => (ofs.cred ? mayOn(d, ofs.cred, MAY_EXEC) : undefined);

/** The dentry at a resolved path (the last one may be negative). */
export function walk(ofs: OvlFs, path: string): Result<Dentry> {
  let d = root(ofs);
  const parts = splitPath(path);
  for (let i = 0; i < parts.length; i++) {
    if (!isPositive(d)) return err('ENOENT');
    if (!d.isDir) return err('ENOTDIR');
    // may_lookup: the caller needs search permission on every directory on the way.
    const denied = searchDenied(ofs, d);
    if (denied) return err(denied);
    const next = child(ofs, d, parts[i]);
    if (isErr(next)) return next;
    d = next;
  }
  return d;
}

/**
 * filename_parentat: the parent of a path's last name, as link_path_walk leaves it: a directory
 * the caller may search (may_lookup runs on it before the last name is taken), else ENOTDIR or
 * EACCES before anything else of the call is checked.
 */
export function parentAt(ofs: OvlFs, path: string): Result<Dentry> {
  const p = existing(ofs, splitPath(path).slice(0, -1).join('/'));
  if (isErr(p)) return p;
  if (!p.isDir) return err('ENOTDIR');
  const denied = searchDenied(ofs, p);
  return denied ? err(denied) : p;
}

/** may_lookup on a directory: whether the caller may search it (the VFS asks before taking a name in it). */
export function mayLookup(ofs: OvlFs, dir: string): Errno | undefined {
  const d = existing(ofs, dir);
  if (isErr(d)) return d.errno;
  return searchDenied(ofs, d);
}

/** The dentry at a path that must exist. */
export function existing(ofs: OvlFs, path: string): Result<Dentry> {
  const d = walk(ofs, path);
  if (isErr(d)) return d;
  return isPositive(d) ? d : err('ENOENT');
}

/** Forgets cached lookups: the layers changed. */
export function changed(ofs: OvlFs): void {
  ofs.cache = new Map();
  ofs.rootCache = undefined;
}
