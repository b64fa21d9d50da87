/* Pure data: a fixed, realistic overlay2 host, for when no engine answers (and for the tour). */
import { sha256Hex } from '../../union/sha256';
import { chainIds } from '../store/chain-id';
import type { ContainerFacts, EngineFacts, ImageFacts } from '../engine/engine';
import type { HostInput } from '../store/host-model';
import { DIFF_DIR, INIT_SUFFIX, LINK_DIR, MERGED_DIR, WORK_DIR } from '../store/layout';
import type { EntryType, LayerDbEntryScan, LayerDirScan, MountEntryScan, ShortLinkScan, StoreScan, UpperEntryScan } from '../access/scan';
import { detectStore } from '../store/store-kind';

/**
 * The simulated host, told as data:
 *   ubuntu:24.04  1 layer (the root file system, as the real image has today)
 *   webapp:1      FROM ubuntu:24.04 + 2 layers (COPY /srv/app; replace /srv/app/cache: opaque)
 *   demo          a running container of ubuntu:24.04 that wrote, copied up, deleted and
 *                 replaced files (its writable layer holds a whiteout and an opaque directory)
 *   web           a stopped container of webapp:1
 *   one orphan    a directory nothing points at (left by an interrupted build)
 * Ids are derived from names with sha256 so they look real and never change.
 */
const ROOT = '/var/lib/docker';
const STORE = `${ROOT}/overlay2`;
const T0 = Date.UTC(2024, 2, 4, 10, 0, 0) / 1000;

const UTF8 = new TextEncoder();

function hex(seed: string): string {
  return sha256Hex(UTF8.encode(`overlay-lab simulated ${seed}`));
}

/** 26 characters of base32 (A-Z, 2-7), like Docker's short link names. */
function shortName(seed: string): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  const digest = sha256Hex(UTF8.encode(`link ${seed}`));
  let out = '';
  for (let i = 0; out.length < 26; i++) out += alphabet[parseInt(digest.slice(2 * i, 2 * i + 2), 16) & 31];
  return out;
}

type Entry = [path: string, type: EntryType, size: number, extra?: 'whiteout' | 'opaque'];

/** One image layer of the simulation: a name, the files it brings, its size. */
interface SimLayer {
  key: string;
  bytes: number;
  files: Entry[];
}

// ubuntu:24.04 as Docker Hub serves it today: one layer holding the whole root file system
// (apt's docker-clean and /run/systemd/container included). In 2019-20 it had 4 layers.
const UBUNTU: SimLayer[] = [
  {
    key: 'ubuntu-rootfs',
    bytes: 78_123_456,
    files: [
      ['/bin', 'symlink', 7], ['/etc', 'dir', 4096], ['/etc/apt', 'dir', 4096], ['/etc/apt/apt.conf.d', 'dir', 4096],
      ['/etc/apt/apt.conf.d/docker-clean', 'file', 811], ['/etc/apt/sources.list', 'file', 2403],
      ['/etc/legal', 'file', 267], ['/etc/hostname', 'file', 13], ['/run', 'dir', 4096], ['/run/systemd', 'dir', 4096],
      ['/run/systemd/container', 'file', 7], ['/usr', 'dir', 4096], ['/usr/bin', 'dir', 20480],
      ['/usr/bin/bash', 'file', 1_446_024], ['/var', 'dir', 4096], ['/var/cache', 'dir', 4096], ['/var/cache/apt', 'dir', 4096],
      ['/var/cache/apt/pkgcache.bin', 'file', 1_201_455], ['/root', 'dir', 4096],
    ],
  },
];

const WEBAPP: SimLayer[] = [
  {
    key: 'webapp-copy',
    bytes: 18_431,
    files: [['/srv', 'dir', 4096], ['/srv/app', 'dir', 4096], ['/srv/app/server.sh', 'file', 1_201], ['/srv/app/cache', 'dir', 4096], ['/srv/app/cache/old.db', 'file', 17_230]],
  },
  {
    key: 'webapp-cache',
    bytes: 0,
    files: [['/srv', 'dir', 4096], ['/srv/app', 'dir', 4096], ['/srv/app/cache', 'dir', 4096, 'opaque']],
  },
];

