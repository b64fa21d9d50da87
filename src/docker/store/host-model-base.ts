/* What every phase of buildHostModel shares: names, the store's paths and short links, and the list of disagreements. */
import type { Overlay2Data } from '../engine/engine';
import { layerIdOfDiff, LINK_DIR } from './layout';
import type { Disagreement, ShortLink } from './model';
import type { LayerDirScan, StoreScan } from '../access/scan';

/** The store being modelled, and where each phase records what engine and disk disagree on. */
export interface ModelBase {
  scan: StoreScan;
  /** `<root>/overlay2`. */
  storePath: string;
  diffPath: (id: string) => string;
  scanById: Map<string, LayerDirScan>;
  /** Short link name -> directory id. */
  linkToDir: Map<string, string>;
  disagreements: Disagreement[];
}

/**
 * How an image is called in listings: its first tag, else its short id (12 hex, as `docker images`).
 * @example displayName({ id: 'sha256:94bf19c79e45...', tags: [] }) // '94bf19c79e45'
 */
export function displayName(image: { id: string; tags: string[] }): string {
  return image.tags[0] ?? image.id.replace(/^sha256:/, '').slice(0, 12);
}

/** `../<id>/diff` -> id (a short link's target; anything else is not one). */
function linkTargetDir(target: string): string | undefined {
  return target.startsWith('../') && target.split('/').length === 3 ? layerIdOfDiff(target) : undefined;
}

/**
 * Resolves one `lowerdir=` entry (absolute or relative `l/` link, or a full `<id>/diff` path)
 * to a directory id.
 * @example resolveLowerEntry('/var/lib/docker/overlay2/l/ABC', '/var/lib/docker/overlay2', new Map([['ABC', 'f00']])) // 'f00'
 */
export function resolveLowerEntry(entry: string, storePath: string, linkToDir: Map<string, string>): string | undefined {
  const rel = entry.startsWith(`${storePath}/`) ? entry.slice(storePath.length + 1) : entry;
  if (rel.startsWith(`${LINK_DIR}/`)) return linkToDir.get(rel.slice(LINK_DIR.length + 1));
  return rel.replace(/\/+$/, '').split('/').length === 2 ? layerIdOfDiff(rel) : undefined;
}

/** Compares one GraphDriver.Data field with what the disk says. */
export function check(out: Disagreement[], subject: string, field: keyof Overlay2Data, data: Overlay2Data, expected: string | undefined): void {
  const engine = data[field];
  if (engine === undefined && expected === undefined) return;
  if (engine !== expected) out.push({ subject, field: `GraphDriver.Data.${field}`, engine: engine ?? '(none)', disk: expected ?? '(none)' });
}

/**
 * The short links of `l/`, each resolved to its directory and checked for a round trip.
 * @example const { links, linkToDir } = shortLinks(scan, new Map(scan.dirs.map((d) => [d.id, d])));
 */
export function shortLinks(scan: StoreScan, scanById: Map<string, LayerDirScan>): { links: ShortLink[]; linkToDir: Map<string, string> } {
  const linkToDir = new Map<string, string>();
  const links: ShortLink[] = scan.links.map((l) => {
    const dir = linkTargetDir(l.target);
    if (dir) linkToDir.set(l.name, dir);
    const target = dir ? scanById.get(dir) : undefined;
    return { name: l.name, target: l.target, dir, broken: !target, roundTrip: target?.link === l.name };
  });
  return { links, linkToDir };
}
