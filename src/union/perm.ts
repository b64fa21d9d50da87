/**
 * Permission checks as the caller (fs/namei.c generic_permission, may_create, may_delete,
 * fs/attr.c setattr_prepare): the overlay checks its own inode, whose owner and mode are the
 * real inode's, with the caller's credentials. Copy-up and every change in the layers are then
 * made with the mounter's (root's), so they never fail for the caller's lack of rights.
 */
import { realInode, type Dentry } from './dentry';
import type { Errno } from './errno';
import type { Inode } from './inode';

/** Who makes the call: uid and gid, no supplementary groups. Absent: root, the mounter. */
export interface Cred {
  uid: number;
  gid: number;
}

export const MAY_EXEC = 1;
export const MAY_WRITE = 2;
export const MAY_READ = 4;

const isRoot = (c: Cred | undefined) => c === undefined || c.uid === 0;

/**
 * generic_permission: the owner's, the group's or the others' bits. Root (CAP_DAC_OVERRIDE)
 * may read and write anything, and execute what has an x bit or is a directory.
 */
export function permission(node: Inode, cred: Cred | undefined, mask: number): Errno | undefined {
  if (isRoot(cred)) return mask & MAY_EXEC && node.type !== 'd' && !(node.mode & 0o111) ? 'EACCES' : undefined;
  const c = cred!;
  const bits = c.uid === node.uid ? node.mode >> 6 : c.gid === node.gid ? node.mode >> 3 : node.mode;
  return (bits & 7 & mask) === mask ? undefined : 'EACCES';
}

/** The same check on a merged name: the overlay inode shows the real inode's owner and mode. */
export function mayOn(d: Dentry, cred: Cred | undefined, mask: number): Errno | undefined {
  const n = realInode(d);
  return n ? permission(n, cred, mask) : undefined;
}

/** inode_owner_or_capable: the owner, or root (CAP_FOWNER). */
export const ownerOrRoot = (node: Inode, cred: Cred | undefined) => isRoot(cred) || cred!.uid === node.uid;

/** may_delete's sticky check: in a sticky directory only the owner of the entry or of the directory (or root) removes it. */
export function stickyDenies(dir: Inode, victim: Inode, cred: Cred | undefined): boolean {
  if (isRoot(cred) || !(dir.mode & 0o1000)) return false;
  return cred!.uid !== victim.uid && cred!.uid !== dir.uid;
}

/** chown_ok/chgrp_ok: only root changes the owner, or names it for another's file; the owner may change the group to its own. */
export function chownDenied(node: Inode, uid: number, gid: number, cred: Cred | undefined): boolean {
  if (isRoot(cred)) return false;
  const c = cred!;
  // chown_ok and chgrp_ok: the owner may keep its uid and pick its own group or keep the old one.
  const owner = c.uid === node.uid;
  return !(owner && uid === node.uid && (gid === node.gid || gid === c.gid));
}

/**
 * may_linkat with fs.protected_hardlinks=1: a user links only what it owns, or a regular
 * file it may read and write that is neither setuid nor setgid-executable.
 */
export function linkDenied(node: Inode, cred: Cred | undefined): boolean {
  if (isRoot(cred) || cred!.uid === node.uid) return false;
  if (node.type !== 'f' || node.mode & 0o4000 || (node.mode & 0o2010) === 0o2010) return true;
  return permission(node, cred, MAY_READ | MAY_WRITE) !== undefined;
}
