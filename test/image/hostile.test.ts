// Hostile and broken input: each case ends in one clear OverlayLabError naming the archive
// entry, nothing is written to disk, nothing crashes. Archives are written by tar-stream (not
// our reader's code) and by gzip, byte for byte what an attacker could hand over.
import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { gzipSync } from 'node:zlib';
import { pack } from 'tar-stream';
import { describe, expect, it } from 'vitest';
import { OverlayLabError } from '../../src/i18n/errors';
import { loadArchive } from '../../src/image/load-archive';
import { loadImageArchive, loadImageDir, nodeImageIo } from '../../src/image/node';
import type { LoadOptions } from '../../src/image/image';
import { tempDir } from './support';

type Entry = { name: string; type?: 'file' | 'directory' | 'symlink' | 'link' | 'character-device'; linkname?: string; content?: string | Buffer; size?: number };

function packTar(entries: Entry[]): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const p = pack();
    const chunks: Buffer[] = [];
    p.on('data', (c: Buffer) => chunks.push(c));
    p.on('end', () => resolve(Buffer.concat(chunks)));
    p.on('error', reject);
    for (const e of entries) {
      const type = e.type ?? 'file';
      p.entry({ name: e.name, type, linkname: e.linkname, mode: type === 'directory' ? 0o755 : 0o644 }, type === 'file' ? (e.content ?? '') : undefined);
    }
    p.finalize();
  });
}

/** A docker-archive with these layer tars (no config, so no diff-ID check unless given). */
async function archiveOf(layers: Buffer[], extra: Entry[] = []): Promise<Buffer> {
  return packTar([
    ...layers.map((l, i) => ({ name: `l${i}/layer.tar`, content: l })),
    { name: 'manifest.json', content: JSON.stringify([{ RepoTags: ['evil:1'], Layers: layers.map((_, i) => `l${i}/layer.tar`) }]) },
    ...extra,
  ]);
}

async function* chunksOf(buf: Uint8Array, size = 65536) {
  for (let i = 0; i < buf.length; i += size) yield buf.subarray(i, i + size);
}

/** Loads and returns the error it must end with. */
async function failure(buf: Buffer, opts: LoadOptions = {}): Promise<OverlayLabError> {
  try {
    await loadArchive(chunksOf(buf), 'evil.tar', nodeImageIo, opts, buf.length);
  } catch (e) {
    expect(e).toBeInstanceOf(OverlayLabError);
    return e as OverlayLabError;
  }
  throw new Error('loaded without error');
}

const escapeName = `ovl-escape-${process.pid}-${Date.now()}`;

