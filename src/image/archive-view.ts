/* Pure: what a page shows of a loaded image, as plain data (it crosses a Web Worker's message
 * boundary, so no inode trees): layers with what each does, wasted space, merged totals. */
import type { Localized } from '../i18n/lang';
import type { ImageFormat, LoadedImage } from './image';
import { layerDiffs, type DiffEntry, type LayerDiff } from './layer-diff';
import { imageMergedEntries, mergedTotals, type MergedTotals } from './merged';
import { wastedSpace, type WastedFile } from './wasted';

/** One layer as the layer table shows it. */
export interface LayerSummary {
  position: number;
  source: string;
  diffId?: string;
  compression: 'none' | 'gzip';
  tarBytes: number;
  createdBy?: string;
  totals: LayerDiff['totals'];
  wasted: { bytes: number; files: number };
  /** The layer's entries, classified; at most `maxEntries` of them (the rest counted in `moreEntries`). */
  entries: DiffEntry[];
  moreEntries: number;
}

/** Everything the first screen of an opened archive needs. */
export interface ImageSummary {
  source: string;
  format: ImageFormat;
  ref?: string;
  available: string[];
  configId?: string;
  /** Bottom first, as the loader numbers them (1 = base). */
  layers: LayerSummary[];
  merged: MergedTotals;
  wasted: { total: number; files: WastedFile[]; moreFiles: number };
  /** Contents not held: only sizes and SHA-256 digests of files (and the trees) are kept. */
  hashesOnly: boolean;
  /** File bytes held in memory (each distinct content once); 0 when hashesOnly. */
  keptBytes: number;
  /** Distinct file contents the image holds (by SHA-256). */
  distinctContents: number;
  warnings: Localized[];
}

/**
 * The summary of a loaded image: per layer what it adds, changes, deletes and replaces, sizes,
 * wasted space, and the merged view's totals. Long lists are cut (a page draws them).
 * @example imageSummary(image).layers.at(-1)?.totals.deleted
 */
export function imageSummary(image: LoadedImage, o: { maxEntries?: number; maxWasted?: number } = {}): ImageSummary {
  const maxEntries = o.maxEntries ?? 500;
  const maxWasted = o.maxWasted ?? 100;
  const diffs = layerDiffs(image);
  const wasted = wastedSpace(image);
  const distinct = new Set<string>();
  for (const l of image.layers) collectHashes(image, l.root, distinct);
  return {
    source: image.source,
    format: image.format,
    ref: image.ref,
    available: image.available,
    configId: image.configId,
    layers: image.layers.map((l, i) => ({
      position: l.position,
      source: l.source,
      diffId: l.diffId,
      compression: l.compression,
      tarBytes: l.tarBytes,
      createdBy: l.createdBy,
      totals: diffs[i].totals,
      wasted: { bytes: wasted.perLayer[i].bytes, files: wasted.perLayer[i].files },
      entries: diffs[i].entries.slice(0, maxEntries),
      moreEntries: Math.max(0, diffs[i].entries.length - maxEntries),
    })),
    merged: mergedTotals(imageMergedEntries(image)),
    wasted: { total: wasted.total, files: wasted.files.slice(0, maxWasted), moreFiles: Math.max(0, wasted.files.length - maxWasted) },
    hashesOnly: image.hashesOnly,
    keptBytes: image.contents.keptBytes,
    distinctContents: distinct.size,
    warnings: image.warnings,
  };
}

function collectHashes(image: LoadedImage, dir: import('../union/inode').Inode, out: Set<string>): void {
  for (const n of dir.entries.values()) {
    if (n.type === 'd') collectHashes(image, n, out);
    else if (n.type === 'f') {
      const c = image.contents.of(n);
      if (c) out.add(c.sha256);
    }
  }
}
