import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as nodePath from 'node:path';
import { reportXattr, type ReportEntry } from '../scenario/report';
import { errnoName } from './errno-name';
import { dumpXattrs } from './xattr-dump';

/**
 * Every byte read(2) gives until it returns 0. Not readFileSync: for a file with st_size > 0
 * Node stops at st_size, and a metacopy file's size can differ from its data file's.
 */
function readToEnd(abs: string): Buffer {
  const fd = fs.openSync(abs, 'r');
  try {
    const chunks: Buffer[] = [];
    for (;;) {
      const buf = Buffer.alloc(65536);
      const n = fs.readSync(fd, buf, 0, buf.length, null);
      if (n === 0) break;
      chunks.push(buf.subarray(0, n));
    }
    return Buffer.concat(chunks);
  } finally {
    fs.closeSync(fd);
  }
}

/** Linux's makedev split of st_rdev. */
const major = (rdev: number) => ((rdev >>> 8) & 0xfff) | ((rdev >>> 12) & 0xfff00);
const minor = (rdev: number) => (rdev & 0xff) | ((rdev >>> 12) & 0xfff00);

function entryOf(abs: string, rel: string, st: fs.BigIntStats, xattrs: [string, Uint8Array][], metacopyName: string): ReportEntry {
  const mode = Number(st.mode) & 0o7777;
  const base = { path: rel, mode, uid: Number(st.uid), gid: Number(st.gid), xattrs: [] as [string, string][] };
  for (const [n, v] of xattrs) {
    const x = reportXattr(n, v);
    if (x) base.xattrs.push(x);
  }
  if (st.isDirectory()) return { ...base, type: 'd' };
  if (st.isSymbolicLink()) return { ...base, type: 'l', target: fs.readlinkSync(abs) };
  if (st.isFile()) {
    const metacopy = xattrs.some(([n]) => n === metacopyName);
    return {
      ...base,
      type: 'f',
      nlink: Number(st.nlink),
      size: Number(st.size),
      sha256: createHash('sha256').update(readToEnd(abs)).digest('hex').slice(0, 16),
      metacopy,
      inode: `${st.dev}:${st.ino}`,
    };
  }
  const rdev = Number(st.rdev);
  if (st.isCharacterDevice() && rdev === 0) return { ...base, type: 'WHITEOUT' };
  if (st.isCharacterDevice() || st.isBlockDevice()) {
    return { ...base, type: st.isCharacterDevice() ? 'c' : 'b', rdev: [major(rdev), minor(rdev)] };
  }
  return { ...base, type: st.isFIFO() ? 'p' : 's' };
}

/**
 * Every entry under `root` as the report lists it, the root itself first as '/' when
 * `withRoot`. `metacopyXattr` names the attribute that marks a metadata-only copy.
 */
export function readTree(root: string, withRoot: boolean, metacopyXattr: string): ReportEntry[] {
  const top = nodePath.resolve(root);
  const xattrs = dumpXattrs(top);
  const out: ReportEntry[] = [];
  const visit = (abs: string, rel: string) => {
    let st: fs.BigIntStats;
    try {
      st = fs.lstatSync(abs, { bigint: true });
    } catch (e) {
      out.push({ path: rel, type: 'ERR', errno: errnoName(e), mode: 0, uid: 0, gid: 0, xattrs: [] });
      return;
    }
    if (rel !== '/' || withRoot) out.push(entryOf(abs, rel, st, xattrs.get(abs) ?? [], metacopyXattr));
    if (st.isDirectory()) {
      let names: string[];
      try {
        names = fs.readdirSync(abs);
      } catch (e) {
        // The listing itself failed (the kernel looks entries up to list an impure directory):
        // say so as "<dir>/ ERR <errno>" rather than lose the report.
        out.push({ path: rel === '/' ? '/' : `${rel}/`, type: 'ERR', errno: errnoName(e), mode: 0, uid: 0, gid: 0, xattrs: [] });
        return;
      }
      for (const name of names) visit(nodePath.join(abs, name), rel === '/' ? `/${name}` : `${rel}/${name}`);
    }
  };
  visit(top, '/');
  return out;
}
