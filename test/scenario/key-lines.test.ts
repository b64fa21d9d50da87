// The lines of lesson 4's short tables: each operation's result and the upper entry of the paths
// it names, agreeing or not (a changed line on one side shows as a disagreement).
import { describe, expect, it } from 'vitest';
import { formatReport, keyLines, parseScenario, presetById, runSimulation, upperMarks } from '../../src/scenario';
import { agreementBundle } from '../../src/render/notebook-kernel';

const sim = () => {
  const s = parseScenario(`${presetById('ubuntu')!.text}\nrm etc/passwd\nrmrf usr/share\nmkdir usr/share\n`);
  return formatReport(runSimulation(s, { lowers: [], dataOnly: [], readOnly: false, options: '' }, { lowers: [], dataOnly: [] }).report);
};

describe('keyLines', () => {
  it('the operations and the upper entries they name, reduced to their overlay marks', () => {
    const r = sim();
    const lines = keyLines(r, r);
    expect(lines.map((l) => l.what)).toEqual(['rm etc/passwd', 'rmrf usr/share', 'mkdir usr/share', 'upper /etc/passwd', 'upper /usr/share']);
    expect(lines.every((l) => l.agree)).toBe(true);
    expect(lines.find((l) => l.what === 'upper /etc/passwd')?.engine).toBe('WHITEOUT');
    expect(lines.find((l) => l.what === 'upper /usr/share')?.engine).toBe('d opaque=y');
  });

  it('a line that differs on one side disagrees, and the table marks it', () => {
    const r = sim();
    const kernel = r.replace('U /etc/passwd WHITEOUT', 'U /etc/passwd f mode=0644 uid=0 gid=0 size=1 sha256=00');
    const lines = keyLines(r, kernel);
    expect(lines.filter((l) => !l.agree).map((l) => l.what)).toEqual(['upper /etc/passwd']);
    const b = agreementBundle('t', { en: 'the whiteout', 'pt-BR': 'o whiteout' }, r, kernel, 'pt-BR');
    expect(b['text/plain']).toContain('O que observar: o whiteout');
    expect(b['text/plain']).toMatch(/upper \/etc\/passwd +f +WHITEOUT +NÃO/);
    expect(b['text/html']).toContain('<details');
    expect(b.meta).toMatchObject({ kernel: 'ran', identical: false });
  });

  it('upperMarks keeps the type and the overlay xattrs that teach something', () => {
    expect(upperMarks('d mode=0755 uid=0 gid=0 xattr:trusted.overlay.impure=y xattr:trusted.overlay.uuid=<set>')).toBe('d');
    expect(upperMarks('d mode=0755 xattr:trusted.overlay.redirect=/srv/www')).toBe('d redirect=/srv/www');
  });
});
