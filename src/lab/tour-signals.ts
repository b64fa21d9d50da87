/* Ctrl-C (and a dropped SSH session) during the tour: remove what it made, then exit. */
import { INTERRUPT_EXIT, interrupt, onInterrupt, type InterruptSignal } from '../docker/access/interrupts';

export { INTERRUPT_EXIT, type InterruptSignal };

/** A guard armed for the length of a tour. */
export interface InterruptGuard {
  /** Runs the cleanup and exits, as if the signal had come (a raw-mode terminal sends Ctrl-C as a key, not a signal). */
  trigger(signal?: InterruptSignal): Promise<void>;
  /** Removes the guard (the tour ended normally). */
  disarm(): void;
  readonly interrupted: boolean;
}

/**
 * Registers the tour's cleanup with the process-wide interrupt handling (interrupts.ts): on
 * SIGINT, SIGTERM or SIGHUP it runs together with every other cleanup (helper containers
 * included), and the process exits with 128 + the signal's number once all are done.
 * @example const guard = guardInterrupts(() => tour.dispose().then(() => undefined)); ... guard.disarm();
 */
export function guardInterrupts(cleanup: () => Promise<void>, onSignal?: (signal: InterruptSignal) => void): InterruptGuard {
  const guard = {
    interrupted: false,
    trigger: (signal: InterruptSignal = 'SIGINT') => interrupt(signal),
    disarm: () => unregister(),
  };
  const unregister = onInterrupt(async (signal) => {
    guard.interrupted = true;
    onSignal?.(signal);
    await cleanup();
  });
  return guard;
}
