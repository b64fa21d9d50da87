/* Pure: which engine event made a directory of the store appear or go. */
import type { EngineEvent } from '../engine/engine';
import { isHelperLayer, type DirRole } from './model';
import type { SnapshotDir } from './snapshot';

/**
 * What the person did, as the engine reports it:
 * - build-step: a step of the legacy builder. It runs one container per Dockerfile step from
 *   the image so far, commits it as a new image whose parent is that image, and removes it;
 *   the commit itself logs no event, so a new layer of image I is put down to the latest
 *   event of a container started from I's parent. (`docker commit` by hand logs `commit`.)
 * - create / start: a container (create adds its -init and writable layers; start mounts them).
 * - rm: a container `destroy` (both directories go); rmi: an image `delete` (its layers go
 *   when no other image or container holds them); prune: `docker ... prune`.
 * - pull, load, import, tag: image events that bring layers.
 * - snapshot: seen in containerd's own snapshot store (watch --containerd): the snapshot's
 *   name and kind (active, committed, view) stand for the event.
 */
export type CauseKind = 'pull' | 'build-step' | 'create' | 'start' | 'rm' | 'rmi' | 'prune' | 'load' | 'import' | 'tag' | 'snapshot' | 'other' | 'unknown';

/** The event a change is attributed to. */
export interface WatchCause {
  kind: CauseKind;
  /** The engine's own words: type and action (container commit, image delete...). */
  type?: string;
  action?: string;
  /** Container or image id (or reference, for a pull). */
  actor?: string;
  /** Container name, or image reference, when the event names it. */
  name?: string;
  /** The engine's clock, ms since the epoch. */
  at?: number;
  receivedAt?: number;
}

/** One directory that appeared or went, with its owner and the event that caused it. */
export interface WatchChange {
  change: 'added' | 'removed';
  dir: string;
  role: DirRole;
  bytes?: number;
  cause: WatchCause;
}

const CONTAINER_KINDS: Record<string, CauseKind> = { create: 'create', start: 'start', destroy: 'rm', commit: 'build-step', prune: 'prune' };
/** Container actions of a build step's container (its layer appears between die and destroy). */
const STEP_ACTIONS = new Set(['create', 'start', 'die', 'destroy']);
const IMAGE_KINDS: Record<string, CauseKind> = { pull: 'pull', delete: 'rmi', prune: 'prune', load: 'load', import: 'import', tag: 'tag' };

/**
 * The kind of one engine event.
 * @example causeKind({ type: 'container', action: 'commit' } as EngineEvent) // 'build-step'
 */
export function causeKind(e: Pick<EngineEvent, 'type' | 'action'>): CauseKind {
  const table = e.type === 'container' ? CONTAINER_KINDS : e.type === 'image' ? IMAGE_KINDS : {};
  return table[e.action] ?? 'other';
}

/** Container actions after which the store's directories or mounts may differ. */
const CONTAINER_STORE_ACTIONS = new Set(['create', 'start', 'die', 'destroy', 'commit', 'prune', 'rename']);

/**
 * Whether an event can change the store's directories or mounts (an `exec` or an `attach`
 * cannot): only these make a watcher read the store again. Every image event may.
 * @example changesStore({ type: 'container', action: 'exec_start' } as EngineEvent) // false
 */
export function changesStore(e: Pick<EngineEvent, 'type' | 'action'>): boolean {
  return e.type === 'image' || (e.type === 'container' && CONTAINER_STORE_ACTIONS.has(e.action));
}

function cause(e: EngineEvent, kind = causeKind(e)): WatchCause {
  const name = e.attributes.name ?? (e.type === 'image' && !e.id.startsWith('sha256:') ? e.id : undefined);
  return { kind, type: e.type, action: e.action, actor: e.id, name, at: e.at, receivedAt: e.receivedAt };
}

const UNKNOWN: WatchCause = { kind: 'unknown' };

/** The latest event (newest last in `events`) that satisfies a test. */
function latest(events: readonly EngineEvent[], test: (e: EngineEvent) => boolean): EngineEvent | undefined {
  for (let i = events.length - 1; i >= 0; i--) if (test(events[i])) return events[i];
  return undefined;
}

