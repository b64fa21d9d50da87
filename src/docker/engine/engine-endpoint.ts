/* Where the engine is (DOCKER_HOST or the default socket), and the one mapping of socket errors. */
import { OverlayLabError } from '../../i18n/errors';
import { engineRefused, noEngine, socketPermission, sshFailed, sshHostKey } from '../errors';
import type { HostKeyRefusal } from './engine-ssh';

/** The default socket of a Linux engine. */
export const DEFAULT_SOCKET = '/var/run/docker.sock';

/** Where DOCKER_HOST (or the default) points, and whether that engine's files are local. */
export interface Endpoint {
  url: string;
  socketPath?: string;
  local: boolean;
  /** TLS over tcp:// (DOCKER_TLS_VERIFY, DOCKER_CERT_PATH): ca.pem, cert.pem and key.pem in certPath. */
  tls?: { certPath: string; verify: boolean };
}

/**
 * Reads DOCKER_HOST the way the docker CLI does. A unix socket or a loopback TCP address
 * means the engine runs here, so its Docker root is on this machine's disks.
 * @example endpointFromEnv({ DOCKER_HOST: 'tcp://10.0.0.2:2375' }) // { url: 'tcp://10.0.0.2:2375', local: false }
 */
export function endpointFromEnv(env: Record<string, string | undefined>): Endpoint {
  const host = env.DOCKER_HOST;
  if (!host) return { url: `unix://${DEFAULT_SOCKET}`, socketPath: DEFAULT_SOCKET, local: true };
  if (host.startsWith('unix://')) return { url: host, socketPath: host.slice('unix://'.length), local: true };
  const m = /^(tcp|http|https):\/\/\[?([^\]/:]+)\]?(?::\d+)?/.exec(host);
  const loopback = m ? ['localhost', '127.0.0.1', '::1'].includes(m[2]) : false;
  // The docker CLI's rule: DOCKER_TLS_VERIFY (any value) turns TLS on, certificates from
  // DOCKER_CERT_PATH or ~/.docker; DOCKER_CERT_PATH alone gives TLS without checking the server.
  const certPath = env.DOCKER_CERT_PATH || (env.DOCKER_TLS_VERIFY ? `${env.HOME ?? ''}/.docker` : undefined);
  const tls = m && certPath ? { certPath, verify: Boolean(env.DOCKER_TLS_VERIFY) } : undefined;
  return { url: host, local: loopback, tls };
}

// The socket-level codes that mean nothing answers there (no socket file, nobody listening,
// no route, no answer in time, connection dropped at once).
const UNREACHABLE = new Set(['ENOENT', 'ECONNREFUSED', 'EHOSTUNREACH', 'ENETUNREACH', 'ETIMEDOUT', 'ECONNRESET', 'ENOTFOUND', 'EAI_AGAIN']);

/** ssh2 marks its own failures with a `level` (client-authentication, client-socket, client-timeout, protocol, handshake). */
const sshLevel = (e: unknown): string | undefined => {
  const level = (e as { level?: unknown } | undefined)?.level;
  return typeof level === 'string' ? level : undefined;
};

/** Whether an error is the engine's socket failing (as opposed to the engine answering). */
export function isSocketError(e: unknown): boolean {
  const code = (e as NodeJS.ErrnoException | undefined)?.code;
  return (code !== undefined && (UNREACHABLE.has(code) || code === 'EACCES' || code === 'EPERM')) || sshLevel(e) !== undefined;
}

/**
 * The one mapping of socket failures to the person-facing errors; anything else is rethrown.
 * @example try { await get() } catch (e) { throwSocketError(e, endpoint) }
 */
export function throwSocketError(e: unknown, endpoint: Endpoint): never {
  const err = e as NodeJS.ErrnoException | undefined;
  const where = endpoint.socketPath ?? endpoint.url;
  if (err?.code && UNREACHABLE.has(err.code)) throw noEngine(where, err.code);
  if (err?.code === 'EACCES' || err?.code === 'EPERM') throw socketPermission(where);
  const refusal = (e as { hostKey?: HostKeyRefusal } | undefined)?.hostKey;
  if (sshLevel(e) === 'client-hostkey' && refusal) throw sshHostKey(where, refusal.check, refusal.host, refusal.port, refusal.file);
  if (sshLevel(e)) throw sshFailed(where, String(err?.message ?? e).trim().split('\n')[0].slice(0, 200));
  throw e;
}

/**
 * Wraps engine calls so a socket failure, or an engine's refusal that the call did not handle
 * itself (an HTTP status: a TLS port spoken to in plain HTTP answers 400), becomes the
 * person-facing error (an OverlayLabError passes as it is); every client of the endpoint uses
 * the same wrapper.
 * @example const call = engineCall(endpoint); await call(() => docker().ping());
 */
export function engineCall(endpoint: Endpoint): <T>(f: () => Promise<T>) => Promise<T> {
  return async (f) => {
    try {
      return await f();
    } catch (e) {
      if (e instanceof OverlayLabError) throw e;
      const status = (e as { statusCode?: number } | undefined)?.statusCode;
      if (typeof status === 'number') throw engineRefused(endpoint.socketPath ?? endpoint.url, 'a request', status, String((e as Error).message).trim().split('\n')[0].slice(0, 200));
      return throwSocketError(e, endpoint);
    }
  };
}
