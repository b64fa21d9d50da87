/*
 * A layer's SHA-256 computed on another thread, so the diff ID's hashing runs beside the
 * reading and parsing instead of after them: the loader's thread hands a hashing Web Worker a
 * held layer whole (transferred, not copied; digested there by WebCrypto, whose digest runs on
 * the calling thread in Chromium), or posts a larger layer piece by piece (copies, transferred;
 * WebAssembly). Plain web APIs (postMessage, MessagePort), no Node: `serveSha256` runs in the
 * hashing worker, `PortHasher` in the loader's. The digests are the same as OpenSSL's.
 */
import type { StreamHasher } from './image';
import { partsBy, release, type HeldDigest, type Parts } from './held-hash';
import { fastSha256, oneShotSha256, warmSha256 } from './web-hash';

/** What the loader's thread sends: a piece of hasher `id`'s data, the end of it, that it is dropped, or whole bytes (and parts of them) to digest at once. */
export type ToHasher = { id: number; data: Uint8Array } | { id: number; end: true } | { id: number; drop: true } | { id: number; whole: Uint8Array; parts: Parts };
/** What the hashing thread answers: bytes hashed so far by `id` (for back pressure), or its digest (and its parts'). */
export type FromHasher = { id: number; done: number } | { id: number; digest: string; parts?: string[] } | { id: number; error: string };

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
  const held = heldHere();
  port.onmessage = (e) => {
    const m = e.data as ToHasher;
    if ('whole' in m) {
      // Not queued behind the pieces: digests of its own, answered when done.
      held(m.whole, m.parts).then(
        (r) => {
          port.postMessage({ id: m.id, digest: r.digest, parts: r.parts } satisfies FromHasher);
          release(m.whole.buffer); // the layer's bytes are done with: freed now, not when this idle worker next collects
        },
        (e: unknown) => port.postMessage({ id: m.id, error: String(e) } satisfies FromHasher),
      );
      return;
    }
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

/** A held layer digested on this thread: WebCrypto, or WebAssembly where it is missing. */
function heldHere(): HeldDigest {
  return partsBy(
    oneShotSha256() ??
      (async (data) => {
        const h = fastSha256();
        h.update(data);
        return h.digest();
      }),
  );
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
  digest?: (hex: string, parts?: string[]) => void;
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
      if ('error' in m) {
        this.waiting.delete(m.id);
        w.fail?.(new Error(`hashing worker: ${m.error}`));
      } else if ('digest' in m) {
        this.waiting.delete(m.id);
        w.digest?.(m.digest, m.parts);
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

  /**
   * The SHA-256 of `data` and of parts of it on the other thread, in one message: its buffer is
   * transferred (the caller gives it up; it must not be a view of bytes still in use). Here once
   * the other end failed.
   */
  readonly whole: HeldDigest = (data, parts) => {
    if (this.broken) return heldHere()(data, parts);
    const id = ++this.next;
    return new Promise((resolve, reject) => {
      this.waiting.set(id, { hashed: 0, digest: (digest, each) => resolve({ digest, parts: each ?? [] }), fail: reject });
      this.port.postMessage({ id, whole: data, parts } satisfies ToHasher, [data.buffer as ArrayBuffer, parts.buffer as ArrayBuffer]);
    });
  };

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
