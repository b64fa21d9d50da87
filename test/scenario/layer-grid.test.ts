// The rows-by-files grid: what each layer holds at each path, who serves it, and what the last action changed.
import { describe, expect, it } from 'vitest';
import { UnionLab } from '../../src/scenario/lab';
import { presetById } from '../../src/scenario/presets';
import { layerGrid, type LayerGrid } from '../../src/scenario/layer-grid';
import { mermaidLayerGrid } from '../../src/render/mermaid-grid';

const ubuntu = () => {
  const p = presetById('ubuntu')!;
  return UnionLab.create({ setup: p.text }) as UnionLab;
};
const at = (g: LayerGrid, layer: string, path: string) => g.rows.find((r) => r.layer === layer)!.cells[g.paths.indexOf(path)];
const merged = (g: LayerGrid, path: string) => g.merged[g.paths.indexOf(path)];

describe('layerGrid', () => {
  it('rows are upper then L0 down; files and marked directories are columns, plain parents are not', () => {
    const g = layerGrid(ubuntu().view());
    expect(g.rows.map((r) => r.layer)).toEqual(['upper', 'L0', 'L1', 'L2']);
    expect(g.paths).toContain('etc/motd');
    expect(g.paths).toContain('var/cache/apt'); // opaque in L0
    expect(g.paths).toContain('tmp'); // an empty directory says something on its own
    expect(g.paths).not.toContain('etc');
    expect(g.compared).toBe(false);
  });

  it('a whiteout hides the name: merged has no layer for it, and the lower file does not serve', () => {
    const g = layerGrid(ubuntu().view());
    expect(at(g, 'L0', 'etc/motd').kind).toBe('whiteout');
    expect(at(g, 'L2', 'etc/motd')).toMatchObject({ kind: 'file', serves: false });
    expect(merged(g, 'etc/motd').from).toBeUndefined();
    expect(at(g, 'L0', 'var/cache/apt').kind).toBe('opaque');
  });

  it('the topmost copy serves: os-release from L1 over L2', () => {
    const g = layerGrid(ubuntu().view());
    expect(merged(g, 'etc/os-release').from).toBe('L1');
    expect(at(g, 'L1', 'etc/os-release').serves).toBe(true);
    expect(at(g, 'L2', 'etc/os-release').serves).toBe(false);
  });

  it('rm of a lower file: a whiteout appears in upper, and only the cells it changed are marked', () => {
    const lab = ubuntu();
    const before = lab.view();
    lab.run('rm etc/passwd');
    const g = layerGrid(lab.view(), before);
    expect(at(g, 'upper', 'etc/passwd')).toMatchObject({ kind: 'whiteout', changed: true });
    expect(merged(g, 'etc/passwd')).toMatchObject({ from: undefined, changed: true });
    expect(at(g, 'L2', 'etc/passwd').changed).toBe(false);
    const changed = g.rows.flatMap((r) => r.cells.filter((c) => c.changed)).length + g.merged.filter((c) => c.changed).length;
    expect(changed).toBe(2);
  });

  it('append copies up: upper gets the file and serves it', () => {
    const lab = ubuntu();
    const before = lab.view();
    lab.run('append etc/hostname x');
    const g = layerGrid(lab.view(), before);
    expect(at(g, 'upper', 'etc/hostname')).toMatchObject({ kind: 'file', serves: true, changed: true, size: 8 });
    expect(merged(g, 'etc/hostname')).toMatchObject({ from: 'upper', changed: true });
  });

  it('a file made and removed in the same upper stays a column for the action that removed it', () => {
    const lab = UnionLab.create({ setup: 'L0: write a 1' }) as UnionLab;
    lab.run('write new x');
    const before = lab.view();
    lab.run('rm new');
    const g = layerGrid(lab.view(), before);
    expect(at(g, 'upper', 'new')).toMatchObject({ kind: 'none', changed: true });
    expect(layerGrid(lab.view()).paths).not.toContain('new');
  });
});

describe('mermaidLayerGrid', () => {
  it('keeps the changed column among the few drawn, says how many are left out, in both languages', () => {
    const lab = ubuntu();
    const before = lab.view();
    lab.run('rm usr/bin/curl');
    const g = layerGrid(lab.view(), before);
    const pt = mermaidLayerGrid(g, 'pt-BR', { maxColumns: 3 });
    const en = mermaidLayerGrid(g, 'en', { maxColumns: 3 });
    expect(pt).toContain('/usr/bin/<br/>curl');
    expect(pt).toContain(`(+${g.paths.length - 3} fora)`);
    expect(en).toContain(`(+${g.paths.length - 3} not shown)`);
    expect(pt).toMatch(/★ ✗ whiteout/);
    expect(pt).toMatch(/style c0_\d stroke:#dc2626/);
  });

  it('folds a run of layers with nothing at the drawn paths into one row', () => {
    const lab = UnionLab.create({ setup: 'L0: write a 1\nL9: write b 2' }) as UnionLab;
    const d = mermaidLayerGrid(layerGrid(lab.view()), 'en');
    expect(d).toContain('8 layers, L1 to L8: nothing at these paths');
    expect(d.match(/^ {2}r\d+\[/gm)).toHaveLength(3); // upper, L0, L9
  });
});
