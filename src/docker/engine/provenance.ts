/*
 * Where a run's outputs came from: the Docker engine (version, API, storage driver), the kernel,
 * the architecture and the date. Executed notebooks and the lab pages built from them print it,
 * so a reader can tell a live run on this kernel from a simulated one, and date every figure.
 */
import * as os from 'node:os';
import { OverlayLabError } from '../../i18n/errors';
import type { Localized } from '../../i18n/lang';
import { connectEngine } from './dockerode-engine';
import type { EngineClient } from './engine';

/** The engine part of a provenance record (null when no engine answered). */
export interface EngineProvenance {
  version: string;
  apiVersion: string;
  /** `Storage Driver` of `docker info`: overlay2, or overlayfs for the containerd image store. */
  storageDriver: string;
  /** `driver-type` from DriverStatus (io.containerd.snapshotter.v1 on the containerd store), if any. */
  driverType?: string;
  rootDir: string;
}

/** One run's provenance. */
export interface RunProvenance {
  /** ISO 8601, UTC. */
  date: string;
  /** `uname -r` of the machine that ran the cells (the kernel the overlay mounts used). */
  kernel: string;
  /** Node's os.arch() spelled as `uname -m` does (x86_64, aarch64). */
  arch: string;
  docker: EngineProvenance | null;
  /** Why no engine answered, in both languages, when docker is null. */
  noEngine?: Localized;
}

const UNAME_ARCH: Record<string, string> = { x64: 'x86_64', arm64: 'aarch64', arm: 'armv7l', ia32: 'i686', ppc64: 'ppc64le', s390x: 's390x' };

/**
 * Reads the provenance of a run now: engine facts when one answers, the kernel and the
 * architecture of this machine.
 * @example const p = await runProvenance(); p.docker?.storageDriver // 'overlay2'
 */
export async function runProvenance(opts: { engine?: EngineClient; now?: Date } = {}): Promise<RunProvenance> {
  const base = { date: (opts.now ?? new Date()).toISOString().replace(/\.\d{3}Z$/, 'Z'), kernel: os.release(), arch: UNAME_ARCH[os.arch()] ?? os.arch() };
  try {
    const f = await (opts.engine ?? connectEngine(process.env)).facts();
    const driverType = f.driverStatus.find(([k]) => k === 'driver-type')?.[1];
    return { ...base, docker: { version: f.version, apiVersion: f.apiVersion, storageDriver: f.driver, ...(driverType ? { driverType } : {}), rootDir: f.rootDir } };
  } catch (e) {
    if (e instanceof OverlayLabError && e.code === 'ENOENGINE') return { ...base, docker: null, noEngine: { en: e.render('en'), 'pt-BR': e.render('pt-BR') } };
    throw e;
  }
}
