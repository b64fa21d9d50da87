/* The engine calls that create and remove things (the tour, cleanup). Reads stay in engine.ts. */
import type Dockerode from 'dockerode';
import { OverlayLabError } from '../i18n/errors';
import { endpointFromEnv, engineCall, isSocketError } from '../docker/engine/engine-endpoint';
import { lazyDockerode } from '../docker/engine/engine-dockerode';

/** What a command run inside a container printed, and how it ended. */
export interface ExecOutcome {
  exitCode: number;
  stdout: string;
  stderr: string;
}

/** A container the lab starts (not a helper: it keeps running until removed). */
export interface LabContainerSpec {
  name: string;
  image: string;
  cmd: string[];
  labels: Record<string, string>;
}

/** One line of progress from a slow operation (a build step, a pull). */
export type ProgressListener = (line: string) => void;

/** The write side of the engine: small, so tests can count calls and the tour can be replayed. */
export interface LabEngine {
  /** `docker build` (legacy builder, intermediate containers always removed); returns the image id. */
  build(context: NodeJS.ReadableStream, tag: string, onProgress?: ProgressListener, signal?: AbortSignal): Promise<string>;
  /** `docker pull`; returns false when no registry answers. */
  pull(ref: string, onProgress?: ProgressListener, signal?: AbortSignal): Promise<boolean>;
  /** `docker run -d`: creates and starts; returns the id. */
  run(spec: LabContainerSpec): Promise<string>;
  /** `docker exec`: runs a command in a running container and waits for it. */
  exec(container: string, cmd: string[]): Promise<ExecOutcome>;
  /** `docker rm -f`; no error when already gone. */
  removeContainer(id: string): Promise<void>;
  /** `docker rmi` (never forced: an image a container uses stays); no error when already gone. */
  removeImage(ref: string): Promise<void>;
}

const statusOf = (e: unknown) => (e as { statusCode?: number })?.statusCode;

/** Reads a JSON-lines progress stream to its end; the last `error` wins. */
function follow(docker: Dockerode, stream: NodeJS.ReadableStream, onEvent: (e: Record<string, unknown>) => void): Promise<void> {
  return new Promise((resolve, reject) =>
    docker.modem.followProgress(
      stream,
      (err: Error | null, out: Array<{ error?: string }>) => {
        const failed = out?.find((o) => o.error);
        if (err || failed) reject(err ?? new Error(failed?.error));
        else resolve();
      },
      onEvent,
    ),
  );
}

/**
 * The engine's write calls through dockerode, on DOCKER_HOST or the default socket.
 * @example const lab = connectLabEngine(process.env); const id = await lab.run({ name: 'x', image: 'overlay-lab/busybox:1', cmd: ['sleep', '60'], labels: {} });
 */
export function connectLabEngine(env: Record<string, string | undefined> = process.env): LabEngine {
  const endpoint = endpointFromEnv(env);
  const docker = lazyDockerode(endpoint);
  const call = engineCall(endpoint);
  return {
    build: (context, tag, onProgress, signal) =>
      call(async () => {
        // rm + forcerm: the builder's step containers go even when a step fails.
        const stream = await docker().buildImage(context, { t: tag, rm: true, forcerm: true, abortSignal: signal } as Dockerode.ImageBuildOptions);
        let id = '';
        await follow(docker(), stream, (e) => {
          const text = typeof e.stream === 'string' ? e.stream.trim() : '';
          if (text && onProgress) for (const l of text.split('\n')) if (l.trim()) onProgress(l.trim());
          const aux = e.aux as { ID?: string } | undefined;
          if (aux?.ID) id = aux.ID;
        });
        return id || ((await docker().getImage(tag).inspect()).Id as string);
      }),
    pull: (ref, onProgress, signal) =>
      call(async () => {
        try {
          const stream = await docker().pull(ref, { abortSignal: signal });
          await follow(docker(), stream, (e) => {
            if (onProgress && typeof e.status === 'string') onProgress(`${e.id ? `${e.id}: ` : ''}${e.status}`);
          });
          return true;
        } catch (e) {
          if (e instanceof OverlayLabError) throw e;
          if (isSocketError(e)) throw e; // the engine itself did not answer: mapped by call()
          return false; // the engine answered, the registry did not (offline, no such image)
        }
      }),
    run: (spec) =>
      call(async () => {
        const c = await docker().createContainer({ name: spec.name, Image: spec.image, Cmd: spec.cmd, Labels: spec.labels, HostConfig: { NetworkMode: 'none' } });
        try {
          await c.start();
        } catch (e) {
          await c.remove({ force: true }).catch(() => undefined);
          throw e;
        }
        return c.id;
      }),
    exec: (container, cmd) =>
      call(async () => {
        const exec = await docker().getContainer(container).exec({ Cmd: cmd, AttachStdout: true, AttachStderr: true });
        const stream = await exec.start({ hijack: true, stdin: false });
        const chunks = { out: [] as Buffer[], err: [] as Buffer[] };
        const sink = (list: Buffer[]) => ({ write: (c: Buffer) => (list.push(c), true) }) as unknown as NodeJS.WritableStream;
        docker().modem.demuxStream(stream, sink(chunks.out), sink(chunks.err));
        await new Promise<void>((resolve, reject) => {
          stream.on('end', resolve);
          stream.on('close', resolve);
          stream.on('error', reject);
        });
        const info = await exec.inspect();
        return { exitCode: info.ExitCode ?? -1, stdout: Buffer.concat(chunks.out).toString('utf8'), stderr: Buffer.concat(chunks.err).toString('utf8') };
      }),
    removeContainer: (id) =>
      call(async () => {
        try {
          await docker().getContainer(id).remove({ force: true, v: true });
        } catch (e) {
          const s = statusOf(e);
          if (s !== 404 && s !== 409) throw e;
        }
      }),
    removeImage: (ref) =>
      call(async () => {
        try {
          await docker().getImage(ref).remove();
        } catch (e) {
          if (statusOf(e) !== 404) throw e;
        }
      }),
  };
}
