/* The simulated host's store as it is filled: stable fake ids, upper-dir entries, and adding one overlay2 directory. */
import { sha256Hex } from '../../union/sha256';
import type { ContainerFacts, ImageFacts } from '../engine/engine';
import { DIFF_DIR, LINK_DIR } from '../store/layout';
import type { EntryType, LayerDbEntryScan, LayerDirScan, MountEntryScan, ShortLinkScan, UpperEntryScan } from '../access/scan';

export const ROOT = '/var/lib/docker';
export const STORE = `${ROOT}/overlay2`;
const T0 = Date.UTC(2024, 2, 4, 10, 0, 0) / 1000;

const UTF8 = new TextEncoder();

/**
 * A stable id derived from a name, so the simulation looks real and never changes.
 * @example hex('cache ubuntu-rootfs') // 64 hex digits, the same every time
 */
export function hex(seed: string): string {
  return sha256Hex(UTF8.encode(`overlay-lab simulated ${seed}`));
}

/** 26 characters of base32 (A-Z, 2-7), like Docker's short link names. */
function shortName(seed: string): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  const digest = sha256Hex(UTF8.encode(`link ${seed}`));
  let out = '';
  for (let i = 0; out.length < 26; i++) out += alphabet[parseInt(digest.slice(2 * i, 2 * i + 2), 16) & 31];
  return out;
}

export type Entry = [path: string, type: EntryType, size: number, extra?: 'whiteout' | 'opaque'];

/** One image layer of the simulation: a name, the files it brings, its size. */
export interface SimLayer {
  key: string;
  bytes: number;
  files: Entry[];
}

/** Every path (with parents) a list of layers holds, uppermost first, for the "in lower" probe. */
function inLowerOf(path: string, lowers: Entry[][]): number {
  return lowers.findIndex((files) => files.some(([p]) => p === path));
}

/**
 * An upper directory's entries as the scanner reports them, each probed in the layers below.
 * @example entries([['/root', 'dir', 4096]], [[['/root', 'dir', 4096]]]) // [{ path: '/root', inLower: 0, ... }]
 */
export function entries(files: Entry[], lowers: Entry[][]): UpperEntryScan[] {
  return files.map(([path, type, size, extra]) => ({
    path,
    type,
    mode: type === 'char' ? 0 : type === 'dir' ? 0o755 : type === 'symlink' ? 0o777 : 0o644,
    size,
    rdev: type === 'char' ? { major: 0, minor: 0 } : undefined,
    opaque: type === 'dir' ? extra === 'opaque' : undefined,
    inLower: inLowerOf(path, lowers),
    lowerType: lowers.flat().find(([p]) => p === path)?.[1],
  }));
}

/** Everything the simulated scan and engine will report, filled in order. */
export interface SimStore {
  dirs: LayerDirScan[];
  links: ShortLinkScan[];
  layers: LayerDbEntryScan[];
  uppers: Record<string, UpperEntryScan[]>;
  linkOf: Map<string, string>;
  mounts: MountEntryScan[];
  mountinfo: string;
  images: ImageFacts[];
  containers: ContainerFacts[];
  /** Seconds since the epoch; each new directory is a minute younger. */
  clock: number;
}

/**
 * An empty simulated store, its clock at the start of the story.
 * @example const store = emptySimStore(); addDir(store, hex('cache x'), [], 4096);
 */
export function emptySimStore(): SimStore {
  return { dirs: [], links: [], layers: [], uppers: {}, linkOf: new Map(), mounts: [], mountinfo: '', images: [], containers: [], clock: T0 };
}

/**
 * Adds an overlay2 directory on top of `below` (uppermost first), with its short link.
 * @example addDir(store, initId, imageBelow, 4096 * 6 + 12);
 */
export function addDir(store: SimStore, id: string, below: string[], bytes: number, opts: { merged?: boolean; work?: boolean } = {}): void {
  const link = shortName(id);
  store.linkOf.set(id, link);
  store.links.push({ name: link, target: `../${id}/${DIFF_DIR}` });
  for (const parent of below.slice(0, 1)) {
    const p = store.dirs.find((d) => d.id === parent);
    if (p) p.committed = true; // a child now sits on it
  }
  store.dirs.push({
    id,
    link,
    lower: below.length ? below.map((b) => `${LINK_DIR}/${store.linkOf.get(b)}`).join(':') : undefined,
    committed: false,
    diff: true,
    work: opts.work ?? below.length > 0,
    merged: opts.merged ?? false,
    bytes,
    mtime: (store.clock += 60),
  });
}
