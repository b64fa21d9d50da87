import { allowsOfflineChanges, createsRedirects, MOUNT_OPTIONS_MAX, OVL_MAX_STACK, resolveOverlayOptions, REDIRECT_MAX, xattrPrefix, type MountRefusal, type OverlayConfig } from './config';
import { isMerge, isPositive, isPureUpper, realInode, type Dentry } from './dentry';
import type { Errno } from './errno';
import type { CopyUpReason, OverlayEvent } from './events';
import { cloneInode, Inode, makeInode, type FileType, type StatResult } from './inode';
import { isWhiteoutIn, lookupChild, overlayNlink, rootDentry, type LookupContext } from './namei';
import { chownInode, splitPath, truncateInode, writeData } from './plainfs';
import { checkSetxattr } from './xattr-rules';

/** One lower layer: a name for views and the root of its tree. */
export interface LowerLayer {
  name: string;
  root: Inode;
}

export interface MountInput {
  /** Lower layers, top first (lowerdir=L0:L1:...). */
  lowers: LowerLayer[];
  /** Data-only lower layers (after `::`). */
  dataOnly?: LowerLayer[];
  /** Root of the upper layer; absent for a read-only mount. */
  upper?: Inode;
  /** Extra mount options, e.g. "redirect_dir=on,metacopy=on". */
  options?: string;
  /** The option string mount(2) would get, when known: checked against one page. */
  optionString?: string;
  now?: () => number;
  /** Applied to the mode of every new file and directory, as the process umask is. */
  umask?: number;
}

type Result<T> = T | { errno: Errno };
/** Longest file name Linux takes (NAME_MAX). */
export const NAME_MAX = 255;
const utf8Length = (s: string) => new TextEncoder().encode(s).length;
const err = (errno: Errno) => ({ errno });
const isErr = <T>(v: Result<T>): v is { errno: Errno } => typeof v === 'object' && v !== null && 'errno' in v;

/**
 * A mount of the union file system: the model of one OverlayFS mount. Layers are inode
 * trees; every call behaves as the same system call on the kernel's overlay, including the
 * writes the kernel makes on its own (copy-up, whiteouts, opaque, redirect, origin, impure,
 * index), each recorded as an event.
 */
export class Overlay {
  readonly config: OverlayConfig;
  readonly prefix: string;
  readonly events: OverlayEvent[] = [];
  private readonly ctx: LookupContext;
  private cache = new Map<string, Dentry>();
  private readonly now: () => number;
  private readonly umask: number;

  private constructor(
    readonly lowers: LowerLayer[],
    readonly dataOnly: LowerLayer[],
    readonly upperRoot: Inode | undefined,
    config: OverlayConfig,
    now: () => number,
    umask: number,
  ) {
    this.config = config;
    this.prefix = xattrPrefix(config);
    this.now = now;
    this.umask = umask;
    this.ctx = {
      config,
      prefix: this.prefix,
      lowerRoots: lowers.map((l) => l.root),
      dataRoots: dataOnly.map((l) => l.root),
      originOf: new Map(),
      indexOf: new Map(),
    };
  }

  /**
   * Mounts, or says why the kernel would refuse to (with its own words).
   * @example const m = Overlay.mount({ lowers: [{ name: 'L0', root }], upper: makeInode('d', 0o755, 0, 0, 0) })
   */
  static mount(input: MountInput): { ok: Overlay } | { refused: MountRefusal } {
    const refuse = (reason: string) => ({ refused: { errno: 'EINVAL' as const, reason: `overlayfs: ${reason}` } });
    const total = input.lowers.length + (input.dataOnly?.length ?? 0);
    if (input.lowers.length === 0) return refuse("missing 'lowerdir'");
    if (total > OVL_MAX_STACK) return refuse(`too many lower directories, limit is ${OVL_MAX_STACK}`);
    if (input.optionString !== undefined && new TextEncoder().encode(input.optionString).length > MOUNT_OPTIONS_MAX) {
      return refuse(`mount options are ${new TextEncoder().encode(input.optionString).length} bytes; mount(2) takes ${MOUNT_OPTIONS_MAX} and would cut the rest`);
    }
    const parsed = resolveOverlayOptions(input.options ?? '', input.upper !== undefined);
    if ('refused' in parsed) return parsed;
    if (!input.upper && input.lowers.length < 2) return refuse('at least 2 lowerdir are needed while upperdir nonexistent');
    const now = input.now ?? (() => Math.floor(Date.now() / 1000));
    const ovl = new Overlay(input.lowers, input.dataOnly ?? [], input.upper, parsed.ok, now, input.umask ?? 0o022);
    ovl.atMount();
    return { ok: ovl };
  }

