/* Pure: one layer tar (plain or gzip) -> the engine's tree, hashing as it streams. */
import { OverlayLabError } from '../i18n/errors';
import { ByteReader } from './byte-reader';
import { imageError } from './errors';
import type { ContentTable, ImageIo, ImageLayer, ResolvedLoadOptions, StreamHasher } from './image';
import { DEFAULT_LAYER_LIMITS, LayerBuilder } from './layer-builder';
import { readTar } from './tar';
import { OVL_MAX_STACK } from '../union/limits';

const GZIP_MAGIC = [0x1f, 0x8b];
const ZSTD_MAGIC = [0x28, 0xb5, 0x2f, 0xfd];

/**
 * How a blob is compressed, from its first bytes (media types lie: `docker load` also sniffs).
 * @example compressionOf(new Uint8Array([0x1f, 0x8b, 8])) // 'gzip'
 */
export function compressionOf(head: Uint8Array): 'gzip' | 'zstd' | 'none' {
  const starts = (m: number[]) => m.every((b, i) => head[i] === b);
  return starts(GZIP_MAGIC) ? 'gzip' : starts(ZSTD_MAGIC) ? 'zstd' : 'none';
}

/** What a load shares between its layers: the options, the content table and running totals. */
export interface LoadState {
  io: ImageIo;
  opts: ResolvedLoadOptions;
  contents: ContentTable;
  /** Bytes inflated from gzip so far, across the whole load. */
  inflated: number;
  droppedXattrs: string[];
}

/**
 * Defaults for every load option.
 * @example resolveLoadOptions({ hashesOnly: true }).maxLayers // 500
 */
export function resolveLoadOptions(o: import('./image').LoadOptions = {}): ResolvedLoadOptions {
  return {
    hashesOnly: o.hashesOnly ?? false,
    ref: o.ref,
    maxInflatedBytes: o.maxInflatedBytes ?? 64 * 2 ** 30,
    maxInflateRatio: o.maxInflateRatio ?? 250,
    bombFloor: o.bombFloor ?? 256 * 2 ** 20,
    maxLayers: o.maxLayers ?? OVL_MAX_STACK,
    maxKeptBytes: o.maxKeptBytes ?? 2 ** 30,
    layer: { ...DEFAULT_LAYER_LIMITS, ...o.layer },
  };
}

/**
 * Inflates a gzip stream, refusing to go past the load's budget or a bomb's ratio.
 * `packed` is the compressed size when known.
 * @example for await (const chunk of inflate(state, gz, 1234, 'img.tar', 'l/layer.tar')) use(chunk)
 */
export async function* inflate(state: LoadState, source: AsyncIterable<Uint8Array>, packed: number | undefined, where: string, entry: string): AsyncGenerator<Uint8Array> {
  const o = state.opts;
  const ratioCap = packed === undefined ? Infinity : Math.max(o.bombFloor, packed * o.maxInflateRatio);
  let mine = 0;
  try {
    for await (const chunk of state.io.gunzip(source)) {
      mine += chunk.length;
      state.inflated += chunk.length;
      if (mine > ratioCap || state.inflated > o.maxInflatedBytes) {
        const limit = Math.min(ratioCap, o.maxInflatedBytes);
        throw imageError('EIMAGE_BOMB', where, entry, '', { limit, packed: packed ?? '?' });
      }
      yield chunk;
    }
  } catch (e) {
    if (e instanceof OverlayLabError) throw e;
    throw imageError('EIMAGE_GZIP', where, entry, (e as Error).message ?? String(e));
  }
}

/**
 * Files hashed in one shot by `io.digest` (a browser's WebCrypto: native code with SHA
 * instructions) when their layer is not held whole: from this size (below it the call costs
 * more than hashing in place) up to this one (the file's bytes are gathered whole first), with
 * at most this many bytes waiting at once.
 */
export const ONE_SHOT_MIN = 4096;
export const ONE_SHOT_MAX = 64 * 2 ** 20;
const ONE_SHOT_IN_FLIGHT = 64 * 2 ** 20;

/**
 * A file's body as one array: unless `own`, a view of the reader's chunk when it came whole
 * (`io.digest` copies what it is given when called; a kept file needs its own bytes).
 */
async function gather(body: AsyncIterable<Uint8Array>, size: number, own: boolean): Promise<Uint8Array> {
  let data: Uint8Array | undefined;
  let at = 0;
  for await (const piece of body) {
    if (!data && !own && piece.length === size) return piece;
    data ??= new Uint8Array(size);
    data.set(piece, at);
    at += piece.length;
  }
  return data ?? new Uint8Array(0);
}

/** One-shot digests under way, with the bytes they hold. */
class Pending {
  private readonly all = new Set<Promise<void>>();
  private bytes = 0;
  private failure: unknown;
  private failed = false;

  add(p: Promise<void>, size: number): void {
    this.bytes += size;
    const tracked: Promise<void> = p.then(
      () => {
        this.bytes -= size;
        this.all.delete(tracked);
      },
      (e: unknown) => {
        this.bytes -= size;
        this.all.delete(tracked);
        if (!this.failed) [this.failed, this.failure] = [true, e];
      },
    );
    this.all.add(tracked);
  }

