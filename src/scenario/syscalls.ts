/**
 * The system calls a scenario makes, on paths relative to a root ('' is the root) that the
 * executor has already resolved (no symbolic link left in the middle). The kernel runner
 * implements them with real system calls on a real mount; the simulator with the union
 * engine. Each returns undefined for success or the errno name.
 */
import type { StatResult } from '../union/inode';
import type { OpenFlags } from './ops';

export type Errno = string;
/** One definition, in the union engine (the bottom layer): re-exported for the runners. */
export type { StatResult };

export interface Syscalls {
  lstat(path: string): StatResult | { errno: Errno };
  readlink(path: string): string | { errno: Errno };
  /** Names in the directory, any order (the executor sorts). */
  readdir(path: string): string[] | { errno: Errno };
  /** open(O_RDONLY) and read to the end. */
  read(path: string): Uint8Array | { errno: Errno };
  /** open(O_WRONLY | flags, mode) then write `data` (when given). */
  write(path: string, data: Uint8Array | undefined, flags: { create: boolean; trunc: boolean; append: boolean }, mode: number): Errno | undefined;
  /**
   * open(path, flags, mode), then write `data` at the file offset (0, or the end with
   * O_APPEND) when given, then close.
   */
  open(path: string, flags: OpenFlags, mode: number, data: Uint8Array | undefined): Errno | undefined;
  /** utimensat without AT_SYMLINK_NOFOLLOW; seconds. */
  utimes(path: string, atime: number, mtime: number): Errno | undefined;
  /** utimensat with UTIME_NOW (times = NULL): the owner, or anyone who may write, may do it; `now` is the model's clock. */
  utimesNow(path: string, now: number): Errno | undefined;
  truncate(path: string, size: number): Errno | undefined;
  unlink(path: string): Errno | undefined;
  rmdir(path: string): Errno | undefined;
  mkdir(path: string, mode: number): Errno | undefined;
  rename(from: string, to: string): Errno | undefined;
  link(existing: string, newPath: string): Errno | undefined;
  symlink(target: string, path: string): Errno | undefined;
  chmod(path: string, mode: number): Errno | undefined;
  lchown(path: string, uid: number, gid: number): Errno | undefined;
  setxattr(path: string, name: string, value: Uint8Array): Errno | undefined;
  /** mknod(S_IFCHR, 0/0): an overlay whiteout. Raw layers only. */
  mknodWhiteout(path: string): Errno | undefined;
}

/** The umask every scenario runs under: modes in reports depend on it. */
export const SCENARIO_UMASK = 0o022;
