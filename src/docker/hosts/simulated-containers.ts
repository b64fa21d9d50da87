/* The simulated host's containers: one builder adds a container's init and writable layers, its facts and, if running, its mount. */
import type { ImageFacts } from '../engine/engine';
import { DIFF_DIR, INIT_SUFFIX, LINK_DIR, MERGED_DIR, WORK_DIR } from '../store/layout';
import { addDir, entries, hex, STORE, type Entry, type SimStore } from './simulated-store';

const INIT_FILES: Entry[] = [
  ['/.dockerenv', 'file', 0], ['/dev', 'dir', 4096], ['/dev/console', 'file', 0], ['/dev/pts', 'dir', 4096], ['/dev/shm', 'dir', 4096],
  ['/etc', 'dir', 4096], ['/etc/hostname', 'file', 0], ['/etc/hosts', 'file', 0], ['/etc/mtab', 'symlink', 12],
  ['/etc/resolv.conf', 'file', 0], ['/proc', 'dir', 4096], ['/sys', 'dir', 4096],
];

/**
 * Adds the container `name` of `image` (whose directories and files are `base`), having written `changes`.
 * @example addContainer(store, 'demo', store.images[0], ubuntu, DEMO_CHANGES, true);
 */
export function addContainer(store: SimStore, name: string, image: ImageFacts, base: { dirs: string[]; files: Entry[][] }, changes: Entry[], running: boolean): void {
  const id = hex(`container ${name}`);
  const mountId = hex(`mount ${name}`);
  const initId = `${mountId}${INIT_SUFFIX}`;
  const imageBelow = [...base.dirs].reverse();
  const imageFiles = [...base.files].reverse();
  addDir(store, initId, imageBelow, 4096 * 6 + 12);
  store.uppers[initId] = entries(INIT_FILES, imageFiles);
  addDir(store, mountId, [initId, ...imageBelow], changes.reduce((s, [, , size]) => s + size, 4096), { merged: running });
  store.uppers[mountId] = entries(changes, [INIT_FILES, ...imageFiles]);
  store.mounts.push({ containerId: id, mountId, initId, parent: store.layers.find((l) => l.cacheId === base.dirs[base.dirs.length - 1])?.chainId });
  const lowerDirs = [initId, ...imageBelow];
  store.containers.push({
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
    const lowerdir = lowerDirs.map((d) => `${STORE}/${LINK_DIR}/${store.linkOf.get(d)}`).join(':');
    store.mountinfo += `1203 29 0:52 / ${STORE}/${mountId}/${MERGED_DIR} rw,relatime - overlay overlay rw,lowerdir=${lowerdir},upperdir=${STORE}/${mountId}/${DIFF_DIR},workdir=${STORE}/${mountId}/${WORK_DIR}\n`;
  }
}
