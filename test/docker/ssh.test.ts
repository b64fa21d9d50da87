// ssh:// engines: an sshd of the test's own on 127.0.0.1 (keys made here), reached the docker
// CLI's way (ssh in, `docker system dial-stdio` there) with the key in an ssh agent; the store is
// read through the helper container, which is removed after. A login that fails is one clear
// line in both languages, nothing on stdout, and no helper left behind.
import { spawn, spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
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

  // HOME: the sshd's host key is in its ~/.ssh/known_hosts, as after a first `ssh` login.
  const cli = (args: string[], env: Record<string, string | undefined>) =>
    spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', timeout: 120_000, env: { ...process.env, DOCKER_HOST: undefined, DOCKER_CONTEXT: undefined, LANG: 'en_US.UTF-8', HOME: s.home, ...env } as NodeJS.ProcessEnv });

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
    const child = spawn(process.execPath, [CLI, 'watch', '--json', '--host', s.url], { env: { ...process.env, DOCKER_HOST: undefined, SSH_AUTH_SOCK: s.agent, HOME: s.home } as NodeJS.ProcessEnv, stdio: ['ignore', 'pipe', 'pipe'] });
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
      copyFileSync(path.join(s.home, '.ssh', 'known_hosts'), path.join(home, '.ssh', 'known_hosts'));
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

  it('ssh://ALIAS means what it means to ssh: ~/.ssh/config\'s HostName, Port, User, IdentityFile; StrictHostKeyChecking accept-new lets an unknown host in', () => {
    const home = mkdtempSync(path.join(tmpdir(), 'ovl-ssh-home-'));
    try {
      mkdirSync(path.join(home, '.ssh'), { mode: 0o700 });
      // Not a default key name: only the config's IdentityFile finds it (and no agent).
      copyFileSync(path.join(s.dir, 'client_key'), path.join(home, '.ssh', 'lab_key'));
      const config = (extra: string) =>
        writeFileSync(path.join(home, '.ssh', 'config'), `Host lab-alias\n  HostName 127.0.0.1\n  Port ${s.port}\n  User root\n  IdentityFile ~/.ssh/lab_key\n${extra}`);
      config('');
      copyFileSync(path.join(s.home, '.ssh', 'known_hosts'), path.join(home, '.ssh', 'known_hosts'));
      const r = cli(['layers', '--json', '--live', '--host', 'ssh://lab-alias'], { SSH_AUTH_SOCK: undefined, HOME: home });
      expect(r.status, r.stderr).toBe(0);
      expect(JSON.parse(r.stdout).engine.endpoint).toBe('ssh://lab-alias');
      // The host key is looked up under the real name and port, and the advice names them.
      rmSync(path.join(home, '.ssh', 'known_hosts'));
      const unknown = cli(['layers', '--live', '--host', 'ssh://lab-alias'], { SSH_AUTH_SOCK: undefined, HOME: home });
      expect(unknown.status).toBe(69);
      expect(unknown.stderr).toContain(`ssh -p ${s.port} USER@127.0.0.1 true`);
      config('  StrictHostKeyChecking accept-new\n');
      const accepted = cli(['layers', '--json', '--live', '--host', 'ssh://lab-alias'], { SSH_AUTH_SOCK: undefined, HOME: home });
      expect(accepted.status, accepted.stderr).toBe(0);
      expect(leftoverHelpers()).toEqual([]);
    } finally {
      rmSync(home, { recursive: true, force: true });
    }
  }, 120_000);

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

  it('a host key that known_hosts does not vouch for is refused as ssh refuses it: unknown, changed, revoked; one line each, both languages', () => {
    const home = mkdtempSync(path.join(tmpdir(), 'ovl-ssh-home-'));
    const before = leftoverHelpers();
    try {
      mkdirSync(path.join(home, '.ssh'), { mode: 0o700 });
      const file = path.join(home, '.ssh', 'known_hosts');
      const run = (lang: string) => cli(['layers', '--live', '--host', s.url], { SSH_AUTH_SOCK: s.agent, HOME: home, LANG: lang });
      // No known_hosts: a server ssh does not know.
      for (const [lang, text] of [
        ['en_US.UTF-8', `the host key of ${s.url} is not in ${file}`],
        ['pt_BR.UTF-8', `a chave de host de ${s.url} não está em ${file}`],
      ]) {
        const r = run(lang);
        expect(r.status, r.stderr).toBe(69);
        expect(r.stdout).toBe('');
        expect(r.stderr).toContain(text);
        expect(r.stderr).toContain(`ssh-keyscan -p ${s.port} 127.0.0.1`);
      }
      // Another key of the same type on record for this host and port: changed (the line is named).
      const other = path.join(home, 'other');
      expect(spawnSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', other]).status).toBe(0);
      const [type, key] = readFileSync(`${other}.pub`, 'utf8').split(/\s+/);
      writeFileSync(file, `# kept by ssh\n127.0.0.1 ${type} ${key}\n[127.0.0.1]:${s.port} ${type} ${key}\n`);
      const changed = run('en_US.UTF-8');
      expect(changed.status).toBe(69);
      expect(changed.stderr).toContain(`the host key of ${s.url} does not match line 3 of ${file}`);
      expect(changed.stderr).toContain(`ssh-keygen -R '[127.0.0.1]:${s.port}'`);
      // The right key, hashed as HashKnownHosts writes it (ssh-keygen -H), is known: the command works.
      writeFileSync(file, `${s.knownHostsLine}\n`);
      expect(spawnSync('ssh-keygen', ['-H', '-f', file], { stdio: 'ignore' }).status).toBe(0);
      expect(readFileSync(file, 'utf8')).toMatch(/^\|1\|/);
      const hashed = run('en_US.UTF-8');
      expect(hashed.status, hashed.stderr).toBe(0);
      // The same key, revoked: refused although it is listed.
      writeFileSync(file, `${s.knownHostsLine}\n@revoked * ${s.knownHostsLine.split(' ').slice(1).join(' ')}\n`);
      const revoked = run('pt_BR.UTF-8');
      expect(revoked.status).toBe(69);
      expect(revoked.stderr).toContain(`a chave de host de ${s.url} foi revogada (linha 2 de ${file})`);
      for (const r of [changed, revoked]) expect(r.stderr.trim().split('\n'), r.stderr).toHaveLength(1); // what was wrong and what to do, one line
    } finally {
      rmSync(home, { recursive: true, force: true });
    }
    expect(leftoverHelpers().filter((h) => !before.includes(h))).toEqual([]);
  }, 90_000);
});