  /** What the kernel writes on the upper root when mounting. */
  private atMount(): void {
    const root = this.upperRoot;
    if (!root) return;
    const c = this.config;
    if ((c.uuid === 'on' || c.uuid === 'auto') && !root.xattrs.has(`${this.prefix}uuid`)) {
      root.xattrs.set(`${this.prefix}uuid`, new Uint8Array(16).map((_, i) => (i * 37 + 11) & 0xff));
    }
    if (c.index && !root.xattrs.has(`${this.prefix}origin`)) {
      root.xattrs.set(`${this.prefix}origin`, new Uint8Array([0xfb]));
    }
  }

  get readOnly(): boolean {
    return this.upperRoot === undefined;
  }

  // ---- lookup ---------------------------------------------------------------

  private rootCache?: Dentry;

  private root(): Dentry {
    return (this.rootCache ??= rootDentry(this.ctx, this.upperRoot));
  }

  private child(parent: Dentry, name: string): Result<Dentry> {
    const key = parent.path === '' ? name : `${parent.path}/${name}`;
    const hit = this.cache.get(key);
    if (hit && hit.parent === parent) return hit;
    // NAME_MAX: the kernel refuses a longer name before looking anywhere.
    if (utf8Length(name) > NAME_MAX) return err('ENAMETOOLONG');
    const d = lookupChild(this.ctx, parent, name, (merged) => this.fixOrigin(merged));
    if (typeof d === 'string') return err(d);
    const stale = this.claimLowerDir(d);
    if (stale) return err(stale);
    this.fixOrigin(d);
    this.cache.set(key, d);
    return d;
  }

  /**
   * Directory inodes are found by their lower directory: one lower directory can back one
   * merged directory only. When redirects make a second name reach it with another upper
   * (or none), the kernel's inode check fails and that lookup answers ESTALE; the first name
   * looked up keeps it for as long as it lives.
   */
  private readonly dirClaims = new Map<Inode, { path: string; upper?: Inode }>();

  private claimLowerDir(d: Dentry): Errno | undefined {
    if (!d.isDir || d.lowers.length === 0) return undefined;
    const key = d.lowers[0].node;
    const seen = this.dirClaims.get(key);
    if (!seen || seen.path === d.path) {
      this.dirClaims.set(key, { path: d.path, upper: d.upper });
      return undefined;
    }
    return seen.upper === d.upper ? undefined : 'ESTALE';
  }

  /** A directory moved or removed takes its claims along (or away). */
  private moveClaims(from: string, to: string | undefined): void {
    for (const [key, claim] of [...this.dirClaims]) {
      if (claim.path !== from && !claim.path.startsWith(`${from}/`)) continue;
      if (to === undefined) this.dirClaims.delete(key);
      else claim.path = to + claim.path.slice(from.length);
    }
  }

  /** The dentry at a resolved path (the last one may be negative). */
  private walk(path: string): Result<Dentry> {
    let d = this.root();
    const parts = splitPath(path);
    for (let i = 0; i < parts.length; i++) {
      if (!isPositive(d)) return err('ENOENT');
      if (!d.isDir) return err('ENOTDIR');
      const next = this.child(d, parts[i]);
      if (isErr(next)) return next;
      d = next;
    }
    return d;
  }

  /** The dentry at a path that must exist. */
  private existing(path: string): Result<Dentry> {
    const d = this.walk(path);
    if (isErr(d)) return d;
    return isPositive(d) ? d : err('ENOENT');
  }

  /** Forgets cached lookups: the layers changed. */
  private changed(): void {
    this.cache = new Map();
    this.rootCache = undefined;
  }

  /**
   * A merged directory found in upper and lower without an origin gets one on lookup, and
   * its parent is marked impure (ovl_fix_origin): the kernel records what it merged.
   */
  private fixOrigin(d: Dentry): void {
    if (!d.isDir || !d.upper || d.lowers.length === 0 || d.upper.xattrs.has(`${this.prefix}origin`)) return;
    this.setOrigin(d.upper, d.lowers[0].node);
    this.events.push({ kind: 'origin', path: d.path, reason: 'lookup' });
    if (d.parent?.upper) this.setImpure(d.parent);
  }

  private setOrigin(upper: Inode, lower: Inode): void {
    // The overlay inode remembers its lower inode for as long as it is cached, xattr or not.
    this.ctx.originOf.set(upper, lower);
    // user.* xattrs exist only on files and directories: with userxattr a copied-up link has no origin xattr.
    if (this.config.userxattr && upper.type !== 'f' && upper.type !== 'd') return;
    upper.xattrs.set(`${this.prefix}origin`, new Uint8Array([0xfb, lower.id & 0xff]));
  }

