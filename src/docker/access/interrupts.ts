/*
 * One place that turns Ctrl-C (SIGINT), SIGTERM and a dropped SSH session (SIGHUP) into
 * "remove what this process made, then exit": helper containers, the tour's container and
 * image. Every cleanup registered runs to its end before the process exits, so one part of
 * the program can never cut another part's removal short.
 */

/** The exit status for each signal: 128 + its number, as a shell reports a death by signal. */
export const INTERRUPT_EXIT = { SIGINT: 130, SIGTERM: 143, SIGHUP: 129 } as const;
export type InterruptSignal = keyof typeof INTERRUPT_EXIT;

type Cleanup = (signal: InterruptSignal) => Promise<void>;

/** Longest the cleanups may take before the process exits anyway. */
const CLEANUP_DEADLINE_MS = 60_000;

const cleanups = new Set<Cleanup>();
const handlers = new Map<InterruptSignal, () => void>();
let running: Promise<void> | undefined;

function arm(): void {
  if (handlers.size > 0) return;
  for (const s of Object.keys(INTERRUPT_EXIT) as InterruptSignal[]) {
    const h = () => void interrupt(s);
    handlers.set(s, h);
    process.on(s, h);
  }
}

function disarmIfIdle(): void {
  if (cleanups.size > 0 || running) return;
  for (const [s, h] of handlers) process.off(s, h);
  handlers.clear();
}

/**
 * Registers a cleanup to run on an interrupt; returns the function that unregisters it.
 * @example const done = onInterrupt(async () => { await engine.removeContainer(id); }); ... done();
 */
export function onInterrupt(cleanup: Cleanup): () => void {
  cleanups.add(cleanup);
  arm();
  return () => {
    cleanups.delete(cleanup);
    disarmIfIdle();
  };
}

/**
 * Runs every registered cleanup (all of them, to their end or the deadline), then exits with
 * the signal's status. Also for a raw-mode terminal, where Ctrl-C arrives as a key.
 * @example await interrupt('SIGINT') // never returns: the process exits with 130
 */
export function interrupt(signal: InterruptSignal = 'SIGINT'): Promise<void> {
  if (running) return running;
  running = (async () => {
    const all = [...cleanups].map((c) => c(signal).catch(() => undefined));
    await Promise.race([Promise.allSettled(all), new Promise((r) => setTimeout(r, CLEANUP_DEADLINE_MS).unref())]);
    process.exit(INTERRUPT_EXIT[signal]);
  })();
  return running;
}
