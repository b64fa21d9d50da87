/// <reference lib="dom" />
/*
 * The playground opens a real `docker save` archive in the real Chromium: an image built here
 * against the real dockerd (whiteouts, an opaque directory, a hard link broken by a later layer,
 * symbolic links), read in the page's Web Worker with the network off, and compared with
 * `docker export` of a container of the image (link counts as the container's stat shows them).
 * Hostile archives give the CLI's error and nothing else. About 3-5 minutes, most of it the build.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { lstatSync, mkdirSync, readdirSync, readFileSync, readlinkSync, rmSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { gzipSync } from 'node:zlib';
import { pack } from 'tar-stream';
import type { Browser, BrowserContext, Page, Request } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { need } from '../support/env';
import { cleanup, docker, dockerMissing, ensureFixtures, sh, TEST_LABEL } from '../support/docker';
import { main } from '../../src/cli/main';
import { say } from '../../src/i18n/format';
import { imageHints } from '../../src/image/errors';
import { mergedSection } from '../../src/image/merged';
import { pathWord } from '../../src/scenario/quote';
import type { ReportEntry } from '../../src/scenario/report';
import { browserMissing, buildSite, launchBrowser, offlineContext, ROOT, serveSite } from './support';
import { tempDir } from '../image/support';

const skip = need(browserMissing() ?? dockerMissing());
const TAG = `overlay-lab/archive-e2e:${process.pid}`;
const OUT = path.join(ROOT, '.cache/site-archive-test');
const SHOTS = path.join(ROOT, '.cache/archive-shots');
const LOCALES = [
  { prefix: '', lang: 'pt-BR' as const },
  { prefix: '/en', lang: 'en' as const },
];

/** Layer 2 adds; layer 3 overwrites, deletes (whiteouts), replaces a directory (opaque) and breaks a hard link (b is copied up). */
const DOCKERFILE = `FROM overlay-lab/busybox:1
LABEL io.overlay-lab=1 io.overlay-lab.test=1
RUN mkdir -p /app/data /app/cache && echo v1 > /app/conf && echo old > /app/data/old.txt && echo keep > /app/data/keep.txt \\
 && echo c1 > /app/cache/c1 && echo shared > /app/a && ln /app/a /app/b && ln -s a /app/link && ln -s /etc/passwd /app/abs \\
 && head -c 300000 /dev/urandom > /app/big && chmod 0600 /app/data/keep.txt && chown 1234:5678 /app/data
RUN echo v2 > /app/conf && rm /app/data/old.txt /etc/group && rm -rf /app/cache && mkdir /app/cache && echo c2 > /app/cache/c2 \\
 && echo more >> /app/b && head -c 1000 /dev/urandom > /app/big
`;

let browser: Browser;
let server: { url: string; stop: () => void };
let work: string;
let archive: string;
const hostile: { what: string; file: string; code: string }[] = [];

function buildImage(): void {
  const ctx = tempDir('ovl-archive-e2e-build-');
  writeFileSync(path.join(ctx, 'Dockerfile'), DOCKERFILE);
  const r = spawnSync('docker', ['build', '-q', '--network', 'none', '-t', TAG, ctx], { encoding: 'utf8', env: { ...process.env, DOCKER_BUILDKIT: '0' } });
  rmSync(ctx, { recursive: true, force: true });
  if (r.status !== 0) throw new Error(`docker build: ${r.stderr}`);
}

function tarOf(entries: { name: string; type?: 'file' | 'symlink'; linkname?: string; body?: Buffer | string }[]): Promise<Buffer> {
  return new Promise((resolve) => {
    const p = pack();
    const parts: Buffer[] = [];
    p.on('data', (c: Buffer) => parts.push(c));
    p.on('end', () => resolve(Buffer.concat(parts)));
    for (const e of entries) p.entry({ name: e.name, type: e.type ?? 'file', linkname: e.linkname, mode: 0o644 }, e.type === 'symlink' ? undefined : (e.body ?? ''));
    p.finalize();
  });
}

