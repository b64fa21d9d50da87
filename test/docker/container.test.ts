// A container's directories, real mount and upperdir changes, against /proc/self/mountinfo,
// find/stat/getfattr on the upperdir, and `docker diff` - each read by the test itself.
import { readFileSync, readlinkSync } from 'node:fs';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { need } from '../support/env';
import { shOk, waitUntil } from '../support/wait';
import { cleanup, docker, dockerMissing, dockerRoot, ensureFixtures, runContainer, sh } from '../support/docker';
import { inspectContainer, type ContainerView } from '../../src/docker/inspect';
import { walkUpper } from '../../src/docker/access/direct-scanner';
import { OverlayLabError } from '../../src/i18n/errors';

const skip = need(dockerMissing());

// Writes a file, overwrites one from a lower layer (copy-up), deletes one (whiteout) and
// replaces a directory (opaque), like the image's own layers do.
const SCRIPT = 'echo x > /app/new.txt; echo v3 > /app/conf/app.conf; rm /app/hello.txt; rm -rf /app/data; mkdir /app/data; echo y > /app/data/z; sleep 600';

describe.skipIf(skip)('a container of a live engine', () => {
  let store: string;
  let id: string;
  let view: ContainerView;

  beforeAll(async () => {
    ensureFixtures();
    store = path.join(dockerRoot(), 'overlay2');
    id = runContainer('ovl-test-ctr', 'overlay-lab/layers:1', SCRIPT);
    // /app/data/z is the script's last change before it sleeps.
    await waitUntil(`container ovl-test-ctr to write /app/data/z`, () => shOk(`[ "$(docker exec ${id} cat /app/data/z 2>/dev/null)" = y ]`), 15_000, () => docker('logs', id));
    view = await inspectContainer('ovl-test-ctr', { access: 'direct' });
  });
  afterAll(() => cleanup());

  it('finds its overlay mount in mountinfo, with the options the kernel shows', () => {
    const m = view.container.mount!;
    expect(m.source).toBe('mountinfo');
    const merged = JSON.parse(docker('inspect', id, '--format', '{{json .GraphDriver.Data}}')).MergedDir as string;
    expect(m.mountPoint).toBe(merged);
    const line = readFileSync('/proc/self/mountinfo', 'utf8').split('\n').find((l) => l.split(' ')[4] === merged)!;
    const superOptions = line.split(' - ')[1].split(' ')[2];
    const layerPart = superOptions.split(',').filter((o) => /^(lowerdir|upperdir|workdir)=/.test(o)).join(',');
    expect(m.layerOptions).toBe(layerPart);
    expect(m.budget.length).toBe(layerPart.length);
    expect(m.budget.maxOptionChars).toBe(4095);
    expect(m.upperdir).toBe(path.join(store, view.container.mountId!, 'diff'));
    expect(m.workdir).toBe(path.join(store, view.container.mountId!, 'work'));
  });

  it('resolves each l/ entry of lowerdir to the init layer, then the image layers top to bottom', () => {
    const m = view.container.mount!;
    const lowerdir = m.layerOptions.split(',')[0].slice('lowerdir='.length).split(':');
    expect(m.lowerdir.map((l) => l.entry)).toEqual(lowerdir);
    for (const l of m.lowerdir) expect(readlinkSync(l.entry)).toBe(`../${l.dir}/diff`);
    expect(m.lowerdir.map((l) => l.dir)).toEqual(view.container.lowerDirs);
    const data = JSON.parse(docker('inspect', id, '--format', '{{json .GraphDriver.Data}}'));
    expect(data.LowerDir).toBe(view.container.lowerDirs.map((d) => path.join(store, d, 'diff')).join(':'));
    expect(view.container.lowerDirs[0]).toBe(`${view.container.mountId}-init`);
    // With full <id>/diff paths the same mount would cost more bytes: that is what l/ saves.
    expect(m.budget.lengthWithFullPaths).toBe(m.budget.length + m.lowerdir.reduce((s, l) => s + path.join(store, l.dir!, 'diff').length - l.entry.length, 0));
  });

  it('reads the upperdir: whiteouts, opaque directories, copy-ups and additions as on disk', () => {
    const upper = path.join(store, view.container.mountId!, 'diff');
    const all = sh(`cd ${upper} && find . -mindepth 1 | sed 's|^\\.||' | sort`).split('\n');
    expect(view.changes.map((c) => c.path).sort()).toEqual(all);
    const whiteouts = sh(`cd ${upper} && find . -type c | sed 's|^\\.||' | sort`).split('\n').filter(Boolean);
    expect(whiteouts).toEqual(['/app/hello.txt']);
    expect(view.changes.filter((c) => c.kind === 'deleted').map((c) => c.path)).toEqual(whiteouts);
    const opaque = sh(`getfattr -R -P --absolute-names -n trusted.overlay.opaque ${upper} 2>/dev/null | sed -n 's|^# file: ${upper}||p' | sort`).split('\n').filter(Boolean);
    expect(opaque).toEqual(['/app/data']);
    expect(view.changes.filter((c) => c.kind === 'opaque').map((c) => c.path)).toEqual(opaque);
    const copied = view.changes.find((c) => c.path === '/app/conf/app.conf')!;
    expect(copied.kind).toBe('modified');
    expect(copied.below).toBe(view.container.lowerDirs[2]); // layer 4 of the image wrote v2
  });

  it('agrees with docker diff on what was added, changed and deleted', () => {
    const lines = docker('diff', id).split('\n');
    const kind = (k: string) => lines.filter((l) => l.startsWith(`${k} `)).map((l) => l.slice(2));
    for (const c of view.changes) {
      if (c.kind === 'added') expect(kind('A'), c.path).toContain(c.path);
      if (c.kind === 'modified' || c.kind === 'opaque') expect(kind('C'), c.path).toContain(c.path);
      if (c.kind === 'deleted') expect(kind('D'), c.path).toContain(c.path);
    }
  });

  it('lists the -init layer as on disk, with a reason for every entry', () => {
    const init = path.join(store, view.container.initId!, 'diff');
    const all = sh(`cd ${init} && find . -mindepth 1 | sed 's|^\\.||' | sort`).split('\n');
    expect(view.init.map((e) => e.path).sort()).toEqual(all);
    for (const e of view.init) expect(e.why, e.path).toBeDefined();
    expect(view.init.find((e) => e.path === '/.dockerenv')?.kind).toBe('added');
  });

  it('shows a stopped container without a mount, and says a vanished directory vanished', async () => {
    runContainer('ovl-test-stopped', 'overlay-lab/layers:1', 'true');
    docker('wait', 'ovl-test-stopped');
    const stopped = await inspectContainer('ovl-test-stopped', { access: 'direct' });
    expect(stopped.container.running).toBe(false);
    expect(stopped.container.mount).toBeUndefined();
    const mountId = stopped.container.mountId!;
    docker('rm', 'ovl-test-stopped');
    const err = await walkUpper(store, { dir: mountId, lowers: [] }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(OverlayLabError);
    expect((err as OverlayLabError).code).toBe('EVANISHED');
    expect((err as OverlayLabError).exitCode).toBe(75);
  });
});