/** Does an image event name one of these images (by id, or by tag as a pull names it)? */
function namesImage(e: EngineEvent, ids: Set<string>, names: Set<string>): boolean {
  return ids.has(e.id) || names.has(e.id) || names.has(`${e.id}:latest`) || (e.attributes.imageID !== undefined && ids.has(e.attributes.imageID));
}

/**
 * Attributes one directory that appeared (`added`, role as the store has it now) or went
 * (`removed`, role as it had before) to the most recent event of its owner: a container's
 * layers to that container's create or destroy; an image layer to the pull, load, import or
 * commit that made an image holding it, or to a build step (a container run from the parent
 * of an image holding it, `parents` maps image id to parent id); a removed image layer to the
 * delete of an image that held it. Without an event of its owner, a prune (or, for a new
 * layer with no owner yet, a pull) is named; else the cause is unknown, never a guess from
 * someone else's event.
 * @example attributeChange({ change: 'added', role: d.role }, events).kind // 'create'
 */
export function attributeChange(change: Pick<WatchChange, 'change' | 'role'>, events: readonly EngineEvent[], parents: ReadonlyMap<string, string> = new Map()): WatchCause {
  const r = change.role;
  const added = change.change === 'added';
  const prune = latest(events, (e) => e.action === 'prune');
  if (r.kind === 'container-layer' || r.kind === 'init-layer') {
    const want = added ? 'create' : 'destroy';
    // A container's directories go only with docker rm, which deletes them before its destroy event:
    // a removal seen first waits for that event (held back as unknown) instead of taking the die before it.
    const own =
      latest(events, (e) => e.type === 'container' && e.id === r.containerId && e.action === want) ??
      (added ? latest(events, (e) => e.type === 'container' && e.id === r.containerId && e.action !== 'prune') : undefined);
    return own ? cause(own) : prune ? cause(prune) : UNKNOWN;
  }
  if (r.kind === 'image-layer') {
    const ids = new Set(r.usedBy.map((u) => u.imageId));
    const names = new Set(r.usedBy.map((u) => u.image));
    const want = added ? ['commit', 'pull', 'load', 'import'] : ['delete'];
    const own = latest(events, (e) => want.includes(e.action) && (e.type === 'image' || e.action === 'commit') && namesImage(e, ids, names));
    if (own) return cause(own);
    if (added) {
      const from = new Set([...ids].map((id) => parents.get(id)).filter((p): p is string => !!p));
      const step = latest(events, (e) => e.type === 'container' && STEP_ACTIONS.has(e.action) && from.has(e.attributes.image ?? ''));
      if (step) return cause(step, 'build-step');
    }
  }
  if (prune) return cause(prune);
  // A pull registers its layers before its image: a new layer with no image yet is the pull's.
  const pull = added && r.kind !== 'image-layer' ? latest(events, (e) => e.type === 'image' && e.action === 'pull') : undefined;
  return pull ? cause(pull) : UNKNOWN;
}

/**
 * A container's layers can be on disk before the engine lists the container (the model then
 * names it by its short id); its own create event carries the name.
 */
function named(role: DirRole, c: WatchCause): DirRole {
  if ((role.kind === 'container-layer' || role.kind === 'init-layer') && c.type === 'container' && c.actor === role.containerId && c.name) return { ...role, container: c.name };
  return role;
}

/**
 * Every directory that appeared or went between two snapshots, each with its cause; the
 * lab's own helper containers (they come and go to read the store) are left out.
 * @example watchChanges(diff.added, diff.removed, events)
 */
export function watchChanges(added: readonly SnapshotDir[], removed: readonly SnapshotDir[], events: readonly EngineEvent[], parents?: ReadonlyMap<string, string>): WatchChange[] {
  const out: WatchChange[] = [];
  for (const [list, change] of [[added, 'added'], [removed, 'removed']] as const)
    for (const d of list) {
      if (isHelperLayer(d.role)) continue;
      const cause = attributeChange({ change, role: d.role }, events, parents);
      out.push({ change, dir: d.id, role: named(d.role, cause), bytes: d.bytes, cause });
    }
  return out;
}
