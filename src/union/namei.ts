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

/** A plain walk of `name` below `base` (a data-only layer is read as a plain tree: vfs_path_lookup). */
function walkPlain(ctx: LookupContext, base: Inode, name: LookupName): { node?: Inode; dir?: Inode } {
  let dir = base;
  for (let i = 0; i < name.parts.length; i++) {
    const node = dir.entries.get(name.parts[i]);
    if (!node) return {};
    if (i === name.parts.length - 1) return { node, dir };
    if (isWhiteoutIn(ctx, node, dir) || node.type !== 'd') return {};
    dir = node;
  }
  return {};
}

/**
 * ovl_lookup_layer: walks the lookup name below `base` in one lower layer, one component at a
 * time (ovl_lookup_single). On the way, a whiteout or a non-directory ends the search (`stop`);
 * an opaque directory lets this layer's walk go on but no layer below is searched; a
 * directory with its own redirect rewrites the rest of the name, for this layer and the ones
 * below (ovl_check_redirect), and an absolute one searches the layers below again. The bottom
 * layer (`last`) is not checked for either. Returns the entry for the last component, if any.
 */
function walkLayer(ctx: LookupContext, base: Inode, st: LookupState, last: boolean): { node?: Inode; dir?: Inode; stop: boolean } {
  let dir = base;
  for (let i = 0; i < st.name.parts.length; i++) {
    const parts = st.name.parts;
    const node = dir.entries.get(parts[i]);
    if (!node) return { stop: false };
    if (i === parts.length - 1) return { node, dir, stop: false };
    if (isWhiteoutIn(ctx, node, dir) || node.type !== 'd') return { stop: true };
    dir = node;
    if (last) continue;
    if (opaqueValue(ctx, node) === 'y') {
      st.stop = true;
      continue;
    }
    const redirect = node.xattrText(`${ctx.prefix}redirect`);
    if (redirect === undefined) continue;
    // Counted from the end, as the kernel does: the prefix may change length.
    const rest = parts.slice(i + 1);
    const head = redirectName(redirect, { absolute: st.name.absolute, parts: parts.slice(0, i + 1) });
    st.name = { absolute: head.absolute, parts: [...head.parts, ...rest] };
    // Only an absolute value clears an opaque stop met above (ovl_check_redirect); a relative one keeps it.
    if (redirect.startsWith('/')) st.stop = false;
    i = head.parts.length - 1;
  }
  return { stop: false };
}

/** One lookup under way: the dentry being filled, and where lower layers are still to be searched. */
interface LookupState {
  d: Dentry;
  /** A whiteout, an opaque directory or a non-directory above: no lower layer is searched. */
  stop: boolean;
  name: LookupName;
  /** A metacopy file whose data is still to be found further down. */
  pendingData: boolean;
}

/** What one lower layer's find tells the search: go on, stop, go on from the roots (absolute redirect), or fail. */
type LowerStep = 'next' | 'stop' | 'from-root' | 'EPERM' | 'EIO';

type LayerRef = { layer: number; node: Inode };

const rootStack = (ctx: LookupContext): LayerRef[] => ctx.lowerRoots.map((node, layer) => ({ layer, node }));

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
  const st: LookupState = {
    d: {
      path: parent.path === '' ? name : `${parent.path}/${name}`,
      name,
      parent,
      lowers: [],
      isDir: false,
      opaque: false,
      metacopy: false,
      viaIndex: false,
    },
    stop: false,
    name: { absolute: false, parts: [name] },
    pendingData: false,
  };
  const e = lookupUpper(ctx, parent, st) ?? (st.stop ? undefined : lookupLowers(ctx, parent, st, onMerge));
  if (e) return e;
  // Data-only layers are searched last, and only by absolute path, for a metacopy file's data.
  if (st.pendingData && st.name.absolute) lookupDataOnly(ctx, st);
  if (st.pendingData && (st.d.lowers.length > 0 || st.d.metacopy)) return 'EIO';
  return lookupIndex(ctx, st.d) ?? st.d;
}

/** The upper layer's entry for the name: a whiteout, an opaque directory, a metacopy file, or a plain one. */
function lookupUpper(ctx: LookupContext, parent: Dentry, st: LookupState): 'EPERM' | 'EIO' | undefined {
  const d = st.d;
  const upperParent = parent.upper?.type === 'd' ? parent.upper : undefined;
  const u = upperParent?.entries.get(d.name);
  if (!upperParent || !u) return undefined;
  if (isWhiteoutIn(ctx, u, upperParent)) {
    d.opaque = true;
    st.stop = true;
    return undefined;
  }
  d.upper = u;
  d.upperDir = upperParent;
  const redirect = u.xattrText(`${ctx.prefix}redirect`);
  if (u.type === 'd') {
    d.isDir = true;
    if (opaqueValue(ctx, u) === 'y') {
      d.opaque = true;
      st.stop = true;
    }
  } else if (isMetacopyFile(ctx, u)) {
    if (!followsMetacopy(ctx)) return 'EPERM';
    if (badMetacopy(ctx, u)) return 'EIO';
    d.metacopy = true;
  } else {
    st.stop = true;
    // A copied-up file finds its lower inode through the origin file handle, not by name.
    const origin = ctx.originOf.get(u);
    if (origin) d.lowers.push({ layer: -1, node: origin, dir: origin });
  }
  if (!st.stop && redirect !== undefined) {
    d.redirect = redirect;
    st.name = redirectName(redirect, st.name);
  }
  st.pendingData = d.metacopy;
  return undefined;
}

