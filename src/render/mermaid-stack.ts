/* Pure: a stack of boxes (layers, mounts) as a Mermaid flowchart. */

/** One box of the stack. */
export interface StackBox {
  id: string;
  /** Lines of the box's text. */
  lines: string[];
  /** Boxes with the same group are drawn inside one titled frame. */
  group?: string;
  /** A class name for styling (e.g. upper, lower, init, merged). */
  kind?: string;
}

/** Options of the diagram. */
export interface MermaidStackOptions {
  /** Class definitions, e.g. { upper: 'fill:#fde68a' }. */
  classes?: Record<string, string>;
  /** Label of the arrows between boxes, e.g. "on top of". */
  edgeLabel?: string;
}

/** Mermaid labels are quoted strings: a double quote must be an entity. */
function esc(s: string): string {
  return s.replace(/"/g, '#quot;').replace(/</g, '#lt;').replace(/>/g, '#gt;');
}

function nodeId(i: number): string {
  return `n${i}`;
}

/**
 * Draws boxes top to bottom (first box on top), each linked to the one below it.
 * @example mermaidStack([{ id: 'a', lines: ['upper'] }, { id: 'b', lines: ['lower'] }])
 * // 'flowchart TB\n  n0["upper"]\n  n1["lower"]\n  n0 --> n1\n'
 */
export function mermaidStack(boxes: StackBox[], opts: MermaidStackOptions = {}): string {
  const out = ['flowchart TB'];
  const node = (b: StackBox, i: number) => `${nodeId(i)}["${b.lines.map(esc).join('<br/>')}"]${b.kind ? `:::${b.kind}` : ''}`;
  let i = 0;
  while (i < boxes.length) {
    const group = boxes[i].group;
    if (group === undefined) {
      out.push(`  ${node(boxes[i], i)}`);
      i++;
      continue;
    }
    out.push(`  subgraph g${i}["${esc(group)}"]`);
    while (i < boxes.length && boxes[i].group === group) {
      out.push(`    ${node(boxes[i], i)}`);
      i++;
    }
    out.push('  end');
  }
  const arrow = opts.edgeLabel ? ` -- "${esc(opts.edgeLabel)}" --> ` : ' --> ';
  for (let j = 0; j + 1 < boxes.length; j++) out.push(`  ${nodeId(j)}${arrow}${nodeId(j + 1)}`);
  for (const [name, style] of Object.entries(opts.classes ?? {})) out.push(`  classDef ${name} ${style}`);
  return out.join('\n') + '\n';
}
