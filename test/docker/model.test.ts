// The pure parts: the simulated host (same types as the live model), the mount arithmetic,
// mountinfo parsing, change classification and the views' building blocks. No engine needed.
import { describe, expect, it } from 'vitest';
import { buildHostModel } from '../../src/docker/store/host-model';
import { simulatedHostInput } from '../../src/docker/hosts/simulated-host';
import { inspectContainer, inspectHost, inspectImage } from '../../src/docker/inspect';
import { layerLimitArithmetic, optionBudget } from '../../src/docker/store/mount-limits';
import { overlayMountAt, parseMountinfo, parseOverlayOptions } from '../../src/docker/store/mountinfo';
import { upperChanges } from '../../src/docker/store/changes';
import { compareSnapshots, takeSnapshot } from '../../src/docker/store/snapshot';
import { ID_LENGTH, MAX_DEPTH, PAGE_SIZE } from '../../src/docker/store/layout';
import { endpointFromEnv } from '../../src/docker/engine/dockerode-engine';
import { parseGetfattr } from '../../src/docker/access/xattrs';
import { renderTable } from '../../src/render/table';
import { mermaidStack } from '../../src/render/mermaid-stack';
import { formatBytes } from '../../src/i18n/format';
import { main } from '../../src/cli/main';

describe('the simulated host', () => {
  it('is a consistent overlay2 host: every directory named, engine and disk agreeing', async () => {
    const { model } = await inspectHost({ simulated: 'always' });
    expect(model.source).toBe('simulated');
    expect(model.disagreements).toEqual([]);
    const kinds = model.dirs.map((d) => d.role.kind);
    expect(kinds.filter((k) => k === 'image-layer').length).toBe(3);
    expect(kinds.filter((k) => k === 'container-layer').length).toBe(2);
    expect(kinds.filter((k) => k === 'init-layer').length).toBe(2);
    expect(kinds.filter((k) => k === 'orphan').length).toBe(1);
    expect(model.links.every((l) => l.roundTrip && !l.broken)).toBe(true);
    // ubuntu's one layer is shared with webapp, named once per image.
    const base = model.dirs.find((d) => d.lowers.length === 0)!;
    expect(base.role.kind === 'image-layer' && base.role.usedBy.map((u) => `${u.image} ${u.position}/${u.of}`)).toEqual(['ubuntu:24.04 1/1', 'webapp:1 1/3']);
    expect(JSON.parse(JSON.stringify(model))).toEqual(model);
  });

  it('shows a running container with a mount, and one change of each kind', async () => {
    const v = await inspectContainer('demo', { simulated: 'always' });
    expect(v.container.mount?.source).toBe('mountinfo');
    expect(v.container.mount?.lowerdir.map((l) => l.dir)).toEqual(v.container.lowerDirs);
    const kinds = new Set(v.changes.map((c) => c.kind));
    expect([...kinds].sort()).toEqual(['added', 'deleted', 'modified', 'opaque']);
    expect(v.changes.find((c) => c.path === '/etc/legal')?.kind).toBe('deleted');
    expect(v.init.every((e) => e.why)).toBe(true);
    const img = await inspectImage('webapp:1', { simulated: 'always' });
    expect(img.layerChanges[3].find((c) => c.kind === 'opaque')?.path).toBe('/srv/app/cache');
  });

  it('reports what it cannot reconcile: a wrong GraphDriver path, a broken link', () => {
    const input = simulatedHostInput();
    input.images[0].data = { ...input.images[0].data, UpperDir: '/elsewhere/diff' };
    input.scan.links.push({ name: 'BROKENLINKBROKENLINKBROKEN', target: '../nowhere/diff' });
    const model = buildHostModel(input);
    expect(model.disagreements).toContainEqual(expect.objectContaining({ subject: 'image ubuntu:24.04', field: 'GraphDriver.Data.UpperDir', engine: '/elsewhere/diff' }));
    expect(model.disagreements).toContainEqual(expect.objectContaining({ subject: 'l/BROKENLINKBROKENLINKBROKEN', disk: '../nowhere/diff' }));
  });

  it('snapshots compare: removing a container removes its two directories', () => {
    const before = buildHostModel(simulatedHostInput());
    const input = simulatedHostInput();
    const web = input.containers.find((c) => c.name === 'web')!;
    const mount = input.scan.mounts.find((m) => m.containerId === web.id)!;
    input.scan.dirs = input.scan.dirs.filter((d) => d.id !== mount.mountId && d.id !== mount.initId);
    input.scan.mounts = input.scan.mounts.filter((m) => m !== mount);
    input.containers = input.containers.filter((c) => c !== web);
    const d = compareSnapshots(takeSnapshot(before), takeSnapshot(buildHostModel(input)));
    expect(d.removed.map((x) => x.role.kind).sort()).toEqual(['container-layer', 'init-layer']);
    expect(d.containersRemoved.map((c) => c.name)).toEqual(['web']);
  });

  it('the CLI says it is simulated, in both languages', async () => {
    for (const [lang, word] of [['en', 'SIMULATED host'], ['pt-BR', 'host SIMULADO']]) {
      let out = '';
      expect(await main(['layers', '--simulated', '--lang', lang], { out: (t) => (out += t), err: () => {}, env: {} })).toBe(0);
      expect(out.split('\n')[0]).toContain(word);
    }
  });
});