  private setImpure(dir: Dentry): void {
    const u = dir.upper!;
    if (u.xattrText(`${this.prefix}impure`) === 'y') return;
    u.setXattrText(`${this.prefix}impure`, 'y');
    this.events.push({ kind: 'impure', path: dir.path });
  }

  // ---- copy-up --------------------------------------------------------------

  private isIndexed(upper: Inode): boolean {
    return upper.xattrs.has(`${this.prefix}nlink`);
  }

  /** "U+n": the overlay's link count minus the upper inode's own (which counts the index entry). */
  private setNlinkXattr(upper: Inode, overlayNlink: number): void {
    const diff = overlayNlink - upper.nlink;
    upper.setXattrText(`${this.prefix}nlink`, `U${diff >= 0 ? '+' : ''}${diff}`);
  }

  private overlayNlink(upper: Inode): number {
    return overlayNlink(this.ctx, upper);
  }

  /** Whether copy-up of this dentry goes through the index (hard links kept across copy-up). */
  private needsIndex(d: Dentry, lower: Inode | undefined): boolean {
    if (!this.config.index || !lower) return false;
    // nfs_export indexes everything; otherwise only lower hard links need it.
    return this.config.nfsExport || (!d.isDir && lower.nlink > 1);
  }

  /**
   * ovl_nlink_start: before whiting out an indexed lower, copy it up so the index exists to
   * hold the overlay's link count.
   */
  private nlinkStart(d: Dentry): Errno | undefined {
    const lower = d.lowers[0]?.node;
    if (!this.needsIndex(d, lower) || (d.upper && !d.viaIndex)) return undefined;
    return this.copyUp(d, 'parent-of-change', false);
  }

  /**
   * Copies a dentry up to the upper layer (its parents first), as ovl_copy_up does:
   * `data` false allows a metadata-only copy when metacopy is on.
   */
  private copyUp(d: Dentry, reason: CopyUpReason, data: boolean): Errno | undefined {
    if (d.upper && !d.viaIndex && !(data && d.metacopy)) return undefined;
    if (this.readOnly) return 'EROFS';
    const parent = d.parent!;
    const e = this.copyUp(parent, 'parent-of-change', true);
    if (e) return e;
    const upperParent = parent.upper!;
    if (d.viaIndex) {
      // The index already holds this inode's copy: link it under this name too.
      const node = d.upper!;
      upperParent.entries.set(d.name, node);
      const nlinkBefore = this.overlayNlink(node);
      node.nlink++;
      this.setNlinkXattr(node, nlinkBefore);
      d.viaIndex = false;
      d.upperDir = upperParent;
      this.setImpure(parent);
      this.events.push({ kind: 'copy-up', path: d.path, data: 'metadata', reason });
      this.changed();
      return undefined;
    }
    if (d.upper && d.metacopy) {
      d.upper.data = this.dataOf(d).slice(0, d.upper.size);
      d.upper.dataSize = undefined;
      d.upper.xattrs.delete(`${this.prefix}metacopy`);
      d.metacopy = false;
      this.events.push({ kind: 'copy-up', path: d.path, data: 'full', reason: 'metacopy-data' });
      this.changed();
      return undefined;
    }
    const lower = d.lowers[0].node;
    const metacopy = this.config.metacopy && lower.type === 'f' && !data;
    const node = cloneInode(lower, lower.type === 'f' && !metacopy);
    // Copy-up copies st_size bytes: a lower metacopy file's size, not its data file's.
    if (lower.type === 'f') {
      if (metacopy) node.dataSize = this.sizeOf(d);
      else node.data = this.dataOf(d).slice(0, this.sizeOf(d));
    }
    for (const [name, value] of lower.xattrs) {
      // The overlay's own attributes stay behind; escaped ones are the user's and travel.
      if (name.startsWith(this.prefix) && !name.startsWith(`${this.prefix}overlay.`)) continue;
      node.xattrs.set(name, value);
    }
    if (metacopy) node.xattrs.set(`${this.prefix}metacopy`, new Uint8Array());
    const indexed = this.needsIndex(d, lower);
    // Without index a lower hard link gets no origin: its twins may be copied up apart.
    if (d.isDir || lower.nlink <= 1 || indexed) this.setOrigin(node, lower);
    this.events.push({ kind: 'copy-up', path: d.path, data: metacopy ? 'metadata' : 'full', reason });
    this.setImpure(parent);
    upperParent.entries.set(d.name, node);
    if (node.type !== 'd') node.nlink++;
    if (indexed && !d.isDir) {
      node.nlink++; // the index entry in workdir/index is a second link
      this.ctx.indexOf.set(lower, node);
      this.setNlinkXattr(node, lower.nlink);
      this.events.push({ kind: 'index', path: d.path });
    }
    d.upper = node;
    d.upperDir = upperParent;
    d.metacopy = metacopy;
    this.changed();
    return undefined;
  }

