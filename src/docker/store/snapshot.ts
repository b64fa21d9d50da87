/* Pure: the store's state at one moment, and what changed between two moments. */
import { isHelperLayer, type DirRole, type HostModel } from './model';

/** One directory as remembered by a snapshot. */
export interface SnapshotDir {
  id: string;
  role: DirRole;
  link?: string;
  bytes?: number;
}

/** The store at one moment: enough to attribute every directory later. */
export interface StoreSnapshot {
  kind: 'overlay-lab/store-snapshot';
  version: 1;
  takenAt: string;
  source: HostModel['source'];
  storePath: string;
  dirs: SnapshotDir[];
  images: { id: string; name: string; layers: number }[];
  containers: { id: string; name: string; image: string }[];
}

/** A directory whose size changed. */
export interface GrownDir {
  id: string;
  role: DirRole;
  before?: number;
  after?: number;
}

/** What happened between two snapshots, every new directory attributed. */
export interface SnapshotDiff {
  before: string;
  after: string;
  added: SnapshotDir[];
  removed: SnapshotDir[];
  changed: GrownDir[];
  imagesAdded: StoreSnapshot['images'];
  imagesRemoved: StoreSnapshot['images'];
  containersAdded: StoreSnapshot['containers'];
  containersRemoved: StoreSnapshot['containers'];
  /** New directories by role: image layers, container layers, init layers, unused, orphans. */
  addedByRole: Record<DirRole['kind'], number>;
}

/**
 * Takes a snapshot of a host model (JSON-serializable; `overlay-lab snapshot` writes it).
 * @example const before = takeSnapshot(await inspectHost());
 */
export function takeSnapshot(model: HostModel): StoreSnapshot {
  return {
    kind: 'overlay-lab/store-snapshot',
    version: 1,
    takenAt: model.takenAt,
    source: model.source,
    storePath: model.storePath,
    dirs: model.dirs.map((d) => ({ id: d.id, role: d.role, link: d.link, bytes: d.bytes })),
    images: model.images.map((i) => ({ id: i.id, name: i.name, layers: i.layers.length })),
    containers: model.containers.map((c) => ({ id: c.id, name: c.name, image: c.image })),
  };
}

/**
 * A snapshot without overlay-lab's own helper containers' directories: on an engine read
 * through the helper (a remote one), each read runs a new helper, whose writable and -init
 * layers are there while it reads; they are the lab's, not a change of the store.
 * @example compareSnapshots(withoutHelpers(before), withoutHelpers(after))
 */
export function withoutHelpers(snap: StoreSnapshot): StoreSnapshot {
  return { ...snap, dirs: snap.dirs.filter((d) => !isHelperLayer(d.role)) };
}

/**
 * Whether a parsed JSON value is a store snapshot.
 * @example isStoreSnapshot(JSON.parse(text))
 */
export function isStoreSnapshot(v: unknown): v is StoreSnapshot {
  const s = v as StoreSnapshot;
  return !!s && s.kind === 'overlay-lab/store-snapshot' && s.version === 1 && Array.isArray(s.dirs);
}

function zeroRoles(): Record<DirRole['kind'], number> {
  return { 'image-layer': 0, 'unused-layer': 0, 'container-layer': 0, 'init-layer': 0, orphan: 0 };
}

/**
 * Compares two snapshots: new directories carry their role in `after` (layer N of image X,
 * writable or init layer of container C, orphan), removed ones their role in `before`.
 * @example const d = compareSnapshots(before, after); d.addedByRole['image-layer'] // 3 after pulling ubuntu
 */
export function compareSnapshots(before: StoreSnapshot, after: StoreSnapshot): SnapshotDiff {
  const beforeDirs = new Map(before.dirs.map((d) => [d.id, d]));
  const afterDirs = new Map(after.dirs.map((d) => [d.id, d]));
  const added = after.dirs.filter((d) => !beforeDirs.has(d.id));
  const removed = before.dirs.filter((d) => !afterDirs.has(d.id));
  const changed: GrownDir[] = [];
  for (const d of after.dirs) {
    const b = beforeDirs.get(d.id);
    if (b && b.bytes !== d.bytes) changed.push({ id: d.id, role: d.role, before: b.bytes, after: d.bytes });
  }
  const ids = <T extends { id: string }>(xs: T[]) => new Set(xs.map((x) => x.id));
  const imagesBefore = ids(before.images);
  const imagesAfter = ids(after.images);
  const containersBefore = ids(before.containers);
  const containersAfter = ids(after.containers);
  const addedByRole = zeroRoles();
  for (const d of added) addedByRole[d.role.kind]++;
  return {
    before: before.takenAt,
    after: after.takenAt,
    added,
    removed,
    changed,
    imagesAdded: after.images.filter((i) => !imagesBefore.has(i.id)),
    imagesRemoved: before.images.filter((i) => !imagesAfter.has(i.id)),
    containersAdded: after.containers.filter((c) => !containersBefore.has(c.id)),
    containersRemoved: before.containers.filter((c) => !containersAfter.has(c.id)),
    addedByRole,
  };
}
