/* The simulated host's image stacks: one builder adds an image's layers (directories, layerdb, upper entries) and its facts. */
import { chainIds } from '../store/chain-id';
import { DIFF_DIR, MERGED_DIR, WORK_DIR } from '../store/layout';
import { addDir, entries, hex, STORE, type Entry, type SimLayer, type SimStore } from './simulated-store';

/** An image as later stacks and containers build on it: diff IDs, directories and files, bottom first. */
export interface SimStack {
  diffIds: string[];
  dirs: string[];
  files: Entry[][];
  /** Every layer of the stack, bottom first (the image's size is their sum). */
  simLayers: SimLayer[];
}

/**
 * Adds the image `name`: the layers `own` on top of `base` (none for a base image).
 * @example const ubuntu = addImageStack(store, 'ubuntu:24.04', undefined, UBUNTU);
 */
export function addImageStack(store: SimStore, name: string, base: SimStack | undefined, own: SimLayer[]): SimStack {
  const diffIds = [...(base?.diffIds ?? [])];
  const dirIds = [...(base?.dirs ?? [])];
  const files = [...(base?.files ?? [])];
  for (const layer of own) {
    diffIds.push(`sha256:${hex(`diff ${layer.key}`)}`);
    const chain = chainIds(diffIds);
    const id = hex(`cache ${layer.key}`);
    const below = [...dirIds].reverse();
    addDir(store, id, below, layer.bytes + layer.files.filter(([, t]) => t === 'dir').length * 4096);
    store.uppers[id] = entries(layer.files, [...files].reverse());
    store.layers.push({ chainId: chain[chain.length - 1], diffId: diffIds[diffIds.length - 1], parent: chain[chain.length - 2], cacheId: id, size: layer.bytes });
    dirIds.push(id);
    files.push(layer.files);
  }
  const simLayers = [...(base?.simLayers ?? []), ...own];
  const top = dirIds[dirIds.length - 1];
  const lower = [...dirIds].reverse().slice(1);
  store.images.push({
    id: `sha256:${hex(`image ${name}`)}`,
    tags: [name],
    diffIds,
    driver: 'overlay2',
    data: {
      UpperDir: `${STORE}/${top}/${DIFF_DIR}`,
      LowerDir: lower.length ? lower.map((d) => `${STORE}/${d}/${DIFF_DIR}`).join(':') : undefined,
      WorkDir: `${STORE}/${top}/${WORK_DIR}`,
      MergedDir: `${STORE}/${top}/${MERGED_DIR}`,
    },
    parent: '',
    created: new Date(store.clock * 1000).toISOString(),
    size: simLayers.reduce((s, l) => s + l.bytes, 0),
    labels: {},
  });
  return { diffIds, dirs: dirIds, files, simLayers };
}
