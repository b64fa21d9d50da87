// Writes notebooks/data/example-image.tar: a small `docker save` archive (5 layers, about the
// same story as scripts/docker-fixtures.sh's overlay-lab/layers:1, without busybox's 2 MB) that
// notebook 5 reads where no Docker engine answers. Layers add, overwrite and delete files
// (whiteouts: .wh.NAME) and replace a directory (opaque: .wh..wh..opq), as `docker save` writes them.
//   npx tsx notebooks/data/make-example-image.ts
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pack } from 'tar-stream';

type Entry = { name: string; body?: string; dir?: boolean };
const mtime = new Date('2024-01-01T00:00:00Z');
const sha = (b: Buffer | string) => createHash('sha256').update(b).digest('hex');

function tar(entries: Entry[]): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const p = pack();
    const chunks: Buffer[] = [];
    p.on('data', (c: Buffer) => chunks.push(c));
    p.on('end', () => resolve(Buffer.concat(chunks)));
    p.on('error', reject);
    for (const e of entries) {
      if (e.dir) p.entry({ name: e.name, type: 'directory', mode: 0o755, mtime });
      else p.entry({ name: e.name, mode: 0o644, mtime }, e.body ?? '');
    }
    p.finalize();
  });
}

const LAYERS: { by: string; entries: Entry[] }[] = [
  {
    by: 'ADD rootfs.tar /',
    entries: [
      { name: 'bin', dir: true }, { name: 'bin/sh', body: '#!fake shell\n'.repeat(64) },
      { name: 'etc', dir: true }, { name: 'etc/passwd', body: 'root:x:0:0:root:/root:/bin/sh\n' }, { name: 'etc/motd', body: 'gone\n' },
    ],
  },
  {
    by: 'RUN mkdir -p /app/conf /app/data && echo v1 > /app/conf/app.conf && ...',
    entries: [
      { name: 'app', dir: true }, { name: 'app/conf', dir: true }, { name: 'app/conf/app.conf', body: 'v1\n' },
      { name: 'app/data', dir: true }, { name: 'app/data/keep.txt', body: 'keep\n' }, { name: 'app/data/old.txt', body: 'old data\n'.repeat(512) },
    ],
  },
  { by: 'COPY hello.txt /app/hello.txt', entries: [{ name: 'app', dir: true }, { name: 'app/hello.txt', body: 'hello from a COPY layer\n' }] },
  {
    by: 'RUN echo v2 > /app/conf/app.conf && rm /app/data/old.txt /etc/motd',
    entries: [
      { name: 'app', dir: true }, { name: 'app/conf', dir: true }, { name: 'app/conf/app.conf', body: 'v2\n' },
      { name: 'app/data', dir: true }, { name: 'app/data/.wh.old.txt' }, { name: 'etc', dir: true }, { name: 'etc/.wh.motd' },
    ],
  },
  {
    by: 'RUN rm -rf /app/data && mkdir /app/data && echo fresh > /app/data/new.txt',
    entries: [{ name: 'app', dir: true }, { name: 'app/data', dir: true }, { name: 'app/data/.wh..wh..opq' }, { name: 'app/data/new.txt', body: 'fresh\n' }],
  },
];

async function main(): Promise<void> {
  const layers = await Promise.all(LAYERS.map((l) => tar(l.entries)));
  const config = JSON.stringify({
    architecture: 'amd64',
    os: 'linux',
    created: '2024-01-01T00:00:00Z',
    config: { Cmd: ['sh'], Labels: { 'io.overlay-lab': '1' } },
    rootfs: { type: 'layers', diff_ids: layers.map((l) => `sha256:${sha(l)}`) },
    history: LAYERS.map((l) => ({ created: '2024-01-01T00:00:00Z', created_by: `/bin/sh -c ${l.by}` })),
  });
  const out = pack();
  const chunks: Buffer[] = [];
  out.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise((r) => out.on('end', r));
  out.entry({ name: `${sha(config)}.json`, mtime }, config);
  layers.forEach((l) => out.entry({ name: `${sha(l)}/layer.tar`, mtime }, l));
  out.entry({ name: 'manifest.json', mtime }, JSON.stringify([{ Config: `${sha(config)}.json`, RepoTags: ['overlay-lab/example:1'], Layers: layers.map((l) => `${sha(l)}/layer.tar`) }]));
  out.finalize();
  await done;
  const file = path.join(__dirname, 'example-image.tar');
  fs.writeFileSync(file, Buffer.concat(chunks));
  console.log(`wrote ${file} (${fs.statSync(file).size} bytes)`);
}

main();
