/*
 * Between two reads of the store, which changes are ready to be told. A directory is on disk
 * a moment before the engine records its owner (a commit writes the layer, then layerdb; a
 * create makes the -init layer, then layerdb/mounts), and dockerd logs an event after the work
 * is done: a change with no owner or no event yet is held back, compared again next time, and
 * told as it stands once OWNER_GRACE_MS has passed.
 */
import type { EngineEvent } from '../docker/engine/engine';
import type { DirRole } from '../docker/store/model';
import { compareSnapshots, type SnapshotDir, type StoreSnapshot } from '../docker/store/snapshot';
import { watchChanges, type WatchChange } from '../docker/store/watch-cause';

/** How long a change may wait for its owner or its event. */
export const OWNER_GRACE_MS = 3000;

const unowned = (c: WatchChange) => c.cause.kind === 'unknown' || (c.change === 'added' && (c.role.kind === 'orphan' || c.role.kind === 'unused-layer'));
const weak = (r: DirRole) => r.kind === 'orphan' || r.kind === 'unused-layer';

/** What one read of the store settles. */
export interface Settled {
  changes: WatchChange[];
  /** The snapshot to compare the next read with (held changes kept pending in it). */
  keep: StoreSnapshot;
  /** Whether some change is held: read again within the grace, even if no event comes. */
  holding: boolean;
}

/**
 * Holds the memory a watcher needs across reads: held changes, each directory's last known
 * owner, and each image's parent (a build step's layer is named through it).
 * @example const s = new ChangeSettler(); const { changes, keep } = s.settle(before, after, events);
 */
export class ChangeSettler {
  private readonly pending = new Map<string, number>();
  private readonly roles = new Map<string, DirRole>();
  readonly parents = new Map<string, string>();

  /** Remembers image parents (kept after the images go). */
  noteImages(images: readonly { id: string; parent: string }[]): void {
    for (const i of images) if (i.parent) this.parents.set(i.id, i.parent);
  }

  /** An image layer whose image went first was orphaned a moment before it went: its last owner. */
  private bestRole(d: SnapshotDir): SnapshotDir {
    const known = this.roles.get(d.id);
    return known && weak(d.role) ? { ...d, role: known } : d;
  }

  private hold(c: WatchChange, held: Set<string>, now: number): boolean {
    if (!unowned(c)) return false;
    const key = `${c.change} ${c.dir}`;
    const first = this.pending.get(key) ?? now;
    this.pending.set(key, first);
    if (now - first >= OWNER_GRACE_MS) return false;
    held.add(key);
    return true;
  }

  /** Compares two reads and says which changes to tell now. */
  settle(previous: StoreSnapshot, now: StoreSnapshot, history: readonly EngineEvent[], at = Date.now()): Settled {
    const d = compareSnapshots(previous, now);
    const removed = d.removed.map((x) => this.bestRole(x));
    const held = new Set<string>();
    const changes = watchChanges(d.added, removed, history, this.parents).filter((c) => !this.hold(c, held, at));
    for (const key of this.pending.keys()) if (!held.has(key)) this.pending.delete(key); // settled, or came and went
    for (const x of now.dirs) if (!weak(x.role)) this.roles.set(x.id, x.role);
    for (const x of removed) if (!held.has(`removed ${x.id}`)) this.roles.delete(x.id);
    // A held new directory stays out of the snapshot kept, a held gone one stays in it.
    const dirs = [...now.dirs.filter((x) => !held.has(`added ${x.id}`)), ...removed.filter((x) => held.has(`removed ${x.id}`))];
    return { changes, keep: { ...now, dirs }, holding: held.size > 0 };
  }
}
