/*
 * `overlay-lab watch`'s flow: follow the engine's events, read the store again after each
 * one that can change it, and say which directories appeared or went and why. When dockerd
 * restarts, the stream ends: the watcher says so, waits for the engine, and carries on from
 * the moment it lost it (the events missed meanwhile are replayed with `since`).
 */
import type { AccessChoice } from '../docker/access/access';
import { helperSession, SESSION_LABEL } from '../docker/access/helper-container';
import type { EngineClient, EngineEvent, EngineFacts, EventSubscription, ImageFacts } from '../docker/engine/engine';
import { inspectHost } from '../docker/inspect';
import type { SnapshotDir, StoreSnapshot } from '../docker/store/snapshot';
import { changesStore, type WatchChange } from '../docker/store/watch-cause';
import { ChangeSettler, OWNER_GRACE_MS } from './watch-settle';
import { watchSnapshot, watchState, type WatchState } from '../docker/store/watch-state';
import type { Localized } from '../i18n/lang';
import * as path from 'node:path';
import { watchDirs } from './watch-dirs';

/** What a watcher tells its view. */
export type WatchUpdate =
  | { type: 'start'; state: WatchState; accessNote?: Localized; dirs?: SnapshotDir[] }
  /** An event that can change the store (before the store is read again). */
  | { type: 'event'; event: EngineEvent }
  /** The store read again: what appeared or went, and the state now. */
  | { type: 'changes'; changes: WatchChange[]; state: WatchState; mountsChanged: boolean; dirs?: SnapshotDir[] }
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
/** A short wait after an event gathers a burst (a build step is create, start, die, destroy). */
const GATHER_MS = 15;

/** Waits, or less if the signal aborts; the listener goes with the wait (a long loss would pile them up). */
export const sleep = (ms: number, signal: AbortSignal) =>
  new Promise<void>((r) => {
    const done = (): void => {
      clearTimeout(t);
      signal.removeEventListener('abort', done);
      r();
    };
    const t: NodeJS.Timeout = setTimeout(done, ms);
    signal.addEventListener('abort', done, { once: true });
  });

const mountKey = (s: WatchState) => s.mounts.map((m) => `${m.containerId}:${m.lowerdir.map((l) => l.dir).join(':')}`).join(' ');

/** Knocks on a lost engine's door until it answers (or the watcher stops); then follows it again from `since`. */
async function waitForEngine(opts: WatchOptions, onEvent: (e: EngineEvent) => void, since: number): Promise<{ facts: EngineFacts; sub: EventSubscription } | undefined> {
  const { engine, signal } = opts;
  while (!signal.aborted) {
    await sleep(opts.retryMs ?? 1000, signal);
    if (signal.aborted) break;
    try {
      const facts = await engine.facts();
      const sub = await engine.events(onEvent, Math.floor(since / 1000));
      signal.addEventListener('abort', () => sub.close(), { once: true });
      return { facts, sub };
    } catch {
      // still gone: knock again
    }
  }
  return undefined;
}

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
  const settler = new ChangeSettler();
  let lastEventAt = 0;
  let timer: NodeJS.Timeout | undefined;
  let scanning: Promise<void> | undefined;
  let dirty = false;
  let previous: { snap: StoreSnapshot; state: WatchState } | undefined;
  let knownImages = new Map<string, ImageFacts>();

  const read = async () => {
    const { model, accessNote, imageFacts } = await inspectHost({ engine, facts, access: opts.access, simulated: 'never', listOnly: true, knownImages });
    knownImages = new Map((imageFacts ?? []).map((i) => [i.id, i]));
    settler.noteImages(model.images);
    return { snap: watchSnapshot(model), state: watchState(model), accessNote };
  };
  const scan = async (): Promise<void> => {
    dirty = false;
    try {
      const now = await read();
      if (!previous) return void (previous = now);
      const { changes, keep, holding } = settler.settle(previous.snap, now.snap, history);
      const mountsChanged = mountKey(previous.state) !== mountKey(now.state);
      previous = { ...now, snap: keep };
      if (holding) setTimeout(schedule, OWNER_GRACE_MS / 2).unref();
      if (!signal.aborted) onUpdate({ type: 'changes', changes, state: now.state, mountsChanged, dirs: now.snap.dirs });
    } catch (e) {
      if (!signal.aborted) onUpdate({ type: 'warning', reason: (e as Error).message });
    }
  };
  const schedule = () => {
    if (signal.aborted) return;
    if (scanning) return void (dirty = true);
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
    if (seen.add(key).size > HISTORY * 2) seen.clear();
    lastEventAt = Math.max(lastEventAt, e.at);
    if (!changesStore(e)) return;
    history.push(e);
    if (history.length > HISTORY) history.splice(0, history.length - HISTORY);
    onUpdate({ type: 'event', event: e });
    schedule();
  };

  // Subscribe first, read second: an event between the two is not lost.
  let sub: EventSubscription = await engine.events(onEvent);
  signal.addEventListener('abort', () => sub.close(), { once: true });
  const first = await read();
  previous = first;
  onUpdate({ type: 'start', state: first.state, accessNote: first.accessNote, dirs: first.snap.dirs });
  // On the containerd image store, containerd changes snapshots the engine logs no event for
  // (ctr, nerdctl, its garbage collector): a local store's directories are watched as well.
  if (first.state.snapshots && facts.local) {
    const dirs = watchDirs([first.snap.storePath, path.dirname(first.snap.storePath)], schedule);
    signal.addEventListener('abort', () => dirs.close(), { once: true });
  }

  while (!signal.aborted) {
    const reason = await sub.ended.then(() => 'the event stream ended', (e: Error) => e.message);
    if (signal.aborted) break;
    const lostAt = Date.now();
    onUpdate({ type: 'lost', reason });
    // From the last event seen on (or the loss): what happened while away is replayed.
    const back = await waitForEngine(opts, onEvent, lastEventAt || lostAt);
    if (!back) break;
    ({ facts, sub } = back);
    onUpdate({ type: 'reconnected', afterMs: Date.now() - lostAt });
    schedule();
  }
  if (timer) clearTimeout(timer);
  await scanning;
}
