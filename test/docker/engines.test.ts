// Many engines: a second dockerd on this machine, on TCP with TLS (certificates made by the
// test), reached with --host (and DOCKER_TLS_VERIFY/DOCKER_CERT_PATH) and with --context read
// from the docker CLI's own context store; its store read through the helper container; watch
// follows it, says when it is lost and when it is back. The main engine is never touched.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { need } from '../support/env';
import { CLI, cliMissing, dockerMissing, ensureFixtures } from '../support/docker';
import { secondDockerdMissing, secondEngine, type SecondEngine } from '../support/second-dockerd';
import { waitUntil } from '../support/wait';

const skip = need(dockerMissing() ?? cliMissing() ?? secondDockerdMissing());

describe.skipIf(skip)('a second engine over TCP with TLS', () => {
  let e2: SecondEngine;
  let config: string;
  let env: Record<string, string | undefined>;

  beforeAll(async () => {
    ensureFixtures();
    e2 = await secondEngine();
    await e2.start();
    // The base image, carried over by save/load: no registry is reachable here.
    const r = spawnSync('bash', ['-c', `docker save overlay-lab/busybox:1 | docker -H unix://${e2.socket} load -q`], { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(r.stderr);
    config = mkdtempSync(path.join(tmpdir(), 'ovl-docker-config-'));
    env = { ...process.env, LANG: 'en_US.UTF-8', DOCKER_CONFIG: config, DOCKER_HOST: undefined, DOCKER_CONTEXT: undefined, DOCKER_TLS_VERIFY: undefined, DOCKER_CERT_PATH: undefined };
    // A context made by the docker CLI itself, so the test reads the store the CLI writes.
    const c = spawnSync('docker', ['context', 'create', 'ovl-lab2', '--docker', `host=${e2.url},ca=${e2.certs}/ca.pem,cert=${e2.certs}/cert.pem,key=${e2.certs}/key.pem`], { encoding: 'utf8', env: env as NodeJS.ProcessEnv });
    if (c.status !== 0) throw new Error(c.stderr);
  }, 180_000);

  afterAll(async () => {
    await e2?.stop();
    if (config) rmSync(config, { recursive: true, force: true });
  }, 120_000);

  const cli = (args: string[], extra: Record<string, string | undefined> = {}) => spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', env: { ...env, ...extra } as NodeJS.ProcessEnv, timeout: 120_000 });
  const busyboxDir = () => path.basename(path.dirname(e2.docker('image', 'inspect', 'overlay-lab/busybox:1', '--format', '{{.GraphDriver.Data.UpperDir}}')));

  it('layers --host tcp:// with TLS reads its store through the helper container', () => {
    const r = cli(['layers', '--json', '--live', '--access', 'helper', '--host', e2.url], { DOCKER_TLS_VERIFY: '1', DOCKER_CERT_PATH: e2.certs });
    expect(r.status, r.stderr).toBe(0);
    const model = JSON.parse(r.stdout);
    expect(model.engine.endpoint).toBe(e2.url);
    expect(model.engine.rootDir).toBe(path.join(e2.dir, 'root'));
    expect(model.access).toBe('helper');
    const dir = model.dirs.find((d: { id: string }) => d.id === busyboxDir());
    expect(dir?.role.kind).toBe('image-layer');
    // The helper ran on the second engine and was removed there.
    expect(e2.docker('ps', '-aq', '--filter', 'label=io.overlay-lab.helper=1')).toBe('');
  }, 120_000);

  it('without the client certificate the engine refuses, said in one line', () => {
    const r = cli(['layers', '--json', '--live', '--host', e2.url]);
    expect(r.status).not.toBe(0);
    expect(r.stderr.trim().split('\n'), r.stderr).toHaveLength(1);
    expect(r.stderr).toMatch(/refused|no Docker engine/);
  }, 60_000);

  it('--context NAME reads the endpoint and TLS material from the CLI context store; image and container too', () => {
    const r = cli(['layers', '--json', '--live', '--context', 'ovl-lab2']);
    expect(r.status, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout).engine.endpoint).toBe(e2.url);
    const img = cli(['image', 'overlay-lab/busybox:1', '--json', '--live', '--context', 'ovl-lab2']);
    expect(img.status, img.stderr).toBe(0);
    expect(JSON.stringify(JSON.parse(img.stdout))).toContain(busyboxDir());
    const bad = cli(['layers', '--live', '--context', 'no-such-context']);
    expect(bad.status).toBe(78);
    expect(bad.stderr).toMatch(/no Docker context named no-such-context/);
    const pt = cli(['layers', '--live', '--context', 'no-such-context'], { LANG: 'pt_BR.UTF-8' });
    expect(pt.stderr).toMatch(/não há contexto Docker chamado no-such-context/);
  }, 120_000);

  it("with no flag nor variable, the CLI config's currentContext names the engine (docker context use); a bad config is one clear line", () => {
    // A copy of the context store, so the other tests' config keeps no current context.
    const cfg = mkdtempSync(path.join(tmpdir(), 'ovl-docker-current-'));
    try {
      cpSync(config, cfg, { recursive: true });
      const ctxEnv = { ...env, DOCKER_CONFIG: cfg } as NodeJS.ProcessEnv;
      const docker = (...a: string[]) => spawnSync('docker', a, { encoding: 'utf8', env: ctxEnv });
      expect(docker('context', 'create', 'ovl-lab2-unix', '--docker', `host=unix://${e2.socket}`).status).toBe(0);
      const layers = () => cli(['layers', '--json', '--live'], { DOCKER_CONFIG: cfg });
      for (const [name, endpoint] of [['ovl-lab2', e2.url], ['ovl-lab2-unix', `unix://${e2.socket}`]]) {
        const use = docker('context', 'use', name);
        expect(use.status, use.stderr).toBe(0);
        expect(JSON.parse(readFileSync(path.join(cfg, 'config.json'), 'utf8')).currentContext).toBe(name);
        const r = layers();
        expect(r.status, r.stderr).toBe(0);
        const model = JSON.parse(r.stdout);
        expect(model.engine.endpoint).toBe(endpoint);
        expect(model.engine.rootDir).toBe(path.join(e2.dir, 'root'));
      }
      // DOCKER_HOST still wins over the config file, as with the docker CLI.
      const main = cli(['layers', '--json', '--live'], { DOCKER_CONFIG: cfg, DOCKER_HOST: 'unix:///var/run/docker.sock' });
      expect(JSON.parse(main.stdout).engine.endpoint).toBe('unix:///var/run/docker.sock');
      expect(docker('context', 'use', 'default').status).toBe(0);
      const def = layers();
      expect(def.status, def.stderr).toBe(0);
      expect(JSON.parse(def.stdout).engine.endpoint).toBe('unix:///var/run/docker.sock');
      // Not JSON: exit 78, one line naming the file, in both languages; nothing on stdout.
      const file = path.join(cfg, 'config.json');
      writeFileSync(file, '{"currentContext": "ovl-lab2",');
      const bad = layers();
      expect(bad.status).toBe(78);
      expect(bad.stdout).toBe('');
      expect(bad.stderr.trim().split('\n'), bad.stderr).toHaveLength(1);
      expect(bad.stderr).toContain(`the Docker CLI config ${file} cannot be read`);
      const pt = cli(['layers', '--live'], { DOCKER_CONFIG: cfg, LANG: 'pt_BR.UTF-8' });
      expect(pt.status).toBe(78);
      expect(pt.stderr).toContain(`não foi possível ler a configuração do Docker CLI ${file}`);
      // A current context that does not exist: the context error, not a crash.
      writeFileSync(file, JSON.stringify({ currentContext: 'gone' }));
      const gone = layers();
      expect(gone.status).toBe(78);
      expect(gone.stderr).toMatch(/no Docker context named gone/);
    } finally {
      rmSync(cfg, { recursive: true, force: true });
    }
  }, 120_000);

  it('container, snapshot and diff --host report the second engine\'s objects; a wrong host is one clear line', () => {
    const tls = { DOCKER_TLS_VERIFY: '1', DOCKER_CERT_PATH: e2.certs };
    const dir = mkdtempSync(path.join(tmpdir(), 'ovl-snap2-'));
    const name = `ovl-e2-${process.pid}`;
    try {
      const before = path.join(dir, 'before.json');
      const snap = cli(['snapshot', '-o', before, '--access', 'helper', '--host', e2.url], tls);
      expect(snap.status, snap.stderr).toBe(0);
      expect(JSON.parse(readFileSync(before, 'utf8')).storePath).toBe(path.join(e2.dir, 'root', 'overlay2'));
      const id = e2.docker('run', '-d', '--name', name, '--label', 'io.overlay-lab=1', '--network', 'none', 'overlay-lab/busybox:1', 'sleep', '600');
      const upper = path.basename(path.dirname(e2.docker('inspect', id, '--format', '{{.GraphDriver.Data.UpperDir}}')));
      const c = cli(['container', name, '--json', '--live', '--access', 'helper', '--host', e2.url], tls);
      expect(c.status, c.stderr).toBe(0);
      const cj = JSON.stringify(JSON.parse(c.stdout));
      expect(cj).toContain(id);
      expect(cj).toContain(upper);
      // The main engine has no such container: without --host the same command says so.
      const here = cli(['container', name, '--json', '--live']);
      expect(here.status).not.toBe(0);
      const d = cli(['diff', before, '--json', '--access', 'helper', '--host', e2.url], tls);
      expect(d.status, d.stderr).toBe(0);
      const dj = JSON.parse(d.stdout);
      expect(dj.containersAdded.map((x: { name: string }) => x.name)).toEqual([name]);
      expect(dj.addedByRole['container-layer']).toBe(1);
      expect(dj.addedByRole['init-layer']).toBe(1);
      expect(JSON.stringify(dj.added)).toContain(upper);
      // A host where nothing listens: one line, exit 69, for each command, both languages.
      const wrong = 'tcp://127.0.0.1:1';
      for (const args of [['container', name, '--live'], ['snapshot'], ['diff', before]]) {
        const r = cli([...args, '--host', wrong]);
        expect(r.status, `${args[0]}: ${r.stderr}`).toBe(69);
        expect(r.stderr.trim().split('\n'), r.stderr).toHaveLength(1);
        expect(r.stderr).toContain('no Docker engine at tcp://127.0.0.1:1 (ECONNREFUSED)');
      }
      const pt = cli(['snapshot', '--host', wrong], { LANG: 'pt_BR.UTF-8' });
      expect(pt.stderr).toContain('nenhum Docker engine em tcp://127.0.0.1:1');
    } finally {
      spawnSync('docker', ['-H', `unix://${e2.socket}`, 'rm', '-f', name], { stdio: 'ignore' });
      rmSync(dir, { recursive: true, force: true });
    }
  }, 180_000);

  it('watch --context follows it: a run is reported; a restart is said (lost, then back)', async () => {
    const child: ChildProcess = spawn(process.execPath, [CLI, 'watch', '--json', '--context', 'ovl-lab2'], { env: env as NodeJS.ProcessEnv, stdio: ['ignore', 'pipe', 'pipe'] });
    const lines: { type: string; change?: string; dir?: string; cause?: { kind: string } }[] = [];
    let err = '';
    let rest = '';
    child.stdout!.on('data', (c: Buffer) => {
      const parts = (rest + c.toString('utf8')).split('\n');
      rest = parts.pop() ?? '';
      for (const p of parts) if (p.trim()) lines.push(JSON.parse(p));
    });
    child.stderr!.on('data', (c: Buffer) => (err += c.toString('utf8')));
    const exit = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
    try {
      await waitUntil('watch to start', () => lines.some((l) => l.type === 'start'), 60_000, () => err);
      const id = e2.docker('run', '-d', '--network', 'none', 'overlay-lab/busybox:1', 'sleep', '600');
      const upper = path.basename(path.dirname(e2.docker('inspect', id, '--format', '{{.GraphDriver.Data.UpperDir}}')));
      // It lives on the second engine only: the main one does not know it.
      expect(spawnSync('docker', ['inspect', id], { stdio: 'ignore', env: { ...process.env, DOCKER_HOST: undefined } as NodeJS.ProcessEnv }).status).not.toBe(0);
      await waitUntil('the container layer reported', () => lines.some((l) => l.type === 'change' && l.dir === upper && l.cause?.kind === 'create'), 30_000, () => JSON.stringify(lines.slice(-5)) + err);
      e2.docker('rm', '-f', id);
      await e2.halt();
      await waitUntil('watch to say the engine was lost', () => lines.some((l) => l.type === 'lost'), 30_000, () => err);
      await e2.start();
      await waitUntil('watch to say the engine is back', () => lines.some((l) => l.type === 'reconnected'), 60_000, () => err);
      // What happened while it was away (the rm) is reported after the reconnection.
      await waitUntil('the removal reported', () => lines.some((l) => l.type === 'change' && l.change === 'removed' && l.dir === upper), 30_000, () => JSON.stringify(lines.slice(-5)));
    } finally {
      child.kill('SIGINT');
      expect(await exit).toBe(130);
    }
  }, 240_000);
});