describe('the 128-layer arithmetic', () => {
  it("holds moby's inequality exactly: (26 + 1 + 1) x 128 = 3584 = 4096 - 512", () => {
    const a = layerLimitArithmetic('/var/lib/docker');
    expect(a.mobyBudget).toEqual({ left: (ID_LENGTH + 2) * MAX_DEPTH, right: PAGE_SIZE - 512, holds: true });
    expect(a.mobyBudget.left).toBe(3584);
  });

  it('counts how many lowers fit one page for each spelling, by building the strings', () => {
    const a = layerLimitArithmetic('/var/lib/docker');
    const id = 'a'.repeat(64);
    const build = (n: number, lower: string, upper: string, work: string) =>
      `lowerdir=${Array(n).fill(lower).join(':')},upperdir=${upper},workdir=${work}`;
    const forms = {
      'full-diff-paths': [`/var/lib/docker/overlay2/${id}/diff`, `/var/lib/docker/overlay2/${id}/diff`, `/var/lib/docker/overlay2/${id}/work`],
      'absolute-short-links': [`/var/lib/docker/overlay2/l/${'A'.repeat(26)}`, `/var/lib/docker/overlay2/${id}/diff`, `/var/lib/docker/overlay2/${id}/work`],
      'relative-short-links': [`l/${'A'.repeat(26)}`, `${id}/diff`, `${id}/work`],
    } as const;
    for (const c of a.capacities) {
      const [l, u, w] = forms[c.spelling];
      expect(build(c.fits, l, u, w).length, c.spelling).toBeLessThanOrEqual(4095);
      expect(build(c.fits + 1, l, u, w).length, c.spelling).toBeGreaterThan(4095);
    }
    // Only the relative l/ form lets 128 layers fit: that is why moby falls back to it.
    expect(a.capacities.find((c) => c.spelling === 'relative-short-links')!.fits).toBeGreaterThanOrEqual(128);
    expect(a.capacities.find((c) => c.spelling === 'absolute-short-links')!.fits).toBeLessThan(128);
    expect(a.kernelMaxLowers).toBe(500);
  });

  it('measures a mount against the page', () => {
    const b = optionBudget(['/s/l/A', '/s/l/B'], ['/s/aaaa/diff', '/s/bbbb/diff'], '/s/c/diff', '/s/c/work');
    expect(b.length).toBe('lowerdir=/s/l/A:/s/l/B,upperdir=/s/c/diff,workdir=/s/c/work'.length);
    expect(b.lengthWithFullPaths).toBe('lowerdir=/s/aaaa/diff:/s/bbbb/diff,upperdir=/s/c/diff,workdir=/s/c/work'.length);
  });
});

