/** What the VFS decides of an open(2) before the file system moves any data (fs/namei.c do_open, may_open). */
import type { Errno } from './errno';

/** open(2)'s flags, as the model takes them. */
export interface OpenFlags {
  access: 'r' | 'w' | 'rw';
  create: boolean;
  excl: boolean;
  trunc: boolean;
  append: boolean;
  directory: boolean;
  nofollow: boolean;
}

/**
 * What the VFS decides of an open before any data moves (do_open, may_open): EINVAL, EEXIST,
 * ELOOP, EISDIR, ENOTDIR, ENXIO; undefined when the open goes on.
 */
export function openCheck(node: { type: string } | undefined, f: OpenFlags): Errno | undefined {
  // Linux 6.4+: O_CREAT|O_DIRECTORY is refused outright.
  if (f.create && f.directory) return 'EINVAL';
  if (!node) return f.create ? undefined : 'ENOENT';
  if (f.create && f.excl) return 'EEXIST';
  if (node.type === 'l') return f.directory ? 'ENOTDIR' : 'ELOOP';
  if (node.type === 'd') return f.create || f.access !== 'r' || f.trunc ? 'EISDIR' : undefined;
  if (f.directory) return 'ENOTDIR';
  // A device opens its driver: 0/0 (a whiteout) has none.
  if (node.type === 'c' || node.type === 'b') return 'ENXIO';
  return undefined;
}

/** Whether an open writes: write access or O_TRUNC (what makes ovl_open copy up, data included). */
export const opensForWrite = (f: OpenFlags) => f.access !== 'r' || f.trunc;

