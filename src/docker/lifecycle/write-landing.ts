/* Where a write inside a container lands on the host: a volume's _data, or the writable layer's diff/. */
import { existsSync } from 'node:fs';
import { connectEngine } from '../engine/dockerode-engine';
import { engineReads, type MountFacts } from '../engine/engine-reads';
import { notFound } from '../errors';

/** Where one path written inside a container is kept on the host. */
export interface WriteLanding {
  containerPath: string;
  /** volume: a named volume; bind: a host directory; tmpfs: memory; upperdir: the container's own layer. */
  lands: 'volume' | 'bind' | 'tmpfs' | 'upperdir';
  /** The volume's name, when it lands in one. */
  volume?: string;
  /** The file on the host ('' for tmpfs: it has no host path). */
  hostPath: string;
  /** The container's upperdir (`overlay2/<id>/diff`). */
  upperdir: string;
  /** Whether hostPath is inside the upperdir (it never is for a volume). */
  insideUpperdir: boolean;
}

const under = (p: string, dir: string) => p === dir || p.startsWith(`${dir.replace(/\/+$/, '')}/`);

/**
 * Pure: Docker's rule. A path under a mount's destination goes to that mount (the deepest one
 * wins, as the kernel resolves the path through the last mount on it); anything else is written
 * through the overlay mount, so the kernel puts it in the upperdir.
 * @example landingOf('/data/a', [{ type: 'volume', name: 'v', source: '/var/lib/docker/volumes/v/_data', destination: '/data' }], '/d/diff').hostPath // '/var/lib/docker/volumes/v/_data/a'
 */
export function landingOf(containerPath: string, mounts: MountFacts[], upperdir: string): WriteLanding {
  const m = mounts.filter((x) => under(containerPath, x.destination)).sort((a, b) => b.destination.length - a.destination.length)[0];
  if (!m) {
    const hostPath = `${upperdir}${containerPath}`;
    return { containerPath, lands: 'upperdir', hostPath, upperdir, insideUpperdir: true };
  }
  const lands = m.type === 'volume' ? 'volume' : m.type === 'tmpfs' ? 'tmpfs' : 'bind';
  const hostPath = lands === 'tmpfs' ? '' : `${m.source.replace(/\/+$/, '')}${containerPath.slice(m.destination.replace(/\/+$/, '').length)}`;
  return { containerPath, lands, volume: m.name, hostPath, upperdir, insideUpperdir: hostPath !== '' && under(hostPath, upperdir) };
}

/**
 * Asks the engine where a container's path lands (its Mounts and its UpperDir).
 * @example const l = await locateWrite('lesson-c', '/data/note.txt'); l.lands // 'volume'
 */
export async function locateWrite(container: string, containerPath: string, env: Record<string, string | undefined> = process.env): Promise<WriteLanding> {
  const [facts, mounts] = await Promise.all([connectEngine(env).container(container), engineReads(env).containerMounts(container)]);
  if (!facts || !mounts) throw notFound('container', container);
  return landingOf(containerPath, mounts, facts.data.UpperDir ?? '');
}

/**
 * Whether the written file is on the host's disk now (after `docker rm`, say).
 * @example onDisk(landing) // true for a volume after docker rm
 */
export function onDisk(landing: WriteLanding): boolean {
  return landing.hostPath !== '' && existsSync(landing.hostPath);
}

/**
 * The volume exercise's facts (course/container-lifecycle SurvivorFacts): is each written file on disk now?
 * @example survivorFacts(inVolume, inUpper) // { volumeFile: '/data/notes.txt', volumeKept: true, ... }
 */
export function survivorFacts(volume: WriteLanding, upper: WriteLanding): { volumeFile: string; volumeKept: boolean; upperFile: string; upperKept: boolean } {
  return { volumeFile: volume.containerPath, volumeKept: onDisk(volume), upperFile: upper.containerPath, upperKept: onDisk(upper) };
}
