/*
 * `overlay-lab serve`'s flow: one watcher per engine (watch's own watchStore), and what each
 * engine's panel shows built from its updates: the state (totals, mounts), every directory with
 * its owner, the recent changes with their event. Views subscribe and are told which panel
 * changed; nothing here writes to an engine.
 */
import type { AccessChoice } from '../docker/access/access';
import type { EngineClient } from '../docker/engine/engine';
import { inspectContainer, type ContainerView } from '../docker/inspect';
import type { SnapshotDir } from '../docker/store/snapshot';
import { isHelperLayer } from '../docker/store/model';
import type { WatchChange } from '../docker/store/watch-cause';
import type { WatchState } from '../docker/store/watch-state';
import type { Localized } from '../i18n/lang';
import { sleep, watchStore, type WatchUpdate } from './watch';

/** Recent changes a panel keeps. */
const KEEP = 200;
/** How long to wait before knocking again on an engine that did not answer at the start. */
const RETRY_MS = 2000;

/** A change as a panel shows it: with its delay after the event, and when it was told. */
export interface FeedChange {
  change: WatchChange;
  latencyMs?: number;
  shownAt: string;
}

/** One engine's panel. */
export interface EnginePanel {
  index: number;
  /** How the person named the engine (--host URL, --context NAME, or the default endpoint). */
  label: string;
  /** 'waiting': not reached yet (or never); 'live': followed; 'lost': went away, being waited for. */
  status: 'waiting' | 'live' | 'lost';
  /** Why it is waiting or lost (the engine client's message). */
  reason?: string;
  /** After a reconnection: how long the engine was away. */
  backAfterMs?: number;
  state?: WatchState;
  dirs: Map<string, SnapshotDir>;
  recent: FeedChange[];
  accessNote?: Localized;
  /** Incremented on every change of the panel (a view can skip a redraw). */
  version: number;
}

/** One engine to follow. */
export interface FeedEngine {
  label: string;
  engine: EngineClient;
}

type Listener = (panel: EnginePanel) => void;

const ownKey = (d: SnapshotDir) => `${d.id} ${JSON.stringify(d.role)}`;

/**
 * The directories as the watcher's last read of the store found them, each with its owner now
 * (a build step's layer belongs to the step's image first, to the tagged image at the end),
 * overlay-lab's own helper left out. Says whether any directory or owner changed.
 */
function setDirs(p: EnginePanel, dirs: SnapshotDir[] | undefined): boolean {
  if (!dirs) return false;
  const next = new Map(dirs.filter((d) => !isHelperLayer(d.role)).map((d) => [d.id, d]));
  const same = next.size === p.dirs.size && [...next.values()].every((d) => p.dirs.has(d.id) && ownKey(p.dirs.get(d.id)!) === ownKey(d));
  p.dirs = next;
  return !same;
}

/**
 * Follows several engines at once, each in its own panel, until `signal` aborts.
 * @example const feed = new ServeFeed([{ label: 'local', engine: connectEngine() }]); feed.subscribe((p) => draw(p)); await feed.run(stop.signal);
 */
export class ServeFeed {
  readonly panels: EnginePanel[];
  private readonly listeners = new Set<Listener>();

  constructor(
    private readonly engines: FeedEngine[],
    private readonly access: AccessChoice = 'auto',
  ) {
    this.panels = engines.map((e, index) => ({ index, label: e.label, status: 'waiting', dirs: new Map(), recent: [], version: 0 }));
  }

  /** Calls `fn` with a panel each time it changes; returns the unsubscribe function. */
  subscribe(fn: Listener): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  private tell(p: EnginePanel): void {
    p.version++;
    for (const fn of this.listeners) fn(p);
  }

  /** Reads a container of one engine (its mount and upperdir), for the union mount picture. */
  container(index: number, name: string): Promise<ContainerView> {
    return inspectContainer(name, { engine: this.engines[index].engine, access: this.access, simulated: 'never' });
  }

  /** Follows every engine until `signal` aborts. */
  async run(signal: AbortSignal): Promise<void> {
    await Promise.all(this.engines.map((e, i) => this.follow(e.engine, this.panels[i], signal)));
  }

  private apply(p: EnginePanel, u: WatchUpdate): boolean {
    if (u.type === 'changes') {
      p.state = u.state;
      const now = Date.now();
      const owners = setDirs(p, u.dirs);
      for (const c of u.changes) {
        p.recent.unshift({ change: c, latencyMs: c.cause.at ? Math.max(0, now - c.cause.at) : undefined, shownAt: new Date(now).toISOString() });
      }
      p.recent.splice(KEEP);
      return u.changes.length > 0 || u.mountsChanged || owners;
    }
    if (u.type === 'lost') Object.assign(p, { status: 'lost', reason: u.reason, backAfterMs: undefined });
    else if (u.type === 'reconnected') Object.assign(p, { status: 'live', reason: undefined, backAfterMs: u.afterMs });
    else if (u.type === 'warning') p.reason = u.reason;
    else return false;
    return true;
  }

  private async follow(engine: EngineClient, p: EnginePanel, signal: AbortSignal): Promise<void> {
    while (!signal.aborted) {
      try {
        await watchStore({
          engine,
          access: this.access,
          signal,
          onUpdate: (u) => {
            if (u.type === 'start') {
              Object.assign(p, { status: 'live', reason: undefined, state: u.state, accessNote: u.accessNote });
              setDirs(p, u.dirs);
              this.tell(p);
            } else if (this.apply(p, u)) this.tell(p);
          },
        });
        return;
      } catch (e) {
        // No engine at the start: say so on its panel and knock again.
        if (p.reason !== (e as Error).message || p.status !== 'waiting') Object.assign(p, { status: p.state ? 'lost' : 'waiting', reason: (e as Error).message }), this.tell(p);
        await sleep(RETRY_MS, signal);
      }
    }
  }
}
