/**
 * The union mount as one object: a thin face over the kernel-shaped parts (super, namei and
 * the dentry cache, copy-up, readdir, dir, file, getattr, setattr, rename, origin/index).
 */
import type { MountRefusal, OverlayConfig } from './config';
import { mayLookup } from './dcache';
import * as dir from './dir';
import type { Errno } from './errno';
import type { OverlayEvent } from './events';
import * as file from './file';
import * as getattr from './getattr';
import type { Inode, StatResult } from './inode';
import type { OpenFlags } from './open';
import type { Cred } from './perm';
import { readdir } from './readdir';
import { rename } from './rename';
import type { Result } from './result';
import * as setattr from './setattr';
import { mountOverlay, type LowerLayer, type MountInput, type OvlFs } from './super';

export { NAME_MAX } from './dcache';
export type { LowerLayer, MountInput } from './super';

/**
 * A mount of the union file system: the model of one OverlayFS mount. Layers are inode
 * trees; every call behaves as the same system call on the kernel's overlay, including the
 * writes the kernel makes on its own (copy-up, whiteouts, opaque, redirect, origin, impure,
 * index), each recorded as an event.
 */
export class Overlay {
  private constructor(private readonly ofs: OvlFs) {}

  /**
   * Mounts, or says why the kernel would refuse to (with its own words).
   * @example const m = Overlay.mount({ lowers: [{ name: 'L0', root }], upper: makeInode('d', 0o755, 0, 0, 0) })
   */
  static mount(input: MountInput): { ok: Overlay } | { refused: MountRefusal } {
    const m = mountOverlay(input);
    return 'refused' in m ? m : { ok: new Overlay(m.ok) };
  }

  /**
   * Unmounts and mounts again: the same options over the same layer trees (or the lower stack
   * and upper given, as `remount -l` rotates an upper into the lowers). Caches start empty;
   * what lives in the layers stays, and so do inode numbers (they belong to the layers' file
   * system) and the origin file handles the layers hold. The index lives in the work
   * directory: kept on a plain remount, empty with a fresh upper.
   */
  remount(next: { lowers: LowerLayer[]; upper?: Inode; keepIndex: boolean }): { ok: Overlay } | { refused: MountRefusal } {
    const m = mountOverlay({ ...this.ofs.input, lowers: next.lowers, upper: next.upper, optionString: undefined, inos: this.ofs.inos });
    if ('refused' in m) return m;
    for (const [u, l] of this.ofs.ctx.originOf) m.ok.ctx.originOf.set(u, l);
    if (next.keepIndex) for (const [l, u] of this.ofs.ctx.indexOf) m.ok.ctx.indexOf.set(l, u);
    return { ok: new Overlay(m.ok) };
  }

  get config(): OverlayConfig {
    return this.ofs.config;
  }
  /** 'trusted.overlay.' or 'user.overlay.'. */
  get prefix(): string {
    return this.ofs.prefix;
  }
  /** What the mount did on its own, in order. */
  get events(): OverlayEvent[] {
    return this.ofs.events;
  }
  get lowers(): LowerLayer[] {
    return this.ofs.lowers;
  }
  get dataOnly(): LowerLayer[] {
    return this.ofs.dataOnly;
  }
  get upperRoot(): Inode | undefined {
    return this.ofs.upperRoot;
  }
  get readOnly(): boolean {
    return this.ofs.readOnly;
  }

