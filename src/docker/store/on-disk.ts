/* Pure: what an overlay2/<id> directory holds, in the order the driver makes them. */
import type { LayerDir } from './model';

/** One thing found in a layer directory; `lower` carries how many layers its chain names. */
export type OnDiskPart = { kind: 'diff' | 'work' | 'merged' | 'committed' } | { kind: 'lower'; layers: number };

/** diff/ first (every layer has it), then the `lower` file, work/, merged/ and `committed`. */
export function onDiskParts(d: LayerDir): OnDiskPart[] {
  const parts: OnDiskPart[] = [];
  if (d.diff) parts.push({ kind: 'diff' });
  if (d.lowers.length) parts.push({ kind: 'lower', layers: d.lowers.length });
  if (d.work) parts.push({ kind: 'work' });
  if (d.merged) parts.push({ kind: 'merged' });
  if (d.committed) parts.push({ kind: 'committed' });
  return parts;
}
