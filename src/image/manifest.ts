/* Pure: finds an image's layers and config in a Docker archive's manifest.json or an OCI index.json. */
import { imageError } from './errors';
import type { ImageFormat } from './image';
import { entryPath } from './layer-builder';

/** What an archive says about one image: its layer blobs bottom first, and its config. */
export interface ImagePlan {
  format: Exclude<ImageFormat, 'layer-dirs'>;
  ref?: string;
  available: string[];
  /** Keys (paths inside the archive or layout) of the layer blobs, bottom first. */
  layerKeys: string[];
  configKey?: string;
  configId?: string;
  /** rootfs.diff_ids of the config, bottom first. */
  diffIds?: string[];
  /** created_by of each non-empty history step, bottom first (aligned with the layers when counts agree). */
  createdBy?: string[];
}

/** Reads a small file of the archive or layout by key; undefined when absent. */
export type BlobReader = (key: string) => Uint8Array | undefined;

type Json = Record<string, unknown>;
const isObj = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

function parseJson(read: BlobReader, key: string, where: string): unknown {
  const bytes = read(key);
  if (!bytes) throw imageError('EIMAGE_MISSING_BLOB', where, key);
  try {
    return JSON.parse(new TextDecoder().decode(bytes));
  } catch (e) {
    throw imageError('EIMAGE_BAD_MANIFEST', where, key, (e as Error).message);
  }
}

/**
 * The key of a blob in an OCI layout: `blobs/<algorithm>/<hex>`. A digest that is not one
 * (it could smuggle `../` into a path) is refused.
 * @example blobKey('sha256:ab12...', 'x', 'index.json') // 'blobs/sha256/ab12...'
 */
export function blobKey(digest: unknown, where: string, from: string): string {
  if (typeof digest !== 'string' || !/^[a-z0-9]+(?:[+._-][a-z0-9]+)*:[a-zA-Z0-9=_-]{32,}$/.test(digest)) {
    throw imageError('EIMAGE_BAD_MANIFEST', where, from, `bad digest ${JSON.stringify(digest)?.slice(0, 80)}`);
  }
  const [alg, hex] = digest.split(':');
  return `blobs/${alg}/${hex}`;
}

function safeKey(raw: unknown, where: string, from: string): string {
  if (typeof raw !== 'string') throw imageError('EIMAGE_BAD_MANIFEST', where, from, 'a path that is not a string');
  const p = entryPath(raw);
  if ('unsafe' in p) throw imageError('EIMAGE_UNSAFE_PATH', where, raw, p.unsafe);
  return p.parts.join('/');
}

function readConfig(plan: ImagePlan, read: BlobReader, where: string): ImagePlan {
  if (!plan.configKey || !read(plan.configKey)) return plan;
  const c = parseJson(read, plan.configKey, where);
  if (!isObj(c)) throw imageError('EIMAGE_BAD_MANIFEST', where, plan.configKey, 'not an object');
  const rootfs = c.rootfs;
  if (isObj(rootfs) && Array.isArray(rootfs.diff_ids)) plan.diffIds = rootfs.diff_ids.map(String);
  if (Array.isArray(c.history)) {
    plan.createdBy = c.history.filter((h) => isObj(h) && h.empty_layer !== true).map((h) => String((h as Json).created_by ?? ''));
  }
  return plan;
}

