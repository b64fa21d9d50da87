import { resolvePath, type PathProbe } from '../union/path';
import { hasTrailingSlash, withoutSlash } from '../union/slash';
import type { Cred, ScenarioOp } from './ops';
import { encodeContent } from './content';
import { quotePath } from './quote';
import type { OpResult } from './report';
import { SCENARIO_UMASK, type Errno, type StatResult, type Syscalls } from './syscalls';

/** Where an operation runs: a raw layer before the mount, or the merged view after it. */
export interface ExecTarget {
  sys: Syscalls;
  raw: boolean;
  /** 'trusted.overlay.' or, with `userxattr`, 'user.overlay.'. */
  xattrPrefix: string;
  /** Seconds since the epoch, for `touch`. */
  now: () => number;
  /**
   * `stat` prints inode and device identity as classes (#1, #2, ... in order of first sight),
   * so two runs compare: kept for the whole run, across remounts.
   */
  classes?: { ino: Map<string, number>; dev: Map<string, number> };
  /** Unmounts and mounts again (remount), with a new lower stack by layer name (remount -l). */
  remount?: (lowers?: string[]) => Errno | undefined;
  /** Runs one operation with another user's credentials (`as UID[:GID]`); the op comes without its `as`. */
  runAs?: (cred: Cred, op: ScenarioOp, t: ExecTarget) => OpResult;
}

const OK: OpResult = 'OK';
const fail = (errno: Errno): OpResult => ({ errno });
const res = (e: Errno | undefined): OpResult => (e === undefined ? OK : fail(e));
const isErr = <T>(v: T | { errno: Errno }): v is { errno: Errno } => typeof v === 'object' && v !== null && 'errno' in v;

/**
 * Resolves symbolic links in `path` the way a chrooted program would (see union/path). A
 * trailing slash is kept for the system call; where that call walks to the name (`slashFollows`)
 * the slash makes it follow a final link, so that link is resolved here, inside the root.
 */
export function resolve(sys: Syscalls, path: string, followLast: boolean, slashFollows = true): { path: string } | { errno: Errno } {
  if (hasTrailingSlash(path)) {
    const r = resolveBare(sys, withoutSlash(path), followLast || slashFollows);
    return 'errno' in r || r.path === '' ? r : { path: `${r.path}/` };
  }
  return resolveBare(sys, path, followLast);
}

function resolveBare(sys: Syscalls, path: string, followLast: boolean): { path: string } | { errno: Errno } {
  const probe = (p: string): PathProbe => {
    const st = sys.lstat(p);
    if (isErr(st)) return { kind: 'missing' };
    if (st.type === 'l') {
      const t = sys.readlink(p);
      return isErr(t) ? { kind: 'missing' } : { kind: 'symlink', target: t };
    }
    return st.type === 'd' ? { kind: 'dir' } : { kind: 'other' };
  };
  return resolvePath(path, probe, followLast);
}

const parentOf = (p: string) => (p.includes('/') ? p.slice(0, p.lastIndexOf('/')) : '');
const bytewise = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** `mkdir -p`: every missing directory on the way, existing directories are fine. */
function mkdirp(t: ExecTarget, path: string): Errno | undefined {
  const parts = withoutSlash(path).split('/');
  for (let i = 1; i <= parts.length; i++) {
    const r = resolve(t.sys, parts.slice(0, i).join('/'), true);
    if (isErr(r)) return r.errno;
    const e = t.sys.mkdir(r.path, 0o777 & ~SCENARIO_UMASK);
    if (e === 'EEXIST') {
      const st = t.sys.lstat(r.path);
      if (i === parts.length && (isErr(st) || st.type !== 'd')) return 'EEXIST';
      continue;
    }
    if (e) return e;
  }
  return undefined;
}

/** `rm -rf` on a resolved path: depth first, children bytewise; stops at the first error. */
function removeTree(sys: Syscalls, path: string): Errno | undefined {
  const st = sys.lstat(path);
  if (isErr(st)) return st.errno;
  if (st.type !== 'd') return sys.unlink(path);
  const names = sys.readdir(path);
  if (isErr(names)) return names.errno;
  for (const n of [...names].sort(bytewise)) {
    const e = removeTree(sys, `${path}/${n}`);
    if (e) return e;
  }
  return sys.rmdir(path);
}

/**
 * The copy `mv` makes when rename(2) says EXDEV: the tree again under the new name, with
 * modes and owners kept and hard links within the tree kept as links (as `cp -a` does).
 */
