/* The seed lab as steps: each runs through the library and returns data; views only draw it. */
import type { Localized } from '../i18n/lang';
import { OverlayLabError } from '../i18n/errors';
import { UnionLab, type LabStep, type LayerView } from '../scenario/lab';
import { presetById } from '../scenario/presets';
import type { AccessChoice } from '../docker/access/access';
import type { UpperChange } from '../docker/store/changes';
import { pruneEstimate, type CleanupOutcome, type CleanupTarget, type PruneEstimate } from './cleanup';
import { connectEngine } from '../docker/engine/dockerode-engine';
import type { EngineClient, EngineFacts } from '../docker/engine/engine';
import { noBusybox, notOverlay2 } from '../docker/errors';
import { findStaticBusybox } from '../docker/access/helper-image';
import { buildHostModel } from '../docker/store/host-model';
import { inspectContainer, inspectHost, inspectImage, type HostOptions } from '../docker/inspect';
import { connectLabEngine, type LabEngine } from './lab-engine';
import type { ContainerLayers, ContainerMount, HostModel, ImageStack, ShortLink } from '../docker/store/model';
import type { LayerLimitArithmetic } from '../docker/store/mount-limits';
import { simulatedHostInput } from '../docker/hosts/simulated-host';
import { simulationReason, type SimulatedMode } from '../docker/hosts/simulated-fallback';
import { compareSnapshots, takeSnapshot, type SnapshotDiff, type StoreSnapshot } from '../docker/store/snapshot';
import { detectStore } from '../docker/store/store-kind';
import { restrictHostInput, unionUpperChanges } from './tour-simulated';
import {
  TOUR_CHANGES,
  TourResources,
  tourBaseChanges,
  tourBaseRootfs,
  tourBuildContext,
  tourContainerSpec,
  tourDockerfile,
  tourNames,
  type TourNames,
} from './tour-resources';
import { LAB_LABEL, TOUR_LABEL } from './lab-labels';

/** The steps, in the seed's order. */
export const TOUR_STEPS = ['store', 'image', 'container', 'changes', 'links', 'cleanup'] as const;
export type TourStepId = (typeof TOUR_STEPS)[number];

/** A shell command a step stands for: the seed lab's own, or its equivalent here. */
export interface TourCommand {
  shell: string;
  /** The seed lab's command, as the class typed it. */
  seed?: boolean;
  /** Shown, never run (docker system prune -a). */
  notRun?: boolean;
}

/** What slow work is going on (image import, build, pull, store scan). */
export interface TourProgress {
  kind: 'import' | 'build' | 'pull' | 'run' | 'exec' | 'scan' | 'remove';
  /** The engine's own line (a build step), when there is one. */
  detail?: string;
}

interface StepBase {
  commands: TourCommand[];
}

/** 1. The store before anything of the tour's exists. */
export interface StoreStep extends StepBase {
  id: 'store';
  storePath: string;
  snapshot: StoreSnapshot;
  linkCount: number;
}

/** 2. An image arrives: its layers, and the new directories each attributed. */
export interface ImageStep extends StepBase {
  id: 'image';
  how: 'pulled' | 'built' | 'simulated';
  /** The pull was asked for but no registry answered. */
  pullFailed?: string;
  dockerfile?: string;
  image: ImageStack;
  layerChanges: Record<number, UpperChange[]>;
  diff: SnapshotDiff;
}

/** 3. A running container: its directories and its real overlay mount. */
export interface ContainerStep extends StepBase {
  id: 'container';
  container: ContainerLayers;
  image?: ImageStack;
  diff: SnapshotDiff;
}

/** 4. Writing, deleting and replacing inside the container, read back from its upperdir. */
export interface ChangesStep extends StepBase {
  id: 'changes';
  container: string;
  upperdir: string;
  actions: { shell: string; exitCode: number; stderr: string }[];
  changes: UpperChange[];
  xattrs: boolean;
  /** Simulated tour: the same changes on the union engine, events included. */
  union?: { steps: LabStep[]; upper: LayerView; lowers: string[] };
}

