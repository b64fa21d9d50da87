import { lstat, readdir, readFile, readlink } from 'node:fs/promises';
import * as path from 'node:path';
import {
  COMMITTED_FILE, DIFF_DIR, IMAGE_DIR, LAYERDB_DIR, LAYERDB_FILES, LINK_DIR, LINK_FILE, LOWER_FILE, MERGED_DIR,
  MOUNTS_DIR, MOUNT_FILES, OVERLAY2_DIR, WORK_DIR,
} from './layout';
import type { EntryType, LayerDbEntryScan, LayerDirScan, MountEntryScan, ScanRequest, ShortLinkScan, StoreScan, UpperEntryScan, UpperWalk } from './scan';
import { storePermission, vanished } from './errors';
import { opaqueDirs } from './xattrs';
import { mapLimit } from './concurrency';

/** ENOENT on something just listed means it vanished; EACCES means we may not read it. */
function fail(e: unknown, p: string): never {
  const code = (e as NodeJS.ErrnoException).code;
  if (code === 'ENOENT' || code === 'ENOTDIR') throw vanished(p);
  if (code === 'EACCES' || code === 'EPERM') throw storePermission(p);
  throw e;
}

async function text(p: string): Promise<string | undefined> {
  try {
    return (await readFile(p, 'utf8')).trim();
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    return fail(e, p);
  }
}

async function exists(p: string): Promise<boolean> {
  try {
    await lstat(p);
    return true;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return false;
    return fail(e, p);
  }
}

async function list(p: string): Promise<string[]> {
  try {
    return (await readdir(p)).sort();
  } catch (e) {
    return fail(e, p);
  }
}

/**
 * Apparent size of a tree like `du -sb`: the size of every entry (directories and symlinks
 * included), each hard-linked inode counted once.
 * @example await apparentBytes('/var/lib/docker/overlay2/abc/diff') // 1984172
 */
export async function apparentBytes(root: string): Promise<number> {
  const seen = new Set<string>();
  let total = 0;
  const walk = async (p: string): Promise<void> => {
    let st;
    try {
      st = await lstat(p);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT' && p !== root) return; // a file of a running container went away
      return fail(e, p);
    }
    if (st.nlink > 1 && !st.isDirectory()) {
      const key = `${st.dev}:${st.ino}`;
      if (seen.has(key)) return;
      seen.add(key);
    }
    total += st.size;
    if (st.isDirectory()) {
      let names: string[];
      try {
        names = await readdir(p);
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code === 'ENOENT' && p !== root) return;
        return fail(e, p);
      }
      for (const n of names) await walk(path.join(p, n));
    }
  };
  await walk(root);
  return total;
}

function typeOf(st: import('node:fs').Stats): EntryType {
  if (st.isDirectory()) return 'dir';
  if (st.isSymbolicLink()) return 'symlink';
  if (st.isCharacterDevice()) return 'char';
  if (st.isBlockDevice()) return 'block';
  if (st.isFIFO()) return 'fifo';
  if (st.isSocket()) return 'socket';
  return 'file';
}

/** Linux dev_t: major in bits 8-19 (and 32+), minor in bits 0-7 and 20-31. */
function devParts(rdev: number): { major: number; minor: number } {
  return { major: ((rdev >> 8) & 0xfff) | (Math.floor(rdev / 2 ** 32) & ~0xfff), minor: (rdev & 0xff) | ((rdev >> 12) & 0xfff00) };
}

/**
 * Walks one upper directory: every entry with its type, mode, device numbers and opaque
 * marker, and where (if anywhere) the same path exists in the lowers.
 * @example await walkUpper('/var/lib/docker/overlay2', { dir: 'abc', lowers: ['abc-init', 'def'] })
 */
export async function walkUpper(store: string, walk: UpperWalk): Promise<{ entries: UpperEntryScan[]; xattrs: boolean }> {
  const top = path.join(store, walk.dir, DIFF_DIR);
  const opaque = await opaqueDirs(top);
  const entries: UpperEntryScan[] = [];
  const visit = async (rel: string): Promise<void> => {
    const names = await list(path.join(top, rel));
    for (const name of names) {
      const r = `${rel}/${name}`;
      const abs = path.join(top, r);
      let st;
      try {
        st = await lstat(abs);
      } catch (e) {
        return fail(e, abs);
      }
      const type = typeOf(st);
      let inLower = -1;
      for (let i = 0; i < walk.lowers.length && inLower < 0; i++) {
        if (await exists(path.join(store, walk.lowers[i], DIFF_DIR, r))) inLower = i;
      }
      entries.push({
        path: r,
        type,
        mode: st.mode & 0o7777,
        size: st.size,
        rdev: type === 'char' || type === 'block' ? devParts(st.rdev) : undefined,
        opaque: type === 'dir' && opaque ? opaque.has(abs) : undefined,
        inLower,
      });
      if (type === 'dir') await visit(r);
    }
  };
  if (!(await exists(top))) throw vanished(top);
  await visit('');
  return { entries, xattrs: opaque !== undefined };
}

