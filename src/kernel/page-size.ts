/* Node: this machine's page size, which sets how many bytes of options mount(2) takes. */
import { execFileSync } from 'node:child_process';

/**
 * The page size of the kernel this process runs on, as `getconf PAGESIZE` says: 4096 on x86-64,
 * 16384 or 65536 on some arm64 and ppc64 kernels. undefined where getconf is missing or odd.
 * The stated MOUNT_OPTIONS_MAX (4095) assumes 4 KiB pages; mount(2) takes this less one.
 * @example hostPageSize() // 4096
 */
export function hostPageSize(): number | undefined {
  try {
    const out = execFileSync('getconf', ['PAGESIZE'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    const n = Number(out);
    // A page is a power of two of at least 4 KiB on every architecture Linux runs containers on.
    return Number.isInteger(n) && n >= 4096 && (n & (n - 1)) === 0 ? n : undefined;
  } catch {
    return undefined;
  }
}