async function writeHostile(dir: string): Promise<void> {
  const manifest = { name: 'manifest.json', body: JSON.stringify([{ RepoTags: ['evil:1'], Layers: ['l0/layer.tar'] }]) };
  const cases: [string, string, Buffer][] = [
    ['path-traversal', 'EIMAGE_UNSAFE_PATH', await tarOf([{ name: '../../etc/evil', body: 'x' }])],
    ['link-escape', 'EIMAGE_LINK_OUTSIDE', await tarOf([{ name: 'etc/x', type: 'symlink', linkname: '../../../host' }])],
    ['gzip-bomb', 'EIMAGE_BOMB', gzipSync(Buffer.alloc(300 << 20), { level: 9 })],
  ];
  for (const [what, code, layer] of cases) {
    const file = path.join(dir, `${what}.tar`);
    writeFileSync(file, await tarOf([{ name: 'l0/layer.tar', body: layer }, manifest]));
    hostile.push({ what, file, code });
  }
}

/**
 * The same image as an OCI archive with gzip layers (oci-layout, index.json, blobs/sha256/...),
 * written from the `docker save` archive's own layer tars with GNU tar and gzip.
 */
function ociArchiveOf(dockerArchive: string, out: string): void {
  const dir = tempDir('ovl-archive-e2e-oci-');
  const src = path.join(dir, 'src');
  const oci = path.join(dir, 'oci');
  mkdirSync(src);
  mkdirSync(path.join(oci, 'blobs/sha256'), { recursive: true });
  sh(`tar -xf ${dockerArchive} -C ${src}`);
  const [m] = JSON.parse(readFileSync(path.join(src, 'manifest.json'), 'utf8')) as { Config: string; Layers: string[] }[];
  const blob = (bytes: Buffer) => {
    const hex = createHash('sha256').update(bytes).digest('hex');
    writeFileSync(path.join(oci, 'blobs/sha256', hex), bytes);
    return { digest: `sha256:${hex}`, size: bytes.length };
  };
  const config = blob(readFileSync(path.join(src, m.Config)));
  const layers = m.Layers.map((l) => ({ mediaType: 'application/vnd.oci.image.layer.v1.tar+gzip', ...blob(gzipSync(readFileSync(path.join(src, l)))) }));
  const manifest = blob(Buffer.from(JSON.stringify({ schemaVersion: 2, mediaType: 'application/vnd.oci.image.manifest.v1+json', config: { mediaType: 'application/vnd.oci.image.config.v1+json', ...config }, layers })));
  writeFileSync(path.join(oci, 'oci-layout'), '{"imageLayoutVersion":"1.0.0"}');
  writeFileSync(path.join(oci, 'index.json'), JSON.stringify({ schemaVersion: 2, manifests: [{ mediaType: 'application/vnd.oci.image.manifest.v1+json', ...manifest, annotations: { 'org.opencontainers.image.ref.name': 'e2e' } }] }));
  sh(`tar -cf ${out} -C ${oci} .`);
  rmSync(dir, { recursive: true, force: true });
}

/** The CLI's one line for a file, without its `overlay-lab archive: ` prefix; the page names the file by its name only. */
async function cliError(file: string, lang: 'en' | 'pt-BR'): Promise<string> {
  let err = '';
  const code = await main(['archive', file, '--lang', lang], { env: process.env, out: () => undefined, err: (t) => (err += t), isTTY: false });
  expect(code).not.toBe(0);
  return err.trim().replace(/^overlay-lab archive: /, '').split(file).join(path.basename(file));
}

/** The CLI's line as the page says it: the page's own hint instead of one naming a CLI flag (EIMAGE_BOMB, EIMAGE_TOO_BIG). */
function asOnPage(cli: string, code: string, lang: 'en' | 'pt-BR'): string {
  const { cli: hint, page } = imageHints(code);
  if (!page) return cli;
  expect(cli.endsWith(` ${say(hint!, lang)}`), cli).toBe(true);
  return `${cli.slice(0, -say(hint!, lang).length)}${say(page, lang)}`;
}

