/*
 * A containerd of the test's own: its root, state, config and sockets under a temp directory
 * (never the engine's containerd at /var/run/docker/containerd), the CRI plugin off (it would
 * want the host's CNI). `ctr` against its socket drives it. Stopped and removed by stop().
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, openSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { waitUntil } from './wait';

export interface OwnContainerd {
  dir: string;
  root: string;
  socket: string;
  /** `ctr -a SOCKET -n NAMESPACE ...`; throws with ctr's stderr on failure. */
  ctr(...args: string[]): string;
  stop(): Promise<void>;
}

/** Why a containerd of our own cannot run here, or undefined. */
export function ownContainerdMissing(): string | undefined {
  for (const tool of ['containerd', 'ctr'])
    if (spawnSync('bash', ['-c', `command -v ${tool}`]).status !== 0) return `${tool} not installed (Debian: apt-get install containerd)`;
  if (typeof process.getuid === 'function' && process.getuid() !== 0) return 'not root: containerd needs root';
  return undefined;
}

/** Starts one and waits until it answers. */
export async function startContainerd(namespace = 'ovl-test'): Promise<OwnContainerd> {
  const dir = mkdtempSync(path.join(tmpdir(), 'ovl-containerd-'));
  const root = path.join(dir, 'root');
  const socket = path.join(dir, 'containerd.sock');
  const config = path.join(dir, 'config.toml');
  writeFileSync(
    config,
    [
      'version = 2',
      `root = "${root}"`,
      `state = "${path.join(dir, 'state')}"`,
      'disabled_plugins = ["io.containerd.grpc.v1.cri"]',
      '[grpc]',
      `  address = "${socket}"`,
      '[ttrpc]',
      `  address = "${socket}.ttrpc"`,
      '[debug]',
      '  address = ""',
      '[metrics]',
      '  address = ""',
      '',
    ].join('\n'),
  );
  const log = openSync(path.join(dir, 'containerd.log'), 'a');
  const child: ChildProcess = spawn('containerd', ['--config', config, '--root', root, '--state', path.join(dir, 'state'), '--address', socket], { stdio: ['ignore', log, log] });
  const ctr = (...args: string[]) => {
    const r = spawnSync('ctr', ['-a', socket, '-n', namespace, ...args], { encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 });
    if (r.status !== 0) throw new Error(`ctr ${args.join(' ')}: ${r.stderr}`);
    return r.stdout.trim();
  };
  await waitUntil(`containerd on ${socket}`, () => child.exitCode !== null || spawnSync('ctr', ['-a', socket, 'version'], { stdio: 'ignore' }).status === 0, 30_000);
  if (child.exitCode !== null) throw new Error(`containerd exited (${child.exitCode}); see ${dir}/containerd.log`);
  return {
    dir,
    root,
    socket,
    ctr,
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        await Promise.race([exited, new Promise((r) => setTimeout(r, 15_000))]);
        if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      }
      spawnSync('bash', ['-c', `grep -o " ${dir}[^ ]*" /proc/self/mountinfo | sort -r | xargs -r -n1 umount -l`]);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
