/* Pure: turns the entries of one layer tar into the engine's inode tree, OCI whiteouts included. */
import { Inode } from '../union/inode';
import { imageError } from './errors';
import type { TarHeader } from './tar';

/** OCI whiteout prefix: `.wh.NAME` deletes NAME of the layers below. */
export const WHITEOUT_PREFIX = '.wh.';
/** OCI opaque marker: `DIR/.wh..wh..opq` hides everything of DIR in the layers below. */
export const OPAQUE_MARKER = '.wh..wh..opq';
/** Other `.wh..wh.` names are AUFS bookkeeping (hard-link dirs): Docker skips them, so do we. */
export const WHITEOUT_META_PREFIX = '.wh..wh.';
/** What overlay2 writes for an opaque directory in `diff/` (and what the engine reads). */
export const LAYER_OPAQUE_XATTR = 'trusted.overlay.opaque';

const utf8 = new TextEncoder();

/**
 * An entry name split into safe components, or why it is unsafe: an absolute name or a `..`
 * component would land outside the layer if written to disk.
 * @example entryPath('./etc/passwd') // { parts: ['etc', 'passwd'] }
 * @example entryPath('../x') // { unsafe: "'..' component" }
 */
export function entryPath(raw: string): { parts: string[] } | { unsafe: string } {
  if (raw.startsWith('/')) return { unsafe: 'absolute path' };
  const parts = raw.split('/').filter((p) => p !== '' && p !== '.');
  if (parts.includes('..')) return { unsafe: "'..' component" };
  // NAME_MAX: no file system under overlay2 holds a longer name, so no real layer has one.
  // A UTF-16 unit is at most 3 bytes of UTF-8: only a name over 85 units can be too long (encoding every name cost a load 15 ms).
  if (parts.some((p) => p.length > 85 && utf8.encode(p).length > 255)) return { unsafe: 'a name longer than 255 bytes' };
  return { parts };
}

/**
 * Whether a symbolic link target, read from the link's own directory, climbs above the root.
 * An absolute target stays inside: in a container it is resolved from the container's root.
 * @example symlinkEscapes(['etc'], '../../x') // true
 */
export function symlinkEscapes(dirParts: string[], target: string): boolean {
  if (target.startsWith('/')) return false;
  let depth = dirParts.length;
  for (const p of target.split('/')) {
    if (p === '..') {
      if (--depth < 0) return true;
    } else if (p !== '' && p !== '.') depth++;
  }
  return false;
}

/** Limits a builder enforces. */
export interface LayerLimits {
  /** Entries in one layer (an absurd count is an attack on memory). */
  maxEntries: number;
  /** Reject symbolic links whose relative target climbs above the root (default true). */
  rejectEscapingSymlinks: boolean;
}

export const DEFAULT_LAYER_LIMITS: LayerLimits = { maxEntries: 2_000_000, rejectEscapingSymlinks: true };

/**
 * Builds one layer's tree from its tar entries, the way overlay2 lays the layer out in `diff/`:
 * `.wh.NAME` becomes a char 0/0 device NAME, `.wh..wh..opq` marks its directory opaque, hard
 * links share one inode. Refuses what would be unsafe or ambiguous on disk, naming the entry.
 */
export class LayerBuilder {
  readonly root = new Inode('d', 0o755);
  /** Names whose entry came from the archive (not a parent made up for a deeper entry). */
  private readonly explicit = new Set<Inode>();
  private entries = 0;
  /** overlay xattrs found in tar headers and dropped: only OCI whiteouts may say what is hidden. */
  readonly droppedXattrs: string[] = [];

  constructor(private readonly where: string, private readonly limits: LayerLimits = DEFAULT_LAYER_LIMITS) {}

  private fail(code: Parameters<typeof imageError>[0], entry: string, detail = ''): never {
    throw imageError(code, this.where, entry, detail);
  }

  /** The directory at `parts`, parents made as Docker makes them (0755, root) when the archive skipped them. */
  private dirAt(parts: string[], entry: string): Inode {
    let dir = this.root;
    for (let i = 0; i < parts.length; i++) {
      let next = dir.entries.get(parts[i]);
      const shown = parts.slice(0, i + 1).join('/');
      if (!next) {
        next = new Inode('d', 0o755);
        dir.entries.set(parts[i], next);
      } else if (next.type === 'l') this.fail('EIMAGE_THROUGH_SYMLINK', entry, shown);
      else if (next.type !== 'd') this.fail('EIMAGE_NOT_DIR', entry, shown);
      dir = next;
    }
    return dir;
  }

