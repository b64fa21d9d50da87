import type Dockerode from 'dockerode';
import type { ContainerFacts, EngineClient, EngineFacts, ImageFacts, Overlay2Data } from './engine';
import { endpointFromEnv, engineCall } from './engine-endpoint';
import { lazyDockerode } from './engine-dockerode';
import { mapLimit } from './concurrency';
import { getJson, lightReadsPossible } from './engine-http';
import { runHelperContainer } from './engine-helper-run';
import { subscribeEvents } from './engine-events';

export { DEFAULT_SOCKET, endpointFromEnv, type Endpoint } from './engine-endpoint';

/** The fields of GET /info that overlay-lab reads. */
interface EngineInfo {
  OperatingSystem?: string;
  KernelVersion?: string;
  Driver?: string;
  DockerRootDir?: string;
  DriverStatus?: [string, string][];
}

function data(d: unknown): Overlay2Data {
  return (d ?? {}) as Overlay2Data;
}

function imageFacts(i: Dockerode.ImageInspectInfo): ImageFacts {
  return {
    id: i.Id,
    tags: (i.RepoTags ?? []).filter((t) => t !== '<none>:<none>'),
    diffIds: i.RootFS?.Layers ?? [],
    driver: i.GraphDriver?.Name ?? '',
    data: data(i.GraphDriver?.Data),
    parent: i.Parent ?? '',
    created: i.Created,
    size: i.Size,
    labels: (i.Config?.Labels as Record<string, string> | null) ?? {},
  };
}

function containerFacts(c: Dockerode.ContainerInspectInfo): ContainerFacts {
  return {
    id: c.Id,
    name: c.Name.replace(/^\//, ''),
    imageId: c.Image,
    imageRef: c.Config?.Image ?? '',
    running: Boolean(c.State?.Running),
    pid: c.State?.Pid ?? 0,
    driver: c.GraphDriver?.Name ?? '',
    data: data(c.GraphDriver?.Data),
    labels: c.Config?.Labels ?? {},
  };
}

/** A container as the list describes it: no GraphDriver data, so no disk checks are made on it. */
function listedContainer(c: Dockerode.ContainerInfo): ContainerFacts {
  return {
    id: c.Id,
    name: (c.Names?.[0] ?? c.Id).replace(/^\//, ''),
    imageId: c.ImageID,
    imageRef: c.Image,
    running: c.State === 'running',
    pid: 0,
    driver: '',
    data: {},
    labels: c.Labels ?? {},
  };
}

/** 404 from the engine: the thing is not there. */
function isNotFound(e: unknown): boolean {
  return (e as { statusCode?: number })?.statusCode === 404;
}

/**
 * The engine through dockerode, with socket errors turned into one clear line.
 * @example const engine = connectEngine(process.env); const facts = await engine.facts();
 */
export function connectEngine(env: Record<string, string | undefined> = process.env): EngineClient {
  const endpoint = endpointFromEnv(env);
  // dockerode is loaded on first use only (helpers, imports, TLS or ssh endpoints).
  const docker = lazyDockerode(endpoint);
  const light = lightReadsPossible(endpoint, env);
  const get = <T>(path: string, viaDockerode: () => Promise<T>): Promise<T> => (light ? getJson<T>(endpoint, path) : viaDockerode());
  const call = engineCall(endpoint);

  const image = (name: string) =>
    call(async () => {
      try {
        return imageFacts(await get(`/images/${encodeURIComponent(name)}/json`, () => docker().getImage(name).inspect()));
      } catch (e) {
        if (isNotFound(e)) return undefined;
        throw e;
      }
    });
  const container = (name: string) =>
    call(async () => {
      try {
        return containerFacts(await get(`/containers/${encodeURIComponent(name)}/json`, () => docker().getContainer(name).inspect()));
      } catch (e) {
        if (isNotFound(e)) return undefined;
        throw e;
      }
    });
  const removeContainer = (id: string) =>
    call(async () => {
      try {
        await docker().getContainer(id).remove({ force: true, v: true });
      } catch (e) {
        const code = (e as { statusCode?: number }).statusCode;
        if (code !== 404 && code !== 409) throw e; // 409: removal already in progress
      }
    });

  return {
    endpoint: endpoint.url,
    local: endpoint.local,
    facts: () =>
      call(async () => {
        const [info, version] = await Promise.all([
          get<EngineInfo>('/info', () => docker().info() as Promise<EngineInfo>),
          get<Dockerode.DockerVersion>('/version', () => docker().version()),
        ]);
        const facts: EngineFacts = {
          endpoint: endpoint.url,
          local: endpoint.local,
          version: version.Version,
          apiVersion: version.ApiVersion,
          os: info.OperatingSystem ?? '',
          kernel: info.KernelVersion ?? '',
          driver: info.Driver ?? '',
          rootDir: info.DockerRootDir ?? '/var/lib/docker',
          driverStatus: (info.DriverStatus ?? []) as [string, string][],
        };
        return facts;
      }),
    images: (opts) =>
      call(async () => {
        const list = await get<Dockerode.ImageInfo[]>('/images/json?all=1', () => docker().listImages({ all: true }));
        const known = opts?.known;
        const facts = await mapLimit(list, 16, async (i) => {
          const k = known?.get(i.Id);
          return k ? { ...k, tags: (i.RepoTags ?? []).filter((t) => t !== '<none>:<none>') } : image(i.Id);
        });
        return facts.filter((f): f is ImageFacts => f !== undefined); // removed meanwhile
      }),
    image,
    containers: (opts) =>
      call(async () => {
        const list = await get<Dockerode.ContainerInfo[]>('/containers/json?all=1', () => docker().listContainers({ all: true }));
        if (opts?.listOnly) return list.map(listedContainer);
        const facts = await mapLimit(list, 16, (c) => container(c.Id));
        return facts.filter((f): f is ContainerFacts => f !== undefined);
      }),
    container,
    importImage: (tar, repoTag, changes) =>
      call(async () => {
        const [repo, tag] = repoTag.split(':');
        const stream = await docker().importImage(tar, { repo, tag, changes });
        await new Promise<void>((resolve, reject) =>
          docker().modem.followProgress(stream, (err: Error | null, out: Array<{ error?: string }>) => {
            const failed = out?.find((o) => o.error);
            if (err || failed) reject(err ?? new Error(failed?.error));
            else resolve();
          }),
        );
      }),
    runHelper: (spec, onCreated) => call(() => runHelperContainer(docker, spec, onCreated, removeContainer)),
    removeContainer,
    containersWithLabel: (label) =>
      call(async () => (await docker().listContainers({ all: true, filters: { label: [label] } })).map((c) => c.Id)),
    events: (onEvent, since) => call(() => subscribeEvents(docker(), onEvent, since)),
  };
}
