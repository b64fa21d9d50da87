import * as http from 'node:http';
import type { IncomingMessage } from 'node:http';
import type { Endpoint } from './engine-endpoint';

/** An engine answer that is not 2xx, with the status dockerode would give it. */
export class EngineHttpError extends Error {
  constructor(readonly statusCode: number, message: string) {
    super(message);
  }
}

/**
 * One GET of the Engine API, JSON back. Reads take this path instead of dockerode: requiring
 * dockerode loads gRPC, protobuf and ssh2 (about 120 ms), more than a whole `overlay-lab layers`
 * needs; dockerode is still what creates, attaches and removes helper containers.
 * Only for a unix socket or plain TCP; TLS and ssh endpoints go through dockerode.
 * @example await getJson({ url: 'unix:///var/run/docker.sock', socketPath: '/var/run/docker.sock', local: true }, '/info')
 */
export function getJson<T>(endpoint: Endpoint, path: string): Promise<T> {
  return new Promise((resolve, reject) => {
    const req = http.request({ ...httpTarget(endpoint), path, method: 'GET', headers: { Accept: 'application/json' } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const body = Buffer.concat(chunks).toString('utf8');
        const status = res.statusCode ?? 0;
        if (status < 200 || status >= 300) {
          let message = body;
          try {
            message = (JSON.parse(body) as { message?: string }).message ?? body;
          } catch {
            // not JSON: keep the raw body
          }
          return reject(new EngineHttpError(status, `(HTTP ${status}) ${message}`));
        }
        try {
          resolve(JSON.parse(body) as T);
        } catch (e) {
          reject(e);
        }
      });
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

/**
 * Whether reads can use the light GET client: a unix socket, or TCP without TLS.
 * @example lightReadsPossible({ url: 'unix:///var/run/docker.sock', local: true }, {}) // true
 */
export function lightReadsPossible(endpoint: Endpoint, env: Record<string, string | undefined>): boolean {
  if (endpoint.socketPath) return true;
  return endpoint.url.startsWith('tcp://') && !env.DOCKER_TLS_VERIFY && !env.DOCKER_CERT_PATH;
}

/** Where node:http connects for an endpoint: its unix socket, or host and port of plain TCP. */
function httpTarget(endpoint: Endpoint): { socketPath: string } | { host: string; port: number } {
  if (endpoint.socketPath) return { socketPath: endpoint.socketPath };
  const u = new URL(endpoint.url.replace(/^tcp:/, 'http:'));
  return { host: u.hostname, port: Number(u.port || 2375) };
}

/**
 * One GET of the Engine API whose body is a stream (`docker save`: GET /images/NAME/get).
 * A status that is not 2xx rejects with EngineHttpError; socket errors reject as they are.
 * @example const tar = await getStream(endpoint, '/images/busybox/get')
 */
export function getStream(endpoint: Endpoint, path: string): Promise<IncomingMessage> {
  return new Promise((resolve, reject) => {
    const req = http.request({ ...httpTarget(endpoint), path, method: 'GET' }, (res) => {
      const status = res.statusCode ?? 0;
      if (status >= 200 && status < 300) return resolve(res);
      res.resume();
      reject(new EngineHttpError(status, `(HTTP ${status})`));
    });
    req.on('error', reject);
    req.end();
  });
}
