import { describe, expect, it } from 'vitest';
import { breakCommand, breakLine, fitWord, hangingIndent, SHORT_ID_HEX, wrapWords } from '../../src/render/tour-wrap';

describe('commands on a narrow terminal', () => {
  it('break at spaces with a trailing backslash, so the lines still paste into a shell', () => {
    const lines = breakCommand('docker run -it --rm --privileged --pid=host busybox nsenter -t 1 -m -u -n -i sh', 40);
    expect(lines.every((l) => [...l].length <= 40)).toBe(true);
    expect(lines.slice(0, -1).every((l) => l.endsWith(' \\'))).toBe(true);
    expect(lines.map((l) => l.replace(/ \\$/, '').replace(/^\$ /, '').trim()).join(' ')).toBe(
      'docker run -it --rm --privileged --pid=host busybox nsenter -t 1 -m -u -n -i sh',
    );
  });
  it('leaves a short command on one line', () => {
    expect(breakCommand('ls -l', 40)).toEqual(['$ ls -l']);
  });
});

const ID = 'ce9d53b5544d924eebaefce4ac3492fa58a79e4088b5951e9d882e83d562424e';
const fits = (lines: string[], cols: number) => lines.every((l) => [...l].length <= cols);
/** The words of a text: what a reader sees, whatever the line breaks and markers. */
const words = (lines: string[]) => lines.join(' ').replace(/↪/g, ' ').split(/\s+/).filter(Boolean);

describe('prose and tables on a projector (issue 12: "dem↪o", "d↪ele" at 80 columns)', () => {
  const row = 'new     ce9d53b5544d       31.2 kB  writable layer (upperdir) of container overlay-lab-tour-demo';
  const prose = 'O upperdir agora guarda: 2 adicionados, 10 modificados (copiados para cima), 1 apagado (whiteout), 1 opaco; nada de baixo aparece através dele.';
  for (const cols of [60, 61, 73, 80, 97, 120]) {
    it(`breaks only between words at ${cols} columns, each word whole`, () => {
      for (const [lines, source] of [
        [wrapWords(prose, cols), prose],
        [breakLine(row, cols, hangingIndent(row, cols)), row],
      ] as const) {
        expect(fits(lines, cols)).toBe(true);
        expect(words(lines)).toEqual(words([source]));
      }
    });
  }
  it('keeps a table row’s spacing and goes on under its last column', () => {
    const lines = breakLine(row, 60, hangingIndent(row, 60));
    expect(lines[0]).toBe('new     ce9d53b5544d       31.2 kB  writable layer');
    expect(lines[1].indexOf('↪') + 2).toBe(row.indexOf('writable')); // the words go on under the column
  });
  it('shortens a 64-hex id to docker’s 12 only where the full id does not fit', () => {
    const path = `$S/${ID}/merged`;
    expect(breakLine(`overlay on ${path}`, 120)).toEqual([`overlay on ${path}`]);
    expect(breakLine(`overlay on ${path}`, 60, '  ')).toEqual([`overlay on $S/${ID.slice(0, SHORT_ID_HEX)}/merged`]);
    expect(wrapWords(`the layer ${ID} is shared`, 60)).toEqual([`the layer ${ID.slice(0, 12)} is shared`]);
  });
  it('cuts a word longer than the line after a / (a place that reads), never mid-name', () => {
    const long = '/var/lib/docker/overlay2/l/WU2NR7INATWIMD7OQWDLMJEGGE/usr/share/doc/base/README';
    const pieces = fitWord(long, 40);
    expect(pieces.join('')).toBe(long);
    expect(pieces.slice(0, -1).every((p) => p.endsWith('/'))).toBe(true);
    expect(fits(pieces, 40)).toBe(true);
  });
  it('a command with a path longer than the line pastes back exactly (backslash, no indentation)', () => {
    const cmd = `sudo ls -la /var/lib/docker/overlay2/${ID}/diff/usr/share/doc/base`;
    const lines = breakCommand(cmd, 80);
    expect(fits(lines, 80)).toBe(true);
    // What a shell reads: backslash-newline removed, the prompt gone.
    const pasted = lines.join('\n').replace(/^\$ /, '').replace(/\\\n/g, '');
    expect(pasted.split(/\s+/)).toEqual(cmd.split(/\s+/));
    expect(pasted).toContain(ID); // not shortened where it fits a line: it names the same file
  });
  it('a terminal too narrow for a full id on a line gets docker’s short id, marked …, not an id cut in two', () => {
    const lines = breakCommand(`sudo ls -la /var/lib/docker/overlay2/${ID}/diff/usr/share/doc/base`, 60);
    expect(fits(lines, 60)).toBe(true);
    expect(lines.join('\n')).toContain(`/${ID.slice(0, 12)}…/diff/`);
    // A shortened word that fits a line is shown once, whole.
    const cat = breakCommand(`cat $S/${ID}/link; echo`, 60);
    expect(cat).toEqual(['$ cat \\', `    $S/${ID.slice(0, 12)}…/link; echo`]);
    expect(fits(cat, 60)).toBe(true);
  });
  it('keeps a short quoted template whole', () => {
    const lines = breakCommand("docker inspect -f '{{json .GraphDriver.Data}}' overlay-lab-tour-demo-1234", 60);
    expect(lines.some((l) => l.includes("'{{json .GraphDriver.Data}}'"))).toBe(true);
  });
});
