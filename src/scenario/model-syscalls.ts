import type { Overlay } from '../union/overlay';
import type { PlainFs } from '../union/plainfs';
import { hasTrailingSlash, pathTooLong, slashRename, slashRule, type SlashTree, type SlashUse } from '../union/slash';
import type { Syscalls } from './syscalls';
import type { Cred } from '../union/perm';

const wrap = <T>(v: T | string): T | { errno: string } => (typeof v === 'string' ? { errno: v } : v);

/**
 * The VFS above a model tree: a path longer than PATH_MAX, or one written with a trailing
 * slash, gets the kernel's answer (union/slash) before the tree is called, as fs/namei.c does
 * above every file system.
 */
function underVfs(sys: Syscalls, readOnly: boolean, mayLookup?: (dir: string) => string | undefined): Syscalls {
  const tree: SlashTree = {
    readOnly,
    mayLookup: mayLookup as SlashTree['mayLookup'],
    probe(p) {
      const st = sys.lstat(p);
      if ('errno' in st) return st.errno === 'ENOENT' ? { kind: 'missing' } : { kind: 'error', errno: st.errno };
      if (st.type === 'd') return { kind: 'dir' };
      if (st.type !== 'l') return { kind: 'other' };
      const t = sys.readlink(p);
      return typeof t === 'string' ? { kind: 'symlink', target: t } : { kind: 'error', errno: t.errno };
    },
  };
  const on = <T>(use: SlashUse, path: string, f: (p: string) => T, fail: (e: string) => T): T => {
    if (pathTooLong(path)) return fail('ENAMETOOLONG');
    const r = slashRule(tree, use, path);
    return 'errno' in r ? fail(r.errno) : f(r.path);
  };
  const e = (x: string) => x;
  const o = (x: string) => ({ errno: x });
  return {
    lstat: (p) => on('walk', p, sys.lstat, o),
    readlink: (p) => on('walk', p, sys.readlink, o),
    readdir: (p) => on('walk', p, sys.readdir, o),
    read: (p) => on('walk', p, sys.read, o),
    write: (p, d, f, m) => on(f.create ? 'open-create' : 'walk', p, (q) => sys.write(q, d, f, m), e),
    utimes: (p, a, m) => on('walk', p, (q) => sys.utimes(q, a, m), e),
    utimesNow: (p, n) => on('walk', p, (q) => sys.utimesNow(q, n), e),
    // build_open_flags refuses O_CREAT|O_DIRECTORY (Linux 6.4+) before the path is read.
    open: (p, f, m, d) => (f.create && f.directory ? 'EINVAL' : on(f.create ? 'open-create' : 'walk', p, (q) => sys.open(q, f, m, d), e)),
    truncate: (p, s) => on('walk', p, (q) => sys.truncate(q, s), e),
    unlink: (p) => on('unlink', p, sys.unlink, e),
    rmdir: (p) => on('dir', p, sys.rmdir, e),
    mkdir: (p, m) => on('dir', p, (q) => sys.mkdir(q, m), e),
    rename(a, b) {
      if (pathTooLong(a) || pathTooLong(b)) return 'ENAMETOOLONG';
      const r = slashRename(tree, a, b);
      return 'errno' in r ? r.errno : sys.rename(r.from, r.to);
    },
    // linkat finds the source before it looks at the new name.
    link: (a, b) =>
      on('walk', a, (x) => {
        const src = hasTrailingSlash(b) ? sys.lstat(x) : undefined;
        if (src && 'errno' in src) return src.errno;
        return on('create-name', b, (y) => sys.link(x, y), e);
      }, e),
    symlink: (t, p) => on('create-name', p, (q) => sys.symlink(t, q), e),
    chmod: (p, m) => on('walk', p, (q) => sys.chmod(q, m), e),
    lchown: (p, u, g) => on('walk', p, (q) => sys.lchown(q, u, g), e),
    setxattr: (p, n, v) => on('walk', p, (q) => sys.setxattr(q, n, v), e),
    mknodWhiteout: (p) => on('create-name', p, sys.mknodWhiteout, e),
  };
}

