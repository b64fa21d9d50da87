/* `docker system df` against the store: the engine's totals recomputed from the overlay2 directories. */
import { existsSync, lstatSync, readdirSync } from 'node:fs';
import * as path from 'node:path';
import { engineReads, type DiskUsageFacts } from '../engine/engine-reads';
import { inspectHost, type HostOptions } from '../inspect';
import { DIFF_DIR } from '../store/layout';
import type { HostModel } from '../store/model';

/**
 * The engine's way of sizing a layer (moby pkg/directory.Size, cached in layerdb's `size` when
 * the layer is made, computed afresh for a container's SizeRw): the bytes of the files in
 * `diff/`, directories not counted, a hard-linked file once. `du` and the store model's
 * `bytes` count the directories' own blocks too, so they are a little larger.
 * @example fileBytes('/var/lib/docker/overlay2/abc/diff') // 1984172
 */
export function fileBytes(root: string): number {
  const seen = new Set<string>();
  let total = 0;
  const walk = (p: string) => {
    const st = lstatSync(p);
    if (st.isDirectory()) {
      for (const n of readdirSync(p)) walk(path.join(p, n));
      return;
    }
    const key = `${st.dev}:${st.ino}`;
    if (st.size === 0 || seen.has(key)) return;
    seen.add(key);
    total += st.size;
  };
  walk(root);
  return total;
}

/** One image of `docker images`: the engine's sizes beside the ones summed from its layer directories. */
export interface ImageUsage {
  name: string;
  layers: number;
  /** Its layer directories (to find the images that share one). */
  dirs: string[];
  /** Layers that another image uses too. */
  sharedLayers: number;
  engineSize: number;
  engineShared: number;
  storeSize: number;
  storeShared: number;
}

/** A container's writable layer: SizeRw beside its diff/ sized by the same rule. */
export interface ContainerUsage {
  name: string;
  engineSizeRw: number;
  storeBytes: number;
}

/** A volume: the engine's size beside its _data sized by the same rule. */
export interface VolumeUsage {
  name: string;
  engineSize: number;
  /** undefined when the volume's directory is not `<root>/volumes/<name>/_data` (another driver). */
  storeBytes?: number;
  refCount: number;
}

/** The engine's totals and the same totals from the store. */
export interface DiskUsageComparison {
  engine: DiskUsageFacts;
  /** Distinct layer directories (image layers and unused ones, each once) and their bytes. */
  layerDirs: number;
  storeLayersSize: number;
  /** The same directories with the directories' own sizes counted (what the store model and `du` see). */
  storeLayersApparent: number;
  /** Adding every image's size: a shared layer counted once per image that uses it. */
  engineImagesSum: number;
  storeImagesSum: number;
  images: ImageUsage[];
  containers: ContainerUsage[];
  volumes: VolumeUsage[];
}

/**
 * Pure: compares the engine's df with the store model, given each layer directory's size by the
 * engine's rule (`bytesOf(dir id)`, `volumeBytes(name)`).
 * @example compareDiskUsage(model, df, (id) => fileBytes(`${model.storePath}/${id}/diff`)).storeLayersSize
 */
export function compareDiskUsage(model: HostModel, engine: DiskUsageFacts, bytesOf: (dir: string) => number, volumeBytes: (name: string) => number | undefined = () => undefined): DiskUsageComparison {
  const layerDirs = model.dirs.filter((d) => d.role.kind === 'image-layer' || d.role.kind === 'unused-layer');
  const size = new Map(layerDirs.map((d) => [d.id, bytesOf(d.id)]));
  // df lists the images `docker images` shows (no legacy-builder intermediates); shared means
  // shared among those, as the engine counts SharedSize.
  const byId = new Map(engine.images.map((i) => [i.id, i]));
  const listed = model.images.filter((i) => byId.has(i.id));
  const users = new Map<string, Set<string>>();
  for (const i of listed) for (const l of i.layers) if (l.dir) users.set(l.dir, (users.get(l.dir) ?? new Set()).add(i.id));
  const images = listed.map((i) => {
    const e = byId.get(i.id);
    const dirs = [...new Set(i.layers.map((l) => l.dir).filter((d): d is string => !!d))];
    const shared = dirs.filter((d) => (users.get(d)?.size ?? 0) > 1);
    const sum = (ds: string[]) => ds.reduce((n, d) => n + (size.get(d) ?? 0), 0);
    return { name: i.name, layers: dirs.length, dirs, sharedLayers: shared.length, engineSize: e?.size ?? 0, engineShared: e?.sharedSize ?? 0, storeSize: sum(dirs), storeShared: sum(shared) };
  });
  const containers = engine.containers.map((c) => {
    const m = model.containers.find((x) => x.id === c.id);
    return { name: c.name, engineSizeRw: c.sizeRw, storeBytes: m?.mountId ? bytesOf(m.mountId) : 0 };
  });
  return {
    engine,
    layerDirs: layerDirs.length,
    storeLayersSize: [...size.values()].reduce((a, b) => a + b, 0),
    storeLayersApparent: layerDirs.reduce((n, d) => n + (d.bytes ?? 0), 0),
    engineImagesSum: engine.images.reduce((n, i) => n + i.size, 0),
    storeImagesSum: images.reduce((n, i) => n + i.storeSize, 0),
    images,
    containers,
    volumes: engine.volumes.map((v) => ({ name: v.name, engineSize: v.size, storeBytes: volumeBytes(v.name), refCount: v.refCount })),
  };
}

/**
 * Asks the engine for GET /system/df and reads the store, then compares them.
 * @example const u = await diskUsage(); u.engine.layersSize === u.storeLayersSize
 */
export async function diskUsage(opts: HostOptions = {}): Promise<DiskUsageComparison> {
  const engine = await engineReads(opts.env ?? process.env).diskUsage();
  const { model } = await inspectHost(opts);
  // The local volume driver keeps a volume's files in <root>/volumes/<name>/_data.
  const volumeDir = (name: string) => `${model.engine.rootDir.replace(/\/+$/, '')}/volumes/${name}/_data`;
  return compareDiskUsage(
    model,
    engine,
    (id) => fileBytes(`${model.storePath}/${id}/${DIFF_DIR}`),
    (name) => (existsSync(volumeDir(name)) ? fileBytes(volumeDir(name)) : undefined),
  );
}
