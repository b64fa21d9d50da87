// The browser's SHA-256 paths (web-hash.ts: WebAssembly incremental, WebCrypto one shot, the pure
// fallback) against Node's OpenSSL on random inputs, fed in uneven pieces across block and chunk
// edges; the layer hash run on another thread through a message port; and the loader using them
// (files one shot while it reads on, the layer on the other end of a port) against Node's loader.
import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { heldLayers, readBlob, webImageIo } from '../../src/image/browser-io';
import { heldSha256, partsBy, release } from '../../src/image/held-hash';
import { PORT_IN_FLIGHT, PortHasher, serveSha256, type Port } from '../../src/image/hash-port';
import type { ImageIo, LoadedImage } from '../../src/image/image';
import { loadArchive } from '../../src/image/load-archive';
import { imageMergedEntries, mergedSection } from '../../src/image/merged';
import { nodeImageIo } from '../../src/image/node';
import { ONE_SHOT_MIN } from '../../src/image/read-layer';
import { Sha256 } from '../../src/image/sha256-stream';
import { fastSha256, oneShotSha256, warmSha256 } from '../../src/image/web-hash';
import { dockerArchive, factsOfTree, tempDir } from './support';

const openssl = (d: Uint8Array) => createHash('sha256').update(d).digest('hex');

/** Lengths around SHA-256's 64-byte block and its padding, hash-wasm's internal buffer and the one-shot threshold. */
const LENGTHS = [0, 1, 55, 56, 63, 64, 65, 119, 120, 127, 128, 1000, 4095, 4096, 4097, 16_383, 16_384, 16_385, 65_537, 1 << 20, (1 << 20) + 3];

/** Feeds `data` in pieces of pseudo-random sizes (1 byte up to 40 kB), as a stream would. */
function feed(h: { update(d: Uint8Array): void }, data: Uint8Array, seed: number): void {
  let i = 0;
  for (let step = seed; i < data.length; step = ((step * 7919 + 13) % 40_000) + 1) {
    h.update(data.subarray(i, i + step));
    i += step;
  }
}

describe('SHA-256 in the browser: the same digests as OpenSSL', () => {
  it('when no WebAssembly instance is free, the pure hasher answers (same digests)', () => {
    const taken: ReturnType<typeof fastSha256>[] = [];
    let h = fastSha256();
    for (; !(h instanceof Sha256) && taken.length < 100; h = fastSha256()) taken.push(h);
    expect(h).toBeInstanceOf(Sha256);
    const data = randomBytes(5000);
    feed(h, data, 3);
    expect(h.digest()).toBe(openssl(data));
    taken.forEach((t) => t.digest());
  });

  it('WebAssembly, incremental: random inputs in uneven pieces, block and buffer edges', async () => {
    expect(await warmSha256()).toBe(true);
    for (const n of LENGTHS) {
      const data = randomBytes(n);
      const h = fastSha256();
      expect(h).not.toBeInstanceOf(Sha256);
      feed(h, data, (n % 97) + 1);
      expect(h.digest(), `length ${n}`).toBe(openssl(data));
    }
  });

  it('many hashers at once, updates interleaved (a layer and its files; more than the pool holds)', async () => {
    await warmSha256();
    const inputs = Array.from({ length: 9 }, (_, i) => randomBytes(1000 + i * 3001));
    const hashers = inputs.map(() => fastSha256());
    for (let off = 0; off < 30_000; off += 777) inputs.forEach((d, i) => hashers[i].update(d.subarray(off, off + 777)));
    expect(hashers.map((h) => h.digest())).toEqual(inputs.map(openssl));
    // A reused instance starts afresh.
    const again = fastSha256();
    again.update(inputs[0]);
    expect(again.digest()).toBe(openssl(inputs[0]));
  });

  it('a hasher is finished by its digest (its instance went back to the pool)', async () => {
    await warmSha256();
    const h = fastSha256();
    h.update(new Uint8Array(3));
    h.digest();
    expect(() => h.update(new Uint8Array(1))).toThrow(/already/);
    expect(() => h.digest()).toThrow(/already/);
  });

  it('WebCrypto one shot: random inputs, views at odd offsets, the buffer reused at once', async () => {
    const digest = oneShotSha256();
    expect(digest).toBeDefined();
    for (const n of LENGTHS) {
      const big = randomBytes(n + 7);
      const view = big.subarray(3, 3 + n);
      const expected = openssl(view);
      const pending = digest!(view);
      big.fill(0); // WebCrypto took its copy when called
      expect(await pending, `length ${n}`).toBe(expected);
    }
  });
});

