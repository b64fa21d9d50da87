// Checked against Docker itself: `docker save` of locally built images, loaded by the engine,
// compared with (1) `docker export` of a container of the image (minus what the container's
// -init layer adds, read from that layer on disk), (2) the real overlay2 store: each layer's
// diff/ directory, and a real read-only overlay mount of those directories read by the kernel
// runner's own tree reader, and (3) the live-inspection code's classification of each layer.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { lstatSync, mkdirSync, readdirSync, readFileSync, readlinkSync } from 'node:fs';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { need, kernelOverlayMissing } from '../support/env';
import { buildFrom, cleanup, docker, dockerMissing, ensureFixtures, TEST_LABEL } from '../support/docker';
import { loadImageArchive, loadImageDir, loadImageFromEngine, loadLayerDirs } from '../../src/image/node';
import type { LoadedImage } from '../../src/image/image';
import { imageMergedEntries, mergedSection } from '../../src/image/merged';
import { layerDiff } from '../../src/image/layer-diff';
import { pathHistory } from '../../src/image/history';
import { wastedSpace } from '../../src/image/wasted';
import { readTree } from '../../src/kernel/tree';
import { inspectImage } from '../../src/docker/inspect';
import { main } from '../../src/cli/main';
import { factsOfDir, factsOfTree, sh, tempDir } from './support';

const skip = need(dockerMissing() ?? kernelOverlayMissing());
const TEST_IMAGE = 'overlay-lab/image-test:1';
const LONG = 'n'.repeat(200);
const DEEP = `deep/${'a'.repeat(90)}/${'b'.repeat(90)}`;

/** An image with what archives must carry: hard links, symlinks, long names, setuid, owners, a FIFO, overwrites, whiteouts, an opaque dir. */
function buildTestImage(): void {
  const dockerfile = `FROM overlay-lab/busybox:1
LABEL io.overlay-lab=1 io.overlay-lab.test=1
RUN mkdir -p /data/sub /data/${DEEP} && echo one > /data/a && ln /data/a /data/a-hard && ln -s a /data/a-link \\
 && ln -s /etc/passwd /data/abs && ln -s ../nowhere /data/dangling && echo long > /data/${LONG} && echo deep > /data/${DEEP}/${LONG} \\
 && chmod 4755 /data/a && mkfifo /data/fifo && chown 1234:5678 /data/sub && echo s > /data/sub/s && head -c 100000 /dev/urandom > /data/rand \\
 && printf 'same' > /data/dup1 && printf 'same' > /data/dup2 && chmod 0600 /data/dup2
RUN echo two > /data/a-hard && rm /data/a-link /etc/group && rm -rf /data/sub && mkdir /data/sub && echo new > /data/sub/f \\
 && head -c 50000 /dev/urandom > /data/rand
RUN rm -rf /data/deep && mkdir -p /etc/passwd.d && echo x > /etc/passwd.d/x && rm /data/fifo && echo now-a-file > /data/fifo
`;
  buildFrom(TEST_IMAGE, dockerfile);
}

interface Facts {
  type: string;
  mode: number;
  uid: number;
  gid: number;
  size?: number;
  sha256?: string;
  target?: string;
}

