/* buildHostModel's image phase: each image's layers found through chain IDs in layerdb, and who shares them. */
import { chainIds } from './chain-id';
import type { ImageFacts } from '../engine/engine';
import type { ImageStack, LayerUse } from './model';
import { check, displayName, type ModelBase } from './host-model-base';

/**
 * The images, tagged first then untagged (intermediate) ones, each group by name, with the
 * uses of every layer directory; disagreements of layerdb and GraphDriver.Data go to `base`.
 * @example const { images, uses } = imageStacks(base, input.images);
 */
export function imageStacks(base: ModelBase, input: ImageFacts[]): { images: ImageStack[]; uses: Map<string, LayerUse[]> } {
  const { scan, scanById, diffPath, disagreements } = base;
  const byChain = new Map(scan.layers.map((l) => [l.chainId, l]));
  const sortedImages = [...input].sort(
    (a, b) => Number(a.tags.length === 0) - Number(b.tags.length === 0) || displayName(a).localeCompare(displayName(b)),
  );
  const uses = new Map<string, LayerUse[]>();
  const images: ImageStack[] = sortedImages.map((img) => {
    const name = displayName(img);
    const chains = chainIds(img.diffIds);
    const layers = img.diffIds.map((diffId, i) => {
      const entry = byChain.get(chains[i]);
      const dir = entry?.cacheId;
      if (!entry) disagreements.push({ subject: `image ${name}`, field: `layerdb ${chains[i]}`, engine: diffId, disk: '(missing)' });
      else if (entry.diffId !== diffId)
        disagreements.push({ subject: `image ${name}`, field: `layerdb ${chains[i]}/diff`, engine: diffId, disk: entry.diffId });
      if (dir) {
        const list = uses.get(dir) ?? [];
        list.push({ imageId: img.id, image: name, position: i + 1, of: img.diffIds.length });
        uses.set(dir, list);
      }
      const scanned = dir ? scanById.get(dir) : undefined;
      return { position: i + 1, diffId, chainId: chains[i], dir, link: scanned?.link, size: entry?.size, bytes: scanned?.bytes, sharedWith: [] as string[] };
    });
    if (img.driver === 'overlay2' && layers.length > 0) {
      const dirs = layers.map((l) => l.dir);
      const top = dirs[dirs.length - 1];
      check(disagreements, `image ${name}`, 'UpperDir', img.data, top ? diffPath(top) : undefined);
      const below = dirs.slice(0, -1).reverse();
      check(disagreements, `image ${name}`, 'LowerDir', img.data, below.length ? below.map((d) => (d ? diffPath(d) : '?')).join(':') : undefined);
    }
    return { id: img.id, name, tags: img.tags, parent: img.parent, layers, data: img.data };
  });
  for (const image of images)
    for (const layer of image.layers)
      layer.sharedWith = layer.dir ? [...new Set((uses.get(layer.dir) ?? []).map((u) => u.image).filter((n) => n !== image.name))] : [];
  return { images, uses };
}
