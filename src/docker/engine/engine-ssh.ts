/*
 * ssh:// the docker CLI's way: log in, run `docker system dial-stdio` there, and speak the
 * engine's HTTP API over that command's stdin and stdout. docker-modem's own ssh support opens a
 * new ssh connection for every request; a view makes dozens at once, and sshd drops logins
 * beyond its MaxStartups (10 unauthenticated at a time by default) with "Connection lost before
 * handshake". Here one connection carries every request, on at most SSH_CHANNELS session
 * channels at a time (sshd allows MaxSessions = 10 per connection by default).
 */
import { readFileSync } from 'node:fs';
import { Agent } from 'node:http';
import { homedir } from 'node:os';
import * as path from 'node:path';
import type { Duplex } from 'node:stream';
import type { Client, ClientChannel, ConnectConfig } from 'ssh2';
import { checkHostKey, type HostKeyCheck } from './known-hosts';

/** Session channels open at once on the one connection: under sshd's default MaxSessions (10). */
export const SSH_CHANNELS = 8;
/** The command the docker CLI runs on the remote end to reach its engine. */
export const DIAL_STDIO = 'docker system dial-stdio';
/** How long the connection stays open with no request, so a command's next read reuses it. */
const IDLE_MS = 200;

/** The keys `ssh` itself tries when no agent runs, in its order. */
export const DEFAULT_KEYS = ['id_ed25519', 'id_ecdsa', 'id_rsa'];

/**
 * How to log in: the ssh agent (SSH_AUTH_SOCK) when there is one, and the key of the config's
 * IdentityFile (the first that exists; beside an agent, only one usable without a passphrase);
 * with neither, the first of the user's default keys that exists (as `ssh` would try it; one with
 * a passphrase cannot be used here).
 * @example sshAuth({ SSH_AUTH_SOCK: '/tmp/agent.sock' }) // { agent: '/tmp/agent.sock' }
 */
export function sshAuth(env: Record<string, string | undefined>, identityFiles: string[] = []): Pick<ConnectConfig, 'agent' | 'privateKey'> {
  const auth: Pick<ConnectConfig, 'agent' | 'privateKey'> = env.SSH_AUTH_SOCK ? { agent: env.SSH_AUTH_SOCK } : {};
  const keys = identityFiles.length ? identityFiles : auth.agent ? [] : DEFAULT_KEYS.map((n) => path.join(env.HOME || homedir(), '.ssh', n));
  for (const file of keys) {
    let key: Buffer;
    try {
      key = readFileSync(file);
    } catch {
      continue; // not there: the next one
    }
    // Beside an agent, a key ssh2 cannot open (a passphrase) is passed over: the agent may log in.
    if (auth.agent && (require('ssh2') as typeof import('ssh2')).utils.parseKey(key) instanceof Error) continue;
    return { ...auth, privateKey: key };
  }
  return auth;
}

/** The files `ssh` trusts host keys from: the user's (or the config's UserKnownHostsFile), then the machine's. */
export function knownHostsFiles(env: Record<string, string | undefined>, userFiles?: string[]): string[] {
  return [...(userFiles ?? [path.join(env.HOME || homedir(), '.ssh', 'known_hosts')]), '/etc/ssh/ssh_known_hosts'];
}

/** A server refused for its host key: what known_hosts said, which file was read first, and the host and port it was looked up as (after ~/.ssh/config). */
export interface HostKeyRefusal {
  check: Exclude<HostKeyCheck, { state: 'known' }>;
  file: string;
  host: string;
  port: number;
}

/** The host key checked as ssh checks it: known in one of the files, else refused with what the first file says. */
function verifyHost(files: string[], host: string, port: number, blob: Buffer): HostKeyRefusal | undefined {
  let refusal: HostKeyRefusal | undefined;
  for (const file of files) {
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch {
      continue; // a file that is not there vouches for nobody
    }
    const check = checkHostKey(text, host, port, blob);
    if (check.state === 'known') return undefined;
    if (!refusal || (refusal.check.state === 'unknown' && check.state !== 'unknown')) refusal = { check, file, host, port };
  }
  return refusal ?? { check: { state: 'unknown' }, file: files[0], host, port };
}