/** `docker export` of a container of the image, unpacked as root, as report entries; link counts from `stat` inside a container. */
function exportedEntries(image: string, root: string): { entries: ReportEntry[]; initPaths: Set<string> } {
  const ctr = docker('create', '--label', TEST_LABEL, image, 'sh');
  const dir = path.join(root, 'export');
  mkdirSync(dir);
  let initPaths: Set<string>;
  try {
    sh(`docker export ${ctr} | tar -x --numeric-owner -p -C ${dir}`);
    // What the -init layer adds (/etc/hosts, /.dockerenv, ...) is Docker's, not the image's.
    const init = docker('inspect', ctr, '--format', '{{.GraphDriver.Data.LowerDir}}').split(':')[0];
    expect(init).toMatch(/-init\/diff$/);
    initPaths = new Set(sh(`cd ${init} && find . -mindepth 1`).split('\n').filter(Boolean).map((p) => p.slice(1)));
  } finally {
    docker('rm', '-f', ctr);
  }
  const stat = docker('run', '--rm', '--network', 'none', '--label', TEST_LABEL, image, 'sh', '-c', "find / -xdev -type f -exec stat -c '%h %n' {} +");
  const nlink = new Map(stat.split('\n').map((l) => [l.slice(l.indexOf(' ') + 1), Number(l.slice(0, l.indexOf(' ')))] as const));
  const entries: ReportEntry[] = [];
  const visit = (abs: string, rel: string) => {
    for (const name of readdirSync(abs).sort()) {
      const a = path.join(abs, name);
      const r = `${rel}/${name}`;
      const st = lstatSync(a);
      const type = st.isDirectory() ? 'd' : st.isFile() ? 'f' : st.isSymbolicLink() ? 'l' : st.isFIFO() ? 'p' : st.isCharacterDevice() ? 'c' : 'b';
      const e: ReportEntry = { path: r, type, mode: st.mode & 0o7777, uid: st.uid, gid: st.gid, xattrs: [] };
      if (type === 'f') Object.assign(e, { nlink: nlink.get(r), size: st.size, sha256: createHash('sha256').update(readFileSync(a)).digest('hex').slice(0, 16), inode: String(st.ino) });
      if (type === 'l') e.target = readlinkSync(a);
      entries.push(e);
      if (type === 'd') visit(a, r);
    }
  };
  visit(dir, '');
  return { entries, initPaths };
}

/** M lines of a `## merged` section, by path, leaving out the given paths. */
function mLines(section: string, leave: Set<string>): string[] {
  return section
    .split('\n')
    .filter((l) => l.startsWith('M '))
    .filter((l) => {
      const w = pathWord(l.slice(2));
      return !('path' in w) || !leave.has(w.path);
    });
}

async function openPlayground(prefix: string, viewport?: { width: number; height: number }): Promise<{ page: Page; ctx: BrowserContext; requests: Request[]; blocked: string[] }> {
  const { ctx, blocked } = await offlineContext(browser, server.url, viewport ? { viewport, deviceScaleFactor: 1 } : {});
  const page = await ctx.newPage();
  const requests: Request[] = [];
  page.on('request', (r) => requests.push(r));
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  const worker = page.waitForEvent('worker');
  await page.goto(`${server.url}${prefix}/playground`, { waitUntil: 'load' });
  await page.getByTestId('archive').waitFor();
  await worker;
  await page.waitForLoadState('networkidle');
  expect(errors).toEqual([]);
  return { page, ctx, requests, blocked };
}

async function pick(page: Page, file: string): Promise<string> {
  await page.getByTestId('archive-input').setInputFiles(file);
  await page.waitForSelector('[data-testid="archive"][data-phase="loaded"], [data-testid="archive"][data-phase="failed"]', { timeout: 120_000 });
  return (await page.getByTestId('archive').getAttribute('data-phase'))!;
}