function copyTree(sys: Syscalls, from: string, to: string, seen: Map<string, string>): Errno | undefined {
  const st = sys.lstat(from);
  if (isErr(st)) return st.errno;
  let e: Errno | undefined;
  switch (st.type) {
    case 'd': {
      e = sys.mkdir(to, 0o700);
      if (e) return e;
      const names = sys.readdir(from);
      if (isErr(names)) return names.errno;
      for (const n of [...names].sort(bytewise)) {
        e = copyTree(sys, `${from}/${n}`, `${to}/${n}`, seen);
        if (e) return e;
      }
      break;
    }
    case 'f': {
      const key = st.nlink > 1 ? st.ino : undefined;
      const first = key ? seen.get(key) : undefined;
      if (first !== undefined) return sys.link(first, to);
      const data = sys.read(from);
      if (isErr(data)) return data.errno;
      e = sys.write(to, data, { create: true, trunc: true, append: false }, 0o600);
      if (e) return e;
      if (key) seen.set(key, to);
      break;
    }
    case 'l': {
      const target = sys.readlink(from);
      if (isErr(target)) return target.errno;
      return sys.symlink(target, to) ?? sys.lchown(to, st.uid, st.gid);
    }
    default:
      // Devices, FIFOs and sockets cannot be made through this interface; mv fails on them.
      return 'EPERM';
  }
  return sys.lchown(to, st.uid, st.gid) ?? sys.chmod(to, st.mode);
}

/** `mv OLD NEW` as coreutils does it (with -T): rename, and on EXDEV copy then delete. */
function mv(t: ExecTarget, from: string, to: string): OpResult {
  const a = resolve(t.sys, from, false, false);
  const b = resolve(t.sys, to, false, false);
  if (isErr(a) || isErr(b)) return fail('EMV');
  const e = t.sys.rename(a.path, b.path);
  if (e === undefined) return OK;
  if (e !== 'EXDEV') return fail('EMV');
  // rename(2) has checked the slashes; the copy works on the names themselves.
  a.path = withoutSlash(a.path);
  b.path = withoutSlash(b.path);
  const dst = t.sys.lstat(b.path);
  if (!isErr(dst)) {
    const gone = dst.type === 'd' ? t.sys.rmdir(b.path) : t.sys.unlink(b.path);
    if (gone) return fail('EMV');
  }
  if (copyTree(t.sys, a.path, b.path, new Map())) return fail('EMV');
  return removeTree(t.sys, a.path) ? fail('EMV') : OK;
}

/** The class of a token: the number it got when first seen. */
function classOf(map: Map<string, number>, token: string): number {
  let n = map.get(token);
  if (n === undefined) map.set(token, (n = map.size + 1));
  return n;
}

const oct = (mode: number) => (mode & 0o7777).toString(8).padStart(4, '0');

/** What `stat` prints after OK: type and owner as the report writes them, then the identity classes. */
function statText(t: ExecTarget, st: StatResult): string {
  let s = `${st.type} mode=${oct(st.mode)} uid=${st.uid} gid=${st.gid}`;
  if (st.type === 'f') s += ` nlink=${st.nlink} size=${st.size}`;
  if (st.type === 'c' || st.type === 'b') s += ` rdev=${st.rdev?.[0]}:${st.rdev?.[1]}`;
  if (t.classes) {
    // st_ino alone (the token may carry st_dev in front): numbers stay across remounts.
    const ino = st.dev !== undefined && st.ino.startsWith(`${st.dev}:`) ? st.ino.slice(st.dev.length + 1) : st.ino;
    s += ` ino=#${classOf(t.classes.ino, ino)}`;
    // st_dev: the mount's own device (that of its root), or another one; a new mount may get
    // another anonymous device number, so only this relation is stable.
    const root = t.sys.lstat('');
    s += isErr(root) || root.dev !== st.dev ? ` dev=#${classOf(t.classes.dev, st.dev ?? '?')}` : ' dev=mount';
  }
  return s;
}

type At = (followLast: boolean, path?: string, slashFollows?: boolean) => ReturnType<typeof resolve>;
type WithPath = (followLast: boolean, f: (p: string) => Errno | undefined, path?: string, slashFollows?: boolean) => OpResult;

/** The operations that open, read, stat or set times (and remount): apart, to keep executeOp short. */
function executeReadOrTimeOp(t: ExecTarget, op: ScenarioOp, at: At, withPath: WithPath): OpResult | undefined {
  const sys = t.sys;
  switch (op.op) {
    case 'touch': {
      // As coreutils: open(O_CREAT); whether or not that worked (a directory cannot be opened
      // for writing), set the times by name; a failure then reports the open's errno first.
      const o = at(true, op.path, false);
      if (isErr(o)) return fail(o.errno);
      const opened = sys.write(o.path, undefined, { create: true, trunc: false, append: false }, 0o666 & ~SCENARIO_UMASK);
      const u = at(true);
      if (isErr(u)) return fail(opened ?? u.errno);
      const now = t.now();
      const e = sys.utimes(u.path, now, now);
      return e ? fail(opened ?? e) : OK;
    }
    case 'utime': {
      // utimensat(UTIME_NOW) is asked for with "now": the clock's time, and other permission rules.
      const when = op.now ? t.now() : op.number!;
      return withPath(true, (p) => (op.now ? sys.utimesNow(p, when) : sys.utimes(p, when, when)));
    }
    case 'open': {
      const f = op.flags!;
      // O_NOFOLLOW, and O_CREAT|O_EXCL, do not follow a final link; O_CREAT makes the name itself.
      const r = at(!f.nofollow && !(f.create && f.excl), op.path, !f.create);
      if (isErr(r)) return fail(r.errno);
      return res(sys.open(r.path, f, 0o666 & ~SCENARIO_UMASK, op.data));
    }
    case 'readlink': {
      const r = at(false);
      if (isErr(r)) return fail(r.errno);
      const target = sys.readlink(r.path);
      return isErr(target) ? fail(target.errno) : { ok: quotePath(target) };
    }
    case 'stat': {
      const r = at(true);
      if (isErr(r)) return fail(r.errno);
      const st = sys.lstat(r.path);
      return isErr(st) ? fail(st.errno) : { ok: statText(t, st) };
    }
    case 'cat': {
      const r = at(true);
      if (isErr(r)) return fail(r.errno);
      const data = sys.read(r.path);
      return isErr(data) ? fail(data.errno) : { ok: `"${encodeContent(data, true)}"` };
    }
    case 'remount':
      return t.remount ? res(t.remount(op.remountLowers)) : fail('EINVAL');
    default:
      return undefined;
  }
}