describe('parsers and classifiers', () => {
  it('parses mountinfo, with escaped spaces, and overlay options', () => {
    const text = '50 42 0:39 / /var/lib/a\\040b/merged rw,relatime shared:2 - overlay overlay rw,lowerdir=/l/A:/l/B,upperdir=/u,workdir=/w,index=off\n22 27 0:21 / /proc rw - proc proc rw\n';
    const e = parseMountinfo(text);
    expect(e).toHaveLength(2);
    expect(overlayMountAt(e, '/var/lib/a b/merged')?.mountId).toBe(50);
    const o = parseOverlayOptions(e[0].superOptions);
    expect(o).toEqual({ lowerdir: ['/l/A', '/l/B'], upperdir: '/u', workdir: '/w', other: ['rw', 'index=off'], layerOptions: 'lowerdir=/l/A:/l/B,upperdir=/u,workdir=/w' });
  });

  it('classifies changes; under an opaque directory everything is new', () => {
    const c = upperChanges(
      [
        { path: '/d', type: 'dir', mode: 0o755, size: 4096, opaque: true, inLower: 0 },
        { path: '/d/x', type: 'file', mode: 0o644, size: 1, inLower: 0 },
        { path: '/gone', type: 'char', mode: 0, size: 0, rdev: { major: 0, minor: 0 }, inLower: 1 },
        { path: '/dev-null-like', type: 'char', mode: 0o666, size: 0, rdev: { major: 1, minor: 3 }, inLower: -1 },
      ],
      ['L0', 'L1'],
    );
    expect(c.map((x) => [x.path, x.kind, x.below])).toEqual([
      ['/d', 'opaque', 'L0'],
      ['/d/x', 'added', undefined],
      ['/dev-null-like', 'added', undefined],
      ['/gone', 'deleted', 'L1'],
    ]);
  });

  it('reads DOCKER_HOST like the docker CLI', () => {
    expect(endpointFromEnv({})).toEqual({ url: 'unix:///var/run/docker.sock', socketPath: '/var/run/docker.sock', local: true });
    expect(endpointFromEnv({ DOCKER_HOST: 'tcp://127.0.0.1:2375' }).local).toBe(true);
    expect(endpointFromEnv({ DOCKER_HOST: 'tcp://10.1.2.3:2376' }).local).toBe(false);
    expect(endpointFromEnv({ DOCKER_HOST: 'ssh://me@host' }).local).toBe(false);
  });

  it('parses getfattr output, octal escapes included', () => {
    expect([...parseGetfattr('# file: /a/b\\040c\ntrusted.overlay.opaque="y"\n\n# file: /a/d\ntrusted.overlay.opaque="n"\n')]).toEqual(['/a/b c']);
  });

  it('renders tables, stacks and sizes', () => {
    expect(renderTable(['A', 'SIZE'], [['x', '1 kB']], { align: ['left', 'right'] })).toBe('A  SIZE\nx  1 kB\n');
    expect(mermaidStack([{ id: 'a', lines: ['up "top"'] }, { id: 'b', lines: ['low'] }])).toBe(
      'flowchart TB\n  subgraph r0[" "]\n    direction LR\n    n0["up #quot;top#quot;"]\n    n1["low"]\n    n0 --> n1\n  end\n  style r0 fill:none,stroke:none\n',
    );
    // Wide rather than tall: a row holds at most perRow boxes, a group opens a new row.
    const rows = mermaidStack(['a', 'b', 'c', 'd'].map((id) => ({ id, lines: [id], group: id === 'a' ? undefined : 'lower' })), { perRow: 2 });
    expect(rows.match(/subgraph r\d/g)).toEqual(['subgraph r0', 'subgraph r1', 'subgraph r2']);
    expect(rows).toContain('r0 -- "lower" --> r1');
    expect(formatBytes(1984172, 'en')).toBe('1.98 MB');
    expect(formatBytes(1984172, 'pt-BR')).toBe('1,98 MB');
    expect(formatBytes(999, 'en')).toBe('999 B');
  });
});
