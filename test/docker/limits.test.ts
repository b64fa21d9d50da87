// The limits the material states about Docker, measured on a real dockerd: how deep an image the
// layer store takes, how many lowers a container then has, and the names overlay2 writes on disk.
import { existsSync, mkdtempSync, readFileSync, readlinkSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { spawnSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CACHE_ID_HEX, CONTAINER_MAX_LOWERS, LAYER_STORE_MAX_DEPTH, OVERLAY2_MAX_DEPTH, SHORT_LINK_LENGTH } from '../../src/union/limits';
import { docker, dockerMissing, dockerRoot, TEST_LABEL } from '../support/docker';
import { need } from '../support/env';
import { layeredArchive, type LayeredArchive } from '../support/layered-archive';

const skip = need(dockerMissing());
// One run's images: a tag in the lab's namespace and a salt in every file, so nothing is shared
// with any other image on the engine and cleanup removes exactly these.
const RUN = `${process.pid}-${Date.now().toString(36)}`;
const LABELS = { 'io.overlay-lab': '1', [TEST_LABEL.split('=')[0]]: '1' };
const tagOf = (what: string) => `overlay-lab/test-${what}:${RUN}`;

let work = '';
let root = '';
let arch = 'amd64';
const loaded: string[] = [];
const archives: LayeredArchive[] = [];

/** Loads an archive: the tag on success, the engine's words on refusal. */
function load(file: string): { ok: true } | { ok: false; said: string } {
  const r = spawnSync('docker', ['load', '-q', '-i', file], { encoding: 'utf8' });
  return r.status === 0 ? { ok: true } : { ok: false, said: (r.stderr || r.stdout).trim() };
}

const layerdbHas = (chainId: string) => existsSync(path.join(root, 'image/overlay2/layerdb/sha256', chainId.replace(/^sha256:/, '')));

function removeAll(): void {
  const ids = docker('ps', '-aq', '--filter', `label=${TEST_LABEL}`, '--filter', `label=io.overlay-lab.limits=${RUN}`).split('\n').filter(Boolean);
  if (ids.length) docker('rm', '-f', ...ids);
  // Top first: removing the deepest tag frees the layers the shallower ones no longer share.
  for (const tag of [...loaded].reverse()) spawnSync('docker', ['rmi', tag], { encoding: 'utf8' });
}

describe.skipIf(skip)(`Docker's limits on a real engine${skip ? ` (skipped: ${skip})` : ''}`, () => {
  beforeAll(() => {
    root = dockerRoot();
    arch = docker('version', '--format', '{{.Server.Arch}}');
    work = mkdtempSync(path.join(tmpdir(), 'ovl-limits-'));
  });
  afterAll(() => {
    if (!skip) removeAll();
    if (work) rmSync(work, { recursive: true, force: true });
  });

  let deepest: { tag: string; depth: number } | undefined;

  it(
    'the layer store takes an image of LAYER_STORE_MAX_DEPTH layers and refuses one more ("max depth exceeded")',
    async () => {
      // Measured, not assumed: images one layer deeper each time, from well below the limit, until
      // the engine refuses. Each archive repeats the layers below (same bytes, same chain IDs), so
      // after the first load only the new top layer is registered.
      const start = LAYER_STORE_MAX_DEPTH - 3;
      const stop = OVERLAY2_MAX_DEPTH + 2;
      let refused: { depth: number; said: string } | undefined;
      for (let depth = start; depth <= stop && !refused; depth++) {
        const tag = tagOf(`depth-${depth}`);
        const a = await layeredArchive(path.join(work, `depth-${depth}.tar`), { layers: depth, tag, salt: RUN, arch, labels: LABELS });
        archives.push(a);
        const r = load(a.file);
        if (r.ok) {
          loaded.push(tag);
          expect(docker('image', 'inspect', tag, '--format', '{{len .RootFS.Layers}}')).toBe(String(depth));
          deepest = { tag, depth };
        } else {
          refused = { depth, said: r.said };
        }
      }
      expect(deepest, `the engine refused already at ${start} layers`).toBeDefined();
      expect(refused, `the engine took every depth up to ${stop}`).toBeDefined();
      console.log(`layer store (dockerd ${docker('version', '--format', '{{.Server.Version}}')}): ${deepest!.depth} layers load, ${refused!.depth} refused: ${refused!.said}`);
      expect(refused!.said).toMatch(/max depth exceeded/);
      expect(refused!.depth).toBe(deepest!.depth + 1);
      expect(deepest!.depth).toBe(LAYER_STORE_MAX_DEPTH);
      // A refused load keeps nothing: its new top layer never reached the layer store.
      const top = archives[archives.length - 1];
      expect(layerdbHas(top.chainIds[top.chainIds.length - 1])).toBe(false);
    },
    600_000,
  );

  it('a container of the deepest image has CONTAINER_MAX_LOWERS lowers, below overlay2\'s OVERLAY2_MAX_DEPTH', () => {
    expect(deepest, 'the layer store test left no image').toBeDefined();
    const id = docker('create', '--label', TEST_LABEL, '--label', `io.overlay-lab.limits=${RUN}`, deepest!.tag);
    const data = JSON.parse(docker('inspect', '--format', '{{json .GraphDriver.Data}}', id)) as Record<string, string>;
    const mountDir = path.dirname(data.UpperDir);
    // overlay2/<id>/lower: the image's layers and the -init layer, as l/ short links.
    const lowers = readFileSync(path.join(mountDir, 'lower'), 'utf8').trim().split(':');
    console.log(`container on ${deepest!.depth} layers: ${lowers.length} lowers below its writable layer (overlay2 allows ${OVERLAY2_MAX_DEPTH})`);
    expect(lowers.length).toBe(deepest!.depth + 1);
    expect(lowers.length).toBe(CONTAINER_MAX_LOWERS);
    expect(lowers.length).toBeLessThanOrEqual(OVERLAY2_MAX_DEPTH);
    expect(data.LowerDir.split(':')).toHaveLength(CONTAINER_MAX_LOWERS);
  });

  it('overlay2 names a layer by a 64-hex cache id and a 26-character short link', async () => {
    const tag = tagOf('names');
    const a = await layeredArchive(path.join(work, 'names.tar'), { layers: 2, tag, salt: `${RUN}-names`, arch, labels: LABELS });
    archives.push(a);
    const r = load(a.file);
    expect(r).toEqual({ ok: true });
    loaded.push(tag);
    const store = path.join(root, 'overlay2');
    // The engine's own record of each layer's directory: layerdb/<chain-id>/cache-id.
    const ids = a.chainIds.map((c) => readFileSync(path.join(root, 'image/overlay2/layerdb/sha256', c.replace(/^sha256:/, ''), 'cache-id'), 'utf8').trim());
    const data = JSON.parse(docker('image', 'inspect', '--format', '{{json .GraphDriver.Data}}', tag)) as Record<string, string>;
    expect(data.UpperDir).toBe(path.join(store, ids[1], 'diff'));
    expect(data.LowerDir).toBe(path.join(store, ids[0], 'diff'));
    for (const id of ids) {
      expect(id).toMatch(/^[0-9a-f]+$/);
      expect(id).toHaveLength(CACHE_ID_HEX);
      const link = readFileSync(path.join(store, id, 'link'), 'utf8');
      expect(link).toMatch(/^[A-Z2-7]+$/); // base32, no newline
      expect(link).toHaveLength(SHORT_LINK_LENGTH);
      expect(readlinkSync(path.join(store, 'l', link))).toBe(`../${id}/diff`);
    }
    const lower = readFileSync(path.join(store, ids[1], 'lower'), 'utf8');
    expect(lower).toBe(`l/${readFileSync(path.join(store, ids[0], 'link'), 'utf8')}`);
    console.log(`overlay2 names: cache id ${ids[0]} (${ids[0].length} hex), short link ${lower} (${lower.length - 2} characters)`);
  });

  it('leaves nothing it loaded on the engine', () => {
    removeAll();
    const left = archives.flatMap((a) => a.chainIds).filter(layerdbHas);
    expect(left).toEqual([]);
    for (const tag of loaded) expect(spawnSync('docker', ['image', 'inspect', tag]).status).not.toBe(0);
  });
});
