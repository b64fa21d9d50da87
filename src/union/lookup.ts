import { followsRedirects, type OverlayConfig } from './config';
import type { Dentry, LowerRef } from './dentry';
import type { Inode } from './inode';

/** What lookup needs of the mount: its layers, options and the origin handles it recorded. */
export interface LookupContext {
  config: OverlayConfig;
  /** 'trusted.overlay.' or 'user.overlay.'. */
  prefix: string;
  /** Root inodes of the lower layers, top first. */
  lowerRoots: Inode[];
  /** Root inodes of the data-only layers (reached only through a metacopy redirect). */
  dataRoots: Inode[];
  /** origin xattr -> the lower inode it names (what decoding the file handle gives). */
  originOf: Map<Inode, Inode>;
  /** index entries: lower inode of a copied-up hard link -> its upper inode. */
  indexOf: Map<Inode, Inode>;
}

/** The value of an opaque xattr: 'y' opaque, 'x' holds xattr whiteouts (and is not opaque). */
export function opaqueValue(ctx: LookupContext, dir: Inode): string | undefined {
  return dir.type === 'd' ? dir.xattrText(`${ctx.prefix}opaque`) : undefined;
}

/**
 * Whether an entry is a whiteout: a char 0/0 device, or (kernel 6.7+) an empty regular file
 * with the whiteout xattr inside a directory marked opaque=x.
 */
export function isWhiteoutIn(ctx: LookupContext, node: Inode, dir: Inode): boolean {
  if (node.isWhiteoutDevice) return true;
  return node.type === 'f' && node.size === 0 && node.xattrs.has(`${ctx.prefix}whiteout`) && opaqueValue(ctx, dir) === 'x';
}

/** The overlay's link count of an indexed upper inode: its own count plus the "U±n" it records. */
export function overlayNlink(ctx: LookupContext, upper: Inode): number {
  const m = /^U([+-]\d+)$/.exec(upper.xattrText(`${ctx.prefix}nlink`) ?? '');
  return upper.nlink + (m ? Number(m[1]) : 0);
}

/** Metacopy files are followed with metacopy=on, or when data-only layers are there to hold their data. */
const followsMetacopy = (ctx: LookupContext) => ctx.config.metacopy || ctx.dataRoots.length > 0;

const isMetacopyFile = (ctx: LookupContext, n: Inode) => n.type === 'f' && n.xattrs.has(`${ctx.prefix}metacopy`);

/** A metacopy xattr is empty (old format) or at least the 4-byte header; anything between is corrupt. */
const badMetacopy = (ctx: LookupContext, n: Inode) => {
  const v = n.type === 'f' ? n.xattrs.get(`${ctx.prefix}metacopy`) : undefined;
  return v !== undefined && v.length > 0 && v.length < 4;
};

/** The name lower layers are searched by: relative to the parent's lower dirs, or absolute from a layer root. */
interface LookupName {
  absolute: boolean;
  parts: string[];
}

function redirectName(value: string, current: LookupName): LookupName {
  if (value.startsWith('/')) return { absolute: true, parts: value.split('/').filter((p) => p !== '') };
  // A relative redirect replaces the last component only.
  return { absolute: current.absolute, parts: [...current.parts.slice(0, -1), value] };
}

/** Walks `name` below `base` in one layer; stops (and says so) at whiteouts and non-directories on the way. */
function walkLayer(ctx: LookupContext, base: Inode, name: LookupName): { node?: Inode; dir?: Inode; stop: boolean } {
  let dir = base;
  for (let i = 0; i < name.parts.length; i++) {
    const node = dir.entries.get(name.parts[i]);
    if (!node) return { stop: false };
    if (i === name.parts.length - 1) return { node, dir, stop: false };
    if (isWhiteoutIn(ctx, node, dir) || node.type !== 'd') return { stop: true };
    dir = node;
  }
  return { stop: false };
}

/**
 * ovl_lookup: the merged dentry for `name` under `parent`. Reads the upper layer first, then
 * the parent's lower directories in order, stopping at a whiteout, an opaque directory or a
 * non-directory, and following redirects where the mount allows.
 */
