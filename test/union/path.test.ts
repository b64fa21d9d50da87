import { describe, expect, it } from 'vitest';
import { MAX_SYMLINK_HOPS, resolvePath, type PathProbe } from '../../src/union/path';

/** A tiny tree: names to probes. */
const tree = (t: Record<string, PathProbe>) => (p: string): PathProbe => t[p] ?? { kind: 'missing' };

describe('path resolution inside the merged root (chroot semantics)', () => {
  it('follows links in the middle; absolute targets restart at the root, not the host', () => {
    const probe = tree({ a: { kind: 'symlink', target: '/etc' }, etc: { kind: 'dir' }, 'etc/f': { kind: 'other' } });
    expect(resolvePath('a/f', probe, true)).toEqual({ path: 'etc/f' });
  });
  it('keeps `..` at the root', () => {
    const probe = tree({ a: { kind: 'symlink', target: '../../../x' }, x: { kind: 'dir' } });
    expect(resolvePath('a', probe, true)).toEqual({ path: 'x' });
  });
  it('does not follow the last link unless asked', () => {
    const probe = tree({ l: { kind: 'symlink', target: 't' } });
    expect(resolvePath('l', probe, false)).toEqual({ path: 'l' });
    expect(resolvePath('l', probe, true)).toEqual({ path: 't' });
  });
  it(`gives ELOOP after ${MAX_SYMLINK_HOPS} links`, () => {
    const probe = tree({ a: { kind: 'symlink', target: 'b' }, b: { kind: 'symlink', target: 'a' } });
    expect(resolvePath('a', probe, true)).toEqual({ errno: 'ELOOP' });
  });
  it('hands a path through a file to the system call unchanged (it answers ENOTDIR)', () => {
    const probe = tree({ f: { kind: 'other' } });
    expect(resolvePath('f/../g', probe, true)).toEqual({ path: 'f/../g' });
  });
});