/** Docker's `docker save` format: manifest.json lists images, each with Config and Layers paths. */
function fromDockerManifest(m: unknown, read: BlobReader, where: string, ref: string | undefined, format: ImagePlan['format']): ImagePlan {
  if (!Array.isArray(m) || m.length === 0 || !m.every(isObj)) throw imageError('EIMAGE_BAD_MANIFEST', where, 'manifest.json', 'not a list of images');
  const name = (e: Json) => (Array.isArray(e.RepoTags) && e.RepoTags.length ? e.RepoTags.map(String).join(',') : String(e.Config ?? '?').replace(/^blobs\/sha256\//, '').slice(0, 12));
  const available = m.map(name);
  const wanted = ref && !ref.includes(':') ? `${ref}:latest` : ref;
  const chosen = ref
    ? m.find((e) => (Array.isArray(e.RepoTags) && (e.RepoTags.includes(ref) || e.RepoTags.includes(wanted))) || String(e.Config ?? '').replace(/^blobs\/sha256\//, '').startsWith(ref.replace(/^sha256:/, '')))
    : m[0];
  if (!chosen) throw imageError('EIMAGE_NO_REF', where, ref!, available.join(' '));
  if (!Array.isArray(chosen.Layers)) throw imageError('EIMAGE_BAD_MANIFEST', where, 'manifest.json', 'no Layers list');
  const configKey = chosen.Config === undefined ? undefined : safeKey(chosen.Config, where, 'manifest.json');
  const plan: ImagePlan = {
    format,
    ref: Array.isArray(chosen.RepoTags) ? (chosen.RepoTags.includes(ref) ? ref : String(chosen.RepoTags[0] ?? '')) || undefined : undefined,
    available,
    layerKeys: chosen.Layers.map((l) => safeKey(l, where, 'manifest.json')),
    configKey,
    configId: configKey ? `sha256:${configKey.replace(/^blobs\/sha256\//, '').replace(/\.json$/, '')}` : undefined,
  };
  return readConfig(plan, read, where);
}

const INDEX_TYPES = ['application/vnd.oci.image.index.v1+json', 'application/vnd.docker.distribution.manifest.list.v2+json'];
const REF_ANNOTATIONS = ['io.containerd.image.name', 'org.opencontainers.image.ref.name'];

/** Picks a manifest from an index: by reference annotation, else linux on `arch`, else the first. */
function pickFromIndex(read: BlobReader, index: Json, key: string, where: string, ref: string | undefined, arch: string, depth: number): { manifest: Json; manifestKey: string; ref?: string; available: string[] } {
  if (depth > 4) throw imageError('EIMAGE_BAD_MANIFEST', where, key, 'indexes nested too deep');
  const list = index.manifests;
  if (!Array.isArray(list) || list.length === 0 || !list.every(isObj)) throw imageError('EIMAGE_BAD_MANIFEST', where, key, 'no manifests');
  const refOf = (d: Json) => {
    const a = isObj(d.annotations) ? d.annotations : {};
    return REF_ANNOTATIONS.map((n) => a[n]).find((v): v is string => typeof v === 'string');
  };
  const available = list.map((d) => refOf(d) ?? String(d.digest ?? '?').slice(7, 19));
  let chosen = ref ? list.find((d) => refOf(d) === ref || String(d.digest ?? '').replace(/^sha256:/, '').startsWith(ref.replace(/^sha256:/, ''))) : undefined;
  if (ref && !chosen && depth === 0) throw imageError('EIMAGE_NO_REF', where, ref, available.join(' '));
  const plat = (d: Json) => (isObj(d.platform) ? d.platform : {});
  chosen ??= list.find((d) => plat(d).os === 'linux' && plat(d).architecture === arch) ?? list[0];
  return { ...descend(read, chosen, where, key, ref, arch, depth), ref: refOf(chosen), available };
}

function descend(read: BlobReader, desc: Json, where: string, from: string, ref: string | undefined, arch: string, depth: number): { manifest: Json; manifestKey: string } {
  const k = blobKey(desc.digest, where, from);
  const doc = parseJson(read, k, where);
  if (!isObj(doc)) throw imageError('EIMAGE_BAD_MANIFEST', where, k, 'not an object');
  const type = String(doc.mediaType ?? desc.mediaType ?? '');
  if (INDEX_TYPES.includes(type) || Array.isArray(doc.manifests)) {
    const inner = pickFromIndex(read, doc, k, where, undefined, arch, depth + 1);
    return { manifest: inner.manifest, manifestKey: inner.manifestKey };
  }
  return { manifest: doc, manifestKey: k };
}

/** The OCI image layout: index.json -> (index ->) manifest -> config and layer blobs. */
function fromOciIndex(index: unknown, read: BlobReader, where: string, ref: string | undefined, arch: string, format: ImagePlan['format']): ImagePlan {
  if (!isObj(index)) throw imageError('EIMAGE_BAD_MANIFEST', where, 'index.json', 'not an object');
  const { manifest, manifestKey, ref: chosenRef, available } = pickFromIndex(read, index, 'index.json', where, ref, arch, 0);
  if (!Array.isArray(manifest.layers)) throw imageError('EIMAGE_BAD_MANIFEST', where, manifestKey, 'no layers list');
  const layerKeys = manifest.layers.map((l) => blobKey(isObj(l) ? l.digest : undefined, where, manifestKey));
  const config = isObj(manifest.config) ? manifest.config : undefined;
  const configKey = config ? blobKey(config.digest, where, manifestKey) : undefined;
  return readConfig({ format, ref: chosenRef, available, layerKeys, configKey, configId: config ? String(config.digest) : undefined }, read, where);
}

/**
 * Reads the manifests of an archive (or layout directory) and says which blobs make the image,
 * bottom first. `docker save` archives have manifest.json (Docker 25+ also an OCI index.json:
 * manifest.json is preferred, as `docker load` does); OCI layouts have only index.json.
 * @example planImage((k) => files.get(k), 'img.tar').layerKeys
 */
export function planImage(read: BlobReader, where: string, ref?: string, arch = 'amd64', tops: string[] = []): ImagePlan {
  const hasOci = read('index.json') !== undefined;
  if (read('manifest.json') !== undefined) return fromDockerManifest(parseJson(read, 'manifest.json', where), read, where, ref, 'docker-archive');
  if (hasOci) return fromOciIndex(parseJson(read, 'index.json', where), read, where, ref, arch, 'oci-archive');
  throw imageError('EIMAGE_NO_MANIFEST', where, '', tops.slice(0, 5).join(', ') || 'empty');
}
