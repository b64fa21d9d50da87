/* Engine reads the lifecycle lesson needs beyond EngineClient: volumes, a container's mounts, GET /system/df. */
import type Dockerode from 'dockerode';
import { endpointFromEnv, engineCall } from './engine-endpoint';
import { lazyDockerode } from './engine-dockerode';
import { getJson, lightReadsPossible } from './engine-http';

/** A named volume as `docker volume inspect` describes it. */
export interface VolumeFacts {
  name: string;
  driver: string;
  /** Where the local driver keeps its files: `<root>/volumes/<name>/_data`. */
  mountpoint: string;
  labels: Record<string, string>;
}

/** One mount of a container (`Mounts` of `docker inspect`): a volume, a bind or a tmpfs. */
export interface MountFacts {
  type: string;
  /** The volume's name, for a volume. */
  name?: string;
  /** The host path behind it. */
  source: string;
  /** The path inside the container. */
  destination: string;
}

/** What GET /system/df (`docker system df -v`) says. */
export interface DiskUsageFacts {
  /** Every layer in the engine's layer store, each counted once. */
  layersSize: number;
  images: { id: string; tags: string[]; size: number; sharedSize: number; containers: number }[];
  containers: { id: string; name: string; image: string; sizeRw: number }[];
  volumes: { name: string; size: number; refCount: number }[];
  buildCacheSize: number;
}

interface RawDf {
  LayersSize?: number;
  Images?: { Id: string; RepoTags?: string[] | null; Size: number; SharedSize: number; Containers: number }[] | null;
  Containers?: { Id: string; Names?: string[]; Image: string; SizeRw?: number }[] | null;
  Volumes?: { Name: string; UsageData?: { Size: number; RefCount: number } | null }[] | null;
  BuildCache?: { Size: number }[] | null;
}

/** The engine's reads for volumes, mounts and disk usage, on DOCKER_HOST or the default socket. */
export interface EngineReads {
  volume(name: string): Promise<VolumeFacts | undefined>;
  containerMounts(name: string): Promise<MountFacts[] | undefined>;
  diskUsage(): Promise<DiskUsageFacts>;
}

const notFound = (e: unknown) => (e as { statusCode?: number })?.statusCode === 404;

/**
 * Reads through the light GET client where it can (unix socket, plain TCP), else dockerode.
 * @example const df = await engineReads().diskUsage(); df.layersSize
 */
export function engineReads(env: Record<string, string | undefined> = process.env): EngineReads {
  const endpoint = endpointFromEnv(env);
  const docker = lazyDockerode(endpoint);
  const light = lightReadsPossible(endpoint, env);
  const get = <T>(path: string, viaDockerode: () => Promise<T>): Promise<T> => (light ? getJson<T>(endpoint, path) : viaDockerode());
  const call = engineCall(endpoint);
  const orUndefined = async <T>(f: () => Promise<T>) => {
    try {
      return await f();
    } catch (e) {
      if (notFound(e)) return undefined;
      throw e;
    }
  };
  return {
    volume: (name) =>
      call(() =>
        orUndefined(async () => {
          const v = await get<Dockerode.VolumeInspectInfo>(`/volumes/${encodeURIComponent(name)}`, () => docker().getVolume(name).inspect());
          return { name: v.Name, driver: v.Driver, mountpoint: v.Mountpoint, labels: (v.Labels as Record<string, string> | null) ?? {} };
        }),
      ),
    containerMounts: (name) =>
      call(() =>
        orUndefined(async () => {
          const c = await get<Dockerode.ContainerInspectInfo>(`/containers/${encodeURIComponent(name)}/json`, () => docker().getContainer(name).inspect());
          return (c.Mounts ?? []).map((m) => ({ type: m.Type ?? '', name: m.Name, source: m.Source, destination: m.Destination }));
        }),
      ),
    diskUsage: () =>
      call(async () => {
        const df = await get<RawDf>('/system/df', () => docker().df() as Promise<RawDf>);
        return {
          layersSize: df.LayersSize ?? 0,
          images: (df.Images ?? []).map((i) => ({ id: i.Id, tags: (i.RepoTags ?? []).filter((t) => t !== '<none>:<none>'), size: i.Size, sharedSize: i.SharedSize, containers: i.Containers })),
          containers: (df.Containers ?? []).map((c) => ({ id: c.Id, name: (c.Names?.[0] ?? '').replace(/^\//, ''), image: c.Image, sizeRw: c.SizeRw ?? 0 })),
          volumes: (df.Volumes ?? []).map((v) => ({ name: v.Name, size: v.UsageData?.Size ?? -1, refCount: v.UsageData?.RefCount ?? -1 })),
          buildCacheSize: (df.BuildCache ?? []).reduce((n, b) => n + (b.Size ?? 0), 0),
        };
      }),
  };
}
