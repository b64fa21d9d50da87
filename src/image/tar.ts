/* Pure: a streaming tar reader (ustar, GNU long names and base-256 numbers, PAX). No Node imports. */
import { ByteReader } from './byte-reader';
import { imageError } from './errors';

/** The kinds of tar entries a layer may hold. */
export type TarType = 'file' | 'link' | 'symlink' | 'char' | 'block' | 'dir' | 'fifo';

/** One entry's header, with GNU and PAX extensions already applied. */
export interface TarHeader {
  /** The name as written in the archive (not normalized). */
  name: string;
  type: TarType;
  mode: number;
  uid: number;
  gid: number;
  size: number;
  /** Seconds since the epoch (PAX may give fractions). */
  mtime: number;
  atime?: number;
  ctime?: number;
  /** Target of a hard link (a name in the archive) or of a symbolic link. */
  linkname: string;
  devmajor: number;
  devminor: number;
  /** Extended attributes from PAX SCHILY.xattr.* records. */
  xattrs: [string, Uint8Array][];
}

/** An entry: its header and, for a file, its content (read it before asking for the next entry). */
export interface TarEntry {
  header: TarHeader;
  body(): AsyncGenerator<Uint8Array>;
}

const BLOCK = 512;
/** A PAX header or GNU long name longer than this is not a name: refuse it rather than hold it. */
const MAX_META = 1 << 20;
const utf8 = new TextDecoder('utf-8');

const cstr = (b: Uint8Array, off: number, len: number): string => {
  let end = off;
  while (end < off + len && b[end] !== 0) end++;
  return utf8.decode(b.subarray(off, end));
};

/** A header number: octal text, or GNU base-256 (high bit set) for values octal cannot hold. */
function num(b: Uint8Array, off: number, len: number): number | undefined {
  if (b[off] & 0x80) {
    let v = b[off] & 0x3f; // bit 6 would mean negative: not a size, owner or time we accept
    if (b[off] & 0x40) return undefined;
    for (let i = off + 1; i < off + len; i++) v = v * 256 + b[i];
    return v;
  }
  let v = 0;
  let seen = false;
  for (let i = off; i < off + len; i++) {
    const c = b[i];
    if (c === 0 || c === 0x20) {
      if (seen) break;
      continue;
    }
    if (c < 0x30 || c > 0x37) return undefined;
    v = v * 8 + (c - 0x30);
    seen = true;
  }
  return v;
}

/** The checksum is the sum of the header bytes with its own field read as spaces (unsigned, or signed by old tars). */
function checksumOk(b: Uint8Array): boolean {
  const want = num(b, 148, 8);
  let unsigned = 0;
  let signed = 0;
  for (let i = 0; i < BLOCK; i++) {
    const c = i >= 148 && i < 156 ? 0x20 : b[i];
    unsigned += c;
    signed += c > 127 ? c - 256 : c;
  }
  return want === unsigned || want === signed;
}

const isZeroBlock = (b: Uint8Array) => b.every((x) => x === 0);

/**
 * Whether a block looks like the start of a tar archive: a header with a valid checksum, or the
 * zero block that ends an empty archive.
 * @example looksLikeTar(new Uint8Array(512)) // true (an empty archive)
 */
export function looksLikeTar(first: Uint8Array): boolean {
  if (first.length < BLOCK) return false;
  const b = first.subarray(0, BLOCK);
  return isZeroBlock(b) || checksumOk(b);
}

/** PAX records ("LEN key=value\n"), on bytes: xattr values are binary. */
function parsePax(data: Uint8Array, where: string, entry: string): Map<string, Uint8Array> {
  const out = new Map<string, Uint8Array>();
  let i = 0;
  while (i < data.length) {
    if (data[i] === 0) break;
    let sp = i;
    while (sp < data.length && data[sp] !== 0x20) sp++;
    const len = Number(utf8.decode(data.subarray(i, sp)));
    if (!Number.isInteger(len) || len <= sp - i || i + len > data.length) throw imageError('EIMAGE_CORRUPT', where, entry, 'bad PAX record');
    const rec = data.subarray(sp + 1, i + len - 1);
    const eq = rec.indexOf(0x3d);
    if (eq < 0) throw imageError('EIMAGE_CORRUPT', where, entry, 'bad PAX record');
    out.set(utf8.decode(rec.subarray(0, eq)), rec.slice(eq + 1));
    i += len;
  }
  return out;
}

const TYPES: Record<string, TarType> = { '0': 'file', '\0': 'file', '7': 'file', '1': 'link', '2': 'symlink', '3': 'char', '4': 'block', '5': 'dir', '6': 'fifo' };

/**
 * Reads a tar stream entry by entry, holding one block at a time. `where` names the stream in
 * errors (an archive, or a layer inside one); every error names the entry it happened at.
 * @example for await (const e of readTar(chunks, 'img.tar')) console.log(e.header.name)
 */