/**
 * An http.Agent whose sockets are `docker system dial-stdio` channels on one ssh connection,
 * opened on first use and closed when idle (so a finished command can exit).
 * @example new Dockerode({ protocol: 'http', host: 'h', port: 22, agent: sshAgent({ host: 'h', port: 22, username: 'root', agent: process.env.SSH_AUTH_SOCK }, knownHostsFiles(process.env)) })
 */
export function sshAgent(config: ConnectConfig, knownHosts: string[], acceptUnknown = false): Agent {
  const { Client: SshClient } = require('ssh2') as typeof import('ssh2');
  let ready: Promise<Client> | undefined;
  let open = 0;
  let idle: NodeJS.Timeout | undefined;
  const connect = (): Promise<Client> => {
    if (ready) return ready;
    const conn = new SshClient();
    let refused: HostKeyRefusal | undefined;
    // StrictHostKeyChecking no or accept-new lets a host no file knows in (as ssh does); a changed or revoked key never.
    const hostVerifier = (blob: Buffer) => {
      refused = verifyHost(knownHosts, config.host ?? 'localhost', config.port ?? 22, blob);
      if (refused?.check.state === 'unknown' && acceptUnknown) refused = undefined;
      return !refused;
    };
    const p = new Promise<Client>((resolve, reject) => {
      conn.once('ready', () => resolve(conn));
      conn.on('error', (e) => {
        ready = undefined;
        // ssh2 says only "Host denied"; the refusal says why, for the person-facing line.
        reject(refused ? Object.assign(new Error(`host key ${refused.check.state}`), { level: 'client-hostkey', hostKey: refused }) : e);
      });
      conn.once('close', () => {
        if (ready === p) ready = undefined;
        reject(Object.assign(new Error('the ssh connection closed'), { level: 'client-socket' }));
      });
      try {
        conn.connect({ ...config, hostVerifier });
      } catch (e) {
        // A key ssh2 cannot use (one with a passphrase, say): said as an ssh failure too.
        reject(Object.assign(e as Error, { level: (e as { level?: string }).level ?? 'client-key' }));
      }
    });
    ready = p;
    return p;
  };
  const closeWhenIdle = () => {
    if (idle) clearTimeout(idle);
    if (open > 0) return;
    idle = setTimeout(() => {
      if (open > 0 || !ready) return;
      const p = ready;
      ready = undefined;
      p.then((c) => c.end(), () => undefined);
    }, IDLE_MS);
  };
  // A channel counts until sshd has closed it, which is after http.Agent lets its socket go:
  // the limit is kept here, on channels really open, not by the Agent's maxSockets.
  const waiting: (() => void)[] = [];
  const release = () => {
    open--;
    const next = waiting.shift();
    if (next) next();
    else closeWhenIdle();
  };
  const openChannel = (cb: (e: Error | null, s?: Duplex) => void, retried = false) => {
    open++;
    let counted = true;
    const done = () => {
      if (counted) (counted = false), release();
    };
    connect().then(
      (conn) =>
        conn.exec(DIAL_STDIO, (err: Error | undefined, stream: ClientChannel) => {
          if (err) {
            done();
            // sshd refused one more session (its MaxSessions, or a close not yet counted): once more, a moment later.
            if (!retried) return void setTimeout(() => openChannel(cb, true), 50);
            return cb(Object.assign(err, { level: 'client-channel' }));
          }
          stream.once('close', done);
          stream.once('error', done);
          // The far end closed (dial-stdio exited, the engine hung up): let the http client read
          // what came first, then let the channel go.
          stream.once('end', () => setImmediate(() => stream.destroy()));
          cb(null, stream);
        }),
      (e: Error) => (done(), cb(e)),
    );
  };
  // No keep-alive: a channel per request. Kept alive (as the docker CLI does), about one
  // `image` in eight lost a request on a reused channel whose far end had closed (ECONNRESET,
  // "socket hang up"), and it saved little: starting dial-stdio there overlaps across channels.
  const agent = new Agent({ keepAlive: false, maxSockets: SSH_CHANNELS });
  (agent as unknown as { createConnection: (o: unknown, cb: (e: Error | null, s?: Duplex) => void) => undefined }).createConnection = (_o, cb) => {
    if (idle) clearTimeout(idle);
    if (open < SSH_CHANNELS) openChannel(cb);
    else waiting.push(() => openChannel(cb));
    return undefined;
  };
  return agent;
}
