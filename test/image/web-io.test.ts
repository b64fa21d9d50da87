// The loaders' web I/O (DecompressionStream and the pure incremental SHA-256, what the playground's
// worker uses) against Node's zlib and crypto: the same image, diff IDs and errors, byte for byte.
import { createHash, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { OverlayLabError } from '../../src/i18n/errors';
import { loadArchive } from '../../src/image/load-archive';
import { nodeImageIo } from '../../src/image/node';
import { readChunks, webImageIo } from '../../src/image/browser-io';
import { Sha256 } from '../../src/image/sha256-stream';
import type { ImageIo, LoadOptions } from '../../src/image/image';
import { imageMergedEntries, mergedSection } from '../../src/image/merged';
import { dockerArchive, makeLayerDirs, tempDir } from './support';

async function* chunksOf(buf: Uint8Array, size: number) {
  for (let i = 0; i < buf.length; i += size) yield buf.subarray(i, i + size);
}

async function load(buf: Uint8Array, io: ImageIo, opts: LoadOptions = {}, chunk = 65536) {
  return loadArchive(chunksOf(buf, chunk), 'img.tar', io, opts, buf.length);
}

async function failure(buf: Uint8Array, io: ImageIo, opts: LoadOptions = {}): Promise<OverlayLabError> {
  try {
    await load(buf, io, opts);
  } catch (e) {
    expect(e).toBeInstanceOf(OverlayLabError);
    return e as OverlayLabError;
  }
  throw new Error('loaded without error');
}

describe('Sha256 (incremental, pure)', () => {
  it('equals Node crypto for lengths around the block and padding edges, fed in uneven pieces', () => {
    for (const n of [0, 1, 55, 56, 63, 64, 65, 119, 120, 128, 1000, 70_001, 1 << 20]) {
      const data = randomBytes(n);
      const h = new Sha256();
      let i = 0;
      for (let step = 1; i < n; step = (step * 7 + 3) % 301 + 1) {
        h.update(data.subarray(i, i + step));
        i += step;
      }
      expect(h.digest(), `length ${n}`).toBe(createHash('sha256').update(data).digest('hex'));
    }
  });
});

describe('webImageIo against nodeImageIo', () => {
  const dir = tempDir();
  const layers = makeLayerDirs(dir);
  const plain = readFileSync(dockerArchive(layers, path.join(dir, 'plain.tar')));
  const gzLayers = readFileSync(dockerArchive(layers, path.join(dir, 'gz.tar'), { gzipLayers: true }));

  for (const [what, buf] of [['plain layers', plain], ['gzip layers', gzLayers], ['a gzip archive', gzipSync(plain)]] as const) {
    it(`${what}: the same layers, diff IDs and merged view`, async () => {
      const web = await load(buf, webImageIo, { hashesOnly: true }, 10_007);
      const node = await load(buf, nodeImageIo, { hashesOnly: true });
      expect(web.layers.map((l) => [l.diffId, l.compression, l.tarBytes])).toEqual(node.layers.map((l) => [l.diffId, l.compression, l.tarBytes]));
      expect(mergedSection(imageMergedEntries(web))).toBe(mergedSection(imageMergedEntries(node)));
    });
  }

  it('a gzip bomb gives the same EIMAGE_BOMB', async () => {
    const bomb = gzipSync(Buffer.alloc(16 << 20), { level: 9 });
    const { pack } = await import('tar-stream');
    const p = pack();
    const parts: Buffer[] = [];
    p.on('data', (c: Buffer) => parts.push(c));
    const done = new Promise((r) => p.on('end', r));
    p.entry({ name: 'l0/layer.tar' }, bomb);
    p.entry({ name: 'manifest.json' }, JSON.stringify([{ RepoTags: ['evil:1'], Layers: ['l0/layer.tar'] }]));
    p.finalize();
    await done;
    const archive = Buffer.concat(parts);
    const web = await failure(archive, webImageIo, { bombFloor: 4 << 20 });
    const node = await failure(archive, nodeImageIo, { bombFloor: 4 << 20 });
    expect(web.code).toBe('EIMAGE_BOMB');
    expect(web.message).toBe(node.message);
  });

  it('corrupt gzip data: EIMAGE_GZIP naming the layer', async () => {
    const gz = gzipSync(plain);
    gz.fill(0x55, 200, 400);
    const e = await failure(gz, webImageIo);
    expect(['EIMAGE_GZIP', 'EIMAGE_CORRUPT', 'EIMAGE_TRUNCATED']).toContain(e.code);
    expect(e.message).toContain('img.tar');
  });

  it('readChunks reads a web ReadableStream and cancels it when the reader stops early', async () => {
    let cancelled = false;
    const stream = new ReadableStream<Uint8Array>({
      pull: (c) => c.enqueue(new Uint8Array(10)),
      cancel: () => void (cancelled = true),
    });
    let n = 0;
    for await (const c of readChunks(stream)) if ((n += c.length) >= 30) break;
    expect(n).toBe(30);
    expect(cancelled).toBe(true);
  });
});
