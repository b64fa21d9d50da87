/* Pure: a `docker save` archive or an OCI archive, read in one pass, -> a loaded image. */
import { localize } from '../i18n/format';
import { ByteReader } from './byte-reader';
import { imageError, within } from './errors';
import { ContentTable, type ImageIo, type ImageLayer, type LoadedImage, type LoadOptions } from './image';
import { entryPath } from './layer-builder';
import { planImage, type ImagePlan } from './manifest';
import { compressionOf, inflate, readLayerAhead, resolveLoadOptions, type LoadState } from './read-layer';
import { looksLikeTar, readTar } from './tar';

/** manifest.json, index.json, configs, OCI manifests: small JSON files kept whole. */
const MAX_SMALL = 8 * 2 ** 20;

const firstNonSpace = (b: Uint8Array) => b.find((x) => x !== 0x20 && x !== 0x0a && x !== 0x0d && x !== 0x09);

/**
 * Loads an image archive (`docker save`: the Docker archive format, with or without the OCI
 * layout inside; or an OCI archive), plain or gzip, in one pass. Entries may come in any order
 * (the legacy format puts manifest.json last), so every layer blob is read as it passes and
 * the manifest picks the image's layers at the end. Nothing is written anywhere.
 * @example const image = await loadArchive(chunks, 'img.tar', nodeImageIo, { hashesOnly: true })
 */
export async function loadArchive(source: AsyncIterable<Uint8Array>, where: string, io: ImageIo, options: LoadOptions = {}, packedSize?: number): Promise<LoadedImage> {
  const opts = resolveLoadOptions(options);
  const state: LoadState = { io, opts, contents: new ContentTable(), inflated: 0, droppedXattrs: [] };
  const head = new ByteReader(source);
  const kind = compressionOf(await head.peek(4));
  if (kind === 'zstd') throw imageError('EIMAGE_UNSUPPORTED', where, '(archive)', 'a zstd-compressed archive');
  const plain =
    kind === 'gzip'
      ? inflate(
          state,
          (async function* () {
            for (let p = await head.piece(1 << 20); p; p = await head.piece(1 << 20)) yield p;
          })(),
          packedSize,
          where,
          '(archive)',
        )
      : head;

  /** Layers read, each finished once its diff ID is hashed (which may go on while the next is read). */
  const layers = new Map<string, () => Promise<Omit<ImageLayer, 'position' | 'source'>>>();
  const zstd = new Set<string>();
  const small = new Map<string, Uint8Array>();
  /** Symbolic and hard links between entries: legacy `docker save` links a repeated layer.tar to the first. */
  const aliases = new Map<string, string>();
  const tops = new Set<string>();
  /** Big entries that are neither tar, gzip, zstd nor JSON: named in an error if the manifest wants them. */
  const skipped = new Set<string>();
  for await (const entry of readTar(plain, where)) {
    const h = entry.header;
    const p = entryPath(h.name);
    if ('unsafe' in p) throw imageError('EIMAGE_UNSAFE_PATH', where, h.name, p.unsafe);
    const key = p.parts.join('/');
    if (p.parts.length) tops.add(p.parts[0]);
    if (h.type === 'symlink' || h.type === 'link') {
      const target = h.type === 'link' ? entryPath(h.linkname) : entryPath([...p.parts.slice(0, -1), h.linkname].join('/'));
      if ('unsafe' in target || h.linkname.startsWith('/')) throw imageError('EIMAGE_LINK_OUTSIDE', where, h.name, h.linkname);
      aliases.set(key, target.parts.join('/'));
      continue;
    }
    if (h.type !== 'file') continue;
    if (layers.has(key) || small.has(key) || zstd.has(key)) throw imageError('EIMAGE_DUPLICATE', where, h.name);
    const body = new ByteReader(entry.body());
    const first = await body.peek(512);
    const c = first.length ? compressionOf(first) : 'none';
    const json = first.length > 0 && (firstNonSpace(first) === 0x7b || firstNonSpace(first) === 0x5b);
    if (c === 'zstd') zstd.add(key);
    else if (!json && (c === 'gzip' || looksLikeTar(first))) {
      if (layers.size >= opts.maxLayers) throw imageError('EIMAGE_TOO_MANY_LAYERS', where, h.name, `more than ${opts.maxLayers}`);
      layers.set(key, await readLayerAhead(state, body, within(where, key), h.size));
    } else if (h.size <= MAX_SMALL) {
      small.set(key, await body.read(h.size));
    } else skipped.add(key);
  }

  const resolve = (key: string) => {
    let k = key;
    for (let hops = 0; aliases.has(k) && hops < 16; hops++) k = aliases.get(k)!;
    return k;
  };
  const plan = planImage((k) => small.get(resolve(k)), where, opts.ref, undefined, [...tops]);
  if (plan.format === 'oci-archive' && small.has('manifest.json')) plan.format = 'docker-archive';
  // A layer the first bytes did not give away (a corrupt header, say) is read now, for its own error.
  for (const key of plan.layerKeys) {
    const k = resolve(key);
    const bytes = small.get(k);
    if (layers.has(k) || !bytes) continue;
    if (layers.size >= opts.maxLayers) throw imageError('EIMAGE_TOO_MANY_LAYERS', where, key, `more than ${opts.maxLayers}`);
    layers.set(k, await readLayerAhead(state, (async function* () { yield bytes; })(), within(where, k), bytes.length));
  }
  const finished = new Map(await Promise.all([...layers].map(async ([k, finish]) => [k, await finish()] as const)));
  return assemble(plan, (key) => {
    const k = resolve(key);
    const layer = finished.get(k);
    if (layer) return layer;
    if (zstd.has(k)) throw imageError('EIMAGE_UNSUPPORTED', where, key, 'zstd compression (Node has no zstd: recompress the layer with gzip)');
    if (skipped.has(k)) throw imageError('EIMAGE_CORRUPT', within(where, k), '(layer)', 'neither tar, gzip nor zstd data');
    throw imageError('EIMAGE_MISSING_BLOB', where, key);
  }, state, where);
}

