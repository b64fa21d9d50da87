/*
 * Pure: containerd's snapshot store as a watcher compares it, with no Docker engine in front
 * (containerd alone, or an engine whose events do not cover what containerd does: `ctr`,
 * nerdctl, the kubelet). Each snapshot is a `snapshots/<n>` directory; what it is comes from
 * metadata.db (its name, and its kind: active = a writable layer being prepared or used,
 * committed = a finished layer, view = a read-only mount of one).
 */
import type { ContainerdSnapshot, ContainerdStore, DirRole } from '../store/model';
import { attributeSnapshots } from './containerd-store';
import type { ContainerdMeta } from './containerd-images';
import { roleCounts } from '../store/role-counts';
import { compareSnapshots, type StoreSnapshot } from '../store/snapshot';
import type { WatchChange } from '../store/watch-cause';
import type { WatchState } from '../store/watch-state';

/** The id a snapshot gets in a comparison, as watchSnapshot names it for the engine's containerd store. */
export const snapshotDirId = (s: Pick<ContainerdSnapshot, 'id'>) => `snapshots/${s.id}`;

/**
 * A snapshot's owner in the words the store views already have: a committed snapshot an image
 * holds is that image's layer; another committed one named by a chain ID is a layer no image
 * lists; an active one a containerd container names as its snapshotKey is its writable
 * layer; the rest (a snapshot prepared by hand, a view) have no owner the store can name.
 * @example containerdRole({ kind: 'committed', name: 'sha256:ab…' } as ContainerdSnapshot).kind // 'unused-layer'
 */
export function containerdRole(s: ContainerdSnapshot, containers: ContainerdMeta['containers'] = []): DirRole {
  const c = s.kind === 'active' ? containers.find((x) => x.snapshotKey === s.name && x.namespace === s.namespace) : undefined;
  if (c) return { kind: 'container-layer', containerId: c.id, container: c.id };
  if (s.layerOf?.length) return { kind: 'image-layer', chainId: s.name ?? '', diffId: '', usedBy: s.layerOf };
  if (s.kind === 'committed' && s.name?.startsWith('sha256:')) return { kind: 'unused-layer', chainId: s.name, diffId: '' };
  return { kind: 'orphan' };
}

/**
 * A snapshot's directory is named by its number. The snapshotter also makes `new-<random>`
 * while preparing one (renamed to the number when ready) and `rm-<n>` while removing one
 * (deleted at the end): passing states, not snapshots.
 */
export const SNAPSHOT_ID = /^\d+$/;

/** One read of containerd's store, as a watcher keeps it. */
export interface ContainerdWatchRead {
  snap: StoreSnapshot;
  state: WatchState;
  /** Each snapshot by its comparison id, to name what went after it is gone. */
  byDir: Map<string, ContainerdSnapshot>;
}

/**
 * A snapshot comparison and a watcher's state from one read of the store and of containerd's
 * metadata (its images name the committed snapshots, its containers the active ones).
 * @example containerdWatchRead(await readContainerdStore(root), await readContainerdMeta(root), new Date().toISOString(), root)
 */
export function containerdWatchRead(raw: ContainerdStore, meta: ContainerdMeta, takenAt: string, endpoint: string): ContainerdWatchRead {
  const store = attributeSnapshots({ ...raw, snapshots: raw.snapshots.filter((s) => SNAPSHOT_ID.test(s.id)) }, meta.images);
  const dirs = store.snapshots.map((s) => ({ id: snapshotDirId(s), role: containerdRole(s, meta.containers), bytes: s.bytes }));
  const snap: StoreSnapshot = { kind: 'overlay-lab/store-snapshot', version: 1, takenAt, source: 'live', storePath: store.snapshotsPath, dirs, images: [], containers: [] };
  const state: WatchState = {
    takenAt,
    endpoint,
    storeKind: 'containerd-snapshotter',
    access: 'direct',
    snapshots: true,
    totals: roleCounts(dirs),
    images: meta.images.length,
    containers: meta.containers.length,
    mounts: [],
  };
  return { snap, state, byDir: new Map(store.snapshots.map((s) => [snapshotDirId(s), s])) };
}

/**
 * containerd unpacks a layer into an active snapshot keyed `extract-<time>-<random> <chain ID>`
 * and then commits it under the chain ID: the same snapshots/<n> directory, renamed. Such a
 * directory is told once it is the committed layer (or as it stands after the grace).
 */
export const UNPACK_PREFIX = 'extract-';

/**
 * Whether a new snapshot is a layer still being unpacked.
 * @example unpacking({ kind: 'active', name: 'extract-123-abc sha256:…' } as ContainerdSnapshot) // true
 */
export function unpacking(s: ContainerdSnapshot | undefined): boolean {
  return s?.kind === 'active' && (s.name?.startsWith(UNPACK_PREFIX) ?? false);
}

/**
 * What appeared and went between two reads, each change named by its snapshot (name and kind
 * from metadata.db; the kind it had when it went, for a removal).
 * @example containerdChanges(before, after)[0].cause // { kind: 'snapshot', type: 'snapshot', action: 'active', name: 'k1' }
 */
export function containerdChanges(before: ContainerdWatchRead, after: ContainerdWatchRead, at = Date.now()): WatchChange[] {
  const d = compareSnapshots(before.snap, after.snap);
  const change = (change: 'added' | 'removed', dir: { id: string; role: DirRole; bytes?: number }, s?: ContainerdSnapshot): WatchChange => ({
    change,
    dir: dir.id,
    role: dir.role,
    bytes: dir.bytes,
    cause: { kind: 'snapshot', type: 'snapshot', action: s?.kind ?? 'unknown', name: s?.name ?? dir.id, actor: s?.namespace, receivedAt: at },
  });
  return [...d.added.map((x) => change('added', x, after.byDir.get(x.id))), ...d.removed.map((x) => change('removed', x, before.byDir.get(x.id)))];
}
