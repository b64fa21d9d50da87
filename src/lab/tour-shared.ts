/* What live and simulated steps share: the session's snapshots, shell quoting, and the store and links steps. */
import type { ContainerLayers, HostModel } from '../docker/store/model';
import { takeSnapshot, type StoreSnapshot } from '../docker/store/snapshot';
import type { inspectContainer } from '../docker/inspect';
import { compareSnapshots } from '../docker/store/snapshot';
import type { ContainerStep, LinksStep, TourCommand, TourStep } from './tour-steps';

/** What a tour keeps between steps. */
export interface TourState {
  before?: StoreSnapshot;
  last?: StoreSnapshot;
  containerView?: Awaited<ReturnType<typeof inspectContainer>>;
  imageRef?: string;
}

/** The snapshot without overlay-lab's own helper containers (they come and go with every scan). */
function withoutHelpers(s: StoreSnapshot): StoreSnapshot {
  const helper = (r: StoreSnapshot['dirs'][number]['role']) => (r.kind === 'container-layer' || r.kind === 'init-layer') && r.helper === true;
  return { ...s, dirs: s.dirs.filter((d) => !helper(d.role)) };
}

/** The store as a step compares it: without overlay-lab's helpers. */
export function snap(model: HostModel): StoreSnapshot {
  return withoutHelpers(takeSnapshot(model));
}

/** Single-quotes a shell word. */
export const q = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;

/** Step 1, live or simulated: the store before, and the seed's own way of listing it. */
export function storeStep(state: TourState, id: 'store', model: HostModel, more: TourCommand[]): TourStep {
  state.before = state.last = snap(model);
  return {
    id,
    storePath: model.storePath,
    snapshot: state.before,
    linkCount: model.links.length,
    commands: [
      { shell: `docker run -it --rm --privileged --pid=host busybox nsenter -t 1 -m -u -n -i ls -l ${model.storePath}`, seed: true },
      ...more,
    ],
  };
}

/** Step 5, live or simulated: the short links of the container's layers, top first. */
export function linksStep(model: HostModel, c: ContainerLayers): LinksStep {
  const byDir = new Map(model.links.filter((l) => l.dir).map((l) => [l.dir as string, l]));
  const links: LinksStep['links'] = [];
  const add = (dir: string | undefined, role: 'upper' | 'init' | 'image') => {
    const l = dir ? byDir.get(dir) : undefined;
    if (l) links.push({ ...l, role });
  };
  add(c.mountId, 'upper');
  c.lowerDirs.forEach((d) => add(d, d === c.initId ? 'init' : 'image'));
  return {
    id: 'links',
    links,
    linkCount: model.links.length,
    mount: c.mount,
    limits: model.limits,
    commands: [
      { shell: `S=${model.storePath}` },
      { shell: 'ls -l $S/l', seed: true },
      { shell: `cat $S/${c.mountId ?? '<id>'}/link; echo` },
      { shell: `cat $S/${c.mountId ?? '<id>'}/lower; echo` },
    ],
  };
}

/**
 * 3. The container step, live or simulated alike: what `run` added to the store since the last
 * step, and the commands that show its mount. `run` is the command that made the container.
 */
export function containerStep(state: TourState, view: Awaited<ReturnType<typeof inspectContainer>>, after: StoreSnapshot, run: string): ContainerStep {
  state.containerView = view;
  const diff = compareSnapshots(state.last ?? after, after);
  state.last = after;
  return {
    id: 'container',
    container: view.container,
    image: view.model.images.find((i) => i.id === view.container.imageId),
    diff,
    commands: [
      { shell: run },
      { shell: `docker inspect -f '{{json .GraphDriver.Data}}' ${view.container.name}`, seed: true },
      { shell: 'mount | grep overlay', seed: true },
    ],
  };
}
