// watch --containerd ROOT: follows a real containerd's own snapshots (started here with its own
// root, state and socket), with no Docker engine: a snapshot prepared by hand, an image's layer
// unpacked by `ctr images import` (an archive of the busybox-static image), and both removals.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { readdirSync } from 'node:fs';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { need } from '../support/env';
import { CLI, cliMissing, dockerMissing, ensureFixtures } from '../support/docker';
import { ownContainerdMissing, startContainerd, type OwnContainerd } from '../support/own-containerd';
import { waitUntil } from '../support/wait';

const skip = need(cliMissing() ?? ownContainerdMissing() ?? dockerMissing());

interface Line {
  type: string;
  change?: 'added' | 'removed';
  dir?: string;
  owner?: string;
  because?: string;
  role?: { kind: string; usedBy?: { image: string }[] };
  cause?: { kind: string; action?: string; name?: string };
  snapshots?: string;
  state?: { storeKind: string; snapshots: boolean; endpoint: string };
}

describe.skipIf(skip)('watch --containerd: a real containerd of the test\'s own', () => {
  let c: OwnContainerd;
  beforeAll(async () => {
    ensureFixtures();
    c = await startContainerd();
  }, 60_000);
  afterAll(async () => {
    await c?.stop();
  }, 60_000);

  const snapshotDirs = () => {
    try {
      return readdirSync(path.join(c.root, 'io.containerd.snapshotter.v1.overlayfs', 'snapshots'));
    } catch {
      return [];
    }
  };
  const follow = (lang: string, json: boolean) => {
    const child: ChildProcess = spawn(process.execPath, [CLI, 'watch', ...(json ? ['--json'] : []), '--containerd', c.root], {
      env: { ...process.env, LANG: lang, DOCKER_HOST: 'unix:///nonexistent/docker.sock' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const out = { text: '', err: '' };
    child.stdout!.on('data', (b: Buffer) => (out.text += b.toString('utf8')));
    child.stderr!.on('data', (b: Buffer) => (out.err += b.toString('utf8')));
    const exit = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
    const lines = () => out.text.split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l) as Line);
    return { child, out, exit, lines };
  };

  it('reports snapshots made and removed, each named by containerd, an unpacked layer as its image\'s', async () => {
    const w = follow('en_US.UTF-8', true);
    try {
      await waitUntil('watch to start', () => w.out.text.includes('"type":"start"'), 30_000, () => w.out.err);
      const start = w.lines()[0];
      expect(start.type).toBe('start');
      expect(start.snapshots).toBe(`containerd at ${c.root}: following its snapshots (snapshots/<n>) in the snapshot directory and metadata.db, read-only, without a Docker engine.`);
      expect(start.state).toMatchObject({ storeKind: 'containerd-snapshotter', snapshots: true, endpoint: c.root });
      const changes = () => w.lines().filter((l) => l.type === 'change');

      // A snapshot prepared by hand: a new snapshots/<n>, active.
      const before = new Set(snapshotDirs());
      c.ctr('snapshots', 'prepare', 'ovl-k1');
      const made = snapshotDirs().filter((d) => !before.has(d));
      expect(made).toHaveLength(1);
      const k1 = `snapshots/${made[0]}`;
      await waitUntil('the prepared snapshot reported', () => changes().some((l) => l.change === 'added' && l.dir === k1), 10_000, () => w.out.text);
      const added = changes().find((l) => l.dir === k1)!;
      expect(added.cause).toMatchObject({ kind: 'snapshot', action: 'active', name: 'ovl-k1' });
      expect(added.because).toBe('containerd snapshot ovl-k1 (active: writable)');

      // An image imported and unpacked: its layer is told once committed, as the image's layer.
      const archive = path.join(c.dir, 'busybox.tar');
      const saved = spawnSync('docker', ['save', '-o', archive, 'overlay-lab/busybox:1'], { encoding: 'utf8' });
      expect(saved.status, saved.stderr).toBe(0);
      const beforeImport = new Set(snapshotDirs());
      c.ctr('images', 'import', archive);
      const layerDirs = snapshotDirs().filter((d) => !beforeImport.has(d));
      expect(layerDirs).toHaveLength(1);
      const layer = `snapshots/${layerDirs[0]}`;
      await waitUntil('the unpacked layer reported', () => changes().some((l) => l.change === 'added' && l.dir === layer), 10_000, () => w.out.text);
      const l1 = changes().filter((l) => l.dir === layer);
      expect(l1).toHaveLength(1);
      expect(l1[0].cause).toMatchObject({ kind: 'snapshot', action: 'committed' });
      expect(l1[0].cause!.name).toMatch(/^sha256:[0-9a-f]{64}$/);
      expect(l1[0].role?.kind).toBe('image-layer');
      expect(l1[0].role?.usedBy?.map((u) => u.image)).toEqual(['docker.io/overlay-lab/busybox:1']);

      // Both go: the hand-made one by rm, the layer when the image goes and containerd collects it.
      c.ctr('snapshots', 'rm', 'ovl-k1');
      await waitUntil('the removed snapshot reported', () => changes().some((l) => l.change === 'removed' && l.dir === k1), 10_000, () => w.out.text);
      c.ctr('images', 'rm', '--sync', 'docker.io/overlay-lab/busybox:1');
      expect(snapshotDirs()).not.toContain(layerDirs[0]);
      await waitUntil('the collected layer reported', () => changes().some((l) => l.change === 'removed' && l.dir === layer), 10_000, () => w.out.text);
      const gone = changes().find((l) => l.change === 'removed' && l.dir === layer)!;
      expect(gone.role?.kind).toBe('image-layer'); // named by what it was
    } finally {
      w.child.kill('SIGINT');
      expect(await w.exit).toBe(130);
    }
  }, 90_000);

  it('says so on its first line in Portuguese too; a missing root is one clear line', async () => {
    const w = follow('pt_BR.UTF-8', false);
    try {
      await waitUntil('watch to start', () => w.out.text.split('\n').length >= 3, 30_000, () => w.out.err);
      expect(w.out.text.split('\n')[0]).toBe(`containerd em ${c.root}: acompanhando seus snapshots (snapshots/<n>) no diretório de snapshots e no metadata.db, só leitura, sem Docker engine.`);
      expect(w.out.text.split('\n')[1]).toMatch(/^Observando desde /);
      c.ctr('snapshots', 'prepare', 'ovl-k2');
      await waitUntil('the line of the new snapshot', () => /^\+ snapshots\/\d+ .*<- snapshot ovl-k2 do containerd \(ativo \(active\): gravável\)$/m.test(w.out.text), 10_000, () => w.out.text);
      c.ctr('snapshots', 'rm', 'ovl-k2');
      await waitUntil('the line of its removal', () => /^- snapshots\/\d+ .*<- snapshot ovl-k2 do containerd/m.test(w.out.text), 10_000, () => w.out.text);
    } finally {
      w.child.kill('SIGINT');
      expect(await w.exit).toBe(130);
    }
    for (const [lang, text] of [['en_US.UTF-8', 'no containerd root at /nonexistent/containerd.'], ['pt_BR.UTF-8', 'não há raiz do containerd em /nonexistent/containerd.']]) {
      const r = spawnSync(process.execPath, [CLI, 'watch', '--containerd', '/nonexistent/containerd'], { encoding: 'utf8', env: { ...process.env, LANG: lang } });
      expect(r.status).toBe(66);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stderr).toContain(text);
    }
    const both = spawnSync(process.execPath, [CLI, 'watch', '--containerd', c.root, '--host', 'unix:///var/run/docker.sock'], { encoding: 'utf8' });
    expect(both.status).toBe(64);
  }, 60_000);
});