/** Runs one scenario line against a target; failures are results, not exceptions. */
export function executeOp(t: ExecTarget, op: ScenarioOp): OpResult {
  if (op.as) return t.runAs ? t.runAs(op.as, { ...op, as: undefined }, t) : fail('EPERM');
  const sys = t.sys;
  const at = (followLast: boolean, path = op.path, slashFollows = true) => resolve(sys, path, followLast, slashFollows);
  // Raw layers are plain directories: `write` and `symlink` make missing parents first.
  if (t.raw && (op.op === 'write' || op.op === 'symlink' || op.op === 'whiteout')) {
    const parent = parentOf(withoutSlash(op.path));
    if (parent) {
      const e = mkdirp(t, parent);
      if (e) return fail(e);
    }
  }
  // The calls that make or remove the last name (and open with O_CREAT) look at it with its slash, unfollowed.
  const withPath = (followLast: boolean, f: (p: string) => Errno | undefined, path = op.path, slashFollows = true): OpResult => {
    const r = at(followLast, path, slashFollows);
    return isErr(r) ? fail(r.errno) : res(f(r.path));
  };
  const more = executeReadOrTimeOp(t, op, at, withPath);
  if (more) return more;
  switch (op.op) {
    case 'write':
      return withPath(true, (p) => sys.write(p, op.data!, { create: true, trunc: true, append: false }, 0o666 & ~SCENARIO_UMASK), op.path, false);
    case 'append':
      return withPath(true, (p) => sys.write(p, op.data!, { create: false, trunc: false, append: true }, 0));
    case 'truncate':
      return withPath(true, (p) => sys.truncate(p, op.number!));
    case 'read': {
      const r = at(true);
      if (isErr(r)) return fail(r.errno);
      const d = sys.read(r.path);
      return isErr(d) ? fail(d.errno) : OK;
    }
    case 'rm':
      return withPath(false, (p) => sys.unlink(p), op.path, false);
    case 'rmdir':
      return withPath(false, (p) => sys.rmdir(p), op.path, false);
    case 'rmrf':
      return withPath(false, (p) => removeTree(sys, p));
    case 'mkdir':
      return withPath(false, (p) => sys.mkdir(p, op.number ?? 0o777 & ~SCENARIO_UMASK), op.path, false);
    case 'mkdirp':
      return res(mkdirp(t, op.path));
    case 'rename': {
      const a = at(false, op.path, false);
      const b = at(false, op.path2!, false);
      if (isErr(a)) return fail(a.errno);
      if (isErr(b)) return fail(b.errno);
      return res(sys.rename(a.path, b.path));
    }
    case 'mv':
      return mv(t, op.path, op.path2!);
    case 'chmod':
      return withPath(true, (p) => sys.chmod(p, op.number!));
    case 'chown':
      return withPath(false, (p) => sys.lchown(p, op.uid!, op.gid!));
    case 'ln': {
      // link(2) does not follow a symbolic link named as the source (Linux's default).
      const a = at(false);
      const b = at(false, op.path2!, false);
      if (isErr(a)) return fail(a.errno);
      if (isErr(b)) return fail(b.errno);
      return res(sys.link(a.path, b.path));
    }
    case 'symlink':
      return withPath(false, (p) => sys.symlink(op.target!, p), op.path, false);
    case 'setxattr':
      return withPath(true, (p) => sys.setxattr(p, op.name!, op.data!));
    case 'whiteout':
      return withPath(false, (p) => sys.mknodWhiteout(p), op.path, false);
    case 'opaque': {
      const e = mkdirp(t, op.path);
      if (e) return fail(e);
      return withPath(true, (p) => sys.setxattr(p, `${t.xattrPrefix}opaque`, new TextEncoder().encode('y')));
    }
    default:
      return fail('ENOSYS'); // every other operation was answered by executeReadOrTimeOp
  }
}
