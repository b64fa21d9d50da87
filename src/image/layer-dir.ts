import * as fs from 'node:fs';
import * as nodePath from 'node:path';
import { dumpXattrs } from '../kernel/xattr-dump';
import { Inode } from '../union/inode';

const major = (rdev: number) => ((rdev >>> 8) & 0xfff) | ((rdev >>> 12) & 0xfff00);
const minor = (rdev: number) => (rdev & 0xff) | ((rdev >>> 12) & 0xfff00);

/**
 * Reads a layer directory on disk (as overlay2 keeps `diff/`: whiteouts as char 0/0 devices,
 * opaque and other overlay xattrs) into an inode tree for the engine. Hard links stay shared
 * inodes. The directory is only read.
 * @example const root = readLayerDir('/var/lib/docker/overlay2/abc/diff')
 */
export function readLayerDir(dir: string): Inode {
  const top = nodePath.resolve(dir);
  const xattrs = process.platform === 'linux' ? dumpXattrs(top) : new Map();
  const byIno = new Map<string, Inode>();
  const load = (abs: string): Inode => {
    const st = fs.lstatSync(abs, { bigint: true });
    const key = `${st.dev}:${st.ino}`;
    const known = st.isDirectory() ? undefined : byIno.get(key);
    if (known) return known;
    const type = st.isDirectory() ? 'd' : st.isFile() ? 'f' : st.isSymbolicLink() ? 'l' : st.isCharacterDevice() ? 'c' : st.isBlockDevice() ? 'b' : st.isFIFO() ? 'p' : 's';
    const node = new Inode(type, Number(st.mode) & 0o7777);
    node.uid = Number(st.uid);
    node.gid = Number(st.gid);
    node.atime = Number(st.atimeMs) / 1000;
    node.mtime = Number(st.mtimeMs) / 1000;
    node.ctime = Number(st.ctimeMs) / 1000;
    for (const [name, value] of xattrs.get(abs) ?? []) node.xattrs.set(name, value);
    if (type === 'f') node.data = new Uint8Array(fs.readFileSync(abs));
    if (type === 'l') node.target = fs.readlinkSync(abs);
    if (type === 'c' || type === 'b') node.rdev = [major(Number(st.rdev)), minor(Number(st.rdev))];
    if (type === 'd') {
      for (const name of fs.readdirSync(abs)) {
        const child = load(nodePath.join(abs, name));
        node.entries.set(name, child);
        if (child.type !== 'd') child.nlink++;
      }
    } else byIno.set(key, node);
    return node;
  };
  return load(top);
}
