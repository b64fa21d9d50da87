/* Pure: byte counts as people type them. */

/**
 * Parses a size: bytes, or a number with K, M, G or T (powers of 1024, as du and find use);
 * a trailing B or iB is allowed. Undefined when it is not a size.
 * @example parseSize('10k') // 10240
 * @example parseSize('1.5M') // 1572864
 */
export function parseSize(text: string): number | undefined {
  const m = /^\s*(\d+(?:\.\d+)?)\s*([kmgt]?)(i?b)?\s*$/i.exec(text);
  if (!m) return undefined;
  const power = ' kmgt'.indexOf((m[2] || ' ').toLowerCase());
  return Math.round(Number(m[1]) * 1024 ** power);
}