  /** The inode holding the bytes a read returns: the upper copy, or where a metacopy chain ends. */
  private dataNode(d: Dentry): Inode | undefined {
    if (d.upper && !d.metacopy) return d.upper;
    for (let i = d.lowers.length - 1; i >= 0; i--) {
      const n = d.lowers[i].node;
      if (n.type === 'f' && !n.xattrs.has(`${this.prefix}metacopy`)) return n;
    }
    return d.lowers[0]?.node;
  }

  private dataOf(d: Dentry): Uint8Array {
    return this.dataNode(d)?.data ?? new Uint8Array();
  }

  /** st_size: a metacopy file's own size, even where its data file is longer. */
  private sizeOf(d: Dentry): number {
    if (d.upper) return d.upper.size;
    const top = d.lowers[0].node;
    return top.xattrs.has(`${this.prefix}metacopy`) ? top.size : (this.dataNode(d)?.size ?? 0);
  }

  // ---- reading --------------------------------------------------------------

  /**
   * Which layer serves a merged path: 'upper' or the index of a lower layer, and where the
   * data of a metacopy file still lies.
   * @example ovl.whereIs('etc/hostname') // { layer: 'upper', metacopy: false }
   */
  whereIs(path: string): Result<{ layer: 'upper' | number; metacopy: boolean; dataLayer?: number }> {
    const d = this.existing(path);
    if (isErr(d)) return d;
    if (d.upper) {
      const data = d.metacopy ? d.lowers[d.lowers.length - 1]?.layer : undefined;
      return { layer: 'upper', metacopy: d.metacopy, dataLayer: data };
    }
    return { layer: d.lowers[0].layer, metacopy: false };
  }

  lstat(path: string): Result<StatResult> {
    const d = this.existing(path);
    if (isErr(d)) return d;
    const n = realInode(d)!;
    const size = n.type === 'f' ? this.sizeOf(d) : n.size;
    let nlink = n.nlink;
    if (d.upper && !d.isDir && this.isIndexed(d.upper)) nlink = this.overlayNlink(d.upper);
    const rdev: [number, number] | undefined = n.type === 'c' || n.type === 'b' ? [...n.rdev] : undefined;
    return { type: n.type, mode: n.mode, uid: n.uid, gid: n.gid, size, nlink, ino: this.inoOf(d), rdev };
  }

  /**
   * The kernel's OVL_CONST_INO, what makes a dentry "origin" type: its st_ino is its lower
   * inode's, which holds for directories, single-link files and indexed hard links.
   */
  private hasConstIno(d: Dentry): boolean {
    const origin = d.lowers[0]?.node;
    if (!origin) return false;
    return d.isDir || origin.nlink === 1 || (d.upper !== undefined && this.isIndexed(d.upper));
  }

  /**
   * st_ino: a copied-up file keeps its origin's number (stable across copy-up) unless the
   * origin is a hard link copied up without index, whose twins may have split apart.
   */
  private inoOf(d: Dentry): string {
    if (!d.upper) return `i${d.lowers[0].node.id}`;
    const origin = d.lowers[0]?.node;
    if (origin && (d.isDir || origin.nlink === 1 || this.isIndexed(d.upper))) return `i${origin.id}`;
    return `i${d.upper.id}`;
  }

  readlink(path: string): Result<string> {
    const d = this.existing(path);
    if (isErr(d)) return d;
    const n = realInode(d)!;
    return n.type === 'l' ? n.target : err('EINVAL');
  }

  read(path: string): Result<Uint8Array> {
    const d = this.existing(path);
    if (isErr(d)) return d;
    if (d.isDir) return err('EISDIR');
    return this.dataOf(d);
  }

  /** Names in a merged directory, as getdents gives them (without . and ..). */
  readdir(path: string): Result<string[]> {
    const d = this.existing(path);
    if (isErr(d)) return d;
    if (!d.isDir) return err('ENOTDIR');
    const names = this.mergedNames(d);
    // An impure merged directory looks its upper entries up to give them stable d_ino;
    // an entry whose lookup fails or finds nothing is dropped from the listing (ovl_cache_update).
    const merged = (d.upper ? 1 : 0) + d.lowers.length > 1 || this.mayHoldWhiteouts(d);
    if (d.upper?.xattrText(`${this.prefix}impure`) !== 'y') return names;
    if (!merged) {
      // Reading an impure upper-only directory looks its entries up for their d_ino; when none
      // of them keeps an origin's inode number any more, the kernel drops the impure mark.
      const needed = names.some((n) => {
        const c = this.child(d, n);
        return !isErr(c) && c.upper !== undefined && this.hasConstIno(c);
      });
      if (!needed) d.upper.xattrs.delete(`${this.prefix}impure`);
      return names;
    }
    return names.filter((n) => !d.upper!.entries.has(n) || this.visible(d, n));
  }

