/* Pure: names every directory of an overlay2 store from the raw scan and the engine's answers. */
import { chainIds } from './chain-id';
import type { ContainerFacts, EngineFacts, ImageFacts, Overlay2Data } from '../engine/engine';
import { DIFF_DIR, INIT_SUFFIX, layerIdOfDiff, LINK_DIR, MERGED_DIR, WORK_DIR } from './layout';
import { layerLimitArithmetic, optionBudget } from './mount-limits';
import { overlayMountAt, parseMountinfo, parseOverlayOptions } from './mountinfo';
import type { AccessWay, ContainerLayers, ContainerMount, DirRole, Disagreement, HostModel, ImageStack, LayerDir, LayerUse, ShortLink } from './model';
import type { StoreScan } from '../access/scan';
import type { StoreInfo } from './store-kind';
import type { ContainerdStore } from '../containerd/containerd-store';

/** Everything the model is built from. */
export interface HostInput {
  source: 'live' | 'simulated';
  engine: EngineFacts;
  store: StoreInfo;
  access: AccessWay;
  scan: StoreScan;
  images: ImageFacts[];
  containers: ContainerFacts[];
  takenAt: string;
  containerd?: ContainerdStore;
  /** Ids of overlay-lab's own helper containers that ran during the scan. */
  ownHelpers?: string[];
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
function check(out: Disagreement[], subject: string, field: keyof Overlay2Data, data: Overlay2Data, expected: string | undefined): void {
  const engine = data[field];
  if (engine === undefined && expected === undefined) return;
  if (engine !== expected) out.push({ subject, field: `GraphDriver.Data.${field}`, engine: engine ?? '(none)', disk: expected ?? '(none)' });
}

/**
 * Builds the model of a host: every overlay2 directory with its owner and role, images mapped
 * to directories through chain IDs and layerdb, containers through layerdb/mounts, running
 * containers' real mounts, and every place where the engine and the disk disagree.
 * @example const model = buildHostModel({ source: 'live', engine, store, access: 'direct', scan, images, containers, takenAt: new Date().toISOString() });
 */
export function buildHostModel(input: HostInput): HostModel {
  const { scan, engine } = input;
  const storePath = `${scan.root.replace(/\/+$/, '')}/overlay2`;
  const diffPath = (id: string) => `${storePath}/${id}/${DIFF_DIR}`;
  const disagreements: Disagreement[] = [];

  const scanById = new Map(scan.dirs.map((d) => [d.id, d]));
  const linkToDir = new Map<string, string>();
  const links: ShortLink[] = scan.links.map((l) => {
    const dir = linkTargetDir(l.target);
    if (dir) linkToDir.set(l.name, dir);
    const target = dir ? scanById.get(dir) : undefined;
    return { name: l.name, target: l.target, dir, broken: !target, roundTrip: target?.link === l.name };
  });

  const byChain = new Map(scan.layers.map((l) => [l.chainId, l]));
  const byCache = new Map(scan.layers.map((l) => [l.cacheId, l]));

  // Tagged images first, then untagged (intermediate) ones, each group by name.
  const sortedImages = [...input.images].sort(
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

  const containersById = new Map(input.containers.map((c) => [c.id, c]));
  const byMountId = new Map(scan.mounts.map((m) => [m.mountId, m]));
  const byInitId = new Map(scan.mounts.filter((m) => m.initId).map((m) => [m.initId as string, m]));
  const helpers = new Set(input.ownHelpers ?? []);
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

  const dirs: LayerDir[] = scan.dirs.map((d) => {
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

  const imageById = new Map(images.map((i) => [i.id, i]));
  const mountEntries = scan.mountinfo ? parseMountinfo(scan.mountinfo) : undefined;
  const containers: ContainerLayers[] = input.containers
    .map((c) => {
      const m = scan.mounts.find((x) => x.containerId === c.id);
      const image = imageById.get(c.imageId);
      const imageDirs = (image?.layers ?? []).map((l) => l.dir ?? '?').reverse();
      const lowerDirs = m?.initId ? [m.initId, ...imageDirs] : imageDirs;
      const subject = `container ${c.name}`;
      if (m && c.driver === 'overlay2') {
        check(disagreements, subject, 'UpperDir', c.data, diffPath(m.mountId));
        check(disagreements, subject, 'WorkDir', c.data, `${storePath}/${m.mountId}/${WORK_DIR}`);
        check(disagreements, subject, 'MergedDir', c.data, `${storePath}/${m.mountId}/${MERGED_DIR}`);
        check(disagreements, subject, 'LowerDir', c.data, lowerDirs.map(diffPath).join(':'));
        const top = image?.layers[image.layers.length - 1]?.chainId;
        if (m.parent && top && m.parent !== top) disagreements.push({ subject, field: 'layerdb mounts parent', engine: top, disk: m.parent });
        if (m.initId && m.initId !== `${m.mountId}${INIT_SUFFIX}`)
          disagreements.push({ subject, field: 'init-id', engine: `${m.mountId}${INIT_SUFFIX}`, disk: m.initId });
      }
      let mount: ContainerMount | undefined;
      if (m && c.running) {
        const mountPoint = `${storePath}/${m.mountId}/${MERGED_DIR}`;
        const entry = mountEntries ? overlayMountAt(mountEntries, mountPoint) : undefined;
        const mountDir = dirById.get(m.mountId);
        if (entry) {
          const o = parseOverlayOptions(entry.superOptions);
          const lowerdir = o.lowerdir.map((e) => ({ entry: e, dir: resolveLowerEntry(e, storePath, linkToDir) }));
          mount = {
            source: 'mountinfo',
            mountPoint,
            lowerdir,
            upperdir: o.upperdir,
            workdir: o.workdir,
            other: o.other,
            layerOptions: o.layerOptions,
            budget: optionBudget(o.lowerdir, lowerdir.map((l) => (l.dir ? diffPath(l.dir) : l.entry)), o.upperdir ?? '', o.workdir ?? ''),
          };
          const seen = lowerdir.map((l) => l.dir ?? '?').join(':');
          if (seen !== lowerDirs.join(':')) disagreements.push({ subject, field: 'mountinfo lowerdir', engine: lowerDirs.join(':'), disk: seen });
        } else if (mountDir && !mountEntries) {
          // This access way cannot see the engine's mount table: rebuild what Docker passes.
          const lowers = mountDir.lowers.map((l) => `${storePath}/${l}`);
          const upperdir = diffPath(m.mountId);
          const workdir = `${storePath}/${m.mountId}/${WORK_DIR}`;
          mount = {
            source: 'computed',
            mountPoint,
            lowerdir: mountDir.lowers.map((l, i) => ({ entry: lowers[i], dir: mountDir.lowerDirs[i] ?? undefined })),
            upperdir,
            workdir,
            other: [],
            layerOptions: `lowerdir=${lowers.join(':')},upperdir=${upperdir},workdir=${workdir}`,
            budget: optionBudget(lowers, mountDir.lowerDirs.map((d) => diffPath(d ?? '?')), upperdir, workdir),
          };
        }
      }
      return {
        id: c.id,
        name: c.name,
        imageId: c.imageId,
        image: image?.name ?? c.imageRef,
        running: c.running,
        mountId: m?.mountId,
        initId: m?.initId,
        lowerDirs,
        data: c.data,
        mount,
      };
    })
    .sort((a, b) => a.name.localeCompare(b.name));

  return {
    source: input.source,
    engine,
    store: input.store,
    access: input.access,
    storePath,
    dirs,
    links,
    images,
    containers,
    disagreements,
    limits: layerLimitArithmetic(scan.root),
    xattrs: scan.xattrs,
    containerd: input.containerd,
    takenAt: input.takenAt,
  };
}