/** The exported tree, unpacked by GNU tar as root (modes, owners, setuid kept), as lstat sees it. */
function exportFacts(image: string, root: string): { facts: Map<string, Facts>; groups: string[][]; initPaths: Set<string> } {
  const ctr = docker('create', '--label', TEST_LABEL, image, 'sh');
  try {
    const dir = path.join(root, 'export');
    mkdirSync(dir);
    sh(`docker export ${ctr} | tar -x --numeric-owner -p -C ${dir}`);
    // What the -init layer adds: read from that layer itself (the first lowerdir of the container).
    const init = docker('inspect', ctr, '--format', '{{.GraphDriver.Data.LowerDir}}').split(':')[0];
    expect(init).toMatch(/-init\/diff$/);
    const initPaths = new Set([...factsOfDir(init).keys()]);
    const facts = new Map<string, Facts>();
    const byIno = new Map<number, string[]>();
    const visit = (abs: string, rel: string) => {
      for (const name of readdirSync(abs)) {
        const a = path.join(abs, name);
        const r = `${rel}/${name}`;
        const st = lstatSync(a);
        const type = st.isDirectory() ? 'd' : st.isFile() ? 'f' : st.isSymbolicLink() ? 'l' : st.isFIFO() ? 'p' : st.isCharacterDevice() ? 'c' : 'x';
        const f: Facts = { type, mode: st.mode & 0o7777, uid: st.uid, gid: st.gid };
        if (type === 'f') {
          const data = readFileSync(a);
          Object.assign(f, { size: st.size, sha256: createHash('sha256').update(data).digest('hex').slice(0, 16) });
          byIno.set(st.ino, [...(byIno.get(st.ino) ?? []), r]);
        }
        if (type === 'l') f.target = readlinkSync(a);
        facts.set(r, f);
        if (type === 'd') visit(a, r);
      }
    };
    visit(dir, '');
    return { facts, groups: [...byIno.values()].filter((g) => g.length > 1).map((g) => g.sort()), initPaths };
  } finally {
    docker('rm', '-f', ctr);
  }
}

function engineFacts(image: LoadedImage): { facts: Map<string, Facts>; groups: string[][] } {
  const facts = new Map<string, Facts>();
  const byIno = new Map<string, string[]>();
  for (const e of imageMergedEntries(image)) {
    const f: Facts = { type: e.type, mode: e.mode, uid: e.uid, gid: e.gid };
    if (e.type === 'f') {
      Object.assign(f, { size: e.size, sha256: e.sha256 });
      byIno.set(e.inode!, [...(byIno.get(e.inode!) ?? []), e.path]);
    }
    if (e.type === 'l') f.target = e.target;
    facts.set(e.path, f);
  }
  return { facts, groups: [...byIno.values()].filter((g) => g.length > 1).map((g) => g.sort()) };
}

/** The image's diff/ directories in the overlay2 store, bottom first. */
function storeDirs(image: string): string[] {
  const data = JSON.parse(docker('image', 'inspect', image, '--format', '{{json .GraphDriver.Data}}'));
  return [...(data.LowerDir ? String(data.LowerDir).split(':').reverse() : []), data.UpperDir];
}

async function cli(argv: string[]) {
  let out = '';
  let err = '';
  const code = await main(argv, { env: process.env, out: (t) => (out += t), err: (t) => (err += t), isTTY: false });
  return { code, out, err };
}

