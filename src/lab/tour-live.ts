/* The tour's steps on a live engine, apart from the Tour class: each builds, runs or scans through the library and returns data. */
import type { EngineClient } from '../docker/engine/engine';
import { inspectContainer, inspectHost, inspectImage, type HostOptions } from '../docker/inspect';
import { compareSnapshots } from '../docker/store/snapshot';
import { pruneEstimate } from './cleanup';
import type { LabEngine } from './lab-engine';
import { LAB_LABEL, TOUR_LABEL } from './lab-labels';
import { TOUR_CHANGES, tourBaseChanges, tourBaseRootfs, tourBuildContext, tourContainerSpec, tourDockerfile, type TourNames, type TourResources } from './tour-resources';
import { containerStep, linksStep, q, snap, storeStep, type TourState } from './tour-shared';
import type { ChangesStep, CleanupStep, ContainerStep, ImageStep, TourCommand, TourProgress, TourStep, TourStepId } from './tour-steps';

/** What the live steps use from their Tour: the engine, the session's names and resources, and its state. */
export interface LiveSession {
  names: TourNames;
  /** Pull this image instead of building one. */
  pull?: string;
  engine: EngineClient;
  lab: LabEngine;
  resources: TourResources;
  signal: AbortSignal;
  state: TourState;
  host(): HostOptions;
  progress(p: TourProgress): void;
}

/**
 * Runs one step on the live engine (steps need the ones before them).
 * @example const step = await liveStep(session, 'store');
 */
export async function liveStep(s: LiveSession, id: TourStepId): Promise<TourStep> {
  const n = s.names;
  switch (id) {
    case 'store': {
      s.progress({ kind: 'scan' });
      const { model } = await inspectHost(s.host());
      return storeStep(s.state, id, model, [{ shell: `sudo ls -l ${model.storePath}` }, { shell: 'overlay-lab layers' }]);
    }
    case 'image':
      return imageStep(s);
    case 'container':
      return liveContainerStep(s);
    case 'changes':
      return changesStep(s);
    case 'links': {
      const view = s.state.containerView ?? (await inspectContainer(n.container, s.host()));
      return linksStep(view.model, view.container);
    }
    case 'cleanup':
      return cleanupStep(s);
  }
}

/** 2. The tour's image pulled, or imported and built offline, and its new directories. */
async function imageStep(s: LiveSession): Promise<ImageStep> {
  const id = 'image';
  const n = s.names;
  const before = s.state.last ?? snap((await inspectHost(s.host())).model);
  let how: ImageStep['how'] = 'built';
  let pullFailed: string | undefined;
  if (s.pull) {
    const had = await s.engine.image(s.pull);
    s.progress({ kind: 'pull', detail: s.pull });
    if (await s.lab.pull(s.pull, (l) => s.progress({ kind: 'pull', detail: l }), s.signal)) {
      how = 'pulled';
      s.state.imageRef = s.pull;
      if (!had) s.resources.pulled.push(s.pull);
    } else pullFailed = s.pull;
  }
  if (how === 'built') {
    s.progress({ kind: 'import', detail: n.base });
    await s.engine.importImage(tourBaseRootfs(), n.base, tourBaseChanges());
    s.progress({ kind: 'build', detail: n.image });
    await s.lab.build(tourBuildContext(n), n.image, (l) => s.progress({ kind: 'build', detail: l }), s.signal);
    s.state.imageRef = n.image;
  }
  s.progress({ kind: 'scan' });
  const view = await inspectImage(s.state.imageRef!, s.host());
  const after = snap(view.model);
  s.state.last = after;
  const commands: TourCommand[] = [{ shell: 'docker pull ubuntu', seed: true }];
  if (how === 'built')
    commands.push(
      { shell: `tar -C rootfs -c . | docker import --change 'LABEL ${LAB_LABEL}=1' - ${n.base}` },
      { shell: `docker build -t ${n.image} - < Dockerfile` },
    );
  else commands.push({ shell: `docker pull ${s.state.imageRef}` });
  commands.push({ shell: `ls ${view.model.storePath}`, seed: true }, { shell: `docker image inspect -f '{{json .GraphDriver.Data}}' ${s.state.imageRef}` });
  return { id, how, pullFailed, dockerfile: how === 'built' ? tourDockerfile(n) : undefined, image: view.image, layerChanges: view.layerChanges, diff: compareSnapshots(before, after), commands };
}

/** 3. The tour's container started, and its directories and mount. */
async function liveContainerStep(s: LiveSession): Promise<ContainerStep> {
  const n = s.names;
  s.progress({ kind: 'run', detail: n.container });
  await s.lab.run({ ...tourContainerSpec(n), image: s.state.imageRef ?? n.image });
  s.progress({ kind: 'scan' });
  const view = await inspectContainer(n.container, s.host());
  return containerStep(s.state, view, snap(view.model), `docker run -d --name ${n.container} --label ${TOUR_LABEL}=${n.session} ${s.state.imageRef ?? n.image} sleep 3600`);
}

/** 4. The tour's writes, deletes and replacements run in the container, read back from its upperdir. */
async function changesStep(s: LiveSession): Promise<ChangesStep> {
  const id = 'changes';
  const n = s.names;
  const actions: ChangesStep['actions'] = [];
  for (const c of TOUR_CHANGES) {
    s.progress({ kind: 'exec', detail: c.shell });
    const r = await s.lab.exec(n.container, ['sh', '-c', c.shell]);
    actions.push({ shell: c.shell, exitCode: r.exitCode, stderr: r.stderr.trim() });
  }
  s.progress({ kind: 'scan' });
  const view = await inspectContainer(n.container, s.host());
  s.state.containerView = view;
  s.state.last = snap(view.model);
  const upper = view.container.mount?.upperdir ?? `${view.model.storePath}/${view.container.mountId}/diff`;
  return {
    id,
    container: n.container,
    upperdir: upper,
    actions,
    changes: view.changes,
    xattrs: view.model.xattrs,
    commands: [
      ...TOUR_CHANGES.map((c) => ({ shell: `docker exec ${n.container} sh -c ${q(c.shell)}` })),
      { shell: `sudo ls -la ${upper}/usr/share/doc/base`, seed: true },
      { shell: `sudo getfattr -n trusted.overlay.opaque ${upper}/var/lib/apt/lists` },
      { shell: `docker diff ${n.container}` },
    ],
  };
}

/** 6. What the seed's prune would cost, then the session's own things removed. */
async function cleanupStep(s: LiveSession): Promise<CleanupStep> {
  const id = 'cleanup';
  const n = s.names;
  const [images, containers] = await Promise.all([s.engine.images(), s.engine.containers()]);
  const prune = pruneEstimate(images, containers);
  const before = s.state.last;
  s.progress({ kind: 'remove' });
  const outcome = await s.resources.removeAll();
  s.progress({ kind: 'scan' });
  const now = snap((await inspectHost(s.host())).model);
  return {
    id,
    prune,
    removed: outcome.removed,
    failed: outcome.failed,
    diff: compareSnapshots(before ?? now, now),
    sinceStart: compareSnapshots(s.state.before ?? now, now),
    commands: [
      { shell: `docker rm -f ${n.container}` },
      { shell: `docker rmi ${[s.state.imageRef ?? n.image, ...(s.state.imageRef === n.image || !s.state.imageRef ? [n.base] : [])].join(' ')}` },
      { shell: 'docker system prune -a', seed: true, notRun: true },
      { shell: 'overlay-lab cleanup' },
    ],
  };
}
