// The direct scanner on a store built by the test in a temporary directory: an orphan, a
// broken l/ link, a whiteout made with mknod and an opaque directory made with setfattr.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { kernelOverlayMissing, need } from '../support/env';
import { scanDirect } from '../../src/docker/access/direct-scanner';
import { buildHostModel } from '../../src/docker/store/host-model';
import { chainIds } from '../../src/docker/store/chain-id';
import { detectStore } from '../../src/docker/store/store-kind';
import { upperChanges } from '../../src/docker/store/changes';
import type { EngineFacts, ImageFacts } from '../../src/docker/engine/engine';

const skip = need(kernelOverlayMissing()); // root, mknod and setfattr

describe.skipIf(skip)('direct scanner on a hand-made store', () => {
  let root: string;
  const A = 'a'.repeat(64);
  const B = 'b'.repeat(64);
  const ORPHAN = 'c'.repeat(64);
  const diffA = `sha256:${'1'.repeat(64)}`;
  const diffB = `sha256:${'2'.repeat(64)}`;

  beforeAll(() => {
    root = mkdtempSync(path.join(tmpdir(), 'ovl-store-'));
    const s = path.join(root, 'overlay2');
    const layer = (id: string, link: string, lower?: string) => {
      mkdirSync(path.join(s, id, 'diff'), { recursive: true });
      writeFileSync(path.join(s, id, 'link'), link);
      if (lower) {
        writeFileSync(path.join(s, id, 'lower'), lower);
        mkdirSync(path.join(s, id, 'work'));
      }
      symlinkSync(`../${id}/diff`, path.join(s, 'l', link));
    };
    mkdirSync(path.join(s, 'l'), { recursive: true });
    layer(A, 'AAAAAAAAAAAAAAAAAAAAAAAAAA');
    layer(B, 'BBBBBBBBBBBBBBBBBBBBBBBBBB', 'l/AAAAAAAAAAAAAAAAAAAAAAAAAA');
    layer(ORPHAN, 'CCCCCCCCCCCCCCCCCCCCCCCCCC', 'l/BBBBBBBBBBBBBBBBBBBBBBBBBB:l/AAAAAAAAAAAAAAAAAAAAAAAAAA');
    writeFileSync(path.join(s, A, 'committed'), '');
    symlinkSync('../gone/diff', path.join(s, 'l', 'DDDDDDDDDDDDDDDDDDDDDDDDDD'));
    // Layer A: /etc/motd and /data/old; layer B deletes motd (whiteout) and replaces /data (opaque).
    mkdirSync(path.join(s, A, 'diff/etc'));
    writeFileSync(path.join(s, A, 'diff/etc/motd'), 'hi\n');
    mkdirSync(path.join(s, A, 'diff/data'));
    writeFileSync(path.join(s, A, 'diff/data/old'), 'old\n');
    symlinkSync('motd', path.join(s, A, 'diff/etc/issue'));
    mkdirSync(path.join(s, B, 'diff/etc'));
    execFileSync('mknod', [path.join(s, B, 'diff/etc/motd'), 'c', '0', '0']);
    execFileSync('mknod', [path.join(s, B, 'diff/etc/issue'), 'c', '0', '0']);
    mkdirSync(path.join(s, B, 'diff/data'));
    execFileSync('setfattr', ['-n', 'trusted.overlay.opaque', '-v', 'y', path.join(s, B, 'diff/data')]);
    writeFileSync(path.join(s, B, 'diff/data/new'), 'new\n');
    const chains = chainIds([diffA, diffB]);
    [[A, diffA, chains[0]], [B, diffB, chains[1]]].forEach(([id, diff, chain], i) => {
      const d = path.join(root, 'image/overlay2/layerdb/sha256', chain.slice(7));
      mkdirSync(d, { recursive: true });
      writeFileSync(path.join(d, 'diff'), diff);
      writeFileSync(path.join(d, 'cache-id'), id);
      writeFileSync(path.join(d, 'size'), String(i + 3));
      if (i > 0) writeFileSync(path.join(d, 'parent'), chains[0]);
    });
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('names the image layers, the orphan and the broken link, and reads the whiteout and the opaque dir', async () => {
    const scan = await scanDirect(root, { walks: [{ dir: B, lowers: [A] }] });
    const facts: EngineFacts = { endpoint: 'unix:///x', local: true, version: 'test', apiVersion: '1.41', os: 'test', kernel: 'test', driver: 'overlay2', rootDir: root, driverStatus: [] };
    const image: ImageFacts = { id: `sha256:${'9'.repeat(64)}`, tags: ['hand/made:1'], diffIds: [diffA, diffB], driver: 'overlay2', data: { UpperDir: `${root}/overlay2/${B}/diff`, LowerDir: `${root}/overlay2/${A}/diff` }, parent: '', created: '', size: 0, labels: {} };
    const model = buildHostModel({ source: 'live', engine: facts, store: detectStore(facts), access: 'direct', scan, images: [image], containers: [], takenAt: '' });
    const role = (id: string) => model.dirs.find((d) => d.id === id)?.role.kind;
    expect([role(A), role(B), role(ORPHAN)]).toEqual(['image-layer', 'image-layer', 'orphan']);
    expect(model.dirs.find((d) => d.id === A)?.committed).toBe(true);
    expect(model.dirs.find((d) => d.id === ORPHAN)?.lowerDirs).toEqual([B, A]);
    expect(model.links.find((l) => l.name === 'DDDDDDDDDDDDDDDDDDDDDDDDDD')?.broken).toBe(true);
    expect(model.disagreements.map((d) => d.subject)).toEqual(['l/DDDDDDDDDDDDDDDDDDDDDDDDDD']);
    const changes = upperChanges(scan.uppers[B], [A]);
    expect(changes.map((c) => `${c.kind} ${c.path}`)).toEqual(['opaque /data', 'added /data/new', 'modified /etc', 'deleted /etc/issue', 'deleted /etc/motd']);
    expect(changes.find((c) => c.path === '/etc/motd')?.below).toBe(A);
    // What each whiteout or opaque directory hides, as the lower holds it (lstat: a symlink is not followed).
    expect(changes.filter((c) => c.below).map((c) => `${c.path} ${c.belowType}`)).toEqual(['/data dir', '/etc dir', '/etc/issue symlink', '/etc/motd file']);
    const du = (p: string) => Number(execFileSync('du', ['-sb', p], { encoding: 'utf8' }).split('\t')[0]);
    for (const d of model.dirs) expect(d.bytes, d.id).toBe(du(path.join(root, 'overlay2', d.id, 'diff')));
  });
});