/** 5. `l/` and the layer limits. */
export interface LinksStep extends StepBase {
  id: 'links';
  /** The short links of the container's layers, top first. */
  links: (ShortLink & { role: 'upper' | 'init' | 'image' })[];
  linkCount: number;
  mount?: ContainerMount;
  limits: LayerLimitArithmetic;
}

/** 6. Cleanup: what the seed's prune would have cost, what the tour removed, and the store back as before. */
export interface CleanupStep extends StepBase {
  id: 'cleanup';
  prune: PruneEstimate;
  removed: CleanupTarget[];
  failed: CleanupOutcome['failed'];
  /** Against the store right before the cleanup: what went away. */
  diff: SnapshotDiff;
  /** Against the store before step 1: ideally nothing new and nothing gone. */
  sinceStart: SnapshotDiff;
}

export type TourStep = StoreStep | ImageStep | ContainerStep | ChangesStep | LinksStep | CleanupStep;

/** Where the tour runs and what it may use. */
export interface TourOptions {
  env?: Record<string, string | undefined>;
  /** 'fallback' (default): the simulated host when no engine answers or it cannot be used. */
  simulated?: SimulatedMode;
  access?: AccessChoice;
  /** Pull this image instead of building one (needs a registry; else the tour builds). */
  pull?: string;
  engine?: EngineClient;
  lab?: LabEngine;
  names?: TourNames;
  onProgress?: (p: TourProgress) => void;
}

/** The snapshot without overlay-lab's own helper containers (they come and go with every scan). */
function withoutHelpers(s: StoreSnapshot): StoreSnapshot {
  const helper = (r: StoreSnapshot['dirs'][number]['role']) => (r.kind === 'container-layer' || r.kind === 'init-layer') && r.helper === true;
  return { ...s, dirs: s.dirs.filter((d) => !helper(d.role)) };
}

function snap(model: HostModel): StoreSnapshot {
  return withoutHelpers(takeSnapshot(model));
}

const q = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;

/**
 * The classroom tour: the seed lab's steps on a live engine (what it creates is the session's
 * and goes away at the end, on an error, or on Ctrl-C), or on the built-in simulated host plus
 * the union engine when no engine can be used.
 * @example
 * const tour = await Tour.open({ simulated: 'fallback' });
 * try { for (const id of TOUR_STEPS) console.log(await tour.run(id)); } finally { await tour.dispose(); }
 */
export class Tour {
  private before?: StoreSnapshot;
  private last?: StoreSnapshot;
  private containerView?: Awaited<ReturnType<typeof inspectContainer>>;
  private imageRef?: string;
  private readonly abort = new AbortController();
  /** Results so far, by step. */
  readonly results: Partial<Record<TourStepId, TourStep>> = {};

  private constructor(
    readonly mode: 'live' | 'simulated',
    /** Why the simulated host is used, when it is. */
    readonly simulatedBecause: OverlayLabError | undefined,
    readonly names: TourNames,
    private readonly opts: TourOptions,
    readonly engine?: EngineClient,
    readonly lab?: LabEngine,
    readonly resources?: TourResources,
    /** The live engine's facts (version, endpoint, root). */
    readonly facts?: EngineFacts,
  ) {}