describe('hostile layer entries', () => {
  const cases: [string, Entry[], string, RegExp][] = [
    ['a .. entry', [{ name: `../../../../../../tmp/${escapeName}`, content: 'x' }], 'EIMAGE_UNSAFE_PATH', /tmp\/ovl-escape.*'\.\.' component/],
    ['an absolute entry', [{ name: `/tmp/${escapeName}`, content: 'x' }], 'EIMAGE_UNSAFE_PATH', /absolute path/],
    ['a hard link out of the layer', [{ name: 'passwd', type: 'link', linkname: '../../etc/passwd' }], 'EIMAGE_LINK_OUTSIDE', /entry passwd is a link to \.\.\/\.\.\/etc\/passwd/],
    ['a hard link to a missing file', [{ name: 'x', type: 'link', linkname: 'nope' }], 'EIMAGE_LINK_MISSING', /entry x is a hard link to nope/],
    ['a symbolic link climbing out of the root', [{ name: 'etc', type: 'directory' }, { name: 'etc/x', type: 'symlink', linkname: '../../../host' }], 'EIMAGE_LINK_OUTSIDE', /entry etc\/x .*\.\.\/\.\.\/\.\.\/host/],
    ['a symlink then a file written through it', [{ name: 'evil', type: 'symlink', linkname: '/tmp' }, { name: `evil/${escapeName}`, content: 'x' }], 'EIMAGE_THROUGH_SYMLINK', /written through the symbolic link evil/],
    ['a duplicate entry', [{ name: 'etc', type: 'directory' }, { name: 'etc/passwd', content: 'a' }, { name: 'etc/passwd', content: 'b' }], 'EIMAGE_DUPLICATE', /entry etc\/passwd appears twice/],
    ['a file and its own whiteout', [{ name: 'f', content: 'a' }, { name: '.wh.f', content: '' }], 'EIMAGE_DUPLICATE', /\.wh\.f appears twice .*f and its whiteout/],
    ['a file under a file', [{ name: 'f', content: 'a' }, { name: 'f/g', content: 'b' }], 'EIMAGE_NOT_DIR', /entry f\/g lies under f/],
    ['a whiteout of ..', [{ name: 'd/.wh...', content: '' }], 'EIMAGE_UNSAFE_PATH', /whiteout of nothing/],
    ['a name of 256 bytes in 128 characters (é is 2 bytes)', [{ name: `d/${'é'.repeat(128)}`, content: 'x' }], 'EIMAGE_UNSAFE_PATH', /longer than 255 bytes/],
    ['a name of 256 bytes in 64 emoji (4 bytes, 2 UTF-16 units each)', [{ name: '😀'.repeat(64), content: 'x' }], 'EIMAGE_UNSAFE_PATH', /longer than 255 bytes/],
  ];
  for (const [what, entries, code, message] of cases) {
    it(`${what}: ${code}, naming the entry and the layer`, async () => {
      const cwd = tempDir();
      const before = process.cwd();
      process.chdir(cwd);
      try {
        const e = await failure(await archiveOf([await packTar(entries)]));
        expect(e.code).toBe(code);
        expect(e.message).toMatch(message);
        expect(e.message).toContain('evil.tar › l0/layer.tar');
        expect(e.render('pt-BR')).not.toBe(e.render('en'));
        expect(e.exitCode).toBe(65);
      } finally {
        process.chdir(before);
      }
      expect(readdirSync(cwd)).toEqual([]);
      expect(existsSync(`/tmp/${escapeName}`)).toBe(false);
    });
  }

  it('a name of 255 bytes (85 characters of 3 bytes; 127 of 2 and one of 1) loads', async () => {
    const names = ['€'.repeat(85), `${'é'.repeat(127)}x`];
    const image = await loadArchive(chunksOf(await archiveOf([await packTar(names.map((name) => ({ name, content: 'x' })))])), 'ok.tar', nodeImageIo);
    expect([...image.layers[0].root.entries.keys()].sort()).toEqual(names.sort());
  });

  it('an escaping symlink is allowed when asked (a container resolves .. at its root)', async () => {
    const buf = await archiveOf([await packTar([{ name: 'x', type: 'symlink', linkname: '../../host' }])]);
    const image = await loadArchive(chunksOf(buf), 'ok.tar', nodeImageIo, { layer: { rejectEscapingSymlinks: false } });
    expect(image.layers[0].root.entries.get('x')!.target).toBe('../../host');
  });
});

