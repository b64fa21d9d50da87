import type { Errno } from './errno';
import { Inode, InodeNumbers, makeInode, type FileType } from './inode';
import { openCheck, type OpenFlags } from './open';
import { checkSetxattr } from './xattr-rules';

/** The result of walking to a path's parent: the directory inode and the last name. */
export interface ParentRef {
  dir: Inode;
  name: string;
}

const S_ISUID = 0o4000;
const S_ISGID = 0o2000;
const S_IXGRP = 0o010;

/** Splits 'a/b/c' into parts; '' is the root. */
export const splitPath = (path: string): string[] => path.split('/').filter((p) => p !== '');

/**
 * A plain POSIX directory tree, as ext4 behaves for root: what one layer directory is. Raw
 * layer set-up runs on it, and the union mount uses its inode-level helpers on the upper
 * layer. Paths come resolved (no symbolic link in the middle; see union/path).
 */
export class PlainFs {
  /** st_ino of this file system's inodes. */
  readonly inos = new InodeNumbers();

  constructor(
    readonly root: Inode,
    readonly now: () => number,
    /** Taken from the mode of every new file and directory, as the process umask is. */
    readonly umask = 0o022,
  ) {}

  static empty(now: () => number, umask = 0o022): PlainFs {
    return new PlainFs(makeInode('d', 0o755, 0, 0, now()), now, umask);
  }

  /** The inode at a path, or the errno a walk there gives. */
  lookup(path: string): Inode | Errno {
    let node = this.root;
    for (const part of splitPath(path)) {
      if (new TextEncoder().encode(part).length > 255) return 'ENAMETOOLONG';
      if (node.type !== 'd') return 'ENOTDIR';
      const next = node.entries.get(part);
      if (!next) return 'ENOENT';
      node = next;
    }
    return node;
  }

  lstat(path: string): Inode | Errno {
    return this.lookup(path);
  }

  readlink(path: string): string | Errno {
    const node = this.lookup(path);
    if (typeof node === 'string') return node;
    return node.type === 'l' ? node.target : 'EINVAL';
  }

  readdir(path: string): string[] | Errno {
    const node = this.lookup(path);
    if (typeof node === 'string') return node;
    return node.type === 'd' ? [...node.entries.keys()] : 'ENOTDIR';
  }

  read(path: string): Uint8Array | Errno {
    const node = this.lookup(path);
    if (typeof node === 'string') return node;
    return node.type === 'd' ? 'EISDIR' : node.data;
  }

  /** The parent directory of a path that must exist, and the last name. */
  parent(path: string): ParentRef | Errno {
    const parts = splitPath(path);
    const name = parts.pop();
    if (name === undefined) return 'EBUSY';
    const dir = this.lookup(parts.join('/'));
    if (typeof dir === 'string') return dir;
    if (dir.type !== 'd') return 'ENOTDIR';
    return { dir, name };
  }

  /** A new inode as the kernel's inode_init_owner makes it: setgid directories pass their group on. */
  newInode(parent: Inode, type: FileType, mode: number): Inode {
    let m = type === 'l' ? 0o777 : mode & ~this.umask & 0o7777;
    let gid = 0;
    if (parent.mode & S_ISGID) {
      gid = parent.gid;
      if (type === 'd') m |= S_ISGID;
    }
    return makeInode(type, m, 0, gid, this.now());
  }

  /** Links an inode under a name; the caller has checked the name is free. */
  attach(dir: Inode, name: string, node: Inode): void {
    dir.entries.set(name, node);
    if (node.type !== 'd') node.nlink++;
    dir.mtime = dir.ctime = this.now();
  }

  detach(dir: Inode, name: string): Inode | undefined {
    const node = dir.entries.get(name);
    if (!node) return undefined;
    dir.entries.delete(name);
    if (node.type !== 'd') node.nlink--;
    dir.mtime = dir.ctime = this.now();
    return node;
  }

