// The named limits hold together as their sources say; the live checks are in test/kernel and test/docker.
import { describe, expect, it } from 'vitest';
import * as limits from '../../src/union/limits';
import { FACTS, factValue } from '../../src/union/limits';
import * as layout from '../../src/docker/store/layout';
import * as config from '../../src/union/config';

describe('the stated limits', () => {
  it('mount(2) takes one page less the final NUL', () => {
    expect(limits.MOUNT_OPTIONS_MAX).toBe(limits.PAGE_SIZE - 1);
  });

  it("moby's inequality holds: 128 relative short links fit in a page with room for an SELinux label", () => {
    const perLink = limits.SHORT_LINK_LENGTH + 'l/'.length;
    expect(perLink * limits.OVERLAY2_MAX_DEPTH).toBeLessThanOrEqual(limits.PAGE_SIZE - limits.SELINUX_LABEL_RESERVE);
    // ...and one more layer would not: the depth is the largest the page allows.
    expect(perLink * (limits.OVERLAY2_MAX_DEPTH + 1)).toBeGreaterThan(limits.PAGE_SIZE - limits.SELINUX_LABEL_RESERVE);
  });

  it('a container never reaches overlay2\'s depth before the layer store refuses the image', () => {
    expect(limits.CONTAINER_MAX_LOWERS).toBe(limits.LAYER_STORE_MAX_DEPTH + 1);
    expect(limits.CONTAINER_MAX_LOWERS).toBeLessThan(limits.OVERLAY2_MAX_DEPTH);
    expect(limits.OVERLAY2_MAX_DEPTH).toBeLessThan(limits.OVL_MAX_STACK);
  });

  it('names each limit once: FACTS, the old names and the union config are the same values', () => {
    expect(FACTS.kernelMaxLowers.value).toBe(limits.OVL_MAX_STACK);
    expect(FACTS.mountOptionsMax.value).toBe(limits.MOUNT_OPTIONS_MAX);
    expect(config.OVL_MAX_STACK).toBe(limits.OVL_MAX_STACK);
    expect(config.MOUNT_OPTIONS_MAX).toBe(limits.MOUNT_OPTIONS_MAX);
    expect(layout.MAX_DEPTH).toBe(limits.OVERLAY2_MAX_DEPTH);
    expect(layout.ID_LENGTH).toBe(limits.SHORT_LINK_LENGTH);
    expect(layout.KERNEL_MAX_LOWERS).toBe(limits.OVL_MAX_STACK);
    expect(layout.LAYER_STORE_MAX_DEPTH).toBe(limits.LAYER_STORE_MAX_DEPTH);
    expect(layout.PAGE_SIZE).toBe(limits.PAGE_SIZE);
    for (const [name, f] of Object.entries(FACTS)) {
      expect(f.source, name).toMatch(/^(Linux|moby) /);
      expect(factValue(name)).toBe(f.value);
    }
    expect(factValue('toString')).toBeUndefined();
    expect(factValue('maxDepth')).toBeUndefined();
  });
});
