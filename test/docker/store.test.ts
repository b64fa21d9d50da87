// The overlay2 store reader and the image/container mapping, checked against the files on
// disk, `du`, `sha256sum` and `docker inspect`, each read by the test itself.
import { existsSync, readdirSync, readFileSync, readlinkSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { need } from '../support/env';
import { cleanup, docker, dockerMissing, dockerRoot, ensureFixtures, runContainer, sh } from '../support/docker';
import { inspectHost, type LoadedHost } from '../../src/docker/inspect';
import { chainIds } from '../../src/docker/store/chain-id';

const skip = need(dockerMissing());

describe.skipIf(skip)('overlay2 store of a live engine', () => {
  let root: string;
  let store: string;
  let host: LoadedHost;
  let ctr: string;

  beforeAll(async () => {
    ensureFixtures();
    root = dockerRoot();
    store = path.join(root, 'overlay2');
    ctr = runContainer('ovl-test-store', 'overlay-lab/layers:1', 'echo hi > /app/new.txt; sleep 600');
    host = await inspectHost({ access: 'direct' });
  });
  afterAll(() => cleanup());

  it('reports the engine the docker CLI reports', () => {
    const m = host.model;
    expect(m.engine.version).toBe(docker('version', '--format', '{{.Server.Version}}'));
    expect(m.engine.driver).toBe(docker('info', '--format', '{{.Driver}}'));
    expect(m.engine.rootDir).toBe(root);
    expect(m.store.kind).toBe('overlay2');
    expect(m.access).toBe('direct');
  });

  it('lists exactly the directories of overlay2/ (but l/), with link, lower, committed, diff/work/merged', () => {
    const onDisk = readdirSync(store).filter((n) => n !== 'l').sort();
    expect(host.model.dirs.map((d) => d.id).sort()).toEqual(onDisk);
    for (const d of host.model.dirs) {
      const dir = path.join(store, d.id);
      const read = (f: string) => (existsSync(path.join(dir, f)) ? readFileSync(path.join(dir, f), 'utf8') : undefined);
      expect(d.link).toBe(read('link'));
      expect(d.lowers.join(':')).toBe(read('lower') ?? '');
      expect(d.committed).toBe(existsSync(path.join(dir, 'committed')));
      expect(d.diff).toBe(existsSync(path.join(dir, 'diff')));
      expect(d.work).toBe(existsSync(path.join(dir, 'work')));
      expect(d.merged).toBe(existsSync(path.join(dir, 'merged')));
      expect(d.mtime).toBe(Math.floor(statSync(dir).mtimeMs / 1000));
    }
  });

  it('measures each diff/ as du -sb does', () => {
    for (const d of host.model.dirs.filter((x) => !x.merged)) {
      expect(d.bytes, d.id).toBe(Number(sh(`du -sb ${path.join(store, d.id, 'diff')} | cut -f1`)));
    }
  });

  it('resolves every l/ short link both ways', () => {
    const names = readdirSync(path.join(store, 'l')).sort();
    expect(host.model.links.map((l) => l.name).sort()).toEqual(names);
    for (const l of host.model.links) {
      const target = readlinkSync(path.join(store, 'l', l.name));
      expect(l.target).toBe(target);
      expect(l.dir).toBe(target.split('/')[1]);
      expect(readFileSync(path.join(store, l.dir!, 'link'), 'utf8')).toBe(l.name);
      expect(l.roundTrip && !l.broken).toBe(true);
    }
    for (const d of host.model.dirs) {
      // Every lower entry is l/<name>, and that link leads to the directory the model says.
      d.lowers.forEach((entry, i) => expect(readlinkSync(path.join(store, entry))).toBe(`../${d.lowerDirs[i]}/diff`));
    }
  });

  it('computes chain IDs as sha256 of "parent diff" (checked with sha256sum) and finds them in layerdb', () => {
    const diffIds: string[] = JSON.parse(docker('image', 'inspect', 'overlay-lab/layers:1', '--format', '{{json .RootFS.Layers}}'));
    const chains = chainIds(diffIds);
    expect(chains[0]).toBe(diffIds[0]);
    for (let i = 1; i < chains.length; i++) {
      expect(chains[i]).toBe(`sha256:${sh(`printf '%s %s' '${chains[i - 1]}' '${diffIds[i]}' | sha256sum | cut -d' ' -f1`)}`);
    }
    const image = host.model.images.find((i) => i.tags.includes('overlay-lab/layers:1'))!;
    image.layers.forEach((l, i) => {
      const entry = path.join(root, 'image/overlay2/layerdb/sha256', chains[i].slice(7));
      expect(readFileSync(path.join(entry, 'diff'), 'utf8')).toBe(diffIds[i]);
      expect(l.dir).toBe(readFileSync(path.join(entry, 'cache-id'), 'utf8'));
      expect(l.size).toBe(Number(readFileSync(path.join(entry, 'size'), 'utf8')));
    });
  });

  it("maps images to directories the way GraphDriver.Data says, and reports no disagreement", () => {
    const image = host.model.images.find((i) => i.tags.includes('overlay-lab/layers:1'))!;
    const data = JSON.parse(docker('image', 'inspect', 'overlay-lab/layers:1', '--format', '{{json .GraphDriver.Data}}'));
    const top = image.layers[image.layers.length - 1].dir!;
    expect(data.UpperDir).toBe(path.join(store, top, 'diff'));
    expect(data.LowerDir).toBe([...image.layers].reverse().slice(1).map((l) => path.join(store, l.dir!, 'diff')).join(':'));
    expect(host.model.disagreements).toEqual([]);
    // The shared base layer is named once per image: busybox and layers both list it.
    const base = host.model.dirs.find((d) => d.id === image.layers[0].dir)!;
    expect(base.role.kind).toBe('image-layer');
    if (base.role.kind === 'image-layer') {
      expect(base.role.usedBy.map((u) => u.image)).toEqual(expect.arrayContaining(['overlay-lab/busybox:1', 'overlay-lab/layers:1']));
      expect(new Set(base.role.usedBy.map((u) => u.imageId)).size).toBe(base.role.usedBy.length);
    }
  });

  it('classifies every directory from layerdb and layerdb/mounts as the test reads them', () => {
    const db = path.join(root, 'image/overlay2/layerdb');
    const caches = new Set(readdirSync(path.join(db, 'sha256')).map((c) => readFileSync(path.join(db, 'sha256', c, 'cache-id'), 'utf8')));
    const mounts = readdirSync(path.join(db, 'mounts')).map((c) => ({
      c,
      mount: readFileSync(path.join(db, 'mounts', c, 'mount-id'), 'utf8'),
      init: readFileSync(path.join(db, 'mounts', c, 'init-id'), 'utf8'),
    }));
    for (const d of host.model.dirs) {
      const m = mounts.find((x) => x.mount === d.id);
      const i = mounts.find((x) => x.init === d.id);
      const expected = caches.has(d.id) ? ['image-layer', 'unused-layer'] : m ? ['container-layer'] : i ? ['init-layer'] : ['orphan'];
      expect(expected, d.id).toContain(d.role.kind);
      if (m && d.role.kind === 'container-layer') expect(d.role.containerId).toBe(m.c);
      if (i && d.role.kind === 'init-layer') expect(d.role.containerId).toBe(i.c);
    }
    const mine = host.model.dirs.find((d) => d.role.kind === 'container-layer' && d.role.containerId === ctr)!;
    expect(mine.role.kind === 'container-layer' && mine.role.container).toBe('ovl-test-store');
    const init = host.model.dirs.find((d) => d.role.kind === 'init-layer' && d.role.containerId === ctr)!;
    expect(init.id).toBe(`${mine.id}-init`);
    const data = JSON.parse(docker('inspect', ctr, '--format', '{{json .GraphDriver.Data}}'));
    expect(data.UpperDir).toBe(path.join(store, mine.id, 'diff'));
    expect(data.LowerDir.split(':')[0]).toBe(path.join(store, init.id, 'diff'));
  });
});
