/**
 * rename(2) on the overlay (fs/overlayfs/dir.c: ovl_rename): both sides copied up, the move
 * made in the upper layer, and what it leaves behind recorded: a whiteout where a lower name
 * still shows, a redirect (or an opaque mark) on a moved directory.
 */
import { createsRedirects } from './config';
import { copyUp } from './copy-up';
import { changed, existing, moveClaims, parentAt, walk } from './dcache';
import { isPositive, isPureUpper, type Dentry } from './dentry';
import { lowerPositive, mayCreate, mayDelete, nlinkStart, setRedirect, whiteoutNode } from './dir';
import { MAY_WRITE, mayOn } from './perm';
import type { Errno } from './errno';
import type { Inode } from './inode';
import { hasConstIno, setImpure } from './origin';
import { isEmptyMerged, mayHoldWhiteouts } from './readdir';
import { isErr } from './result';
import type { OvlFs } from './super';

/** What the source was before copy-up changed the layers. */
interface RenameSource {
  samedir: boolean;
  lowerPositive: boolean;
  mergeOrLower: boolean;
  /** Origin type is a property of the overlay inode, fixed before copy-up (a link copied up under userxattr has no origin xattr, yet stays of origin type). */
  constIno: boolean;
  opaque: boolean;
}

/** The VFS's checks first (parents, read-only, loops, types), then the overlay's part. */
export function rename(ofs: OvlFs, from: string, to: string): Errno | undefined {
  const pa = parentAt(ofs, from);
  if (isErr(pa)) return pa.errno;
  const pb = parentAt(ofs, to);
  if (isErr(pb)) return pb.errno;
  if (ofs.readOnly) return 'EROFS';
  const a = existing(ofs, from);
  if (isErr(a)) return a.errno;
  const b = walk(ofs, to);
  if (isErr(b)) return b.errno;
  if (to.startsWith(`${a.path}/`)) return 'EINVAL';
  if (isPositive(b) && a.path.startsWith(`${b.path}/`)) return 'ENOTEMPTY';
  if (a.path === b.path) return undefined;
  if (isPositive(b) && a.upper && a.upper === b.upper) return undefined;
  // vfs_rename: may_delete the source, may_create (or may_delete) the target, and a directory
  // moving to another parent must be writable (its ".." changes).
  const denied = mayDelete(ofs, a) ?? (isPositive(b) ? mayDelete(ofs, b) : mayCreate(ofs, b)) ?? (ofs.cred && a.isDir && pa.path !== pb.path ? mayOn(a, ofs.cred, MAY_WRITE) : undefined);
  if (denied) return denied;
  if (isPositive(b)) {
    if (a.isDir && !b.isDir) return 'ENOTDIR';
    if (!a.isDir && b.isDir) return 'EISDIR';
  }
  return ovlRename(ofs, a, b, pa, pb, from, to);
}

/** ovl_rename: the overlay's part, after the VFS checks. */
function ovlRename(ofs: OvlFs, a: Dentry, b: Dentry, pa: Dentry, pb: Dentry, from: string, to: string): Errno | undefined {
  // Only a directory the upper layer wholly owns can move, unless redirects record where it came from.
  if (a.isDir && !createsRedirects(ofs.config) && !isPureUpper(a)) return 'EXDEV';
  const bPositive = isPositive(b);
  if (bPositive && b.isDir && (!isPureUpper(b) || mayHoldWhiteouts(ofs, b)) && !isEmptyMerged(ofs, b)) return 'ENOTEMPTY';
  const source: RenameSource = {
    samedir: pa.path === pb.path,
    lowerPositive: lowerPositive(ofs, a),
    mergeOrLower: a.lowers.length > 0,
    constIno: hasConstIno(ofs, a),
    opaque: a.opaque,
  };
  const up = copyUpBoth(ofs, a, pb, bPositive, from, to);
  if (typeof up === 'string') return up;
  const e = markMoved(ofs, up.a, b, up.pb, source);
  if (e) return e;
  return renameInUpper(ofs, up.a, b, up.dirB, source.lowerPositive);
}

/** Copies up the source and the target's parent (and an indexed target), then looks both names up again. */
function copyUpBoth(ofs: OvlFs, a: Dentry, pb: Dentry, bPositive: boolean, from: string, to: string): Errno | { a: Dentry; pb: Dentry; dirB: Inode } {
  let e = copyUp(ofs, a, 'rename', false);
  if (e) return e;
  // Copy-up changed the layers: look the names up again before going on.
  const pb2 = existing(ofs, pb.path);
  if (isErr(pb2)) return pb2.errno;
  e = copyUp(ofs, pb2, 'parent-of-change', true);
  if (e) return e;
  if (bPositive) {
    const target = walk(ofs, to);
    if (!isErr(target)) e = nlinkStart(ofs, target);
    if (e) return e;
  }
  const a2 = existing(ofs, from);
  const b2 = walk(ofs, to);
  if (isErr(a2) || isErr(b2)) return 'EIO';
  return { a: a2, pb: b2.parent!, dirB: b2.parent!.upper! };
}

/** What a moved entry must remember: a redirect to its lower content, or an opaque mark over a merged target directory. */
function markMoved(ofs: OvlFs, a: Dentry, b: Dentry, pb: Dentry, source: RenameSource): Errno | undefined {
  if (a.isDir) {
    if (source.mergeOrLower) {
      const e = setRedirect(ofs, a, source.samedir);
      if (e) return e;
    } else if (!source.opaque && pb.lowers.length > 0) {
      a.upper!.setXattrText(`${ofs.prefix}opaque`, 'y');
      ofs.events.push({ kind: 'opaque', path: b.path, reason: 'rename' });
    }
  } else if (a.metacopy) {
    const e = setRedirect(ofs, a, source.samedir);
    if (e) return e;
  }
  // Moving something of origin type into another directory marks that one impure, before the
  // real rename (a refused rename leaves the mark; a later readdir may drop it again).
  if (!source.samedir && (source.constIno || hasConstIno(ofs, a))) setImpure(ofs, pb);
  return undefined;
}

/** The real rename in the upper layer, and a whiteout where the old name still shows below. */
function renameInUpper(ofs: OvlFs, a: Dentry, b: Dentry, dirB: Inode, lowerPosA: boolean): Errno | undefined {
  const ua = a.upper!;
  const dirA = a.parent!.upper!;
  const target = dirB.entries.get(b.name);
  if (target && target.type === 'd' && !target.isWhiteoutDevice && target.entries.size > 0 && isPureUpper(b)) {
    changed(ofs);
    return 'ENOTEMPTY';
  }
  if (target && target !== ua) {
    dirB.entries.delete(b.name);
    if (target.type !== 'd') target.nlink--;
  }
  dirA.entries.delete(a.name);
  dirB.entries.set(b.name, ua);
  if (lowerPosA) {
    dirA.entries.set(a.name, whiteoutNode(ofs));
    ofs.events.push({ kind: 'whiteout', path: a.path, reason: 'rename' });
  }
  ua.ctime = ofs.now();
  dirA.mtime = dirA.ctime = dirB.mtime = dirB.ctime = ofs.now();
  if (a.isDir) {
    moveClaims(ofs, b.path, undefined);
    moveClaims(ofs, a.path, b.path);
  }
  changed(ofs);
  return undefined;
}