describe.skipIf(skip)('real images: docker save into the engine, checked against Docker', () => {
  let root: string;
  const saved = new Map<string, string>();
  beforeAll(() => {
    ensureFixtures();
    buildTestImage();
    root = tempDir('ovl-image-docker-');
    for (const name of ['overlay-lab/busybox:1', 'overlay-lab/layers:1', TEST_IMAGE]) {
      const file = path.join(root, `${name.replace(/[/:]/g, '_')}.tar`);
      docker('save', '-o', file, name);
      saved.set(name, file);
    }
  });
  afterAll(() => cleanup([TEST_IMAGE]));

  for (const name of ['overlay-lab/busybox:1', 'overlay-lab/layers:1', TEST_IMAGE]) {
    it(`${name}: the merged view equals docker export (paths, types, modes, owners, sizes, hashes, link targets, hard links)`, async () => {
      const image = await loadImageArchive(saved.get(name)!, { hashesOnly: true });
      expect(image.layers.map((l) => l.diffId)).toEqual(JSON.parse(docker('image', 'inspect', name, '--format', '{{json .RootFS.Layers}}')));
      const real = exportFacts(name, tempDir());
      const mine = engineFacts(image);
      // The -init layer's own entries are Docker's, not the image's: drop them, but a directory
      // the image has too (/etc) must still be a directory in both.
      for (const p of real.initPaths) {
        if (mine.facts.get(p)?.type === 'd' && real.facts.get(p)?.type === 'd') {
          mine.facts.delete(p);
          real.facts.delete(p);
        } else if (!mine.facts.has(p)) real.facts.delete(p);
        else expect.fail(`${p} is in the image and in the -init layer as different types`);
      }
      expect(mine.facts.size).toBeGreaterThan(5);
      expect(mine.facts).toEqual(real.facts);
      expect(mine.groups.sort()).toEqual(real.groups.sort());
    });
  }

  it('each layer equals its diff/ directory in the overlay2 store (whiteouts as char 0/0, opaque xattrs)', async () => {
    for (const name of ['overlay-lab/layers:1', TEST_IMAGE]) {
      const image = await loadImageArchive(saved.get(name)!, { hashesOnly: true });
      const dirs = storeDirs(name);
      expect(dirs.length).toBe(image.layers.length);
      image.layers.forEach((l, i) => expect(factsOfTree(l.root, image.contents), `${name} layer ${l.position}`).toEqual(factsOfDir(dirs[i])));
      // Loading the store's directories themselves gives the same layer diffs.
      const fromStore = loadLayerDirs(dirs, { hashesOnly: true });
      for (const l of image.layers) expect(layerDiff(fromStore, l.position).entries).toEqual(layerDiff(image, l.position).entries);
    }
  });

  it("each layer diff classifies entries as the live inspection of the store does (overlay-lab image)", async () => {
    for (const name of ['overlay-lab/layers:1', TEST_IMAGE]) {
      const image = await loadImageArchive(saved.get(name)!, { hashesOnly: true });
      const live = await inspectImage(name, { access: 'direct', simulated: 'never' });
      for (const l of image.layers) {
        const theirs = (live.layerChanges[l.position] ?? []).map((c) => `${c.kind} ${c.path}`).sort();
        const ours = layerDiff(image, l.position).entries.map((e) => `${e.kind} ${e.path}`).sort();
        expect(ours, `${name} layer ${l.position}`).toEqual(theirs);
      }
    }
  });

  it('archive --merged prints exactly the ## merged section the kernel gives for a real overlay mount of the store layers', async () => {
    for (const name of ['overlay-lab/layers:1', TEST_IMAGE]) {
      const dirs = storeDirs(name);
      const mnt = tempDir('ovl-image-mnt-');
      const empty = tempDir('ovl-image-empty-');
      sh(`mount -t overlay overlay -o ro,lowerdir=${[...dirs].reverse().join(':')}:${empty} ${mnt}`);
      let kernel: string;
      try {
        kernel = mergedSection(readTree(mnt, false, 'trusted.overlay.metacopy'));
      } finally {
        sh(`umount ${mnt}`);
      }
      const r = await cli(['archive', saved.get(name)!, '--merged']);
      expect(r.code).toBe(0);
      expect(r.out.split('\n').length).toBeGreaterThan(10);
      expect(r.out).toBe(kernel);
    }
  });

  it('provenance and wasted space of overlay-lab/layers:1 follow its Dockerfile; sizes as tar -tv lists them', async () => {
    const file = saved.get('overlay-lab/layers:1')!;
    const image = await loadImageArchive(file, { hashesOnly: true });
    const acts = (p: string) => pathHistory(image, p).events.map((e) => `${e.position}:${e.action}${e.via ? `@${e.via.path}` : ''}`);
    expect(acts('/app/conf/app.conf')).toEqual(['2:adds', '4:overwrites']);
    expect(pathHistory(image, '/app/conf/app.conf').shownBy).toBe(4);
    expect(acts('/etc/motd')).toEqual(['2:adds', '4:deletes']);
    expect(pathHistory(image, '/etc/motd').shownBy).toBeUndefined();
    expect(acts('/app/data/keep.txt')).toEqual(['2:adds', '5:deletes@/app/data']);
    expect(acts('/app/data')).toEqual(['2:adds', '4:modifies', '5:overwrites']);
    expect(acts('/app/hello.txt')).toEqual(['3:adds']);
    // Layer 2 wrote app.conf, keep.txt, old.txt and motd; later layers hide all four.
    const layer2 = JSON.parse(sh(`tar -xOf ${file} manifest.json`))[0].Layers[1];
    const sizes = sh(`tar -xOf ${file} ${layer2} | tar -tv`).split('\n').filter((l) => /app\.conf|keep\.txt|old\.txt|motd/.test(l)).map((l) => Number(l.trim().split(/\s+/)[2]));
    expect(sizes.length).toBe(4);
    const w = wastedSpace(image);
    expect(w.perLayer.map((l) => l.bytes)).toEqual([0, sizes.reduce((a, b) => a + b, 0), 0, 0, 0]);
    expect(w.files.map((f) => f.path).sort()).toEqual(['/app/conf/app.conf', '/app/data/keep.txt', '/app/data/old.txt', '/etc/motd']);
  });

  it('the test image: a hard link broken by copy-up, a dir turned file, a FIFO turned file, rand overwritten (wasted)', async () => {
    const image = await loadImageArchive(saved.get(TEST_IMAGE)!, { hashesOnly: true });
    const top = image.layers.length;
    expect(pathHistory(image, '/data/a-hard').events.map((e) => `${e.position - top + 3}:${e.action}`)).toEqual(['1:adds', '2:overwrites']);
    expect(pathHistory(image, '/data/fifo').events.map((e) => `${e.action}:${e.entry?.type}`)).toEqual(['adds:p', 'overwrites:f']);
    const w = wastedSpace(image);
    const rand = w.files.find((f) => f.path === '/data/rand')!;
    expect(rand.size).toBe(100000);
    expect(rand.how).toBe('overwritten');
    // /data/a keeps the first layer's inode (its twin a-hard was copied up alone): not wasted.
    expect(w.files.find((f) => f.path === '/data/a')).toBeUndefined();
  });

  it('an OCI layout (skopeo, gzip layers) and an OCI archive load the same layers as docker save', async (ctx) => {
    const why = need(spawnSync('skopeo', ['--version']).error ? 'skopeo not installed (Debian: apt-get install skopeo)' : undefined);
    if (why) return ctx.skip(why);
    const file = saved.get(TEST_IMAGE)!;
    const dir = path.join(tempDir(), 'oci');
    sh(`skopeo copy -q docker-archive:${file} oci:${dir}:test`);
    const ociArchive = path.join(tempDir(), 'oci.tar');
    sh(`skopeo copy -q docker-archive:${file} oci-archive:${ociArchive}:test`);
    const a = await loadImageArchive(file, { hashesOnly: true });
    for (const b of [await loadImageDir(dir, { hashesOnly: true }), await loadImageArchive(ociArchive, { hashesOnly: true })]) {
      expect(b.layers.every((l) => l.compression === 'gzip')).toBe(true);
      expect(b.layers.map((l) => l.diffId)).toEqual(a.layers.map((l) => l.diffId));
      b.layers.forEach((l, i) => expect(factsOfTree(l.root, b.contents)).toEqual(factsOfTree(a.layers[i].root, a.contents)));
    }
  });

  it('loads a local image by name through the engine, and the CLI speaks both languages', async () => {
    const byName = await loadImageFromEngine('overlay-lab/layers:1', process.env, { hashesOnly: true });
    expect(byName.layers.map((l) => l.diffId)).toEqual(JSON.parse(docker('image', 'inspect', 'overlay-lab/layers:1', '--format', '{{json .RootFS.Layers}}')));
    const en = await cli(['history', '/etc/motd', '--image', 'overlay-lab/layers:1', '--lang', 'en']);
    expect(en.code).toBe(0);
    expect(en.out).toMatch(/^\s+4\s+deletes/m);
    expect(en.out).toContain('The merged view does not show it.');
    const pt = await cli(['history', '/etc/motd', '--image', saved.get('overlay-lab/layers:1')!, '--lang', 'pt-BR']);
    expect(pt.out).toMatch(/^\s+4\s+apaga/m);
    expect(pt.out).toContain('O merged não mostra esse caminho.');
    const json = JSON.parse((await cli(['layer-diff', '--image', 'overlay-lab/layers:1', '4', '--json'])).out);
    expect(json.layers[0].entries.filter((e: { kind: string }) => e.kind === 'deleted').map((e: { path: string }) => e.path)).toEqual(['/app/data/old.txt', '/etc/motd']);
    const missing = await cli(['history', '/x', '--image', 'overlay-lab/not-there:1']);
    expect(missing.code).toBe(66);
    expect(missing.err).toBe('overlay-lab history: no image named overlay-lab/not-there:1. List them with docker images.\n');
  });
});
