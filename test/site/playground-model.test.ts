import { describe, expect, it } from 'vitest';
import { ACTION_FIELDS, actionLine, decodeState, encodeState, PlaygroundSession, stateForPreset } from '../../website/src/components/Playground/model';

describe('playground form lines (issue 13 item 3)', () => {
  it('takes its fields from the scenario language', () => {
    expect(ACTION_FIELDS.rename).toEqual(['path', 'to']);
    expect(ACTION_FIELDS.chmod).toEqual(['mode', 'path']);
    expect(ACTION_FIELDS.mkdir).toEqual(['path']);
    expect(ACTION_FIELDS.write).toEqual(['path', 'content']);
  });
  it('writes only the fields the action shows (the form shares one state)', () => {
    const form = { path: 'srv', content: 'x', to: 'y', mode: '0600' };
    expect(actionLine('mkdir', form)).toBe('mkdir srv');
    expect(actionLine('chmod', form)).toBe('chmod 0600 srv');
    expect(actionLine('rename', form)).toBe('rename srv y');
  });
  it('a name with a space makes that file, not /meu, and survives the shared URL', () => {
    const lines = [
      actionLine('write', { path: 'meu arquivo.txt', content: 'oi' }),
      actionLine('mkdir', { path: 'minha pasta' }),
      actionLine('rename', { path: 'meu arquivo.txt', to: 'minha pasta/nome "novo"' }),
      actionLine('ln', { path: 'minha pasta/nome "novo"', to: 'c:\\ação' }),
    ];
    expect(lines[0]).toBe('write "meu arquivo.txt" oi');
    const state = { ...stateForPreset('ubuntu'), actions: lines };
    const back = decodeState(encodeState(state));
    expect(back.actions).toEqual(lines);
    const s = PlaygroundSession.open(back, 'pt-BR');
    const trace = s.snapshot('pt-BR').trace.slice(-4);
    expect(trace.map((t) => t.ok)).toEqual([true, true, true, true]);
    const report = s.report()!;
    expect(report).toContain('M "/minha pasta/nome \\"novo\\"" f ');
    expect(report).toContain('M "/c:\\\\ação" f ');
    expect(report).not.toMatch(/^M \/meu /m);
  });
});

describe('playground grid (issue 12: layers as rows, paths as columns)', () => {
  const marked = (grid: string) => (grid.match(/^ {2}style \S+ stroke:#dc2626/gm) ?? []).length;
  it('marks only the last action, whether typed or restored from the address', () => {
    const restored = PlaygroundSession.open({ ...stateForPreset('ubuntu'), actions: ['rm etc/hostname', 'mkdir srv'] }, 'en').snapshot('en').grid!;
    expect(restored).toContain('★ directory');
    expect(restored).not.toContain('★ ✗ whiteout');
    expect(marked(restored)).toBe(2); // upperdir's new srv/ and merged's srv/
    const s = PlaygroundSession.open(stateForPreset('ubuntu'), 'pt-BR');
    expect(marked(s.snapshot('pt-BR').grid!)).toBe(0);
    s.run('rm etc/hostname', 'pt-BR');
    const after = s.snapshot('pt-BR').grid!;
    expect(after).toContain('★ ✗ whiteout');
    expect(after).toContain('★ ✗ não aparece');
    expect(marked(after)).toBe(2);
    // A line that does not parse changes nothing, and leaves the last mark as it was.
    expect(s.run('frobnicate x', 'pt-BR').inputError).toBeDefined();
    expect(s.snapshot('pt-BR').grid).toBe(after);
  });
});
