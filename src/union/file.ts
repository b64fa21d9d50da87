/** Reading and writing a merged file (fs/overlayfs/file.c): a write copies the file up first. */
import { copyUp } from './copy-up';
import { changed, existing, walk } from './dcache';
import { isPositive } from './dentry';
import { createUpper, newNode } from './dir';
import type { Errno } from './errno';
import { dataOf } from './metacopy';
import { writeData } from './plainfs';
import { err, isErr, type Result } from './result';
import type { OvlFs } from './super';

export function read(ofs: OvlFs, path: string): Result<Uint8Array> {
  const d = existing(ofs, path);
  if (isErr(d)) return d;
  if (d.isDir) return err('EISDIR');
  return dataOf(ofs, d);
}

/** open(O_WRONLY | flags, mode) and write: a new file is made in the upper layer, an existing one copied up. */
export function write(ofs: OvlFs, path: string, data: Uint8Array | undefined, flags: { create: boolean; trunc: boolean; append: boolean }, mode: number): Errno | undefined {
  const d = walk(ofs, path);
  if (isErr(d)) return d.errno;
  if (!isPositive(d)) {
    if (!flags.create) return 'ENOENT';
    if (ofs.readOnly) return 'EROFS';
    const e = createUpper(ofs, d, (dir) => newNode(ofs, dir, 'f', mode));
    if (e) return e;
    const made = existing(ofs, path);
    if (isErr(made)) return made.errno;
    writeData(made.upper!, data, flags, ofs.now());
    return undefined;
  }
  if (d.isDir) return 'EISDIR';
  if (ofs.readOnly) return 'EROFS';
  const e = copyUp(ofs, d, 'open-for-write', true);
  if (e) return e;
  writeData(d.upper!, data, flags, ofs.now());
  changed(ofs);
  return undefined;
}
