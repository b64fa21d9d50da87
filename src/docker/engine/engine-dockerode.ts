/* The one place dockerode is constructed: lazily, for the endpoint overlay-lab resolved. */
import type Dockerode from 'dockerode';
import type { Endpoint } from './engine-endpoint';

/**
 * A getter for one dockerode client of an endpoint, created on first use: requiring dockerode
 * loads gRPC, protobuf and ssh2 (about 120 ms), which plain reads do without (engine-http.ts).
 * With DOCKER_HOST set (tcp, TLS, ssh), docker-modem reads it and DOCKER_TLS_VERIFY,
 * DOCKER_CERT_PATH itself.
 * @example const docker = lazyDockerode(endpointFromEnv(process.env)); await docker().ping();
 */
export function lazyDockerode(endpoint: Endpoint): () => Dockerode {
  let instance: Dockerode | undefined;
  return () => {
    if (!instance) {
      const D = require('dockerode') as typeof Dockerode;
      instance = endpoint.socketPath ? new D({ socketPath: endpoint.socketPath }) : new D();
    }
    return instance;
  };
}
