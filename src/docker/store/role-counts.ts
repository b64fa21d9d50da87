import type { LayerDir } from './model';

/** How many directories of the store play each role: what every summary line of a listing says. */
export interface RoleCounts {
  images: number;
  containers: number;
  inits: number;
  unused: number;
  orphans: number;
}

/**
 * Counts directories by role, once, for every view that summarizes a store, a snapshot or a diff.
 * @example roleCounts(model.dirs).images // image layers in the store
 */
export function roleCounts(dirs: readonly Pick<LayerDir, 'role'>[]): RoleCounts {
  const c: RoleCounts = { images: 0, containers: 0, inits: 0, unused: 0, orphans: 0 };
  for (const d of dirs) {
    if (d.role.kind === 'image-layer') c.images++;
    else if (d.role.kind === 'container-layer') c.containers++;
    else if (d.role.kind === 'init-layer') c.inits++;
    else if (d.role.kind === 'unused-layer') c.unused++;
    else if (d.role.kind === 'orphan') c.orphans++;
  }
  return c;
}
