/*
 * A layer tar's SHA-256 (its diff ID) by WebCrypto in one call. WebCrypto cannot hash piece by
 * piece, but in Chromium its digest runs the CPU's SHA instructions (about 1 GB/s here, as
 * OpenSSL does in Node) where the incremental WebAssembly hasher runs 125-400 MB/s. So a layer
 * up to a cap is held while it is read and digested whole at its end, its files with it (each
 * a part of the held bytes); a larger one is handed, with what was held, to a streaming hasher,
 * and streams from then on. The trade: the bytes of one layer (at most `cap`) are held during a
 * hashes-only load, until its digests are out.
 */
import type { StreamHasher } from './image';

/** Largest layer tar held for its one-shot digest (64 MB, as the page says it); above it the layer streams through WebAssembly. */
export const HELD_LAYER_MAX = 64e6;

const FIRST = 8 * 2 ** 20;

/**
 * Frees a buffer's bytes now rather than at the collector's next pass, which in an idle worker
 * may not come for long (ArrayBuffer.prototype.transfer(0) detaches it; where it is missing, as
 * in Node 20, nothing happens). Only for a buffer nothing else still reads.
 * @example release(held.buffer)
 */
export function release(buffer: ArrayBufferLike): void {
  const b = buffer as { detached?: boolean; transfer?: (length: number) => ArrayBuffer; byteLength: number };
  if (b.transfer && !b.detached && b.byteLength > 0) b.transfer(0);
}

/** Byte ranges of the held bytes, [offset, size] pairs flat (a typed array: cheap to post). */
export type Parts = Float64Array;

/** The digests of whole bytes and of parts of them: what a held layer is finished with. */
export type HeldDigest = (data: Uint8Array, parts: Parts) => Promise<{ digest: string; parts: string[] }>;

/**
 * `HeldDigest` by a one-shot SHA-256 here (WebCrypto), each part a view of the bytes.
 * @example const held = partsBy(oneShotSha256()!)
 */
export function partsBy(oneShot: (data: Uint8Array) => Promise<string>): HeldDigest {
  return async (data, parts) => {
    const digests: Promise<string>[] = [];
    for (let i = 0; i < parts.length; i += 2) digests.push(oneShot(data.subarray(parts[i], parts[i] + parts[i + 1])));
    const [digest, ...each] = await Promise.all([oneShot(data), ...digests]);
    return { digest, parts: each };
  };
}

/**
 * A hasher holding the layer's bytes (a copy: the caller may reuse its buffers) up to `cap`,
 * then `held` digests them all (it may take the buffer: nothing here uses it after); past `cap`
 * it goes on in `spill()`. `expected` (a plain layer's size, read from the archive's header)
 * sizes the buffer once; with it (and under the cap) the hasher also gives `part`: the digest of
 * a range of the bytes, answered with the layer's own.
 * @example const h = heldSha256(partsBy(oneShot), fastSha256, HELD_LAYER_MAX, 7168); await h.update(bytes); await h.digest()
 */
export function heldSha256(held: HeldDigest, spill: () => StreamHasher, cap = HELD_LAYER_MAX, expected?: number): StreamHasher {
  const whole = expected !== undefined && expected <= cap;
  let bytes: Uint8Array | undefined = new Uint8Array(whole ? expected : Math.min(cap, FIRST));
  let length = 0;
  let streaming: StreamHasher | undefined;
  let done = false;
  const ranges: number[] = [];
  const answers: { resolve(hex: string): void; reject(e: unknown): void }[] = [];
  const live = () => {
    if (done) throw new Error('SHA-256: this hasher already gave its digest');
  };
  const hasher: StreamHasher = {
    async update(data) {
      live();
      if (streaming) return streaming.update(data);
      const need = length + data.length;
      // Parts were promised from held bytes: a layer larger than its header said cannot keep them.
      if (ranges.length && need > expected!) throw new Error(`SHA-256: a held layer got more than its ${expected} bytes`);
      if (need > cap) {
        // Too big to hold: what was held goes to the streaming hasher first, in order.
        streaming = spill();
        await streaming.update(bytes!.subarray(0, length)); // copied or hashed by now
        release(bytes!.buffer);
        bytes = undefined;
        return streaming.update(data);
      }
      if (need > bytes!.length) {
        const grown = new Uint8Array(Math.min(cap, Math.max(need, bytes!.length * 2)));
        grown.set(bytes!.subarray(0, length));
        release(bytes!.buffer);
        bytes = grown;
      }
      bytes!.set(data, length);
      length = need;
    },
    async digest() {
      live();
      done = true;
      if (streaming) return streaming.digest();
      const data = bytes!.subarray(0, length);
      bytes = undefined;
      try {
        const r = await held(data, Float64Array.from(ranges));
        release(data.buffer); // digested (a buffer handed to another thread is already detached here)
        r.parts.forEach((hex, i) => answers[i].resolve(hex));
        return r.digest;
      } catch (e) {
        answers.forEach((a) => a.reject(e));
        throw e;
      }
    },
    drop() {
      done = true;
      bytes = undefined;
      streaming?.drop?.();
      answers.forEach((a) => a.reject(new Error('SHA-256: the layer was dropped')));
    },
  };
  if (whole) {
    hasher.part = (offset, size) => {
      live();
      if (offset < 0 || offset + size > expected) throw new Error(`SHA-256: part ${offset}+${size} is outside the layer's ${expected} bytes`);
      ranges.push(offset, size);
      return new Promise<string>((resolve, reject) => answers.push({ resolve, reject }));
    };
  }
  return hasher;
}