  /**
   * Which layer serves a merged path: 'upper' or the index of a lower layer, and where the
   * data of a metacopy file still lies.
   * @example ovl.whereIs('etc/hostname') // { layer: 'upper', metacopy: false }
   */
  whereIs(path: string): Result<{ layer: 'upper' | number; metacopy: boolean; dataLayer?: number }> {
    return getattr.whereIs(this.ofs, path);
  }
  lstat(path: string): Result<StatResult> {
    return getattr.lstat(this.ofs, path);
  }
  /**
   * The layer inode whose number lstat reports for the path (st_ino is numbered per mount).
   * @example ovl.inodeOf('bin/sh') // the layer inode an image's content table knows
   */
  inodeOf(path: string): Result<Inode> {
    return getattr.inodeOf(this.ofs, path);
  }
  readlink(path: string): Result<string> {
    return getattr.readlink(this.ofs, path);
  }
  /** Whether the caller may search a directory (may_lookup), as the VFS asks before a last name. */
  mayLookup(dir: string): Errno | undefined {
    return mayLookup(this.ofs, dir);
  }
  /** Overlay xattrs of a merged entry as listxattr shows them: private ones hidden, escaped ones unescaped. */
  listxattr(path: string): Result<[string, Uint8Array][]> {
    return getattr.listxattr(this.ofs, path);
  }
  read(path: string): Result<Uint8Array> {
    return file.read(this.ofs, path);
  }
  /** Names in a merged directory, as getdents gives them (without . and ..). */
  readdir(path: string): Result<string[]> {
    return readdir(this.ofs, path);
  }

  write(path: string, data: Uint8Array | undefined, flags: { create: boolean; trunc: boolean; append: boolean }, mode: number): Errno | undefined {
    return file.write(this.ofs, path, data, flags, mode);
  }
  /** open(2) with its flags, then write `data` at offset 0 (the end with O_APPEND). */
  open(path: string, flags: OpenFlags, mode: number, data: Uint8Array | undefined): Errno | undefined {
    return file.open(this.ofs, path, flags, mode, data);
  }
  mkdir(path: string, mode: number): Errno | undefined {
    return dir.mkdir(this.ofs, path, mode);
  }
  symlink(target: string, path: string): Errno | undefined {
    return dir.symlink(this.ofs, target, path);
  }
  /** mknod of a whiteout through the overlay is refused: only the kernel makes them. */
  mknodWhiteout(path: string): Errno | undefined {
    return dir.mknodWhiteout(this.ofs, path);
  }
  link(existing: string, newPath: string): Errno | undefined {
    return dir.link(this.ofs, existing, newPath);
  }
  unlink(path: string): Errno | undefined {
    return dir.unlink(this.ofs, path);
  }
  rmdir(path: string): Errno | undefined {
    return dir.rmdir(this.ofs, path);
  }
  rename(from: string, to: string): Errno | undefined {
    return rename(this.ofs, from, to);
  }

  chmod(path: string, mode: number): Errno | undefined {
    return setattr.chmod(this.ofs, path, mode);
  }
  lchown(path: string, uid: number, gid: number): Errno | undefined {
    return setattr.lchown(this.ofs, path, uid, gid);
  }
  utimes(path: string, atime: number, mtime: number): Errno | undefined {
    return setattr.utimes(this.ofs, path, atime, mtime);
  }
  /** utimensat(UTIME_NOW): `now` is the mount's clock. */
  utimesNow(path: string, now: number): Errno | undefined {
    return setattr.utimes(this.ofs, path, now, now, true);
  }

  /**
   * Runs `f` as another user: permission checks are the caller's, copy-up and the layers'
   * changes stay the mounter's.
   * @example ovl.withCred({ uid: 1000, gid: 1000 }, () => ovl.read('etc/shadow')) // { errno: 'EACCES' }
   */
  withCred<T>(cred: Cred | undefined, f: () => T): T {
    const before = this.ofs.cred;
    this.ofs.cred = cred;
    try {
      return f();
    } finally {
      this.ofs.cred = before;
    }
  }
  truncate(path: string, size: number): Errno | undefined {
    return setattr.truncate(this.ofs, path, size);
  }
  /** Names in the overlay's own namespace are escaped (prefix + "overlay.") so they cannot forge its attributes. */
  setxattr(path: string, name: string, value: Uint8Array): Errno | undefined {
    return setattr.setxattr(this.ofs, path, name, value);
  }
}
