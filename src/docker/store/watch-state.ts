/* Pure: what a watcher shows of the store at one moment (totals, mounts), and its snapshot. */
import { isHelperLayer, type ContainerdSnapshot, type DirRole, type HostModel } from './model';
import { roleCounts, type RoleCounts } from './role-counts';
import { takeSnapshot, type StoreSnapshot } from './snapshot';

/** One layer of a running container's union, uppermost first, with its owner. */
export interface WatchLower {
  dir: string;
  role?: DirRole;
}

/** A running container's mount, as a watcher draws it. */
export interface WatchMount {
  containerId: string;
  container: string;
  image: string;
  /** 'mountinfo' read from the kernel's table, 'computed' from the lower files. */
  source: 'mountinfo' | 'computed';
  /** The directory id whose diff/ is the upperdir (the writable layer). */
  upperdir?: string;
  /** Directory ids, uppermost first: the -init layer, then the image's layers top to bottom. */
  lowerdir: WatchLower[];
}

/** The store at one moment, as a watcher shows it. */
export interface WatchState {
  takenAt: string;
  endpoint: string;
  storeKind: HostModel['store']['kind'];
  access: HostModel['access'];
  /** The containerd image store: snapshots are followed instead of overlay2 directories. */
  snapshots: boolean;
  totals: RoleCounts;
  images: number;
  containers: number;
  mounts: WatchMount[];
}

/**
 * The containerd store's snapshots as the directories a snapshot comparison names: a
 * committed snapshot whose chain ID an image holds is that image's layer; an active one
 * named after a container is that container's writable layer; the rest have no owner here.
 * @example snapshotRole(s, model) // { kind: 'image-layer', ... }
 */
export function snapshotRole(s: ContainerdSnapshot, model: Pick<HostModel, 'containers'>): DirRole {
  if (s.layerOf?.length) return { kind: 'image-layer', chainId: s.name ?? '', diffId: '', usedBy: s.layerOf };
  const c = s.kind === 'active' && s.name ? model.containers.find((x) => x.id === s.name) : undefined;
  if (c) return { kind: 'container-layer', containerId: c.id, container: c.name };
  return { kind: 'orphan' };
}

/**
 * The snapshot a watcher compares: overlay2 directories, or on the containerd image store
 * its numbered snapshots (as `snapshots/<n>`).
 * @example compareSnapshots(watchSnapshot(before), watchSnapshot(after))
 */
export function watchSnapshot(model: HostModel): StoreSnapshot {
  const snap = takeSnapshot(model);
  if (model.store.kind !== 'containerd-snapshotter' || !model.containerd) return snap;
  return { ...snap, storePath: model.containerd.snapshotsPath, dirs: model.containerd.snapshots.map((s) => ({ id: `snapshots/${s.id}`, role: snapshotRole(s, model), bytes: s.bytes })) };
}

/**
 * What a watcher shows besides the changes: totals by role and every running container's
 * union mount with its lowerdir chain, each layer named.
 * @example watchState(model).mounts[0].lowerdir[0].role?.kind // 'init-layer'
 */
export function watchState(model: HostModel): WatchState {
  const snap = watchSnapshot(model);
  const roles = new Map(snap.dirs.map((d) => [d.id, d.role]));
  const own = new Set(model.dirs.filter((d) => isHelperLayer(d.role)).map((d) => d.id));
  const mounts: WatchMount[] = [];
  for (const c of model.containers) {
    if (!c.running || !c.mount || (c.mountId && own.has(c.mountId))) continue;
    mounts.push({
      containerId: c.id,
      container: c.name,
      image: c.image,
      source: c.mount.source,
      upperdir: c.mountId,
      lowerdir: c.mount.lowerdir.map((l) => ({ dir: l.dir ?? l.entry, role: l.dir ? roles.get(l.dir) : undefined })),
    });
  }
  return {
    takenAt: model.takenAt,
    endpoint: model.engine.endpoint,
    storeKind: model.store.kind,
    access: model.access,
    snapshots: model.store.kind === 'containerd-snapshotter',
    totals: roleCounts(snap.dirs.filter((d) => !own.has(d.id))),
    images: model.images.length,
    containers: model.containers.length,
    mounts,
  };
}
