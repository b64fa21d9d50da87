/*
 * `overlay-lab watch`'s flow: follow the engine's events, read the store again after each
 * one that can change it, and say which directories appeared or went and why. When dockerd
 * restarts, the stream ends: the watcher says so, waits for the engine, and carries on from
 * the moment it lost it (the events missed meanwhile are replayed with `since`).
 */
import type { AccessChoice } from '../docker/access/access';
import { helperSession, SESSION_LABEL } from '../docker/access/helper-container';
import type { EngineClient, EngineEvent, EngineFacts, EventSubscription } from '../docker/engine/engine';
import { inspectHost } from '../docker/inspect';
import { compareSnapshots, type SnapshotDir, type StoreSnapshot } from '../docker/store/snapshot';
import type { DirRole } from '../docker/store/model';
import { changesStore, watchChanges, type WatchChange } from '../docker/store/watch-cause';
import { watchSnapshot, watchState, type WatchState } from '../docker/store/watch-state';
import type { Localized } from '../i18n/lang';

/** What a watcher tells its view. */
export type WatchUpdate =
  | { type: 'start'; state: WatchState; accessNote?: Localized }
  /** An event that can change the store (before the store is read again). */
  | { type: 'event'; event: EngineEvent }
  /** The store read again: what appeared or went, and the state now. */
  | { type: 'changes'; changes: WatchChange[]; state: WatchState; mountsChanged: boolean }
  /** The event stream stopped: the engine restarted or went away. */
  | { type: 'lost'; reason: string }
  | { type: 'reconnected'; afterMs: number }
  /** Reading the store failed once; the watcher goes on. */
  | { type: 'warning'; reason: string };

export interface WatchOptions {
  engine: EngineClient;
  access?: AccessChoice;
  onUpdate: (u: WatchUpdate) => void;
  /** Stops the watcher; watchStore then resolves, after any store read in flight ends. */
  signal: AbortSignal;
  /** How often to knock on a lost engine's door. */
  retryMs?: number;
}

/** Events kept to attribute changes: enough for a long build, bounded for a long class. */
const HISTORY = 2000;
/** A short wait after an event gathers a burst (a build step is create, start, die, commit, destroy). */
const GATHER_MS = 15;
/**
 * A directory is on disk a moment before the engine records its owner: a commit writes the
 * layer, then layerdb; a create makes the -init layer, then layerdb/mounts. A new directory
 * without an owner is held this long, read again, and only then reported as an orphan.
 */
const OWNER_GRACE_MS = 3000;

const sleep = (ms: number, signal: AbortSignal) =>
  new Promise<void>((r) => {
    const t = setTimeout(r, ms);
    signal.addEventListener('abort', () => (clearTimeout(t), r()), { once: true });
  });

const mountKey = (s: WatchState) => s.mounts.map((m) => `${m.containerId}:${m.lowerdir.map((l) => l.dir).join(':')}`).join(' ');

/**
 * Follows the engine until `signal` aborts. Throws only when the engine cannot be reached at
 * the start (the person-facing "no engine" error); a loss later is reported and waited out.
 * @example const stop = new AbortController(); await watchStore({ engine: connectEngine(), onUpdate: console.log, signal: stop.signal });
 */
