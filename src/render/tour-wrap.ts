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

/** Docker's short form of an id: its first 12 hex digits (`docker ps`, `docker images`). */
export const SHORT_ID_HEX = 12;
const FULL_ID = /\b([0-9a-f]{12})[0-9a-f]{52}\b/g;

/**
 * Fits one word (no spaces) in `room` columns, for a word that alone is longer than a line:
 * first its 64-hex ids are shortened as docker shortens them; if it is still too long it is
 * cut after a '/', '=', ':', ',' or '-' (a place that reads), and only then at the edge.
 * Returns the pieces, each at most `room` wide (the first one at most `first`).
 * @example fitWord('$S/' + 'a'.repeat(64) + '/diff', 30) // ['$S/aaaaaaaaaaaa/diff']
 */
export function fitWord(word: string, room: number, first = room, shorten = true): string[] {
  let w = shorten && width(word) > first ? word.replace(FULL_ID, '$1') : word;
  const out: string[] = [];
  let r = Math.max(1, first);
  while (width(w) > r) {
    const chars = [...w];
    let cut = -1;
    for (let i = r - 1; i > 0; i--) if ('/=:,-'.includes(chars[i])) { cut = i + 1; break; }
    // A piece shorter than a third of the line reads worse than a cut at the edge.
    if (cut < Math.ceil(r / 3)) cut = r;
    out.push(chars.slice(0, cut).join(''));
    w = chars.slice(cut).join('');
    r = Math.max(1, room);
  }
  out.push(w);
  return out;
}

/**
 * The one place the tour breaks a line: at spaces (the spaces inside the line are kept, so
 * tables stay aligned), with continuation lines starting with `cont`; a word that alone is
 * longer than the line goes through fitWord.
 * @example wrapLine('ab  cd ef', 5, '> ') // ['ab', '> cd', '> ef']
 */
export function wrapLine(text: string, cols: number, cont = ''): string[] {
  const line = text.replace(/\s+$/, '');
  if (width(line) <= cols) return [line];
  const lead = /^\s*/.exec(line)![0];
  const parts = line.slice(lead.length).split(/(\s+)/); // words at even places, their spaces at odd ones
  const out: string[] = [];
  let cur = lead;
  let fresh = true; // nothing but the indentation on the current line yet
  for (let i = 0; i < parts.length; i += 2) {
    // A word too long for any line is shortened first, so it may still fit where it stands.
    const word = width(parts[i]) > cols - width(cont) ? parts[i].replace(FULL_ID, '$1') : parts[i];
    const gap = fresh ? '' : parts[i - 1];
    if (width(cur) + width(gap) + width(word) <= cols) {
      cur += gap + word;
      fresh = false;
      continue;
    }
    if (!fresh) {
      out.push(cur);
      cur = cont;
    }
    if (width(cur) + width(word) <= cols) cur += word;
    else {
      const pieces = fitWord(word, cols - width(cont), cols - width(cur));
      cur += pieces[0];
      for (const p of pieces.slice(1)) {
        out.push(cur);
        cur = cont + p;
      }
    }
    fresh = false;
  }
  out.push(cur);
  return out;
}

/**
 * Wraps one paragraph at spaces; a word longer than the line goes through fitWord.
 * @example wrapWords('a bb ccc', 4) // ['a bb', 'ccc']
 */
export function wrapWords(text: string, cols: number, indent = ''): string[] {
  return wrapLine(indent + text.split(/\s+/).filter(Boolean).join(' '), cols, indent);
}

/**
 * Breaks a preformatted line (a table row, a drawing) at spaces; continuation lines start with `cont`.
 * @example breakLine('ab cd ef', 5, '> ') // ['ab cd', '> ef']
 */
export function breakLine(line: string, cols: number, cont = '  '): string[] {
  return wrapLine(line, cols, cont);
}

/**
 * A shell command that still pastes: broken at spaces, each line but the last ending in ` \\`.
 * A quoted word stays whole unless it alone is too long (an `sh -c '…'` script: its own shell
 * reads the backslash-newline as a continuation too). A path longer than the line is cut after
 * a '/' with a `\\` and no indentation, which the shell joins back exactly; its ids are
 * shortened (docker's 12 hex, then …) only on a terminal too narrow for a full id on a line.
 * @example breakCommand('ls -l /var/lib/docker/overlay2', 32) // ['$ ls -l \\\\', '    /var/lib/docker/overlay2']
 */
