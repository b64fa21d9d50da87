// Fuzz: real archives (GNU tar + sha256sum, gzip, and docker save when an engine answers),
// mutated by fast-check (bytes flipped, cut, spliced, inserted). Every outcome is either a clean
// load, on which the analyses also run, or a clean OverlayLabError: never a crash or a hang.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { OverlayLabError } from '../../src/i18n/errors';
import { loadArchive } from '../../src/image/load-archive';
import { nodeImageIo } from '../../src/image/node';
import { imageMergedEntries } from '../../src/image/merged';
import { layerDiffs } from '../../src/image/layer-diff';
import { wastedSpace } from '../../src/image/wasted';
import { dockerMissing } from '../support/docker';
import { dockerArchive, isRoot, makeLayerDirs, tempDir } from './support';

async function* chunksOf(buf: Uint8Array, size: number) {
  for (let i = 0; i < buf.length; i += size) yield buf.subarray(i, i + size);
}

type Mutation =
  | { kind: 'flip'; at: number[]; xor: number[] }
  | { kind: 'cut'; at: number }
  | { kind: 'splice'; from: number; len: number; to: number }
  | { kind: 'insert'; at: number; bytes: number[] };

function mutate(buf: Buffer, m: Mutation): Buffer {
  const n = buf.length;
  switch (m.kind) {
    case 'flip': {
      const out = Buffer.from(buf);
      m.at.forEach((a, i) => (out[a % n] ^= m.xor[i % m.xor.length] || 1));
      return out;
    }
    case 'cut':
      return buf.subarray(0, m.at % n);
    case 'splice': {
      const from = m.from % n;
      const seg = buf.subarray(from, Math.min(n, from + m.len));
      const to = m.to % n;
      return Buffer.concat([buf.subarray(0, to), seg, buf.subarray(to)]);
    }
    case 'insert':
      return Buffer.concat([buf.subarray(0, m.at % n), Buffer.from(m.bytes), buf.subarray(m.at % n)]);
  }
}

/** Offsets biased to tar headers (block starts and the fields in them) as well as anywhere. */
const offset = fc.oneof(fc.nat(), fc.tuple(fc.nat(20000), fc.constantFrom(0, 100, 124, 148, 156, 157, 257, 345)).map(([b, f]) => b * 512 + f));
const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('flip' as const), at: fc.array(offset, { minLength: 1, maxLength: 8 }), xor: fc.array(fc.integer({ min: 1, max: 255 }), { minLength: 1, maxLength: 8 }) }),
  fc.record({ kind: fc.constant('cut' as const), at: offset }),
  fc.record({ kind: fc.constant('splice' as const), from: offset, len: fc.integer({ min: 1, max: 2048 }), to: offset }),
  fc.record({ kind: fc.constant('insert' as const), at: offset, bytes: fc.array(fc.integer({ min: 0, max: 255 }), { minLength: 1, maxLength: 600 }) }),
);

async function outcome(buf: Buffer, chunk: number): Promise<'loaded' | string> {
  try {
    const image = await loadArchive(chunksOf(buf, chunk), 'fuzz.tar', nodeImageIo, { hashesOnly: true, bombFloor: 8 << 20 }, buf.length);
    imageMergedEntries(image);
    layerDiffs(image);
    wastedSpace(image);
    return 'loaded';
  } catch (e) {
    if (e instanceof OverlayLabError) {
      // One clear line in each language.
      expect(e.render('en')).not.toMatch(/\n/);
      expect(e.render('pt-BR')).not.toBe(e.render('en'));
      return e.code;
    }
    throw e;
  }
}

describe('mutated real archives', () => {
  const bases: [string, Buffer][] = [];
  beforeAll(() => {
    const root = tempDir();
    const dirs = makeLayerDirs(root);
    bases.push(['GNU tar archive', readFileSync(dockerArchive(dirs, path.join(root, 'plain.tar')))]);
    bases.push(['GNU tar archive, gzip layers', readFileSync(dockerArchive(dirs, path.join(root, 'gz.tar'), { gzipLayers: true }))]);
    if (!dockerMissing()) {
      const r = spawnSync('docker', ['save', 'overlay-lab/layers:1'], { maxBuffer: 64 << 20 });
      if (r.status === 0) bases.push(['docker save overlay-lab/layers:1', r.stdout]);
    }
  });

  it('every base archive loads as it is', async () => {
    expect(isRoot || bases.length > 0).toBe(true);
    for (const [, buf] of bases) expect(await outcome(buf, 65536)).toBe('loaded');
  });

  it('every mutation ends in a clean load or a clean error', async () => {
    const seen = new Map<string, number>();
    for (const [, buf] of bases) {
      await fc.assert(
        fc.asyncProperty(mutation, fc.constantFrom(61, 511, 4096, 65536), async (m, chunk) => {
          const r = await outcome(mutate(buf, m), chunk);
          seen.set(r, (seen.get(r) ?? 0) + 1);
        }),
        { numRuns: 150, seed: 4242 },
      );
    }
    // The mutations reached both outcomes and several kinds of error.
    expect(seen.get('loaded') ?? 0).toBeGreaterThan(0);
    expect([...seen.keys()].filter((k) => k !== 'loaded').length).toBeGreaterThanOrEqual(3);
  }, 120_000);
});
