/* The seed lab as steps: each runs through the library and returns data; views only draw it. */
import type { Localized } from '../i18n/lang';
import { OverlayLabError } from '../i18n/errors';
import { UnionLab } from '../scenario/lab';
import { presetById } from '../scenario/presets';
import type { AccessChoice } from '../docker/access/access';
import { pruneEstimate, type CleanupOutcome, type CleanupTarget } from './cleanup';
import { connectEngine } from '../docker/engine/dockerode-engine';
import type { EngineClient, EngineFacts } from '../docker/engine/engine';
import { noBusybox, notOverlay2 } from '../docker/errors';
import { findStaticBusybox } from '../docker/access/helper-image';
import { buildHostModel } from '../docker/store/host-model';
import { inspectContainer, inspectImage, type HostOptions } from '../docker/inspect';
import { connectLabEngine, type LabEngine } from './lab-engine';
import type { HostModel } from '../docker/store/model';
import { simulatedHostInput } from '../docker/hosts/simulated-host';
import { simulationReason, type SimulatedMode } from '../docker/hosts/simulated-fallback';
import { compareSnapshots } from '../docker/store/snapshot';
import { detectStore } from '../docker/store/store-kind';
import { restrictHostInput, unionUpperChanges } from './tour-simulated';
import { TOUR_CHANGES, TourResources, tourNames, type TourNames } from './tour-resources';
import { liveStep } from './tour-live';
import { containerStep, linksStep, q, snap, storeStep, type TourState } from './tour-shared';
import type { TourProgress, TourStep, TourStepId } from './tour-steps';

export * from './tour-steps';

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

/**
 * The classroom tour: the seed lab's steps on a live engine (what it creates is the session's
 * and goes away at the end, on an error, or on Ctrl-C), or on the built-in simulated host plus
 * the union engine when no engine can be used.
 * @example
 * const tour = await Tour.open({ simulated: 'fallback' });
 * try { for (const id of TOUR_STEPS) console.log(await tour.run(id)); } finally { await tour.dispose(); }
 */
export class Tour {
  private readonly state: TourState = {};
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
    return this.mode === 'live' ? (this.state.imageRef ?? this.names.image) : 'ubuntu:24.04';
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

  private live(id: TourStepId): Promise<TourStep> {
    return liveStep(
      {
        names: this.names,
        pull: this.opts.pull,
        engine: this.engine!,
        lab: this.lab!,
        resources: this.resources!,
        signal: this.abort.signal,
        state: this.state,
        host: () => this.host(),
        progress: (p) => this.progress(p),
      },
      id,
    );
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
        return storeStep(this.state, id, this.simModel([], []), [{ shell: 'overlay-lab layers --simulated' }]);
      }
      case 'image': {
        const view = await inspectImage(image, sim);
        const after = snap(this.simModel([image], []));
        const diff = compareSnapshots(this.state.last!, after);
        this.state.last = after;
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
        return containerStep(this.state, view, snap(this.simModel([image], [container])), `docker run -d --name ${container} ${image} sleep infinity`);
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
        const view = this.state.containerView ?? (await inspectContainer(container, sim));
        return linksStep(view.model, view.container);
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
          diff: compareSnapshots(this.state.last!, now),
          sinceStart: compareSnapshots(this.state.before!, now),
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