  /**
   * Adds one entry. Returns the inode of a regular file whose content the caller streams in next.
   * @example const node = builder.add(header) // then fill node.data or record its hash
   */
  add(h: TarHeader): Inode | undefined {
    if (++this.entries > this.limits.maxEntries) this.fail('EIMAGE_TOO_MANY_ENTRIES', h.name, String(this.limits.maxEntries));
    const p = entryPath(h.name);
    if ('unsafe' in p) this.fail('EIMAGE_UNSAFE_PATH', h.name, p.unsafe);
    const parts = p.parts;
    if (parts.length === 0) {
      if (h.type !== 'dir') this.fail('EIMAGE_UNSAFE_PATH', h.name, 'the root as a non-directory');
      if (this.explicit.has(this.root)) this.fail('EIMAGE_DUPLICATE', h.name);
      this.stamp(this.root, h);
      this.explicit.add(this.root);
      return undefined;
    }
    const base = parts[parts.length - 1];
    const dirParts = parts.slice(0, -1);
    if (base === OPAQUE_MARKER) {
      const dir = this.dirAt(dirParts, h.name);
      if (dir.xattrs.has(LAYER_OPAQUE_XATTR)) this.fail('EIMAGE_DUPLICATE', h.name);
      dir.setXattrText(LAYER_OPAQUE_XATTR, 'y');
      return undefined;
    }
    if (base.startsWith(WHITEOUT_META_PREFIX)) return undefined;
    const isWhiteout = base.startsWith(WHITEOUT_PREFIX);
    const name = isWhiteout ? base.slice(WHITEOUT_PREFIX.length) : base;
    if (name === '' || name === '.' || name === '..') this.fail('EIMAGE_UNSAFE_PATH', h.name, 'a whiteout of nothing');
    const dir = this.dirAt(dirParts, h.name);
    const old = dir.entries.get(name);
    if (h.type === 'dir' && !isWhiteout) {
      if (old && (old.type !== 'd' || this.explicit.has(old))) this.fail('EIMAGE_DUPLICATE', h.name);
      const node = old ?? new Inode('d', h.mode);
      this.stamp(node, h);
      dir.entries.set(name, node);
      this.explicit.add(node);
      return undefined;
    }
    if (old) this.fail('EIMAGE_DUPLICATE', h.name, isWhiteout ? ` (${name} and its whiteout)` : '');
    let node: Inode;
    if (isWhiteout) {
      // What overlay2's applier makes of `.wh.NAME`: mknod NAME c 0 0, mode 0, owned as the marker.
      node = new Inode('c', 0);
      node.uid = h.uid;
      node.gid = h.gid;
      node.mtime = node.atime = node.ctime = h.mtime;
    } else if (h.type === 'link') {
      node = this.hardLinkTarget(h);
    } else {
      node = new Inode(h.type === 'file' ? 'f' : h.type === 'symlink' ? 'l' : h.type === 'char' ? 'c' : h.type === 'block' ? 'b' : 'p', h.mode);
      this.stamp(node, h);
      if (h.type === 'symlink') {
        if (this.limits.rejectEscapingSymlinks && symlinkEscapes(dirParts, h.linkname)) this.fail('EIMAGE_LINK_OUTSIDE', h.name, h.linkname);
        node.target = h.linkname;
      }
      if (h.type === 'char' || h.type === 'block') node.rdev = [h.devmajor, h.devminor];
    }
    dir.entries.set(name, node);
    node.nlink++;
    this.explicit.add(node);
    return h.type === 'file' && !isWhiteout ? node : undefined;
  }

  private hardLinkTarget(h: TarHeader): Inode {
    const t = entryPath(h.linkname);
    if ('unsafe' in t) this.fail('EIMAGE_LINK_OUTSIDE', h.name, h.linkname);
    let node: Inode | undefined = this.root;
    for (const part of t.parts) node = node?.type === 'd' ? node.entries.get(part) : undefined;
    if (!node || t.parts.length === 0 || node.type === 'd' || node.isWhiteoutDevice || !this.explicit.has(node)) this.fail('EIMAGE_LINK_MISSING', h.name, h.linkname);
    return node;
  }

  private stamp(node: Inode, h: TarHeader): void {
    node.mode = h.mode & 0o7777;
    node.uid = h.uid;
    node.gid = h.gid;
    node.mtime = h.mtime;
    node.atime = h.atime ?? h.mtime;
    node.ctime = h.ctime ?? h.mtime;
    for (const [k, v] of h.xattrs) {
      if (/^(trusted|user)\.overlay\./.test(k)) this.droppedXattrs.push(`${h.name}: ${k}`);
      else node.xattrs.set(k, v);
    }
  }
}
