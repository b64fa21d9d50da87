/* Pure: plain-text tables for terminals and logs. */

/** Column alignment. */
export type Align = 'left' | 'right';

/** Options of a text table. */
export interface TableOptions {
  align?: Align[];
  /** Spaces between columns (default 2). */
  gap?: number;
  /** Draw a dashed line under the header. */
  rule?: boolean;
}

/** Display width: code points, not UTF-16 units (enough for Latin text and box symbols). */
function width(s: string): number {
  return [...s].length;
}

function pad(s: string, n: number, align: Align): string {
  const fill = ' '.repeat(Math.max(0, n - width(s)));
  return align === 'right' ? fill + s : s + fill;
}

/**
 * Lays out rows under a header, each column as wide as its widest cell; trailing spaces are trimmed.
 * @example renderTable(['A', 'SIZE'], [['x', '1 kB']], { align: ['left', 'right'] })
 * // 'A  SIZE\nx  1 kB\n'
 */
export function renderTable(header: string[], rows: string[][], opts: TableOptions = {}): string {
  const gap = ' '.repeat(opts.gap ?? 2);
  const cols = Math.max(header.length, ...rows.map((r) => r.length));
  const widths = Array.from({ length: cols }, (_, i) => Math.max(width(header[i] ?? ''), ...rows.map((r) => width(r[i] ?? ''))));
  const line = (cells: string[]) =>
    widths.map((w, i) => pad(cells[i] ?? '', w, opts.align?.[i] ?? 'left')).join(gap).replace(/\s+$/, '');
  const out = [line(header)];
  if (opts.rule) out.push(widths.map((w) => '-'.repeat(w)).join(gap));
  for (const r of rows) out.push(line(r));
  return out.join('\n') + '\n';
}
