/* Pure: fits the tour's text to a terminal's width (a projector at 60 columns, an SSH window at 200). */

/** A piece of a step's screen: prose wraps at words, preformatted text (tables, drawings, commands) breaks at the edge. */
export type TourBlock =
  | { kind: 'title'; text: string }
  | { kind: 'prose'; text: string }
  | { kind: 'pre'; text: string }
  | { kind: 'command'; text: string; note?: string };

/** Narrowest width the tour lays out for; narrower terminals get this and wrap themselves. */
export const MIN_WIDTH = 40;

const width = (s: string) => [...s].length;

/**
 * Wraps one paragraph at spaces; a word longer than the width is cut.
 * @example wrapWords('a bb ccc', 4) // ['a bb', 'ccc']
 */
export function wrapWords(text: string, cols: number, indent = ''): string[] {
  const out: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    let w = word;
    while (width(indent) + width(w) > cols) {
      if (line) {
        out.push(line);
        line = '';
      }
      const room = cols - width(indent);
      out.push(indent + [...w].slice(0, room).join(''));
      w = [...w].slice(room).join('');
    }
    if (!w) continue;
    const candidate = line ? `${line} ${w}` : indent + w;
    if (width(candidate) > cols && line) {
      out.push(line);
      line = indent + w;
    } else line = candidate;
  }
  if (line) out.push(line);
  return out;
}

/**
 * Breaks a preformatted line at the edge; continuation lines start with `cont`.
 * @example breakLine('abcdef', 4, '> ') // ['abcd', '> ef']
 */
export function breakLine(line: string, cols: number, cont = '  '): string[] {
  const chars = [...line.replace(/\s+$/, '')];
  if (chars.length <= cols) return [chars.join('')];
  const out = [chars.slice(0, cols).join('')];
  const room = Math.max(1, cols - width(cont));
  for (let i = cols; i < chars.length; i += room) out.push(cont + chars.slice(i, i + room).join(''));
  return out;
}

/**
 * A shell command that still pastes: broken at spaces, each line but the last ending in ` \`
 * (a word longer than the line is cut, as nothing better can be done).
 * @example breakCommand('ls -l /var/lib/docker/overlay2', 32) // ['$ ls -l \\', '    /var/lib/docker/overlay2']
 */
export function breakCommand(text: string, cols: number): string[] {
  const room = cols - 2; // for the " \\" that ends a continued line
  const out: string[] = [];
  let line = '$';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (width(line) + 1 + width(word) > room && line.trim() !== '$' && line.trim() !== '') {
      out.push(`${line} \\`);
      line = `    ${word}`;
    } else line = `${line} ${word}`;
  }
  out.push(line);
  return out.flatMap((l) => breakLine(l, cols, '    '));
}

/**
 * Lays blocks out for a width: a title with a rule, prose wrapped at words, commands as `$ ...`
 * with their note, preformatted lines broken at the edge. Every line fits in `cols` columns.
 * @example layoutBlocks([{ kind: 'prose', text: 'one two three' }], 40)
 */
export function layoutBlocks(blocks: TourBlock[], cols: number): string {
  const c = Math.max(MIN_WIDTH, cols);
  const lines: string[] = [];
  for (const b of blocks) {
    switch (b.kind) {
      case 'title':
        lines.push(...wrapWords(b.text, c), '─'.repeat(Math.min(c, Math.max(...wrapWords(b.text, c).map(width)))));
        break;
      case 'prose':
        for (const para of b.text.split('\n')) lines.push(...(para.trim() ? wrapWords(para, c) : ['']));
        break;
      case 'command':
        lines.push(...breakCommand(b.text, c), ...(b.note ? wrapWords(`# ${b.note}`, c, '    ') : []));
        break;
      case 'pre':
        for (const l of b.text.replace(/\n$/, '').split('\n')) lines.push(...breakLine(l, c, '    ↪ '));
        break;
    }
  }
  return lines.join('\n') + '\n';
}

/**
 * Splits a laid-out step into screens of at most `rows` lines. Every screen starts with the
 * step's title (its first `head` lines), so a step taller than the terminal pages instead of
 * scrolling its title away; `firstTaken` lines already on the first screen (the tour's
 * introduction) leave it less room. Each screen shows at least one line of the step's body.
 * @example pageLines(['T', '─', 'a', 'b', 'c'], 2, 4) // [['T', '─', 'a', 'b'], ['T', '─', 'c']]
 */
export function pageLines(lines: string[], head: number, rows: number, firstTaken = 0): string[][] {
  const title = lines.slice(0, head);
  const body = lines.slice(head);
  const pages: string[][] = [];
  let at = 0;
  do {
    const room = Math.max(1, rows - head - (pages.length === 0 ? firstTaken : 0));
    pages.push([...title, ...body.slice(at, at + room)]);
    at += room;
  } while (at < body.length);
  return pages;
}
