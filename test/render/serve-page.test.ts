// Pure: serve's page and panels in both languages (escaped, each status said), and a live
// container's upperdir as the path-by-path grid (what the upperdir holds, which lower has it).
import { describe, expect, it } from 'vitest';
import type { WatchState } from '../../src/docker/store/watch-state';
import type { UpperChange } from '../../src/docker/store/changes';
import { containerGrid } from '../../src/docker/store/container-grid';
import type { EnginePanel } from '../../src/lab/serve-feed';
import { panelBody, servePage, SERVE_T } from '../../src/render/serve-page';
import { mermaidLayerGrid } from '../../src/render/mermaid-grid';
import { LANGS } from '../../src/i18n/lang';
import { say } from '../../src/i18n/format';

const id = (c: string) => c.repeat(64);
const state: WatchState = {
  takenAt: '2026-12-02T12:00:00.000Z',
  endpoint: 'unix:///var/run/docker.sock',
  storeKind: 'overlay2',
  access: 'direct',
  snapshots: false,
  totals: { images: 2, containers: 0, inits: 0, unused: 0, orphans: 0 },
  images: 1,
  containers: 0,
  mounts: [],
};
const layer = (pos: number) => ({ kind: 'image-layer' as const, chainId: '', diffId: '', usedBy: [{ imageId: 'sha256:x', image: 'app:<1>', position: pos, of: 2 }] });
const panel = (over: Partial<EnginePanel> = {}): EnginePanel => ({
  index: 0,
  label: 'local',
  status: 'live',
  state,
  dirs: new Map([1, 2].map((p) => [id(String(p)), { id: id(String(p)), role: layer(p) }])),
  recent: [{ change: { change: 'added', dir: id('2'), role: layer(2), cause: { kind: 'build-step', name: 'step', at: 1 } }, latencyMs: 80, shownAt: state.takenAt }],
  version: 1,
  ...over,
});

describe('serve page', () => {
  for (const lang of LANGS)
    it(`lists each directory with its owner, escaped, and each change with its event (${lang})`, () => {
      const html = panelBody(panel(), lang);
      expect(html).toContain(`data-dir="${id('2')}"`);
      expect(html).toContain(lang === 'en' ? 'layer 2/2 of app:&lt;1&gt;' : 'camada 2/2 de app:&lt;1&gt;');
      expect(html).not.toContain('app:<1>');
      expect(html).toContain(lang === 'en' ? 'build step' : 'passo de build');
      expect(html).toContain('data-status="live"');
    });

  for (const lang of LANGS)
    it(`says when an engine is awaited, gone and back (${lang})`, () => {
      expect(panelBody(panel({ status: 'waiting', state: undefined, reason: 'no socket' }), lang)).toContain(say(SERVE_T.waiting, lang, { reason: 'no socket' }));
      expect(panelBody(panel({ status: 'lost', reason: 'EOF' }), lang)).toContain(say(SERVE_T.lost, lang, { reason: 'EOF' }));
      expect(panelBody(panel({ backAfterMs: 2500 }), lang)).toContain(say(SERVE_T.back, lang, { s: '2.5' }));
    });

  it('keeps the token and the labels out of markup and script breakage', () => {
    const html = servePage({ lang: 'pt-BR', token: 'ab12', labels: ['tcp://h:1/<x>'] }, [panel()]);
    expect(html).toContain('<html lang="pt-BR">');
    expect(html).toContain('tcp://h:1/&lt;x&gt;');
    expect(html).toContain('/assets/mermaid.min.js?token=ab12&amp;lang=pt-BR');
    expect(html).toContain('href="/?token=ab12&amp;lang=en"');
  });
});

describe('a container as the path-by-path grid', () => {
  const lowers = [`${id('a')}-init`, id('1'), id('0')];
  const changes: UpperChange[] = [
    { path: '/etc', kind: 'modified', type: 'dir', size: 0, below: id('0') },
    { path: '/etc/motd', kind: 'modified', type: 'file', size: 3, below: id('0') },
    { path: '/new', kind: 'added', type: 'file', size: 5 },
    { path: '/gone', kind: 'deleted', type: 'char', size: 0, below: id('1') },
  ];
  it('has a column per path the upperdir holds (a directory its entries imply left out), and marks the lower below', () => {
    const g = containerGrid(changes, lowers);
    expect(g.paths).toEqual(['etc/motd', 'new', 'gone']);
    expect(g.rows.map((r) => r.layer)).toEqual(['upper', 'L0', 'L1', 'L2']);
    expect(g.rows[0].cells.map((c) => c.kind)).toEqual(['file', 'file', 'whiteout']);
    expect(g.rows[3].cells[0].kind).toBe('file'); // motd below, in the base layer
    expect(g.rows[2].cells[2].kind).not.toBe('none'); // what the whiteout hides
    expect(g.rows[1].cells.every((c) => c.kind === 'none')).toBe(true); // the -init layer has none of them
    expect(g.merged.map((m) => m.from)).toEqual(['upper', 'upper', undefined]);
    for (const lang of LANGS) expect(mermaidLayerGrid(g, lang)).toMatch(/^block-beta/);
  });
});
