/* Pure: the tour without an engine: moments of the simulated host, and the union engine's upper layer as changes. */
import { chainIds } from '../docker/store/chain-id';
import type { HostInput } from '../docker/store/host-model';
import type { UpperChange } from '../docker/store/changes';
import type { StackView } from '../scenario/lab';
import type { EntryType } from '../docker/access/scan';

/**
 * The simulated host as it was when only some of its images and containers existed: their
 * directories, short links, layerdb entries, mounts and mount table lines, nothing else.
 * This is how the tour shows "the store before", "after the pull" and "after the run" without
 * an engine.
 * @example restrictHostInput(simulatedHostInput(), ['ubuntu:24.04'], []).scan.dirs.length // 1
 */
export function restrictHostInput(input: HostInput, images: string[], containers: string[]): HostInput {
  const keptImages = input.images.filter((i) => i.tags.some((t) => images.includes(t)));
  const keptContainers = input.containers.filter((c) => containers.includes(c.name));
  const chains = new Set(keptImages.flatMap((i) => chainIds(i.diffIds)));
  const layers = input.scan.layers.filter((l) => chains.has(l.chainId));
  const mounts = input.scan.mounts.filter((m) => keptContainers.some((c) => c.id === m.containerId));
  const dirIds = new Set([...layers.map((l) => l.cacheId), ...mounts.flatMap((m) => [m.mountId, ...(m.initId ? [m.initId] : [])])]);
  const dirs = input.scan.dirs.filter((d) => dirIds.has(d.id));
  const links = input.scan.links.filter((l) => dirs.some((d) => l.target === `../${d.id}/diff`));
  const mountinfo = (input.scan.mountinfo ?? '')
    .split('\n')
    .filter((line) => line && mounts.some((m) => line.includes(`/${m.mountId}/merged `)))
    .map((line) => `${line}\n`)
    .join('');
  const uppers = Object.fromEntries(Object.entries(input.scan.uppers).filter(([id]) => dirIds.has(id)));
  return {
    ...input,
    images: keptImages,
    containers: keptContainers,
    scan: { ...input.scan, dirs, links, layers, mounts, mountinfo, uppers },
  };
}

const TYPE: Record<string, EntryType> = { f: 'file', d: 'dir', l: 'symlink', c: 'char', b: 'block', p: 'fifo', s: 'socket' };

/**
 * The union engine's upper layer in the same terms a live upperdir is read in: a whiteout is
 * a deletion, an opaque directory that a lower also has is a replacement, an entry a lower also
 * has is a modification (copied up), the rest is added. `below` names the uppermost lower
 * (L0, L1...) that has the path.
 * @example unionUpperChanges(lab.view()).find((c) => c.kind === 'deleted')?.path // '/etc/passwd'
 */
export function unionUpperChanges(view: StackView): UpperChange[] {
  if (!view.upper) return [];
  const lowerPaths = view.lowers.map((l) => new Map(l.entries.map((e) => [e.path, e])));
  const opaqueDirs: string[] = [];
  return view.upper.entries.map((e) => {
    const hidden = opaqueDirs.some((d) => e.path.startsWith(`${d}/`));
    // Below an opaque directory (or a whiteout of a parent) nothing of the lowers shows.
    let below: string | undefined;
    const ancestors = e.path.split('/').slice(0, -1).map((_, i, parts) => parts.slice(0, i + 1).join('/'));
    if (!hidden)
      for (let i = 0; i < lowerPaths.length; i++) {
        const hit = lowerPaths[i].get(e.path);
        if (hit) {
          if (!hit.whiteout) below = view.lowers[i].name;
          break;
        }
        // A whiteout or an opaque directory on the way hides every layer under this one.
        if (ancestors.some((a) => { const d = lowerPaths[i].get(a); return d?.whiteout || d?.opaque === 'y'; })) break;
      }
    if (e.type === 'd' && e.opaque === 'y') opaqueDirs.push(e.path);
    const kind: UpperChange['kind'] = e.whiteout ? 'deleted' : e.type === 'd' && e.opaque === 'y' && below ? 'opaque' : below ? 'modified' : 'added';
    return { path: `/${e.path}`, kind, type: e.whiteout ? 'char' : TYPE[e.type] ?? 'file', size: e.size, below };
  });
}
