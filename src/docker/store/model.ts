/* Pure data: the model of a host's overlay2 store. A live engine and the simulated host both produce it. */
import type { EngineFacts, Overlay2Data } from '../engine/engine';
import type { StoreInfo } from './store-kind';
import type { LayerLimitArithmetic, OptionBudget } from './mount-limits';
import type { LayerDirScan } from '../access/scan';

/** How the store was read (least privilege first). */
export type AccessWay = 'direct' | 'helper' | 'nsenter' | 'simulated' | 'none';

/** One image that uses a layer, and where in its stack the layer sits. */
export interface LayerUse {
  imageId: string;
  /** A tag, or the short id of an untagged image. */
  image: string;
  /** 1 = the bottom (base) layer. */
  position: number;
  of: number;
}

/** Who owns a directory of overlay2/, and in which role. */
export type DirRole =
  | { kind: 'image-layer'; chainId: string; diffId: string; usedBy: LayerUse[] }
  /** In layerdb, but no image lists it (kept by the build cache or a half-removed image). */
  | { kind: 'unused-layer'; chainId: string; diffId: string }
  /** `helper`: overlay-lab's own helper container, running while the store was read. */
  | { kind: 'container-layer'; containerId: string; container: string; helper?: boolean }
  | { kind: 'init-layer'; containerId: string; container: string; helper?: boolean }
  /** Nothing in layerdb or layerdb/mounts points at it. */
  | { kind: 'orphan' };

/**
 * A layer of overlay-lab's own helper container: it comes and goes with each read of the
 * store, so no listing, diff or watch counts it as a change of the store.
 * @example isHelperLayer({ kind: 'init-layer', containerId: 'c', container: 'x', helper: true }) // true
 */
export const isHelperLayer = (r: DirRole): boolean => (r.kind === 'container-layer' || r.kind === 'init-layer') && r.helper === true;

/** One overlay2/<id> directory, named: what the scan read, its `lower` file parsed, its role. */
export interface LayerDir extends Omit<LayerDirScan, 'lower'> {
  /** Absolute path as the engine sees it. */
  path: string;
  /** The `lower` file's entries (l/XXX), uppermost first. */
  lowers: string[];
  /** The directory id each lower entry resolves to through l/, or null if the link is broken. */
  lowerDirs: (string | null)[];
  role: DirRole;
}

/** One l/ short link, resolved both ways. */
export interface ShortLink {
  name: string;
  target: string;
  /** The directory id it points into, if it has the `../<id>/diff` form. */
  dir?: string;
  /** Points at a directory that does not exist. */
  broken: boolean;
  /** That directory's `link` file names this link back. */
  roundTrip: boolean;
}

/** One layer of an image's stack. */
export interface StackLayer {
  /** 1 = bottom. */
  position: number;
  diffId: string;
  chainId: string;
  /** overlay2 directory (cache-id), if layerdb knows the chain. */
  dir?: string;
  link?: string;
  /** layerdb's size of the layer. */
  size?: number;
  bytes?: number;
  /** Other images (by display name) that use this same directory. */
  sharedWith: string[];
}

/** An image with its layers mapped to directories. */
export interface ImageStack {
  id: string;
  name: string;
  tags: string[];
  parent: string;
  /** Bottom first. */
  layers: StackLayer[];
  data: Overlay2Data;
}

/** A running container's union mount. */
export interface ContainerMount {
  /** 'mountinfo': read from the kernel's table; 'computed': rebuilt from lower/link files. */
  source: 'mountinfo' | 'computed';
  mountPoint: string;
  /** lowerdir= entries, uppermost first, each resolved to a directory id. */
  lowerdir: { entry: string; dir?: string }[];
  upperdir?: string;
  workdir?: string;
  /** Options besides the layer ones (rw, index=off, xino=...). */
  other: string[];
  /** `lowerdir=...,upperdir=...,workdir=...` */
  layerOptions: string;
  budget: OptionBudget;
}

/** A container's three kinds of directories. */
export interface ContainerLayers {
  id: string;
  name: string;
  imageId: string;
  image: string;
  running: boolean;
  mountId?: string;
  initId?: string;
  /** Lower directories, uppermost first: the init layer, then the image's layers top to bottom. */
  lowerDirs: string[];
  data: Overlay2Data;
  mount?: ContainerMount;
}

/** Where the engine's answer (GraphDriver.Data) and the files on disk differ. */
export interface Disagreement {
  subject: string;
  field: string;
  engine: string;
  disk: string;
}

/** The whole picture of a host. */
export interface HostModel {
  source: 'live' | 'simulated';
  engine: EngineFacts;
  store: StoreInfo;
  access: AccessWay;
  /** overlay2 directory as the engine names it. */
  storePath: string;
  dirs: LayerDir[];
  links: ShortLink[];
  images: ImageStack[];
  containers: ContainerLayers[];
  disagreements: Disagreement[];
  limits: LayerLimitArithmetic;
  /** Whether the opaque markers (xattrs) could be read. */
  xattrs: boolean;
  /** Present for the containerd image store. */
  containerd?: ContainerdStore;
  takenAt: string;
}

// The containerd snapshotter store, as the host model holds it (containerd/ reads it).

/** How a running union uses a snapshot. */
export interface SnapshotUse {
  mountPoint: string;
  as: 'upper' | 'lower';
  /** For a lower: 1 = uppermost. */
  position?: number;
}

/** containerd's snapshot kinds (snapshots.Kind). */
export type SnapshotKind = 'view' | 'active' | 'committed' | 'unknown';

/** One numbered snapshot directory. */
export interface ContainerdSnapshot {
  id: string;
  /** From metadata.db: the namespace and name (a chain ID for a layer, a container id for its rootfs). */
  namespace?: string;
  name?: string;
  kind?: SnapshotKind;
  /** Snapshot id of the parent. */
  parent?: string;
  /** For a committed layer: which images hold it, and where (from their chain IDs). */
  layerOf?: LayerUse[];
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
  /** Whether metadata.db (names, kinds, parents) could be read. */
  metadata: boolean;
  snapshots: ContainerdSnapshot[];
  mounts: SnapshotMount[];
}
