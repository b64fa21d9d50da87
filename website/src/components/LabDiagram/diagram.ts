/* The data behind <LabDiagram>: mount a preset, run the actions, draw the view; or draw the simulated host on disk. */
import type { Lang } from '../../../../src/i18n/lang';
import { UnionLab, type StackView } from '../../../../src/scenario/lab';
import { presetById } from '../../../../src/scenario/presets';
import { layerGrid } from '../../../../src/scenario/layer-grid';
import { mermaidLab } from '../../../../src/render/mermaid-lab';
import { mermaidLayerGrid } from '../../../../src/render/mermaid-grid';
import { buildHostModel } from '../../../../src/docker/store/host-model';
import { simulatedHostInput } from '../../../../src/docker/hosts/simulated-host';
import { onDiskPicture } from '../../../../src/docker/store/on-disk';
import { mermaidOnDisk } from '../../../../src/render/mermaid-on-disk';

export interface LabDiagramProps {
  preset?: string;
  setup?: string;
  options?: string;
  actions?: string[];
  maxEntries?: number;
  /** 'stack' (default): boxes per layer; 'grid': layers as rows, paths as columns, the last action's cells marked. */
  view?: 'stack' | 'grid';
  /** A container or image of the simulated host, drawn on disk (l/ links over overlay2 directories) instead of a lab. */
  onDisk?: string;
}

export function labDiagram(p: LabDiagramProps, lang: Lang): string {
  if (p.onDisk) {
    const picture = onDiskPicture(buildHostModel(simulatedHostInput()), p.onDisk);
    if (!picture) throw new Error(`LabDiagram: the simulated host has no container or image "${p.onDisk}"`);
    return mermaidOnDisk(picture, lang);
  }
  const preset = p.preset ? presetById(p.preset) : undefined;
  if (p.preset && !preset) throw new Error(`LabDiagram: no preset "${p.preset}"`);
  const lab = UnionLab.create({ setup: p.setup ?? preset?.text ?? '', options: p.options ?? preset?.options, lowers: preset?.lowers });
  if ('refused' in lab) throw new Error(`LabDiagram: mount refused: ${lab.refused}`);
  let before: StackView | undefined;
  for (const a of p.actions ?? []) {
    if (p.view === 'grid') before = lab.view();
    lab.run(a);
  }
  if (p.view === 'grid') return mermaidLayerGrid(layerGrid(lab.view(), before), lang);
  return mermaidLab(lab.view(), lang, { maxEntries: p.maxEntries ?? 8 });
}
