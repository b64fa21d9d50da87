/* buildHostModel's directory phase: every overlay2 directory with its role, then the checks of its link and lower files. */
import type { ContainerFacts } from '../engine/engine';
import { LINK_DIR } from './layout';
import type { DirRole, ImageStack, LayerDir, LayerUse, ShortLink } from './model';
import { resolveLowerEntry, type ModelBase } from './host-model-base';

/**
 * Each scanned directory named by its owner: an image layer (used or not), a container's
 * layer or init layer (overlay-lab's own helpers marked), or an orphan.
 * @example const dirs = layerDirs(base, uses, input.containers, input.ownHelpers ?? []);
 */
export function layerDirs(base: ModelBase, uses: Map<string, LayerUse[]>, containers: ContainerFacts[], ownHelpers: string[]): LayerDir[] {
  const { scan, storePath, linkToDir } = base;
  const byCache = new Map(scan.layers.map((l) => [l.cacheId, l]));
  const containersById = new Map(containers.map((c) => [c.id, c]));
  const byMountId = new Map(scan.mounts.map((m) => [m.mountId, m]));
  const byInitId = new Map(scan.mounts.filter((m) => m.initId).map((m) => [m.initId as string, m]));
  const helpers = new Set(ownHelpers);
  const containerName = (id: string) => containersById.get(id)?.name ?? (helpers.has(id) ? 'overlay-lab helper' : id.slice(0, 12));
  const own = (id: string) => (helpers.has(id) ? { helper: true } : {});

  const roleOf = (id: string): DirRole => {
    const layer = byCache.get(id);
    if (layer) {
      const usedBy = uses.get(id) ?? [];
      return usedBy.length
        ? { kind: 'image-layer', chainId: layer.chainId, diffId: layer.diffId, usedBy }
        : { kind: 'unused-layer', chainId: layer.chainId, diffId: layer.diffId };
    }
    const m = byMountId.get(id);
    if (m) return { kind: 'container-layer', containerId: m.containerId, container: containerName(m.containerId), ...own(m.containerId) };
    const init = byInitId.get(id);
    if (init) return { kind: 'init-layer', containerId: init.containerId, container: containerName(init.containerId), ...own(init.containerId) };
    return { kind: 'orphan' };
  };

  return scan.dirs.map((d) => {
    const lowers = d.lower ? d.lower.split(':').filter(Boolean) : [];
    return {
      id: d.id,
      path: `${storePath}/${d.id}`,
      link: d.link,
      lowers,
      lowerDirs: lowers.map((l) => resolveLowerEntry(l, storePath, linkToDir) ?? null),
      committed: d.committed,
      diff: d.diff,
      work: d.work,
      merged: d.merged,
      bytes: d.bytes,
      mtime: d.mtime,
      role: roleOf(d.id),
    };
  });
}

/**
 * Records where a directory's `link` file, a short link, or an image layer's `lower` file
 * disagrees with the rest of the store.
 * @example checkLinksAndLowers(base, dirs, links, images);
 */
export function checkLinksAndLowers(base: ModelBase, dirs: LayerDir[], links: ShortLink[], images: ImageStack[]): void {
  const { linkToDir, disagreements } = base;
  const dirById = new Map(dirs.map((d) => [d.id, d]));
  for (const d of dirs) {
    if (d.link && linkToDir.get(d.link) !== d.id)
      disagreements.push({ subject: `dir ${d.id}`, field: `${LINK_DIR}/${d.link}`, engine: `../${d.id}/diff`, disk: linkToDir.has(d.link) ? `../${linkToDir.get(d.link)}/diff` : '(missing)' });
  }
  for (const l of links) if (l.broken) disagreements.push({ subject: `${LINK_DIR}/${l.name}`, field: 'target', engine: '(a layer directory)', disk: l.target });

  // An image layer's `lower` file must list exactly the layers below it, top first.
  for (const image of images) {
    image.layers.forEach((layer, i) => {
      const dir = layer.dir ? dirById.get(layer.dir) : undefined;
      if (!dir) return;
      const expected = image.layers.slice(0, i).map((l) => l.dir ?? '?').reverse();
      if (expected.join(':') !== dir.lowerDirs.map((x) => x ?? '?').join(':'))
        disagreements.push({ subject: `image ${image.name} layer ${layer.position}`, field: 'lower', engine: expected.join(':') || '(none)', disk: dir.lowerDirs.join(':') || '(none)' });
    });
  }
}
