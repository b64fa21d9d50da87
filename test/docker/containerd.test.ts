// The containerd snapshotter store, read from the real containerd that docker.io brings:
// an image archive imported with ctr and a container run on its overlayfs snapshotter.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { need } from '../support/env';
import { shOk, waitUntil } from '../support/wait';
import { docker, dockerMissing, ensureFixtures, sh } from '../support/docker';
import { attributeSnapshots, readContainerdStore, type ContainerdStore } from '../../src/docker/containerd/containerd-store';
import { chainIds } from '../../src/docker/store/chain-id';
import { detectStore } from '../../src/docker/store/store-kind';

const NS = 'overlay-lab-test';
const NAME = 'ovl-test-ctrd';
const IMAGE = 'docker.io/overlay-lab/layers:1';

/** Docker's own containerd (its socket and root come from the config dockerd writes). */
function containerd(): { address: string; root: string } | undefined {
  const toml = '/var/run/docker/containerd/containerd.toml';
  if (existsSync(toml)) {
    const text = readFileSync(toml, 'utf8');
    const root = /^root = "(.*)"/m.exec(text)?.[1];
    const address = /^\s*address = "(.*containerd\.sock)"/m.exec(text)?.[1];
    if (root && address) return { address, root };
  }
  if (existsSync('/run/containerd/containerd.sock')) return { address: '/run/containerd/containerd.sock', root: '/var/lib/containerd' };
  return undefined;
}

function missing(): string | undefined {
  const d = dockerMissing();
  if (d) return d;
  if (spawnSync('ctr', ['--version']).error) return 'no ctr on PATH (Debian: apt-get install containerd)';
  if (!containerd()) return 'no containerd socket found';
  return undefined;
}

const skip = need(missing());

