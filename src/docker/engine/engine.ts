/* The engine as overlay-lab sees it: a small interface, adapted from dockerode once (dockerode-engine.ts). */

/**
 * overlay2's entry in `GraphDriver.Data` of `docker inspect` (dockerode's types only know
 * devicemapper's fields). LowerDir lists `<id>/diff` paths joined by ':', uppermost first.
 */
export interface Overlay2Data {
  LowerDir?: string;
  UpperDir?: string;
  WorkDir?: string;
  MergedDir?: string;
}

/** What `docker info` and `docker version` say that matters here. */
export interface EngineFacts {
  /** Where the engine answers: unix:///var/run/docker.sock, tcp://host:2375, ssh://... */
  endpoint: string;
  /** A unix socket: the engine (and its files) are on this machine. */
  local: boolean;
  version: string;
  apiVersion: string;
  os: string;
  kernel: string;
  /** Storage driver name: overlay2, btrfs, zfs, vfs, or overlayfs for the containerd store. */
  driver: string;
  /** Docker root (DockerRootDir), /var/lib/docker by default. */
  rootDir: string;
  /** The `DriverStatus` pairs of `docker info`, e.g. ["Backing Filesystem", "extfs"]. */
  driverStatus: [string, string][];
}

/** One image as the engine describes it. */
export interface ImageFacts {
  id: string;
  tags: string[];
  /** RootFS.Layers: diff IDs, bottom layer first. */
  diffIds: string[];
  driver: string;
  data: Overlay2Data;
  /** Parent image (legacy builder's intermediate images), '' if none. */
  parent: string;
  created: string;
  size: number;
  labels: Record<string, string>;
}

/** One container as the engine describes it. */
export interface ContainerFacts {
  id: string;
  /** Without the leading '/'. */
  name: string;
  imageId: string;
  /** What the user asked for (Config.Image): a tag or an id. */
  imageRef: string;
  running: boolean;
  pid: number;
  driver: string;
  data: Overlay2Data;
  labels: Record<string, string>;
}

/** A short-lived, read-only helper container (see helper-container.ts). */
export interface HelperSpec {
  image: string;
  cmd: string[];
  labels: Record<string, string>;
  /** "host:container:ro" bind mounts. */
  binds?: string[];
  privileged?: boolean;
  capAdd?: string[];
  pidHost?: boolean;
  env?: string[];
}

/** What a helper printed and how it ended. */
export interface HelperOutcome {
  exitCode: number;
  stdout: string;
  stderr: string;
}

/** One event of GET /events (`docker events`), container or image. */
export interface EngineEvent {
  /** container, image. */
  type: string;
  /** create, start, die, destroy, commit, pull, tag, untag, delete, prune, load, import... */
  action: string;
  /** The container id, the image id, or for a pull the reference pulled. */
  id: string;
  /** Actor.Attributes: name, image, imageID (commit), the container's labels... */
  attributes: Record<string, string>;
  /** When the engine logged it, milliseconds since the epoch, on the engine's clock. */
  at: number;
  /** When this process read it, on this machine's clock. */
  receivedAt: number;
}

/** A followed event stream. */
export interface EventSubscription {
  /** Settles when the stream stops: the engine restarted or went away (or close() was called). */
  ended: Promise<void>;
  close(): void;
}

/**
 * The few engine calls overlay-lab makes. Everything above this line is plain data, so the
 * model can be built from a live engine, a recorded snapshot or the simulated host alike.
 */
export interface EngineClient {
  readonly endpoint: string;
  readonly local: boolean;
  facts(): Promise<EngineFacts>;
  /**
   * Every image, intermediate ones (the legacy builder's parents) included. `known`: facts
   * read before, by id; an image id names its content, so only the tags are read again.
   */
  images(opts?: { known?: ReadonlyMap<string, ImageFacts> }): Promise<ImageFacts[]>;
  image(nameOrId: string): Promise<ImageFacts | undefined>;
  /**
   * Every container, stopped ones included. `listOnly`: from GET /containers/json alone, without
   * a per-container inspect (which waits while the engine holds a starting container's lock,
   * seconds during a build step): no GraphDriver data, no pid, driver ''.
   */
  containers(opts?: { listOnly?: boolean }): Promise<ContainerFacts[]>;
  container(nameOrId: string): Promise<ContainerFacts | undefined>;
  /** Imports a root file system tar as an image (docker import). */
  importImage(tar: NodeJS.ReadableStream, repoTag: string, changes: string[]): Promise<void>;
  /** Creates, starts, waits for and always removes a helper container; `onCreated` sees its id. */
  runHelper(spec: HelperSpec, onCreated?: (id: string) => void): Promise<HelperOutcome>;
  /** Removes a container by id, forcefully; no error if it is already gone. */
  removeContainer(id: string): Promise<void>;
  /** Ids of the containers carrying a label (key=value). */
  containersWithLabel(label: string): Promise<string[]>;
  /** Follows GET /events (containers and images) from `since` (seconds) on. */
  events(onEvent: (e: EngineEvent) => void, since?: number): Promise<EventSubscription>;
}
