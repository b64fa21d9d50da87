/* Ctrl-C (and a dropped SSH session) during the tour: remove what it made, then exit. */

/** The signals that end a tour early, and the exit status each gives (128 + its number). */
export const INTERRUPT_EXIT = { SIGINT: 130, SIGTERM: 143, SIGHUP: 129 } as const;
export type InterruptSignal = keyof typeof INTERRUPT_EXIT;

/** A guard armed for the length of a tour. */
export interface InterruptGuard {
  /** Runs the cleanup and exits, as if the signal had come (a raw-mode terminal sends Ctrl-C as a key, not a signal). */
  trigger(signal?: InterruptSignal): Promise<void>;
  /** Removes the handlers (the tour ended normally). */
  disarm(): void;
  readonly interrupted: boolean;
}

/** Longest the cleanup may take before the process exits anyway. */
const CLEANUP_DEADLINE_MS = 60_000;

/**
 * Arms SIGINT, SIGTERM and SIGHUP: on the first one, `cleanup` runs, then the process exits
 * with 128 + the signal's number. Our handler is put first, and while the cleanup runs
 * `process.exit` is held: helper-container.ts exits as soon as its own helpers are removed,
 * which must not cut the removal of the tour's containers and images short.
 * @example const guard = guardInterrupts(() => tour.dispose().then(() => undefined)); ... guard.disarm();
 */
export function guardInterrupts(cleanup: () => Promise<void>, onInterrupt?: (signal: InterruptSignal) => void): InterruptGuard {
  let running: Promise<void> | undefined;
  const handlers = new Map<InterruptSignal, () => void>();
  const guard: InterruptGuard = {
    interrupted: false,
    trigger(signal = 'SIGINT') {
      if (running) return running;
      (guard as { interrupted: boolean }).interrupted = true;
      onInterrupt?.(signal);
      const realExit = process.exit;
      process.exit = ((code?: number) => {
        void code; // held: the cleanup below decides when the process ends
      }) as typeof process.exit;
      running = (async () => {
        try {
          await Promise.race([cleanup().catch(() => undefined), new Promise((r) => setTimeout(r, CLEANUP_DEADLINE_MS).unref())]);
        } finally {
          process.exit = realExit;
          realExit.call(process, INTERRUPT_EXIT[signal]);
        }
      })();
      return running;
    },
    disarm() {
      for (const [s, h] of handlers) process.off(s, h);
      handlers.clear();
    },
  };
  for (const s of Object.keys(INTERRUPT_EXIT) as InterruptSignal[]) {
    const h = () => void guard.trigger(s);
    handlers.set(s, h);
    process.prependListener(s, h);
  }
  return guard;
}