/** The parent's lower directories in order (or every layer from the root, after an absolute redirect). */
function lookupLowers(ctx: LookupContext, parent: Dentry, st: LookupState, onMerge?: (d: Dentry) => void): 'EPERM' | 'EIO' | undefined {
  const d = st.d;
  let stack: LayerRef[] = st.name.absolute ? rootStack(ctx) : parent.lowers.map((l) => ({ layer: l.layer, node: l.node }));
  for (let i = 0; i < stack.length; i++) {
    const { layer, node: base } = stack[i];
    if (base.type !== 'd') continue;
    // The last layer is not checked for opaque or redirect. With redirects followed that is the
    // mount's bottom layer (a redirect may lead below the parent's own stack); else the parent's last.
    const last = followsRedirects(ctx.config) ? layer === ctx.lowerRoots.length - 1 : i === stack.length - 1;
    const found = walkLayer(ctx, base, st, last);
    if (found.stop) break;
    const node = found.node;
    if (!node) {
      if (st.stop) break;
      continue;
    }
    const dir = found.dir!;
    if (isWhiteoutIn(ctx, node, dir)) break;
    // Redirects are a way into lower layers without permission checks: refused unless followed.
    if (d.redirect !== undefined && !followsRedirects(ctx.config)) return 'EPERM';
    if (d.metacopy && node.type !== 'f') break;
    const ref: LowerRef = { layer, node, dir };
    const step = node.type !== 'd' ? lowerNonDir(ctx, st, ref) : lowerDir(ctx, st, ref, last, onMerge);
    if (step === 'stop') break;
    if (step === 'EPERM' || step === 'EIO') return step;
    if (step === 'from-root') {
      stack = rootStack(ctx);
      i = layer;
    } else if (st.stop) break;
  }
  return undefined;
}

/** A lower non-directory: the file itself, or a metacopy file whose data lies further down. */
function lowerNonDir(ctx: LookupContext, st: LookupState, ref: LowerRef): LowerStep {
  if (st.d.isDir) return 'stop';
  const node = ref.node;
  const metacopy = isMetacopyFile(ctx, node);
  if (metacopy && !followsMetacopy(ctx)) return 'EPERM';
  if (metacopy && badMetacopy(ctx, node)) return 'EIO';
  st.d.lowers.push(ref);
  if (!metacopy) {
    st.pendingData = false;
    return 'stop';
  }
  st.pendingData = true;
  // A metacopy file goes on down even below an opaque directory met on the way (d->stop = !metacopy).
  st.stop = false;
  // A lower metacopy file may say where its data lies (an absolute path, often in a data-only layer).
  const redirect = node.xattrText(`${ctx.prefix}redirect`);
  if (redirect === undefined) return 'next';
  st.name = redirectName(redirect, st.name);
  return st.name.absolute ? 'from-root' : 'next';
}

/** A lower directory: merged into the stack unless something above is not a directory; opaque or redirect decide what follows. */
function lowerDir(ctx: LookupContext, st: LookupState, ref: LowerRef, last: boolean, onMerge?: (d: Dentry) => void): LowerStep {
  const d = st.d;
  if (d.upper && !d.isDir) return 'stop';
  d.isDir = true;
  d.lowers.push(ref);
  if (d.lowers.length === 1 && d.upper) onMerge?.(d);
  if (last) return 'stop';
  if (opaqueValue(ctx, ref.node) === 'y') return 'stop';
  const redirect = ref.node.xattrText(`${ctx.prefix}redirect`);
  if (redirect === undefined) return 'next';
  // A redirect found where the mount does not follow them fails the lookup.
  if (!followsRedirects(ctx.config)) return 'EPERM';
  st.name = redirectName(redirect, st.name);
  // An absolute value clears an opaque stop met on the way; a relative one (even rebased on an
  // absolute name) keeps it, and the stop is checked before the search moves to the roots.
  if (redirect.startsWith('/')) st.stop = false;
  if (st.stop) return 'stop';
  return st.name.absolute ? 'from-root' : 'next';
}

/** The data of a metacopy file, by absolute path in the data-only layers. */
function lookupDataOnly(ctx: LookupContext, st: LookupState): void {
  for (let j = 0; j < ctx.dataRoots.length; j++) {
    const found = walkPlain(ctx, ctx.dataRoots[j], st.name);
    if (found.node?.type === 'f') {
      st.d.lowers.push({ layer: ctx.lowerRoots.length + j, node: found.node, dir: found.dir! });
      st.pendingData = false;
      return;
    }
  }
}

/** A hard link whose twin was copied up with index=on: the index gives its upper inode. */
function lookupIndex(ctx: LookupContext, d: Dentry): 'EIO' | undefined {
  if (d.upper || d.lowers.length === 0 || d.isDir || !ctx.config.index) return undefined;
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
  return undefined;
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
