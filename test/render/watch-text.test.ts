// Pure: the watch screen fits the terminal it is drawn on, in both languages.
import { describe, expect, it } from 'vitest';
import type { WatchState } from '../../src/docker/store/watch-state';
import type { WatchChange } from '../../src/docker/store/watch-cause';
import { changeLine, watchScreen } from '../../src/render/watch-text';
import { LANGS } from '../../src/i18n/lang';

const id = (c: string) => c.repeat(64);
const state: WatchState = {
  takenAt: '2026-12-02T12:00:00.000Z',
  endpoint: 'unix:///var/run/docker.sock',
  storeKind: 'overlay2',
  access: 'direct',
  snapshots: false,
  totals: { images: 5, containers: 1, inits: 1, unused: 0, orphans: 0 },
  images: 2,
  containers: 1,
  mounts: [
    {
      containerId: id('c'),
      container: 'web',
      image: 'app:1',
      source: 'mountinfo',
      upperdir: id('a'),
      lowerdir: [{ dir: `${id('a')}-init`, role: { kind: 'init-layer', containerId: id('c'), container: 'web' } }, ...[5, 4, 3, 2, 1, 0, 9].map((p) => ({ dir: id(String(p)), role: { kind: 'image-layer' as const, chainId: '', diffId: '', usedBy: [{ imageId: 'x', image: 'app:1', position: p, of: 5 }] } }))],
    },
  ],
};
const change: WatchChange = { change: 'added', dir: id('b'), role: { kind: 'container-layer', containerId: id('c'), container: 'web' }, cause: { kind: 'create', type: 'container', action: 'create', actor: id('c'), name: 'web', at: 1 } };

describe('watch screen', () => {
  for (const lang of LANGS)
    it(`fits widths and heights (${lang})`, () => {
      const recent = Array.from({ length: 50 }, () => ({ change, latencyMs: 120, shownAt: state.takenAt }));
      for (const [cols, rows] of [[40, 10], [80, 24], [200, 60], [20, 3]]) {
        const lines = watchScreen({ state, recent }, lang, cols, rows);
        expect(lines.length).toBeLessThanOrEqual(rows);
        for (const l of lines) expect([...l].length).toBeLessThanOrEqual(cols);
      }
      // Tall enough: the title, the mount with its lowers (6 shown, the rest counted) and changes.
      const tall = watchScreen({ state, recent }, lang, 200, 60).join('\n');
      expect(tall).toContain('web (app:1): upperdir aaaaaaaaaaaa');
      expect(tall).toMatch(lang === 'en' ? /… 2 more/ : /… mais 2/);
      expect(tall).toContain(changeLine(change, lang, 120));
    });

  it('says each change in the chosen language', () => {
    expect(changeLine(change, 'en', 120)).toBe('+ bbbbbbbbbbbb  writable layer (upperdir) of container web  <- create of container web  (120 ms after the event)');
    expect(changeLine(change, 'pt-BR', 120)).toBe('+ bbbbbbbbbbbb  camada gravável (upperdir) do contêiner web  <- criação do contêiner web  (120 ms após o evento)');
  });
});
