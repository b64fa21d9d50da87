/* Pure data: a fixed, realistic overlay2 host, for when no engine answers (and for the tour). */
import type { EngineFacts } from '../engine/engine';
import type { HostInput } from '../store/host-model';
import type { StoreScan } from '../access/scan';
import { detectStore } from '../store/store-kind';
import { addDir, emptySimStore, hex, ROOT, type Entry, type SimLayer } from './simulated-store';
import { addImageStack } from './simulated-images';
import { addContainer } from './simulated-containers';

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

  const store = emptySimStore();
  const ubuntu = addImageStack(store, 'ubuntu:24.04', undefined, UBUNTU);
  addImageStack(store, 'webapp:1', ubuntu, WEBAPP);

  addContainer(store, 'demo', store.images[0], ubuntu, DEMO_CHANGES, true);
  const webapp = { dirs: [...ubuntu.dirs, ...WEBAPP.map((l) => hex(`cache ${l.key}`))], files: [...ubuntu.files, ...WEBAPP.map((l) => l.files)] };
  addContainer(store, 'web', store.images[1], webapp, [], false);

  // An interrupted build left this behind: on disk, but in neither layerdb nor layerdb/mounts.
  addDir(store, hex('orphan build step'), [hex('cache webapp-cache'), ...[...webapp.dirs].reverse().slice(1)], 53_248);

  const { dirs, links, layers, mounts, mountinfo, uppers, images, containers } = store;
  const scan: StoreScan = { root: ROOT, dirs, links, layers, mounts, mountinfo, uppers, xattrs: true };
  return {
    source: 'simulated',
    engine,
    store: detectStore(engine),
    access: 'simulated',
    scan,
    images,
    containers,
    takenAt: new Date(store.clock * 1000).toISOString(),
  };
}
