/* Pure: a union lab's stack (merged, upperdir + workdir, lowerdirs) as a Mermaid flowchart. */
import { say } from '../i18n/format';
import type { Lang } from '../i18n/lang';
import type { LayerEntry, StackView } from '../scenario/lab';
import { mermaidStack, type StackBox } from './mermaid-stack';

/** How much of a big stack the diagram shows. */
export interface MermaidLabOptions {
  /** Entries listed per box before "+N more" (default 6). */
  maxEntries?: number;
  /** Most lower-layer boxes (default 3, one row): a deeper stack keeps its top and bottom layers and folds the rest into one box. */
  maxLowers?: number;
}

/**
 * Fills that keep dark text readable on both the light and the dark site theme: the boxes
 * carry their own background, so Mermaid's theme only changes the lines and frames.
 */
export const MERMAID_LAB_CLASSES: Record<string, string> = {
  merged: 'fill:#dcfce7,stroke:#15803d,color:#052e16',
  upper: 'fill:#fef3c7,stroke:#b45309,color:#3b2300',
  lower: 'fill:#e0f2fe,stroke:#0369a1,color:#082f49',
  gap: 'fill:#f1f5f9,stroke:#64748b,color:#0f172a,stroke-dasharray:4 3',
};

const T = {
  merged: { 'pt-BR': 'merged: o que o contêiner vê', en: 'merged: what the container sees' },
  upper: { 'pt-BR': 'upperdir: gravável (+ workdir, rascunho do copy-up)', en: 'upperdir: writable (+ workdir, scratch for copy-up)' },
  noUpper: { 'pt-BR': 'sem upperdir: montagem somente leitura', en: 'no upperdir: read-only mount' },
  lower: { 'pt-BR': 'lowerdir {name}{where}: somente leitura', en: 'lowerdir {name}{where}: read-only' },
  top: { 'pt-BR': ' (topo)', en: ' (top)' },
  bottom: { 'pt-BR': ' (base)', en: ' (bottom)' },
  empty: { 'pt-BR': '(vazia)', en: '(empty)' },
  more: { 'pt-BR': '+{n, plural, one {# entrada} other {# entradas}}', en: '+{n, plural, one {# more entry} other {# more entries}}' },
  gap: { 'pt-BR': '… {n, plural, one {# camada} other {# camadas}}: {from} a {to} …', en: '… {n, plural, one {# layer} other {# layers}}: {from} to {to} …' },
  whiteout: { 'pt-BR': 'whiteout', en: 'whiteout' },
  opaque: { 'pt-BR': 'opaco', en: 'opaque' },
  lowers: { 'pt-BR': 'lowerdir = {n, plural, one {# camada} other {# camadas}}', en: 'lowerdir = {n, plural, one {# layer} other {# layers}}' },
} as const;

function entryLine(e: LayerEntry, lang: Lang): string {
  const marks: string[] = [];
  if (e.whiteout) marks.push(`✗ ${T.whiteout[lang]}`);
  if (e.opaque === 'y') marks.push(`▣ ${T.opaque[lang]}`);
  if (e.redirect) marks.push(`→ ${e.redirect}`);
  if (e.metacopy) marks.push('metacopy');
  const name = `/${e.path}${e.type === 'd' && !e.whiteout ? '/' : ''}`;
  return marks.length ? `${name} ${marks.join(' ')}` : name;
}

function listed(lines: string[], max: number, lang: Lang): string[] {
  if (lines.length === 0) return [T.empty[lang]];
  if (lines.length <= max) return lines;
  return [...lines.slice(0, max), say(T.more, lang, { n: lines.length - max })];
}

/**
 * Draws the stack the way `mount -t overlay` builds it, in lookup order: merged and the upper
 * layer in the first row, then the lower layers from L0 (top) on, side by side. Whiteouts and
 * opaque directories are marked; a deep stack keeps its top and bottom layers and folds the
 * middle into one box, so the drawing stays two rows high.
 * @example
 * const lab = UnionLab.create({ setup: 'L0: write a 1\nL1: whiteout b' }) as UnionLab;
 * mermaidLab(lab.view(), 'en').startsWith('flowchart TB') // true
 */
export function mermaidLab(view: StackView, lang: Lang, opts: MermaidLabOptions = {}): string {
  const maxEntries = opts.maxEntries ?? 6;
  const maxLowers = Math.max(3, opts.maxLowers ?? 3);
  const boxes: StackBox[] = [];
  const mergedLines = view.merged.map((e) => `/${e.path}${e.type === 'd' ? '/' : ''} ← ${e.from}`);
  boxes.push({ id: 'merged', lines: [T.merged[lang], ...listed(mergedLines, maxEntries, lang)], kind: 'merged' });
  if (view.upper) {
    boxes.push({ id: 'upper', lines: [T.upper[lang], ...listed(view.upper.entries.map((e) => entryLine(e, lang)), maxEntries, lang)], kind: 'upper' });
  } else {
    boxes.push({ id: 'upper', lines: [T.noUpper[lang]], kind: 'gap' });
  }
  const n = view.lowers.length;
  const group = say(T.lowers, lang, { n });
  const lowerBox = (i: number): StackBox => {
    const l = view.lowers[i];
    const where = i === 0 ? T.top[lang] : i === n - 1 ? T.bottom[lang] : '';
    return { id: l.name, lines: [say(T.lower, lang, { name: l.name, where }), ...listed(l.entries.map((e) => entryLine(e, lang)), maxEntries, lang)], group, kind: 'lower' };
  };
  if (n <= maxLowers) {
    for (let i = 0; i < n; i++) boxes.push(lowerBox(i));
  } else {
    const head = maxLowers - 2;
    for (let i = 0; i < head; i++) boxes.push(lowerBox(i));
    boxes.push({ id: 'gap', lines: [say(T.gap, lang, { n: n - head - 1, from: view.lowers[head].name, to: view.lowers[n - 2].name })], group, kind: 'gap' });
    boxes.push(lowerBox(n - 1));
  }
  return mermaidStack(boxes, { classes: MERMAID_LAB_CLASSES, perRow: 3 });
}
