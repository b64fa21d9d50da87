/* The loaders' I/O without Node: the web platform's DecompressionStream and a pure SHA-256.
 * Runs in a page, a Web Worker, and in Node 18+ (which has the same globals). */
import type { ImageIo } from './image';
import { Sha256 } from './sha256-stream';

/**
 * The I/O a browser gives the pure loaders. A corrupt gzip stream surfaces as the stream's own
 * TypeError, which `inflate` turns into EIMAGE_GZIP with its message.
 * @example await loadArchive(readChunks(file.stream()), file.name, webImageIo, { hashesOnly: true })
 */
export const webImageIo: ImageIo = {
  sha256: () => new Sha256(),
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
