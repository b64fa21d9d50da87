import { describe, expect, it } from 'vitest';
import { breakCommand } from '../../src/render/tour-wrap';

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