describe('broken and hostile archives', () => {
  it('a truncated archive names the entry it ends in', async () => {
    const good = await archiveOf([await packTar([{ name: 'a', content: 'x'.repeat(5000) }])]);
    const e = await failure(good.subarray(0, 512 + 512 + 700));
    expect(e.code).toBe('EIMAGE_TRUNCATED');
    expect(e.message).toMatch(/ends inside entry (l0\/layer\.tar|a)/);
  });

  it('a corrupt header says so', async () => {
    const good = await archiveOf([await packTar([{ name: 'a', content: 'x' }])]);
    const bad = Buffer.from(good);
    bad[512 + 3] ^= 0xff; // inside the first layer's first header: its checksum no longer matches
    const e = await failure(bad);
    expect(e.code).toBe('EIMAGE_CORRUPT');
    expect(e.message).toMatch(/checksum/);
  });

  it('a gzip bomb stops at the limit, naming the layer', async () => {
    const zeros = await packTar([{ name: 'zeros', content: Buffer.alloc(24 << 20) }]);
    const bomb = gzipSync(zeros, { level: 9 });
    expect(zeros.length / bomb.length).toBeGreaterThan(500);
    const e = await failure(await archiveOf([bomb]), { bombFloor: 4 << 20 });
    expect(e.code).toBe('EIMAGE_BOMB');
    expect(e.message).toContain('evil.tar › l0/layer.tar');
    expect(e.render('en')).toMatch(/--max-inflated/);
    // The absolute budget holds too, whatever the ratio.
    const e2 = await failure(await archiveOf([gzipSync(await packTar([{ name: 'r', content: 'abc'.repeat(4 << 20) }]))]), { maxInflatedBytes: 1 << 20 });
    expect(e2.code).toBe('EIMAGE_BOMB');
  });

  it('corrupt gzip data is a clean error', async () => {
    const gz = gzipSync(await packTar([{ name: 'a', content: 'hello'.repeat(1000) }]));
    gz[gz.length >> 1] ^= 0x55;
    gz[(gz.length >> 1) + 1] ^= 0xaa;
    const e = await failure(await archiveOf([gz]));
    expect(['EIMAGE_GZIP', 'EIMAGE_CORRUPT', 'EIMAGE_TRUNCATED']).toContain(e.code);
  });

  it('more than 500 layers is refused before they are all read', async () => {
    const empty = await packTar([]);
    const e = await failure(await archiveOf(Array.from({ length: 501 }, () => empty)));
    expect(e.code).toBe('EIMAGE_TOO_MANY_LAYERS');
    expect(e.message).toMatch(/500/);
  });

  it('a manifest naming a layer the archive lacks', async () => {
    const buf = await packTar([{ name: 'manifest.json', content: JSON.stringify([{ Layers: ['nope/layer.tar'] }]) }]);
    const e = await failure(buf);
    expect(e.code).toBe('EIMAGE_MISSING_BLOB');
    expect(e.message).toContain('nope/layer.tar');
  });

  it('a manifest path with .. and an OCI digest smuggling a path', async () => {
    const e = await failure(await packTar([{ name: 'manifest.json', content: JSON.stringify([{ Layers: ['../../etc/shadow'] }]) }]));
    expect(e.code).toBe('EIMAGE_UNSAFE_PATH');
    const e2 = await failure(await packTar([{ name: 'index.json', content: JSON.stringify({ manifests: [{ digest: 'sha256:../../../../etc/passwd' }] }) }]));
    expect(e2.code).toBe('EIMAGE_BAD_MANIFEST');
  });

  it('a layer that does not match its diff ID', async () => {
    const layer = await packTar([{ name: 'a', content: 'x' }]);
    const config = JSON.stringify({ rootfs: { diff_ids: [`sha256:${'0'.repeat(64)}`] } });
    const buf = await packTar([
      { name: 'l0/layer.tar', content: layer },
      { name: 'c.json', content: config },
      { name: 'manifest.json', content: JSON.stringify([{ Config: 'c.json', Layers: ['l0/layer.tar'] }]) },
    ]);
    const e = await failure(buf);
    expect(e.code).toBe('EIMAGE_DIFFID');
    expect(e.message).toContain('l0/layer.tar');
  });

  it('not an image archive, bad JSON, zstd, an unknown entry type', async () => {
    expect((await failure(await packTar([{ name: 'readme.txt', content: 'hi' }]))).code).toBe('EIMAGE_NO_MANIFEST');
    expect((await failure(await packTar([{ name: 'manifest.json', content: '[{"Layers": ' }]))).code).toBe('EIMAGE_BAD_MANIFEST');
    const zstd = Buffer.from([0x28, 0xb5, 0x2f, 0xfd, 1, 2, 3, 4]);
    const z = await failure(await archiveOf([zstd]));
    expect(z.code).toBe('EIMAGE_UNSUPPORTED');
    expect(z.message).toMatch(/zstd/);
    const sparse = await packTar([{ name: 'a', content: 'x' }]);
    sparse[156] = 'S'.charCodeAt(0);
    // Fix the checksum so only the type is wrong.
    sparse.fill(0x20, 148, 156);
    const sum = sparse.subarray(0, 512).reduce((s, b) => s + b, 0);
    sparse.write(sum.toString(8).padStart(6, '0') + '\0 ', 148, 'latin1');
    const s = await failure(await archiveOf([sparse]));
    expect(s.code).toBe('EIMAGE_UNSUPPORTED');
    expect(s.message).toMatch(/sparse/);
  });

  it('a missing file and an OCI layout with a blob link out of it', async () => {
    const e = await loadImageArchive('/nonexistent/archive.tar').catch((x) => x);
    expect(e).toBeInstanceOf(OverlayLabError);
    expect(e.code).toBe('EIMAGE_OPEN');
    expect(e.exitCode).toBe(66);
    const dir = tempDir();
    writeFileSync(path.join(dir, 'index.json'), JSON.stringify({ manifests: [{ digest: `sha256:${'a'.repeat(64)}` }] }));
    const { symlinkSync, mkdirSync } = await import('node:fs');
    mkdirSync(path.join(dir, 'blobs/sha256'), { recursive: true });
    symlinkSync('/etc/hostname', path.join(dir, 'blobs/sha256', 'a'.repeat(64)));
    const e2 = await loadImageDir(dir).catch((x) => x);
    expect(e2).toBeInstanceOf(OverlayLabError);
    expect(e2.code).toBe('EIMAGE_LINK_OUTSIDE');
  });
});