/**
 * Puts the planned layers in order, checks each against the config's diff IDs, and makes the image.
 * @example assemble(plan, (k) => layers.get(k)!, state, 'img.tar')
 */
export function assemble(plan: ImagePlan, layerOf: (key: string) => Omit<ImageLayer, 'position' | 'source'>, state: LoadState, where: string): LoadedImage {
  if (plan.layerKeys.length > state.opts.maxLayers) throw imageError('EIMAGE_TOO_MANY_LAYERS', where, '', String(plan.layerKeys.length));
  if (plan.diffIds && plan.diffIds.length !== plan.layerKeys.length) {
    throw imageError('EIMAGE_BAD_MANIFEST', where, plan.configKey ?? '', `${plan.diffIds.length} diff IDs for ${plan.layerKeys.length} layers`);
  }
  const aligned = plan.createdBy && plan.createdBy.length === plan.layerKeys.length ? plan.createdBy : undefined;
  const layers: ImageLayer[] = plan.layerKeys.map((key, i) => {
    const l = layerOf(key);
    const want = plan.diffIds?.[i];
    if (want && l.diffId && want !== l.diffId) throw imageError('EIMAGE_DIFFID', where, key, `${want.slice(0, 19)} expected, ${l.diffId.slice(0, 19)} read`);
    return { ...l, position: i + 1, source: key, createdBy: aligned?.[i] };
  });
  const warnings = state.droppedXattrs.length
    ? [
        {
          en: '{n, plural, one {# overlay xattr in tar headers was ignored} other {# overlay xattrs in tar headers were ignored}} (only OCI whiteouts say what a layer hides), e.g. {example}',
          'pt-BR': '{n, plural, one {# xattr overlay em cabeçalhos tar foi ignorado} other {# xattrs overlay em cabeçalhos tar foram ignorados}} (só whiteouts OCI dizem o que uma camada esconde), p.ex. {example}',
        },
      ].map((w) => localize(w, { n: state.droppedXattrs.length, example: state.droppedXattrs[0] }))
    : [];
  return {
    source: where,
    format: plan.format,
    ref: plan.ref,
    available: plan.available,
    configId: plan.configId,
    layers,
    contents: state.contents,
    hashesOnly: state.opts.hashesOnly,
    warnings,
  };
}