export async function watchStore(opts: WatchOptions): Promise<void> {
  const { engine, signal, onUpdate } = opts;
  let facts: EngineFacts = await engine.facts();
  const history: EngineEvent[] = [];
  const session = helperSession();
  let lastEventAt = 0;
  let timer: NodeJS.Timeout | undefined;
  let scanning: Promise<void> | undefined;
  let dirty = false;
  let previous: { snap: StoreSnapshot; state: WatchState } | undefined;
  /** Changes held back ("added <id>", "removed <id>"), and when they were first seen. */
  const pending = new Map<string, number>();
  /** Image id -> parent id, kept after the images go: a build step's layer is named through it. */
  const parents = new Map<string, string>();
  /** The last owner each directory was seen with. */
  const roles = new Map<string, DirRole>();

  const read = async () => {
    const { model, accessNote } = await inspectHost({ engine, facts, access: opts.access, simulated: 'never', listOnly: true });
    for (const i of model.images) if (i.parent) parents.set(i.id, i.parent);
    return { snap: watchSnapshot(model), state: watchState(model), accessNote };
  };
  const scan = async (): Promise<void> => {
    dirty = false;
    try {
      const now = await read();
      const held = new Set<string>();
      let removed: SnapshotDir[] = [];
      if (previous) {
        const d = compareSnapshots(previous.snap, now.snap);
        removed = d.removed.map(bestRole);
        const changes = watchChanges(d.added, removed, history, parents).filter((c) => !holdBack(c, held));
        const mountsChanged = mountKey(previous.state) !== mountKey(now.state);
        if (!signal.aborted) onUpdate({ type: 'changes', changes, state: now.state, mountsChanged });
      }
      for (const key of pending.keys()) if (!held.has(key)) pending.delete(key); // settled, or came and went
      if (held.size) setTimeout(schedule, OWNER_GRACE_MS / 2).unref();
      for (const d of now.snap.dirs) if (d.role.kind !== 'orphan' && d.role.kind !== 'unused-layer') roles.set(d.id, d.role);
      for (const d of removed) if (!held.has(`removed ${d.id}`)) roles.delete(d.id);
      // Held changes are compared again next time: a new directory stays out of the snapshot
      // kept, a gone one stays in it.
      const dirs = [...now.snap.dirs.filter((d) => !held.has(`added ${d.id}`)), ...removed.filter((d) => held.has(`removed ${d.id}`))];
      previous = { ...now, snap: { ...now.snap, dirs } };
    } catch (e) {
      if (!signal.aborted) onUpdate({ type: 'warning', reason: (e as Error).message });
    }
  };
  /**
   * Whether to hold a change back for a moment: a new directory with no owner yet, or any
   * change whose event has not arrived yet (dockerd logs an event after the work is done).
   */
  const holdBack = (c: WatchChange, held: Set<string>): boolean => {
    const key = `${c.change} ${c.dir}`;
    const unowned = c.cause.kind === 'unknown' || (c.change === 'added' && (c.role.kind === 'orphan' || c.role.kind === 'unused-layer'));
    if (!unowned) return false;
    const first = pending.get(key) ?? Date.now();
    pending.set(key, first);
    if (Date.now() - first >= OWNER_GRACE_MS) return false;
    held.add(key);
    return true;
  };
  /** A directory's best-known role: an image layer whose image went first was orphaned a moment before it went. */
  const bestRole = (d: SnapshotDir): SnapshotDir => {
    const known = roles.get(d.id);
    return known && (d.role.kind === 'orphan' || d.role.kind === 'unused-layer') ? { ...d, role: known } : d;
  };
  const schedule = () => {
    if (signal.aborted) return;
    if (scanning) {
      dirty = true;
      return;
    }
    if (timer) return;
    timer = setTimeout(() => {
      timer = undefined;
      scanning = (async () => {
        do await scan();
        while (dirty && !signal.aborted);
        scanning = undefined;
      })();
    }, GATHER_MS);
  };
  const seen = new Set<string>();
  const onEvent = (e: EngineEvent) => {
    if (e.attributes[SESSION_LABEL] === session) return; // our own helper reading the store
    const key = `${e.type} ${e.action} ${e.id} ${e.at}`;
    if (seen.has(key)) return; // replayed after a reconnection
    seen.add(key);
    if (seen.size > HISTORY * 2) seen.clear();
    lastEventAt = Math.max(lastEventAt, e.at);
    if (!changesStore(e)) return;
    history.push(e);
    if (history.length > HISTORY) history.splice(0, history.length - HISTORY);
    onUpdate({ type: 'event', event: e });
    schedule();
  };

  // Subscribe first, read second: an event between the two is not lost.
  let sub: EventSubscription = await engine.events(onEvent);
  const first = await read();
  previous = first;
  onUpdate({ type: 'start', state: first.state, accessNote: first.accessNote });
  signal.addEventListener('abort', () => sub.close(), { once: true });

  while (!signal.aborted) {
    const reason = await sub.ended.then(
      () => 'the event stream ended',
      (e: Error) => e.message,
    );
    if (signal.aborted) break;
    const lostAt = Date.now();
    onUpdate({ type: 'lost', reason });
    for (;;) {
      await sleep(opts.retryMs ?? 1000, signal);
      if (signal.aborted) break;
      try {
        facts = await engine.facts();
        // From the last event seen on (or the loss): what happened while away is replayed.
        sub = await engine.events(onEvent, Math.floor((lastEventAt || lostAt) / 1000));
        signal.addEventListener('abort', () => sub.close(), { once: true });
        break;
      } catch {
        // still gone: knock again
      }
    }
    if (signal.aborted) break;
    onUpdate({ type: 'reconnected', afterMs: Date.now() - lostAt });
    schedule();
  }
  if (timer) clearTimeout(timer);
  await scanning;
}
