/* Pure: byte counts for people. */

/**
 * Formats bytes in SI units as `docker images` does (1 kB = 1000 B), one decimal above 10 kB.
 * @example formatBytes(1984172) // '1.98 MB'
 */
export function formatBytes(n: number | undefined): string {
  if (n === undefined || Number.isNaN(n)) return '-';
  if (n < 1000) return `${n} B`;
  const units = ['kB', 'MB', 'GB', 'TB'];
  let v = n;
  let u = -1;
  while (v >= 1000 && u < units.length - 1) {
    v /= 1000;
    u++;
  }
  return `${v >= 100 ? v.toFixed(0) : v >= 10 ? v.toFixed(1) : v.toFixed(2)} ${units[u]}`;
}
