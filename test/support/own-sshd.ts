/*
 * An sshd and an ssh-agent of the test's own, for ssh:// engines: a host key and a client key
 * made here (ssh-keygen), sshd in the foreground on 127.0.0.1:<free port> with a config that
 * lets only that key in as root (no password, no PAM), the agent holding the key. Over it, the
 * docker CLI on this machine answers `docker system dial-stdio` for the main engine. Stopped and
 * removed by stop().
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { waitUntil } from './wait';

const SSHD = '/usr/sbin/sshd';

export interface OwnSshd {
  dir: string;
  port: number;
  /** ssh://root@127.0.0.1:<port> */
  url: string;
  /** The agent holding the client key (SSH_AUTH_SOCK). */
  agent: string;
  /** An agent holding no key: the login fails. */
  emptyAgent: string;
  /** A HOME whose ~/.ssh/known_hosts holds this sshd's host key, as `ssh` would have written it. */
  home: string;
  /** That known_hosts line. */
  knownHostsLine: string;
  stop(): Promise<void>;
}

/** Why an sshd of our own cannot run here, or undefined. */
export function ownSshdMissing(): string | undefined {
  if (!existsSync(SSHD)) return 'sshd not installed (Debian: apt-get install openssh-server; scripts/setup.sh installs it)';
  for (const tool of ['ssh-keygen', 'ssh-agent', 'ssh-add', 'docker'])
    if (spawnSync('bash', ['-c', `command -v ${tool}`]).status !== 0) return `${tool} not installed (Debian: apt-get install openssh-client)`;
  if (typeof process.getuid === 'function' && process.getuid() !== 0) return 'not root: the test logs in as root on its own sshd';
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

const run = (cmd: string, args: string[], env: NodeJS.ProcessEnv = process.env) => {
  const r = spawnSync(cmd, args, { encoding: 'utf8', env });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')}: ${r.stderr}`);
};

/** Starts one (sshd and two agents) and waits until it answers. */
export async function startSshd(): Promise<OwnSshd> {
  const dir = mkdtempSync(path.join(tmpdir(), 'ovl-sshd-'));
  const port = await freePort();
  run('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', path.join(dir, 'host_key')]);
  run('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', path.join(dir, 'client_key')]);
  run('cp', [path.join(dir, 'client_key.pub'), path.join(dir, 'authorized_keys')]);
  // sshd's privilege separation directory (Debian's unit makes it at boot).
  mkdirSync('/run/sshd', { recursive: true, mode: 0o755 });
  const config = path.join(dir, 'sshd_config');
  writeFileSync(
    config,
    [
      'ListenAddress 127.0.0.1',
      `Port ${port}`,
      `HostKey ${path.join(dir, 'host_key')}`,
      `PidFile ${path.join(dir, 'sshd.pid')}`,
      `AuthorizedKeysFile ${path.join(dir, 'authorized_keys')}`,
      'PermitRootLogin prohibit-password',
      'PasswordAuthentication no',
      'KbdInteractiveAuthentication no',
      'UsePAM no',
      'StrictModes no',
      '',
    ].join('\n'),
  );
  const children: ChildProcess[] = [];
  const log = openSync(path.join(dir, 'sshd.log'), 'a');
  children.push(spawn(SSHD, ['-D', '-f', config, '-E', path.join(dir, 'sshd.log')], { stdio: ['ignore', log, log] }));
  const agent = path.join(dir, 'agent.sock');
  const emptyAgent = path.join(dir, 'empty-agent.sock');
  for (const sock of [agent, emptyAgent]) children.push(spawn('ssh-agent', ['-D', '-a', sock], { stdio: 'ignore' }));
  await waitUntil('the agents', () => existsSync(agent) && existsSync(emptyAgent), 10_000);
  run('ssh-add', ['-q', path.join(dir, 'client_key')], { ...process.env, SSH_AUTH_SOCK: agent });
  const url = `ssh://root@127.0.0.1:${port}`;
  // The host key as a first `ssh` login records it (ssh-keyscan's line for [127.0.0.1]:port).
  const [keyType, keyData] = readFileSync(path.join(dir, 'host_key.pub'), 'utf8').trim().split(/\s+/);
  const knownHostsLine = `[127.0.0.1]:${port} ${keyType} ${keyData}`;
  const home = path.join(dir, 'home');
  mkdirSync(path.join(home, '.ssh'), { recursive: true, mode: 0o700 });
  writeFileSync(path.join(home, '.ssh', 'known_hosts'), `${knownHostsLine}\n`);
  const ssh = ['-o', 'StrictHostKeyChecking=no', '-o', `UserKnownHostsFile=${path.join(dir, 'known_hosts')}`, '-o', 'BatchMode=yes', '-p', String(port), 'root@127.0.0.1', 'true'];
  await waitUntil(`sshd on 127.0.0.1:${port}`, () => children[0].exitCode !== null || spawnSync('ssh', ssh, { stdio: 'ignore', env: { ...process.env, SSH_AUTH_SOCK: agent } }).status === 0, 20_000);
  if (children[0].exitCode !== null) throw new Error(`sshd exited (${children[0].exitCode}); see ${dir}/sshd.log`);
  return {
    dir,
    port,
    url,
    agent,
    emptyAgent,
    home,
    knownHostsLine,
    async stop() {
      for (const c of children) {
        if (c.exitCode !== null || c.signalCode !== null) continue;
        const exited = new Promise((r) => c.once('exit', r));
        c.kill('SIGTERM');
        await Promise.race([exited, new Promise((r) => setTimeout(r, 5_000))]);
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
