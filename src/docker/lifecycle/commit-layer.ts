/* `docker commit`: the container's upperdir becomes the new image's top layer, whiteouts included. */
import { lstatSync } from 'node:fs';
import { inspectContainer, inspectImage, type HostOptions } from '../inspect';
import type { ChangeKind, UpperChange } from '../store/changes';
import { DIFF_DIR } from '../store/layout';

/** A whiteout as it sits in the committed layer's diff/, read with lstat. */
export interface WhiteoutOnDisk {
  path: string;
  /** A character device... */
  charDevice: boolean;
  /** ...with device number 0/0: the kernel's whiteout. */
  major: number;
  minor: number;
}

/** The committed layer against the container it came from. */
export interface CommittedLayer {
  image: string;
  /** 1 = bottom: the new layer is the top one. */
  position: number;
  layers: number;
  /** The new layer's overlay2 directory. */
  dir: string;
  /** What the new layer adds, modifies and deletes (whiteouts), against the layers below. */
  changes: UpperChange[];
  /** What the container's upperdir held at commit time. */
  containerChanges: UpperChange[];
  /** `path kind` lines in one and not the other (empty when the layer is the upperdir). */
  onlyInContainer: string[];
  onlyInLayer: string[];
  whiteouts: WhiteoutOnDisk[];
}

const line = (c: { path: string; kind: ChangeKind }) => `${c.path} ${c.kind}`;

/** major/minor of a Linux dev_t (glibc's gnu_dev_major/minor). */
const major = (rdev: number) => ((rdev >>> 8) & 0xfff) | (Math.floor(rdev / 2 ** 32) & ~0xfff);
const minor = (rdev: number) => (rdev & 0xff) | ((rdev >>> 12) & ~0xff);

/**
 * Reads a container (before it is removed) and the image `docker commit` made of it, and compares
 * the container's upperdir with the image's top layer, entry by entry.
 * @example const c = await committedLayer('lesson-c', 'overlay-lab/lesson:committed'); c.whiteouts[0].charDevice // true
 */
export async function committedLayer(container: string, image: string, opts: HostOptions = {}): Promise<CommittedLayer> {
  const [c, i] = [await inspectContainer(container, opts), await inspectImage(image, opts)];
  const top = i.image.layers[i.image.layers.length - 1];
  const changes = i.layerChanges[top.position] ?? [];
  const inLayer = new Set(changes.map(line));
  const inContainer = new Set(c.changes.map(line));
  const dirPath = `${i.model.storePath}/${top.dir}/${DIFF_DIR}`;
  const whiteouts = changes
    .filter((x) => x.kind === 'deleted')
    .map((x) => {
      const st = lstatSync(`${dirPath}${x.path}`);
      return { path: x.path, charDevice: st.isCharacterDevice(), major: major(st.rdev), minor: minor(st.rdev) };
    });
  return {
    image,
    position: top.position,
    layers: i.image.layers.length,
    dir: top.dir ?? '',
    changes,
    containerChanges: c.changes,
    onlyInContainer: [...inContainer].filter((x) => !inLayer.has(x)),
    onlyInLayer: [...inLayer].filter((x) => !inContainer.has(x)),
    whiteouts,
  };
}

/**
 * The commit exercise's facts (course/container-lifecycle CommitFacts): what the new layer holds at a path.
 * @example commitFacts(committed, '/etc/group') // { path: '/etc/group', kind: 'deleted', charDevice: true, major: 0, minor: 0 }
 */
export function commitFacts(c: CommittedLayer, path: string): { path: string; kind?: ChangeKind; charDevice?: boolean; major?: number; minor?: number } {
  const entry = c.changes.find((x) => x.path === path);
  const w = c.whiteouts.find((x) => x.path === path);
  return { path, kind: entry?.kind, charDevice: w?.charDevice, major: w?.major, minor: w?.minor };
}
