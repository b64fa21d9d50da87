/* Node adapters at the edge: files, directories, zlib, crypto and the engine's `docker save` stream. */
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as nodePath from 'node:path';
import { Readable } from 'node:stream';
import * as zlib from 'node:zlib';
import { OverlayLabError } from '../i18n/errors';
import { endpointFromEnv, throwSocketError } from '../docker/engine/engine-endpoint';
import { lazyDockerode } from '../docker/engine/engine-dockerode';
import { getStream, lightReadsPossible } from '../docker/engine/engine-http';
import { engineRefused, notFound } from '../docker/errors';
import type { Inode } from '../union/inode';
import { imageError, within } from './errors';
import { ContentTable, type ImageIo, type ImageLayer, type LoadedImage, type LoadOptions } from './image';
import { readLayerDir } from './layer-dir';
import { assemble, loadArchive } from './load-archive';
import { planImage } from './manifest';
import { readLayer, resolveLoadOptions, type LoadState } from './read-layer';

/**
 * Node's crypto and zlib for the pure loaders.
 * @example await loadArchive(chunks, 'img.tar', nodeImageIo)
 */
export const nodeImageIo: ImageIo = {
  sha256() {
    const h = createHash('sha256');
    return { update: (d) => void h.update(d), digest: () => h.digest('hex') };
  },
  gunzip(source) {
    // A stream error (a truncated outer archive) reaches the consumer through the gunzip stream.
    const input = Readable.from(source, { objectMode: false });
    const z = zlib.createGunzip({ chunkSize: 256 * 1024 });
    input.on('error', (e) => z.destroy(e));
    return input.pipe(z);
  },
};

const CHUNK = 1 << 20;

function openFile(file: string): { stream: fs.ReadStream; size: number } {
  let size: number;
  try {
    const st = fs.statSync(file);
    if (!st.isFile()) throw Object.assign(new Error('not a regular file'), { code: 'EISDIR' });
    size = st.size;
  } catch (e) {
    throw imageError('EIMAGE_OPEN', file, '', (e as NodeJS.ErrnoException).code ?? String(e));
  }
  return { stream: fs.createReadStream(file, { highWaterMark: CHUNK }), size };
}

/**
 * Loads a `docker save` archive (or an OCI archive) from a file, plain or gzip, streaming.
 * @example const image = await loadImageArchive('busybox.tar', { hashesOnly: true })
 */
export async function loadImageArchive(file: string, options: LoadOptions = {}): Promise<LoadedImage> {
  const { stream, size } = openFile(file);
  try {
    return await loadArchive(stream, file, nodeImageIo, options, size);
  } finally {
    stream.destroy();
  }
}

/**
 * Loads an image layout directory: an OCI image layout (oci-layout, index.json, blobs/), or a
 * `docker save` archive unpacked (manifest.json and its layer tars). Only files below `dir` are read.
 * @example const image = await loadImageDir('./oci', { ref: 'latest' })
 */
export async function loadImageDir(dir: string, options: LoadOptions = {}): Promise<LoadedImage> {
  const opts = resolveLoadOptions(options);
  const state: LoadState = { io: nodeImageIo, opts, contents: new ContentTable(), inflated: 0, droppedXattrs: [] };
  const top = nodePath.resolve(dir);
  // Keys come from manifests: resolve symbolic links too, so none leads out of the directory.
  const real = (key: string) => {
    const abs = nodePath.join(top, key);
    try {
      const r = fs.realpathSync(abs);
      const rootReal = fs.realpathSync(top);
      if (r !== rootReal && !r.startsWith(rootReal + nodePath.sep)) throw imageError('EIMAGE_LINK_OUTSIDE', dir, key, r);
      return r;
    } catch (e) {
      if (e instanceof OverlayLabError) throw e;
      return undefined;
    }
  };
  const read = (key: string) => {
    const abs = real(key);
    if (!abs) return undefined;
    const st = fs.statSync(abs);
    return st.isFile() && st.size <= 8 * 2 ** 20 ? new Uint8Array(fs.readFileSync(abs)) : undefined;
  };
  let tops: string[] = [];
  try {
    tops = fs.readdirSync(top);
  } catch (e) {
    throw imageError('EIMAGE_OPEN', dir, '', (e as NodeJS.ErrnoException).code ?? String(e));
  }
  const plan = planImage(read, dir, opts.ref, undefined, tops);
  if (plan.format === 'oci-archive') plan.format = 'oci-layout';
  const loaded = new Map<string, Omit<ImageLayer, 'position' | 'source'>>();
  for (const key of plan.layerKeys) {
    if (loaded.has(key)) continue;
    const abs = real(key);
    if (!abs || !fs.statSync(abs).isFile()) throw imageError('EIMAGE_MISSING_BLOB', dir, key);
    const size = fs.statSync(abs).size;
    const stream = fs.createReadStream(abs, { highWaterMark: CHUNK });
    try {
      loaded.set(key, await readLayer(state, stream, within(dir, key), size));
    } finally {
      stream.destroy();
    }
  }
  return assemble(plan, (k) => loaded.get(k)!, state, dir);
}

