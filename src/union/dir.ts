/**
 * Making and removing names (fs/overlayfs/dir.c): the parent is copied up, the change is
 * made in the upper directory, and a whiteout or an opaque mark hides what the lower layers
 * still hold under the name.
 */
import { allowsOfflineChanges, REDIRECT_MAX } from './config';
import { copyUp } from './copy-up';
import { changed, existing, moveClaims, parentAt, walk } from './dcache';
import { isPositive, isPureUpper, realInode, type Dentry } from './dentry';
import { linkDenied, MAY_EXEC, MAY_WRITE, mayOn, stickyDenies } from './perm';
import type { Errno } from './errno';
import { makeInode, type FileType, type Inode } from './inode';
import { isWhiteoutIn } from './namei';
import { hasConstIno, indexedNlink, isIndexed, needsIndex, setImpure, setNlinkXattr } from './origin';
import { isEmptyMerged, mayHoldWhiteouts } from './readdir';
import { err, isErr, type Result } from './result';
import type { OvlFs } from './super';

// ---- creating ---------------------------------------------------------------

/** The parent of a new name and the (negative) dentry for it; EEXIST when taken. */
function forCreate(ofs: OvlFs, path: string, checkPermission = true): Result<Dentry> {
  const d = walk(ofs, path);
  if (isErr(d)) return d;
  if (isPositive(d)) return err('EEXIST');
  if (ofs.readOnly) return err('EROFS');
  // may_create: write and search permission on the parent, as the caller.
  const denied = checkPermission && mayCreate(ofs, d);
  return denied ? err(denied) : d;
}

/** may_create on the parent of a new name. */
export const mayCreate = (ofs: OvlFs, d: Dentry): Errno | undefined => (ofs.cred ? mayOn(d.parent!, ofs.cred, MAY_WRITE | MAY_EXEC) : undefined);

/** may_delete: write and search permission on the parent, and the sticky bit's rule (EPERM). */
export function mayDelete(ofs: OvlFs, d: Dentry): Errno | undefined {
  if (!ofs.cred) return undefined;
  const denied = mayOn(d.parent!, ofs.cred, MAY_WRITE | MAY_EXEC);
  if (denied) return denied;
  const dir = realInode(d.parent!);
  const victim = realInode(d);
  return dir && victim && stickyDenies(dir, victim, ofs.cred) ? 'EPERM' : undefined;
}

/**
 * ovl_create_or_link: the parent is copied up, then the new entry is made in the upper
 * directory, over a whiteout when one hides the name (a directory made there is opaque).
 */
export function createUpper(ofs: OvlFs, d: Dentry, make: (parentUpper: Inode) => Inode, hardlinkOrigin = false): Errno | undefined {
  const parent = d.parent!;
  const e = copyUp(ofs, parent, 'parent-of-change', true);
  if (e) return e;
  if (hardlinkOrigin) setImpure(ofs, parent);
  const dir = parent.upper!;
  const node = make(dir);
  const overWhiteout = d.opaque;
  dir.entries.set(d.name, node);
  if (node.type !== 'd') node.nlink++;
  if (node.type === 'd') {
    const merged = parent.lowers.length > 0;
    if (overWhiteout || (merged && !allowsOfflineChanges(ofs.config))) {
      node.setXattrText(`${ofs.prefix}opaque`, 'y');
      ofs.events.push({ kind: 'opaque', path: d.path, reason: overWhiteout ? 'mkdir-over-whiteout' : 'new-dir-in-merged' });
    }
  }
  dir.mtime = dir.ctime = ofs.now();
  changed(ofs);
  return undefined;
}

/** A new inode for the upper directory: the umask applied, the group (and setgid) of a setgid parent. */
export function newNode(ofs: OvlFs, parentUpper: Inode, type: FileType, mode: number): Inode {
  let m = type === 'l' ? 0o777 : mode & ~ofs.umask & 0o7777;
  let gid = 0;
  if (parentUpper.mode & 0o2000) {
    gid = parentUpper.gid;
    if (type === 'd') m |= 0o2000;
  }
  // inode_init_owner: the caller owns what it makes (the overlay sets this after creating as the mounter).
  return makeInode(type, m, ofs.cred?.uid ?? 0, parentUpper.mode & 0o2000 ? gid : ofs.cred?.gid ?? gid, ofs.now());
}

