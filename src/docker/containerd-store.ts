import { lstat, readdir, readFile } from 'node:fs/promises';
import * as path from 'node:path';
import { apparentBytes } from './direct-scanner';
import { parseMountinfo, parseOverlayOptions, type MountinfoEntry } from './mountinfo';
import { CONTAINERD_ROOT, OVERLAYFS_SNAPSHOTTER_DIR } from './store-kind';
import { storePermission } from './errors';

/**
 * containerd's overlayfs snapshotter keeps each snapshot (a layer, or a container's writable
 * layer) as `snapshots/<n>/fs` (the files: a lowerdir, or the upperdir) and `snapshots/<n>/work`
 * (the workdir, for active snapshots). <n> is a counter from its bolt database (metadata.db),
 * which also holds the snapshot's name (a chain ID for a committed layer) and parent. Mounts
 * name full `snapshots/<n>/fs` paths: there is no `l/` short-link trick.
 */
export const SNAPSHOTS_DIR = 'snapshots';

/** How a running union uses a snapshot. */
export interface SnapshotUse {
  mountPoint: string;
  as: 'upper' | 'lower';
  /** For a lower: 1 = uppermost. */
  position?: number;
}

/** One numbered snapshot directory. */
export interface ContainerdSnapshot {
  id: string;
  fs: boolean;
  work: boolean;
  bytes?: number;
  mtime: number;
  uses: SnapshotUse[];
}

/** An overlay mount whose layers are snapshots. */
export interface SnapshotMount {
  mountPoint: string;
  lowers: string[];
  upper?: string;
  /** Length of lowerdir=...,upperdir=...,workdir=... */
  optionLength: number;
}

/** What can be read of a containerd snapshotter store. */
export interface ContainerdStore {
  root: string;
  snapshotsPath: string;
  snapshots: ContainerdSnapshot[];
  mounts: SnapshotMount[];
}

/**
 * The snapshot number in a path under `snapshotsPath`, e.g. `.../snapshots/5/fs` -> '5'.
 * @example snapshotIdOf('/s/snapshots/5/fs', '/s/snapshots') // '5'
 */
export function snapshotIdOf(p: string, snapshotsPath: string): string | undefined {
  if (!p.startsWith(`${snapshotsPath}/`)) return undefined;
  const m = /^([^/]+)\/fs\/?$/.exec(p.slice(snapshotsPath.length + 1));
  return m?.[1];
}

/**
 * Pure: the overlay mounts built from snapshots, and how each snapshot is used.
 * @example snapshotMounts(parseMountinfo(text), '/var/lib/containerd/io.containerd.snapshotter.v1.overlayfs/snapshots')
 */
export function snapshotMounts(entries: MountinfoEntry[], snapshotsPath: string): SnapshotMount[] {
  const out: SnapshotMount[] = [];
  for (const e of entries) {
    if (e.fsType !== 'overlay') continue;
    const o = parseOverlayOptions(e.superOptions);
    const lowers = o.lowerdir.map((l) => snapshotIdOf(l, snapshotsPath));
    const upper = o.upperdir ? snapshotIdOf(o.upperdir, snapshotsPath) : undefined;
    if (!lowers.some(Boolean) && !upper) continue;
    out.push({ mountPoint: e.mountPoint, lowers: lowers.map((l) => l ?? '?'), upper, optionLength: o.layerOptions.length });
  }
  return out;
}

/**
 * Reads a containerd overlayfs snapshotter store: the numbered snapshot directories, their
 * sizes, and which running unions use them as upper or lower (from the mount table).
 * @example await readContainerdStore('/var/lib/docker/containerd/daemon')
 */
export async function readContainerdStore(root = CONTAINERD_ROOT, mountinfoPath = '/proc/self/mountinfo'): Promise<ContainerdStore> {
  const snapshotsPath = path.join(root, OVERLAYFS_SNAPSHOTTER_DIR, SNAPSHOTS_DIR);
  let names: string[] = [];
  try {
    names = await readdir(snapshotsPath);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'EACCES' || code === 'EPERM') throw storePermission(snapshotsPath);
    if (code !== 'ENOENT') throw e;
  }
  const mounts = snapshotMounts(parseMountinfo(await readFile(mountinfoPath, 'utf8')), snapshotsPath);
  const snapshots: ContainerdSnapshot[] = [];
  for (const id of names.sort((a, b) => Number(a) - Number(b) || a.localeCompare(b))) {
    const dir = path.join(snapshotsPath, id);
    let st;
    try {
      st = await lstat(dir);
    } catch {
      continue; // removed meanwhile
    }
    const has = async (p: string) => lstat(path.join(dir, p)).then(() => true, () => false);
    const fs = await has('fs');
    const uses: SnapshotUse[] = [];
    for (const m of mounts) {
      if (m.upper === id) uses.push({ mountPoint: m.mountPoint, as: 'upper' });
      m.lowers.forEach((l, i) => l === id && uses.push({ mountPoint: m.mountPoint, as: 'lower', position: i + 1 }));
    }
    snapshots.push({
      id,
      fs,
      work: await has('work'),
      bytes: fs ? await apparentBytes(path.join(dir, 'fs')).catch(() => undefined) : undefined,
      mtime: Math.floor(st.mtimeMs / 1000),
      uses,
    });
  }
  return { root, snapshotsPath, snapshots, mounts };
}
