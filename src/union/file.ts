/** Reading and writing a merged file (fs/overlayfs/file.c): a write copies the file up first. */
import { copyUp } from './copy-up';
import { changed, existing, walk } from './dcache';
import { isPositive } from './dentry';
import { createUpper, mayCreate, newNode } from './dir';
import { MAY_READ, MAY_WRITE, mayOn } from './perm';
import type { Errno } from './errno';
import { dataOf } from './metacopy';
import { openCheck, opensForWrite, type OpenFlags } from './open';
import { writeData } from './plainfs';
import { err, isErr, type Result } from './result';
import type { OvlFs } from './super';

export function read(ofs: OvlFs, path: string): Result<Uint8Array> {
  const d = existing(ofs, path);
  if (isErr(d)) return d;
  if (d.isDir) return err('EISDIR');
  const denied = ofs.cred && mayOn(d, ofs.cred, MAY_READ);
  if (denied) return err(denied);
  return dataOf(ofs, d);
}

/** open(O_WRONLY | flags, mode) and write: a new file is made in the upper layer, an existing one copied up. */
export function write(ofs: OvlFs, path: string, data: Uint8Array | undefined, flags: { create: boolean; trunc: boolean; append: boolean }, mode: number): Errno | undefined {
  const d = walk(ofs, path);
  if (isErr(d)) return d.errno;
  if (!isPositive(d)) {
    if (!flags.create) return 'ENOENT';
    if (ofs.readOnly) return 'EROFS';
    const denied = mayCreate(ofs, d);
    if (denied) return denied;
    const e = createUpper(ofs, d, (dir) => newNode(ofs, dir, 'f', mode));
    if (e) return e;
    const made = existing(ofs, path);
    if (isErr(made)) return made.errno;
    writeData(made.upper!, data, flags, ofs.now());
    return undefined;
  }
  if (d.isDir) return 'EISDIR';
  if (ofs.readOnly) return 'EROFS';
  const denied = ofs.cred && mayOn(d, ofs.cred, MAY_WRITE);
  if (denied) return denied;
  const e = copyUp(ofs, d, 'open-for-write', true);
  if (e) return e;
  writeData(d.upper!, data, flags, ofs.now());
  changed(ofs);
  return undefined;
}

/**
 * open(2) on the merged view, then write `data` at offset 0 (the end with O_APPEND): opening
 * for write (or with O_TRUNC, even read-only) copies the file up; O_CREAT alone on an existing
 * file does not. Writing through a read-only descriptor is EBADF.
 */
export function open(ofs: OvlFs, path: string, f: OpenFlags, mode: number, data: Uint8Array | undefined): Errno | undefined {
  const d = walk(ofs, path);
  if (isErr(d)) return d.errno;
  const node = isPositive(d) ? (d.upper ?? d.lowers[0].node) : undefined;
  const e = openCheck(node, f);
  if (e) return e;
  if (!node) {
    if (ofs.readOnly) return 'EROFS';
    const denied = mayCreate(ofs, d);
    if (denied) return denied;
    const made = createUpper(ofs, d, (dir) => newNode(ofs, dir, 'f', mode));
    if (made) return made;
  } else if (node.type === 'd' || !opensForWrite(f)) {
    const denied = ofs.cred && mayOn(d, ofs.cred, MAY_READ);
    if (denied) return denied;
    return data !== undefined ? 'EBADF' : undefined;
  } else {
    if (ofs.readOnly) return 'EROFS';
    const denied = ofs.cred && mayOn(d, ofs.cred, (f.access === 'w' ? 0 : MAY_READ) | MAY_WRITE);
    if (denied) return denied;
    const c = copyUp(ofs, d, 'open-for-write', true);
    if (c) return c;
  }
  const now = existing(ofs, path);
  if (isErr(now)) return now.errno;
  const upper = now.upper!;
  if (f.trunc && node) writeData(upper, undefined, { trunc: true, append: false }, ofs.now());
  changed(ofs);
  if (data === undefined) return undefined;
  if (f.access === 'r') return 'EBADF';
  writeData(upper, data, { trunc: false, append: f.append }, ofs.now());
  return undefined;
}
