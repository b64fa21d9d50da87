// The playground's archive worker logic (website/src/components/Playground/archiveSession.ts),
// run here on Node's web globals (Blob.stream, DecompressionStream): the same summary as the
// Node loader, the CLI's error text for hostile archives, path histories, a writable mount.
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { gzipSync } from 'node:zlib';
import { pack } from 'tar-stream';
import { describe, expect, it } from 'vitest';
import { ArchiveSession, type FromWorker, type ToWorker } from '../../website/src/components/Playground/archiveSession';
import { loadImageArchive } from '../../src/image/node';
import { imageSummary } from '../../src/image/archive-view';
import { imageMergedEntries, mergedSection } from '../../src/image/merged';
import { pathHistory } from '../../src/image/history';
import { main } from '../../src/cli/main';
import { say } from '../../src/i18n/format';
import { imageHints } from '../../src/image/errors';
import { tempDir } from '../image/support';

const EXAMPLE = path.join(__dirname, '../../notebooks/data/example-image.tar');

async function run(msgs: ToWorker[]): Promise<FromWorker[]> {
  const out: FromWorker[] = [];
  const s = new ArchiveSession((m) => out.push(m));
  for (const m of msgs) await s.handle(m);
  return out;
}

const load = (bytes: Uint8Array, name: string, hashesOnly = false, lang: 'en' | 'pt-BR' = 'en'): ToWorker => ({ type: 'load', file: new Blob([bytes]), name, hashesOnly, lang });

function tarOf(entries: { name: string; type?: 'file' | 'symlink' | 'link'; linkname?: string; body?: Buffer | string }[]): Promise<Buffer> {
  return new Promise((resolve) => {
    const p = pack();
    const parts: Buffer[] = [];
    p.on('data', (c: Buffer) => parts.push(c));
    p.on('end', () => resolve(Buffer.concat(parts)));
    for (const e of entries) p.entry({ name: e.name, type: e.type ?? 'file', linkname: e.linkname, mode: 0o644 }, e.type && e.type !== 'file' ? undefined : (e.body ?? ''));
    p.finalize();
  });
}

async function cliError(file: string, lang: 'en' | 'pt-BR'): Promise<string> {
  let err = '';
  const code = await main(['archive', file, '--lang', lang], { env: process.env, out: () => undefined, err: (t) => (err += t), isTTY: false });
  expect(code).not.toBe(0);
  return err.trim().replace(/^overlay-lab archive: /, '');
}

/** The CLI's line as the page says it: the page's own hint instead of one naming a CLI flag (EIMAGE_BOMB, EIMAGE_TOO_BIG). */
function asOnPage(cli: string, code: string, lang: 'en' | 'pt-BR'): string {
  const { cli: hint, page } = imageHints(code);
  if (!page) return cli;
  expect(cli.endsWith(` ${say(hint!, lang)}`), cli).toBe(true);
  return `${cli.slice(0, -say(hint!, lang).length)}${say(page, lang)}`;
}

