/* inotify on a few directories (fs.watch), for watchers that follow a store's files directly. */
import { watch, type FSWatcher } from 'node:fs';

/**
 * Watches those of `dirs` that exist (inotify: an entry made, removed or written); a closer and
 * how many are watched.
 * @example const w = watchDirs(['/var/lib/containerd/io.containerd.snapshotter.v1.overlayfs/snapshots'], rescan); w.close();
 */
export function watchDirs(dirs: string[], poke: () => void): { close: () => void; count: number } {
  const watchers: FSWatcher[] = [];
  for (const dir of dirs) {
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