export function breakCommand(text: string, cols: number): string[] {
  const room = cols - 2; // for the " \\" that ends a continued line
  const words = (text.match(/(?:'[^']*'|"[^"]*"|\S)+/g) ?? []).flatMap((w) => (width(w) > room - 4 && /\s/.test(w) ? w.split(/\s+/) : [w]));
  const out: string[] = [];
  let line = '$';
  let empty = true; // nothing yet after the prompt or the indentation
  words.forEach((word, i) => {
    const limit = i === words.length - 1 ? cols : room;
    if (!empty && width(line) + 1 + width(word) > limit) {
      out.push(`${line} \\`);
      line = '   ';
    }
    empty = false;
    if (width(line) + 1 + width(word) <= limit) {
      line = `${line} ${word}`;
      return;
    }
    // A full id that cannot fit even alone on a line is shortened as docker does, marked … : the
    // command no longer pastes, but it reads, and a cut inside the id would do neither.
    const fitting = cols - 2 < 64 ? word.replace(FULL_ID, '$1…') : word;
    if (width(`    ${fitting}`) <= limit) {
      // Shortened, it fits a line of its own.
      if (line.trim() !== '$' && line.trim() !== '') out.push(`${line} \\`);
      line = line.trim() === '$' ? `$ ${fitting}` : `    ${fitting}`;
      return;
    }
    const pieces = fitWord(fitting, cols - 1, cols - width(line) - 2, false);
    out.push(`${line} ${pieces[0]}\\`, ...pieces.slice(1, -1).map((p) => `${p}\\`));
    line = pieces[pieces.length - 1];
  });
  out.push(line);
  return out;
}

/**
 * Where a broken table row or drawing line goes on, marked ↪: under its last column (the text
 * after its last run of two spaces) when that starts in the left two thirds, else under the
 * text of a bullet (· or -), else indented.
 * @example hangingIndent('new  ab12  24 kB  writable layer of demo', 60) // '                ↪ ' (the text goes on under 'writable')
 */
export function hangingIndent(line: string, cols: number): string {
  const lastColumn = /^(.*\S {2,})\S/.exec(line)?.[1].length ?? -1;
  const bullet = /^\s*[·•-] /.exec(line)?.[0].length ?? -1;
  const at = lastColumn >= 6 && lastColumn <= (cols * 2) / 3 ? lastColumn : bullet >= 4 ? bullet : 6;
  return `${' '.repeat(at - 2)}↪ `;
}

/**
 * Lays blocks out for a width: a title with a rule, prose wrapped at words, commands as `$ ...`
 * with their note, preformatted lines broken at spaces. Every line fits in `cols` columns.
 * Compact (a projector at 60×20) spends no line on the title's rule, and puts a command's
 * note on the command's line when it fits there.
 * @example layoutBlocks([{ kind: 'prose', text: 'one two three' }], 40)
 */
export function layoutBlocks(blocks: TourBlock[], cols: number, opts: { compact?: boolean } = {}): string {
  const c = Math.max(MIN_WIDTH, cols);
  const lines: string[] = [];
  for (const b of blocks) {
    switch (b.kind) {
      case 'title': {
        const title = wrapWords(b.text, c);
        lines.push(...title, ...(opts.compact ? [] : ['─'.repeat(Math.min(c, Math.max(...title.map(width))))]));
        break;
      }
      case 'prose':
        for (const para of b.text.split('\n')) lines.push(...(para.trim() ? wrapWords(para, c) : ['']));
        break;
      case 'command': {
        const cmd = breakCommand(b.text, c);
        const inline = b.note && opts.compact ? `${cmd[cmd.length - 1]}  # ${b.note}` : undefined;
        if (inline && width(inline) <= c) lines.push(...cmd.slice(0, -1), inline);
        else lines.push(...cmd, ...(b.note ? wrapWords(`# ${b.note}`, c, '    ') : []));
        break;
      }
      case 'pre':
        for (const l of b.text.replace(/\n$/, '').split('\n')) lines.push(...breakLine(l, c, hangingIndent(l, c)));
        break;
    }
  }
  return lines.join('\n') + '\n';
}

/**
 * Splits a laid-out step into screens of at most `rows` lines. Every screen starts with the
 * step's title (its first `head` lines), so a step taller than the terminal pages instead of
 * scrolling its title away; `firstTaken` lines already on the first screen (the tour's
 * introduction) leave it less room. Each screen shows at least one line of the step's body,
 * and none starts with the rest of a broken line (↪) unless that line alone fills a screen.
 * @example pageLines(['T', '─', 'a', 'b', 'c'], 2, 4) // [['T', '─', 'a', 'b'], ['T', '─', 'c']]
 */
export function pageLines(lines: string[], head: number, rows: number, firstTaken = 0): string[][] {
  const title = lines.slice(0, head);
  const body = lines.slice(head);
  const pages: string[][] = [];
  let at = 0;
  do {
    const room = Math.max(1, rows - head - (pages.length === 0 ? firstTaken : 0));
    // A page does not start with the rest of a broken line (↪): the whole line moves on with it.
    let end = at + room;
    while (end < body.length && end - 1 > at && /^\s*↪/.test(body[end])) end--;
    if (/^\s*↪/.test(body[end] ?? '') && end - 1 === at) end = at + room;
    pages.push([...title, ...body.slice(at, end)]);
    at = end;
  } while (at < body.length);
  return pages;
}
