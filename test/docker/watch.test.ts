// `overlay-lab watch --json` as a process against the live engine: a build, a run and a rm
// while it watches; every new directory is reported with its owner and the event that made it
// (checked against docker inspect), and so is its removal; Ctrl-C leaves nothing behind.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { need } from '../support/env';
import { buildFrom, dirsOf, CLI, cliMissing, docker, dockerMissing, ensureFixtures, leftoverHelpers, TEST_LABEL } from '../support/docker';
import { waitUntil } from '../support/wait';

const skip = need(dockerMissing() ?? cliMissing());
const stamp = `${process.pid}-${Date.now()}`;
// Not under overlay-lab/: `overlay-lab cleanup` run by another test must not take it away.
const IMAGE = `ovl-watch-test:${stamp}`;
const NAME = `ovl-test-watch-${stamp}`;

interface Line {
  type: string;
  change?: 'added' | 'removed';
  dir?: string;
  role?: { kind: string; container?: string; containerId?: string; usedBy?: { imageId: string; position: number; of: number }[] };
  cause?: { kind: string; actor?: string; name?: string };
  latencyMs?: number;
  owner?: string;
  because?: string;
}


describe.skipIf(skip)('overlay-lab watch --json', () => {
  let child: ChildProcess;
  const lines: Line[] = [];
  let stderr = '';
  let exit: Promise<number | null>;

  beforeAll(async () => {
    ensureFixtures();
    child = spawn(process.execPath, [CLI, 'watch', '--json'], { env: { ...process.env, LANG: 'en_US.UTF-8' }, stdio: ['ignore', 'pipe', 'pipe'] });
    let rest = '';
    child.stdout!.on('data', (c: Buffer) => {
      const parts = (rest + c.toString('utf8')).split('\n');
      rest = parts.pop() ?? '';
      for (const p of parts) if (p.trim()) lines.push(JSON.parse(p) as Line);
    });
    child.stderr!.on('data', (c: Buffer) => (stderr += c.toString('utf8')));
    exit = new Promise((r) => child.on('exit', (code) => r(code)));
    await waitUntil('watch to say it started', () => lines.some((l) => l.type === 'start'), 30_000, () => stderr);
  }, 60_000);

  afterAll(() => {
    if (child.exitCode === null) child.kill('SIGKILL');
    spawnSync('docker', ['rm', '-f', NAME], { encoding: 'utf8' });
    spawnSync('docker', ['rmi', IMAGE], { encoding: 'utf8' });
  });

  const changes = (change: 'added' | 'removed', dir: string) => lines.filter((l) => l.type === 'change' && l.change === change && l.dir === dir);
  const seen = () => lines.filter((l) => l.type === 'change').map((l) => `${l.change} ${l.dir?.slice(0, 12)} ${l.owner} <- ${l.because}`).join('\n') + `\n${stderr}`;

  it('reports a build: each new layer directory with its image position and the build step', async () => {
    // Unique lines defeat the build cache: three RUN steps, three new layer directories.
    buildFrom(IMAGE, `FROM overlay-lab/busybox:1\nLABEL ${TEST_LABEL}\nRUN echo ${stamp} > /one\nRUN echo two > /two\nRUN rm /one && echo three > /three\n`);
    const dirs = dirsOf(IMAGE).reverse(); // bottom first: position = index + 1
    expect(dirs).toHaveLength(4);
    for (const [i, dir] of dirs.entries()) {
      if (i === 0) continue; // busybox's own layer was there before
      await waitUntil(`layer ${i + 1} (${dir.slice(0, 12)}) reported`, () => changes('added', dir).length > 0, 15_000, seen);
      const [l] = changes('added', dir);
      expect(l.role?.kind).toBe('image-layer');
      expect(l.role?.usedBy?.some((u) => u.position === i + 1 && u.of >= i + 1)).toBe(true);
      expect(l.cause?.kind).toBe('build-step');
      expect(l.because).toMatch(/^build step \(step container /);
      expect(l.latencyMs).toBeGreaterThanOrEqual(0);
    }
    expect(dirs.slice(1).every((d) => changes('added', d).length === 1)).toBe(true); // once each
  }, 120_000);

  it('reports a run and a rm: the writable and -init layers of that container, created, then removed', async () => {
    const id = docker('run', '-d', '--name', NAME, '--label', TEST_LABEL, '--network', 'none', IMAGE, 'sleep', '600');
    const [upper, init] = dirsOf(id);
    expect(init).toBe(`${upper}-init`);
    for (const [dir, kind] of [[upper, 'container-layer'], [init, 'init-layer']] as const) {
      await waitUntil(`${kind} ${dir.slice(0, 12)} reported`, () => changes('added', dir).length > 0, 15_000, seen);
      const [l] = changes('added', dir);
      expect(l.role).toMatchObject({ kind, container: NAME, containerId: id });
      expect(l.cause).toMatchObject({ kind: 'create', actor: id, name: NAME });
      expect(l.latencyMs).toBeLessThan(1000);
    }
    // The running container's union appears among the mounts, its -init layer uppermost.
    await waitUntil('the mount of the running container', () => lines.some((l) => l.type === 'state' && JSON.stringify(l).includes(`"upperdir":"${upper}"`)), 15_000, seen);
    docker('rm', '-f', id);
    for (const dir of [upper, init]) {
      await waitUntil(`removal of ${dir.slice(0, 12)} reported`, () => changes('removed', dir).length > 0, 15_000, seen);
      const [l] = changes('removed', dir);
      expect(l.role).toMatchObject({ container: NAME, containerId: id });
      expect(l.cause).toMatchObject({ kind: 'rm', actor: id });
      expect(l.latencyMs).toBeLessThan(1000);
    }
  }, 120_000);

  it('reports an rmi: the image layers go, put down to the image delete', async () => {
    const dirs = dirsOf(IMAGE).slice(0, 3); // the three layers the build made
    docker('rmi', IMAGE);
    for (const dir of dirs) {
      await waitUntil(`removal of ${dir.slice(0, 12)} reported`, () => changes('removed', dir).length > 0, 15_000, seen);
      const [l] = changes('removed', dir);
      expect(l.role?.kind).toBe('image-layer');
      expect(l.cause?.kind).toBe('rmi');
    }
  }, 60_000);

  it('quits on Ctrl-C with the interrupt status, leaving no helper container', async () => {
    child.kill('SIGINT');
    expect(await exit).toBe(130);
    expect(leftoverHelpers()).toEqual([]);
  }, 30_000);
});

describe.skipIf(skip)('overlay-lab watch with no engine', () => {
  it('says what to do, in each language, and exits 69', () => {
    for (const [lang, text] of [['en_US.UTF-8', /no Docker engine at .*Start it/], ['pt_BR.UTF-8', /nenhum Docker engine em .*Inicie-o/]] as const) {
      const r = spawnSync(process.execPath, [CLI, 'watch', '--json'], { encoding: 'utf8', env: { ...process.env, LANG: lang, DOCKER_HOST: 'unix:///nonexistent/docker.sock' }, timeout: 30_000 });
      expect(r.status).toBe(69);
      expect(r.stderr).toMatch(text);
    }
  }, 60_000);
});
