/* Pure: the merged and upper sections of the canonical report for a lab's current state. */
import type { UnionLab } from '../scenario/lab';
import { formatReport } from '../scenario/report';
import { mergedEntries, upperEntries } from '../scenario/simulate';

/**
 * The `## merged` and `## upper` sections (SCENARIOS.md) of a lab as it stands now: the lines
 * `overlay-lab sim run` and `kernel run` print for the same scenario, so a view can be checked
 * against either runner line by line.
 * @example
 * const lab = UnionLab.create({ setup: 'L0: write f hi' }) as UnionLab;
 * lab.run('rm f');
 * labReportSections(lab) // '## merged\n## upper\nU / d ...\nU /f WHITEOUT\n'
 */
export function labReportSections(lab: UnionLab): string {
  const merged = mergedEntries(lab.overlay);
  const upper = lab.upperFs ? upperEntries(lab.upperFs.root, `${lab.overlay.prefix}metacopy`) : undefined;
  const text = formatReport({ setup: [], ops: [], merged, upper });
  return text.slice(text.indexOf('## merged'));
}
