/* Which image store the engine keeps: overlay2 (the graph driver) or containerd's snapshotter. */
import { existsSync, readdirSync } from 'node:fs';
import type { EngineFacts } from '../engine/engine';
import { CONTAINERD_ROOT, CONTAINERD_SNAPSHOTTER, DRIVER_TYPE_KEY, OVERLAYFS_SNAPSHOTTER_DIR, detectStore, type StoreKind } from '../store/store-kind';

/** The engine's own word on its image store, and what the disk shows at both places. */
export interface ImageStoreFacts {
  kind: StoreKind;
  /** `Storage Driver` of docker info. */
  driver: string;
  /** The `driver-type` pair of DriverStatus; absent when the engine keeps images in its graph driver. */
  driverType?: string;
  /** DriverStatus as the engine gave it: the evidence. */
  driverStatus: [string, string][];
  /** overlay2's directory and how many layer directories it holds (l/ aside). */
  overlay2: { path: string; present: boolean; dirs: number };
  /** containerd's overlayfs snapshotter: where a containerd-store engine keeps layers, as `snapshots/<n>/fs`. */
  containerd: { path: string; present: boolean; snapshots: number };
}

const entries = (p: string, skip: string[] = []) => (existsSync(p) ? readdirSync(p).filter((n) => !skip.includes(n)).length : 0);

/**
 * Reads `docker info`'s facts and looks at both stores' directories (on a local engine).
 * @example imageStoreFacts(facts).driverType // undefined: images live in overlay2
 */
export function imageStoreFacts(facts: EngineFacts): ImageStoreFacts {
  const store = detectStore(facts);
  const overlay2 = `${facts.rootDir.replace(/\/+$/, '')}/overlay2`;
  const snapshots = `${CONTAINERD_ROOT}/${OVERLAYFS_SNAPSHOTTER_DIR}/snapshots`;
  return {
    kind: store.kind,
    driver: facts.driver,
    driverType: store.driverType,
    driverStatus: facts.driverStatus,
    overlay2: { path: overlay2, present: facts.local && existsSync(overlay2), dirs: facts.local ? entries(overlay2, ['l']) : 0 },
    containerd: { path: snapshots, present: facts.local && existsSync(snapshots), snapshots: facts.local ? entries(snapshots) : 0 },
  };
}

/** The DriverStatus pair that switches the containerd store on, for the lesson to name. */
export const CONTAINERD_STORE_MARK: [string, string] = [DRIVER_TYPE_KEY, CONTAINERD_SNAPSHOTTER];
