// Layer tars written by GNU tar (pax and gnu formats) load into the same tree the directory on
// disk holds: types, modes, owners, sizes, hashes, link targets, long names; OCI whiteouts become
// what overlay2 writes (char 0/0, trusted.overlay.opaque), checked against mknod and setfattr.
import { cpSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { pack } from 'tar-stream';
import { beforeAll, describe, expect, it } from 'vitest';
import { need } from '../support/env';
import { loadImageArchive, nodeImageIo } from '../../src/image/node';
import { loadArchive } from '../../src/image/load-archive';
import { readLayerDir } from '../../src/image/layer-dir';
import { dockerArchive, factsOfDir, factsOfTree, isRoot, LONG, DEEP, makeLayerDirs, sh, tempDir, toOverlay2Form } from './support';

const skip = need(isRoot ? undefined : 'not root (owners, mknod and trusted.* xattrs need root)');

async function* chunksOf(buf: Uint8Array, size = 4096) {
  for (let i = 0; i < buf.length; i += size) yield buf.subarray(i, i + size);
}

/** A tar made by tar-stream (another implementation than GNU tar) from entries. */
function packTar(entries: { name: string; type?: 'file' | 'directory' | 'symlink' | 'link'; linkname?: string; content?: string }[]): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const p = pack();
    const chunks: Buffer[] = [];
    p.on('data', (c: Buffer) => chunks.push(c));
    p.on('end', () => resolve(Buffer.concat(chunks)));
    p.on('error', reject);
    for (const e of entries) p.entry({ name: e.name, type: e.type ?? 'file', linkname: e.linkname, mode: e.type === 'directory' ? 0o755 : 0o644 }, e.content ?? '');
    p.finalize();
  });
}

describe.skipIf(skip)('layer tars into engine layers', () => {
  let root: string;
  let dirs: string[];
  beforeAll(() => {
    root = tempDir();
    dirs = makeLayerDirs(root);
  });

  for (const format of ['pax', 'gnu'] as const) {
    it(`a ${format} tar of the base layer loads as the directory holds it (long names, links, modes, owners, FIFO, device)`, async () => {
      const archive = dockerArchive([dirs[0]], path.join(root, `one-${format}.tar`), { format });
      const image = await loadImageArchive(archive);
      const onDisk = factsOfDir(dirs[0]);
      const loaded = factsOfTree(image.layers[0].root, image.contents);
      expect(loaded).toEqual(onDisk);
      expect(onDisk.get(`/${DEEP}/${LONG}`)?.type).toBe('f');
      expect(onDisk.get('/bin/tool')?.mode).toBe(0o4755);
      expect(onDisk.get('/etc/owned')).toMatchObject({ uid: 1234, gid: 5678 });
      // The diff ID is the sha256 of the layer tar, as sha256sum reads it.
      expect(image.layers[0].diffId).toBe(`sha256:${sh(`tar -xOf ${archive} ./l0/layer.tar | sha256sum | cut -d' ' -f1`).trim()}`);
    });
  }

  it('keeps hard links as one inode (nlink 2), and the bytes when not hashesOnly', async () => {
    const image = await loadImageArchive(dockerArchive([dirs[0]], path.join(root, 'hl.tar')));
    const r = image.layers[0].root;
    const bin = r.entries.get('bin')!;
    expect(bin.entries.get('tool')).toBe(bin.entries.get('tool-hard'));
    expect(bin.entries.get('tool')!.nlink).toBe(2);
    let deep = r;
    for (const p of DEEP.split('/')) deep = deep.entries.get(p)!;
    expect(r.entries.get('hard-to-deep')).toBe(deep.entries.get(LONG));
    expect(new TextDecoder().decode(r.entries.get('etc')!.entries.get('passwd')!.data)).toBe(readFileSync(path.join(dirs[0], 'etc/passwd'), 'utf8'));
  });

  it('turns .wh.NAME into a char 0/0 whiteout and .wh..wh..opq into trusted.overlay.opaque=y, as mknod and setfattr make them', async () => {
    const image = await loadImageArchive(dockerArchive(dirs, path.join(root, 'three.tar')), { hashesOnly: true });
    for (let i = 1; i < 3; i++) {
      const copy = path.join(root, `ovl-form-${i}`);
      cpSync(dirs[i], copy, { recursive: true });
      toOverlay2Form(copy);
      expect(factsOfTree(image.layers[i].root, image.contents)).toEqual(factsOfDir(copy));
      // And the engine's own reader of overlay2 directories agrees.
      const fromDisk = readLayerDir(copy);
      expect(factsOfTree(image.layers[i].root, image.contents)).toEqual(factsOfTree(fromDisk));
    }
    const l2 = image.layers[1].root;
    expect(l2.entries.get('etc')!.entries.get('motd')!.isWhiteoutDevice).toBe(true);
    expect(l2.entries.get('app')!.entries.get('data2')!.xattrText('trusted.overlay.opaque')).toBe('y');
  });

  it('hashesOnly keeps sizes and hashes, not bytes; gzip layers load the same', async () => {
    const plain = await loadImageArchive(dockerArchive(dirs, path.join(root, 'p.tar')));
    const gz = await loadImageArchive(dockerArchive(dirs, path.join(root, 'g.tar'), { gzipLayers: true }), { hashesOnly: true });
    expect(gz.layers.map((l) => l.compression)).toEqual(['gzip', 'gzip', 'gzip']);
    expect(gz.layers.map((l) => l.diffId)).toEqual(plain.layers.map((l) => l.diffId));
    for (let i = 0; i < 3; i++) expect(factsOfTree(gz.layers[i].root, gz.contents)).toEqual(factsOfTree(plain.layers[i].root, plain.contents));
    const big = gz.layers[0].root.entries.get('app')!.entries.get('big.bin')!;
    expect(big.data.length).toBe(0);
    expect(big.size).toBe(70000);
    expect(gz.contents.keptBytes).toBe(0);
    // A gzip-compressed whole archive (docker save | gzip) loads too.
    const whole = path.join(root, 'p.tar.gz');
    sh(`gzip -nc ${path.join(root, 'p.tar')} > ${whole}`);
    const z = await loadImageArchive(whole, { hashesOnly: true });
    expect(z.layers.map((l) => l.diffId)).toEqual(plain.layers.map((l) => l.diffId));
  });

  it('stores equal contents once', async () => {
    const layer = await packTar([{ name: 'a', content: 'same bytes' }, { name: 'b', content: 'same bytes' }, { name: 'c', content: 'other' }]);
    const archive = await new Promise<Buffer>((resolve) => {
      const p = pack();
      const chunks: Buffer[] = [];
      p.on('data', (c: Buffer) => chunks.push(c));
      p.on('end', () => resolve(Buffer.concat(chunks)));
      p.entry({ name: 'l/layer.tar' }, layer);
      p.entry({ name: 'manifest.json' }, JSON.stringify([{ Layers: ['l/layer.tar'] }]));
      p.finalize();
    });
    const image = await loadArchive(chunksOf(archive), 'mem.tar', nodeImageIo);
    const r = image.layers[0].root;
    expect(r.entries.get('a')!.data).toBe(r.entries.get('b')!.data);
    expect(image.contents.keptBytes).toBe('same bytes'.length + 'other'.length);
    expect(image.contents.distinct).toBe(2);
  });
});