  /**
   * A directory that only one layer provides is read as it is (whiteouts and all); a merged
   * one is read layer by layer, the first layer naming an entry winning and whiteouts hiding
   * the name below (xattr whiteouts are honoured in lower layers only).
   */
  private mergedNames(d: Dentry, forceMerge = false): string[] {
    const layers: { dir: Inode; lower: boolean }[] = [];
    if (d.upper) layers.push({ dir: d.upper, lower: false });
    for (const l of d.lowers) layers.push({ dir: l.node, lower: true });
    if (layers.length === 1 && !forceMerge && !this.mayHoldWhiteouts(d)) return [...layers[0].dir.entries.keys()];
    const seen = new Set<string>();
    const out: string[] = [];
    for (const { dir, lower } of layers) {
      for (const [name, node] of dir.entries) {
        if (seen.has(name)) continue;
        seen.add(name);
        if (node.isWhiteoutDevice || (lower && isWhiteoutIn(this.ctx, node, dir))) continue;
        out.push(name);
      }
    }
    return out;
  }

  /** Overlay xattrs of a merged entry as listxattr shows them: private ones hidden, escaped ones unescaped. */
  listxattr(path: string): Result<[string, Uint8Array][]> {
    const d = this.existing(path);
    if (isErr(d)) return d;
    const out: [string, Uint8Array][] = [];
    for (const [name, value] of realInode(d)!.xattrs) {
      if (name.startsWith(this.prefix)) {
        if (name.startsWith(`${this.prefix}overlay.`)) out.push([this.prefix + name.slice(this.prefix.length + 8), value]);
        continue;
      }
      out.push([name, value]);
    }
    return out;
  }

  // ---- creating -------------------------------------------------------------

  /** The parent of a new name and the (negative) dentry for it; EEXIST when taken. */
  private forCreate(path: string): Result<Dentry> {
    const d = this.walk(path);
    if (isErr(d)) return d;
    if (isPositive(d)) return err('EEXIST');
    return this.readOnly ? err('EROFS') : d;
  }

  /**
   * ovl_create_or_link: the parent is copied up, then the new entry is made in the upper
   * directory, over a whiteout when one hides the name (a directory made there is opaque).
   */
  private createUpper(d: Dentry, make: (parentUpper: Inode) => Inode, hardlinkOrigin = false): Errno | undefined {
    const parent = d.parent!;
    const e = this.copyUp(parent, 'parent-of-change', true);
    if (e) return e;
    if (hardlinkOrigin) this.setImpure(parent);
    const dir = parent.upper!;
    const node = make(dir);
    const overWhiteout = d.opaque;
    dir.entries.set(d.name, node);
    if (node.type !== 'd') node.nlink++;
    if (node.type === 'd') {
      const merged = parent.lowers.length > 0;
      if (overWhiteout || (merged && !allowsOfflineChanges(this.config))) {
        node.setXattrText(`${this.prefix}opaque`, 'y');
        this.events.push({ kind: 'opaque', path: d.path, reason: overWhiteout ? 'mkdir-over-whiteout' : 'new-dir-in-merged' });
      }
    }
    dir.mtime = dir.ctime = this.now();
    this.changed();
    return undefined;
  }

  private newNode(parentUpper: Inode, type: FileType, mode: number): Inode {
    let m = type === 'l' ? 0o777 : mode & ~this.umask & 0o7777;
    let gid = 0;
    if (parentUpper.mode & 0o2000) {
      gid = parentUpper.gid;
      if (type === 'd') m |= 0o2000;
    }
    return makeInode(type, m, 0, gid, this.now());
  }

  write(path: string, data: Uint8Array | undefined, flags: { create: boolean; trunc: boolean; append: boolean }, mode: number): Errno | undefined {
    const d = this.walk(path);
    if (isErr(d)) return d.errno;
    if (!isPositive(d)) {
      if (!flags.create) return 'ENOENT';
      if (this.readOnly) return 'EROFS';
      const e = this.createUpper(d, (dir) => this.newNode(dir, 'f', mode));
      if (e) return e;
      const made = this.existing(path);
      if (isErr(made)) return made.errno;
      writeData(made.upper!, data, flags, this.now());
      return undefined;
    }
    if (d.isDir) return 'EISDIR';
    if (this.readOnly) return 'EROFS';
    const e = this.copyUp(d, 'open-for-write', true);
    if (e) return e;
    writeData(d.upper!, data, flags, this.now());
    this.changed();
    return undefined;
  }

