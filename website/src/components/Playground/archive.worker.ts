/* The archive worker: reads and analyses a dropped image archive off the page's main thread. */
import { ArchiveSession, type ToWorker } from './archiveSession';

const scope = self as unknown as { onmessage: ((e: MessageEvent<ToWorker>) => void) | null; postMessage(m: unknown): void };
const session = new ArchiveSession((m) => scope.postMessage(m));
// One message at a time, in order: a history asked during a load waits for the load.
let queue: Promise<void> = Promise.resolve();
scope.onmessage = (e) => {
  if (e.data.type === 'load') session.supersede();
  queue = queue.then(() => session.handle(e.data));
};
