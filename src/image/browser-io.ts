/* The loaders' I/O without Node: the web platform's DecompressionStream, WebCrypto and a
 * WebAssembly SHA-256 (web-hash.ts). Runs in a page, a Web Worker, and in Node 18+ (which has
 * the same globals). */
import type { ImageIo, StreamHasher } from './image';
import { heldSha256, HELD_LAYER_MAX, partsBy, type HeldDigest } from './held-hash';
import { fastSha256, oneShotSha256 } from './web-hash';

export { warmSha256 } from './web-hash';

/**
 * The I/O a browser gives the pure loaders: call `await warmSha256()` first for the fast
 * incremental hash (without it the pure one answers, slower, same digests). A corrupt gzip
 * stream surfaces as the stream's own TypeError, which `inflate` turns into EIMAGE_GZIP.
 * @example await warmSha256(); await loadArchive(readChunks(file.stream()), file.name, webImageIo, { hashesOnly: true })
 */
export const webImageIo: ImageIo = {
  sha256: fastSha256,
  digest: oneShotSha256(),
  layerSha256: heldLayers(fastSha256),
  gunzip(source) {
    const input = new ReadableStream<Uint8Array>({
      async start() {},
      async pull(ctl) {
        const r = await it.next();
        if (r.done) ctl.close();
        else ctl.enqueue(r.value);
      },
      async cancel() {
        await it.return?.();
      },
    });
    const it = source[Symbol.asyncIterator]();
    return readChunks(input.pipeThrough(new DecompressionStream('gzip')) as ReadableStream<Uint8Array>);
  },
};

/**
 * A layer's diff ID: held and digested in one call up to `cap` (HELD_LAYER_MAX) by `held`
 * (WebCrypto here; in the page the hashing worker's, given the held bytes), with its files in
 * hashes-only loads; `spill()` for a larger layer (WebAssembly here, the hashing worker in the
 * page). Undefined where WebCrypto is missing: then every layer streams through `sha256()`.
 * @example const io = { ...webImageIo, layerSha256: heldLayers(() => hashers.open(), HELD_LAYER_MAX, hashers.whole) }
 */
export function heldLayers(spill: () => StreamHasher, cap = HELD_LAYER_MAX, held?: HeldDigest): ImageIo['layerSha256'] {
  const oneShot = oneShotSha256();
  if (!oneShot) return undefined;
  const digest = held ?? partsBy(oneShot);
  return (size) => heldSha256(digest, spill, cap, size);
}

/**
 * A web ReadableStream (File.stream(), a fetch body) as the async chunks the loaders read;
 * stopping early cancels the stream.
 * @example for await (const c of readChunks(file.stream())) n += c.length
 */
export async function* readChunks(stream: ReadableStream<Uint8Array>): AsyncGenerator<Uint8Array> {
  const reader = stream.getReader();
  let done = false;
  try {
    for (;;) {
      const r = await reader.read();
      if (r.done) {
        done = true;
        return;
      }
      yield r.value;
    }
  } finally {
    if (!done) await reader.cancel().catch(() => undefined);
    reader.releaseLock();
  }
}

/** Bytes of a file read at once: few large reads cost far less than a stream's 64 KiB pieces. */
export const BLOB_CHUNK = 8 * 2 ** 20;

/**
 * A Blob (a dropped File) as the async chunks the loaders read, `chunk` bytes at a time, with
 * `ahead` reads under way (a read crosses to the browser's process: started early, it is ready
 * when wanted). Each read is a separate array (nothing is reused, so views into it stay valid).
 * @example for await (const c of readBlob(file)) n += c.length
 */
export async function* readBlob(blob: { size: number; slice(start: number, end: number): { arrayBuffer(): Promise<ArrayBuffer> } }, chunk = BLOB_CHUNK, ahead = 4): AsyncGenerator<Uint8Array> {
  const reads: Promise<ArrayBuffer>[] = [];
  let from = 0;
  const more = () => {
    for (; reads.length < ahead && from < blob.size; from += chunk) {
      const read = blob.slice(from, Math.min(blob.size, from + chunk)).arrayBuffer();
      read.catch(() => undefined); // a read left behind when the consumer stops is no unhandled rejection
      reads.push(read);
    }
  };
  more();
  while (reads.length) {
    const buf = await reads.shift()!;
    more();
    yield new Uint8Array(buf);
  }
}