  mkdir(path: string, mode: number): Errno | undefined {
    const d = this.forCreate(path);
    if (isErr(d)) return d.errno;
    return this.createUpper(d, (dir) => this.newNode(dir, 'd', mode & 0o1777));
  }

  symlink(target: string, path: string): Errno | undefined {
    const d = this.forCreate(path);
    if (isErr(d)) return d.errno;
    return this.createUpper(d, (dir) => {
      const n = this.newNode(dir, 'l', 0o777);
      n.target = target;
      return n;
    });
  }

  /** mknod of a whiteout through the overlay is refused: only the kernel makes them. */
  mknodWhiteout(path: string): Errno | undefined {
    const d = this.forCreate(path);
    return isErr(d) ? d.errno : 'EPERM';
  }

  link(existing: string, newPath: string): Errno | undefined {
    const old = this.existing(existing);
    if (isErr(old)) return old.errno;
    const checked = this.forCreate(newPath);
    if (isErr(checked)) return checked.errno;
    let d = checked;
    if (old.isDir) return 'EPERM';
    let e = this.copyUp(old, 'link', false);
    if (e) return e;
    // A metacopy file linked elsewhere must find its data from any name: an absolute redirect.
    if (old.metacopy) {
      e = this.setRedirect(old, false);
      if (e) return e;
    }
    // The copy-up may have made the new name's parents: look it up again.
    const fresh = this.walk(newPath);
    if (isErr(fresh)) return fresh.errno;
    d = fresh;
    const node = old.upper!;
    const before = this.isIndexed(node) ? this.overlayNlink(node) : 0;
    // Linking something of origin type into a directory makes that directory impure.
    const r = this.createUpper(d, () => node, this.hasConstIno(old));
    if (r) return r;
    node.ctime = this.now();
    if (this.isIndexed(node)) this.setNlinkXattr(node, before + 1);
    return undefined;
  }

  // ---- changing attributes --------------------------------------------------

  /** setattr: lookup, the read-only check, copy-up (metadata only where allowed), then the change upstairs. */
  private setattr(path: string, reason: CopyUpReason, data: boolean, apply: (n: Inode) => Errno | undefined, precheck?: (d: Dentry) => Errno | undefined): Errno | undefined {
    const d = this.existing(path);
    if (isErr(d)) return d.errno;
    const pre = precheck?.(d);
    if (pre) return pre;
    if (this.readOnly) return 'EROFS';
    const e = this.copyUp(d, reason, data);
    if (e) return e;
    const r = apply(d.upper!);
    this.changed();
    return r;
  }

  chmod(path: string, mode: number): Errno | undefined {
    return this.setattr(path, 'chmod', false, (n) => {
      n.mode = mode & 0o7777;
      n.ctime = this.now();
      return undefined;
    });
  }

  lchown(path: string, uid: number, gid: number): Errno | undefined {
    return this.setattr(path, 'chown', false, (n) => {
      chownInode(n, uid, gid, this.now());
      return undefined;
    });
  }

  utimes(path: string, atime: number, mtime: number): Errno | undefined {
    return this.setattr(path, 'utimes', false, (n) => {
      n.atime = atime;
      n.mtime = mtime;
      n.ctime = this.now();
      return undefined;
    });
  }

  truncate(path: string, size: number): Errno | undefined {
    return this.setattr(path, 'truncate', true, (n) => truncateInode(n, size, this.now()), (d) => {
      const n = realInode(d)!;
      return n.type === 'd' ? 'EISDIR' : n.type !== 'f' ? 'EINVAL' : undefined;
    });
  }

  /** Names in the overlay's own namespace are escaped (prefix + "overlay.") so they cannot forge its attributes. */
  setxattr(path: string, name: string, value: Uint8Array): Errno | undefined {
    const stored = name.startsWith(this.prefix) ? `${this.prefix}overlay.${name.slice(this.prefix.length)}` : name;
    return this.setattr(path, 'setxattr', false, (n) => {
      n.xattrs.set(stored, value.slice());
      n.ctime = this.now();
      return undefined;
    }, (d) => checkSetxattr(realInode(d)!, stored, value));
  }

  // ---- removing -------------------------------------------------------------

  /** Whether a lower layer still shows this name (ovl_lower_positive): then removing it needs a whiteout. */
  private lowerPositive(d: Dentry): boolean {
    if (!isPositive(d)) return d.opaque;
    if (!d.upper || d.viaIndex) return true;
    for (const l of d.parent!.lowers) {
      if (l.node.type !== 'd') continue;
      const e = l.node.entries.get(d.name);
      if (e) return !isWhiteoutIn(this.ctx, e, l.node);
    }
    return false;
  }

