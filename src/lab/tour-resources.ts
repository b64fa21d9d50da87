/* What the tour makes on a live engine, named and labelled here, and how it all goes away. */
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import type * as TarStream from 'tar-stream';
import type { EngineClient } from '../docker/engine/engine';
import type { LabContainerSpec, LabEngine } from './lab-engine';
import { LAB_LABEL, TOUR_IMAGE_LABEL, TOUR_LABEL } from './lab-labels';
import { applyCleanup, planCleanup, type CleanupOutcome } from './cleanup';
import { noBusybox } from '../docker/errors';
import { findStaticBusybox } from '../docker/access/helper-image';

/** How long removal keeps looking for what an interrupted build leaves behind. */
const REMOVAL_DEADLINE_MS = 20_000;

/** The names one tour session uses; the session makes them unique on a shared engine. */
export interface TourNames {
  session: string;
  /** The imported base layer (the seed's `ubuntu` stand-in): busybox plus a few ubuntu-like files. */
  base: string;
  /** Built FROM the base: two more layers, like an apt-get install and a clean-up step. */
  image: string;
  container: string;
}

/**
 * Names for a tour session (6 random hex digits: short enough for a projector, unique enough
 * for a classroom sharing one engine).
 * @example tourNames('ab12cd').image // 'overlay-lab/tour:ab12cd'
 */
export function tourNames(session = randomBytes(3).toString('hex')): TourNames {
  return { session, base: `overlay-lab/tour-base:${session}`, image: `overlay-lab/tour:${session}`, container: `overlay-lab-tour-${session}` };
}

/** Files of the base layer, after the seed's ubuntu: the same paths the `ubuntu` preset of the union engine has. */
const BASE_FILES: [path: string, content: string][] = [
  ['etc/os-release', 'NAME="Ubuntu"\nVERSION="24.04 LTS (Noble Numbat)"\n'],
  ['etc/motd', 'Welcome to Ubuntu\n'],
  ['etc/passwd', 'root:x:0:0:root:/root:/bin/sh\n'],
  ['etc/group', 'root:x:0:\n'],
  ['usr/share/doc/base/README', 'base files\n'],
  ['var/cache/apt/pkgcache.bin', 'cache-v1\n'],
  ['var/cache/apt/srcpkgcache.bin', 'cache-v1\n'],
];
const BASE_DIRS = ['bin', 'etc', 'root', 'tmp', 'usr', 'usr/share', 'usr/share/doc', 'usr/share/doc/base', 'var', 'var/cache', 'var/cache/apt', 'var/lib'];

/**
 * The base image's root file system as a tar stream (for `docker import`): this machine's
 * static busybox and its applet links, plus ubuntu-like files. A fixed mtime keeps its diff ID
 * the same from run to run.
 * @example await engine.importImage(tourBaseRootfs(), names.base, tourBaseChanges())
 */
export function tourBaseRootfs(): NodeJS.ReadableStream {
  const busybox = findStaticBusybox();
  if (!busybox) throw noBusybox();
  const applets = execFileSync(busybox, ['--list'], { encoding: 'utf8' }).split('\n').filter((a) => a && a !== 'busybox');
  const { pack } = require('tar-stream') as typeof TarStream;
  const tar = pack();
  const mtime = new Date('2024-01-01T00:00:00Z');
  for (const d of BASE_DIRS) tar.entry({ name: d, type: 'directory', mode: d === 'tmp' ? 0o1777 : d === 'root' ? 0o700 : 0o755, mtime });
  tar.entry({ name: 'bin/busybox', mode: 0o755, mtime }, readFileSync(busybox));
  for (const a of applets) tar.entry({ name: `bin/${a}`, type: 'symlink', linkname: 'busybox', mtime });
  for (const [p, c] of BASE_FILES) tar.entry({ name: p, mode: 0o644, mtime }, c);
  tar.finalize();
  return tar;
}

/**
 * `docker import --change` lines of the base: the lab label, a default command.
 * @example tourBaseChanges() // ['LABEL io.overlay-lab=1', 'CMD ["sh"]']
 */
export function tourBaseChanges(): string[] {
  return [`LABEL ${LAB_LABEL}=1`, 'CMD ["sh"]'];
}

/**
 * The Dockerfile of the tour's image: the seed's ubuntu changes, as two RUN layers. Layer 2
 * adds, overwrites and adds again (like `apt-get install curl`); layer 3 deletes a file
 * (a whiteout) and replaces a directory (`rm -rf` then `mkdir`: an opaque directory).
 * @example tourDockerfile(tourNames()).startsWith('FROM overlay-lab/tour-base:') // true
 */