describe.skipIf(skip)('the playground opens a real docker save archive (Chromium, dockerd)', () => {
  beforeAll(async () => {
    ensureFixtures();
    buildImage();
    work = tempDir('ovl-archive-e2e-');
    archive = path.join(work, 'image.tar');
    docker('save', '-o', archive, TAG);
    await writeHostile(work);
    ociArchiveOf(archive, path.join(work, 'image-oci.tar'));
    rmSync(OUT, { recursive: true, force: true });
    buildSite(OUT);
    server = await serveSite(OUT);
    browser = await launchBrowser();
  }, 900_000);

  afterAll(async () => {
    await browser?.close();
    server?.stop();
    cleanup([TAG]);
    if (work) rmSync(work, { recursive: true, force: true });
  });

  it('an OCI archive with gzip layers, and the docker archive in hashes-only mode (its layers held and hashed whole in the hashing worker): the same layers and merged view', async () => {
    const merged: string[] = [];
    const loads = [[archive, false], [path.join(work, 'image-oci.tar'), false], [archive, true]] as const;
    for (const [file, hashesOnly] of loads) {
      const { page, ctx } = await openPlayground('/en');
      try {
        if (hashesOnly) await page.getByTestId('archive-hashes-only').check();
        expect(await pick(page, file)).toBe('loaded');
        expect(await page.getByTestId('archive-kept').innerText()).toMatch(hashesOnly ? /held whole/ : /Contents kept/);
        await page.getByTestId('archive-show-merged').click();
        merged.push(await page.getByTestId('archive-merged').innerText());
        if (file !== archive) expect(await page.getByTestId('archive-summary').innerText()).toMatch(/oci-archive/);
      } finally {
        await ctx.close();
      }
    }
    expect(merged[0].split('\n').length).toBeGreaterThan(100);
    expect(merged[1]).toBe(merged[0]);
    expect(merged[2]).toBe(merged[0]);
  }, 240_000);

  for (const { prefix, lang } of LOCALES) {
    it(`${lang}: offline, the page's merged view equals docker export; layers, history and a mount act as the library says`, async () => {
      const { page, ctx, requests, blocked } = await openPlayground(prefix);
      try {
        // Once the site is loaded the network may go: the worker is already there.
        await ctx.setOffline(true);
        const before = requests.length;
        expect(await pick(page, archive)).toBe('loaded');
        // The seconds in the language's own decimal mark (pt-BR "0,5 s").
        expect(await page.getByTestId('archive-loaded').innerText()).toMatch(lang === 'pt-BR' ? /lido em \d+,\d s/ : /read in \d+\.\d s/);
        // No request could carry the archive: only bodiless GETs of the site's own files (Docusaurus
        // prefetches chunks of linked pages; offline, they fail), none naming the file.
        const carries = (r: Request) => r.method() !== 'GET' || r.postDataBuffer() !== null || !r.url().startsWith(server.url) || r.url().includes('image.tar');
        expect(requests.filter(carries).map((r) => `${r.method()} ${r.url()}`)).toEqual([]);
        expect(requests.slice(before).filter((r) => !/\/(assets|img)\//.test(new URL(r.url()).pathname)).map((r) => r.url())).toEqual([]);
        expect(blocked).toEqual([]);

        // The layer table: every layer, top first, with the CLI's counts.
        let cliOut = '';
        await main(['archive', archive, '--json'], { env: process.env, out: (t) => (cliOut += t), err: () => undefined, isTTY: false });
        const cli = JSON.parse(cliOut) as { layers: { position: number; totals: { added: number; modified: number; deleted: number; opaque: number } }[] };
        const rows = page.getByTestId('archive-layer');
        expect(await rows.count()).toBe(cli.layers.length);
        for (let i = 0; i < cli.layers.length; i++) {
          const l = [...cli.layers].reverse()[i];
          const row = rows.nth(i);
          expect(await row.getAttribute('data-position')).toBe(String(l.position));
          const t = l.totals;
          expect(await row.locator('td').nth(2).innerText()).toBe(`+${t.added} ~${t.modified} −${t.deleted} ■${t.opaque}`);
        }
        const top = cli.layers.at(-1)!.totals;
        expect(top.deleted).toBeGreaterThanOrEqual(2);
        expect(top.opaque).toBeGreaterThanOrEqual(1);

        // The merged view, line by line, against docker export (minus Docker's -init layer).
        await page.getByTestId('archive-show-merged').click();
        const section = await page.getByTestId('archive-merged').innerText();
        const real = exportedEntries(TAG, tempDir('ovl-archive-e2e-export-'));
        const expected = mLines(mergedSection(real.entries), real.initPaths);
        const shown = mLines(section, real.initPaths);
        expect(shown.length).toBeGreaterThan(100);
        expect(shown).toEqual(expected);
        // The hard link b broke: a keeps the lower inode's two links, b has one of its own.
        expect(shown.find((l) => l.startsWith('M /app/a '))).toMatch(/ nlink=2 /);
        expect(shown.find((l) => l.startsWith('M /app/b '))).toMatch(/ nlink=1 /);

        // A path's history: added by layer 2, overwritten by layer 3, which the merged view shows.
        await page.getByTestId('archive-history-path').fill('/app/b');
        await page.getByTestId('archive-history').getByRole('button').click();
        const h = page.getByTestId('archive-history-result');
        await h.waitFor();
        expect(await h.getAttribute('data-shown-by')).toBe('3');
        expect(await h.locator('li').evaluateAll((ls) => ls.map((l) => l.getAttribute('data-action')))).toEqual(['adds', 'overwrites']);

        // Mounted writable: rm leaves a whiteout in the upper layer, the merged view loses the file.
        await page.getByTestId('archive-mount').click();
        const lab = page.getByTestId('archive-lab');
        await lab.getByTestId('action-line').fill('rm app/a');
        await lab.getByTestId('action-line').press('Enter');
        await lab.locator('[data-testid="archive-upper"] li[data-path="app/a"][data-whiteout="1"]').waitFor();
        await lab.getByTestId('action-line').fill('rename app/conf app/conf2');
        await lab.getByTestId('action-line').press('Enter');
        await lab.locator('[data-testid="trace"] > li').nth(1).waitFor();
        // The machine may be shared: give the worker's answer time to arrive.
        await expect.poll(() => lab.getByTestId('archive-merged').innerText(), { timeout: 60_000 }).toMatch(/^M \/app\/conf2 f /m);
        const after = await lab.getByTestId('archive-merged').innerText();
        expect(after).not.toMatch(/^M \/app\/a /m);
        expect(after).toMatch(/^M \/app\/b f .* nlink=1 /m);
        expect(await lab.locator('[data-testid="trace"] > li').evaluateAll((ls) => ls.map((l) => l.getAttribute('data-ok')))).toEqual(['1', '1']);
        expect(requests.filter(carries).map((r) => `${r.method()} ${r.url()}`)).toEqual([]);
      } finally {
        await ctx.close();
      }
    }, 240_000);

    it(`${lang}: hostile archives give the CLI's error and nothing else`, async () => {
      const { page, ctx, requests } = await openPlayground(prefix);
      try {
        for (const h of hostile) {
          expect(await pick(page, h.file), h.what).toBe('failed');
          const err = page.getByTestId('archive-error');
          expect(await err.getAttribute('data-code')).toBe(h.code);
          expect(await err.innerText()).toBe(asOnPage(await cliError(h.file, lang), h.code, lang));
          expect(await page.getByTestId('archive-summary').count()).toBe(0);
          expect(await page.getByTestId('archive-lab').count()).toBe(0);
        }
        expect(requests.every((r) => r.method() === 'GET' && !r.postDataBuffer())).toBe(true);
      } finally {
        await ctx.close();
      }
    }, 240_000);

    it(`${lang}: screenshots, desktop and 390 px phone, with no horizontal scroll`, async () => {
      mkdirSync(SHOTS, { recursive: true });
      for (const [name, viewport] of [['desktop', { width: 1280, height: 900 }], ['phone', { width: 390, height: 844 }]] as const) {
        const { page, ctx } = await openPlayground(prefix, viewport);
        try {
          expect(await pick(page, archive)).toBe('loaded');
          await page.getByTestId('archive-layers').locator('summary').first().click();
          await page.getByTestId('archive-history-path').fill('/app/cache/c1');
          await page.getByTestId('archive-history').getByRole('button').click();
          await page.getByTestId('archive-history-result').waitFor();
          // The sticky navbar would be painted over the middle of a tall element screenshot.
          await page.addStyleTag({ content: '.navbar { position: static !important; }' });
          await page.getByTestId('archive').scrollIntoViewIfNeeded();
          const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
          expect(overflow, `${lang} ${name}: page wider than the screen`).toBeLessThanOrEqual(0);
          await page.getByTestId('archive').screenshot({ path: path.join(SHOTS, `${lang}-${name}.png`) });
        } finally {
          await ctx.close();
        }
      }
    }, 240_000);
  }
});
