/* What each tour step returns: plain data shared by the Tour, its live steps and the views. */
import type { LabStep, LayerView } from '../scenario/lab';
import type { UpperChange } from '../docker/store/changes';
import type { CleanupOutcome, CleanupTarget, PruneEstimate } from './cleanup';
import type { ContainerLayers, ContainerMount, ImageStack, ShortLink } from '../docker/store/model';
import type { LayerLimitArithmetic } from '../docker/store/mount-limits';
import type { SnapshotDiff, StoreSnapshot } from '../docker/store/snapshot';

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
