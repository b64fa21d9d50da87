// ssh:// engines: an sshd of the test's own on 127.0.0.1 (keys made here), reached the docker
// CLI's way (ssh in, `docker system dial-stdio` there) with the key in an ssh agent; the store is
// read through the helper container, which is removed after. A login that fails is one clear
// line in both languages, nothing on stdout, and no helper left behind.
import { spawn, spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { need } from '../support/env';
import { CLI, cliMissing, docker, dockerMissing, ensureFixtures, leftoverHelpers, runContainer } from '../support/docker';
import { waitUntil } from '../support/wait';
import { ownSshdMissing, startSshd, type OwnSshd } from '../support/own-sshd';

const skip = need(dockerMissing() ?? cliMissing() ?? ownSshdMissing());

describe.skipIf(skip)('--host ssh://root@127.0.0.1 through an sshd of the test\'s own', () => {
  let s: OwnSshd;
  beforeAll(async () => {
    ensureFixtures();
    s = await startSshd();
  }, 60_000);
  afterAll(async () => {
    await s?.stop();
  }, 30_000);

  const cli = (args: string[], env: Record<string, string | undefined>) =>
    spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', timeout: 120_000, env: { ...process.env, DOCKER_HOST: undefined, DOCKER_CONTEXT: undefined, LANG: 'en_US.UTF-8', ...env } as NodeJS.ProcessEnv });

  it('layers and image over ssh: the engine behind it, read through the helper, nothing left', () => {
    const before = leftoverHelpers();
    const r = cli(['layers', '--json', '--live', '--host', s.url], { SSH_AUTH_SOCK: s.agent });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).toBe(''); // no Node warning about docker-modem's ssh: URLs either
    const model = JSON.parse(r.stdout);
    expect(model.engine.endpoint).toBe(s.url);
    expect(model.access).toBe('helper');
    // The same engine as the local socket: the same root and the same image.
    const local = spawnSync('docker', ['info', '--format', '{{.DockerRootDir}}'], { encoding: 'utf8', env: { ...process.env, DOCKER_HOST: undefined } });
    expect(model.engine.rootDir).toBe(local.stdout.trim());
    const img = cli(['image', 'overlay-lab/busybox:1', '--json', '--live', '--host', s.url], { SSH_AUTH_SOCK: s.agent });
    expect(img.status, img.stderr).toBe(0);
    const id = spawnSync('docker', ['image', 'inspect', 'overlay-lab/busybox:1', '--format', '{{.Id}}'], { encoding: 'utf8' }).stdout.trim();
    expect(JSON.stringify(JSON.parse(img.stdout))).toContain(id);
    expect(leftoverHelpers().filter((h) => !before.includes(h))).toEqual([]);
  }, 180_000);

  it('watch over ssh: the event stream comes through dial-stdio; a run and its rm are reported', async () => {
    const name = `ovl-ssh-watch-${process.pid}`;
    const child = spawn(process.execPath, [CLI, 'watch', '--json', '--host', s.url], { env: { ...process.env, DOCKER_HOST: undefined, SSH_AUTH_SOCK: s.agent } as NodeJS.ProcessEnv, stdio: ['ignore', 'pipe', 'pipe'] });
    const lines: { type: string; change?: string; dir?: string; cause?: { kind: string }; state?: { endpoint: string } }[] = [];
    let rest = '';
    let err = '';
    child.stdout!.on('data', (c: Buffer) => {
      const parts = (rest + c.toString('utf8')).split('\n');
      rest = parts.pop() ?? '';
      for (const p of parts) if (p.trim()) lines.push(JSON.parse(p));
    });
    child.stderr!.on('data', (c: Buffer) => (err += c.toString('utf8')));
    const exit = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
    try {
      await waitUntil('watch to start over ssh', () => lines.some((l) => l.type === 'start'), 60_000, () => err);
      expect(lines.find((l) => l.type === 'start')!.state!.endpoint).toBe(s.url);
      const id = runContainer(name, 'overlay-lab/busybox:1', 'sleep 600');
      const upper = path.basename(path.dirname(docker('inspect', id, '--format', '{{.GraphDriver.Data.UpperDir}}')));
      await waitUntil('the new container layer reported', () => lines.some((l) => l.type === 'change' && l.dir === upper && l.cause?.kind === 'create'), 30_000, () => JSON.stringify(lines.slice(-4)) + err);
      docker('rm', '-f', id);
      await waitUntil('its removal reported', () => lines.some((l) => l.type === 'change' && l.change === 'removed' && l.dir === upper && l.cause?.kind === 'rm'), 30_000, () => JSON.stringify(lines.slice(-4)) + err);
      expect(err).toBe('');
    } finally {
      child.kill('SIGINT');
      expect(await exit).toBe(130);
      spawnSync('docker', ['rm', '-f', name], { stdio: 'ignore' });
    }
  }, 120_000);

  it('with no agent, the key in ~/.ssh/id_ed25519 as ssh itself would; one with a passphrase is one clear line', () => {
    const home = mkdtempSync(path.join(tmpdir(), 'ovl-ssh-home-'));
    try {
      mkdirSync(path.join(home, '.ssh'), { mode: 0o700 });
      copyFileSync(path.join(s.dir, 'client_key'), path.join(home, '.ssh', 'id_ed25519'));
      const r = cli(['layers', '--json', '--live', '--host', s.url], { SSH_AUTH_SOCK: undefined, HOME: home });
      expect(r.status, r.stderr).toBe(0);
      expect(JSON.parse(r.stdout).engine.endpoint).toBe(s.url);
      rmSync(path.join(home, '.ssh', 'id_ed25519'));
      expect(spawnSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', 'a passphrase', '-f', path.join(home, '.ssh', 'id_ed25519')]).status).toBe(0);
      const locked = cli(['layers', '--live', '--host', s.url], { SSH_AUTH_SOCK: undefined, HOME: home });
      expect(locked.status).toBe(69);
      expect(locked.stderr.trim().split('\n'), locked.stderr).toHaveLength(1);
      expect(locked.stderr).toContain(`could not reach the Docker engine over ssh at ${s.url}:`);
    } finally {
      rmSync(home, { recursive: true, force: true });
    }
  }, 60_000);

  it('a login that fails (no key in the agent): one line, exit 69, both languages, nothing left', () => {
    const before = leftoverHelpers();
    for (const [lang, text] of [
      ['en_US.UTF-8', `could not reach the Docker engine over ssh at ${s.url}: All configured authentication methods failed.`],
      ['pt_BR.UTF-8', `não foi possível chegar ao Docker engine por ssh em ${s.url}: All configured authentication methods failed.`],
    ]) {
      const r = cli(['layers', '--live', '--host', s.url], { SSH_AUTH_SOCK: s.emptyAgent, LANG: lang });
      expect(r.status).toBe(69);
      expect(r.stdout).toBe('');
      expect(r.stderr.trim().split('\n'), r.stderr).toHaveLength(1);
      expect(r.stderr).toContain(text);
    }
    // Nobody listening on that port: one line too (ssh2 reports the refusal either as the
    // socket's ECONNREFUSED or as its own "connection lost before handshake").
    const closed = cli(['layers', '--live', '--host', 'ssh://root@127.0.0.1:1'], { SSH_AUTH_SOCK: s.agent });
    expect(closed.status).toBe(69);
    expect(closed.stderr.trim().split('\n'), closed.stderr).toHaveLength(1);
    expect(closed.stderr).toMatch(/no Docker engine at ssh:\/\/root@127\.0\.0\.1:1 \(ECONNREFUSED\)|could not reach the Docker engine over ssh at ssh:\/\/root@127\.0\.0\.1:1: /);
    expect(leftoverHelpers().filter((h) => !before.includes(h))).toEqual([]);
  }, 60_000);
});
