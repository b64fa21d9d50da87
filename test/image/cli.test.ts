// The archive, history and layer-diff commands on an archive made by GNU tar (no engine
// needed): both languages, --json, the merged section, filters, and errors as one line with
// their exit status.
import * as path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main';
import { loadImageArchive } from '../../src/image/node';
import { imageMergedEntries, mergedSection } from '../../src/image/merged';
import { dockerArchive, makeLayerDirs, tempDir } from './support';

async function cli(argv: string[]) {
  let out = '';
  let err = '';
  const code = await main(argv, { env: {}, out: (t) => (out += t), err: (t) => (err += t), isTTY: false });
  return { code, out, err };
}

describe('overlay-lab archive, history, layer-diff on a GNU tar archive', () => {
  let file: string;
  beforeAll(() => {
    const root = tempDir();
    file = dockerArchive(makeLayerDirs(root), path.join(root, 'img.tar'), { tag: 'lab/test:1' });
  });

  it('archive: the stack top to bottom, in English and Portuguese', async () => {
    const en = await cli(['archive', file, '--lang', 'en']);
    expect(en.code).toBe(0);
    expect(en.out).toMatch(/^Image lab\/test:1 \(docker-archive, 3 layers, top to bottom\)/);
    expect(en.out.split('\n').filter((l) => /^\s+[123]\s/.test(l)).map((l) => l.trim()[0])).toEqual(['3', '2', '1']);
    const pt = await cli(['archive', file, '--lang', 'pt-BR']);
    expect(pt.out).toMatch(/^Imagem lab\/test:1 \(docker-archive, 3 camadas, de cima para baixo\)/);
    expect(pt.out).toContain('Espaço desperdiçado:');
  });

  it('archive --merged prints the report section, filtered by --prefix', async () => {
    const image = await loadImageArchive(file, { hashesOnly: true });
    const r = await cli(['archive', file, '--merged']);
    expect(r.out).toBe(mergedSection(imageMergedEntries(image)));
    expect(r.out).toMatch(/^## merged\nM \//);
    const app = await cli(['archive', file, '--merged', '--prefix', '/app']);
    expect(app.out.split('\n').slice(1, -1).every((l) => l.startsWith('M /app'))).toBe(true);
    expect(app.out).toContain('M /app/conf f mode=0644');
  });

  it('archive --json, --wasted; layer-diff --min-size; history --json', async () => {
    const j = JSON.parse((await cli(['archive', file, '--json', '--wasted'])).out);
    expect(j.layers.map((l: { position: number }) => l.position)).toEqual([1, 2, 3]);
    expect(j.wasted.files.map((f: { path: string }) => f.path)).toContain('/app/big.bin');
    const big = JSON.parse((await cli(['layer-diff', '--image', file, '--min-size', '60K', '--json'])).out);
    const paths = big.layers.flatMap((l: { entries: { path: string }[] }) => l.entries.map((e) => e.path));
    expect(paths).toEqual(['/app/big.bin', '/app/big.bin']);
    const h = JSON.parse((await cli(['history', '/etc/motd/inside', '--image', file, '--json'])).out);
    expect(h.events.map((e: { position: number; action: string }) => `${e.position}:${e.action}`)).toEqual(['3:adds']);
    const motd = JSON.parse((await cli(['history', '/etc/motd', '--image', file, '--json'])).out);
    expect(motd.events.map((e: { position: number; action: string }) => `${e.position}:${e.action}`)).toEqual(['1:adds', '2:deletes', '3:adds']);
  });

  it('errors: one line, the right exit status, in the user language', async () => {
    const missing = await cli(['archive', '/nonexistent.tar', '--lang', 'pt-BR']);
    expect(missing.code).toBe(66);
    expect(missing.err).toBe('overlay-lab archive: não consegui ler /nonexistent.tar (ENOENT). Verifique o caminho e as permissões.\n');
    const usage = await cli(['history', '/x']);
    expect(usage.code).toBe(64);
    const layer = await cli(['layer-diff', '--image', file, '9']);
    expect(layer.code).toBe(64);
    expect(layer.err).toContain('no layer 9: this image has layers 1 to 3');
    const size = await cli(['layer-diff', '--image', file, '--min-size', 'lots']);
    expect(size.code).toBe(64);
  });
});