  create(path: string, type: FileType, mode: number): Inode | Errno {
    const p = this.parent(path);
    if (typeof p === 'string') return p;
    if (p.dir.entries.has(p.name)) return 'EEXIST';
    const node = this.newInode(p.dir, type, mode);
    this.attach(p.dir, p.name, node);
    return node;
  }

  write(path: string, data: Uint8Array | undefined, flags: { create: boolean; trunc: boolean; append: boolean }, mode: number): Errno | undefined {
    let node = this.lookup(path);
    if (node === 'ENOENT' && flags.create) {
      const made = this.create(path, 'f', mode);
      if (typeof made === 'string') return made;
      node = made;
    }
    if (typeof node === 'string') return node;
    if (node.type === 'd') return 'EISDIR';
    // A device node opens its driver: 0/0 (a whiteout) has none.
    if (node.type === 'c' || node.type === 'b') return 'ENXIO';
    writeData(node, data, flags, this.now());
    return undefined;
  }

  /** open(2) then write `data` at offset 0 (the end with O_APPEND); see file.ts openCheck for what the VFS refuses. */
  open(path: string, f: OpenFlags, mode: number, data: Uint8Array | undefined): Errno | undefined {
    const found = this.lookup(path);
    if (typeof found === 'string' && found !== 'ENOENT') return found;
    const node = typeof found === 'string' ? undefined : found;
    const e = openCheck(node, f);
    if (e) return e;
    let target = node;
    if (!target) {
      const made = this.create(path, 'f', mode);
      if (typeof made === 'string') return made;
      target = made;
    } else if (target.type === 'd') return data !== undefined ? 'EBADF' : undefined;
    if (f.trunc && node) writeData(target, undefined, { trunc: true, append: false }, this.now());
    if (data === undefined) return undefined;
    if (f.access === 'r') return 'EBADF';
    writeData(target, data, { trunc: false, append: f.append }, this.now());
    return undefined;
  }

  mkdir(path: string, mode: number): Errno | undefined {
    const made = this.create(path, 'd', mode & 0o1777);
    return typeof made === 'string' ? made : undefined;
  }

  symlink(target: string, path: string): Errno | undefined {
    const made = this.create(path, 'l', 0o777);
    if (typeof made === 'string') return made;
    made.target = target;
    return undefined;
  }

  mknodWhiteout(path: string): Errno | undefined {
    const made = this.create(path, 'c', 0);
    return typeof made === 'string' ? made : undefined;
  }

  unlink(path: string): Errno | undefined {
    const p = this.parent(path);
    if (typeof p === 'string') return p;
    const node = p.dir.entries.get(p.name);
    if (!node) return 'ENOENT';
    if (node.type === 'd') return 'EISDIR';
    this.detach(p.dir, p.name);
    return undefined;
  }

  rmdir(path: string): Errno | undefined {
    const p = this.parent(path);
    if (typeof p === 'string') return p;
    const node = p.dir.entries.get(p.name);
    if (!node) return 'ENOENT';
    if (node.type !== 'd') return 'ENOTDIR';
    if (node.entries.size > 0) return 'ENOTEMPTY';
    this.detach(p.dir, p.name);
    return undefined;
  }

  link(existing: string, newPath: string): Errno | undefined {
    const node = this.lookup(existing);
    if (typeof node === 'string') return node;
    const p = this.parent(newPath);
    if (typeof p === 'string') return p;
    if (p.dir.entries.has(p.name)) return 'EEXIST';
    if (node.type === 'd') return 'EPERM';
    this.attach(p.dir, p.name, node);
    node.ctime = this.now();
    return undefined;
  }

  rename(from: string, to: string): Errno | undefined {
    const a = this.parent(from);
    if (typeof a === 'string') return a;
    const b = this.parent(to);
    if (typeof b === 'string') return b;
    return renameEntry(this, a, b);
  }

  chmod(path: string, mode: number): Errno | undefined {
    const node = this.lookup(path);
    if (typeof node === 'string') return node;
    node.mode = mode & 0o7777;
    node.ctime = this.now();
    return undefined;
  }