  /** The path's parent must exist; then the read-only check comes before the last name's lookup. */
  private forRemove(path: string): Result<Dentry> {
    const parts = splitPath(path);
    const parent = this.existing(parts.slice(0, -1).join('/'));
    if (isErr(parent)) return parent;
    if (!parent.isDir) return err('ENOTDIR');
    if (this.readOnly) return err('EROFS');
    return this.existing(path);
  }

  unlink(path: string): Errno | undefined {
    const d = this.forRemove(path);
    if (isErr(d)) return d.errno;
    if (d.isDir) return 'EISDIR';
    return this.remove(d, 'unlink');
  }

  rmdir(path: string): Errno | undefined {
    const d = this.forRemove(path);
    if (isErr(d)) return d.errno;
    if (!d.isDir) return 'ENOTDIR';
    const pure = isPureUpper(d) && !this.mayHoldWhiteouts(d);
    if (!pure && !this.isEmptyMerged(d)) return 'ENOTEMPTY';
    // A directory only the upper layer has, and no lower name to hide: the upper rmdir
    // itself decides, and a whiteout left inside counts as an entry there.
    if (pure && !this.lowerPositive(d) && d.upper!.entries.size > 0) {
      const e = this.copyUp(d.parent!, 'parent-of-change', true);
      return e ?? 'ENOTEMPTY';
    }
    if (pure && this.lowerPositive(d) && !this.isEmptyMerged(d)) return 'ENOTEMPTY';
    const e = this.remove(d, 'rmdir');
    if (!e) this.moveClaims(d.path, undefined);
    return e;
  }

  /**
   * The kernel's OVL_WHITEOUTS: a directory that is merged, or carries an origin, may hold
   * whiteouts, so it is read (and checked for emptiness) layer by layer, never as it is.
   */
  private mayHoldWhiteouts(d: Dentry): boolean {
    if (!d.isDir) return false;
    const layers = (d.upper ? 1 : 0) + d.lowers.length;
    return layers > 1 || (realInode(d)?.xattrs.has(`${this.prefix}origin`) ?? false);
  }

  /** ovl_check_empty_dir: names read layer by layer, whiteouts left out; nothing is looked up. */
  private isEmptyMerged(d: Dentry): boolean {
    return this.mergedNames(d, true).length === 0;
  }

  /** Whether a name listed in a merged directory is really there (it may be a whiteout read as it is). */
  private visible(dir: Dentry, name: string): boolean {
    const c = this.child(dir, name);
    return !isErr(c) && isPositive(c);
  }

  private remove(d: Dentry, reason: 'unlink' | 'rmdir'): Errno | undefined {
    let e = this.copyUp(d.parent!, 'parent-of-change', true);
    if (e) return e;
    e = this.nlinkStart(d);
    if (e) return e;
    const dir = d.parent!.upper!;
    const needWhiteout = this.lowerPositive(d);
    const indexed = d.upper && !d.isDir && this.isIndexed(d.upper) ? d.upper : undefined;
    const nlinkBefore = indexed ? this.overlayNlink(indexed) : 0;
    const old = d.viaIndex ? undefined : dir.entries.get(d.name);
    if (old) {
      dir.entries.delete(d.name);
      if (old.type !== 'd') old.nlink--;
    }
    if (indexed) this.setNlinkXattr(indexed, nlinkBefore - 1);
    if (needWhiteout) {
      dir.entries.set(d.name, this.whiteoutNode());
      this.events.push({ kind: 'whiteout', path: d.path, reason });
    }
    dir.mtime = dir.ctime = this.now();
    this.changed();
    return undefined;
  }

  private whiteoutNode(): Inode {
    const w = makeInode('c', 0, 0, 0, this.now());
    w.nlink = 1;
    return w;
  }

  // ---- rename ---------------------------------------------------------------

  rename(from: string, to: string): Errno | undefined {
    const pa = this.existing(splitPath(from).slice(0, -1).join('/'));
    if (isErr(pa)) return pa.errno;
    if (!pa.isDir) return 'ENOTDIR';
    const pb = this.existing(splitPath(to).slice(0, -1).join('/'));
    if (isErr(pb)) return pb.errno;
    if (!pb.isDir) return 'ENOTDIR';
    if (this.readOnly) return 'EROFS';
    const a = this.existing(from);
    if (isErr(a)) return a.errno;
    const b = this.walk(to);
    if (isErr(b)) return b.errno;
    if (to.startsWith(`${a.path}/`)) return 'EINVAL';
    if (isPositive(b) && a.path.startsWith(`${b.path}/`)) return 'ENOTEMPTY';
    if (a.path === b.path) return undefined;
    if (isPositive(b) && a.upper && a.upper === b.upper) return undefined;
    if (isPositive(b)) {
      if (a.isDir && !b.isDir) return 'ENOTDIR';
      if (!a.isDir && b.isDir) return 'EISDIR';
    }
    return this.ovlRename(a, b, pa, pb, from, to);
  }

