/* A `docker save` archive of N tiny layers, written in memory, to load into a real engine. */
import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { pack } from 'tar-stream';
import { chainIds } from '../../src/docker/store/chain-id';

const mtime = new Date('2024-01-01T00:00:00Z');
const sha = (b: Buffer | string) => createHash('sha256').update(b).digest('hex');

function tar(write: (p: ReturnType<typeof pack>) => void): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const p = pack();
    const chunks: Buffer[] = [];
    p.on('data', (c: Buffer) => chunks.push(c));
    p.on('end', () => resolve(Buffer.concat(chunks)));
    p.on('error', reject);
    write(p);
    p.finalize();
  });
}

export interface LayeredArchive {
  file: string;
  /** sha256:<hex> per layer, bottom first. */
  diffIds: string[];
  /** The layerdb names these layers get in the engine, bottom first. */
  chainIds: string[];
}

/**
 * Writes a legacy `docker save` archive (manifest.json, <n>/layer.tar, config) whose image has
 * `layers` layers of one small file each. `salt` goes into every file, so no layer is shared with
 * anything else on the engine; `labels` go into the image config (so cleanup can find it).
 * @example await layeredArchive('/tmp/a.tar', { layers: 3, tag: 'x/y:1', salt: 'run1', arch: 'amd64', labels: {} })
 */
export async function layeredArchive(
  file: string,
  o: { layers: number; tag: string; salt: string; arch: string; labels: Record<string, string> },
): Promise<LayeredArchive> {
  const layers: Buffer[] = [];
  for (let i = 0; i < o.layers; i++) {
    layers.push(await tar((p) => p.entry({ name: `layer-${i}.txt`, mode: 0o644, mtime }, `${o.salt} layer ${i}\n`)));
  }
  const diffIds = layers.map((l) => `sha256:${sha(l)}`);
  const config = JSON.stringify({
    architecture: o.arch,
    os: 'linux',
    created: mtime.toISOString(),
    // Never run: the tests only create containers, which needs a command but not the binary.
    config: { Cmd: ['/nothing'], Labels: o.labels },
    rootfs: { type: 'layers', diff_ids: diffIds },
    history: layers.map((_, i) => ({ created: mtime.toISOString(), created_by: `layer ${i + 1} of ${o.layers}` })),
  });
  const archive = await tar((p) => {
    p.entry({ name: `${sha(config)}.json`, mtime }, config);
    layers.forEach((l, i) => p.entry({ name: `${i}/layer.tar`, mtime }, l));
    p.entry({ name: 'manifest.json', mtime }, JSON.stringify([{ Config: `${sha(config)}.json`, RepoTags: [o.tag], Layers: layers.map((_, i) => `${i}/layer.tar`) }]));
  });
  writeFileSync(file, archive);
  return { file, diffIds, chainIds: chainIds(diffIds) };
}
