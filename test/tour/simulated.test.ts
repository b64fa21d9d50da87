// Without an engine (DOCKER_HOST on a socket that does not exist) the tour runs end to end on
// the simulated host and the union engine, says so first, in both languages, and `npm start`'s
// command does the same with no terminal attached.
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { need } from '../support/env';
import { CLI, cliMissing } from '../support/docker';
import { TOUR_TEXT } from '../../src/render/tour-text';
import { TOUR_STEPS } from '../../src/lab/tour';
import { type Lang } from '../../src/i18n/lang';
import { say } from '../../src/i18n/format';

const skip = need(cliMissing());
const NO_ENGINE = { DOCKER_HOST: 'unix:///nonexistent/overlay-lab-test.sock' };

function tour(args: string[], env: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, [CLI, 'tour', ...args], { encoding: 'utf8', env: { ...process.env, ...NO_ENGINE, ...env }, input: '' });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

describe.skipIf(skip)('the tour without an engine', () => {
  for (const lang of ['pt-BR', 'en'] as Lang[]) {
    it(`runs every step on the simulated host, saying why first (${lang})`, () => {
      const r = tour(['--lang', lang]); // stdin is not a terminal: no --yes needed
      expect(r.err).toBe('');
      expect(r.code).toBe(0);
      const lines = r.out.split('\n');
      // The reason comes before any step: the engine that did not answer.
      const simulatedAt = lines.findIndex((l) => l.startsWith(lang === 'en' ? 'SIMULATED:' : 'SIMULADO:'));
      expect(simulatedAt).toBeGreaterThan(0);
      expect(r.out).toContain('/nonexistent/overlay-lab-test.sock');
      TOUR_STEPS.forEach((id, i) => {
        const title = say(TOUR_TEXT.stepTitle, lang, { n: i + 1, total: TOUR_STEPS.length, name: say(TOUR_TEXT.names[id], lang) });
        const at = lines.indexOf(title);
        expect(at, title).toBeGreaterThan(simulatedAt);
      });
      // The union engine's events and the store coming back as it was (prose is wrapped: compare flat).
      const flat = r.out.replace(/\s+/g, ' ');
      expect(r.out).toContain(lang === 'en' ? 'whiteout at /usr/share/doc/base/README' : 'whiteout em /usr/share/doc/base/README');
      expect(flat).toContain(say(TOUR_TEXT.sinceStart, lang, { added: 0, removed: 0, ok: say(TOUR_TEXT.asBefore, lang) }));
      expect(flat).toContain(say(TOUR_TEXT.done, lang));
    });
  }

  it('--step N starts at step N, and rejects a step that does not exist', () => {
    const r = tour(['--lang', 'en', '--step', '5']);
    expect(r.code).toBe(0);
    expect(r.out).not.toContain('Step 4/6');
    expect(r.out).toContain('Step 5/6 · l/ and the layer limits');
    expect(r.out).toContain('Step 6/6');
    const bad = tour(['--lang', 'pt-BR', '--step', '9']);
    expect(bad.code).toBe(64);
    expect(bad.err.trim()).toBe('overlay-lab tour: --step recebe um número de passo de 1 a 6');
    expect(bad.out).toBe('');
  });

  it('fits a projector: no line wider than COLUMNS', () => {
    const r = tour(['--lang', 'pt-BR'], { COLUMNS: '56' });
    expect(r.code).toBe(0);
    const widest = Math.max(...r.out.split('\n').map((l) => [...l].length));
    expect(widest).toBeLessThanOrEqual(56);
    expect(widest).toBeGreaterThan(40);
  });

  it('--live refuses to fall back, with one clear line and exit 69', () => {
    const r = tour(['--lang', 'en', '--live']);
    expect(r.code).toBe(69);
    expect(r.err.trim().split('\n')).toHaveLength(1);
    expect(r.err).toMatch(/^overlay-lab tour: no Docker engine at \/nonexistent\/overlay-lab-test.sock \(ENOENT\)\./);
  });
});
