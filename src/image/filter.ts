/* Pure: which paths an analysis shows: under a prefix, within a size range. */

/** A path prefix ('/usr/lib' keeps /usr/lib and what is under it) and a size range in bytes. */
export interface PathFilter {
  prefix?: string;
  minSize?: number;
  maxSize?: number;
}

/**
 * Whether a path (and the size it stands for) passes the filter.
 * @example matchesFilter('/usr/lib/x', 10, { prefix: '/usr' }) // true
 * @example matchesFilter('/usrx', 10, { prefix: '/usr' }) // false
 */
export function matchesFilter(path: string, size: number, filter: PathFilter = {}): boolean {
  if (filter.prefix !== undefined) {
    const pre = '/' + filter.prefix.split('/').filter((p) => p !== '' && p !== '.').join('/');
    if (pre !== '/' && path !== pre && !path.startsWith(`${pre}/`)) return false;
  }
  if (filter.minSize !== undefined && size < filter.minSize) return false;
  if (filter.maxSize !== undefined && size > filter.maxSize) return false;
  return true;
}
