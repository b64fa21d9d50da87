// The container-lifecycle lesson's facts against a live engine, each checked by a read of the
// test's own (docker CLI, the files, stat, mountinfo): where a write lands, what create/start/
// stop/rm do to the store, what commit keeps, which image store the engine uses, system df.
import { readFileSync, existsSync, readdirSync } from 'node:fs';
import * as path from 'node:path';
import { spawnSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { need } from '../support/env';
import { docker, dockerMissing, ensureFixtures, sh } from '../support/docker';
import { inspectHost } from '../../src/docker/inspect';
import { takeSnapshot } from '../../src/docker/store/snapshot';
import { locateWrite, onDisk, survivorFacts } from '../../src/docker/lifecycle/write-landing';
import { createFacts, observeStep } from '../../src/docker/lifecycle/stage';
import { commitFacts, committedLayer } from '../../src/docker/lifecycle/commit-layer';
import { imageStoreFacts } from '../../src/docker/lifecycle/image-store';
import { diskUsage } from '../../src/docker/lifecycle/disk-usage';
import { connectEngine } from '../../src/docker/engine/dockerode-engine';
import { commitWhiteout, createDirs, predictAndCheck, volumeSurvives } from '../../src/course/container-lifecycle';

const skip = need(dockerMissing());
const BASE = 'overlay-lab/busybox:1';
const ID = `${process.pid}`;
const VOLUME = `ovl-test-lc-vol-${ID}`;
const WITH_VOLUME = `ovl-test-lc-v-${ID}`;
const STEPS = `ovl-test-lc-s-${ID}`;
const TO_COMMIT = `ovl-test-lc-c-${ID}`;
const COMMITTED = `overlay-lab/test-lifecycle:${ID}`;
const LABELS = ['--label', 'io.overlay-lab=1', '--label', 'io.overlay-lab.test=1'];
// Containers without a network: none is needed, and then they do not depend on the engine's bridge.
const RUN = [...LABELS, '--network', 'none'];
const inspect = (name: string, f: string) => docker('inspect', '-f', f, name);

describe.skipIf(skip)('the container lifecycle on a live engine', () => {
  beforeAll(() => ensureFixtures());
  afterAll(() => {
    spawnSync('docker', ['rm', '-f', WITH_VOLUME, STEPS, TO_COMMIT]);
    spawnSync('docker', ['rmi', COMMITTED]);
    spawnSync('docker', ['volume', 'rm', VOLUME]);
  });

  it('a write to a volume lands in its _data, outside the upperdir, and survives docker rm; one to the container goes with it', async () => {
    docker('volume', 'create', ...LABELS, VOLUME);
    docker('run', '-d', '--name', WITH_VOLUME, ...RUN, '-v', `${VOLUME}:/data`, BASE, 'sleep', '600');
    docker('exec', WITH_VOLUME, 'sh', '-c', 'echo kept > /data/notes.txt && echo lost > /root/notes.txt');
    const inVolume = await locateWrite(WITH_VOLUME, '/data/notes.txt');
    const inUpper = await locateWrite(WITH_VOLUME, '/root/notes.txt');
    const mountpoint = docker('volume', 'inspect', '-f', '{{.Mountpoint}}', VOLUME);
    const upperdir = inspect(WITH_VOLUME, '{{.GraphDriver.Data.UpperDir}}');
    expect(inVolume).toMatchObject({ lands: 'volume', volume: VOLUME, hostPath: `${mountpoint}/notes.txt`, insideUpperdir: false });
    expect(inUpper).toMatchObject({ lands: 'upperdir', hostPath: `${upperdir}/root/notes.txt`, insideUpperdir: true });
    expect(readFileSync(inVolume.hostPath, 'utf8')).toBe('kept\n');
    expect(readFileSync(inUpper.hostPath, 'utf8')).toBe('lost\n');
    docker('rm', '-f', WITH_VOLUME);
    expect([onDisk(inVolume), onDisk(inUpper)]).toEqual([true, false]);
    const facts = survivorFacts(inVolume, inUpper);
    expect(predictAndCheck(volumeSurvives, 'volume', facts, 'en')).toMatchObject({ read: true, correct: true });
    expect(predictAndCheck(volumeSurvives, 'os dois', facts, 'pt-BR')).toMatchObject({ read: true, correct: false });
    expect(predictAndCheck(volumeSurvives, '', facts, 'pt-BR')).toMatchObject({ read: false, actual: '/data/notes.txt: continua lá. /root/notes.txt: sumiu.' });
  });

  it('create adds the writable and -init directories unmounted; start mounts merged/; stop unmounts; rm deletes both', async () => {
    const before = takeSnapshot((await inspectHost()).model);
    const id = docker('create', '--name', STEPS, ...RUN, BASE, 'sleep', '600');
    const created = await observeStep(STEPS, before);
    const dir = path.basename(path.dirname(inspect(STEPS, '{{.GraphDriver.Data.UpperDir}}')));
    expect(created.stage.id).toBe(id);
    expect(created.change.added.map((d) => d.id).sort()).toEqual([dir, `${dir}-init`]);
    expect(created.stage.mounted).toBe(false);
    expect(created.stage.dirs.find((d) => d.role === 'writable')).toMatchObject({ id: dir, diff: true, work: true, merged: false, diffEntries: 0 });
    const facts = createFacts(created.stage, created.change);
    expect(predictAndCheck(createDirs, '2 writable init', facts, 'en').correct).toBe(true);
    expect(predictAndCheck(createDirs, '2: camada gravável e a -init', facts, 'pt-BR').correct).toBe(true);
    expect(predictAndCheck(createDirs, '3 writable init image', facts, 'en').correct).toBe(false);

    docker('start', STEPS);
    const started = await observeStep(STEPS, created.stage.snapshot, id);
    const merged = inspect(STEPS, '{{.GraphDriver.Data.MergedDir}}');
    const mountinfo = readFileSync('/proc/self/mountinfo', 'utf8').split('\n').some((l) => l.split(' ')[4] === merged && l.includes(' - overlay '));
    expect(mountinfo).toBe(true);
    expect(started.stage.mounted).toBe(true);
    expect(started.change.added).toEqual([]);
    expect(started.stage.dirs.find((d) => d.role === 'writable')?.mergedEntries).toBe(readdirSync(merged).length);

    docker('stop', '-t', '1', STEPS);
    const stopped = await observeStep(STEPS, started.stage.snapshot, id);
    expect(stopped.stage.mounted).toBe(false);
    expect(existsSync(merged)).toBe(stopped.stage.dirs.find((d) => d.role === 'writable')!.merged);

    docker('rm', STEPS);
    const removed = await observeStep(STEPS, stopped.stage.snapshot, id);
    expect(removed.stage.exists).toBe(false);
    expect(removed.change.removed.map((d) => d.id).sort()).toEqual([dir, `${dir}-init`]);
  });

  it('commit makes the upperdir the new top layer, the whiteout a char device 0/0 as stat sees it', async () => {
    docker('run', '-d', '--name', TO_COMMIT, ...RUN, BASE, 'sleep', '600');
    docker('exec', TO_COMMIT, 'sh', '-c', 'echo added > /root/added.txt && rm /etc/group');
    docker('commit', '-c', 'LABEL io.overlay-lab=1', TO_COMMIT, COMMITTED);
    const c = await committedLayer(TO_COMMIT, COMMITTED);
    const upper = docker('image', 'inspect', '-f', '{{.GraphDriver.Data.UpperDir}}', COMMITTED);
    expect(c.dir).toBe(path.basename(path.dirname(upper)));
    expect(c.position).toBe(c.layers);
    expect(c.onlyInContainer).toEqual([]);
    expect(c.onlyInLayer).toEqual([]);
    expect(sh(`stat -c '%F %t %T' ${upper}/etc/group`)).toBe('character special file 0 0');
    expect(c.whiteouts).toEqual([{ path: '/etc/group', charDevice: true, major: 0, minor: 0 }]);
    expect(c.changes.find((x) => x.path === '/root/added.txt')?.kind).toBe('added');
    const facts = commitFacts(c, '/etc/group');
    expect(predictAndCheck(commitWhiteout, 'um whiteout', facts, 'pt-BR').correct).toBe(true);
    expect(predictAndCheck(commitWhiteout, 'nothing', facts, 'en').correct).toBe(false);
  });

  it('says which image store the engine keeps from docker info', async () => {
    const f = imageStoreFacts(await connectEngine().facts());
    const driver = docker('info', '-f', '{{.Driver}}');
    const status = docker('info', '-f', '{{json .DriverStatus}}');
    expect(f.driver).toBe(driver);
    expect(f.driverType === undefined).toBe(!status.includes('driver-type'));
    expect(f.kind).toBe(driver === 'overlay2' ? 'overlay2' : f.kind);
    expect(f.overlay2.dirs).toBe(readdirSync(f.overlay2.path).filter((n) => n !== 'l').length);
    expect(f.containerd.present).toBe(existsSync(f.containerd.path));
  });

  it('system df: the layer total, our image, container and volume recomputed from the store', async () => {
    // Another user of the engine may build between the two reads: the totals get three tries.
    let u = await diskUsage();
    for (let i = 0; i < 2 && u.engine.layersSize !== u.storeLayersSize; i++) u = await diskUsage();
    expect(u.storeLayersSize).toBe(u.engine.layersSize);
    expect(u.storeLayersApparent).toBeGreaterThan(u.storeLayersSize);
    const raw = JSON.parse(sh('curl -s --unix-socket /var/run/docker.sock http://engine/system/df')) as { Images: { RepoTags: string[] | null; Size: number }[] };
    const mine = u.images.find((i) => i.name === COMMITTED)!;
    expect(mine.engineSize).toBe(raw.Images.find((i) => i.RepoTags?.includes(COMMITTED))!.Size);
    expect(mine.storeSize).toBe(mine.engineSize);
    expect(mine.sharedLayers).toBe(1);
    const ctr = u.containers.find((c) => c.name === TO_COMMIT)!;
    expect(ctr.storeBytes).toBe(ctr.engineSizeRw);
    expect(u.volumes.find((v) => v.name === VOLUME)).toMatchObject({ engineSize: 5, storeBytes: 5 });
  });
});

describe('the lifecycle rules without an engine', () => {
  it('landingOf: the deepest mount over the path wins; tmpfs has no host path; the rest goes to the upperdir', async () => {
    const { landingOf } = await import('../../src/docker/lifecycle/write-landing');
    const mounts = [
      { type: 'volume', name: 'v', source: '/var/lib/docker/volumes/v/_data', destination: '/data' },
      { type: 'bind', source: '/srv/cache', destination: '/data/cache' },
      { type: 'tmpfs', source: '', destination: '/run' },
    ];
    expect(landingOf('/data/a', mounts, '/s/x/diff')).toMatchObject({ lands: 'volume', hostPath: '/var/lib/docker/volumes/v/_data/a' });
    expect(landingOf('/data/cache/b', mounts, '/s/x/diff')).toMatchObject({ lands: 'bind', hostPath: '/srv/cache/b' });
    expect(landingOf('/run/c', mounts, '/s/x/diff')).toMatchObject({ lands: 'tmpfs', hostPath: '' });
    expect(landingOf('/database', mounts, '/s/x/diff')).toMatchObject({ lands: 'upperdir', hostPath: '/s/x/diff/database', insideUpperdir: true });
  });

  it('reads predictions in both languages, accents and case folded, and refuses what it cannot read', () => {
    expect(createDirs.parse('2 GRAVÁVEL e init')).toEqual({ count: 2, roles: ['writable', 'init'] });
    expect(createDirs.parse('two')).toBeUndefined();
    expect(commitWhiteout.parse('Nada')).toBe('nothing');
    expect(commitWhiteout.parse('um arquivo')).toBe('file');
    expect(commitWhiteout.parse('não sei')).toBeUndefined();
    expect(volumeSurvives.parse('só o do contêiner')).toBe('container');
    expect(volumeSurvives.parse('neither')).toBe('neither');
  });
});