/** Records size and hash of every file of a tree read from disk; drops the bytes when hashesOnly. */
function recordTree(root: Inode, contents: ContentTable, hashesOnly: boolean): number {
  let bytes = 0;
  const seen = new Set<Inode>();
  const visit = (n: Inode) => {
    if (n.type === 'd') return n.entries.forEach(visit);
    if (n.type !== 'f' || seen.has(n)) return;
    seen.add(n);
    const data = n.data;
    bytes += data.length;
    contents.record(n, { sha256: createHash('sha256').update(data).digest('hex'), size: data.length }, hashesOnly ? undefined : data);
  };
  visit(root);
  return bytes;
}

/**
 * Loads layer directories as overlay2 keeps them (`diff/`: char 0/0 whiteouts, opaque xattrs),
 * bottom first, e.g. the `diff/` directories of an image in /var/lib/docker/overlay2.
 * @example const image = loadLayerDirs(['/var/lib/docker/overlay2/abc/diff', '/var/lib/docker/overlay2/def/diff'])
 */
export function loadLayerDirs(dirs: string[], options: LoadOptions = {}): LoadedImage {
  const opts = resolveLoadOptions(options);
  if (dirs.length > opts.maxLayers) throw imageError('EIMAGE_TOO_MANY_LAYERS', dirs[0] ?? '', '', String(dirs.length));
  const contents = new ContentTable();
  const layers = dirs.map((dir, i): ImageLayer => {
    let root: Inode;
    try {
      root = readLayerDir(dir);
    } catch (e) {
      throw imageError('EIMAGE_OPEN', dir, '', (e as NodeJS.ErrnoException).code ?? String(e));
    }
    const tarBytes = recordTree(root, contents, opts.hashesOnly);
    return { position: i + 1, source: dir, root, compression: 'none', tarBytes };
  });
  return { source: dirs.join(':'), format: 'layer-dirs', available: [], layers, contents, hashesOnly: opts.hashesOnly, warnings: [] };
}

/** `docker save NAME` through the Engine API (GET /images/NAME/get), as a stream of chunks. */
async function engineSave(name: string, env: Record<string, string | undefined>): Promise<AsyncIterable<Uint8Array>> {
  const endpoint = endpointFromEnv(env);
  try {
    if (lightReadsPossible(endpoint, env)) return await getStream(endpoint, `/images/${encodeURIComponent(name)}/get`);
    return (await lazyDockerode(endpoint)().getImage(name).get()) as unknown as AsyncIterable<Uint8Array>;
  } catch (e) {
    const status = (e as { statusCode?: number }).statusCode;
    if (status === 404) throw notFound('image', name);
    if (status) throw engineRefused(endpoint.socketPath ?? endpoint.url, `docker save ${name}`, status, (e as Error).message);
    return throwSocketError(e, endpoint);
  }
}

/**
 * Loads a local image of the Docker engine by name (what `docker save NAME` gives), streaming.
 * @example const image = await loadImageFromEngine('overlay-lab/layers:1', process.env, { hashesOnly: true })
 */
export async function loadImageFromEngine(name: string, env: Record<string, string | undefined> = process.env, options: LoadOptions = {}): Promise<LoadedImage> {
  const stream = await engineSave(name, env);
  try {
    const image = await loadArchive(stream, `docker save ${name}`, nodeImageIo, { ...options, ref: options.ref ?? name });
    return { ...image, source: name };
  } finally {
    (stream as { destroy?: () => void }).destroy?.();
  }
}

/**
 * Loads what a person names: an archive file, an image layout directory, or else a local image
 * of the engine.
 * @example const image = await openImage('busybox.tar', process.env, { hashesOnly: true })
 */
export async function openImage(spec: string, env: Record<string, string | undefined> = process.env, options: LoadOptions = {}): Promise<LoadedImage> {
  let st: fs.Stats | undefined;
  try {
    st = fs.statSync(spec);
  } catch {
    st = undefined;
  }
  if (st?.isDirectory()) return loadImageDir(spec, options);
  if (st) return loadImageArchive(spec, options);
  if (spec.includes('/') && (spec.startsWith('.') || spec.startsWith('/')) ) throw imageError('EIMAGE_OPEN', spec, '', 'ENOENT');
  return loadImageFromEngine(spec, env, options);
}
