/* Pure data: the raw facts read from a Docker root, the same whichever access way read them. */

/** One `overlay2/<id>` directory as found on disk. */
export interface LayerDirScan {
  id: string;
  /** Content of `link` (the short name), if the file exists. */
  link?: string;
  /** Content of `lower` ("l/A:l/B"), if the file exists. */
  lower?: string;
  committed: boolean;
  diff: boolean;
  work: boolean;
  merged: boolean;
  /** Apparent bytes of diff/ (like `du -sb`: every entry's size, hard links once). */
  bytes?: number;
  /** Modification time of the layer directory, seconds since the epoch. */
  mtime: number;
}

/** One entry of `overlay2/l/`. */
export interface ShortLinkScan {
  name: string;
  /** readlink: normally `../<id>/diff`. */
  target: string;
}

/** One `image/overlay2/layerdb/sha256/<chain-id>/` entry. */
export interface LayerDbEntryScan {
  chainId: string;
  diffId: string;
  parent?: string;
  cacheId: string;
  size: number;
}

/** One `image/overlay2/layerdb/mounts/<container-id>/` entry. */
export interface MountEntryScan {
  containerId: string;
  mountId: string;
  initId?: string;
  parent?: string;
}

/** File types as lstat names them. */
export type EntryType = 'file' | 'dir' | 'symlink' | 'char' | 'block' | 'fifo' | 'socket';

/** One entry found in a walked upper (diff) directory. */
export interface UpperEntryScan {
  /** Path inside the container, starting with '/'. */
  path: string;
  type: EntryType;
  /** Permission bits. */
  mode: number;
  size: number;
  /** Device numbers of a character or block device (a whiteout is char 0/0). */
  rdev?: { major: number; minor: number };
  /** trusted.overlay.opaque = "y" (undefined when xattrs could not be read). */
  opaque?: boolean;
  /** Index, in the walk's `lowers` (uppermost first), of the first lower holding this path; -1 if none. */
  inLower: number;
  /** What that lower holds there (a whiteout hides a name of any type). */
  lowerType?: EntryType;
}

/** A request to walk one upper directory and probe its paths in the lowers below. */
export interface UpperWalk {
  /** overlay2 directory id whose diff/ is walked. */
  dir: string;
  /** overlay2 directory ids of the lowers, uppermost first. */
  lowers: string[];
}

/** What to read besides the store listing. */
export interface ScanRequest {
  walks?: UpperWalk[];
  /** Read the mount table of the engine's mount namespace. */
  mountinfo?: boolean;
}

/** Everything read from the Docker root in one go. */
export interface StoreScan {
  /** The Docker root as the engine names it (/var/lib/docker). */
  root: string;
  dirs: LayerDirScan[];
  links: ShortLinkScan[];
  layers: LayerDbEntryScan[];
  mounts: MountEntryScan[];
  /** Raw mountinfo of the engine's mount namespace, when this access way can see it. */
  mountinfo?: string;
  /** Walked upper directories, by directory id. */
  uppers: Record<string, UpperEntryScan[]>;
  /** Whether opaque markers (xattrs) could be read. */
  xattrs: boolean;
}
