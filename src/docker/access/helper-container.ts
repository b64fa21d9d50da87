import { randomBytes } from 'node:crypto';
import type { EngineClient, HelperOutcome, HelperSpec } from '../engine/engine';
import { HELPER_LABEL, LAB_LABEL } from './helper-image';
import { onInterrupt } from './interrupts';

/**
 * One label per process, on every helper it starts: a Ctrl-C that lands between "create" and
 * "we know its id" still finds the container by this label and removes it.
 */
export const SESSION_LABEL = 'io.overlay-lab.session';
const session = `${process.pid}-${randomBytes(4).toString('hex')}`;

/**
 * This process's session label value: a watcher skips the events of its own helpers (reading
 * the store must not look like a change of it).
 * @example e.attributes[SESSION_LABEL] === helperSession()
 */
export function helperSession(): string {
  return session;
}

const live = new Map<string, EngineClient>();
let engines = new Set<EngineClient>();

async function removeAll(): Promise<void> {
  const ids = new Map(live);
  for (const engine of engines) {
    try {
      for (const id of await engine.containersWithLabel(`${SESSION_LABEL}=${session}`)) ids.set(id, engine);
    } catch {
      // the engine went away: nothing more can be removed
    }
  }
  await Promise.allSettled([...ids].map(([id, engine]) => engine.removeContainer(id)));
}

/** While helpers run, an interrupt removes them (see interrupts.ts). */
let unregister: (() => void) | undefined;

function arm(): void {
  unregister ??= onInterrupt(removeAll);
}

function disarm(): void {
  if (live.size > 0 || !unregister) return;
  unregister();
  unregister = undefined;
  engines = new Set();
}

/**
 * Runs a helper container that is always removed: when it ends, when it fails to start, and
 * when the process gets Ctrl-C (SIGINT) or SIGTERM while it runs. Helpers carry the lab's
 * labels (io.overlay-lab=1, io.overlay-lab.helper=1) so they can be told from the user's.
 * @example const out = await runHelper(engine, { image: HELPER_IMAGE, cmd: ['true'], labels: {} });
 */
export async function runHelper(engine: EngineClient, spec: HelperSpec, onCreated?: (id: string) => void): Promise<HelperOutcome> {
  engines.add(engine);
  arm();
  const labels = { ...spec.labels, [LAB_LABEL]: '1', [HELPER_LABEL]: '1', [SESSION_LABEL]: session };
  let id: string | undefined;
  try {
    return await engine.runHelper({ ...spec, labels }, (created) => {
      id = created;
      live.set(created, engine);
      onCreated?.(created);
    });
  } finally {
    if (id) {
      live.delete(id);
      await engine.removeContainer(id); // already removed by the engine adapter; harmless if gone
    }
    disarm();
  }
}
