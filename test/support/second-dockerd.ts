/*
 * A second dockerd on this machine for the many-engines tests: its own data root, exec root,
 * pid file, unix socket and containerd namespace under a temp directory, listening on
 * tcp://127.0.0.1:<free port> with TLS (a CA, server and client certificates made here with
 * openssl), its own bridge and no iptables rules, so the main engine (/var/run/docker.sock)
 * is never disturbed. Not --bridge=none: with it dockerd deletes the host's docker0 at start
 * (moby's removeDefaultBridgeInterface), and the main engine loses its default network.
 * Stopped and removed by stop(), its bridge too.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, openSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { waitUntil } from './wait';

export interface SecondEngine {
  dir: string;
  socket: string;
  url: string;
  /** Client certificates: ca.pem, cert.pem, key.pem (DOCKER_CERT_PATH). */
  certs: string;
  /** The docker CLI against it, through its unix socket. */
  docker(...args: string[]): string;
  start(): Promise<void>;
  /** Stops it (SIGTERM, then waits for its exit); start() brings it back with the same store. */
  halt(): Promise<void>;
  stop(): Promise<void>;
}

/** Why a second dockerd cannot run here, or undefined. */
export function secondDockerdMissing(): string | undefined {
  for (const tool of ['dockerd', 'openssl', 'docker', 'ip'])
    if (spawnSync('bash', ['-c', `command -v ${tool}`]).status !== 0) return `${tool} not installed`;
  if (typeof process.getuid === 'function' && process.getuid() !== 0) return 'not root: dockerd needs root';
  return undefined;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
    s.on('error', reject);
  });
}

function openssl(cwd: string, ...args: string[]): void {
  const r = spawnSync('openssl', args, { cwd, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`openssl ${args.join(' ')}: ${r.stderr}`);
}

/** A CA, a server certificate for 127.0.0.1 and a client certificate. */
function makeCerts(dir: string): { server: string; client: string } {
  const server = path.join(dir, 'server');
  const client = path.join(dir, 'client');
  mkdirSync(server);
  mkdirSync(client);
  openssl(dir, 'req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1', '-subj', '/CN=overlay-lab test CA', '-keyout', 'ca-key.pem', '-out', 'ca.pem');
  writeFileSync(path.join(dir, 'server.ext'), 'subjectAltName = IP:127.0.0.1\nextendedKeyUsage = serverAuth\n');
  writeFileSync(path.join(dir, 'client.ext'), 'extendedKeyUsage = clientAuth\n');
  for (const who of ['server', 'client']) {
    openssl(dir, 'req', '-newkey', 'rsa:2048', '-nodes', '-subj', `/CN=${who === 'server' ? '127.0.0.1' : 'overlay-lab test client'}`, '-keyout', `${who}/key.pem`, '-out', `${who}.csr`);
    openssl(dir, 'x509', '-req', '-in', `${who}.csr`, '-CA', 'ca.pem', '-CAkey', 'ca-key.pem', '-CAcreateserial', '-days', '1', '-extfile', `${who}.ext`, '-out', `${who}/cert.pem`);
    writeFileSync(path.join(dir, who, 'ca.pem'), spawnSync('cat', [path.join(dir, 'ca.pem')]).stdout);
  }
  return { server, client };
}

/** Makes (but does not start) a second engine. */
export async function secondEngine(): Promise<SecondEngine> {
  const dir = mkdtempSync(path.join(tmpdir(), 'ovl-dockerd2-'));
  const { server, client } = makeCerts(dir);
  const port = await freePort();
  const socket = path.join(dir, 'docker.sock');
  const url = `tcp://127.0.0.1:${port}`;
  const tag = path.basename(dir).replace(/[^a-z0-9]/gi, '');
  // Its own bridge, made here (dockerd -b uses an existing one): a name and a /24 of its own.
  const bridge = `ovlbr${(port % 65536).toString(16)}`;
  const net = `10.213.${port % 250}.1/24`;
  const ip = (...a: string[]) => spawnSync('ip', a, { encoding: 'utf8' });
  ip('link', 'del', bridge);
  for (const a of [['link', 'add', bridge, 'type', 'bridge'], ['addr', 'add', net, 'dev', bridge], ['link', 'set', bridge, 'up']]) {
    const r = ip(...a);
    if (r.status !== 0) throw new Error(`ip ${a.join(' ')}: ${r.stderr}`);
  }
  const args = [
    '--data-root', path.join(dir, 'root'), '--exec-root', path.join(dir, 'exec'), '--pidfile', path.join(dir, 'docker.pid'),
    '-H', `unix://${socket}`, '-H', url,
    '--tlsverify', '--tlscacert', path.join(server, 'ca.pem'), '--tlscert', path.join(server, 'cert.pem'), '--tlskey', path.join(server, 'key.pem'),
    `--bridge=${bridge}`, '--iptables=false', '--ip-masq=false', '--storage-driver', 'overlay2',
    '--containerd-namespace', `ovl-${tag}`, '--containerd-plugins-namespace', `ovl-${tag}-plugins`,
  ];
  let child: ChildProcess | undefined;
  const docker = (...a: string[]) => {
    const r = spawnSync('docker', ['-H', `unix://${socket}`, ...a], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, env: { ...process.env, DOCKER_HOST: undefined, DOCKER_CONTEXT: undefined } });
    if (r.status !== 0) throw new Error(`docker -H ${socket} ${a.join(' ')}: ${r.stderr}`);
    return r.stdout.trim();
  };
  const halt = async () => {
    if (!child || child.exitCode !== null) return;
    const exited = new Promise((r) => child!.once('exit', r));
    child.kill('SIGTERM');
    await Promise.race([exited, new Promise((r) => setTimeout(r, 30_000))]);
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  };
  return {
    dir,
    socket,
    url,
    certs: client,
    docker,
    async start() {
      const log = openSync(path.join(dir, 'dockerd.log'), 'a');
      child = spawn('dockerd', args, { stdio: ['ignore', log, log] });
      await waitUntil(`the second dockerd on ${socket}`, () => spawnSync('docker', ['-H', `unix://${socket}`, 'version'], { stdio: 'ignore' }).status === 0 || child?.exitCode !== null, 90_000);
      if (child.exitCode !== null) throw new Error(`the second dockerd exited (${child.exitCode}); see ${dir}/dockerd.log`);
    },
    halt,
    async stop() {
      try {
        const ids = spawnSync('docker', ['-H', `unix://${socket}`, 'ps', '-aq'], { encoding: 'utf8' }).stdout.split('\n').filter(Boolean);
        if (ids.length) spawnSync('docker', ['-H', `unix://${socket}`, 'rm', '-f', ...ids]);
      } finally {
        await halt();
        spawnSync('bash', ['-c', `grep -o " ${dir}[^ ]*" /proc/self/mountinfo | sort -r | xargs -r -n1 umount -l`]);
        rmSync(dir, { recursive: true, force: true });
        ip('link', 'del', bridge);
      }
    },
  };
}