/** The scenario's system calls on a raw layer of the model (a plain directory tree). */
export function plainSyscalls(fs: PlainFs): Syscalls {
  return underVfs(plainTree(fs), false);
}

function plainTree(fs: PlainFs): Syscalls {
  return {
    lstat(p) {
      const n = fs.lstat(p);
      if (typeof n === 'string') return { errno: n };
      return { type: n.type, mode: n.mode, uid: n.uid, gid: n.gid, size: n.size, nlink: n.nlink, ino: `i${fs.inos.of(n)}`, dev: 'layer' };
    },
    readlink(p) {
      // A target is a string too: tell it from an errno by the inode, not by the type.
      const n = fs.lstat(p);
      if (typeof n === 'string') return { errno: n };
      return n.type === 'l' ? n.target : { errno: 'EINVAL' };
    },
    readdir: (p) => wrap(fs.readdir(p)),
    read: (p) => wrap(fs.read(p)),
    write: (p, d, f, m) => fs.write(p, d, f, m),
    utimes: (p, a, m) => fs.utimes(p, a, m),
    utimesNow: (p, n) => fs.utimes(p, n, n),
    open: (p, f, m, d) => fs.open(p, f, m, d),
    truncate: (p, s) => fs.truncate(p, s),
    unlink: (p) => fs.unlink(p),
    rmdir: (p) => fs.rmdir(p),
    mkdir: (p, m) => fs.mkdir(p, m),
    rename: (a, b) => fs.rename(a, b),
    link: (a, b) => fs.link(a, b),
    symlink: (t, p) => fs.symlink(t, p),
    chmod: (p, m) => fs.chmod(p, m),
    lchown: (p, u, g) => fs.lchown(p, u, g),
    setxattr: (p, n, v) => fs.setxattr(p, n, v),
    mknodWhiteout: (p) => fs.mknodWhiteout(p),
  };
}

/** The scenario's system calls through the merged view of a model mount. */
export function overlaySyscalls(ovl: Overlay, cred?: Cred): Syscalls {
  const sys = underVfs(overlayTree(ovl), ovl.readOnly, (dir) => ovl.mayLookup(dir));
  if (!cred) return sys;
  // Every call, the VFS's probes included, with the caller's credentials.
  const wrapped = {} as Record<string, unknown>;
  for (const [name, f] of Object.entries(sys)) wrapped[name] = (...args: unknown[]) => ovl.withCred(cred, () => (f as (...a: unknown[]) => unknown)(...args));
  return wrapped as unknown as Syscalls;
}

function overlayTree(ovl: Overlay): Syscalls {
  return {
    lstat: (p) => ovl.lstat(p),
    readlink: (p) => ovl.readlink(p),
    readdir: (p) => ovl.readdir(p),
    read: (p) => ovl.read(p),
    write: (p, d, f, m) => ovl.write(p, d, f, m),
    utimes: (p, a, m) => ovl.utimes(p, a, m),
    utimesNow: (p, n) => ovl.utimesNow(p, n),
    open: (p, f, m, d) => ovl.open(p, f, m, d),
    truncate: (p, s) => ovl.truncate(p, s),
    unlink: (p) => ovl.unlink(p),
    rmdir: (p) => ovl.rmdir(p),
    mkdir: (p, m) => ovl.mkdir(p, m),
    rename: (a, b) => ovl.rename(a, b),
    link: (a, b) => ovl.link(a, b),
    symlink: (t, p) => ovl.symlink(t, p),
    chmod: (p, m) => ovl.chmod(p, m),
    lchown: (p, u, g) => ovl.lchown(p, u, g),
    setxattr: (p, n, v) => ovl.setxattr(p, n, v),
    mknodWhiteout: (p) => ovl.mknodWhiteout(p),
  };
}