export function mkdir(ofs: OvlFs, path: string, mode: number): Errno | undefined {
  const d = forCreate(ofs, path);
  if (isErr(d)) return d.errno;
  return createUpper(ofs, d, (dir) => newNode(ofs, dir, 'd', mode & 0o1777));
}

export function symlink(ofs: OvlFs, target: string, path: string): Errno | undefined {
  const d = forCreate(ofs, path);
  if (isErr(d)) return d.errno;
  return createUpper(ofs, d, (dir) => {
    const n = newNode(ofs, dir, 'l', 0o777);
    n.target = target;
    return n;
  });
}

/** mknod of a whiteout through the overlay is refused: only the kernel makes them. */
export function mknodWhiteout(ofs: OvlFs, path: string): Errno | undefined {
  const d = forCreate(ofs, path);
  return isErr(d) ? d.errno : 'EPERM';
}

export function link(ofs: OvlFs, existingPath: string, newPath: string): Errno | undefined {
  const old = existing(ofs, existingPath);
  if (isErr(old)) return old.errno;
  const checked = forCreate(ofs, newPath, false);
  if (isErr(checked)) return checked.errno;
  if (old.isDir) return 'EPERM';
  if (linkDenied(realInode(old)!, ofs.cred)) return 'EPERM';
  const denied = mayCreate(ofs, checked);
  if (denied) return denied;
  let e = copyUp(ofs, old, 'link', false);
  if (e) return e;
  // A metacopy file linked elsewhere must find its data from any name: an absolute redirect.
  if (old.metacopy) {
    e = setRedirect(ofs, old, false);
    if (e) return e;
  }
  // The copy-up may have made the new name's parents: look it up again.
  const d = walk(ofs, newPath);
  if (isErr(d)) return d.errno;
  const node = old.upper!;
  const before = isIndexed(ofs, node) ? indexedNlink(ofs, old, node) : 0;
  // Linking something of origin type into a directory makes that directory impure.
  const r = createUpper(ofs, d, () => node, hasConstIno(ofs, old));
  if (r) return r;
  node.ctime = ofs.now();
  if (isIndexed(ofs, node)) setNlinkXattr(ofs, node, before + 1);
  return undefined;
}

/**
 * ovl_set_redirect: a moved directory (or metacopy file) remembers where its lower content
 * lies: its old name within the same directory, else the absolute old path, built from each
 * ancestor's own redirect where it has one.
 */
export function setRedirect(ofs: OvlFs, a: Dentry, samedir: boolean): Errno | undefined {
  const key = `${ofs.prefix}redirect`;
  const existingValue = a.upper!.xattrText(key);
  const absolute = !samedir || (!a.isDir && (a.lowers[0]?.node.nlink ?? 1) > 1);
  if (existingValue !== undefined && (!absolute || existingValue.startsWith('/'))) return undefined;
  let value: string;
  if (!absolute) value = a.name;
  else {
    const parts: string[] = [];
    for (let d: Dentry | undefined = a; d && d.path !== ''; d = d.parent) {
      const name = d.upper?.xattrText(key) ?? d.name;
      parts.unshift(name);
      if (name.startsWith('/')) break;
    }
    value = parts[0].startsWith('/') ? parts.join('/') : `/${parts.join('/')}`;
    if (value.length > REDIRECT_MAX) return 'EXDEV';
  }
  a.upper!.setXattrText(key, value);
  ofs.events.push({ kind: 'redirect', path: a.path, to: value });
  return undefined;
}

// ---- removing ---------------------------------------------------------------

