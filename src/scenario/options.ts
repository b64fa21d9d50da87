import { OverlayLabError } from '../i18n/errors';
import { MAX_LOWER_LAYERS } from './parse';
import type { Scenario } from './ops';

/** What `sim run` and `kernel run` take besides the scenario (SCENARIOS.md, command line). */
export interface RunOptions {
  /** `-l DIR`, first is the top lower layer (L0). */
  lowers: string[];
  /** `-d DIR`: data-only lower layers (after `::` in lowerdir). */
  dataOnly: string[];
  /** `-u DIR`: initial content of the upper layer. */
  upper?: string;
  /** `-r`: no upper layer. */
  readOnly: boolean;
  /** `-o OPTS`: extra mount options, as given. */
  options: string;
}

/** Lower layers the mount gets: the larger of `-l` count and the highest L<i> named plus one, at least one. */
export function lowerCount(s: Scenario, o: RunOptions): number {
  return Math.max(o.lowers.length, s.lowersNamed, 1);
}

/**
 * Refuses input that cannot be run at all (exit 2): too many layers, or flags that
 * contradict each other. Options the kernel itself refuses are not checked here: the mount
 * fails, as it would on the kernel, and the report says so.
 */
export function checkRunInput(s: Scenario, o: RunOptions): void {
  const total = lowerCount(s, o) + o.dataOnly.length;
  if (total > MAX_LOWER_LAYERS) {
    throw new OverlayLabError(
      'ETOOMANYLAYERS',
      {
        en: '{total} lower layers asked for; the kernel takes at most {max}',
        'pt-BR': '{total} camadas inferiores pedidas; o kernel aceita no máximo {max}',
      },
      { total, max: MAX_LOWER_LAYERS },
    );
  }
  if (o.readOnly && (o.upper !== undefined || s.setup.some((op) => op.layer?.kind === 'upper'))) {
    const line = s.setup.find((op) => op.layer?.kind === 'upper')?.line;
    throw new OverlayLabError(
      'ECONFLICT',
      {
        en: '-r (no upper layer) conflicts with {what}',
        'pt-BR': '-r (sem camada superior) conflita com {what}',
      },
      { what: line !== undefined ? `U: at line ${line}` : '-u' },
      { en: 'Drop -r, or the upper layer.', 'pt-BR': 'Tire o -r, ou a camada superior.' },
    );
  }
}

/**
 * The lowerdir/upperdir/workdir option string both runners mount with: short names relative
 * to the run's own directory (as Docker's l/ links keep its strings short), so 500 layers
 * fit in the 4095 bytes that mount(2) takes.
 */
export function mountOptionString(lowers: number, dataOnly: number, readOnly: boolean, extra: string): string {
  const names = Array.from({ length: lowers }, (_, i) => `L${i}`);
  return optionStringFor(names, dataOnly, readOnly ? undefined : { upper: 'upper', work: 'work' }, extra);
}

/** The option string for lower directories by name (top first), e.g. after `remount -l U L0`. */
export function optionStringFor(lowerNames: string[], dataOnly: number, upper: { upper: string; work: string } | undefined, extra: string): string {
  const data = Array.from({ length: dataOnly }, (_, i) => `::D${i}`).join('');
  const parts = [`lowerdir=${lowerNames.join(':')}${data}`];
  if (upper) parts.push(`upperdir=${upper.upper}`, `workdir=${upper.work}`);
  if (extra) parts.push(extra);
  return parts.join(',');
}
