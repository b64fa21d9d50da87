import { lstat, readdir, readFile } from 'node:fs/promises';
import { boltString, readBolt, uvarint } from './bolt';
import { chainIds } from '../store/chain-id';
import type { ImageFacts } from '../engine/engine';
import type { ContainerdSnapshot, ContainerdStore, LayerUse, SnapshotKind, SnapshotMount, SnapshotUse } from '../store/model';
import * as path from 'node:path';
import { apparentBytes } from '../access/direct-scanner';
import { parseMountinfo, parseOverlayOptions, type MountinfoEntry } from '../store/mountinfo';
import { CONTAINERD_ROOT, OVERLAYFS_SNAPSHOTTER_DIR } from '../store/store-kind';
import { storePermission } from '../errors';

/**
 * containerd's overlayfs snapshotter keeps each snapshot (a layer, or a container's writable
 * layer) as `snapshots/<n>/fs` (the files: a lowerdir, or the upperdir) and `snapshots/<n>/work`
 * (the workdir, for active snapshots). <n> is a counter from its bolt database (metadata.db),
 * which also holds the snapshot's name (a chain ID for a committed layer) and parent. Mounts
 * name full `snapshots/<n>/fs` paths: there is no `l/` short-link trick.
 */
export const SNAPSHOTS_DIR = 'snapshots';
export type { ContainerdSnapshot, ContainerdStore, SnapshotKind, SnapshotMount, SnapshotUse };

const KINDS: SnapshotKind[] = ['unknown', 'view', 'active', 'committed'];

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

/** The snapshotter's bolt database, beside snapshots/. */
export const METADATA_DB = 'metadata.db';

/** Facts about one snapshot from metadata.db, by snapshot id. */
export interface SnapshotRecord {
  namespace: string;
  name: string;
  kind: SnapshotKind;
  parentKey?: string;
  /** The parent's snapshot id. */
  parentId?: string;
}

/**
 * Reads the snapshotter's metadata.db: bucket v1/snapshots/<key> with `id` (uvarint), `kind`
 * and `parent`. Keys are "<namespace>/<n>/<name>" (containerd's metadata layer prefixes them).
 * @example snapshotRecords(readFileSync('.../io.containerd.snapshotter.v1.overlayfs/metadata.db')).get('5')?.name
 */
export function snapshotRecords(db: Uint8Array): Map<string, SnapshotRecord> {
  const out = new Map<string, SnapshotRecord>();
  const byKey = new Map<string, string>();
  const snapshots = readBolt(db).buckets.get('v1')?.buckets.get('snapshots');
  for (const [key, b] of snapshots?.buckets ?? []) {
    const idBytes = b.values.get('id');
    if (!idBytes) continue;
    const id = String(uvarint(idBytes));
    const [namespace, , ...rest] = key.split('/');
    const kind = KINDS[b.values.get('kind')?.[0] ?? 0] ?? 'unknown';
    out.set(id, { namespace, name: rest.join('/') || key, kind, parentKey: boltString(b.values.get('parent')) });
    byKey.set(key, id);
  }
  for (const r of out.values()) if (r.parentKey) r.parentId = byKey.get(r.parentKey);
  return out;
}

/**
 * Names committed snapshots after the images whose chain IDs they carry.
 * @example attributeSnapshots(store, await engine.images())
 */
export function attributeSnapshots(store: ContainerdStore, images: Pick<ImageFacts, 'id' | 'tags' | 'diffIds'>[]): ContainerdStore {
  const uses = new Map<string, LayerUse[]>();
  for (const img of images) {
    const name = img.tags[0] ?? img.id.replace(/^sha256:/, '').slice(0, 12);
    chainIds(img.diffIds).forEach((c, i) => {
      const list = uses.get(c) ?? [];
      list.push({ imageId: img.id, image: name, position: i + 1, of: img.diffIds.length });
      uses.set(c, list);
    });
  }
  return {
    ...store,
    snapshots: store.snapshots.map((s) => (s.kind === 'committed' && s.name && uses.has(s.name) ? { ...s, layerOf: uses.get(s.name) } : s)),
  };
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
  let records = new Map<string, SnapshotRecord>();
  let metadata = false;
  try {
    records = snapshotRecords(await readFile(path.join(root, OVERLAYFS_SNAPSHOTTER_DIR, METADATA_DB)));
    metadata = true;
  } catch {
    // absent, unreadable or mid-write: the directories alone are still shown
  }
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
    const r = records.get(id);
    snapshots.push({
      id,
      namespace: r?.namespace,
      name: r?.name,
      kind: r?.kind,
      parent: r?.parentId,
      fs,
      work: await has('work'),
      bytes: fs ? await apparentBytes(path.join(dir, 'fs')).catch(() => undefined) : undefined,
      mtime: Math.floor(st.mtimeMs / 1000),
      uses,
    });
  }
  return { root, snapshotsPath, metadata, snapshots, mounts };
}
