/* The archive worker: reads and analyses a dropped image archive off the page's main thread. */
import { HELD_LAYER_MAX, heldLayers, webImageIo, PortHasher, type Port, type ImageIo } from '../../../../src/browser';
import { ArchiveSession, type ToWorker } from './archiveSession';

const scope = self as unknown as { onmessage: ((e: MessageEvent<ToWorker>) => void) | null; postMessage(m: unknown): void };
// A layer's hashes are made by a second worker while this one reads on: a layer held whole is
// handed over (its diff ID and its files' hashes, WebCrypto there), a larger one streams to it
// (here, where a worker cannot start or fails).
function pageIo(): ImageIo {
  if (typeof Worker === 'undefined') return webImageIo;
  const w = new Worker(new URL('./hash.worker.ts', import.meta.url));
  const hashers = new PortHasher(w as unknown as Port);
  w.onerror = (e) => hashers.fail(new Error(`hashing worker: ${e.message}`));
  return { ...webImageIo, layerSha256: heldLayers(() => hashers.open(), HELD_LAYER_MAX, hashers.whole) ?? (() => hashers.open()) };
}
const io = pageIo();
const session = new ArchiveSession((m) => scope.postMessage(m), io);
// One message at a time, in order: a history asked during a load waits for the load.
let queue: Promise<void> = Promise.resolve();
scope.onmessage = (e) => {
  if (e.data.type === 'load') session.supersede();
  queue = queue.then(() => session.handle(e.data));
};
