/* The data behind <LabDiagram>: mount a preset, run the actions, draw the view; or draw the simulated host on disk. */
import {
  type Lang,
  UnionLab,
  type StackView,
  presetById,
  layerGrid,
  mermaidLab,
  mermaidLayerGrid,
  buildHostModel,
  simulatedHostInput,
  onDiskPicture,
  mermaidOnDisk,
} from '../../../../src/browser';

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
