/* buildHostModel's container phase: each container's layers from layerdb/mounts, and a running one's real mount. */
import type { ContainerFacts } from '../engine/engine';
import { INIT_SUFFIX, MERGED_DIR, WORK_DIR } from './layout';
import { optionBudget } from './mount-limits';
import { overlayMountAt, parseMountinfo, parseOverlayOptions, type MountinfoEntry } from './mountinfo';
import type { ContainerLayers, ContainerMount, ImageStack, LayerDir } from './model';
import type { MountEntryScan } from '../access/scan';
import { check, resolveLowerEntry, type ModelBase } from './host-model-base';

/**
 * The containers by name, each with the directories below its own layer; what GraphDriver.Data,
 * layerdb and the mount table disagree on goes to `base`.
 * @example const containers = containerLayers(base, input.containers, images, dirs);
 */
export function containerLayers(base: ModelBase, input: ContainerFacts[], images: ImageStack[], dirs: LayerDir[]): ContainerLayers[] {
  const { scan, storePath, diffPath, disagreements } = base;
  const imageById = new Map(images.map((i) => [i.id, i]));
  const dirById = new Map(dirs.map((d) => [d.id, d]));
  const mountEntries = scan.mountinfo ? parseMountinfo(scan.mountinfo) : undefined;
  return input
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
      const mount = m && c.running ? runningMount(base, subject, m, lowerDirs, mountEntries, dirById.get(m.mountId)) : undefined;
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
}

/** A running container's overlay mount: read from mountinfo, or rebuilt as Docker passes it when the mount table is out of reach. */
function runningMount(
  base: ModelBase,
  subject: string,
  m: MountEntryScan,
  lowerDirs: string[],
  mountEntries: MountinfoEntry[] | undefined,
  mountDir: LayerDir | undefined,
): ContainerMount | undefined {
  const { storePath, diffPath, linkToDir, disagreements } = base;
  const mountPoint = `${storePath}/${m.mountId}/${MERGED_DIR}`;
  const entry = mountEntries ? overlayMountAt(mountEntries, mountPoint) : undefined;
  if (entry) {
    const o = parseOverlayOptions(entry.superOptions);
    const lowerdir = o.lowerdir.map((e) => ({ entry: e, dir: resolveLowerEntry(e, storePath, linkToDir) }));
    const mount: ContainerMount = {
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
    return mount;
  }
  if (mountDir && !mountEntries) {
    // This access way cannot see the engine's mount table: rebuild what Docker passes.
    const lowers = mountDir.lowers.map((l) => `${storePath}/${l}`);
    const upperdir = diffPath(m.mountId);
    const workdir = `${storePath}/${m.mountId}/${WORK_DIR}`;
    return {
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
  return undefined;
}
