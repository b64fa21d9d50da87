/**
 * Changing attributes (fs/overlayfs/inode.c: ovl_setattr, ovl_setxattr): the lookup, the
 * read-only check, a copy-up (metadata only where the mount allows), then the change upstairs.
 */
import { copyUp } from './copy-up';
import { changed, existing } from './dcache';
import { realInode, type Dentry } from './dentry';
import type { Errno } from './errno';
import type { CopyUpReason } from './events';
import type { Inode } from './inode';
import { chownInode, truncateInode } from './plainfs';
import { isErr } from './result';
import type { OvlFs } from './super';
import { chownDenied, MAY_WRITE, ownerOrRoot, permission, type Cred } from './perm';
import { checkSetxattr } from './xattr-rules';

function setattr(
  ofs: OvlFs,
  path: string,
  reason: CopyUpReason,
  data: boolean,
  apply: (n: Inode) => Errno | undefined,
  precheck?: (d: Dentry) => Errno | undefined,
  /** What the caller may do (setattr_prepare, xattr_permission), checked after the read-only check. */
  allowed?: (n: Inode, cred: Cred) => Errno | undefined,
): Errno | undefined {
  const d = existing(ofs, path);
  if (isErr(d)) return d.errno;
  const pre = precheck?.(d);
  if (pre) return pre;
  if (ofs.readOnly) return 'EROFS';
  const denied = ofs.cred && allowed?.(realInode(d)!, ofs.cred);
  if (denied) return denied;
  const e = copyUp(ofs, d, reason, data);
  if (e) return e;
  const r = apply(d.upper!);
  changed(ofs);
  return r;
}

export function chmod(ofs: OvlFs, path: string, mode: number): Errno | undefined {
  return setattr(ofs, path, 'chmod', false, (n) => {
    n.mode = mode & 0o7777;
    n.ctime = ofs.now();
    return undefined;
  }, undefined, (n, c) => (ownerOrRoot(n, c) ? undefined : 'EPERM'));
}

export function lchown(ofs: OvlFs, path: string, uid: number, gid: number): Errno | undefined {
  return setattr(ofs, path, 'chown', false, (n) => {
    chownInode(n, uid, gid, ofs.now());
    return undefined;
  }, undefined, (n, c) => (chownDenied(n, uid, gid, c) ? 'EPERM' : undefined));
}

/** utimensat: explicit times only by the owner (EPERM); `now` also by anyone who may write (EACCES). */
export function utimes(ofs: OvlFs, path: string, atime: number, mtime: number, now = false): Errno | undefined {
  return setattr(ofs, path, 'utimes', false, (n) => {
    n.atime = atime;
    n.mtime = mtime;
    n.ctime = ofs.now();
    return undefined;
  }, undefined, (n, c) => (ownerOrRoot(n, c) ? undefined : now ? permission(n, c, MAY_WRITE) : 'EPERM'));
}

/** Truncating needs the data: a full copy-up, never a metadata-only one. */
export function truncate(ofs: OvlFs, path: string, size: number): Errno | undefined {
  return setattr(ofs, path, 'truncate', true, (n) => truncateInode(n, size, ofs.now()), (d) => {
    const n = realInode(d)!;
    return n.type === 'd' ? 'EISDIR' : n.type !== 'f' ? 'EINVAL' : undefined;
  }, (n, c) => permission(n, c, MAY_WRITE));
}

/** Names in the overlay's own namespace are escaped (prefix + "overlay.") so they cannot forge its attributes. */
export function setxattr(ofs: OvlFs, path: string, name: string, value: Uint8Array): Errno | undefined {
  const stored = name.startsWith(ofs.prefix) ? `${ofs.prefix}overlay.${name.slice(ofs.prefix.length)}` : name;
  return setattr(ofs, path, 'setxattr', false, (n) => {
    n.xattrs.set(stored, value.slice());
    n.ctime = ofs.now();
    return undefined;
  }, (d) => checkSetxattr(realInode(d)!, stored, value), (n, c) => {
    // xattr_permission: trusted.* needs CAP_SYS_ADMIN; user.* only on files and directories, as a writer.
    if (c.uid === 0) return undefined;
    if (!name.startsWith('user.')) return 'EPERM';
    if (n.type !== 'f' && n.type !== 'd') return 'EPERM';
    if (n.type === 'd' && n.mode & 0o1000 && c.uid !== n.uid) return 'EPERM';
    return permission(n, c, MAY_WRITE);
  });
}
