// Builds layer trees on disk with coreutils, and archives of them with GNU tar and sha256sum:
// real tools write every byte the loader reads, so no test checks our reader against our writer.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, lstatSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import type { Inode } from '../../src/union/inode';
import type { ContentTable } from '../../src/image/image';

export const sh = (cmd: string, cwd?: string) => execFileSync('bash', ['-euo', 'pipefail', '-c', cmd], { cwd, encoding: 'utf8', maxBuffer: 256 << 20 });

export const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;

/** A fresh temporary directory. */
export function tempDir(prefix = 'ovl-image-'): string {
  return mkdtempSync(path.join(tmpdir(), prefix));
}

/** A long component (200 bytes) and a deep path past ustar's 100/155 limits. */
export const LONG = 'n'.repeat(200);
export const DEEP = ['deep', 'a'.repeat(90), 'b'.repeat(90), 'c'.repeat(90)].join('/');

/**
 * Layer 1 (base): files, modes, owners, hard links, symbolic links, a FIFO, long names.
 * Layer 2: overwrites, OCI whiteouts (.wh.NAME) and an opaque directory (.wh..wh..opq).
 * Layer 3: a directory replaced by a file, a file by a directory, and a re-added name.
 */
export function makeLayerDirs(root: string): string[] {
  const l1 = path.join(root, 'l1');
  const l2 = path.join(root, 'l2');
  const l3 = path.join(root, 'l3');
  const owners = isRoot ? 'chown 1234:5678 etc/owned; chown -h 42:43 etc/link-owned' : 'true';
  const dev = isRoot ? 'mknod dev/null-ish c 1 3' : 'true';
  sh(`mkdir -p ${l1} && cd ${l1}
    mkdir -p etc bin app/conf app/data dev ${DEEP} gone-dir/sub
    printf 'root:x:0:0\\n' > etc/passwd; printf 'hello\\n' > etc/motd; printf '' > etc/empty
    printf 'v1\\n' > app/conf/app.conf; printf 'keep\\n' > app/data/keep.txt; printf 'old\\n' > app/data/old.txt
    head -c 70000 /dev/zero | tr '\\0' 'x' > app/big.bin
    printf 'x' > gone-dir/sub/f; printf 'y' > etc/owned; ln -s passwd etc/link-owned
    printf 'tool' > bin/tool; chmod 4755 bin/tool; ln bin/tool bin/tool-hard
    ln -s tool bin/tool-link; ln -s /etc/passwd bin/abs-link; ln -s ../etc/missing bin/dangling
    mkfifo app/fifo; ${dev}; ${owners}
    printf 'long\\n' > ${LONG}; printf 'deep\\n' > ${DEEP}/${LONG}; ln ${DEEP}/${LONG} hard-to-deep
    printf 'ü' > etc/ünïcødé
    chmod 0700 app/data; chmod 1777 dev
  `);
  sh(`mkdir -p ${l2} && cd ${l2}
    mkdir -p app/conf app/data etc
    printf 'v2\\n' > app/conf/app.conf
    : > app/data/.wh.old.txt; : > etc/.wh.motd; : > .wh.gone-dir
    mkdir -p app/data2; : > app/data2/.wh..wh..opq; printf 'fresh\\n' > app/data2/new.txt
    head -c 70000 /dev/zero | tr '\\0' 'y' > app/big.bin
  `);
  sh(`mkdir -p ${l3} && cd ${l3}
    mkdir -p app etc/motd
    printf 'file now\\n' > app/conf; printf 'dir now\\n' > etc/motd/inside
  `);
  // app/data2 must exist below for the opaque marker to hide something.
  sh(`mkdir -p ${l1}/app/data2 && printf 'hidden\\n' > ${l1}/app/data2/under.txt`);
  return [l1, l2, l3];
}

/** A layer tar of a directory, by GNU tar (pax: long names, owners, times). */
export function tarLayer(dir: string, out: string, format: 'pax' | 'gnu' = 'pax'): string {
  sh(`tar --numeric-owner --format=${format} --sort=name -C ${dir} -cf ${out} .`);
  return out;
}

/**
 * A `docker save`-style archive (legacy Docker format: manifest.json, <n>/layer.tar, a config
 * with diff IDs from sha256sum), made with GNU tar. `gzipLayers` compresses each layer with gzip.
 */
