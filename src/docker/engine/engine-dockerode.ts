/* The one place dockerode is constructed: lazily, for the endpoint overlay-lab resolved. */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import type Dockerode from 'dockerode';
import type { Endpoint } from './engine-endpoint';
import { knownHostsFiles, sshAgent, sshAuth } from './engine-ssh';
import { acceptsUnknownHost, sshHostConfig } from './ssh-config';

/**
 * dockerode's options for an endpoint, spelled out (docker-modem would read process.env, not
 * the environment overlay-lab resolved from --host or --context): a unix socket; tcp:// as
 * http, or https with the client certificate and CA of `tls`; ssh:// as plain HTTP over `docker system dial-stdio` on one ssh connection, the host read in ~/.ssh/config as ssh reads it, the key from the ssh agent, the config's IdentityFile or ~/.ssh/id_*.
 * @example dockerodeOptions({ url: 'tcp://127.0.0.1:2376', local: true, tls: { certPath: '/certs', verify: true } }).protocol // 'https'
 */
export function dockerodeOptions(endpoint: Endpoint, env: Record<string, string | undefined> = process.env): Dockerode.DockerOptions {
  if (endpoint.socketPath) return { socketPath: endpoint.socketPath };
  const u = new URL(endpoint.url.includes('//') ? endpoint.url : `tcp://${endpoint.url}`);
  if (u.protocol === 'ssh:') {
    // The name in the URL means what it means to `ssh` (the docker CLI runs it): ~/.ssh/config's
    // HostName, Port, User and IdentityFile, unless the URL says otherwise.
    const cfg = sshHostConfig(u.hostname, env);
    const host = cfg.hostName ?? u.hostname;
    const port = u.port ? Number(u.port) : (cfg.port ?? 22);
    const username = decodeURIComponent(u.username) || cfg.user || env.USER || 'root';
    // Plain HTTP over dial-stdio channels of one ssh connection (engine-ssh.ts).
    return { protocol: 'http', host, port, agent: sshAgent({ host, port, username, ...sshAuth(env, cfg.identityFiles) }, knownHostsFiles(env, cfg.knownHostsFiles), acceptsUnknownHost(cfg)) } as Dockerode.DockerOptions;
  }
  if (!endpoint.tls) return { protocol: 'http', host: u.hostname, port: u.port || 2375 };
  const file = (name: string) => readFileSync(path.join(endpoint.tls!.certPath, name));
  return { protocol: 'https', host: u.hostname, port: u.port || 2376, ca: file('ca.pem'), cert: file('cert.pem'), key: file('key.pem') };
}

/**
 * A getter for one dockerode client of an endpoint, created on first use: requiring dockerode
 * loads gRPC, protobuf and ssh2 (about 120 ms), which plain reads do without (engine-http.ts).
 * @example const docker = lazyDockerode(endpointFromEnv(process.env)); await docker().ping();
 */
export function lazyDockerode(endpoint: Endpoint): () => Dockerode {
  let instance: Dockerode | undefined;
  return () => {
    if (!instance) {
      const D = require('dockerode') as typeof Dockerode;
      instance = new D(dockerodeOptions(endpoint));
    }
    return instance;
  };
}
