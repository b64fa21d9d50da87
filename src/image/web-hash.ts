/*
 * SHA-256 where there is no Node: a browser tab or worker (and Node 18+, which has the same
 * globals). Two fast paths, each giving the digest the pure `Sha256` and OpenSSL give:
 *  - incremental, for a layer tar too big to hold as it streams (its diff ID; held-hash.ts
 *    holds smaller ones for one WebCrypto call): WebAssembly (the `hash-wasm` package, its
 *    module shipped inside the JavaScript, so nothing is fetched), several times the speed of
 *    the pure TypeScript; WebCrypto cannot hash piece by piece;
 *  - one shot, for a whole file's bytes: WebCrypto's `crypto.subtle.digest`, native code with the
 *    CPU's SHA instructions (Chromium runs it on the calling thread: about 1 GB/s here).
 * Until the WebAssembly instances are ready (or where WebAssembly is missing) the pure
 * `Sha256` answers instead: slower, never different.
 */
import { createSHA256, type IHasher } from 'hash-wasm';
import { Sha256 } from './sha256-stream';
import type { Hasher } from './image';

/** Ready WebAssembly hashers, reused: an instance costs an async instantiation, a reuse only `init()`. */
const free: IHasher[] = [];
let warming: Promise<void> | undefined;

/**
 * Instantiates `n` WebAssembly hashers ahead of a load (await it once; later calls share it).
 * Resolves false where WebAssembly is not there (the pure hasher is used then).
 * @example await warmSha256(); const h = fastSha256()
 */
export async function warmSha256(n = 4): Promise<boolean> {
  if (free.length >= n) return true;
  warming ??= (async () => {
    const made = await Promise.all(Array.from({ length: n - free.length }, () => createSHA256()));
    free.push(...made);
  })().finally(() => (warming = undefined));
  try {
    await warming;
    return true;
  } catch {
    return false;
  }
}

/**
 * An incremental SHA-256: a ready WebAssembly instance when one is free, else the pure one
 * (and more instances are made for the next call). `digest()` gives the instance back; a
 * hasher is finished by it, as Node's is.
 * @example const h = fastSha256(); h.update(bytes); h.digest() // 64 hex digits
 */
export function fastSha256(): Hasher {
  const w = free.pop();
  if (!w) {
    if ((globalThis as { WebAssembly?: unknown }).WebAssembly !== undefined) void warmSha256(2);
    return new Sha256();
  }
  w.init();
  let done = false;
  const live = () => {
    if (done) throw new Error('SHA-256: this hasher already gave its digest');
  };
  return {
    update(data) {
      live();
      w.update(data);
    },
    digest() {
      live();
      done = true;
      const hex = w.digest('hex');
      free.push(w);
      return hex;
    },
  };
}

interface Subtle {
  digest(algorithm: string, data: Uint8Array): Promise<ArrayBuffer>;
}

const subtle = (): Subtle | undefined => (globalThis as { crypto?: { subtle?: Subtle } }).crypto?.subtle;

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

/**
 * The SHA-256 of whole bytes by WebCrypto (it copies `data` when called: the caller may reuse
 * the buffer at once). Undefined where WebCrypto is missing (a page served over plain http
 * from another host than localhost has no `crypto.subtle`).
 * @example await oneShotSha256()?.(bytes) // 64 hex digits
 */
export function oneShotSha256(): ((data: Uint8Array) => Promise<string>) | undefined {
  const s = subtle();
  if (!s) return undefined;
  return async (data) => {
    const d = new Uint8Array(await s.digest('SHA-256', data));
    let hex = '';
    for (let i = 0; i < d.length; i++) hex += HEX[d[i]];
    return hex;
  };
}
