// The seed lab's two steps that notebook 1 replays: what a pull did (or why it failed), and the
// <id>/<id>-init pair a container made without --rm leaves in overlay2/. The rules on their own,
// then the pair on the real engine: a labelled container, created and removed here.
import { spawnSync } from 'node:child_process';
import { afterAll, describe, expect, it } from 'vitest';
import { inspectHost } from '../../src/docker/inspect';
import { containerPairs, pairInListing, pullFailure, pullOutcome, tagOf } from '../../src/lab/seed-lab';
import { simulatedHostInput } from '../../src/docker/hosts/simulated-host';
import { buildHostModel } from '../../src/docker/store/host-model';
import { compareSnapshots, takeSnapshot } from '../../src/docker/store/snapshot';
import { pullOutcomeBundle, helperPairBundle, pairRemovedBundle } from '../../src/render/notebook-seed';
import { need } from '../support/env';
import { docker, dockerMissing, ensureFixtures, TEST_LABEL } from '../support/docker';

describe('docker pull, as the seed runs it', () => {
  it('names the tag the engine keeps: ubuntu is ubuntu:latest', () => {
    expect(tagOf('ubuntu')).toBe('ubuntu:latest');
    expect(tagOf('ubuntu:24.04')).toBe('ubuntu:24.04');
    expect(tagOf('localhost:5000/lab/ubuntu')).toBe('localhost:5000/lab/ubuntu:latest');
    expect(tagOf('ubuntu@sha256:abc')).toBe('ubuntu@sha256:abc');
  });

  it('sorts a failed pull by what happened', () => {
    // As dockerd 20.10 says it on a machine with no way out to the internet.
    const offline = 'Error response from daemon: Get "https://registry-1.docker.io/v2/": dial tcp: lookup registry-1.docker.io on 192.0.2.53:53: no such host';
    expect(pullFailure(offline)).toBe('no-dns');
    expect(pullFailure('dial tcp 1.2.3.4:443: connect: connection refused')).toBe('unreachable');
    expect(pullFailure('Error response from daemon: manifest for ubuntu:nope not found: manifest unknown')).toBe('not-found');
    expect(pullFailure('anything', true)).toBe('timeout');
    expect(pullFailure('disk full')).toBe('other');
  });

  const sim = buildHostModel(simulatedHostInput());
  const empty = { ...sim, images: [], dirs: [] };

  it('counts the image’s layers and the directories the pull added, from the host before and after', () => {
    const ubuntu = sim.images.find((i) => i.tags.some((t) => t.startsWith('ubuntu:')))!;
    const tag = ubuntu.tags.find((t) => t.startsWith('ubuntu:'))!;
    const o = pullOutcome(tag, empty, sim, { ok: true });
    expect(o).toMatchObject({ tag, wasHere: false, isHere: true, layers: ubuntu.layers.length });
    // Only the image's own directories count, not a container that appeared meanwhile.
    const own = sim.dirs.filter((d) => d.role.kind === 'image-layer' && d.role.usedBy.some((u) => u.imageId === ubuntu.id));
    expect(o.newDirs).toBe(own.length);
    expect(pullOutcome(tag, sim, sim, { ok: true })).toMatchObject({ wasHere: true, newDirs: 0 });
  });

  it('keeps the client’s reason for a failure without this machine’s resolver address', () => {
    const o = pullOutcome('ubuntu', empty, empty, { ok: false, message: 'Error response from daemon: Get "https://registry-1.docker.io/v2/": dial tcp: lookup registry-1.docker.io on 192.0.2.53:53: no such host\n' });
    expect(o.failure).toEqual({ kind: 'no-dns', detail: 'lookup registry-1.docker.io: no such host' });
    expect(o).toMatchObject({ isHere: false, newDirs: 0 });
    const pt = pullOutcomeBundle(o, 'pt-BR')['text/plain'];
    expect(pt).toContain('O docker pull ubuntu falhou neste host: o nome do registro não resolve aqui');
    expect(pt).toContain('Nenhuma camada chegou');
    expect(pullOutcomeBundle(o, 'en')['text/plain']).toContain('docker pull ubuntu failed on this host: the registry');
  });

  it('says 1 layer, not 1 layers', () => {
    const one = { ref: 'ubuntu', tag: 'ubuntu:latest', wasHere: false, isHere: true, layers: 1, newDirs: 1 };
    expect(pullOutcomeBundle(one, 'pt-BR')['text/plain']).toContain('ubuntu:latest: 1 camada (as RootFS.Layers');
    expect(pullOutcomeBundle(one, 'pt-BR')['text/plain']).toContain('1 diretório novo em overlay2/');
    expect(pullOutcomeBundle({ ...one, layers: 4, newDirs: 4 }, 'en')['text/plain']).toContain('4 layers (its RootFS.Layers');
  });
});

describe('the -init pair of a container left without --rm, on the real engine', () => {
  const skip = need(dockerMissing());
  const name = `overlay-lab-test-seed-pair-${process.pid}`;
  afterAll(() => {
    if (!skip) spawnSync('docker', ['rm', '-f', name], { stdio: 'ignore' });
  });

  it.skipIf(!!skip)('docker create alone makes <id> and <id>-init; the listing names both; docker rm takes both', async () => {
    ensureFixtures();
    const before = takeSnapshot((await inspectHost()).model);
    docker('create', '--name', name, '--label', TEST_LABEL, 'overlay-lab/busybox:1', 'true');
    const after = takeSnapshot((await inspectHost()).model);
    const pair = containerPairs(compareSnapshots(before, after).added).find((p) => p.container === name);
    expect(pair, 'no pair for the new container').toBeDefined();
    expect(pair!.twins).toBe(true);
    expect(pair!.upper!.id).toMatch(/^[0-9a-f]{64}$/);
    expect(pair!.init!.id).toBe(`${pair!.upper!.id}-init`);
    // The engine's own answer names the same two directories.
    const data = JSON.parse(docker('inspect', name, '--format', '{{json .GraphDriver.Data}}')) as { UpperDir: string; LowerDir: string };
    expect(data.UpperDir).toContain(`/${pair!.upper!.id}/diff`);
    expect(data.LowerDir.split(':')[0]).toContain(`/${pair!.init!.id}/diff`);
    const root = docker('info', '--format', '{{.DockerRootDir}}');
    expect(pairInListing(pair!, docker('run', '--rm', '-v', `${root}:${root}:ro`, 'overlay-lab/busybox:1', 'ls', `${root}/overlay2`))).toEqual({ upper: true, init: true });
    expect(helperPairBundle(pair, name, { upper: true, init: true }, 'pt-BR').meta).toMatchObject({ twins: true, listed: true, upperDir: pair!.upper!.id });
    docker('rm', name);
    const gone = pairRemovedBundle(pair!, name, takeSnapshot((await inspectHost()).model), 'en');
    expect(gone.meta).toEqual({ pairGone: true });
  });
});