/** Whether a lower layer still shows this name (ovl_lower_positive): then removing it needs a whiteout. */
export function lowerPositive(ofs: OvlFs, d: Dentry): boolean {
  if (!isPositive(d)) return d.opaque;
  if (!d.upper || d.viaIndex) return true;
  for (const l of d.parent!.lowers) {
    if (l.node.type !== 'd') continue;
    const e = l.node.entries.get(d.name);
    if (e) return !isWhiteoutIn(ofs.ctx, e, l.node);
  }
  return false;
}

/**
 * ovl_nlink_start: before whiting out an indexed lower, copy it up so the index exists to
 * hold the overlay's link count.
 */
export function nlinkStart(ofs: OvlFs, d: Dentry): Errno | undefined {
  const lower = d.lowers[0]?.node;
  if (!needsIndex(ofs, d, lower) || (d.upper && !d.viaIndex)) return undefined;
  return copyUp(ofs, d, 'parent-of-change', false);
}

/** The path's parent must exist; then the read-only check comes before the last name's lookup. */
function forRemove(ofs: OvlFs, path: string): Result<Dentry> {
  const parent = parentAt(ofs, path);
  if (isErr(parent)) return parent;
  if (ofs.readOnly) return err('EROFS');
  const d = existing(ofs, path);
  if (isErr(d)) return d;
  const denied = mayDelete(ofs, d);
  return denied ? err(denied) : d;
}

export function unlink(ofs: OvlFs, path: string): Errno | undefined {
  const d = forRemove(ofs, path);
  if (isErr(d)) return d.errno;
  if (d.isDir) return 'EISDIR';
  return remove(ofs, d, 'unlink');
}

export function rmdir(ofs: OvlFs, path: string): Errno | undefined {
  const d = forRemove(ofs, path);
  if (isErr(d)) return d.errno;
  if (!d.isDir) return 'ENOTDIR';
  const pure = isPureUpper(d) && !mayHoldWhiteouts(ofs, d);
  if (!pure && !isEmptyMerged(ofs, d)) return 'ENOTEMPTY';
  // A directory only the upper layer has, and no lower name to hide: the upper rmdir
  // itself decides, and a whiteout left inside counts as an entry there.
  if (pure && !lowerPositive(ofs, d) && d.upper!.entries.size > 0) {
    const e = copyUp(ofs, d.parent!, 'parent-of-change', true);
    return e ?? 'ENOTEMPTY';
  }
  if (pure && lowerPositive(ofs, d) && !isEmptyMerged(ofs, d)) return 'ENOTEMPTY';
  const e = remove(ofs, d, 'rmdir');
  if (!e) moveClaims(ofs, d.path, undefined);
  return e;
}

function remove(ofs: OvlFs, d: Dentry, reason: 'unlink' | 'rmdir'): Errno | undefined {
  let e = copyUp(ofs, d.parent!, 'parent-of-change', true);
  if (e) return e;
  e = nlinkStart(ofs, d);
  if (e) return e;
  const dir = d.parent!.upper!;
  const needWhiteout = lowerPositive(ofs, d);
  const indexed = d.upper && !d.isDir && isIndexed(ofs, d.upper) ? d.upper : undefined;
  const nlinkBefore = indexed ? indexedNlink(ofs, d, indexed) : 0;
  const old = d.viaIndex ? undefined : dir.entries.get(d.name);
  if (old) {
    dir.entries.delete(d.name);
    if (old.type !== 'd') old.nlink--;
  }
  if (indexed) setNlinkXattr(ofs, indexed, nlinkBefore - 1);
  if (needWhiteout) {
    dir.entries.set(d.name, whiteoutNode(ofs));
    ofs.events.push({ kind: 'whiteout', path: d.path, reason });
  }
  dir.mtime = dir.ctime = ofs.now();
  changed(ofs);
  return undefined;
}

/** A whiteout: a char 0/0 device in the upper directory, hiding the name below. */
export function whiteoutNode(ofs: OvlFs): Inode {
  const w = makeInode('c', 0, 0, 0, ofs.now());
  w.nlink = 1;
  return w;
}
