import { spawnSync } from 'node:child_process';

/**
 * Waits until `ready()` holds, checking every 100 ms. When it does not within `ms`, throws
 * saying what was awaited and for how long (plus `seen()`, what was there instead): a poll that
 * carries on silently lets the test fail later, somewhere that does not name the cause.
 */
export async function waitUntil(what: string, ready: () => boolean, ms: number, seen?: () => string): Promise<void> {
  const start = Date.now();
  for (;;) {
    if (ready()) return;
    if (Date.now() - start > ms) throw new Error(`waited ${ms} ms for ${what}; it did not happen${seen ? `:\n${seen()}` : ''}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Whether a shell command exits 0 (a readiness check for waitUntil). */
export function shOk(cmd: string): boolean {
  return spawnSync('bash', ['-c', cmd], { stdio: 'ignore' }).status === 0;
}
