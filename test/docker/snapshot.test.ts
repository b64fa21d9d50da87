// Snapshot and compare around a real build and a real run: every new directory is found
// (checked with ls) and attributed (checked with layerdb files and docker inspect).
import { readdirSync, readFileSync } from 'node:fs';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { need } from '../support/env';
import { cleanup, docker, dockerMissing, dockerRoot, ensureFixtures, runContainer, TEST_LABEL } from '../support/docker';
import { inspectHost } from '../../src/docker/inspect';
import { compareSnapshots, takeSnapshot, type StoreSnapshot } from '../../src/docker/store/snapshot';

const skip = need(dockerMissing());
const IMAGE = 'overlay-lab/test-snapshot:1';

describe.skipIf(skip)('snapshot and compare', () => {
  let store: string;
  const snap = async () => takeSnapshot((await inspectHost({ access: 'direct' })).model);
  const ls = () => new Set(readdirSync(store).filter((n) => n !== 'l'));

  beforeAll(() => {
    ensureFixtures();
    store = path.join(dockerRoot(), 'overlay2');
    cleanup([IMAGE]);
  });
  afterAll(() => cleanup([IMAGE]));

  it('attributes the directories of a build: one per new layer, build containers gone', async () => {
    const before = await snap();
    const onDiskBefore = ls();
    const ctx = mkdtempSync(path.join(tmpdir(), 'ovl-build-'));
    // A unique line defeats the build cache, so the two RUN steps make two new layers.
    writeFileSync(path.join(ctx, 'Dockerfile'), `FROM overlay-lab/busybox:1\nLABEL ${TEST_LABEL}\nRUN echo ${Date.now()} > /stamp\nRUN rm /stamp && mkdir -p /srv && echo ok > /srv/ok\n`);
    docker('build', '-q', '-t', IMAGE, ctx);
    rmSync(ctx, { recursive: true });
    const after = await snap();
    const onDiskAfter = ls();
    const d = compareSnapshots(before, after);
    const newOnDisk = [...onDiskAfter].filter((n) => !onDiskBefore.has(n)).sort();
    expect(d.added.map((x) => x.id).sort()).toEqual(newOnDisk);
    expect(d.addedByRole['image-layer']).toBe(2);
    expect(d.added.length).toBe(2); // the build's own containers were removed with their dirs
    expect(d.removed).toEqual([]);
    // Each new directory is the cache-id of layer 2 or 3 of the new image, as layerdb says.
    const diffIds: string[] = JSON.parse(docker('image', 'inspect', IMAGE, '--format', '{{json .RootFS.Layers}}'));
    expect(diffIds.length).toBe(3);
    const db = path.join(dockerRoot(), 'image/overlay2/layerdb/sha256');
    const cacheOf = new Map(readdirSync(db).map((c) => [readFileSync(path.join(db, c, 'diff'), 'utf8') + '@' + readFileSync(path.join(db, c, 'cache-id'), 'utf8'), c]));
    for (const dir of d.added) {
      expect(dir.role.kind).toBe('image-layer');
      if (dir.role.kind !== 'image-layer') continue;
      const use = dir.role.usedBy.find((u) => u.image === IMAGE)!;
      expect([2, 3]).toContain(use.position);
      expect(cacheOf.has(`${diffIds[use.position - 1]}@${dir.id}`)).toBe(true);
    }
    expect(d.imagesAdded.map((i) => i.name)).toContain(IMAGE);
  });

  it('attributes the directories of a run: a writable layer and an -init layer of that container', async () => {
    const before: StoreSnapshot = JSON.parse(JSON.stringify(await snap())); // survives a JSON round trip
    const onDiskBefore = ls();
    const id = runContainer('ovl-test-snap', IMAGE, 'echo hi > /hi; sleep 600');
    const after = await snap();
    const d = compareSnapshots(before, after);
    const newOnDisk = [...ls()].filter((n) => !onDiskBefore.has(n)).sort();
    expect(d.added.map((x) => x.id).sort()).toEqual(newOnDisk);
    expect(d.addedByRole).toEqual({ 'image-layer': 0, 'unused-layer': 0, 'container-layer': 1, 'init-layer': 1, orphan: 0 });
    const data = JSON.parse(docker('inspect', id, '--format', '{{json .GraphDriver.Data}}'));
    const upper = d.added.find((x) => x.role.kind === 'container-layer')!;
    expect(path.join(store, upper.id, 'diff')).toBe(data.UpperDir);
    const init = d.added.find((x) => x.role.kind === 'init-layer')!;
    expect(path.join(store, init.id, 'diff')).toBe(data.LowerDir.split(':')[0]);
    expect(upper.role.kind === 'container-layer' && upper.role.container).toBe('ovl-test-snap');
    expect(d.containersAdded.map((c) => c.name)).toEqual(['ovl-test-snap']);
    // Removing it takes both directories away again.
    docker('rm', '-f', id);
    const gone = compareSnapshots(after, await snap());
    expect(gone.removed.map((x) => x.id).sort()).toEqual([init.id, upper.id].sort());
  });
});
