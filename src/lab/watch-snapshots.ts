/*
 * `overlay-lab watch --containerd ROOT`: follows containerd's own snapshot store, with no Docker
 * engine (ours is 20.10, without the containerd image store; or containerd is driven by ctr,
 * nerdctl or a kubelet). The snapshotter's directory is watched with inotify (fs.watch: a
 * snapshots/<n> directory made or removed, metadata.db written) and, as a floor, read again
 * every POLL_MS; each read goes through the same reader as `layers` (snapshot directories plus
 * metadata.db, read-only), and what appeared or went is told as a watcher's changes.
 */
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { METADATA_DB, readContainerdStore, SNAPSHOTS_DIR } from '../docker/containerd/containerd-store';
import { META_DB, readContainerdMeta } from '../docker/containerd/containerd-images';
import type { DirRole } from '../docker/store/model';
import { containerdChanges, containerdWatchRead, unpacking, type ContainerdWatchRead } from '../docker/containerd/snapshot-watch';
import { OVERLAYFS_SNAPSHOTTER_DIR } from '../docker/store/store-kind';
import type { WatchUpdate } from './watch';
import { watchDirs } from './watch-dirs';

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
/** Reads again when containerd's database was caught mid-write. */
const TORN_RETRIES = 3;
/** How long a layer being unpacked may wait for its commit before it is told as it stands. */
const UNPACK_GRACE_MS = 3000;
/** A short wait after an inotify event gathers a burst (prepare writes the directory, then the database). */
const GATHER_MS = 20;

/** The snapshotter's directory (metadata.db is written there) and its snapshots/. */
const inotify = (root: string, poke: () => void) => watchDirs([path.join(root, OVERLAYFS_SNAPSHOTTER_DIR), path.join(root, OVERLAYFS_SNAPSHOTTER_DIR, SNAPSHOTS_DIR)], poke);

/**
 * Follows containerd's snapshots until `signal` aborts. The first update is `start`, whose
 * state has `snapshots: true`; then `changes` (cause kind 'snapshot'), and `warning` when a
 * read fails once.
 * @example await watchSnapshots({ root: '/var/lib/containerd', onUpdate: console.log, signal: stop.signal });
 */
export async function watchSnapshots(opts: SnapshotWatchOptions): Promise<void> {
  const { root, signal, onUpdate } = opts;
  const read = async (): Promise<ContainerdWatchRead> => {
    // bbolt writes a transaction's pages, then its meta page: a read in between may not parse.
    // Read again a few times before showing snapshots without their names.
    for (let i = 0; ; i++) {
      const store = await readContainerdStore(root, opts.mountinfoPath);
      const meta = await readContainerdMeta(root);
      const torn = (!store.metadata && existsSync(path.join(root, OVERLAYFS_SNAPSHOTTER_DIR, METADATA_DB))) || (!meta.read && existsSync(path.join(root, META_DB)));
      if (!torn || i >= TORN_RETRIES) return containerdWatchRead(store, meta, new Date().toISOString(), root);
      await new Promise((r) => setTimeout(r, GATHER_MS));
    }
  };
  // What each snapshot last was: one removed after its image went (an image's record goes
  // first, its layer at the next garbage collection) is named by what it was.
  const roles = new Map<string, DirRole>();
  const remember = (r: ContainerdWatchRead) => {
    for (const d of r.snap.dirs) if (d.role.kind !== 'orphan' && d.role.kind !== 'unused-layer') roles.set(d.id, d.role);
  };
  let previous = await read();
  remember(previous);
  onUpdate({ type: 'start', state: previous.state, dirs: previous.snap.dirs });
  let timer: NodeJS.Timeout | undefined;
  let busy: Promise<void> | undefined;
  let again = false;
  const pending = new Map<string, number>();
  const scan = async () => {
    try {
      const now = await read();
      const at = Date.now();
      // A layer being unpacked waits for its commit (the same directory, renamed): kept out
      // of the snapshot compared next, so it comes up as new again.
      const held = new Set<string>();
      const changes = containerdChanges(previous, now, at).map((c) => (c.change === 'removed' && roles.has(c.dir) ? { ...c, role: roles.get(c.dir)! } : c)).filter((c) => {
        if (c.change !== 'added' || !unpacking(now.byDir.get(c.dir))) return true;
        const first = pending.get(c.dir) ?? at;
        pending.set(c.dir, first);
        if (at - first >= UNPACK_GRACE_MS) return true;
        held.add(c.dir);
        return false;
      });
      for (const dir of pending.keys()) if (!held.has(dir)) pending.delete(dir);
      for (const c of changes) if (c.change === 'removed') roles.delete(c.dir);
      remember(now);
      previous = { ...now, snap: { ...now.snap, dirs: now.snap.dirs.filter((d) => !held.has(d.id)) } };
      if (held.size) setTimeout(poke, GATHER_MS * 10).unref();
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