export function tourDockerfile(names: TourNames): string {
  return [
    `FROM ${names.base}`,
    `LABEL ${LAB_LABEL}=1 ${TOUR_IMAGE_LABEL}=${names.session}`,
    'RUN mkdir -p /usr/bin /var/lib/apt/lists && printf \'#!/bin/sh\\necho curl\\n\' > /usr/bin/curl && chmod 755 /usr/bin/curl' +
      ' && sed -i "s/24.04 LTS/24.04.1 LTS/" /etc/os-release && echo lists > /var/lib/apt/lists/archive_noble_InRelease' +
      ' && echo cache-v2 > /var/cache/apt/pkgcache.bin',
    'RUN rm /etc/motd && rm -rf /var/cache/apt && mkdir /var/cache/apt && touch /var/cache/apt/.keep',
    'CMD ["sleep", "3600"]',
    '',
  ].join('\n');
}

/**
 * The build context: a tar holding only the Dockerfile.
 * @example await lab.build(tourBuildContext(names), names.image)
 */
export function tourBuildContext(names: TourNames): NodeJS.ReadableStream {
  const { pack } = require('tar-stream') as typeof TarStream;
  const tar = pack();
  tar.entry({ name: 'Dockerfile', mode: 0o644, mtime: new Date('2024-01-01T00:00:00Z') }, tourDockerfile(names));
  tar.finalize();
  return tar;
}

/**
 * The tour's container: the lab label and the session's tour label, set at creation.
 * @example tourContainerSpec(names).labels['io.overlay-lab.tour'] === names.session // true
 */
export function tourContainerSpec(names: TourNames): LabContainerSpec {
  return { name: names.container, image: names.image, cmd: ['sleep', '3600'], labels: { [LAB_LABEL]: '1', [TOUR_LABEL]: names.session } };
}

/** One change the tour makes inside its container, and the shell line that makes it. */
export interface TourChange {
  kind: 'added' | 'modified' | 'deleted' | 'opaque';
  path: string;
  /** For `docker exec C sh -c '...'`. */
  shell: string;
  /** The same on the union engine's merged view (scenario language). */
  union: string[];
}

/** Write a new file, write to a lower file (copy-up), delete one (whiteout), replace a directory (opaque). */
export const TOUR_CHANGES: TourChange[] = [
  { kind: 'added', path: '/root/notes.txt', shell: 'echo notes > /root/notes.txt', union: ['write root/notes.txt notes\\n'] },
  { kind: 'modified', path: '/etc/os-release', shell: 'echo ID=ubuntu >> /etc/os-release', union: ['append etc/os-release ID=ubuntu\\n'] },
  { kind: 'deleted', path: '/usr/share/doc/base/README', shell: 'rm /usr/share/doc/base/README', union: ['rm usr/share/doc/base/README'] },
  {
    kind: 'opaque',
    path: '/var/lib/apt/lists',
    shell: 'rm -rf /var/lib/apt/lists && mkdir /var/lib/apt/lists && echo new > /var/lib/apt/lists/fresh',
    union: ['rmrf var/lib/apt/lists', 'mkdir var/lib/apt/lists', 'write var/lib/apt/lists/fresh new\\n'],
  },
];

/**
 * Everything one tour session made, and its removal. Removal looks things up by name and label,
 * not only by what was recorded, so a Ctrl-C between "create" and "we know its id" still finds it.
 */
export class TourResources {
  /** Images the session pulled that were not there before (removed like its own). */
  readonly pulled: string[] = [];
  private removed = false;

  constructor(readonly engine: EngineClient, readonly lab: LabEngine, readonly names: TourNames) {}

  /**
   * Removes the session's containers (its own, its build's step containers, this process's
   * helpers) and then its images, children first. Safe to call twice and after a partial run.
   * @example await resources.removeAll()
   */
  async removeAll(): Promise<CleanupOutcome> {
    const removed: CleanupOutcome['removed'] = [];
    let failed: CleanupOutcome['failed'] = [];
    // After an aborted build the engine kills and removes its step container on its own time,
    // and that container holds the base image: look again until nothing of the session is left.
    const deadline = Date.now() + REMOVAL_DEADLINE_MS;
    for (let round = 0; ; round++) {
      const [images, containers] = await Promise.all([this.engine.images(), this.engine.containers()]);
      const plan = planCleanup(images, containers, { tourSession: this.names.session, pid: process.pid, imageTags: [this.names.image, this.names.base] });
      for (const ref of this.pulled) {
        const img = images.find((i) => i.id === ref || i.tags.includes(ref));
        if (img) plan.images.unshift({ kind: 'image', id: img.id, name: ref, why: { en: 'pulled by the tour', 'pt-BR': 'baixada pelo tour' } });
      }
      if (plan.containers.length === 0 && plan.images.length === 0) break;
      if (round > 0 && Date.now() > deadline) break;
      if (round > 0) await new Promise((r) => setTimeout(r, 250));
      const outcome = await applyCleanup(this.lab, plan);
      removed.push(...outcome.removed);
      failed = outcome.failed;
      if (outcome.failed.length === 0 && round > 0) continue;
    }
    this.removed = true;
    return { removed, failed };
  }

  /** Whether removeAll ran. */
  get done(): boolean {
    return this.removed;
  }
}
