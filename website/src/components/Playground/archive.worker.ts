/* The archive worker: reads and analyses a dropped image archive off the page's main thread. */
import { webImageIo, PortHasher, type Port, type ImageIo } from '../../../../src/browser';
import { ArchiveSession, type ToWorker } from './archiveSession';

const scope = self as unknown as { onmessage: ((e: MessageEvent<ToWorker>) => void) | null; postMessage(m: unknown): void };
// A layer's diff ID is hashed by a second worker while this one reads on (here, where a worker cannot start one or it fails).
function pageIo(): ImageIo {
  if (typeof Worker === 'undefined') return webImageIo;
  const w = new Worker(new URL('./hash.worker.ts', import.meta.url));
  const hashers = new PortHasher(w as unknown as Port);
  w.onerror = (e) => hashers.fail(new Error(`hashing worker: ${e.message}`));
  return { ...webImageIo, layerSha256: () => hashers.open() };
}
const io = pageIo();
const session = new ArchiveSession((m) => scope.postMessage(m), io);
// One message at a time, in order: a history asked during a load waits for the load.
let queue: Promise<void> = Promise.resolve();
scope.onmessage = (e) => {
  if (e.data.type === 'load') session.supersede();
  queue = queue.then(() => session.handle(e.data));
};