  /** ovl_rename: the overlay's part, after the VFS checks. */
  private ovlRename(a: Dentry, b: Dentry, pa: Dentry, pb: Dentry, from: string, to: string): Errno | undefined {
    // Only a directory the upper layer wholly owns can move, unless redirects record where it came from.
    if (a.isDir && !createsRedirects(this.config) && !isPureUpper(a)) return 'EXDEV';
    const bPositive = isPositive(b);
    if (bPositive && b.isDir && (!isPureUpper(b) || this.mayHoldWhiteouts(b)) && !this.isEmptyMerged(b)) return 'ENOTEMPTY';
    const samedir = pa.path === pb.path;
    const lowerPosA = this.lowerPositive(a);
    const aWasMergeOrLower = a.lowers.length > 0;
    // Origin type is a property of the overlay inode, fixed before copy-up (a link copied up
    // under userxattr has no origin xattr, yet stays of origin type).
    const aConstIno = this.hasConstIno(a);
    const aOpaque = a.opaque;
    let e = this.copyUp(a, 'rename', false);
    if (e) return e;
    // Copy-up changed the layers: look the names up again before going on.
    const pb2 = this.existing(pb.path);
    if (isErr(pb2)) return pb2.errno;
    e = this.copyUp(pb2, 'parent-of-change', true);
    if (e) return e;
    if (bPositive) {
      const target = this.walk(to);
      if (!isErr(target)) e = this.nlinkStart(target);
      if (e) return e;
    }
    const a2 = this.existing(from);
    const b2 = this.walk(to);
    if (isErr(a2) || isErr(b2)) return 'EIO';
    a = a2;
    const ua = a.upper!;
    const dirA = a.parent!.upper!;
    const dirB = b2.parent!.upper!;
    pb = b2.parent!;
    if (a.isDir) {
      if (aWasMergeOrLower) {
        e = this.setRedirect(a, samedir);
        if (e) return e;
      } else if (!aOpaque && pb.lowers.length > 0) {
        ua.setXattrText(`${this.prefix}opaque`, 'y');
        this.events.push({ kind: 'opaque', path: b.path, reason: 'rename' });
      }
    } else if (a.metacopy) {
      e = this.setRedirect(a, samedir);
      if (e) return e;
    }
    // Moving something of origin type into another directory marks that one impure, before the
    // real rename (a refused rename leaves the mark; a later readdir may drop it again).
    if (!samedir && (aConstIno || this.hasConstIno(a))) this.setImpure(pb);
    // The real rename in the upper layer.
    const target = dirB.entries.get(b.name);
    if (target && target.type === 'd' && !target.isWhiteoutDevice && target.entries.size > 0 && isPureUpper(b)) {
      this.changed();
      return 'ENOTEMPTY';
    }
    if (target && target !== ua) {
      dirB.entries.delete(b.name);
      if (target.type !== 'd') target.nlink--;
    }
    dirA.entries.delete(a.name);
    dirB.entries.set(b.name, ua);

    if (lowerPosA) {
      dirA.entries.set(a.name, this.whiteoutNode());
      this.events.push({ kind: 'whiteout', path: a.path, reason: 'rename' });
    }
    ua.ctime = this.now();
    dirA.mtime = dirA.ctime = dirB.mtime = dirB.ctime = this.now();
    if (a.isDir) {
      this.moveClaims(b.path, undefined);
      this.moveClaims(a.path, b.path);
    }
    this.changed();
    return undefined;
  }

  /**
   * ovl_set_redirect: a moved directory (or metacopy file) remembers where its lower content
   * lies: its old name within the same directory, else the absolute old path, built from each
   * ancestor's own redirect where it has one.
   */
  private setRedirect(a: Dentry, samedir: boolean): Errno | undefined {
    const key = `${this.prefix}redirect`;
    const existing = a.upper!.xattrText(key);
    const absolute = !samedir || (!a.isDir && (a.lowers[0]?.node.nlink ?? 1) > 1);
    if (existing !== undefined && (!absolute || existing.startsWith('/'))) return undefined;
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
    this.events.push({ kind: 'redirect', path: a.path, to: value });
    return undefined;
  }
}
