/* Pure: a stack of boxes (layers, mounts) as a Mermaid flowchart, laid out wide rather than tall. */

/** One box of the stack. */
export interface StackBox {
  id: string;
  /** Lines of the box's text. */
  lines: string[];
  /** Boxes with the same group are drawn inside titled frames. */
  group?: string;
  /** A class name for styling (e.g. upper, lower, init, merged). */
  kind?: string;
}

/** Options of the diagram. */
export interface MermaidStackOptions {
  /** Class definitions, e.g. { upper: 'fill:#fde68a' }. */
  classes?: Record<string, string>;
  /** Most boxes side by side in one row (default: as many as fit about 1,000 px of 16 px text, 1 to 4). */
  perRow?: number;
}

/** Mermaid labels are quoted strings: a double quote must be an entity. */
function esc(s: string): string {
  return s.replace(/"/g, '#quot;').replace(/</g, '#lt;').replace(/>/g, '#gt;');
}

/** Width a row may take at 16 px text: a 768 px column shows it at 12 px or more without scrolling. */
const ROW_BUDGET_PX = 1000;
/** Mermaid wraps a label near 200 px; a long unbreakable word makes the box wider. */
const WRAP_PX = 200;
const CHAR_PX = 8.5;
const GAP_PX = 80;

/** How many boxes fit side by side, from the longest word or line a box holds. */
function boxesPerRow(boxes: StackBox[]): number {
  const widest = Math.max(
    WRAP_PX,
    ...boxes.flatMap((b) => b.lines.flatMap((l) => l.split(/\s+/).map((w) => [...w].length * CHAR_PX))),
  );
  return Math.min(4, Math.max(1, Math.floor((ROW_BUDGET_PX + GAP_PX) / (widest + GAP_PX))));
}

interface Row {
  boxes: { box: StackBox; i: number }[];
  group?: string;
  /** The first row of its group. */
  opens: boolean;
}

/** Boxes in reading order, cut into rows: a group starts a new row, a row holds at most `perRow`. */
function rowsOf(boxes: StackBox[], perRow: number): Row[] {
  const rows: Row[] = [];
  boxes.forEach((box, i) => {
    const last = rows[rows.length - 1];
    if (last && last.group === box.group && last.boxes.length < perRow) last.boxes.push({ box, i });
    else rows.push({ boxes: [{ box, i }], group: box.group, opens: !last || last.group !== box.group });
  });
  return rows;
}

/**
 * Draws boxes in reading order, left to right and then row after row (first box top left), each
 * linked to the next: a stack of many boxes becomes a few short rows instead of one tall column,
 * so it fits a desktop column, a projector and (scrolled sideways) a phone at a legible size.
 * A group's title is the frame's title when the group opens the diagram, else the label of the
 * arrow that enters it (an arrow into a frame would cross the frame's title).
 * @example mermaidStack([{ id: 'a', lines: ['upper'] }, { id: 'b', lines: ['lower'] }])
 * // 'flowchart TB\n  subgraph r0[" "]\n    direction LR\n    n0["upper"]\n    n1["lower"]\n    n0 --> n1\n  end\n  style r0 fill:none,stroke:none\n'
 */
export function mermaidStack(boxes: StackBox[], opts: MermaidStackOptions = {}): string {
  const out = ['flowchart TB'];
  const perRow = Math.max(1, opts.perRow ?? boxesPerRow(boxes));
  const node = (b: StackBox, i: number) => `n${i}["${b.lines.map(esc).join('<br/>')}"]${b.kind ? `:::${b.kind}` : ''}`;
  const rows = rowsOf(boxes, perRow);
  const hidden: string[] = [];
  rows.forEach((row, r) => {
    const title = row.group !== undefined && row.opens && r === 0 ? esc(row.group) : ' ';
    out.push(`  subgraph r${r}["${title}"]`, '    direction LR');
    for (const { box, i } of row.boxes) out.push(`    ${node(box, i)}`);
    for (let j = 0; j + 1 < row.boxes.length; j++) out.push(`    n${row.boxes[j].i} --> n${row.boxes[j + 1].i}`);
    out.push('  end');
    if (row.group === undefined) hidden.push(`r${r}`);
  });
  // Rows are linked frame to frame: a link from a box inside a frame to the outside would
  // make Mermaid ignore the frame's left-to-right direction.
  rows.forEach((row, r) => {
    if (r === 0) return;
    const label = row.group !== undefined && row.opens ? ` -- "${esc(row.group)}" --> ` : ' --> ';
    out.push(`  r${r - 1}${label}r${r}`);
  });
  for (const id of hidden) out.push(`  style ${id} fill:none,stroke:none`);
  for (const [name, style] of Object.entries(opts.classes ?? {})) out.push(`  classDef ${name} ${style}`);
  return out.join('\n') + '\n';
}

/** Room between boxes of a column (Mermaid's default is 50 px): five layers then fit a 768 px screen. */
const COLUMN_SPACING_PX = 20;

/**
 * Draws boxes top to bottom in one titled frame, each linked to the next: for a stack whose boxes
 * hold long words (layer ids, l/ links), one box per row is the only layout narrow enough for a
 * phone at 12 px text; the tight spacing keeps five boxes within a 768 px screen's height.
 * @example mermaidColumn([{ id: 'a', lines: ['5: 8ea53a9271f1/diff'] }, { id: 'b', lines: ['4: b157b215d375/diff'] }], { title: 'img:1' }).includes('direction TB') // true
 */
export function mermaidColumn(boxes: StackBox[], opts: { classes?: Record<string, string>; title?: string } = {}): string {
  const out = ['---', 'config:', '  flowchart:', `    rankSpacing: ${COLUMN_SPACING_PX}`, `    nodeSpacing: ${COLUMN_SPACING_PX}`, '---', 'flowchart TB'];
  out.push(`  subgraph c0["${esc(opts.title ?? ' ')}"]`, '    direction TB');
  boxes.forEach((b, i) => out.push(`    n${i}["${b.lines.map(esc).join('<br/>')}"]${b.kind ? `:::${b.kind}` : ''}`));
  for (let i = 0; i + 1 < boxes.length; i++) out.push(`    n${i} --> n${i + 1}`);
  out.push('  end');
  if (opts.title === undefined) out.push('  style c0 fill:none,stroke:none');
  for (const [name, style] of Object.entries(opts.classes ?? {})) out.push(`  classDef ${name} ${style}`);
  return out.join('\n') + '\n';
}