describe('archive session (the playground worker)', () => {
  const bytes = readFileSync(EXAMPLE);

  for (const [what, buf] of [['plain', bytes], ['gzip', gzipSync(bytes)]] as const) {
    it(`${what}: the same summary as the Node loader, with progress up to the file size`, async () => {
      const out = await run([load(buf, 'example-image.tar')]);
      const loaded = out.find((m) => m.type === 'loaded');
      expect(loaded, JSON.stringify(out.filter((m) => m.type === 'failed'))).toBeDefined();
      const node = imageSummary(await loadImageArchive(EXAMPLE));
      const { summary } = loaded as Extract<FromWorker, { type: 'loaded' }>;
      expect({ ...summary, source: node.source }).toEqual(node);
      const progress = out.filter((m) => m.type === 'progress') as Extract<FromWorker, { type: 'progress' }>[];
      expect(progress.at(-1)!.read).toBe(buf.length);
      expect(progress.map((p) => p.read)).toEqual([...progress.map((p) => p.read)].sort((a, b) => a - b));
    });
  }

  it('hashes only: no bytes kept, the same layers and merged view, and no mount', async () => {
    const out = await run([load(bytes, 'x.tar', true), { type: 'merged' }, { type: 'mount', lang: 'pt-BR' }]);
    const { summary } = out.find((m) => m.type === 'loaded') as Extract<FromWorker, { type: 'loaded' }>;
    expect(summary.hashesOnly).toBe(true);
    expect(summary.keptBytes).toBe(0);
    const merged = out.find((m) => m.type === 'merged') as Extract<FromWorker, { type: 'merged' }>;
    expect(merged.section).toBe(mergedSection(imageMergedEntries(await loadImageArchive(EXAMPLE))));
    const lab = out.find((m) => m.type === 'lab') as Extract<FromWorker, { type: 'lab' }>;
    expect(lab.error).toMatch(/só tamanhos e hashes/);
  });

  it('a newer file supersedes a load under way: the old one ends silently, the new one loads', async () => {
    const out: FromWorker[] = [];
    // The first progress report (the first chunk read) is when the newer file arrives.
    const s: ArchiveSession = new ArchiveSession((m) => {
      if (m.type === 'progress' && !out.some((o) => o.type === 'progress')) s.supersede();
      out.push(m);
    });
    const layer = await tarOf([{ name: 'big', body: Buffer.alloc(16 << 20, 7) }]);
    const big = new Blob([await tarOf([{ name: 'l0/layer.tar', body: layer }, { name: 'manifest.json', body: JSON.stringify([{ Layers: ['l0/layer.tar'] }]) }])]);
    await s.handle({ type: 'load', file: big, name: 'first.tar', hashesOnly: true, lang: 'en' });
    await s.handle(load(bytes, 'second.tar'));
    expect(out.filter((m) => m.type === 'failed')).toEqual([]);
    const loaded = out.filter((m) => m.type === 'loaded') as Extract<FromWorker, { type: 'loaded' }>[];
    expect(loaded.map((m) => m.summary.source)).toEqual(['second.tar']);
  });

  it('a path history is the library’s', async () => {
    const out = await run([load(bytes, 'x.tar'), { type: 'history', path: '/app/conf/app.conf', lang: 'en' }, { type: 'history', path: '../x', lang: 'pt-BR' }]);
    const [h, bad] = out.filter((m) => m.type === 'history') as Extract<FromWorker, { type: 'history' }>[];
    expect(h.history).toEqual(pathHistory(await loadImageArchive(EXAMPLE), '/app/conf/app.conf'));
    expect(bad.error).toMatch(/não é um caminho dentro da imagem/);
  });

  it('mounted: rm leaves a whiteout in the upper layer, append copies up, rename works; the image stays as loaded', async () => {
    const out = await run([
      load(bytes, 'x.tar'),
      { type: 'mount', lang: 'en' },
      { type: 'act', line: 'rm etc/passwd', lang: 'en' },
      { type: 'act', line: 'append app/conf/app.conf more', lang: 'en' },
      { type: 'act', line: 'rename app/hello.txt app/hi.txt', lang: 'en' },
      { type: 'act', line: 'rmdir nowhere', lang: 'en' },
      { type: 'merged' },
      { type: 'unmount' },
      { type: 'merged' },
    ]);
    const labs = out.filter((m) => m.type === 'lab') as Extract<FromWorker, { type: 'lab' }>[];
    const last = labs.at(-1)!.snap!;
    expect(last.trace.map((t) => t.ok)).toEqual([true, true, true, false]);
    expect(last.trace[3].error).toMatch(/^ENOENT/);
    expect(last.trace[1].events.join(' ')).toMatch(/copied up|copy/i);
    expect(last.upper.entries.find((e) => e.path === 'etc/passwd')?.whiteout).toBe(true);
    const [mounted, after] = out.filter((m) => m.type === 'merged') as Extract<FromWorker, { type: 'merged' }>[];
    expect(mounted.section).not.toMatch(/^M \/etc\/passwd /m);
    expect(mounted.section).toMatch(/^M \/app\/hi\.txt f /m);
    expect(mounted.section).toContain('## upper');
    expect(after.section).toBe(mergedSection(imageMergedEntries(await loadImageArchive(EXAMPLE))));
  });

  describe('hostile archives: the CLI’s error, in the page’s language, and nothing loaded', () => {
    const dir = tempDir('ovl-archive-session-');
    const manifest = (layers: string[]) => ({ name: 'manifest.json', body: JSON.stringify([{ RepoTags: ['evil:1'], Layers: layers }]) });
    let bomb: Buffer | undefined;
    const cases: [string, () => Promise<Buffer>, string][] = [
      ['path traversal', async () => tarOf([{ name: 'l0/layer.tar', body: await tarOf([{ name: '../../etc/evil', body: 'x' }]) }, manifest(['l0/layer.tar'])]), 'EIMAGE_UNSAFE_PATH'],
      ['link escape', async () => tarOf([{ name: 'l0/layer.tar', body: await tarOf([{ name: 'x', type: 'symlink', linkname: '../../../host' }]) }, manifest(['l0/layer.tar'])]), 'EIMAGE_LINK_OUTSIDE'],
      ['gzip bomb', async () => (bomb ??= await tarOf([{ name: 'l0/layer.tar', body: gzipSync(Buffer.alloc(300 << 20), { level: 9 }) }, manifest(['l0/layer.tar'])])), 'EIMAGE_BOMB'],
    ];
    for (const [what, make, code] of cases) {
      for (const lang of ['en', 'pt-BR'] as const) {
        it(`${what} (${lang}): ${code}`, async () => {
          const buf = await make();
          const file = path.join(dir, 'evil.tar');
          require('node:fs').writeFileSync(file, buf);
          const out = await run([load(buf, file, false, lang), { type: 'merged' }]);
          const failed = out.filter((m) => m.type === 'failed') as Extract<FromWorker, { type: 'failed' }>[];
          expect(failed).toHaveLength(1);
          expect(failed[0].code).toBe(code);
          expect(out.some((m) => m.type === 'loaded')).toBe(false);
          expect((out.find((m) => m.type === 'merged') as Extract<FromWorker, { type: 'merged' }>).section).toBe('');
          // The CLI's message; its hint swapped for the page's where the CLI's names a flag the page lacks.
          expect(failed[0].message).toBe(asOnPage(await cliError(file, lang), code, lang));
        }, 60_000);
      }
    }
  });
});
