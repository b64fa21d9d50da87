import { describe, expect, it } from 'vitest';
import type { PathProbe } from '../../src/union/path';
import { hasTrailingSlash, slashRename, slashRule, type SlashTree } from '../../src/union/slash';

/** A small tree: f a file, d a directory, link -> d, flink -> f. */
function tree(readOnly = false): SlashTree {
  const at: Record<string, PathProbe> = {
    f: { kind: 'other' },
    d: { kind: 'dir' },
    link: { kind: 'symlink', target: 'd' },
    flink: { kind: 'symlink', target: '/f' },
  };
  return { readOnly, probe: (p) => at[p] ?? (p.startsWith('f/') ? { kind: 'error', errno: 'ENOTDIR' } : { kind: 'missing' }) };
}

describe('a trailing slash, as fs/namei.c reads it', () => {
  it('is told apart from a bare name and the root', () => {
    expect([hasTrailingSlash('f/'), hasTrailingSlash('f'), hasTrailingSlash('/'), hasTrailingSlash('a//')]).toEqual([true, false, false, true]);
  });
  it('passes a path without one through unchanged', () => {
    expect(slashRule(tree(), 'unlink', 'f')).toEqual({ path: 'f' });
  });
  it.each([
    ['walk', 'f/', { errno: 'ENOTDIR' }],
    ['walk', 'link/', { path: 'd' }],
    ['walk', 'flink/', { errno: 'ENOTDIR' }],
    ['walk', 'none/', { errno: 'ENOENT' }],
    ['open-create', 'none/', { errno: 'EISDIR' }],
    ['open-create', 'f/x/', { errno: 'ENOTDIR' }],
    ['unlink', 'f/', { errno: 'ENOTDIR' }],
    ['unlink', 'd/', { errno: 'EISDIR' }],
    ['unlink', 'link/', { errno: 'ENOTDIR' }],
    ['unlink', 'none/', { errno: 'ENOENT' }],
    ['dir', 'd/', { path: 'd' }],
    ['create-name', 'none/', { errno: 'ENOENT' }],
    ['create-name', 'd/', { errno: 'EEXIST' }],
  ] as const)('%s %s', (use, path, want) => {
    expect(slashRule(tree(), use, path)).toEqual(want);
  });
  it('says EROFS before looking at the name on a read-only tree (unlink, rename)', () => {
    expect(slashRule(tree(true), 'unlink', 'none/')).toEqual({ errno: 'EROFS' });
    expect(slashRename(tree(true), 'f/', 'g')).toEqual({ errno: 'EROFS' });
  });
  it('renames directories with slashes and refuses a file named with one', () => {
    expect(slashRename(tree(), 'd/', 'e/')).toEqual({ from: 'd', to: 'e' });
    expect(slashRename(tree(), 'f', 'g/')).toEqual({ errno: 'ENOTDIR' });
    expect(slashRename(tree(), 'none/', 'g')).toEqual({ errno: 'ENOENT' });
  });
});
