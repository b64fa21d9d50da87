/* What the store holds for one container at a step of its life: create, start, stop, rm. */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { inspectHost, type HostOptions } from '../inspect';
import { DIFF_DIR, MERGED_DIR } from '../store/layout';
import { overlayMountAt, parseMountinfo } from '../store/mountinfo';
import type { HostModel } from '../store/model';
import { compareSnapshots, takeSnapshot, type SnapshotDir, type StoreSnapshot } from '../store/snapshot';

/** One of the container's two directories, as it is on disk at this step. */
export interface StageDir {
  id: string;
  /** writable: the upperdir's layer (`<id>`); init: the `<id>-init` layer below it. */
  role: 'writable' | 'init';
  diff: boolean;
  work: boolean;
  /** `merged/` exists (Docker makes it at create and keeps it, empty, while unmounted). */
  merged: boolean;
  /** Entries seen through `merged/`: the container's whole root when mounted, 0 otherwise. */
  mergedEntries: number;
  /** Entries in `diff/`. */
  diffEntries: number;
}

/** The container at one step, from the engine, the store and the kernel's mount table. */
export interface LifecycleStage {
  container: string;
  /** The container's id ('' once it is gone). */
  id: string;
  /** The engine knows the container. */
  exists: boolean;
  running: boolean;
  /** An overlay mount sits on the writable layer's `merged/` in mountinfo. */
  mounted: boolean;
  mountOptions?: string;
  dirs: StageDir[];
  snapshot: StoreSnapshot;
}

/** The directories one container's step added to or removed from the store. */
export interface StageChange {
  added: SnapshotDir[];
  removed: SnapshotDir[];
}

const count = (p: string) => (existsSync(p) ? readdirSync(p).length : 0);

/**
 * Pure plus the disk: the container's directories in a host model, and whether the kernel has its mount.
 * @example stageOf(model, 'web', readFileSync('/proc/self/mountinfo', 'utf8')).mounted
 */
export function stageOf(model: HostModel, name: string, mountinfo: string): LifecycleStage {
  const c = model.containers.find((x) => x.name === name);
  const snapshot = takeSnapshot(model);
  if (!c) return { container: name, id: '', exists: false, running: false, mounted: false, dirs: [], snapshot };
  const dirs: StageDir[] = [];
  for (const [id, role] of [[c.mountId, 'writable'], [c.initId, 'init']] as const) {
    const d = id ? model.dirs.find((x) => x.id === id) : undefined;
    if (!d) continue;
    dirs.push({ id: d.id, role, diff: d.diff, work: d.work, merged: d.merged, mergedEntries: count(path.join(d.path, MERGED_DIR)), diffEntries: count(path.join(d.path, DIFF_DIR)) });
  }
  const writable = dirs.find((d) => d.role === 'writable');
  const entry = writable ? overlayMountAt(parseMountinfo(mountinfo), `${model.storePath}/${writable.id}/${MERGED_DIR}`) : undefined;
  return { container: name, id: c.id, exists: true, running: c.running, mounted: !!entry, mountOptions: entry?.superOptions, dirs, snapshot };
}

/**
 * The container right now: reads the whole host (engine + store) and the mount table.
 * @example const created = await observeStage('lesson-c'); created.mounted // false after docker create
 */
export async function observeStage(name: string, opts: HostOptions = {}): Promise<LifecycleStage> {
  const { model } = await inspectHost(opts);
  return stageOf(model, name, readFileSync('/proc/self/mountinfo', 'utf8'));
}

/**
 * What a step did to the store for this container (by id, so a removed container still counts).
 * @example stageChange(beforeCreate, created.snapshot, id).added.map((d) => d.role.kind) // ['container-layer', 'init-layer']
 */
export function stageChange(before: StoreSnapshot, after: StoreSnapshot, containerId: string): StageChange {
  const mine = (d: SnapshotDir) => (d.role.kind === 'container-layer' || d.role.kind === 'init-layer') && d.role.containerId === containerId;
  const diff = compareSnapshots(before, after);
  return { added: diff.added.filter(mine), removed: diff.removed.filter(mine) };
}

/**
 * The create exercise's facts (course/container-lifecycle CreateFacts): the directories a step added, by role, and the mount.
 * @example createFacts(created, change).added.map((d) => d.role) // ['writable', 'init']
 */
export function createFacts(stage: LifecycleStage, change: StageChange): { added: { id: string; role: 'writable' | 'init' | 'image' }[]; mounted: boolean } {
  const role = (k: string) => (k === 'init-layer' ? 'init' : k === 'container-layer' ? 'writable' : 'image');
  return { added: change.added.map((d) => ({ id: d.id, role: role(d.role.kind) })), mounted: stage.mounted };
}

/**
 * Observes the container after a step and says what the step changed since the previous observation.
 * @example const created = await observeStep('lesson-c', takeSnapshot((await inspectHost()).model));
 */
export async function observeStep(name: string, previous: StoreSnapshot, containerId?: string, opts: HostOptions = {}): Promise<{ stage: LifecycleStage; change: StageChange }> {
  const stage = await observeStage(name, opts);
  return { stage, change: stageChange(previous, stage.snapshot, containerId || stage.id) };
}
