// The three access ways read the same store: a helper with a read-only bind mount and an
// nsenter helper must agree with direct reading, and their containers never outlive a call.
import { spawn } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { need } from '../support/env';
import { shOk, waitUntil } from '../support/wait';
import { CLI, cleanup, cliMissing, docker, dockerMissing, ensureFixtures, leftoverHelpers, runContainer } from '../support/docker';
import { connectEngine } from '../../src/docker/engine/dockerode-engine';
import { bindHelperAccess, directAccess, nsenterAccess } from '../../src/docker/access/access';
import { HELPER_IMAGE } from '../../src/docker/access/helper-image';
import type { ScanRequest, StoreScan } from '../../src/docker/access/scan';
import type { EngineFacts } from '../../src/docker/engine/engine';
import { OverlayLabError } from '../../src/i18n/errors';

const skip = need(dockerMissing());

/** The parts of a scan every way must agree on (helper containers' own layers left out). */
function comparable(scan: StoreScan, helpers: string[], mounts: StoreScan['mounts']) {
  const helperDirs = new Set(mounts.filter((m) => helpers.includes(m.containerId)).flatMap((m) => [m.mountId, m.initId]));
  const dirs = scan.dirs.filter((d) => !helperDirs.has(d.id) && !d.merged).map((d) => ({ ...d, mtime: 0 }));
  const ids = new Set(dirs.map((d) => d.id));
  return {
    dirs: dirs.sort((a, b) => a.id.localeCompare(b.id)),
    links: scan.links.filter((l) => ids.has(l.target.split('/')[1])).sort((a, b) => a.name.localeCompare(b.name)),
    layers: [...scan.layers].sort((a, b) => a.chainId.localeCompare(b.chainId)),
    mounts: scan.mounts.filter((m) => !helpers.includes(m.containerId)).sort((a, b) => a.containerId.localeCompare(b.containerId)),
  };
}

describe.skipIf(skip)('access ways', () => {
  const engine = connectEngine();
  let facts: EngineFacts;
  let request: ScanRequest;

  beforeAll(async () => {
    ensureFixtures();
    const id = runContainer('ovl-test-access', 'overlay-lab/layers:1', 'rm -rf /app/data; mkdir /app/data; rm /app/hello.txt; sleep 600');
    facts = await engine.facts();
    const data = JSON.parse(docker('inspect', id, '--format', '{{json .GraphDriver.Data}}'));
    const dirOf = (p: string) => p.split('/').slice(-2)[0];
    request = { walks: [{ dir: dirOf(data.UpperDir), lowers: data.LowerDir.split(':').map(dirOf) }], mountinfo: true };
    // Deleting /app/hello.txt is the script's last change before it sleeps.
    await waitUntil(`container ovl-test-access to delete /app/hello.txt`, () => shOk(`docker exec ${id} sh -c '[ ! -e /app/hello.txt ]'`), 15_000, () => docker('logs', id));
    // The helper image is the lab's own (labelled): remove it so the test sees it being built.
    if (docker('images', '-q', HELPER_IMAGE)) docker('rmi', '-f', HELPER_IMAGE);
  });
  afterAll(() => cleanup());

  it('a helper with a read-only bind mount builds its image when absent and reads what direct reads', async () => {
    const way = bindHelperAccess(engine, facts);
    const scan = await way.scan(request);
    const direct = await directAccess(facts).scan(request);
    expect(docker('image', 'inspect', HELPER_IMAGE, '--format', '{{index .Config.Labels "io.overlay-lab"}}')).toBe('1');
    expect(way.helpers.length).toBe(1);
    expect(comparable(scan, way.helpers, scan.mounts)).toEqual(comparable(direct, [], direct.mounts));
    const mine = request.walks![0].dir;
    // Without CAP_SYS_ADMIN, trusted.* xattrs are invisible: opaque markers are unknown, not "no".
    expect(scan.xattrs).toBe(false);
    expect(scan.uppers[mine].map(({ opaque: _o, ...e }) => e)).toEqual(direct.uppers[mine].map(({ opaque: _o, ...e }) => e));
    expect(scan.mountinfo).toBeUndefined();
    expect(leftoverHelpers()).toEqual([]);
  });

  it('an nsenter helper (falling back from --privileged when refused) reads the same, xattrs and mount table included', async () => {
    const way = nsenterAccess(engine, facts);
    const scan = await way.scan(request);
    const direct = await directAccess(facts).scan(request);
    expect(comparable(scan, way.helpers, scan.mounts)).toEqual(comparable(direct, [], direct.mounts));
    const mine = request.walks![0].dir;
    expect(scan.xattrs).toBe(true);
    expect(scan.uppers[mine]).toEqual(direct.uppers[mine]);
    expect(scan.uppers[mine].find((e) => e.path === '/app/data')?.opaque).toBe(true);
    // dockerd's mount table shows this container's union.
    expect(scan.mountinfo).toContain(`${facts.rootDir}/overlay2/${mine}/merged`);
    if (way.note) expect(way.note.en).toMatch(/--cap-add SYS_ADMIN/);
    expect(leftoverHelpers()).toEqual([]);
  });

  it('removes the helper when its scan fails, and says which way failed', async () => {
    const broken = bindHelperAccess(engine, { ...facts, rootDir: '/nonexistent-docker-root' });
    const err = await broken.scan({}).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(OverlayLabError);
    expect((err as OverlayLabError).code).toBe('EHELPER');
    expect((err as OverlayLabError).exitCode).toBe(69);
    expect(broken.helpers.length).toBe(1);
    expect(leftoverHelpers()).toEqual([]);
  });

  it.skipIf(need(cliMissing()))('removes the helper on Ctrl-C (SIGINT) and exits 130', async () => {
    const child = spawn(process.execPath, [CLI, 'layers', '--access', 'helper'], {
      env: { ...process.env, OVERLAY_LAB_HELPER_SLEEP: '20' },
      stdio: 'pipe',
    });
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    const helpers = () => docker('ps', '-q', '--filter', 'label=io.overlay-lab.helper=1').split('\n').filter(Boolean);
    let err = '';
    child.stderr.on('data', (c: Buffer) => (err += c.toString()));
    await waitUntil('the helper container of overlay-lab layers --access helper to run', () => helpers().length > 0, 30_000, () => `stderr: ${err}`);
    expect(helpers()).toHaveLength(1);
    child.kill('SIGINT');
    expect(await exited).toBe(130);
    expect(leftoverHelpers()).toEqual([]);
  }, 60_000);
});
