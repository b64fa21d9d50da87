/* The one rule for when overlay-lab shows the simulated host instead of a live one. */
import { OverlayLabError } from '../../i18n/errors';

/**
 * How a caller wants the simulated host: 'never' (a live engine or an error), 'fallback' (the
 * simulated host, with the reason, when no live engine can be used), 'always' (no engine asked).
 */
export type SimulatedMode = 'never' | 'fallback' | 'always';

// No engine answers, or this user may not use it: the live host cannot be shown at all. Any
// other error (a missing image, a broken store) is about the host itself and is reported.
const UNUSABLE_ENGINE = new Set(['ENOENGINE', 'EDOCKERPERM', 'ESSH', 'ESSHHOSTKEY']);

/**
 * The reason to fall back to the simulated host, when `e` is one and the mode allows it.
 * @example const because = simulationReason(e, 'fallback'); if (!because) throw e;
 */
export function simulationReason(e: unknown, mode: SimulatedMode): OverlayLabError | undefined {
  return mode === 'fallback' && e instanceof OverlayLabError && UNUSABLE_ENGINE.has(e.code) ? e : undefined;
}