  /** Waits until at most `bytes` are held; throws the first failure. */
  async under(bytes: number): Promise<void> {
    while (this.bytes > bytes && this.all.size) await Promise.race(this.all);
    if (this.failed) throw this.failure;
  }

  /** Waits for all, failures dropped (the load already failed). */
  async settle(): Promise<void> {
    await Promise.all(this.all);
  }
}

/** Counts and hashes bytes on their way through (the diff ID is the hash of the uncompressed tar). */
async function* tap(source: AsyncIterable<Uint8Array>, onChunk: (c: Uint8Array) => void | Promise<void>): AsyncGenerator<Uint8Array> {
  for await (const c of source) {
    await onChunk(c);
    yield c;
  }
}

type ReadLayer = Omit<ImageLayer, 'position' | 'source'>;

/**
 * Reads one layer (a tar, plain or gzip, told apart by its first bytes) into a tree, recording
 * each file's size and hash (and bytes, unless hashesOnly). `where` names the layer in errors.
 * @example const layer = await readLayer(state, chunks, 'img.tar › abc/layer.tar', 7168)
 */
export async function readLayer(state: LoadState, source: AsyncIterable<Uint8Array> | ByteReader, where: string, packed?: number): Promise<ReadLayer> {
  return (await readLayerAhead(state, source, where, packed))();
}

/**
 * `readLayer`, returning once the layer's bytes are read: what it gives finishes the layer when
 * its diff ID is known (a browser may still be hashing it on another thread while the next
 * layer is read).
 * @example const finish = await readLayerAhead(state, chunks, where, size); ...; const layer = await finish()
 */
export async function readLayerAhead(state: LoadState, source: AsyncIterable<Uint8Array> | ByteReader, where: string, packed?: number): Promise<() => Promise<ReadLayer>> {
  const input = source instanceof ByteReader ? source : new ByteReader(source);
  const kind = compressionOf(await input.peek(4));
  if (kind === 'zstd') throw imageError('EIMAGE_UNSUPPORTED', where, '(layer)', 'zstd compression (recompress the layer with gzip)');
  const raw = (async function* () {
    for (;;) {
      const p = await input.piece(1 << 20);
      if (!p) return;
      yield p;
    }
  })();
  const plain = kind === 'gzip' ? inflate(state, raw, packed, where, '(layer)') : raw;
  const diff: StreamHasher = state.io.layerSha256?.(kind === 'none' ? packed : undefined) ?? state.io.sha256();
  let tarBytes = 0;
  const reader = new ByteReader(
    tap(plain, (c) => {
      tarBytes += c.length;
      return diff.update(c);
    }),
  );
  const builder = new LayerBuilder(where, state.opts.layer);
  const pending = new Pending();
  const parts: Promise<void>[] = [];
  try {
    for await (const entry of readTar(reader, where)) {
      const node = builder.add(entry.header);
      if (!node) continue;
      const record = (sha256: string, data?: Uint8Array) => {
        state.contents.record(node, { sha256, size: entry.header.size }, data);
        if (state.contents.keptBytes > state.opts.maxKeptBytes) throw imageError('EIMAGE_TOO_BIG', where, entry.header.name, String(state.opts.maxKeptBytes));
      };
      const { size } = entry.header;
      if (diff.part && state.opts.hashesOnly) {
        // Hashed from the held layer with its digest; the reader skips the body.
        const done = diff.part(reader.consumed, size).then((sha) => record(sha));
        done.catch(() => undefined); // a load failing first leaves no unhandled rejection
        parts.push(done);
        continue;
      }
      const oneShot = state.io.digest && size >= ONE_SHOT_MIN && size <= ONE_SHOT_MAX ? state.io.digest : undefined;
      if (oneShot) {
        const data = await gather(entry.body(), size, !state.opts.hashesOnly);
        pending.add(oneShot(data).then((sha) => record(sha, state.opts.hashesOnly ? undefined : data)), size);
        await pending.under(ONE_SHOT_IN_FLIGHT);
        continue;
      }
      const h = state.io.sha256();
      const data = state.opts.hashesOnly ? undefined : new Uint8Array(size);
      let at = 0;
      for await (const piece of entry.body()) {
        h.update(piece);
        if (data) data.set(piece, at);
        at += piece.length;
      }
      record(h.digest(), data);
    }
    await pending.under(0);
    // The diff ID covers the whole tar, end-of-archive blocks included.
    while (await reader.piece(1 << 20));
  } catch (e) {
    diff.drop?.(); // a hasher elsewhere is let go of (its digest will not be asked)
    throw e;
  } finally {
    await pending.settle();
    await reader.close();
  }
  state.droppedXattrs.push(...builder.droppedXattrs.map((x) => `${where}: ${x}`));
  const digest = Promise.resolve(diff.digest());
  digest.catch(() => undefined); // a load that fails before finishing this layer leaves no unhandled rejection
  const layer = { root: builder.root, compression: kind, tarBytes };
  return async () => {
    const diffId = `sha256:${await digest}`;
    await Promise.all(parts);
    return { ...layer, diffId };
  };
}