export function dockerArchive(layerDirs: string[], out: string, opts: { gzipLayers?: boolean; tag?: string; format?: 'pax' | 'gnu' } = {}): string {
  const work = tempDir('ovl-archive-');
  const layers: string[] = [];
  const diffIds: string[] = [];
  layerDirs.forEach((d, i) => {
    mkdirSync(path.join(work, `l${i}`));
    const tar = tarLayer(d, path.join(work, `l${i}`, 'layer.tar'), opts.format ?? (i % 2 ? 'gnu' : 'pax'));
    diffIds.push(`sha256:${sh(`sha256sum ${tar} | cut -d' ' -f1`).trim()}`);
    if (opts.gzipLayers) sh(`gzip -n ${tar} && mv ${tar}.gz ${tar}`);
    layers.push(`l${i}/layer.tar`);
  });
  const config = JSON.stringify({ rootfs: { type: 'layers', diff_ids: diffIds }, history: layerDirs.map((_, i) => ({ created_by: `step ${i + 1}` })) });
  const configName = `${createHash('sha256').update(config).digest('hex')}.json`;
  writeFileSync(path.join(work, configName), config);
  writeFileSync(path.join(work, 'manifest.json'), JSON.stringify([{ Config: configName, RepoTags: [opts.tag ?? 'test/image:1'], Layers: layers }]));
  sh(`tar --format=pax -C ${work} -cf ${out} .`);
  return out;
}

/** One entry as the tests compare it: what lstat, readlink and sha256 say. */
export interface Facts {
  type: string;
  mode: number;
  uid: number;
  gid: number;
  size?: number;
  sha256?: string;
  target?: string;
  rdev?: string;
  opaque?: boolean;
}

/** Facts of every entry under a directory on disk, read with Node's fs (and getfattr for opaque). */
export function factsOfDir(dir: string): Map<string, Facts> {
  const out = new Map<string, Facts>();
  const opaque = new Set(
    sh(`getfattr -R -h -n trusted.overlay.opaque --absolute-names ${dir} 2>/dev/null | grep '^# file:' | sed 's/^# file: //' || true`)
      .split('\n')
      .filter(Boolean),
  );
  const visit = (abs: string, rel: string) => {
    for (const name of readdirSync(abs)) {
      const a = path.join(abs, name);
      const r = `${rel}/${name}`;
      const st = lstatSync(a);
      const type = st.isDirectory() ? 'd' : st.isFile() ? 'f' : st.isSymbolicLink() ? 'l' : st.isCharacterDevice() ? 'c' : st.isBlockDevice() ? 'b' : st.isFIFO() ? 'p' : 's';
      const f: Facts = { type, mode: st.mode & 0o7777, uid: st.uid, gid: st.gid };
      if (type === 'f') Object.assign(f, { size: st.size, sha256: createHash('sha256').update(readFileSync(a)).digest('hex') });
      if (type === 'l') f.target = readlinkSync(a);
      if (type === 'c' || type === 'b') f.rdev = `${Math.floor(st.rdev / 256) & 0xfff}:${st.rdev & 0xff}`;
      if (type === 'd' && opaque.has(a)) f.opaque = true;
      out.set(r, f);
      if (type === 'd') visit(a, r);
    }
  };
  visit(dir, '');
  return out;
}

/** The same facts of an inode tree loaded by the engine. */
export function factsOfTree(root: Inode, contents?: ContentTable): Map<string, Facts> {
  const out = new Map<string, Facts>();
  const visit = (node: Inode, rel: string) => {
    for (const [name, n] of node.entries) {
      const r = `${rel}/${name}`;
      const f: Facts = { type: n.type, mode: n.mode, uid: n.uid, gid: n.gid };
      if (n.type === 'f') {
        const c = contents?.of(n);
        Object.assign(f, { size: c?.size ?? n.size, sha256: c?.sha256 ?? createHash('sha256').update(n.data).digest('hex') });
      }
      if (n.type === 'l') f.target = n.target;
      if (n.type === 'c' || n.type === 'b') f.rdev = `${n.rdev[0]}:${n.rdev[1]}`;
      if (n.type === 'd' && n.xattrText('trusted.overlay.opaque') === 'y') f.opaque = true;
      out.set(r, f);
      if (n.type === 'd') visit(n, r);
    }
  };
  visit(root, '');
  return out;
}

/** Turns an OCI-form layer dir (.wh. files) into the overlay2 form (char 0/0, opaque xattr) with mknod and setfattr. */
export function toOverlay2Form(dir: string): void {
  sh(`cd ${dir}
    find . -name '.wh..wh..opq' -print0 | while IFS= read -r -d '' f; do setfattr -n trusted.overlay.opaque -v y "$(dirname "$f")"; rm "$f"; done
    find . -name '.wh.*' -print0 | while IFS= read -r -d '' f; do d=$(dirname "$f"); b=$(basename "$f"); rm "$f"; mknod "$d/\${b#.wh.}" c 0 0; chmod 0 "$d/\${b#.wh.}"; done`);
}
