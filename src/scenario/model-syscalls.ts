import type { Overlay } from '../union/overlay';
import type { PlainFs } from '../union/plainfs';
import type { Syscalls } from './syscalls';

const wrap = <T>(v: T | string): T | { errno: string } => (typeof v === 'string' ? { errno: v } : v);

/** The scenario's system calls on a raw layer of the model (a plain directory tree). */
export function plainSyscalls(fs: PlainFs): Syscalls {
  return {
    lstat(p) {
      const n = fs.lstat(p);
      if (typeof n === 'string') return { errno: n };
      return { type: n.type, mode: n.mode, uid: n.uid, gid: n.gid, size: n.size, nlink: n.nlink, ino: `i${fs.inos.of(n)}` };
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
export function overlaySyscalls(ovl: Overlay): Syscalls {
  return {
    lstat: (p) => ovl.lstat(p),
    readlink: (p) => ovl.readlink(p),
    readdir: (p) => ovl.readdir(p),
    read: (p) => ovl.read(p),
    write: (p, d, f, m) => ovl.write(p, d, f, m),
    utimes: (p, a, m) => ovl.utimes(p, a, m),
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
