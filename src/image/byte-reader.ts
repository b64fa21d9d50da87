/* Pure: reads an async stream of byte chunks as a cursor (no Node imports: runs in the browser too). */

/**
 * A cursor over an async stream of chunks: exact reads for headers, zero-copy pieces for
 * bodies, so a multi-gigabyte archive passes through without being held.
 */
export class ByteReader {
  private readonly it: AsyncIterator<Uint8Array>;
  private cur: Uint8Array = new Uint8Array(0);
  private pos = 0;
  private ended = false;
  /** Bytes consumed so far. */
  consumed = 0;

  constructor(source: AsyncIterable<Uint8Array>) {
    this.it = source[Symbol.asyncIterator]();
  }

  /** Makes sure the current chunk has bytes; false at the end of the stream. */
  private async fill(): Promise<boolean> {
    while (this.pos >= this.cur.length) {
      if (this.ended) return false;
      const r = await this.it.next();
      if (r.done) {
        this.ended = true;
        return false;
      }
      this.cur = r.value;
      this.pos = 0;
    }
    return true;
  }

  /**
   * The next piece of at most `max` bytes (a view into the chunk, not a copy), or undefined at the end.
   * @example const piece = await reader.piece(65536)
   */
  async piece(max: number): Promise<Uint8Array | undefined> {
    if (max <= 0 || !(await this.fill())) return undefined;
    const n = Math.min(max, this.cur.length - this.pos);
    const out = this.cur.subarray(this.pos, this.pos + n);
    this.pos += n;
    this.consumed += n;
    return out;
  }

  /**
   * Exactly `n` bytes (fewer only when the stream ends first).
   * @example const header = await reader.read(512)
   */
  async read(n: number): Promise<Uint8Array> {
    if (await this.fill()) {
      if (this.cur.length - this.pos >= n) return (await this.piece(n))!;
    }
    const out = new Uint8Array(n);
    let got = 0;
    while (got < n) {
      const p = await this.piece(n - got);
      if (!p) return out.subarray(0, got);
      out.set(p, got);
      got += p.length;
    }
    return out;
  }

  /**
   * The next `n` bytes without consuming them (fewer at the end of the stream).
   * @example const magic = await reader.peek(2)
   */
  async peek(n: number): Promise<Uint8Array> {
    if (!(await this.fill())) return new Uint8Array(0);
    while (this.cur.length - this.pos < n && !this.ended) {
      const r = await this.it.next();
      if (r.done) {
        this.ended = true;
        break;
      }
      const joined = new Uint8Array(this.cur.length - this.pos + r.value.length);
      joined.set(this.cur.subarray(this.pos));
      joined.set(r.value, this.cur.length - this.pos);
      this.cur = joined;
      this.pos = 0;
    }
    return this.cur.subarray(this.pos, Math.min(this.cur.length, this.pos + n));
  }

  /**
   * Skips `n` bytes; returns how many were there.
   * @example await reader.skip(512)
   */
  async skip(n: number): Promise<number> {
    let left = n;
    while (left > 0) {
      const p = await this.piece(left);
      if (!p) break;
      left -= p.length;
    }
    return n - left;
  }

  /**
   * Lets the source clean up (closes a file or a decompressor) when reading stops early.
   * @example await reader.close()
   */
  async close(): Promise<void> {
    if (!this.ended) {
      this.ended = true;
      await this.it.return?.();
    }
  }
}
