/*
 * `overlay-lab watch --containerd ROOT`: follows containerd's own snapshot store, with no Docker
 * engine (ours is 20.10, without the containerd image store; or containerd is driven by ctr,
 * nerdctl or a kubelet). The snapshotter's directory is watched with inotify (fs.watch: a
 * snapshots/<n> directory made or removed, metadata.db written) and, as a floor, read again
 * every POLL_MS; each read goes through the same reader as `layers` (snapshot directories plus
 * metadata.db, read-only), and what appeared or went is told as a watcher's changes.
 */
import { watch, type FSWatcher } from 'node:fs';
import * as path from 'node:path';
import { readContainerdStore, SNAPSHOTS_DIR } from '../docker/containerd/containerd-store';
import { containerdChanges, containerdWatchRead, type ContainerdWatchRead } from '../docker/containerd/snapshot-watch';
import { OVERLAYFS_SNAPSHOTTER_DIR } from '../docker/store/store-kind';
import type { WatchUpdate } from './watch';

export interface SnapshotWatchOptions {
  /** containerd's root (its --root; /var/lib/containerd by default). */
  root: string;
  onUpdate: (u: WatchUpdate) => void;
  signal: AbortSignal;
  /** Read again this often even without an inotify event (a directory made before the watch existed). */
  pollMs?: number;
  /** The mount table to name which snapshots are mounted (tests pass their own). */
  mountinfoPath?: string;
}

/** The floor: inotify says sooner; this catches a snapshotter directory created after the start. */
const POLL_MS = 1000;
/** A short wait after an inotify event gathers a burst (prepare writes the directory, then the database). */
const GATHER_MS = 20;

/** Watches what exists of the snapshotter's directory and its snapshots/; a closer and how many are watched. */
function inotify(root: string, poke: () => void): { close: () => void; count: number } {
  const watchers: FSWatcher[] = [];
  for (const dir of [path.join(root, OVERLAYFS_SNAPSHOTTER_DIR), path.join(root, OVERLAYFS_SNAPSHOTTER_DIR, SNAPSHOTS_DIR)]) {
    try {
      const w = watch(dir, { persistent: false }, poke);
      w.on('error', () => w.close());
      watchers.push(w);
    } catch {
      // not there yet: the poll reads it once it is
    }
  }
  return { close: () => watchers.forEach((w) => w.close()), count: watchers.length };
}

/**
 * Follows containerd's snapshots until `signal` aborts. The first update is `start`, whose
 * state has `snapshots: true`; then `changes` (cause kind 'snapshot'), and `warning` when a
 * read fails once.
 * @example await watchSnapshots({ root: '/var/lib/containerd', onUpdate: console.log, signal: stop.signal });
 */
export async function watchSnapshots(opts: SnapshotWatchOptions): Promise<void> {
  const { root, signal, onUpdate } = opts;
  const read = async (): Promise<ContainerdWatchRead> => containerdWatchRead(await readContainerdStore(root, opts.mountinfoPath), new Date().toISOString(), root, 0);
  let previous = await read();
  onUpdate({ type: 'start', state: previous.state });
  let timer: NodeJS.Timeout | undefined;
  let busy: Promise<void> | undefined;
  let again = false;
  const scan = async () => {
    try {
      const now = await read();
      const changes = containerdChanges(previous, now);
      previous = now;
      if (changes.length && !signal.aborted) onUpdate({ type: 'changes', changes, state: now.state, mountsChanged: false });
    } catch (e) {
      if (!signal.aborted) onUpdate({ type: 'warning', reason: (e as Error).message });
    }
  };
  let watched = inotify(root, () => poke());
  const poke = () => {
    if (signal.aborted || timer) return;
    if (busy) return void (again = true);
    timer = setTimeout(() => {
      timer = undefined;
      busy = (async () => {
        do {
          again = false;
          await scan();
        } while (again && !signal.aborted);
        busy = undefined;
      })();
    }, GATHER_MS);
  };
  const poll = setInterval(() => {
    // The snapshotter's directory may appear after the start: watch it once it does.
    if (watched.count < 2) {
      watched.close();
      watched = inotify(root, () => poke());
    }
    poke();
  }, opts.pollMs ?? POLL_MS);
  await new Promise<void>((r) => (signal.aborted ? r() : signal.addEventListener('abort', () => r(), { once: true })));
  clearInterval(poll);
  if (timer) clearTimeout(timer);
  watched.close();
  await busy;
}