export async function* readTar(source: AsyncIterable<Uint8Array> | ByteReader, where: string): AsyncGenerator<TarEntry> {
  const own = !(source instanceof ByteReader);
  const r = source instanceof ByteReader ? source : new ByteReader(source);
  let last = '(start)';
  let pending = 0; // body bytes plus padding the consumer left unread
  let global = new Map<string, Uint8Array>();
  try {
    for (;;) {
      if (pending > 0) {
        if ((await r.skip(pending)) < pending) throw imageError('EIMAGE_TRUNCATED', where, last);
        pending = 0;
      }
      let pax = new Map<string, Uint8Array>();
      let longName: string | undefined;
      let longLink: string | undefined;
      let block: Uint8Array;
      let type: string;
      // Extension headers (PAX, GNU long names) describe the next real header.
      for (;;) {
        block = await r.read(BLOCK);
        if (block.length === 0) return; // no end marker: tolerated, as GNU tar and Go do
        if (block.length < BLOCK) throw imageError('EIMAGE_TRUNCATED', where, last);
        if (isZeroBlock(block)) return;
        if (!checksumOk(block)) throw imageError('EIMAGE_CORRUPT', where, last, 'header checksum mismatch');
        type = String.fromCharCode(block[156]);
        if (type !== 'x' && type !== 'g' && type !== 'L' && type !== 'K') break;
        const size = num(block, 124, 12);
        if (size === undefined || size > MAX_META) throw imageError('EIMAGE_CORRUPT', where, last, `extension header of ${size ?? '?'} bytes`);
        const data = await r.read(size);
        if (data.length < size || (await r.skip(pad(size))) < pad(size)) throw imageError('EIMAGE_TRUNCATED', where, last);
        if (type === 'x') pax = parsePax(data, where, last);
        else if (type === 'g') global = new Map([...global, ...parsePax(data, where, last)]);
        else if (type === 'L') longName = cstr(data, 0, data.length);
        else longLink = cstr(data, 0, data.length);
      }
      const ext = new Map([...global, ...pax]);
      const text = (k: string) => (ext.has(k) ? utf8.decode(ext.get(k)) : undefined);
      const magic = cstr(block, 257, 6);
      const prefix = magic === 'ustar' && block[262] === 0 ? cstr(block, 345, 155) : '';
      let name = text('path') ?? longName ?? (prefix ? `${prefix}/${cstr(block, 0, 100)}` : cstr(block, 0, 100));
      const field = (k: string, off: number, len: number) => {
        const fromPax = text(k);
        const v = fromPax !== undefined ? Number(fromPax) : num(block, off, len);
        if (v === undefined || !Number.isFinite(v) || v < 0) throw imageError('EIMAGE_CORRUPT', where, name, `bad ${k} field`);
        return v;
      };
      let kind = TYPES[type!];
      if (!kind) {
        const what = type! === 'S' ? 'a GNU sparse file' : `tar entry type '${type!.replace(/[^\x20-\x7e]/g, '?')}'`;
        throw imageError('EIMAGE_UNSUPPORTED', where, name, what);
      }
      // Old (v7) archives mark directories only by a trailing slash.
      if (kind === 'file' && name.endsWith('/')) kind = 'dir';
      const size = field('size', 124, 12);
      const header: TarHeader = {
        name,
        type: kind,
        mode: field('mode', 100, 8) & 0o7777,
        uid: field('uid', 108, 8),
        gid: field('gid', 116, 8),
        size: kind === 'file' ? size : 0,
        mtime: field('mtime', 136, 12),
        linkname: text('linkpath') ?? longLink ?? cstr(block, 157, 100),
        devmajor: kind === 'char' || kind === 'block' ? field('devmajor', 329, 8) : 0,
        devminor: kind === 'char' || kind === 'block' ? field('devminor', 337, 8) : 0,
        xattrs: [...ext].filter(([k]) => k.startsWith('SCHILY.xattr.')).map(([k, v]) => [k.slice('SCHILY.xattr.'.length), v]),
      };
      if (ext.has('atime')) header.atime = field('atime', 0, 0);
      if (ext.has('ctime')) header.ctime = field('ctime', 0, 0);
      last = name;
      // A hard link may carry a size, but no data follows it in practice: skip whatever is declared.
      pending = size + pad(size);
      let bodyLeft = kind === 'file' ? size : 0;
      const entryName = name;
      yield {
        header,
        async *body() {
          while (bodyLeft > 0) {
            const p = await r.piece(bodyLeft);
            if (!p) throw imageError('EIMAGE_TRUNCATED', where, entryName);
            bodyLeft -= p.length;
            pending -= p.length;
            yield p;
          }
        },
      };
      name = '';
    }
  } finally {
    // A reader passed in belongs to the caller (it may read on past the end marker).
    if (own) await r.close();
  }
}

const pad = (n: number) => (BLOCK - (n % BLOCK)) % BLOCK;
