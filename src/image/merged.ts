/* Pure: the merged view of an image, as the canonical report prints it. */
import { formatReport, type ReportEntry } from '../scenario/report';
import { mergedEntries } from '../scenario/simulate';
import { matchesFilter, type PathFilter } from './filter';
import type { LoadedImage } from './image';
import { layerTouch, mountImage, positionOf } from './stack';

/**
 * Every entry of the image's merged view, read through the engine's mount as the scenario
 * report reads a mount (SCENARIOS.md), so it compares line by line with any real tree. Sizes
 * and hashes come from the content table: a hashes-only image keeps no bytes to read.
 * @example imageMergedEntries(image).find((e) => e.path === '/etc/passwd')?.sha256
 */
export function imageMergedEntries(image: LoadedImage, filter: PathFilter = {}): ReportEntry[] {
  const ovl = mountImage(image);
  // The content table has every file's hash: hashing the bytes again would cost a second pass.
  const entries = mergedEntries(ovl, (path) => image.contents.ofMerged(ovl, path)?.sha256.slice(0, 16));
  for (const e of entries) {
    // mergedEntries gives no device numbers: read them from the layer that shows the device.
    if ((e.type === 'c' || e.type === 'b') && !e.rdev) {
      const pos = positionOf(ovl, image.layers.length, e.path.slice(1));
      const t = pos ? layerTouch(image.layers[pos - 1].root, e.path) : undefined;
      e.rdev = t?.kind === 'entry' ? [...t.node.rdev] : [0, 0];
    }
    if (e.type !== 'f' || e.inode === undefined) continue;
    const c = image.contents.ofMerged(ovl, e.path.slice(1));
    if (c) {
      e.size = c.size;
      e.sha256 = c.sha256.slice(0, 16);
    }
  }
  return entries.filter((e) => matchesFilter(e.path, e.size ?? 0, filter));
}

/** Counts of a merged view: entries, regular files, and their bytes (a hard-linked inode once). */
export interface MergedTotals {
  entries: number;
  files: number;
  bytes: number;
}

/**
 * Entries, regular files and bytes of a merged view; a hard-linked inode's bytes count once.
 * @example mergedTotals(imageMergedEntries(image)).bytes
 */
export function mergedTotals(entries: ReportEntry[]): MergedTotals {
  const files = entries.filter((e) => e.type === 'f');
  const seen = new Set<string>();
  const bytes = files.reduce((s, e) => (seen.has(e.inode!) ? s : (seen.add(e.inode!), s + (e.size ?? 0))), 0);
  return { entries: entries.length, files: files.length, bytes };
}

/**
 * The `## merged` section of the canonical report (the heading and its `M` lines), printed by
 * the report's own formatter.
 * @example mergedSection(imageMergedEntries(image)).split('\n')[0] // '## merged'
 */
export function mergedSection(entries: ReportEntry[]): string {
  const report = formatReport({ setup: [], ops: [], merged: entries });
  return report.slice(report.indexOf('## merged\n'));
}
