import { OverlayLabError } from '../i18n/errors';
import type { Localized } from '../i18n/lang';
import { chooseAccess, type AccessChoice, type StoreAccess } from './access/access';
import { upperChanges, type UpperChange } from './store/changes';
import { connectEngine } from './engine/dockerode-engine';
import type { EngineClient, EngineFacts, ImageFacts } from './engine/engine';
import { notFound, notOverlay2 } from './errors';
import { buildHostModel } from './store/host-model';
import { explainInitEntry } from './store/init-layer';
import { layerIdOfDiff } from './store/layout';
import type { ContainerLayers, HostModel, ImageStack } from './store/model';
import type { ScanRequest, StoreScan, UpperWalk } from './access/scan';
import { simulatedHostInput } from './hosts/simulated-host';
import { simulationReason, type SimulatedMode } from './hosts/simulated-fallback';
import { detectStore } from './store/store-kind';
import { attributeSnapshots, readContainerdStore } from './containerd/containerd-store';

/** Where the host comes from. */
export interface HostOptions {
  /** An engine client (default: dockerode on DOCKER_HOST or the default socket). */
  engine?: EngineClient;
  env?: Record<string, string | undefined>;
  access?: AccessChoice;
  /**
   * 'never' (default for the library): a live engine or an error. 'fallback': the simulated
   * host when no engine answers. 'always': the simulated host, without asking any engine.
   */
  simulated?: SimulatedMode;
  /** What `engine` said of itself already (a watcher reads the store again and again). */
  facts?: EngineFacts;
  /**
   * A watcher's quick read: containers from the engine's list only (see EngineClient.containers:
   * no waiting on a build step), images it knows by id not inspected again, and the store read
   * while the engine answers (the two may be a moment apart; the next read catches up).
   */
  listOnly?: boolean;
  knownImages?: ReadonlyMap<string, ImageFacts>;
}

/** The host model plus how it was read. */
export interface LoadedHost {
  model: HostModel;
  scan: StoreScan;
  /** Why the simulated host is shown instead of a live one (no engine...), if it is. */
  simulatedBecause?: OverlayLabError;
  accessNote?: Localized;
  /** The engine's image facts the model was built from (a watcher passes them back as knownImages). */
  imageFacts?: ImageFacts[];
}

type Source =
  | { kind: 'live'; engine: EngineClient; facts: EngineFacts }
  | { kind: 'simulated'; because?: OverlayLabError };

async function resolveSource(opts: HostOptions): Promise<Source> {
  if (opts.simulated === 'always') return { kind: 'simulated' };
  const engine = opts.engine ?? connectEngine(opts.env ?? process.env);
  if (opts.engine && opts.facts) return { kind: 'live', engine, facts: opts.facts };
  try {
    return { kind: 'live', engine, facts: await engine.facts() };
  } catch (e) {
    const because = simulationReason(e, opts.simulated ?? 'never');
    if (because) return { kind: 'simulated', because };
    throw e;
  }
}

/** Scans, retrying once when a directory vanished midway (a container removed meanwhile). */
async function scanWithRetry(access: StoreAccess, request: ScanRequest): Promise<StoreScan> {
  try {
    return await access.scan(request);
  } catch (e) {
    if (e instanceof OverlayLabError && e.code === 'EVANISHED') return access.scan(request);
    throw e;
  }
}

async function load(source: Source, opts: HostOptions, request: ScanRequest): Promise<LoadedHost> {
  const takenAt = new Date().toISOString();
  if (source.kind === 'simulated') {
    const input = simulatedHostInput();
    return { model: buildHostModel({ ...input, takenAt: input.takenAt }), scan: input.scan, simulatedBecause: source.because };
  }
  const { engine, facts } = source;
  const store = detectStore(facts);
  if (store.kind !== 'overlay2') {
    // Never crash on another store: show what the API and (for containerd) the snapshots say.
    const empty: StoreScan = { root: facts.rootDir, dirs: [], links: [], layers: [], mounts: [], uppers: {}, xattrs: false };
    const [images, containers] = await Promise.all([engine.images({ known: opts.knownImages }), engine.containers({ listOnly: opts.listOnly })]);
    const containerd = store.kind === 'containerd-snapshotter' && facts.local ? attributeSnapshots(await readContainerdStore(), images) : undefined;
    const model = buildHostModel({ source: 'live', engine: facts, store, access: 'none', scan: empty, images, containers, takenAt, containerd });
    return { model, scan: empty, imageFacts: images };
  }
  const access = await chooseAccess(engine, facts, opts.access);
  const api = () => Promise.all([engine.images({ known: opts.knownImages }), engine.containers({ listOnly: opts.listOnly })]);
  const early = opts.listOnly ? api() : undefined;
  early?.catch(() => undefined); // awaited below; a failed scan must not leave it unhandled
  const scan = await scanWithRetry(access, { mountinfo: true, ...request });
  const [images, containers] = await (early ?? api());
  const model = buildHostModel({ source: 'live', engine: facts, store, access: access.way, scan, images, containers, takenAt, ownHelpers: access.helpers });
  return { model, scan, accessNote: access.note, imageFacts: images };
}

