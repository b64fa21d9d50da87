import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';

/** Under CI a missing piece is a failure, not a skip. */
export const IN_CI = process.env.CI === 'true';

/**
 * Returns why this machine cannot run a real-part test, or undefined when it can.
 * Under CI=true a reason throws instead, so the suite goes red rather than quietly skipping.
 */
export function need(reason: string | undefined): string | undefined {
  if (reason && IN_CI) throw new Error(`CI=true and a required piece is missing: ${reason}`);
  return reason;
}

/** Why a real overlay mount cannot run here, or undefined. */
export function kernelOverlayMissing(): string | undefined {
  if (process.platform !== 'linux') return 'not Linux: no OverlayFS';
  if (typeof process.getuid === 'function' && process.getuid() !== 0) return 'not root: mount(2) needs CAP_SYS_ADMIN';
  for (const tool of ['getfattr', 'setfattr', 'mknod']) {
    try {
      execFileSync('which', [tool], { stdio: 'ignore' });
    } catch {
      return `${tool} not installed (Debian: apt-get install attr coreutils)`;
    }
  }
  if (!existsSync('/proc/filesystems')) return 'no /proc/filesystems';
  return undefined;
}