const DEMO_CHANGES: Entry[] = [
  ['/etc', 'dir', 4096], ['/etc/apt', 'dir', 4096], ['/etc/apt/sources.list', 'file', 2511], ['/etc/legal', 'char', 0, 'whiteout'],
  ['/root', 'dir', 4096], ['/root/notes.txt', 'file', 42], ['/var', 'dir', 4096], ['/var/cache', 'dir', 4096],
  ['/var/cache/apt', 'dir', 4096, 'opaque'],
];

const INIT_FILES: Entry[] = [
  ['/.dockerenv', 'file', 0], ['/dev', 'dir', 4096], ['/dev/console', 'file', 0], ['/dev/pts', 'dir', 4096], ['/dev/shm', 'dir', 4096],
  ['/etc', 'dir', 4096], ['/etc/hostname', 'file', 0], ['/etc/hosts', 'file', 0], ['/etc/mtab', 'symlink', 12],
  ['/etc/resolv.conf', 'file', 0], ['/proc', 'dir', 4096], ['/sys', 'dir', 4096],
];

/** Every path (with parents) a list of layers holds, uppermost first, for the "in lower" probe. */
function inLowerOf(path: string, lowers: Entry[][]): number {
  return lowers.findIndex((files) => files.some(([p]) => p === path));
}

function entries(files: Entry[], lowers: Entry[][]): UpperEntryScan[] {
  return files.map(([path, type, size, extra]) => ({
    path,
    type,
    mode: type === 'char' ? 0 : type === 'dir' ? 0o755 : type === 'symlink' ? 0o777 : 0o644,
    size,
    rdev: type === 'char' ? { major: 0, minor: 0 } : undefined,
    opaque: type === 'dir' ? extra === 'opaque' : undefined,
    inLower: inLowerOf(path, lowers),
  }));
}

/**
 * The simulated host as the model's input: the same types a live engine and store produce,
 * so every view renders both alike.
 * @example const model = buildHostModel(simulatedHostInput()); model.source // 'simulated'
 */
