// The on-disk picture's facts, from the simulated host's model (the live store is checked by model.test.ts).
import { describe, expect, it } from 'vitest';
import { buildHostModel } from '../../src/docker/store/host-model';
import { simulatedHostInput } from '../../src/docker/hosts/simulated-host';
import { onDiskPicture } from '../../src/docker/store/on-disk';
import { mermaidOnDisk } from '../../src/render/mermaid-on-disk';

const model = buildHostModel(simulatedHostInput());

describe('onDiskPicture', () => {
  it('a container: its upperdir directory, its -init, then the image layers top to bottom', () => {
    const p = onDiskPicture(model, 'web')!;
    expect(p.kind).toBe('container');
    expect(p.dirs.map((d) => d.role)).toEqual(['container', 'init', 'layer', 'layer', 'layer']);
    expect(p.dirs[1].id).toBe(`${p.dirs[0].id}-init`);
    expect(p.dirs.slice(2).map((d) => d.position)).toEqual([3, 2, 1]);
  });

  it('each lower file is the l/ names of the directories below, in order; each link points at ../<id>/diff', () => {
    const p = onDiskPicture(model, 'web')!;
    p.dirs.forEach((d, i) => expect(d.lower, d.id).toEqual(p.dirs.slice(i + 1).map((x) => `l/${x.link}`)));
    for (const d of p.dirs) expect(p.links.find((l) => l.name === d.link)).toMatchObject({ target: `../${d.id}/diff`, dir: d.id, broken: false });
    expect(p.dirs[0]).toMatchObject({ diff: true, work: true });
    expect(p.dirs[p.dirs.length - 1]).toMatchObject({ diff: true, work: false, merged: false });
  });

  it('an image by name: only its layers; an unknown name: undefined', () => {
    const p = onDiskPicture(model, 'webapp:1')!;
    expect(p.kind).toBe('image');
    expect(p.dirs.map((d) => d.role)).toEqual(['layer', 'layer', 'layer']);
    expect(onDiskPicture(model, 'no-such-thing')).toBeUndefined();
  });
});

describe('mermaidOnDisk', () => {
  it('draws each link over its directory, in both languages, and folds a deep stack', () => {
    const p = onDiskPicture(model, 'web')!;
    const pt = mermaidOnDisk(p, 'pt-BR');
    const en = mermaidOnDisk(p, 'en');
    expect(pt).toContain('upperdir de web');
    expect(en).toContain('web’s upperdir');
    expect(pt.match(/^ {2}k\d+ --> d\d+$/gm)).toHaveLength(5);
    expect(en).toContain(`→ ../${p.dirs[1].id.slice(0, 12)}-init/diff`);
    const deep = mermaidOnDisk(p, 'en', { maxDirs: 3 });
    expect(deep).toContain('… 3 layers …');
    expect(deep).toContain('layer 1 (base)');
  });
});
