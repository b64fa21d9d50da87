/* One helper container's life (create, attach, start, wait, remove) apart from connectEngine, which only wires calls. */
import type Dockerode from 'dockerode';
import { PassThrough } from 'node:stream';
import type { HelperOutcome, HelperSpec } from './engine';

/**
 * Runs a helper container to its end and returns what it printed; the container is removed
 * whatever happens, through the caller's removeContainer.
 * @example const outcome = await runHelperContainer(docker, spec, undefined, removeContainer);
 */
export async function runHelperContainer(
  docker: () => Dockerode,
  spec: HelperSpec,
  onCreated: ((id: string) => void) | undefined,
  removeContainer: (id: string) => Promise<void>,
): Promise<HelperOutcome> {
  const created = await docker().createContainer({
    Image: spec.image,
    Cmd: spec.cmd,
    Labels: spec.labels,
    Env: spec.env,
    Tty: false,
    AttachStdout: true,
    AttachStderr: true,
    NetworkDisabled: true,
    HostConfig: {
      Binds: spec.binds,
      Privileged: spec.privileged ?? false,
      CapAdd: spec.capAdd,
      PidMode: spec.pidHost ? 'host' : undefined,
      ReadonlyRootfs: true,
      NetworkMode: 'none',
    },
  });
  onCreated?.(created.id);
  try {
    const stream = await created.attach({ stream: true, stdout: true, stderr: true });
    const out = new PassThrough();
    const err = new PassThrough();
    const chunks = { out: [] as Buffer[], err: [] as Buffer[] };
    out.on('data', (c: Buffer) => chunks.out.push(c));
    err.on('data', (c: Buffer) => chunks.err.push(c));
    const ended = new Promise<void>((resolve) => stream.on('end', resolve));
    docker().modem.demuxStream(stream, out, err);
    await created.start();
    const status = (await created.wait()) as { StatusCode: number };
    await Promise.race([ended, new Promise((r) => setTimeout(r, 2000))]);
    const outcome: HelperOutcome = {
      exitCode: status.StatusCode,
      stdout: Buffer.concat(chunks.out).toString('utf8'),
      stderr: Buffer.concat(chunks.err).toString('utf8'),
    };
    return outcome;
  } finally {
    await removeContainer(created.id);
  }
}
