/* Pure: which layer each of a container's lower directories is. */
import type { ContainerLayers } from './model';

/** The -init layer, or the image's layer at `position` (1 = bottom, `of` = top). */
export type LowerdirRole = { kind: 'init' } | { kind: 'image'; position: number; of: number };

/**
 * A container's lowerdir, uppermost first, is its -init layer (when it has one) and then its
 * image's layers from top to bottom; `imageLayers` is how many the image has.
 */
export function lowerdirRoles(c: Pick<ContainerLayers, 'initId' | 'lowerDirs'>, imageLayers: number): LowerdirRole[] {
  return c.lowerDirs.map((d, i) =>
    c.initId && d === c.initId ? { kind: 'init' } : { kind: 'image', position: imageLayers - (c.initId ? i - 1 : i), of: imageLayers },
  );
}