/**
 * Reads a Docker root directly with Node's fs (the process must be able to read it: root
 * on the engine's host). `root` is the path as this process sees it; `engineRoot` the path
 * the engine reports (they differ when the root is reached through a bind mount).
 * @example const scan = await scanDirect('/var/lib/docker', { mountinfo: true });
 */
export async function scanDirect(root: string, request: ScanRequest = {}, engineRoot = root, mountinfoPath = '/proc/self/mountinfo'): Promise<StoreScan> {
  const store = path.join(root, OVERLAY2_DIR);
  const names = (await list(store)).filter((n) => n !== LINK_DIR);
  const dirs = (
    await mapLimit(names, 16, async (id): Promise<LayerDirScan | undefined> => {
      const dir = path.join(store, id);
      let st;
      try {
        st = await lstat(dir);
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined; // removed between readdir and now
        return fail(e, dir);
      }
      if (!st.isDirectory()) return undefined;
      const [link, lower, committed, diff, work, merged] = await Promise.all([
        text(path.join(dir, LINK_FILE)),
        text(path.join(dir, LOWER_FILE)),
        exists(path.join(dir, COMMITTED_FILE)),
        exists(path.join(dir, DIFF_DIR)),
        exists(path.join(dir, WORK_DIR)),
        exists(path.join(dir, MERGED_DIR)),
      ]);
      const bytes = diff ? await apparentBytes(path.join(dir, DIFF_DIR)) : undefined;
      return { id, link, lower, committed, diff, work, merged, bytes, mtime: Math.floor(st.mtimeMs / 1000) };
    })
  ).filter((d): d is LayerDirScan => d !== undefined);

  const linkDir = path.join(store, LINK_DIR);
  const linkNames = (await exists(linkDir)) ? await list(linkDir) : [];
  const links: ShortLinkScan[] = [];
  for (const name of linkNames) {
    try {
      links.push({ name, target: await readlink(path.join(linkDir, name)) });
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') fail(e, path.join(linkDir, name));
    }
  }

  const layerdb = path.join(root, IMAGE_DIR, OVERLAY2_DIR, LAYERDB_DIR);
  const chainDir = path.join(layerdb, 'sha256');
  const chains = (await exists(chainDir)) ? await list(chainDir) : [];
  const layers = (
    await mapLimit(chains, 16, async (c): Promise<LayerDbEntryScan | undefined> => {
      const d = path.join(chainDir, c);
      const [diffId, parent, cacheId, size] = await Promise.all(
        [LAYERDB_FILES.diff, LAYERDB_FILES.parent, LAYERDB_FILES.cacheId, LAYERDB_FILES.size].map((f) => text(path.join(d, f))),
      );
      if (!diffId || !cacheId) return undefined; // a layer being written or removed right now
      return { chainId: `sha256:${c}`, diffId, parent: parent || undefined, cacheId, size: Number(size ?? 0) };
    })
  ).filter((l): l is LayerDbEntryScan => l !== undefined);

  const mountsDir = path.join(layerdb, MOUNTS_DIR);
  const mountIds = (await exists(mountsDir)) ? await list(mountsDir) : [];
  const mounts = (
    await mapLimit(mountIds, 16, async (containerId): Promise<MountEntryScan | undefined> => {
      const d = path.join(mountsDir, containerId);
      const [mountId, initId, parent] = await Promise.all(
        [MOUNT_FILES.mountId, MOUNT_FILES.initId, MOUNT_FILES.parent].map((f) => text(path.join(d, f))),
      );
      if (!mountId) return undefined;
      return { containerId, mountId, initId: initId || undefined, parent: parent || undefined };
    })
  ).filter((m): m is MountEntryScan => m !== undefined);

  const uppers: Record<string, UpperEntryScan[]> = {};
  let xattrs = true;
  for (const walk of request.walks ?? []) {
    const r = await walkUpper(store, walk);
    uppers[walk.dir] = r.entries;
    xattrs &&= r.xattrs;
  }
  const mountinfo = request.mountinfo ? await text(mountinfoPath) : undefined;
  return { root: engineRoot, dirs, links, layers, mounts, mountinfo, uppers, xattrs };
}