/**
 * The whole host: engine facts, store kind, every overlay2 directory named, images and
 * containers mapped, disagreements between the engine and the disk.
 * @example const { model } = await inspectHost(); model.dirs.filter((d) => d.role.kind === 'orphan')
 */
export async function inspectHost(opts: HostOptions = {}): Promise<LoadedHost> {
  return load(await resolveSource(opts), opts, {});
}


function requireOverlay2(model: HostModel): void {
  if (model.store.kind !== 'overlay2') throw notOverlay2(model.store.driver, model.store.kind);
}

/** An image's stack with what each layer adds, changes and deletes. */
export interface ImageView extends LoadedHost {
  image: ImageStack;
  /** Changes of each layer against the layers below, by position (1 = bottom). */
  layerChanges: Record<number, UpperChange[]>;
}

function findImage(model: HostModel, name: string): ImageStack | undefined {
  const bare = name.replace(/^sha256:/, '');
  return (
    model.images.find((i) => i.tags.includes(name) || i.tags.includes(`${name}:latest`)) ??
    model.images.find((i) => i.id.replace(/^sha256:/, '').startsWith(bare) && bare.length >= 4)
  );
}

/**
 * One image: its layers bottom to top, each with its overlay2 directory, short link, size,
 * and what it adds, overwrites (modified), deletes (whiteouts) or replaces (opaque directories).
 * @example const { image, layerChanges } = await inspectImage('ubuntu:24.04');
 */
export async function inspectImage(name: string, opts: HostOptions = {}): Promise<ImageView> {
  const source = await resolveSource(opts);
  let walks: UpperWalk[] = [];
  if (source.kind === 'live') {
    const facts = await source.engine.image(name);
    if (!facts) throw notFound('image', name);
    const dirs = [layerIdOfDiff(facts.data.UpperDir), ...(facts.data.LowerDir ?? '').split(':').filter(Boolean).map(layerIdOfDiff)];
    if (dirs.every(Boolean)) walks = dirs.map((dir, i) => ({ dir: dir as string, lowers: dirs.slice(i + 1) as string[] }));
  }
  const loaded = await load(source, opts, { walks });
  requireOverlay2(loaded.model);
  const image = findImage(loaded.model, name);
  if (!image) throw notFound('image', name);
  const layerChanges: Record<number, UpperChange[]> = {};
  for (const layer of image.layers) {
    const entries = layer.dir ? loaded.scan.uppers[layer.dir] : undefined;
    if (!entries) continue;
    const lowers = image.layers.slice(0, layer.position - 1).map((l) => l.dir ?? '?').reverse();
    layerChanges[layer.position] = upperChanges(entries, lowers);
  }
  return { ...loaded, image, layerChanges };
}

/** A container: its directories, its real mount, and what it changed. */
export interface ContainerView extends LoadedHost {
  container: ContainerLayers;
  /** Changes in the writable layer (the upperdir) against everything below. */
  changes: UpperChange[];
  /** What the -init layer holds, and why each entry is there. */
  init: (UpperChange & { why?: Localized })[];
}

function findContainer(model: HostModel, name: string): ContainerLayers | undefined {
  return model.containers.find((c) => c.name === name.replace(/^\//, '')) ?? model.containers.find((c) => name.length >= 4 && c.id.startsWith(name));
}

/**
 * One container: writable and init layers, the mount of a running container (lowerdir of
 * `l/` links resolved, upperdir, workdir, option length against the page), and the changes
 * read from its upperdir.
 * @example const { container, changes } = await inspectContainer('web');
 */
export async function inspectContainer(name: string, opts: HostOptions = {}): Promise<ContainerView> {
  const source = await resolveSource(opts);
  let walks: UpperWalk[] = [];
  if (source.kind === 'live') {
    const facts = await source.engine.container(name);
    if (!facts) throw notFound('container', name);
    const upper = layerIdOfDiff(facts.data.UpperDir);
    const lowers = (facts.data.LowerDir ?? '').split(':').filter(Boolean).map(layerIdOfDiff);
    if (upper && lowers.every(Boolean)) {
      walks = [{ dir: upper, lowers: lowers as string[] }];
      if (lowers[0]) walks.push({ dir: lowers[0], lowers: lowers.slice(1) as string[] });
    }
  }
  const loaded = await load(source, opts, { walks, mountinfo: true });
  requireOverlay2(loaded.model);
  const container = findContainer(loaded.model, name);
  if (!container) throw notFound('container', name);
  const up = container.mountId ? loaded.scan.uppers[container.mountId] : undefined;
  const changes = up ? upperChanges(up, container.lowerDirs) : [];
  const initEntries = container.initId ? loaded.scan.uppers[container.initId] : undefined;
  const init = initEntries ? upperChanges(initEntries, container.lowerDirs.slice(1)).map((c) => ({ ...c, why: explainInitEntry(c.path) })) : [];
  return { ...loaded, container, changes, init };
}
