// The CLI commands against the live engine, and each error as one clear line with its exit
// status: no engine, permission denied on the socket, a remote engine, a store that is not
// overlay2 (a second, real dockerd running the vfs driver).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import * as net from 'node:net';
import { networkInterfaces, tmpdir } from 'node:os';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { need } from '../support/env';
import { CLI, cleanup, cliMissing, docker, dockerMissing, ensureFixtures, leftoverHelpers, runContainer, sh } from '../support/docker';
import { main } from '../../src/cli/main';
import { inspectHost } from '../../src/docker/inspect';

const skip = need(dockerMissing());
const ip = Object.values(networkInterfaces()).flat().find((i) => i && i.family === 'IPv4' && !i.internal)?.address;

/** Runs the CLI in this process and captures what it prints. */
async function cli(argv: string[], env: Record<string, string | undefined> = process.env) {
  let out = '';
  let err = '';
  const code = await main(argv, { env, out: (t) => (out += t), err: (t) => (err += t), isTTY: false });
  return { code, out, err };
}

describe.skipIf(skip)('overlay-lab layers, image, container, snapshot, diff', () => {
  beforeAll(() => {
    ensureFixtures();
    runContainer('ovl-test-cli', 'overlay-lab/layers:1', 'rm /etc/passwd; sleep 600');
  });
  afterAll(() => cleanup());

  it('layers --json is the model, every directory of the store in it', async () => {
    const r = await cli(['layers', '--json']);
    expect(r.code).toBe(0);
    const json = JSON.parse(r.out);
    const { model } = await inspectHost({ access: 'direct' });
    expect(json.dirs.map((d: { id: string }) => d.id).sort()).toEqual(model.dirs.map((d) => d.id).sort());
    expect(json.source).toBe('live');
  });

  it('layers names owners in English and in Portuguese', async () => {
    const en = await cli(['layers', '--lang', 'en']);
    expect(en.out).toContain('writable layer (upperdir) of container ovl-test-cli');
    expect(en.out).toContain('layer 1/5 of overlay-lab/layers:1');
    const pt = await cli(['layers', '--lang', 'pt-BR']);
    expect(pt.out).toContain('camada gravável (upperdir) do contêiner ovl-test-cli');
    expect(pt.out).toContain('camada 1/5 de overlay-lab/layers:1');
  });

  it('image shows the stack top to bottom, and --mermaid draws it', async () => {
    const r = await cli(['image', 'overlay-lab/layers:1']);
    expect(r.code).toBe(0);
    const top = JSON.parse(docker('image', 'inspect', 'overlay-lab/layers:1', '--format', '{{json .GraphDriver.Data}}')).UpperDir.split('/').slice(-2)[0];
    const rows = r.out.split('\n').filter((l) => /^\s+\d+\s/.test(l));
    expect(rows.length).toBe(5);
    expect(rows[0]).toMatch(new RegExp(`^\\s+5\\s+${top.slice(0, 12)}`));
    const m = await cli(['image', 'overlay-lab/layers:1', '--mermaid']);
    expect(m.out.startsWith('flowchart TB\n')).toBe(true);
    expect((m.out.match(/ --> /g) ?? []).length).toBe(4);
    const j = JSON.parse((await cli(['image', 'overlay-lab/layers:1', '--json'])).out);
    // Layer 4 deleted two files (whiteouts) and layer 5 replaced a directory (opaque).
    expect(j.layerChanges['4'].filter((c: { kind: string }) => c.kind === 'deleted').length).toBe(2);
    expect(j.layerChanges['5'].filter((c: { kind: string }) => c.kind === 'opaque').map((c: { path: string }) => c.path)).toEqual(['/app/data']);
  });

  it('container shows the mount, the page budget and the whiteout', async () => {
    const r = await cli(['container', 'ovl-test-cli', '--lang', 'en']);
    expect(r.code).toBe(0);
    expect(r.out).toContain("read from dockerd's mountinfo");
    expect(r.out).toMatch(/Options: \d+ of 4,095 bytes \(\d+\.\d% of the page\)/);
    const pt = await cli(['container', 'ovl-test-cli', '--lang', 'pt-BR']);
    expect(pt.out).toMatch(/Opções: \d+ de 4\.095 bytes \(\d+,\d % da página\)/);
    expect(r.out).toMatch(/deleted \(whiteout\)\s+\/etc\/passwd/);
  });

  it('snapshot -o then diff attributes a new container', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'ovl-snap-'));
    const file = path.join(dir, 'before.json');
    expect((await cli(['snapshot', '-o', file])).code).toBe(0);
    runContainer('ovl-test-cli2', 'overlay-lab/busybox:1', 'sleep 600');
    const r = await cli(['diff', file, '--json']);
    expect(r.code).toBe(0);
    const d = JSON.parse(r.out);
    expect(d.addedByRole['container-layer']).toBe(1);
    expect(d.addedByRole['init-layer']).toBe(1);
    expect(d.containersAdded.map((c: { name: string }) => c.name)).toEqual(['ovl-test-cli2']);
    const text = await cli(['diff', file, '--lang', 'pt-BR']);
    expect(text.out).toContain('camada -init do contêiner ovl-test-cli2');
    const bad = await cli(['diff', path.join(dir, 'missing.json')]);
    expect(bad.code).toBe(66);
    rmSync(dir, { recursive: true });
  });

  it('no engine: one line, exit 69, a hint; without --live the simulated host, said so', async () => {
    const env = { ...process.env, DOCKER_HOST: 'unix:///nonexistent/docker.sock' };
    const r = await cli(['layers', '--live'], env);
    expect(r.code).toBe(69);
    expect(r.err.trim().split('\n')).toHaveLength(1);
    expect(r.err).toContain('no Docker engine at /nonexistent/docker.sock (ENOENT)');
    expect(r.err).toContain('--simulated');
    const pt = await cli(['layers', '--live', '--lang', 'pt-BR'], env);
    expect(pt.err).toContain('nenhum Docker engine em /nonexistent/docker.sock');
    const sim = await cli(['layers'], env);
    expect(sim.code).toBe(0);
    expect(sim.out.split('\n')[0]).toMatch(/^SIMULATED host: no Docker engine/);
    const snap = await cli(['snapshot'], env);
    expect(snap.code).toBe(69); // a snapshot never falls back to the simulation
  });

  it.skipIf(need(cliMissing()) || !existsSync('/usr/bin/setpriv'))('permission denied on the socket: exit 77 and the docker-group hint', () => {
    const r = spawnSync('setpriv', ['--reuid=65534', '--regid=65534', '--clear-groups', process.execPath, CLI, 'layers', '--live'], { encoding: 'utf8', env: { ...process.env, DOCKER_HOST: '' } });
    expect(r.status).toBe(77);
    expect(r.stderr.trim()).toMatch(/^overlay-lab layers: permission denied on \/var\/run\/docker.sock\. Run with sudo, or add your user to the docker group/);
  });

  it.skipIf(need(ip ? undefined : 'no non-loopback IPv4 address to reach the engine "remotely"'))('a remote engine: direct access is refused (exit 78); auto reads it through a helper', async () => {
    // A TCP front for the local engine on a non-loopback address: to overlay-lab, a remote engine.
    const server = net.createServer((c) => {
      const s = net.connect('/var/run/docker.sock');
      c.pipe(s).pipe(c);
      c.on('error', () => s.destroy());
      s.on('error', () => c.destroy());
    });
    await new Promise<void>((r) => server.listen(0, ip!, r));
    const port = (server.address() as net.AddressInfo).port;
    try {
      const env = { ...process.env, DOCKER_HOST: `tcp://${ip}:${port}` };
      const direct = await cli(['layers', '--access', 'direct', '--live'], env);
      expect(direct.code).toBe(78);
      expect(direct.err).toContain(`the engine at tcp://${ip}:${port} is remote`);
      expect(direct.err).toContain('--access helper');
      const auto = await cli(['layers', '--live'], env);
      expect(auto.code).toBe(0);
      expect(auto.out).toContain('read by: helper container with a read-only bind mount');
      expect(leftoverHelpers()).toEqual([]);
    } finally {
      server.close();
    }
  });

  it('a store that is not overlay2 (a real dockerd on vfs): layers explains, image refuses with exit 78', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'ovl-vfs-'));
    const sock = path.join(dir, 'sock');
    // Not --bridge=none: that makes dockerd delete docker0, which the main engine still uses.
    // Sharing docker0 is harmless here: this engine never runs a container.
    const env = { ...process.env, DOCKER_HOST: `unix://${sock}` };
    sh(`nohup dockerd --storage-driver vfs --data-root ${dir}/root --exec-root ${dir}/exec --pidfile ${dir}/pid --host unix://${sock} --iptables=false --ip-masq=false > ${dir}/log 2>&1 &`);
    try {
      sh(`for i in $(seq 80); do DOCKER_HOST=unix://${sock} docker info >/dev/null 2>&1 && exit 0; sleep 0.25; done; exit 1`);
      sh(`docker save overlay-lab/busybox:1 | DOCKER_HOST=unix://${sock} docker load -q`);
      const r = await cli(['layers', '--live'], env);
      expect(r.code).toBe(0);
      expect(r.out).toContain('Store: other (vfs)');
      expect(r.out).toContain('Cannot be seen: OverlayFS directories: the vfs driver keeps layers its own way');
      const img = await cli(['image', 'overlay-lab/busybox:1', '--live'], env);
      expect(img.code).toBe(78);
      expect(img.err).toContain('does not use the overlay2 store (storage driver: vfs');
      const json = JSON.parse((await cli(['layers', '--json', '--live'], env)).out);
      expect(json.store.kind).toBe('other');
      expect(json.images.map((i: { name: string }) => i.name)).toEqual(['overlay-lab/busybox:1']);
    } finally {
      sh(`kill $(cat ${dir}/pid) 2>/dev/null; for i in $(seq 60); do [ -e /proc/$(cat ${dir}/pid 2>/dev/null || echo 0) ] || break; sleep 0.25; done; true`);
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