export function simulatedHostInput(): HostInput {
  const engine: EngineFacts = {
    endpoint: 'unix:///var/run/docker.sock',
    local: true,
    version: '24.0.7 (simulated)',
    apiVersion: '1.43',
    os: 'Ubuntu 24.04.1 LTS',
    kernel: '6.5.0-25-generic',
    driver: 'overlay2',
    rootDir: ROOT,
    driverStatus: [['Backing Filesystem', 'extfs'], ['Supports d_type', 'true'], ['Using metacopy', 'false'], ['Native Overlay Diff', 'true'], ['userxattr', 'false']],
  };

  const dirs: LayerDirScan[] = [];
  const links: ShortLinkScan[] = [];
  const layers: LayerDbEntryScan[] = [];
  const uppers: Record<string, UpperEntryScan[]> = {};
  const linkOf = new Map<string, string>();
  let clock = T0;

  /** Adds an overlay2 directory on top of `below` (uppermost first). */
  const addDir = (id: string, below: string[], bytes: number, opts: { merged?: boolean; work?: boolean } = {}) => {
    const link = shortName(id);
    linkOf.set(id, link);
    links.push({ name: link, target: `../${id}/${DIFF_DIR}` });
    for (const parent of below.slice(0, 1)) {
      const p = dirs.find((d) => d.id === parent);
      if (p) p.committed = true; // a child now sits on it
    }
    dirs.push({
      id,
      link,
      lower: below.length ? below.map((b) => `${LINK_DIR}/${linkOf.get(b)}`).join(':') : undefined,
      committed: false,
      diff: true,
      work: opts.work ?? below.length > 0,
      merged: opts.merged ?? false,
      bytes,
      mtime: (clock += 60),
    });
  };

  const images: ImageFacts[] = [];
  const stack = (name: string, base: { diffIds: string[]; dirs: string[]; files: Entry[][] } | undefined, own: SimLayer[]) => {
    const diffIds = [...(base?.diffIds ?? [])];
    const dirIds = [...(base?.dirs ?? [])];
    const files = [...(base?.files ?? [])];
    for (const layer of own) {
      diffIds.push(`sha256:${hex(`diff ${layer.key}`)}`);
      const chain = chainIds(diffIds);
      const id = hex(`cache ${layer.key}`);
      const below = [...dirIds].reverse();
      addDir(id, below, layer.bytes + layer.files.filter(([, t]) => t === 'dir').length * 4096);
      uppers[id] = entries(layer.files, [...files].reverse());
      layers.push({ chainId: chain[chain.length - 1], diffId: diffIds[diffIds.length - 1], parent: chain[chain.length - 2], cacheId: id, size: layer.bytes });
      dirIds.push(id);
      files.push(layer.files);
    }
    const top = dirIds[dirIds.length - 1];
    const lower = [...dirIds].reverse().slice(1);
    images.push({
      id: `sha256:${hex(`image ${name}`)}`,
      tags: [name],
      diffIds,
      driver: 'overlay2',
      data: {
        UpperDir: `${STORE}/${top}/${DIFF_DIR}`,
        LowerDir: lower.length ? lower.map((d) => `${STORE}/${d}/${DIFF_DIR}`).join(':') : undefined,
        WorkDir: `${STORE}/${top}/${WORK_DIR}`,
        MergedDir: `${STORE}/${top}/${MERGED_DIR}`,
      },
      parent: '',
      created: new Date(clock * 1000).toISOString(),
      size: [...(base ? UBUNTU : []), ...own].reduce((s, l) => s + l.bytes, 0),
      labels: {},
    });
    return { diffIds, dirs: dirIds, files };
  };
  const ubuntu = stack('ubuntu:24.04', undefined, UBUNTU);
  stack('webapp:1', ubuntu, WEBAPP);

  const mounts: MountEntryScan[] = [];
  const containers: ContainerFacts[] = [];
  let mountinfo = '';
  const run = (name: string, image: ImageFacts, base: { dirs: string[]; files: Entry[][] }, changes: Entry[], running: boolean) => {
    const id = hex(`container ${name}`);
    const mountId = hex(`mount ${name}`);
    const initId = `${mountId}${INIT_SUFFIX}`;
    const imageBelow = [...base.dirs].reverse();
    const imageFiles = [...base.files].reverse();
    addDir(initId, imageBelow, 4096 * 6 + 12);
    uppers[initId] = entries(INIT_FILES, imageFiles);
    addDir(mountId, [initId, ...imageBelow], changes.reduce((s, [, , size]) => s + size, 4096), { merged: running });
    uppers[mountId] = entries(changes, [INIT_FILES, ...imageFiles]);
    mounts.push({ containerId: id, mountId, initId, parent: layers.find((l) => l.cacheId === base.dirs[base.dirs.length - 1])?.chainId });
    const lowerDirs = [initId, ...imageBelow];
    containers.push({
      id,
      name,
      imageId: image.id,
      imageRef: image.tags[0],
      running,
      pid: running ? 4242 : 0,
      driver: 'overlay2',
      data: {
        LowerDir: lowerDirs.map((d) => `${STORE}/${d}/${DIFF_DIR}`).join(':'),
        UpperDir: `${STORE}/${mountId}/${DIFF_DIR}`,
        WorkDir: `${STORE}/${mountId}/${WORK_DIR}`,
        MergedDir: `${STORE}/${mountId}/${MERGED_DIR}`,
      },
      labels: {},
    });
    if (running) {
      const lowerdir = lowerDirs.map((d) => `${STORE}/${LINK_DIR}/${linkOf.get(d)}`).join(':');
      mountinfo += `1203 29 0:52 / ${STORE}/${mountId}/${MERGED_DIR} rw,relatime - overlay overlay rw,lowerdir=${lowerdir},upperdir=${STORE}/${mountId}/${DIFF_DIR},workdir=${STORE}/${mountId}/${WORK_DIR}\n`;
    }
  };
  run('demo', images[0], ubuntu, DEMO_CHANGES, true);
  const webapp = { dirs: [...ubuntu.dirs, ...WEBAPP.map((l) => hex(`cache ${l.key}`))], files: [...ubuntu.files, ...WEBAPP.map((l) => l.files)] };
  run('web', images[1], webapp, [], false);

  // An interrupted build left this behind: on disk, but in neither layerdb nor layerdb/mounts.
  addDir(hex('orphan build step'), [hex('cache webapp-cache'), ...[...webapp.dirs].reverse().slice(1)], 53_248);

  const scan: StoreScan = { root: ROOT, dirs, links, layers, mounts, mountinfo, uppers, xattrs: true };
  return {
    source: 'simulated',
    engine,
    store: detectStore(engine),
    access: 'simulated',
    scan,
    images,
    containers,
    takenAt: new Date(clock * 1000).toISOString(),
  };
}
