/* Pure: a read-only reader of bbolt files (the key/value database containerd keeps its metadata in). */

/**
 * bbolt's on-disk format, enough to walk buckets: the file is pages of `pageSize` bytes.
 * Pages 0 and 1 are meta pages (magic 0xED0CDAED; the one with the higher txid is current)
 * naming the root bucket's page. A page starts with a 16-byte header (id u64, flags u16,
 * count u16, overflow u32); a branch page holds `count` elements (pos u32, ksize u32, pgid u64)
 * pointing at child pages, a leaf page `count` elements (flags u32, pos u32, ksize u32, vsize u32),
 * each `pos` counted from the element itself. A leaf element with flag 1 is a nested bucket:
 * its value starts with (root pgid u64, sequence u64), and root 0 means the bucket's page is
 * stored inline right after that header.
 */
const MAGIC = 0xed0cdaed;
const BRANCH = 0x01;
const LEAF = 0x02;
const BUCKET_FLAG = 0x01;
const PAGE_HEADER = 16;
const ELEMENT = 16;
const BUCKET_HEADER = 16;

/** A bucket's content: plain values and nested buckets. */
export interface BoltBucket {
  values: Map<string, Uint8Array>;
  buckets: Map<string, BoltBucket>;
}

function u16(b: Uint8Array, o: number): number {
  return b[o] | (b[o + 1] << 8);
}
function u32(b: Uint8Array, o: number): number {
  return (b[o] | (b[o + 1] << 8) | (b[o + 2] << 16)) + b[o + 3] * 2 ** 24;
}
function u64(b: Uint8Array, o: number): number {
  return u32(b, o) + u32(b, o + 4) * 2 ** 32;
}
function str(b: Uint8Array): string {
  return new TextDecoder().decode(b);
}

/**
 * Reads a whole bbolt file into nested buckets.
 * @example readBolt(readFileSync('metadata.db')).buckets.get('v1')?.buckets.get('snapshots')
 */
export function readBolt(file: Uint8Array): BoltBucket {
  const metas = [0, 1].map((i) => {
    const pageSize = u32(file, PAGE_HEADER + 8);
    const o = i * pageSize + PAGE_HEADER;
    if (o + 64 > file.length || u32(file, o) !== MAGIC) return undefined;
    return { pageSize: u32(file, o + 8), root: u64(file, o + 16), txid: u64(file, o + 48) };
  });
  const meta = metas.filter((m): m is NonNullable<typeof m> => !!m).sort((a, b) => b.txid - a.txid)[0];
  if (!meta) throw new Error('not a bbolt file (no valid meta page)');
  const pageAt = (pgid: number) => file.subarray(pgid * meta.pageSize);

  const readPage = (page: Uint8Array, into: BoltBucket): void => {
    const flags = u16(page, 8);
    const count = u16(page, 10);
    for (let i = 0; i < count; i++) {
      const e = PAGE_HEADER + i * ELEMENT;
      if (flags & BRANCH) {
        readPage(pageAt(u64(page, e + 8)), into);
      } else if (flags & LEAF) {
        const eflags = u32(page, e);
        const pos = u32(page, e + 4);
        const ksize = u32(page, e + 8);
        const vsize = u32(page, e + 12);
        const key = str(page.subarray(e + pos, e + pos + ksize));
        const value = page.subarray(e + pos + ksize, e + pos + ksize + vsize);
        if (eflags & BUCKET_FLAG) into.buckets.set(key, readBucket(value));
        else into.values.set(key, value);
      }
    }
  };
  const readBucket = (header: Uint8Array): BoltBucket => {
    const b: BoltBucket = { values: new Map(), buckets: new Map() };
    const root = u64(header, 0);
    readPage(root === 0 ? header.subarray(BUCKET_HEADER) : pageAt(root), b);
    return b;
  };
  const top: BoltBucket = { values: new Map(), buckets: new Map() };
  readPage(pageAt(meta.root), top);
  return top;
}

/**
 * Go's unsigned varint (encoding/binary.Uvarint), as containerd stores snapshot ids.
 * @example uvarint(new Uint8Array([0xac, 0x02])) // 300
 */
export function uvarint(b: Uint8Array): number {
  let x = 0;
  let s = 1;
  for (const byte of b) {
    x += (byte & 0x7f) * s;
    if (byte < 0x80) break;
    s *= 128;
  }
  return x;
}

/** Bytes as text (keys and string values of containerd's buckets). */
export function boltString(b: Uint8Array | undefined): string | undefined {
  return b ? str(b) : undefined;
}
