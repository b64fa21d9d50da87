/* The data behind <LabDiagram>: mount a preset, run the actions, draw the view. */
import type { Lang } from '../../../../src/i18n/lang';
import { UnionLab } from '../../../../src/scenario/lab';
import { presetById } from '../../../../src/scenario/presets';
import { mermaidLab } from '../../../../src/render/mermaid-lab';

export function labDiagram(p: { preset?: string; setup?: string; options?: string; actions?: string[]; maxEntries?: number }, lang: Lang): string {
  const preset = p.preset ? presetById(p.preset) : undefined;
  if (p.preset && !preset) throw new Error(`LabDiagram: no preset "${p.preset}"`);
  const lab = UnionLab.create({ setup: p.setup ?? preset?.text ?? '', options: p.options ?? preset?.options, lowers: preset?.lowers });
  if ('refused' in lab) throw new Error(`LabDiagram: mount refused: ${lab.refused}`);
  for (const a of p.actions ?? []) lab.run(a);
  return mermaidLab(lab.view(), lang, { maxEntries: p.maxEntries ?? 8 });
}
