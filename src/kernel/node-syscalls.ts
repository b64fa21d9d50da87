import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import type { Errno, StatResult, Syscalls } from '../scenario/syscalls';
import { errnoName } from './errno-name';
import { errnoFromToolOutput } from './strerror';

const codeOf = (e: unknown): Errno => errnoName(e);

/**
 * Runs `f` with the working directory at `root`, so paths reach the system call relative, as
 * long as the scenario wrote them: the kernel's PATH_MAX (4096 bytes with the NUL) then counts
 * the scenario's path, not the temporary directory in front of it. Synchronous: nothing else
 * runs in between.
 */
function inRoot<T>(root: string, f: () => T): T {
  // '.': already there (a child process started in the mount point, whose path it may not walk).
  if (root === '.') return f();
  const before = process.cwd();
  process.chdir(root);
  try {
    return f();
  } finally {
    process.chdir(before);
  }
}

function call(f: () => void): Errno | undefined {
  try {
    f();
    return undefined;
  } catch (e) {
    return codeOf(e);
  }
}

function typeOf(st: fs.Stats): StatResult['type'] {
  if (st.isDirectory()) return 'd';
  if (st.isFile()) return 'f';
  if (st.isSymbolicLink()) return 'l';
  if (st.isCharacterDevice()) return 'c';
  if (st.isBlockDevice()) return 'b';
  if (st.isFIFO()) return 'p';
  return 's';
}

/** Runs an attr/coreutils tool in `cwd`; its failure becomes the errno it printed. */
function tool(cmd: string, args: string[], cwd: string): Errno | undefined {
  try {
    execFileSync(cmd, args, { stdio: ['ignore', 'ignore', 'pipe'], cwd });
    return undefined;
  } catch (e) {
    const stderr = String((e as { stderr?: Buffer }).stderr ?? '');
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') throw new Error(`${cmd} is not installed (Debian: apt-get install attr)`);
    return errnoFromToolOutput(stderr);
  }
}

/**
 * Real system calls under a root directory (a layer directory or the merged mount point).
 * Paths come resolved by the scenario executor; they are joined to the root, never followed
 * outside it.
 */
export function nodeSyscalls(root: string): Syscalls {
  // Relative to the root (see inRoot); '' is the root itself.
  const abs = (p: string) => (p === '' ? '.' : p);
  const lstat = (p: string) => fs.lstatSync(abs(p), { bigint: true });
  const sys: Syscalls = {
    lstat(p) {
      try {
        const st = lstat(p);
        return {
          type: typeOf(st as unknown as fs.Stats),
          mode: Number(st.mode) & 0o7777,
          uid: Number(st.uid),
          gid: Number(st.gid),
          size: Number(st.size),
          nlink: Number(st.nlink),
          ino: `${st.dev}:${st.ino}`,
          dev: String(st.dev),
        };
      } catch (e) {
        return { errno: codeOf(e) };
      }
    },
    readlink(p) {
      try {
        return fs.readlinkSync(abs(p));
      } catch (e) {
        return { errno: codeOf(e) };
      }
    },
    readdir(p) {
      try {
        return fs.readdirSync(abs(p));
      } catch (e) {
        return { errno: codeOf(e) };
      }
    },
    read(p) {
      try {
        return new Uint8Array(fs.readFileSync(abs(p)));
      } catch (e) {
        return { errno: codeOf(e) };
      }
    },
    write(p, data, flags, mode) {
      const c = fs.constants;
      const oflags = c.O_WRONLY | (flags.create ? c.O_CREAT : 0) | (flags.trunc ? c.O_TRUNC : 0) | (flags.append ? c.O_APPEND : 0);
      let fd: number | undefined;
      try {
        fd = fs.openSync(abs(p), oflags, mode);
        if (data && data.length > 0) fs.writeSync(fd, data);
        return undefined;
      } catch (e) {
        return codeOf(e);
      } finally {
        if (fd !== undefined) fs.closeSync(fd);
      }
    },
    open(p, f, mode, data) {
      const c = fs.constants;
      const access = f.access === 'w' ? c.O_WRONLY : f.access === 'rw' ? c.O_RDWR : c.O_RDONLY;
      const bits = [[f.create, c.O_CREAT], [f.excl, c.O_EXCL], [f.trunc, c.O_TRUNC], [f.append, c.O_APPEND], [f.directory, c.O_DIRECTORY], [f.nofollow, c.O_NOFOLLOW]] as const;
      const oflags = bits.reduce((acc, [on, bit]) => (on ? acc | bit : acc), access);
      let fd: number | undefined;
      try {
        fd = fs.openSync(abs(p), oflags, mode);
        // position null: at the file offset, 0 after open (the end with O_APPEND).
        if (data) fs.writeSync(fd, data, 0, data.length, null);
        return undefined;
      } catch (e) {
        return codeOf(e);
      } finally {
        if (fd !== undefined) fs.closeSync(fd);
      }
    },
    utimes: (p, a, m) => call(() => fs.utimesSync(abs(p), a, m)),
    // utimensat(times = NULL): touch -c makes exactly that call (and no open); it says nothing
    // for a missing name, so stat first gives the walk's error.
    utimesNow: (p) => call(() => fs.statSync(abs(p))) ?? tool('touch', ['-c', `./${abs(p)}`], root),
    truncate: (p, size) => call(() => fs.truncateSync(abs(p), size)),
    unlink: (p) => call(() => fs.unlinkSync(abs(p))),
    rmdir: (p) => call(() => fs.rmdirSync(abs(p))),
    mkdir: (p, mode) => call(() => fs.mkdirSync(abs(p), { mode })),
    rename: (a, b) => call(() => fs.renameSync(abs(a), abs(b))),
    link: (a, b) => call(() => fs.linkSync(abs(a), abs(b))),
    symlink: (target, p) => call(() => fs.symlinkSync(target, abs(p))),
    chmod: (p, mode) => call(() => fs.chmodSync(abs(p), mode)),
    lchown: (p, uid, gid) => call(() => fs.lchownSync(abs(p), uid, gid)),
    setxattr: (p, name, value) =>
      // An empty value is given by leaving -v out: setfattr refuses a bare "0x". "./" keeps a
      // name starting with "-" from reading as an option.
      tool('setfattr', ['-h', '-n', name, ...(value.length ? ['-v', `0x${Buffer.from(value).toString('hex')}`] : []), `./${abs(p)}`], root),
    mknodWhiteout: (p) => tool('mknod', [`./${abs(p)}`, 'c', '0', '0'], root),
  };
  // Every call runs with the working directory at the root.
  const wrapped = {} as Record<string, unknown>;
  for (const [name, f] of Object.entries(sys)) wrapped[name] = (...args: unknown[]) => inRoot(root, () => (f as (...a: unknown[]) => unknown)(...args));
  return wrapped as unknown as Syscalls;
}
