/*
 * A layer's SHA-256 computed on another thread: the loader's thread posts each piece of the
 * layer tar (a copy, transferred) to a hashing Web Worker and gets the digest back, so the
 * diff ID's hashing runs beside the reading and parsing instead of after them. Plain web APIs
 * (postMessage, MessagePort), no Node: `serveSha256` runs in the hashing worker, `PortHasher`
 * in the loader's. The digests are the WebAssembly (or pure) SHA-256's: the same as OpenSSL's.
 */
import type { StreamHasher } from './image';
import { fastSha256, warmSha256 } from './web-hash';

/** What the loader's thread sends: a piece of hasher `id`'s data, the end of it, or that it is dropped. */
export type ToHasher = { id: number; data: Uint8Array } | { id: number; end: true } | { id: number; drop: true };
/** What the hashing thread answers: bytes hashed so far by `id` (for back pressure), or its digest. */
export type FromHasher = { id: number; done: number } | { id: number; digest: string };

/** The two ends' one method each: a Worker, the worker's `self`, or a MessagePort. */
export interface Port {
  postMessage(m: unknown, transfer?: ArrayBuffer[]): void;
  onmessage: ((e: { data: unknown }) => void) | null;
}

/**
 * Answers hashing requests on `port` (call once in the hashing worker): pieces in order, one
 * running SHA-256 per id, the digest when an id ends.
 * @example serveSha256(self as unknown as Port)
 */
export function serveSha256(port: Port): void {
  const hashers = new Map<number, ReturnType<typeof fastSha256>>();
  const hashed = new Map<number, number>();
  let queue: Promise<unknown> = warmSha256();
  port.onmessage = (e) => {
    const m = e.data as ToHasher;
    queue = queue.then(() => {
      let h = hashers.get(m.id);
      if (!h) hashers.set(m.id, (h = fastSha256()));
      if ('data' in m) {
        h.update(m.data);
        const n = (hashed.get(m.id) ?? 0) + m.data.length;
        hashed.set(m.id, n);
        port.postMessage({ id: m.id, done: n } satisfies FromHasher);
      } else {
        hashers.delete(m.id);
        hashed.delete(m.id);
        const hex = h.digest(); // gives a WebAssembly instance back to the pool, dropped or not
        if ('end' in m) port.postMessage({ id: m.id, digest: hex } satisfies FromHasher);
      }
    });
  };
}

/** Bytes posted and not yet hashed past which `update` waits (the loader reads no further ahead). */
export const PORT_IN_FLIGHT = 16 * 2 ** 20;

/**
 * The loader's side: hashers whose work is done by `serveSha256` on the other end of `port`.
 * @example const io = { ...webImageIo, layerSha256: () => hashers.open() }
 */
interface Waiting {
  hashed: number;
  wake?: () => void;
  digest?: (hex: string) => void;
  fail?: (e: Error) => void;
}

export class PortHasher {
  private next = 0;
  private readonly waiting = new Map<number, Waiting>();
  private broken?: Error;

  constructor(private readonly port: Port) {
    port.onmessage = (e) => {
      const m = e.data as FromHasher;
      const w = this.waiting.get(m.id);
      if (!w) return;
      if ('digest' in m) {
        this.waiting.delete(m.id);
        w.digest?.(m.digest);
      } else {
        w.hashed = m.done;
        w.wake?.();
      }
    };
  }

  /**
   * The other end is gone (the hashing worker failed to start or died): the digests waited for
   * fail with `e`, and hashers opened from now on hash here.
   */
  fail(e: Error): void {
    this.broken = e;
    for (const w of this.waiting.values()) (w.fail?.(e), w.wake?.());
    this.waiting.clear();
  }

  /** A new running SHA-256 on the other thread (on this one once the other end failed). */
  open(): StreamHasher {
    if (this.broken) return fastSha256();
    const id = ++this.next;
    const state: Waiting = { hashed: 0 };
    this.waiting.set(id, state);
    let posted = 0;
    return {
      update: async (data) => {
        const copy = new Uint8Array(data); // a copy (a Node Buffer's slice() is a view): the caller keeps its bytes, the copy's buffer moves
        posted += copy.length;
        this.port.postMessage({ id, data: copy } satisfies ToHasher, [copy.buffer as ArrayBuffer]);
        while (posted - state.hashed > PORT_IN_FLIGHT && !this.broken) await new Promise<void>((r) => (state.wake = r));
      },
      digest: () =>
        new Promise<string>((resolve, reject) => {
          if (this.broken) return reject(this.broken);
          [state.digest, state.fail] = [resolve, reject];
          this.port.postMessage({ id, end: true } satisfies ToHasher);
        }),
      drop: () => {
        this.waiting.delete(id);
        state.wake?.();
        if (!this.broken) this.port.postMessage({ id, drop: true } satisfies ToHasher);
      },
    };
  }
}