  lchown(path: string, uid: number, gid: number): Errno | undefined {
    const node = this.lookup(path);
    if (typeof node === 'string') return node;
    chownInode(node, uid, gid, this.now());
    return undefined;
  }

  utimes(path: string, atime: number, mtime: number): Errno | undefined {
    const node = this.lookup(path);
    if (typeof node === 'string') return node;
    node.atime = atime;
    node.mtime = mtime;
    node.ctime = this.now();
    return undefined;
  }

  truncate(path: string, size: number): Errno | undefined {
    const node = this.lookup(path);
    if (typeof node === 'string') return node;
    return truncateInode(node, size, this.now());
  }

  setxattr(path: string, name: string, value: Uint8Array): Errno | undefined {
    const node = this.lookup(path);
    if (typeof node === 'string') return node;
    const e = checkSetxattr(node, name, value);
    if (e) return e;
    node.xattrs.set(name, value.slice());
    node.ctime = this.now();
    return undefined;
  }
}

/** write(2) after open: truncate, append or overwrite from offset 0. */
export function writeData(node: Inode, data: Uint8Array | undefined, flags: { trunc: boolean; append: boolean }, now: number): void {
  if (flags.trunc) node.data = new Uint8Array();
  if (data && data.length > 0) {
    if (flags.append) {
      const joined = new Uint8Array(node.data.length + data.length);
      joined.set(node.data);
      joined.set(data, node.data.length);
      node.data = joined;
    } else {
      const out = new Uint8Array(Math.max(node.data.length, data.length));
      out.set(node.data);
      out.set(data, 0);
      node.data = out;
    }
  }
  if (flags.trunc || (data && data.length > 0)) node.mtime = node.ctime = now;
}

export function truncateInode(node: Inode, size: number, now: number): Errno | undefined {
  if (node.type === 'd') return 'EISDIR';
  if (node.type !== 'f') return 'EINVAL';
  const out = new Uint8Array(size);
  out.set(node.data.subarray(0, Math.min(size, node.data.length)));
  node.data = out;
  node.mtime = node.ctime = now;
  return undefined;
}

/** chown(2): the kernel clears setuid, and setgid on group-executable files, of non-directories. */
export function chownInode(node: Inode, uid: number, gid: number, now: number): void {
  node.uid = uid;
  node.gid = gid;
  if (node.type !== 'd' && node.type !== 'l') {
    if (node.mode & S_ISUID) node.mode &= ~S_ISUID;
    if ((node.mode & (S_ISGID | S_IXGRP)) === (S_ISGID | S_IXGRP)) node.mode &= ~S_ISGID;
  }
  node.ctime = now;
}

/** Whether `dir` is `ancestor` or lies below it. */
function isWithin(root: Inode, ancestor: Inode, dir: Inode): boolean {
  if (ancestor === dir) return true;
  for (const child of ancestor.entries.values()) {
    if (child.type === 'd' && isWithin(root, child, dir)) return true;
  }
  return false;
}

/** rename(2) between two resolved parents on one plain file system. */
export function renameEntry(fs: PlainFs, a: ParentRef, b: ParentRef): Errno | undefined {
  const src = a.dir.entries.get(a.name);
  if (!src) return 'ENOENT';
  const dst = b.dir.entries.get(b.name);
  // Moving a directory below itself is refused before anything else.
  if (src.type === 'd' && isWithin(fs.root, src, b.dir)) return 'EINVAL';
  if (dst && dst.type === 'd' && isWithin(fs.root, dst, a.dir)) return 'ENOTEMPTY';
  if (dst === src) return undefined;
  if (dst) {
    if (src.type === 'd' && dst.type !== 'd') return 'ENOTDIR';
    if (src.type !== 'd' && dst.type === 'd') return 'EISDIR';
    if (dst.type === 'd' && dst.entries.size > 0) return 'ENOTEMPTY';
    fs.detach(b.dir, b.name);
  }
  fs.detach(a.dir, a.name);
  fs.attach(b.dir, b.name, src);
  src.ctime = fs.now();
  return undefined;
}