export function lookupChild(
  ctx: LookupContext,
  parent: Dentry,
  name: string,
  /** Called when a merged directory first meets a lower directory (where the kernel fixes its origin), before any refusal. */
  onMerge?: (d: Dentry) => void,
): Dentry | 'EPERM' | 'EIO' {
  const d: Dentry = {
    path: parent.path === '' ? name : `${parent.path}/${name}`,
    name,
    parent,
    lowers: [],
    isDir: false,
    opaque: false,
    metacopy: false,
    viaIndex: false,
  };
  let stop = false;
  let lookupName: LookupName = { absolute: false, parts: [name] };
  const upperParent = parent.upper?.type === 'd' ? parent.upper : undefined;
  const u = upperParent?.entries.get(name);
  if (upperParent && u) {
    if (isWhiteoutIn(ctx, u, upperParent)) {
      d.opaque = true;
      stop = true;
    } else {
      d.upper = u;
      d.upperDir = upperParent;
      const redirect = u.xattrText(`${ctx.prefix}redirect`);
      if (u.type === 'd') {
        d.isDir = true;
        if (opaqueValue(ctx, u) === 'y') {
          d.opaque = true;
          stop = true;
        }
      } else if (isMetacopyFile(ctx, u)) {
        if (!followsMetacopy(ctx)) return 'EPERM';
        if (badMetacopy(ctx, u)) return 'EIO';
        d.metacopy = true;
      } else {
        stop = true;
        // A copied-up file finds its lower inode through the origin file handle, not by name.
        const origin = ctx.originOf.get(u);
        if (origin) d.lowers.push({ layer: -1, node: origin, dir: origin });
      }
      if (!stop && redirect !== undefined) {
        d.redirect = redirect;
        lookupName = redirectName(redirect, lookupName);
      }
    }
  }
  let pendingData = d.metacopy;
  if (!stop) {
    let stack: { layer: number; node: Inode }[] = lookupName.absolute
      ? ctx.lowerRoots.map((node, layer) => ({ layer, node }))
      : parent.lowers.map((l) => ({ layer: l.layer, node: l.node }));
    for (let i = 0; i < stack.length && !stop; i++) {
      const { layer, node: base } = stack[i];
      if (base.type !== 'd') continue;
      const found = walkLayer(ctx, base, lookupName);
      if (found.stop) break;
      const node = found.node;
      if (!node) continue;
      const dir = found.dir!;
      if (isWhiteoutIn(ctx, node, dir)) break;
      // Redirects are a way into lower layers without permission checks: refused unless followed.
      if (d.redirect !== undefined && !followsRedirects(ctx.config)) return 'EPERM';
      if (d.metacopy && node.type !== 'f') break;
      const ref: LowerRef = { layer, node, dir };
      // The last layer is not checked for opaque or redirect. With redirects followed that is the
      // mount's bottom layer (a redirect may lead below the parent's own stack); else the parent's last.
      const last = followsRedirects(ctx.config) ? layer === ctx.lowerRoots.length - 1 : i === stack.length - 1;
      if (node.type !== 'd') {
        if (d.isDir) break;
        const metacopy = isMetacopyFile(ctx, node);
        if (metacopy && !followsMetacopy(ctx)) return 'EPERM';
        if (metacopy && badMetacopy(ctx, node)) return 'EIO';
        d.lowers.push(ref);
        if (!metacopy) {
          pendingData = false;
          break;
        }
        pendingData = true;
        // A lower metacopy file may say where its data lies (an absolute path, often in a data-only layer).
        const redirect = node.xattrText(`${ctx.prefix}redirect`);
        if (redirect !== undefined) {
          lookupName = redirectName(redirect, lookupName);
          if (lookupName.absolute) {
            stack = ctx.lowerRoots.map((n, l) => ({ layer: l, node: n }));
            i = layer;
          }
        }
        continue;
      }
      if (d.upper && !d.isDir) break;
      d.isDir = true;
      d.lowers.push(ref);
      if (d.lowers.length === 1 && d.upper) onMerge?.(d);
      if (last) break;
      if (opaqueValue(ctx, node) === 'y') break;
      const redirect = node.xattrText(`${ctx.prefix}redirect`);
      // A redirect found where the mount does not follow them fails the lookup.
      if (redirect !== undefined && !followsRedirects(ctx.config)) return 'EPERM';
      if (redirect !== undefined) {
        lookupName = redirectName(redirect, lookupName);
        if (lookupName.absolute) {
          stack = ctx.lowerRoots.map((n, l) => ({ layer: l, node: n }));
          i = layer;
          continue;
        }
      }
    }
  }
  // Data-only layers are searched last, and only by absolute path, for a metacopy file's data.
  if (pendingData && lookupName.absolute) {
    for (let j = 0; j < ctx.dataRoots.length; j++) {
      const found = walkLayer(ctx, ctx.dataRoots[j], lookupName);
      if (found.node?.type === 'f') {
        d.lowers.push({ layer: ctx.lowerRoots.length + j, node: found.node, dir: found.dir! });
        pendingData = false;
        break;
      }
    }
  }
  if (pendingData && (d.lowers.length > 0 || d.metacopy)) return 'EIO';
  // A hard link whose twin was copied up with index=on: the index gives its upper inode.
  if (!d.upper && d.lowers.length > 0 && !d.isDir && ctx.config.index) {
    const indexed = ctx.indexOf.get(d.lowers[0].node);
    // An index entry whose overlay link count fell to 0 stands for a removed file: another
    // name reaching the same lower inode gets EIO rather than a ghost.
    if (indexed && overlayNlink(ctx, indexed) <= 0) return 'EIO';
    if (indexed) {
      d.upper = indexed;
      d.viaIndex = true;
      // The indexed copy may itself be metadata only: its data is still the lower file's.
      d.metacopy = isMetacopyFile(ctx, indexed);
    }
  }
  return d;
}

/** The root dentry: the upper root over every lower root. */
export function rootDentry(ctx: LookupContext, upperRoot: Inode | undefined): Dentry {
  return {
    path: '',
    name: '',
    upper: upperRoot,
    lowers: ctx.lowerRoots.map((node, layer) => ({ layer, node, dir: node })),
    isDir: true,
    opaque: false,
    metacopy: false,
    viaIndex: false,
  };
}