describe('the layer hash on the other end of a message port (the hashing worker)', () => {
  const { port1, port2 } = new MessageChannel();
  serveSha256(port1 as unknown as Port);
  const hashers = new PortHasher(port2 as unknown as Port);
  afterAll(() => (port1.close(), port2.close()));

  it('several hashers at once, pieces interleaved: the digests of OpenSSL', async () => {
    const inputs = LENGTHS.map((n) => randomBytes(n));
    const hs = inputs.map(() => hashers.open());
    for (let off = 0; off < (1 << 20) + 3; off += 65_521) await Promise.all(inputs.map((d, i) => hs[i].update(d.subarray(off, off + 65_521))));
    expect(await Promise.all(hs.map((h) => h.digest()))).toEqual(inputs.map(openssl));
  });

  it(`more than ${PORT_IN_FLIGHT >> 20} MiB in flight: update waits, and the caller's buffer stays its own`, async () => {
    const data = randomBytes(PORT_IN_FLIGHT * 2 + 5);
    const h = hashers.open();
    let waited = 0;
    for (let off = 0; off < data.length; off += 1 << 20) {
      const t = h.update(data.subarray(off, off + (1 << 20)));
      if (t instanceof Promise && (await Promise.race([t.then(() => false), Promise.resolve(true)]))) waited++;
      await t;
    }
    expect(data.length).toBe(PORT_IN_FLIGHT * 2 + 5); // not detached by the transfer
    expect(await h.digest()).toBe(openssl(data));
    expect(waited).toBeGreaterThan(0);
  });
});

