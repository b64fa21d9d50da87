// One reading of `<id>/diff` paths and one rule for falling back to the simulated host.
import { describe, expect, it } from 'vitest';
import { diffPathOf, layerIdOfDiff } from '../../src/docker/store/layout';
import { simulationReason } from '../../src/docker/hosts/simulated-fallback';
import { noEngine, notFound, socketPermission } from '../../src/docker/errors';

describe('layerIdOfDiff', () => {
  it('reads the id of every spelling Docker uses, and nothing else', () => {
    const id = 'f3c1a9'.repeat(10) + 'abcd';
    expect(layerIdOfDiff(diffPathOf(id))).toBe(id);
    expect(layerIdOfDiff(`/var/lib/docker/overlay2/${id}/diff`)).toBe(id);
    expect(layerIdOfDiff(`../${id}/diff`)).toBe(id);
    expect(layerIdOfDiff(`${id}/diff/`)).toBe(id);
    for (const other of [undefined, '', 'diff', `${id}/work`, `${id}/diff/etc`, '../diff', './diff'])
      expect(layerIdOfDiff(other), String(other)).toBeUndefined();
  });
});

describe('simulationReason', () => {
  it('falls back only when no engine can be used, and only in fallback mode', () => {
    const none = noEngine('/var/run/docker.sock', 'ENOENT');
    const perm = socketPermission('/var/run/docker.sock');
    expect(simulationReason(none, 'fallback')).toBe(none);
    expect(simulationReason(perm, 'fallback')).toBe(perm);
    expect(simulationReason(none, 'never')).toBeUndefined();
    expect(simulationReason(notFound('image', 'x'), 'fallback')).toBeUndefined();
    expect(simulationReason(new Error('ENOENGINE'), 'fallback')).toBeUndefined();
  });
});
