/**
 * Path resolution as a program chrooted into the merged directory sees it: symbolic links
 * in the middle of a path are followed, absolute targets start again at the root, and `..`
 * at the root stays there. A scenario never reaches outside its tree, on the model or on
 * the kernel, because both runners resolve through this one function.
 */

/** Symbolic links followed in one resolution before ELOOP (Linux's MAXSYMLINKS). */
export const MAX_SYMLINK_HOPS = 40;

/** What the resolver needs to know of one path: a link (with its target), something else, or nothing. */
export type PathProbe = { kind: 'symlink'; target: string } | { kind: 'dir' } | { kind: 'other' } | { kind: 'missing' };

/**
 * Resolves `path` (components joined by `/`, relative to the root) by asking `probe` about
 * each prefix. Stops substituting at the first missing component and appends the rest as
 * written, so the system call that follows reports the kernel's own error (ENOENT, ENOTDIR).
 * Returns the resolved path ('' is the root), or 'ELOOP'.
 * @example resolvePath('a/f', (p) => (p === 'a' ? { kind: 'symlink', target: '/d' } : { kind: 'dir' }), true) // { path: 'd/f' }
 */
export function resolvePath(
  path: string,
  probe: (path: string) => PathProbe,
  followLast: boolean,
): { path: string } | { errno: 'ELOOP' } {
  const done: string[] = [];
  let queue = path.split('/').filter((p) => p !== '' && p !== '.');
  let hops = 0;
  while (queue.length > 0) {
    const name = queue.shift()!;
    if (name === '..') {
      done.pop();
      continue;
    }
    const candidate = [...done, name].join('/');
    const isLast = queue.length === 0;
    const p = probe(candidate);
    // Missing, or a file in the middle: hand the rest to the system call as written.
    if (p.kind === 'missing' || (p.kind === 'other' && !isLast)) return { path: [candidate, ...queue].join('/') };
    if (p.kind === 'symlink' && (!isLast || followLast)) {
      if (++hops > MAX_SYMLINK_HOPS) return { errno: 'ELOOP' };
      if (p.target.startsWith('/')) done.length = 0;
      queue = [...p.target.split('/').filter((x) => x !== '' && x !== '.'), ...queue];
      continue;
    }
    done.push(name);
  }
  return { path: done.join('/') };
}