describe.skipIf(skip)('containerd snapshotter store', () => {
  const c = containerd()!;
  const ctr = (...args: string[]) => sh(`ctr --address ${c.address} -n ${NS} ${args.join(' ')}`);
  let store: ContainerdStore;
  let mountLine: string;

  const remove = () => {
    const C = `ctr --address ${c.address} -n ${NS}`;
    // Container, image, then the layer snapshots (children before parents, hence the rounds)
    // and the namespace: nothing of the test is left for containerd's GC.
    spawnSync('bash', ['-c', `${C} task kill -s SIGKILL ${NAME}; sleep 0.3; ${C} task delete -f ${NAME}; ${C} container delete ${NAME}; ${C} image rm ${IMAGE}
      for round in 1 2 3 4 5 6 7 8; do keys=$(${C} snapshots ls | awk 'NR>1 {print $1}'); [ -z "$keys" ] && break; for k in $keys; do ${C} snapshots rm "$k"; done; done
      ctr --address ${c.address} namespaces rm ${NS}`], { stdio: 'ignore' });
  };

  beforeAll(async () => {
    ensureFixtures();
    remove();
    sh(`docker save overlay-lab/layers:1 | ctr --address ${c.address} -n ${NS} images import -`);
    ctr('run', '-d', '--label', 'io.overlay-lab=1', IMAGE, NAME, 'sh', '-c', `'echo x > /x; rm /app/hello.txt; sleep 600'`);
    // Both changes are made (the whiteout is the last, before the sleep); each probe needs its own exec id.
    let probe = 0;
    await waitUntil(
      `the ctr container ${NAME} to write /x and delete /app/hello.txt`,
      () => shOk(`ctr --address ${c.address} -n ${NS} task exec --exec-id probe${++probe} ${NAME} sh -c '[ -e /x ] && [ ! -e /app/hello.txt ]'`),
      15_000,
      () => spawnSync('bash', ['-c', `ctr --address ${c.address} -n ${NS} task ls`], { encoding: 'utf8' }).stdout,
    );
  });
  afterAll(() => remove());

  it('lists the numbered snapshot directories as on disk, sized as du -sb', async () => {
    store = await readContainerdStore(c.root);
    const dir = path.join(c.root, 'io.containerd.snapshotter.v1.overlayfs', 'snapshots');
    expect(store.snapshotsPath).toBe(dir);
    expect(store.snapshots.map((s) => s.id).sort()).toEqual(readdirSync(dir).sort());
    for (const s of store.snapshots.filter((x) => x.fs && x.uses.every((u) => u.as !== 'upper'))) {
      expect(s.bytes, s.id).toBe(Number(sh(`du -sb ${dir}/${s.id}/fs | cut -f1`)));
    }
  });

  it("finds the container's union: full snapshots/<n>/fs paths (no l/ links), one lower per image layer", () => {
    mountLine = readFileSync('/proc/self/mountinfo', 'utf8').split('\n').find((l) => l.includes(`/${NS}/${NAME}/rootfs `))!;
    expect(mountLine).toBeDefined();
    const mount = store.mounts.find((m) => m.mountPoint.endsWith(`/${NS}/${NAME}/rootfs`))!;
    const opts = mountLine.split(' - ')[1].split(' ')[2];
    const lowers = /lowerdir=([^,]+)/.exec(opts)![1].split(':').map((p) => /snapshots\/(\d+)\/fs$/.exec(p)![1]);
    const upper = /upperdir=[^,]*snapshots\/(\d+)\/fs/.exec(opts)![1];
    expect(mount.lowers).toEqual(lowers);
    expect(mount.upper).toBe(upper);
    const layers: string[] = JSON.parse(docker('image', 'inspect', 'overlay-lab/layers:1', '--format', '{{json .RootFS.Layers}}'));
    expect(mount.lowers.length).toBe(layers.length);
    const snap = store.snapshots.find((s) => s.id === upper)!;
    expect(snap.uses).toEqual([{ mountPoint: mount.mountPoint, as: 'upper' }]);
    expect(snap.work).toBe(true);
    // What the container wrote and deleted is in that upper snapshot: a file and a whiteout.
    const fs = path.join(store.snapshotsPath, upper, 'fs');
    expect(readFileSync(path.join(fs, 'x'), 'utf8')).toBe('x\n');
    expect(sh(`stat -c '%F %t:%T' ${fs}/app/hello.txt`)).toBe('character special file 0:0');
  });

  it("reads names, kinds and parents from containerd's metadata.db as ctr lists them, and names layers after images", () => {
    expect(store.metadata).toBe(true);
    const listed = ctr('snapshots', 'ls').split('\n').slice(1).map((l) => l.trim().split(/\s+/));
    const mine = store.snapshots.filter((s) => s.namespace === NS);
    const byName = new Map(mine.map((s) => [s.name, s]));
    expect(mine.map((s) => s.name).sort()).toEqual(listed.map((l) => l[0]).sort());
    for (const l of listed) {
      const [key, parent, kind] = l.length === 3 ? l : [l[0], undefined, l[1]];
      const s = byName.get(key)!;
      expect(s.kind).toBe(kind.toLowerCase());
      expect(s.parent ? store.snapshots.find((x) => x.id === s.parent)?.name : undefined).toBe(parent);
    }
    const diffIds: string[] = JSON.parse(docker('image', 'inspect', 'overlay-lab/layers:1', '--format', '{{json .RootFS.Layers}}'));
    const named = attributeSnapshots(store, [{ id: 'sha256:x', tags: ['overlay-lab/layers:1'], diffIds }]);
    const chains = chainIds(diffIds);
    const ids = chains.map((c) => named.snapshots.find((s) => s.namespace === NS && s.name === c)!);
    ids.forEach((s, i) => expect(s.layerOf).toEqual([{ imageId: 'sha256:x', image: 'overlay-lab/layers:1', position: i + 1, of: 5 }]));
    // The container's lowerdir lists those snapshots, top layer first.
    const mount = store.mounts.find((m) => m.mountPoint.endsWith(`/${NS}/${NAME}/rootfs`))!;
    expect(mount.lowers).toEqual(ids.map((s) => s.id).reverse());
    expect(byName.get(NAME)?.kind).toBe('active');
    expect(byName.get(NAME)?.id).toBe(mount.upper);
  });

  it('recognises the containerd image store from docker info, and says what cannot be seen', () => {
    const info = { driver: 'overlayfs', rootDir: '/var/lib/docker', driverStatus: [['driver-type', 'io.containerd.snapshotter.v1']] as [string, string][] };
    const s = detectStore(info);
    expect(s.kind).toBe('containerd-snapshotter');
    expect(s.path).toBe('/var/lib/containerd/io.containerd.snapshotter.v1.overlayfs/snapshots');
    expect(s.canSee.en).toContain('metadata.db');
    expect(s.cannotSee.en).toContain('GraphDriver');
    expect(detectStore({ ...info, driver: 'overlay2', driverStatus: [['Backing Filesystem', 'extfs']] }).kind).toBe('overlay2');
    expect(detectStore({ ...info, driver: 'btrfs', driverStatus: [] }).kind).toBe('other');
  });
});