  /**
   * Picks live or simulated. Live needs an overlay2 engine and (to build the image offline) a
   * static busybox; with `simulated: 'fallback'` anything missing falls back to the simulation,
   * with the reason kept in `simulatedBecause`.
   * @example const tour = await Tour.open({ env: process.env }); tour.mode // 'live'
   */
  static async open(opts: TourOptions = {}): Promise<Tour> {
    const names = opts.names ?? tourNames();
    const mode = opts.simulated ?? 'fallback';
    if (mode === 'always') return new Tour('simulated', undefined, names, opts);
    const engine = opts.engine ?? connectEngine(opts.env ?? process.env);
    const fallback = (e: OverlayLabError): Tour => {
      if (mode === 'never') throw e;
      return new Tour('simulated', e, names, opts);
    };
    let facts;
    try {
      facts = await engine.facts();
    } catch (e) {
      const because = simulationReason(e, mode);
      if (because) return fallback(because);
      throw e;
    }
    const store = detectStore(facts);
    if (store.kind !== 'overlay2') return fallback(notOverlay2(store.driver, store.kind));
    if (!opts.pull && !findStaticBusybox()) return fallback(noBusybox());
    const lab = opts.lab ?? connectLabEngine(opts.env ?? process.env);
    return new Tour('live', undefined, names, opts, engine, lab, new TourResources(engine, lab, names), facts);
  }

  private host(): HostOptions {
    return { engine: this.engine, env: this.opts.env, access: this.opts.access, simulated: 'never' };
  }

  private progress(p: TourProgress): void {
    this.opts.onProgress?.(p);
  }

  /** The container's name as the steps show it. */
  get containerName(): string {
    return this.mode === 'live' ? this.names.container : 'demo';
  }

  /** The image's name as the steps show it. */
  get imageName(): string {
    return this.mode === 'live' ? (this.imageRef ?? this.names.image) : 'ubuntu:24.04';
  }

  /**
   * Runs one step (steps need the ones before them: run them in order).
   * @example const store = await tour.run('store');
   */
  async run(id: TourStepId): Promise<TourStep> {
    const step = this.mode === 'live' ? await this.live(id) : await this.simulated(id);
    this.results[id] = step;
    return step;
  }

  /** Stops a build or pull in flight (Ctrl-C): the engine drops its step containers. */
  interrupt(): void {
    this.abort.abort();
  }

  /**
   * Removes everything the session made on a live engine (nothing to do when simulated).
   * @example await tour.dispose()
   */
  async dispose(): Promise<CleanupOutcome> {
    if (!this.resources) return { removed: [], failed: [] };
    return this.resources.removeAll();
  }

  // ---------------------------------------------------------------- live

  /** Step 1, live or simulated: the store before, and the seed's own way of listing it. */
  private storeStep(id: 'store', model: HostModel, more: TourCommand[]): TourStep {
    this.before = this.last = snap(model);
    return {
      id,
      storePath: model.storePath,
      snapshot: this.before,
      linkCount: model.links.length,
      commands: [
        { shell: `docker run -it --rm --privileged --pid=host busybox nsenter -t 1 -m -u -n -i ls -l ${model.storePath}`, seed: true },
        ...more,
      ],
    };
  }