describe('a layer held for one WebCrypto call, streamed past the cap', () => {
  const oneShot = partsBy(oneShotSha256()!);
  const CAP = 100_000;
  /** A streaming hasher that counts how often it was asked for. */
  const counted = () => {
    const seen = { spills: 0, drops: 0 };
    const spill = () => {
      seen.spills++;
      const h = fastSha256();
      return { update: (d: Uint8Array) => h.update(d), digest: () => h.digest(), drop: () => void seen.drops++ };
    };
    return { seen, spill };
  };
  // Sizes about the cap and the first buffer; the size the archive told: right, too small, too big, none.
  for (const n of [0, 1, 4096, CAP - 1, CAP, CAP + 1, 3 * CAP + 7]) {
    for (const told of [n, n >> 1, n + 5000, undefined]) {
      it(`${n} bytes (told ${told ?? 'nothing'}): OpenSSL's digest, streamed only past ${CAP}`, async () => {
        const data = randomBytes(n);
        const { seen, spill } = counted();
        const h = heldSha256(oneShot, spill, CAP, told);
        const piece = new Uint8Array(7001); // reused for every piece: the hasher keeps its own copy
        for (let off = 0; off < n; off += piece.length) {
          const part = data.subarray(off, off + piece.length);
          piece.set(part);
          await h.update(piece.subarray(0, part.length));
          piece.fill(0xa5);
        }
        expect(await h.digest()).toBe(openssl(data));
        expect(seen.spills).toBe(n > CAP ? 1 : 0);
      });
    }
  }

  it('parts of a held layer (its files): the digests of those bytes, given with the layer\'s', async () => {
    const data = randomBytes(CAP - 3);
    const h = heldSha256(oneShot, fastSha256, CAP, data.length);
    const ranges = [[0, 0], [0, 1], [512, 4096], [data.length - 10, 10], [0, data.length], [777, 65_537]];
    const answers = ranges.map(([o, n]) => h.part!(o, n));
    feed({ update: (d) => void h.update(d) }, data, 11);
    expect(await h.digest()).toBe(openssl(data));
    expect(await Promise.all(answers)).toEqual(ranges.map(([o, n]) => openssl(data.subarray(o, o + n))));
    expect(() => h.part!(0, 1)).toThrow(/already gave its digest/);
    const outside = heldSha256(oneShot, fastSha256, CAP, 100);
    expect(() => outside.part!(90, 11)).toThrow(/outside the layer's 100 bytes/);
    expect(heldSha256(oneShot, fastSha256, CAP, CAP + 1).part).toBeUndefined(); // streams: no parts
    expect(heldSha256(oneShot, fastSha256, CAP).part).toBeUndefined(); // size not told: may stream
  });

  it('a held layer given more bytes than its header said, after parts were asked: a clear error, the parts fail with it', async () => {
    const h = heldSha256(oneShot, fastSha256, CAP, 1000);
    const part = h.part!(0, 10);
    await expect(async () => h.update(new Uint8Array(1001))).rejects.toThrow(/more than its 1000 bytes/);
    h.drop!();
    await expect(part).rejects.toThrow(/dropped/);
  });

  it('a hasher is finished by its digest; a dropped one lets go of its streaming hasher', async () => {
    const h = heldSha256(oneShot, fastSha256, CAP);
    await h.update(new Uint8Array(10));
    await h.digest();
    await expect(async () => h.update(new Uint8Array(1))).rejects.toThrow(/already gave its digest/);
    const { seen, spill } = counted();
    const big = heldSha256(oneShot, spill, CAP);
    await big.update(new Uint8Array(CAP + 1));
    big.drop!();
    expect(seen).toEqual({ spills: 1, drops: 1 });
  });

  it('release frees a live buffer at once (transfer(0), where the runtime has it), and leaves a detached or empty one alone', () => {
    const calls: number[] = [];
    const fake = (byteLength: number, detached = false) => ({ byteLength, detached, transfer: (n: number) => (calls.push(n), new ArrayBuffer(n)) }) as unknown as ArrayBuffer;
    release(fake(10));
    release(fake(10, true));
    release(fake(0));
    release(new ArrayBuffer(8)); // Node 20 has no transfer: nothing happens, nothing throws
    expect(calls).toEqual([0]);
  });

  it('without WebCrypto there is no held hasher (the layer streams)', () => {
    const saved = Object.getOwnPropertyDescriptor(globalThis, 'crypto')!;
    Object.defineProperty(globalThis, 'crypto', { value: undefined, configurable: true });
    try {
      expect(heldLayers(fastSha256)).toBeUndefined();
    } finally {
      Object.defineProperty(globalThis, 'crypto', saved);
    }
  });
});

describe('a held layer handed to the hashing worker whole', () => {
  it('its digest and its parts\', from the other end; its buffer moves there', async () => {
    const { port1, port2 } = new MessageChannel();
    serveSha256(port1 as unknown as Port);
    const hashers = new PortHasher(port2 as unknown as Port);
    const data = randomBytes(300_001);
    const want = [openssl(data), openssl(data.subarray(5, 70_005)), openssl(data.subarray(0, 0))];
    const given = new Uint8Array(data);
    const r = await hashers.whole(given, Float64Array.from([5, 70_000, 300_001, 0]));
    expect([r.digest, ...r.parts]).toEqual(want);
    expect(given.length).toBe(0); // transferred, not copied
    port1.close();
    port2.close();
  });

  it('a digest that fails there is answered as a failure, not left waiting', async () => {
    const { port1, port2 } = new MessageChannel();
    serveSha256(port1 as unknown as Port);
    const answer = new Promise<unknown>((resolve) => (port2.onmessage = (e) => resolve(e.data)));
    port2.postMessage({ id: 7, whole: 'not bytes', parts: new Float64Array(0) });
    expect(await answer).toMatchObject({ id: 7, error: expect.stringMatching(/TypeError/) });
    port1.close();
    port2.close();
  });
});

describe('a hashing worker that fails', () => {
  it('fails the digests waited for, then hashes on this thread (same digests)', async () => {
    const { port1, port2 } = new MessageChannel(); // nothing serves port1
    const hashers = new PortHasher(port2 as unknown as Port);
    const h = hashers.open();
    await h.update(new Uint8Array(10));
    const waited = h.digest();
    hashers.fail(new Error('hashing worker: gone'));
    await expect(waited).rejects.toThrow(/gone/);
    const data = randomBytes(70_000);
    const local = hashers.open();
    feed(local, data, 5);
    expect(await local.digest()).toBe(openssl(data));
    port1.close();
    port2.close();
  });
});

describe('readBlob', () => {
  for (const n of [0, 1, 999, 1000, 1001, 5000]) {
    it(`${n} bytes in chunks of 1000: the same bytes, each chunk its own array`, async () => {
      const data = randomBytes(n);
      const chunks: Uint8Array[] = [];
      for await (const c of readBlob(new Blob([data]), 1000)) chunks.push(c);
      expect(chunks.every((c) => c.length <= 1000 && c.length > 0)).toBe(true);
      expect(Buffer.concat(chunks).equals(data)).toBe(true);
      expect(new Set(chunks.map((c) => c.buffer)).size).toBe(chunks.length);
    });
  }
});

describe('the loader with the browser hashing (files one shot, layers WebAssembly) against Node', () => {
  const dir = tempDir('ovl-web-hash-');
  const layer = path.join(dir, 'l1');
  mkdirSync(layer);
  // Sizes around the one-shot threshold and the reader's chunks, so files span chunk edges.
  const sizes = [0, 1, ONE_SHOT_MIN - 1, ONE_SHOT_MIN, ONE_SHOT_MIN + 1, 65_535, 65_536, 300_001, 1 << 20];
  sizes.forEach((n, i) => writeFileSync(path.join(layer, `f${i}`), randomBytes(n)));
  writeFileSync(path.join(layer, 'same'), readFileSync(path.join(layer, 'f5')));
  const archive = readFileSync(dockerArchive([layer], path.join(dir, 'img.tar')));

  async function* chunks(buf: Uint8Array, size: number) {
    for (let i = 0; i < buf.length; i += size) yield buf.subarray(i, i + size);
  }
  const load = (io: ImageIo, hashesOnly: boolean, chunk: number): Promise<LoadedImage> => loadArchive(chunks(archive, chunk), 'img.tar', io, { hashesOnly }, archive.length);
  const { port1, port2 } = new MessageChannel();
  serveSha256(port1 as unknown as Port);
  const hashers = new PortHasher(port2 as unknown as Port);
  afterAll(() => (port1.close(), port2.close()));
  // The page's I/O, and the same with every layer too big to hold (streamed to the port).
  const pageIos: [string, ImageIo][] = [
    ['layers held', { ...webImageIo, layerSha256: heldLayers(() => hashers.open()) }],
    ['layers streamed', { ...webImageIo, layerSha256: heldLayers(() => hashers.open(), 4096) }],
  ];

  it('a load that fails inside a layer lets go of that layer\'s hasher on the other end', async () => {
    const channel = new MessageChannel();
    serveSha256(channel.port1 as unknown as Port);
    const seen: unknown[] = [];
    const serve = channel.port1.onmessage!;
    channel.port1.onmessage = (e) => (seen.push(e.data), serve.call(channel.port1, e));
    const io: ImageIo = { ...webImageIo, layerSha256: () => new PortHasher(channel.port2 as unknown as Port).open() };
    const cut = archive.subarray(0, archive.length >> 1);
    await expect(loadArchive(chunks(cut, 65_536), 'img.tar', io, { hashesOnly: true }, cut.length)).rejects.toMatchObject({ code: 'EIMAGE_TRUNCATED' });
    await new Promise((r) => setTimeout(r, 50));
    expect(seen.filter((m) => (m as { drop?: true }).drop)).toHaveLength(1);
    expect(seen.some((m) => (m as { end?: true }).end)).toBe(false);
    channel.port1.close();
    channel.port2.close();
  });

  it('contents kept past maxKeptBytes: EIMAGE_TOO_BIG, layers held or streamed, as in Node', async () => {
    for (const io of [...pageIos.map(([, io]) => io), nodeImageIo]) {
      await expect(loadArchive(chunks(archive, 65_536), 'img.tar', io, { maxKeptBytes: 200_000 }, archive.length)).rejects.toMatchObject({ code: 'EIMAGE_TOO_BIG' });
    }
  });

  for (const [how, pageIo] of pageIos) {
    for (const hashesOnly of [true, false]) {
      for (const chunk of [4093, 65_536, 1 << 22]) {
        it(`${how}, ${hashesOnly ? 'hashes only' : 'contents kept'}, chunks of ${chunk}: the same diff IDs, file hashes and merged view`, async () => {
          await warmSha256();
          const web = await load(pageIo, hashesOnly, chunk);
          const node = await load(nodeImageIo, hashesOnly, 1 << 20);
          expect(web.layers.map((l) => l.diffId)).toEqual(node.layers.map((l) => l.diffId));
          expect([...factsOfTree(web.layers[0].root, web.contents)]).toEqual([...factsOfTree(node.layers[0].root, node.contents)]);
          expect(mergedSection(imageMergedEntries(web))).toBe(mergedSection(imageMergedEntries(node)));
          if (!hashesOnly) {
            const f = web.layers[0].root.entries.get('f8')!;
            expect(openssl(f.data)).toBe(web.contents.of(f)!.sha256);
            expect(web.contents.keptBytes).toBe(node.contents.keptBytes);
          }
        });
      }
    }
  }
});
