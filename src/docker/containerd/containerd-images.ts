/*
 * containerd's own images and containers, read from its root with no engine in front: the
 * metadata database `io.containerd.metadata.v1.bolt/meta.db` (bucket v1/<namespace>/images/<name>
 * with target/digest; v1/<namespace>/containers/<id> with snapshotKey) and the content store
 * `io.containerd.content.v1.content/blobs/sha256/<hex>` (the manifest, then the image config,
 * whose rootfs.diff_ids give the chain IDs its committed snapshots are named by).
 */
import { readFile } from 'node:fs/promises';
import * as path from 'node:path';
import { boltString, readBolt, type BoltBucket } from './bolt';
import type { ImageFacts } from '../engine/engine';

/** containerd's metadata database, under its root. */
export const META_DB = path.join('io.containerd.metadata.v1.bolt', 'meta.db');
/** Its content store's blobs, by algorithm and hex digest. */
export const CONTENT_BLOBS = path.join('io.containerd.content.v1.content', 'blobs');

/** An image of containerd's, named as attributeSnapshots wants it. */
export type ContainerdImage = Pick<ImageFacts, 'id' | 'tags' | 'diffIds'> & { namespace: string };

/** What containerd's metadata says about images and containers. */
export interface ContainerdMeta {
  images: ContainerdImage[];
  /** Active snapshot name -> container id (a container's writable layer), by namespace. */
  containers: { namespace: string; id: string; snapshotKey: string }[];
  /** Whether meta.db was read (false: absent, or caught mid-write). */
  read: boolean;
}

const blob = async (root: string, digest: string): Promise<unknown> => {
  const [algo, hex] = digest.split(':');
  return JSON.parse(await readFile(path.join(root, CONTENT_BLOBS, algo, hex), 'utf8'));
};

/** An image's layers from its manifest (the first linux/amd64 one of an index, or the first). */
async function diffIdsOf(root: string, digest: string): Promise<string[]> {
  let doc = (await blob(root, digest)) as { manifests?: { digest: string; platform?: { os?: string; architecture?: string } }[]; config?: { digest: string } };
  if (doc.manifests?.length) {
    const m = doc.manifests.find((x) => x.platform?.os === 'linux' && x.platform.architecture === 'amd64') ?? doc.manifests[0];
    doc = (await blob(root, m.digest)) as typeof doc;
  }
  if (!doc.config?.digest) return [];
  const config = (await blob(root, doc.config.digest)) as { rootfs?: { diff_ids?: string[] } };
  return config.rootfs?.diff_ids ?? [];
}

/**
 * Reads containerd's images (with their layers' diff IDs) and containers from its root; what
 * is missing or unreadable (an image whose blobs are not all there) is left out.
 * @example (await readContainerdMeta('/var/lib/containerd')).images[0].tags // ['docker.io/library/busybox:latest']
 */
export async function readContainerdMeta(root: string): Promise<ContainerdMeta> {
  const out: ContainerdMeta = { images: [], containers: [], read: false };
  let v1: BoltBucket | undefined;
  try {
    v1 = readBolt(await readFile(path.join(root, META_DB))).buckets.get('v1');
  } catch {
    return out; // absent or mid-write: the snapshots alone are still shown
  }
  out.read = true;
  for (const [namespace, ns] of v1?.buckets ?? []) {
    for (const [name, img] of ns.buckets.get('images')?.buckets ?? []) {
      const digest = boltString(img.buckets.get('target')?.values.get('digest'));
      if (!digest) continue;
      const diffIds = await diffIdsOf(root, digest).catch(() => undefined);
      if (diffIds) out.images.push({ namespace, id: digest, tags: [name], diffIds });
    }
    for (const [id, c] of ns.buckets.get('containers')?.buckets ?? []) {
      const snapshotKey = boltString(c.values.get('snapshotKey'));
      if (snapshotKey) out.containers.push({ namespace, id, snapshotKey });
    }
  }
  return out;
}