  private async live(id: TourStepId): Promise<TourStep> {
    const n = this.names;
    const store = () => this.containerView?.model.storePath ?? '/var/lib/docker/overlay2';
    switch (id) {
      case 'store': {
        this.progress({ kind: 'scan' });
        const { model } = await inspectHost(this.host());
        return this.storeStep(id, model, [{ shell: `sudo ls -l ${model.storePath}` }, { shell: 'overlay-lab layers' }]);
      }
      case 'image': {
        const before = this.last ?? snap((await inspectHost(this.host())).model);
        let how: ImageStep['how'] = 'built';
        let pullFailed: string | undefined;
        if (this.opts.pull) {
          const had = await this.engine!.image(this.opts.pull);
          this.progress({ kind: 'pull', detail: this.opts.pull });
          if (await this.lab!.pull(this.opts.pull, (l) => this.progress({ kind: 'pull', detail: l }), this.abort.signal)) {
            how = 'pulled';
            this.imageRef = this.opts.pull;
            if (!had) this.resources!.pulled.push(this.opts.pull);
          } else pullFailed = this.opts.pull;
        }
        if (how === 'built') {
          this.progress({ kind: 'import', detail: n.base });
          await this.engine!.importImage(tourBaseRootfs(), n.base, tourBaseChanges());
          this.progress({ kind: 'build', detail: n.image });
          await this.lab!.build(tourBuildContext(n), n.image, (l) => this.progress({ kind: 'build', detail: l }), this.abort.signal);
          this.imageRef = n.image;
        }
        this.progress({ kind: 'scan' });
        const view = await inspectImage(this.imageRef!, this.host());
        const after = snap(view.model);
        this.last = after;
        const commands: TourCommand[] = [{ shell: 'docker pull ubuntu', seed: true }];
        if (how === 'built')
          commands.push(
            { shell: `tar -C rootfs -c . | docker import --change 'LABEL ${LAB_LABEL}=1' - ${n.base}` },
            { shell: `docker build -t ${n.image} - < Dockerfile` },
          );
        else commands.push({ shell: `docker pull ${this.imageRef}` });
        commands.push({ shell: `ls ${view.model.storePath}`, seed: true }, { shell: `docker image inspect -f '{{json .GraphDriver.Data}}' ${this.imageRef}` });
        return { id, how, pullFailed, dockerfile: how === 'built' ? tourDockerfile(n) : undefined, image: view.image, layerChanges: view.layerChanges, diff: compareSnapshots(before, after), commands };
      }
      case 'container': {
        this.progress({ kind: 'run', detail: n.container });
        await this.lab!.run({ ...tourContainerSpec(n), image: this.imageRef ?? n.image });
        this.progress({ kind: 'scan' });
        const view = await inspectContainer(n.container, this.host());
        this.containerView = view;
        const after = snap(view.model);
        const diff = compareSnapshots(this.last ?? after, after);
        this.last = after;
        return {
          id,
          container: view.container,
          image: view.model.images.find((i) => i.id === view.container.imageId),
          diff,
          commands: [
            { shell: `docker run -d --name ${n.container} --label ${TOUR_LABEL}=${n.session} ${this.imageName} sleep 3600` },
            { shell: `docker inspect -f '{{json .GraphDriver.Data}}' ${n.container}`, seed: true },
            { shell: 'mount | grep overlay', seed: true },
          ],
        };
      }
      case 'changes': {
        const actions: ChangesStep['actions'] = [];
        for (const c of TOUR_CHANGES) {
          this.progress({ kind: 'exec', detail: c.shell });
          const r = await this.lab!.exec(n.container, ['sh', '-c', c.shell]);
          actions.push({ shell: c.shell, exitCode: r.exitCode, stderr: r.stderr.trim() });
        }
        this.progress({ kind: 'scan' });
        const view = await inspectContainer(n.container, this.host());
        this.containerView = view;
        this.last = snap(view.model);
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
      case 'links': {
        const view = this.containerView ?? (await inspectContainer(n.container, this.host()));
        return this.linksStep(view.model, view.container);
      }
      case 'cleanup': {
        const [images, containers] = await Promise.all([this.engine!.images(), this.engine!.containers()]);
        const prune = pruneEstimate(images, containers);
        const before = this.last;
        this.progress({ kind: 'remove' });
        const outcome = await this.resources!.removeAll();
        this.progress({ kind: 'scan' });
        const now = snap((await inspectHost(this.host())).model);
        return {
          id,
          prune,
          removed: outcome.removed,
          failed: outcome.failed,
          diff: compareSnapshots(before ?? now, now),
          sinceStart: compareSnapshots(this.before ?? now, now),
          commands: [
            { shell: `docker rm -f ${n.container}` },
            { shell: `docker rmi ${[this.imageRef ?? n.image, ...(this.imageRef === n.image || !this.imageRef ? [n.base] : [])].join(' ')}` },
            { shell: 'docker system prune -a', seed: true, notRun: true },
            { shell: 'overlay-lab cleanup' },
          ],
        };
      }
    }
  }

  private linksStep(model: HostModel, c: ContainerLayers): LinksStep {
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

  // ----------------------------------------------------------- simulated

  private simModel(images: string[], containers: string[]): HostModel {
    return buildHostModel(restrictHostInput(simulatedHostInput(), images, containers));
  }

  private async simulated(id: TourStepId): Promise<TourStep> {
    const sim = { simulated: 'always' as const };
    const image = 'ubuntu:24.04';
    const container = 'demo';
    switch (id) {
      case 'store': {
        return this.storeStep(id, this.simModel([], []), [{ shell: 'overlay-lab layers --simulated' }]);
      }
      case 'image': {
        const view = await inspectImage(image, sim);
        const after = snap(this.simModel([image], []));
        const diff = compareSnapshots(this.last!, after);
        this.last = after;
        return {
          id,
          how: 'simulated',
          image: view.image,
          layerChanges: view.layerChanges,
          diff,
          commands: [
            { shell: 'docker pull ubuntu:24.04', seed: true },
            { shell: `ls ${view.model.storePath}`, seed: true },
            { shell: `docker image inspect -f '{{json .GraphDriver.Data}}' ${image}` },
          ],
        };
      }
      case 'container': {
        const view = await inspectContainer(container, sim);
        this.containerView = view;
        const after = snap(this.simModel([image], [container]));
        const diff = compareSnapshots(this.last!, after);
        this.last = after;
        return {
          id,
          container: view.container,
          image: view.model.images.find((i) => i.id === view.container.imageId),
          diff,
          commands: [
            { shell: `docker run -d --name ${container} ${image} sleep infinity` },
            { shell: `docker inspect -f '{{json .GraphDriver.Data}}' ${container}`, seed: true },
            { shell: 'mount | grep overlay', seed: true },
          ],
        };
      }
      case 'changes': {
        const preset = presetById('ubuntu')!;
        const lab = UnionLab.create({ setup: preset.text });
        if ('refused' in lab) throw new OverlayLabError('EMOUNT', { en: 'the union engine refused the mount: {why}', 'pt-BR': 'o motor de união recusou a montagem: {why}' }, { why: lab.refused });
        const steps = TOUR_CHANGES.flatMap((c) => c.union.map((line) => lab.run(line)));
        const view = lab.view();
        return {
          id,
          container,
          upperdir: 'upper',
          actions: TOUR_CHANGES.map((c, i) => ({ shell: c.shell, exitCode: steps.slice(0, i + 1).some((s) => s.result !== 'OK') ? 1 : 0, stderr: '' })),
          changes: unionUpperChanges(view),
          xattrs: true,
          union: { steps, upper: view.upper!, lowers: view.lowers.map((l) => l.name) },
          commands: TOUR_CHANGES.map((c) => ({ shell: `docker exec ${container} sh -c ${q(c.shell)}` })),
        };
      }
      case 'links': {
        const view = this.containerView ?? (await inspectContainer(container, sim));
        return this.linksStep(view.model, view.container);
      }
      case 'cleanup': {
        const full = simulatedHostInput();
        const prune = pruneEstimate(full.images, full.containers);
        const now = snap(this.simModel([], []));
        const c = full.containers.find((x) => x.name === container)!;
        const img = full.images.find((i) => i.tags.includes(image))!;
        const removed: CleanupTarget[] = [
          { kind: 'container', id: c.id, name: container, why: SIMULATED_REMOVAL },
          { kind: 'image', id: img.id, name: image, why: SIMULATED_REMOVAL },
        ];
        return {
          id,
          prune,
          removed,
          failed: [],
          diff: compareSnapshots(this.last!, now),
          sinceStart: compareSnapshots(this.before!, now),
          commands: [
            { shell: `docker rm -f ${container}` },
            { shell: `docker rmi ${image}` },
            { shell: 'docker system prune -a', seed: true, notRun: true },
            { shell: 'overlay-lab cleanup' },
          ],
        };
      }
    }
  }
}

const SIMULATED_REMOVAL: Localized = { en: 'removed in the simulation', 'pt-BR': 'removido na simulação' };

