/* Pure: names every directory of an overlay2 store from the raw scan and the engine's answers. */
import type { ContainerFacts, EngineFacts, ImageFacts } from '../engine/engine';
import { DIFF_DIR } from './layout';
import { layerLimitArithmetic } from './mount-limits';
import type { AccessWay, HostModel } from './model';
import type { StoreScan } from '../access/scan';
import type { StoreInfo } from './store-kind';
import type { ContainerdStore } from '../containerd/containerd-store';
import { shortLinks, type ModelBase } from './host-model-base';
import { imageStacks } from './host-model-images';
import { checkLinksAndLowers, layerDirs } from './host-model-dirs';
import { containerLayers } from './host-model-containers';

export { displayName, resolveLowerEntry } from './host-model-base';

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
 * Builds the model of a host: every overlay2 directory with its owner and role, images mapped
 * to directories through chain IDs and layerdb, containers through layerdb/mounts, running
 * containers' real mounts, and every place where the engine and the disk disagree.
 * @example const model = buildHostModel({ source: 'live', engine, store, access: 'direct', scan, images, containers, takenAt: new Date().toISOString() });
 */
export function buildHostModel(input: HostInput): HostModel {
  const { scan, engine } = input;
  const storePath = `${scan.root.replace(/\/+$/, '')}/overlay2`;
  const scanById = new Map(scan.dirs.map((d) => [d.id, d]));
  const { links, linkToDir } = shortLinks(scan, scanById);
  const base: ModelBase = { scan, storePath, diffPath: (id) => `${storePath}/${id}/${DIFF_DIR}`, scanById, linkToDir, disagreements: [] };

  // Phases in the order their disagreements are listed: images, directories, containers.
  const { images, uses } = imageStacks(base, input.images);
  const dirs = layerDirs(base, uses, input.containers, input.ownHelpers ?? []);
  checkLinksAndLowers(base, dirs, links, images);
  const containers = containerLayers(base, input.containers, images, dirs);

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
    disagreements: base.disagreements,
    limits: layerLimitArithmetic(scan.root),
    xattrs: scan.xattrs,
    containerd: input.containerd,
    takenAt: input.takenAt,
  };
}
