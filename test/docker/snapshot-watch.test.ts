// Pure parts of watch --containerd and of the engine choice: snapshots as a watcher compares
// them (owner, cause, unpacking, passing directories), and the CLI config's currentContext.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { containerdChanges, containerdRole, containerdWatchRead, unpacking } from '../../src/docker/containerd/snapshot-watch';
import { chainIds } from '../../src/docker/store/chain-id';
import type { ContainerdSnapshot, ContainerdStore } from '../../src/docker/store/model';
import { currentContext, engineEnv } from '../../src/docker/engine/engine-context';
import { OverlayLabError } from '../../src/i18n/errors';

const diffId = `sha256:${'a'.repeat(64)}`;
const chain = chainIds([diffId])[0];
const snap = (id: string, kind: ContainerdSnapshot['kind'], name: string): ContainerdSnapshot => ({ id, kind, name, namespace: 'ns', fs: true, work: kind === 'active', mtime: 0, uses: [] });
const store = (snapshots: ContainerdSnapshot[]): ContainerdStore => ({ root: '/r', snapshotsPath: '/r/s', metadata: true, snapshots, mounts: [] });
const meta = (images = 0) => ({ read: true, images: images ? [{ namespace: 'ns', id: 'sha256:m', tags: ['docker.io/x:1'], diffIds: [diffId] }] : [], containers: [{ namespace: 'ns', id: 'c1', snapshotKey: 'c1-key' }] });

describe('containerd snapshots as a watcher sees them', () => {
  it('names owners: an image layer by chain ID, a container by its snapshotKey, the rest as they are', () => {
    const r = containerdWatchRead(store([snap('1', 'committed', chain), snap('2', 'active', 'c1-key'), snap('3', 'active', 'k'), snap('4', 'committed', `sha256:${'b'.repeat(64)}`)]), meta(1), 't', '/r');
    const roles = Object.fromEntries(r.snap.dirs.map((d) => [d.id, d.role.kind]));
    expect(roles).toEqual({ 'snapshots/1': 'image-layer', 'snapshots/2': 'container-layer', 'snapshots/3': 'orphan', 'snapshots/4': 'unused-layer' });
    expect(r.state).toMatchObject({ snapshots: true, storeKind: 'containerd-snapshotter', images: 1, containers: 1, totals: { images: 1, containers: 1, unused: 1, orphans: 1 } });
    expect(containerdRole(snap('9', 'view', 'v')).kind).toBe('orphan');
  });

  it('leaves out the snapshotter\'s passing directories (new-…, rm-…)', () => {
    const r = containerdWatchRead(store([snap('1', 'active', 'k'), { ...snap('new-123', 'unknown', 'x') }, { ...snap('rm-2', 'unknown', 'y') }]), meta(), 't', '/r');
    expect(r.snap.dirs.map((d) => d.id)).toEqual(['snapshots/1']);
  });

  it('tells what came and went, each by its snapshot\'s name and kind', () => {
    const a = containerdWatchRead(store([snap('1', 'active', 'k1')]), meta(), 't1', '/r');
    const b = containerdWatchRead(store([snap('2', 'committed', chain)]), meta(1), 't2', '/r');
    const c = containerdChanges(a, b, 42);
    expect(c.map((x) => [x.change, x.dir, x.cause.kind, x.cause.action, x.cause.name])).toEqual([
      ['added', 'snapshots/2', 'snapshot', 'committed', chain],
      ['removed', 'snapshots/1', 'snapshot', 'active', 'k1'],
    ]);
    expect(c[0].role.kind).toBe('image-layer');
    expect(containerdChanges(b, b)).toEqual([]);
  });

  it('knows a layer being unpacked by containerd\'s extract- key', () => {
    expect(unpacking(snap('1', 'active', `extract-123456-abc ${chain}`))).toBe(true);
    expect(unpacking(snap('1', 'committed', chain))).toBe(false);
    expect(unpacking(snap('1', 'active', 'k'))).toBe(false);
    expect(unpacking(undefined)).toBe(false);
  });
});

describe("the Docker CLI config's currentContext", () => {
  const withConfig = (text: string | undefined, f: (env: Record<string, string>) => void) => {
    const dir = mkdtempSync(path.join(tmpdir(), 'ovl-cfg-'));
    try {
      if (text !== undefined) writeFileSync(path.join(dir, 'config.json'), text);
      f({ DOCKER_CONFIG: dir });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  };

  it('reads it; none, empty or default leave the default socket', () => {
    withConfig(JSON.stringify({ currentContext: 'lab2', auths: {} }), (env) => expect(currentContext(env)).toBe('lab2'));
    withConfig(undefined, (env) => expect(engineEnv(env).DOCKER_HOST).toBeUndefined());
    withConfig('{}', (env) => expect(currentContext(env)).toBeUndefined());
    withConfig(JSON.stringify({ currentContext: 'default' }), (env) => expect(engineEnv(env).DOCKER_HOST).toBeUndefined());
  });

  it('DOCKER_HOST and DOCKER_CONTEXT come before it; a file that is not JSON is an error naming it', () => {
    withConfig(JSON.stringify({ currentContext: 'gone' }), (env) => {
      expect(engineEnv({ ...env, DOCKER_HOST: 'tcp://h:1' }).DOCKER_HOST).toBe('tcp://h:1');
      expect(() => engineEnv(env)).toThrow(/no Docker context named gone/);
    });
    for (const bad of ['{"currentContext":', '[1]', 'null'])
      withConfig(bad, (env) => {
        let err: unknown;
        try {
          engineEnv(env);
        } catch (e) {
          err = e;
        }
        expect(err).toBeInstanceOf(OverlayLabError);
        expect((err as OverlayLabError).code).toBe('EDOCKERCONFIG');
        expect((err as OverlayLabError).render('pt-BR')).toContain(`não foi possível ler a configuração do Docker CLI ${path.join(env.DOCKER_CONFIG, 'config.json')}`);
        expect((err as OverlayLabError).exitCode).toBe(78);
      });
  });
});
