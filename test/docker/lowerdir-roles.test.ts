import { describe, expect, it } from 'vitest';
import { lowerdirRoles } from '../../src/docker/store/lowerdir-roles';

describe('which layer each lowerdir of a container is', () => {
  it('the -init layer first, then the image top to bottom', () => {
    expect(lowerdirRoles({ initId: 'i', lowerDirs: ['i', 'c', 'b', 'a'] }, 3)).toEqual([
      { kind: 'init' },
      { kind: 'image', position: 3, of: 3 },
      { kind: 'image', position: 2, of: 3 },
      { kind: 'image', position: 1, of: 3 },
    ]);
  });
  it('without an -init layer the top lowerdir is the image top', () => {
    expect(lowerdirRoles({ lowerDirs: ['b', 'a'] }, 2).map((r) => (r.kind === 'image' ? r.position : 0))).toEqual([2, 1]);
  });
});
