/* Pure: what a container (or a layer) changed, read from its upper (diff) directory. */
import type { EntryType, UpperEntryScan } from '../access/scan';
import { WHITEOUT_RDEV } from './layout';

/**
 * - added: exists only in the upper layer.
 * - modified: also exists below: a file copied up (or replaced) before being written, or a
 *   directory that is in the upper layer because something inside it changed.
 * - deleted: a whiteout, a character device 0/0 that hides the path below.
 * - opaque: a directory marked trusted.overlay.opaque=y: everything below of that name is hidden
 *   (what `rm -rf dir && mkdir dir` leaves).
 */
export type ChangeKind = 'added' | 'modified' | 'deleted' | 'opaque';

/** One change, attributed to the lower layer it hides or replaces. */
export interface UpperChange {
  path: string;
  kind: ChangeKind;
  type: EntryType;
  size: number;
  /** Directory id of the uppermost lower that has this path (what is copied up, hidden or replaced). */
  below?: string;
  /** What that lower holds there. */
  belowType?: EntryType;
}

/**
 * Whether an entry is a whiteout: a character device with device number 0/0.
 * @example isWhiteout({ type: 'char', rdev: { major: 0, minor: 0 } } as UpperEntryScan) // true
 */
export function isWhiteout(e: Pick<UpperEntryScan, 'type' | 'rdev'>): boolean {
  return e.type === 'char' && e.rdev?.major === WHITEOUT_RDEV && e.rdev?.minor === WHITEOUT_RDEV;
}

/**
 * Classifies every entry of an upper directory. `lowers` are the directory ids the walk
 * probed (uppermost first). Under an opaque directory nothing below is visible, so entries
 * there count as added even when a lower has the same path, as the kernel sees it.
 * @example upperChanges([{ path: '/a', type: 'file', mode: 420, size: 2, inLower: -1 }], []) // [{ path: '/a', kind: 'added', ... }]
 */
export function upperChanges(entries: UpperEntryScan[], lowers: string[]): UpperChange[] {
  const opaqueDirs: string[] = [];
  const underOpaque = (p: string) => opaqueDirs.some((d) => p.startsWith(`${d}/`));
  const sorted = [...entries].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return sorted.map((e) => {
    const hidden = underOpaque(e.path);
    const below = !hidden && e.inLower >= 0 ? lowers[e.inLower] : undefined;
    let kind: ChangeKind;
    if (isWhiteout(e)) kind = 'deleted';
    else if (e.type === 'dir' && e.opaque && below) kind = 'opaque';
    else kind = below ? 'modified' : 'added';
    if (e.type === 'dir' && e.opaque) opaqueDirs.push(e.path);
    return { path: e.path, kind, type: e.type, size: e.size, below, belowType: below ? e.lowerType : undefined };
  });
}

/**
 * Counts changes by kind.
 * @example countChanges([{ kind: 'added' }, { kind: 'added' }] as UpperChange[]).added // 2
 */
export function countChanges(changes: Pick<UpperChange, 'kind'>[]): Record<ChangeKind, number> {
  const out: Record<ChangeKind, number> = { added: 0, modified: 0, deleted: 0, opaque: 0 };
  for (const c of changes) out[c.kind]++;
  return out;
}
