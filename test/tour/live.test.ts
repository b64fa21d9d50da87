// The tour and cleanup on a real engine: end to end in both languages, what the user made
// before survives the tour and cleanup, and a real SIGINT in the middle of a step leaves nothing.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { need } from '../support/env';
import { waitUntil } from '../support/wait';
import { CLI, cleanup, cliMissing, docker, dockerMissing, ensureFixtures, leftoverHelpers, runContainer } from '../support/docker';
import { connectEngine } from '../../src/docker/engine/dockerode-engine';
import { ensureHelperImage, HELPER_IMAGE } from '../../src/docker/access/helper-image';
import { TOUR_STEPS } from '../../src/lab/tour';
import { TOUR_TEXT } from '../../src/render/tour-text';
import { type Lang } from '../../src/i18n/lang';
import { say } from '../../src/i18n/format';

const skip = need(dockerMissing() ?? cliMissing());

// What "the user" made before the tour: nothing of it carries a label the lab sets at creation.
const USER_IMAGE = 'ovl-user/mine:1'; // built FROM a lab image: it inherits io.overlay-lab=1
const USER_PLAIN = 'ovl-user/plain:1'; // imported, no labels at all, used by no container
const USER_RUNNING = 'ovl-user-running'; // runs a lab image: inherits the lab label
const USER_STOPPED = 'ovl-user-stopped';

const lines = (s: string) => s.split('\n').filter(Boolean);
// Scoped to one tour session when its id is known (its image tag and container label carry it):
// another tour on the same engine (a test before this one still cleaning up) is not this one's.
const sessionOf = (out: string) => /overlay-lab\/tour:([0-9a-f]{6})/.exec(out)?.[1];
const tourContainers = (session?: string) => lines(docker('ps', '-aq', '--filter', session ? `label=io.overlay-lab.tour=${session}` : 'label=io.overlay-lab.tour'));
const tourImages = (session?: string) =>
  lines(docker('images', '-a', '--format', '{{.Repository}}:{{.Tag}} {{.ID}}')).filter((l) => (session ? l.startsWith(`overlay-lab/tour:${session} `) || l.startsWith(`overlay-lab/tour-base:${session} `) : /^overlay-lab\/tour/.test(l)));
const tourBuildLeftovers = () => lines(docker('images', '-aq', '--filter', 'label=io.overlay-lab.tour-image'));
const exists = (kind: 'image' | 'container', ref: string) => spawnSync('docker', [kind, 'inspect', ref], { encoding: 'utf8' }).status === 0;

function cli(args: string[], input = '') {
  const r = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', input, env: { ...process.env, COLUMNS: '100' } });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

function removeUserThings(): void {
  spawnSync('docker', ['rm', '-f', USER_RUNNING, USER_STOPPED], { encoding: 'utf8' });
  spawnSync('docker', ['rmi', '-f', USER_IMAGE, USER_PLAIN], { encoding: 'utf8' });
}

/** Starts the tour and sends SIGINT once `ready` says so; returns the exit code and output. */
async function interruptTour(ready: (out: string) => boolean): Promise<{ code: number | null; out: string; err: string }> {
  const child = spawn(process.execPath, [CLI, 'tour', '--yes', '--lang', 'en'], { stdio: 'pipe' });
  let out = '';
  let err = '';
  child.stdout.on('data', (c: Buffer) => (out += c.toString()));
  child.stderr.on('data', (c: Buffer) => (err += c.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  // A deadline, not a count of tries: on a busy engine the build alone can take many seconds.
  const waited = waitUntil('the moment to interrupt the tour', () => ready(out), 45_000, () => `output so far:\n${out}\n${err}`);
  await waited.finally(() => child.kill('SIGINT')); // on a timeout too: the tour removes what it made
  return { code: await exited, out, err };
}

describe.skipIf(skip)('the tour on a live engine', () => {
  let ctx: string;

  beforeAll(() => {
    ensureFixtures();
    removeUserThings();
    ctx = mkdtempSync(path.join(tmpdir(), 'ovl-user-'));
    writeFileSync(path.join(ctx, 'Dockerfile'), 'FROM overlay-lab/busybox:1\nRUN echo mine > /mine.txt\nCMD ["sleep", "600"]\n');
    docker('build', '-q', '-t', USER_IMAGE, ctx);
    spawnSync('bash', ['-c', `tar -C ${ctx} -c Dockerfile | docker import - ${USER_PLAIN}`], { encoding: 'utf8' });
    docker('run', '-d', '--name', USER_RUNNING, 'overlay-lab/layers:1', 'sleep', '600');
    docker('create', '--name', USER_STOPPED, USER_IMAGE);
  });
  afterAll(() => {
    cleanup(); // the test's own labelled container, if a failure left it
    removeUserThings();
    rmSync(ctx, { recursive: true, force: true });
    ensureFixtures(); // cleanup removed the lab's fixtures: later suites expect them
  });

  for (const lang of ['en', 'pt-BR'] as Lang[]) {
    it(`runs end to end with --yes and leaves nothing of its own (${lang})`, () => {
      const before = { containers: lines(docker('ps', '-aq')).sort(), images: lines(docker('images', '-aq')).sort() };
      const r = cli(['tour', '--yes', '--lang', lang]);
      expect(r.err).toBe('');
      expect(r.code).toBe(0);
      const flat = r.out.replace(/\s+/g, ' ');
      expect(flat).toContain(lang === 'en' ? 'LIVE: Docker engine' : 'AO VIVO: Docker engine');
      TOUR_STEPS.forEach((id, i) => expect(r.out).toContain(say(TOUR_TEXT.stepTitle, lang, { n: i + 1, total: 6, name: say(TOUR_TEXT.names[id], lang) })));
      // Step 2: the three layers of the built image arrived, each attributed to it.
      const session = sessionOf(r.out)!;
      const newLayerRows = lines(r.out).filter((l) => /^(new|novo) /.test(l) && l.includes(`overlay-lab/tour`) && l.includes(session));
      expect(newLayerRows.length).toBe(3);
      // Step 4: the whiteout and the opaque directory, as read from the upperdir.
      expect(r.out).toMatch(lang === 'en' ? /deleted \(whiteout\)\s+\/usr\/share\/doc\/base\/README/ : /apagado \(whiteout\)\s+\/usr\/share\/doc\/base\/README/);
      expect(r.out).toMatch(lang === 'en' ? /replaced \(opaque dir\)\s+\/var\/lib\/apt\/lists\// : /substituído \(dir opaco\)\s+\/var\/lib\/apt\/lists\//);
      expect(flat).toContain(say(TOUR_TEXT.sinceStart, lang, { added: 0, removed: 0, ok: say(TOUR_TEXT.asBefore, lang) }));
      // Never ran prune: the command shows as not run, and everything the user had is there.
      expect(r.out).toMatch(/\$ docker system prune -a\s+# (NOT run|NÃO executado)/);
      expect(tourContainers(session)).toEqual([]);
      expect(tourImages(session)).toEqual([]);
      expect(leftoverHelpers()).toEqual([]);
      // Everything that was there before is still there (what others add meanwhile is theirs).
      const after = { containers: new Set(lines(docker('ps', '-aq'))), images: new Set(lines(docker('images', '-aq'))) };
      expect(before.containers.filter((c) => !after.containers.has(c))).toEqual([]);
      expect(before.images.filter((i) => !after.images.has(i))).toEqual([]);
    });
  }

  it('a SIGINT in the middle of the image build leaves no container and no image behind', async () => {
    const r = await interruptTour((out) => /Step 3\/5 : RUN/.test(out));
    expect(r.code).toBe(130);
    expect(r.err).toMatch(/Ctrl-C: stopping the tour and removing what it made/);
    expect(r.err).not.toMatch(/internal error/);
    const session = sessionOf(r.out);
    expect(tourContainers(session)).toEqual([]);
    expect(tourImages(session)).toEqual([]);
    expect(tourBuildLeftovers()).toEqual([]);
    // The builder's step container (no tour label of its own) is gone too.
    expect(lines(docker('ps', '-a', '--format', '{{.Image}}')).filter((i) => /^[0-9a-f]{12}$/.test(i))).toEqual([]);
  }, 60_000);

  it('a SIGINT while the tour changes files in its running container leaves no container behind', async () => {
    const r = await interruptTour((out) => out.includes('docker exec: rm /usr/share/doc/base/README'));
    expect(r.code).toBe(130);
    const session = sessionOf(r.out);
    expect(tourContainers(session)).toEqual([]);
    expect(tourImages(session)).toEqual([]);
    expect(leftoverHelpers()).toEqual([]);
  }, 60_000);

  it('cleanup lists, asks, and on "no" removes nothing', async () => {
    // Things the lab made that nothing of the user's needs: its helper image and a test container.
    await ensureHelperImage(connectEngine());
    runContainer('ovl-test-cleanup', 'overlay-lab/layers:1', 'sleep 600');
    const r = cli(['cleanup', '--lang', 'en'], 'n\n');
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/overlay-lab cleanup will remove [1-9]\d* containers? and [1-9]\d* images?/);
    expect(r.out).toMatch(new RegExp(`container\\s+ovl-test-cleanup\\s+[0-9a-f]{12}\\s+started by overlay-lab's tests`));
    expect(r.out).toMatch(/image\s+overlay-lab\/helper:1\s+[0-9a-f]{12}\s+built by overlay-lab/);
    expect(r.out).toContain('Remove them? [y/N] n');
    expect(r.out).toContain('Nothing removed.');
    // Everything it listed is still there (counting the engine's images would count other users' too).
    const listedIds = [...r.out.matchAll(/^\s*(container|image)\s+\S+\s+([0-9a-f]{12})\s/gm)].map((m) => [m[1], m[2]] as const);
    expect(listedIds.length).toBeGreaterThanOrEqual(2);
    for (const [kind, id] of listedIds) expect(exists(kind as 'image' | 'container', id), `${kind} ${id}`).toBe(true);
  });

  it('cleanup removes only what the lab made: the user’s images and containers stay, even those built on or running lab images', () => {
    const listed = cli(['cleanup', '--dry-run', '--json']);
    expect(listed.code).toBe(0);
    const plan = JSON.parse(listed.out).plan as { images: { name: string }[]; containers: { name: string }[]; kept: { name: string }[] };
    expect(plan.images.map((i) => i.name)).toContain(HELPER_IMAGE);
    expect(plan.containers.map((c) => c.name)).toEqual(expect.arrayContaining(['ovl-test-cleanup']));
    for (const name of [USER_IMAGE, USER_PLAIN, USER_RUNNING, USER_STOPPED]) {
      expect(plan.images.map((i) => i.name)).not.toContain(name);
      expect(plan.containers.map((c) => c.name)).not.toContain(name);
    }
    const r = cli(['cleanup', '--lang', 'pt-BR'], 's\n');
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/Removidos: (\d+) de \1\./);
    // What it listed is gone; what the user made is all there.
    for (const i of plan.images) expect(exists('image', i.name), i.name).toBe(false);
    for (const c of plan.containers) expect(exists('container', c.name), c.name).toBe(false);
    for (const name of [USER_IMAGE, USER_PLAIN]) expect(exists('image', name), name).toBe(true);
    for (const name of [USER_RUNNING, USER_STOPPED]) expect(exists('container', name), name).toBe(true);
    expect(docker('inspect', '-f', '{{.State.Running}}', USER_RUNNING)).toBe('true');
    // The lab images the user's things need stay, and the plan said why.
    expect(exists('image', 'overlay-lab/layers:1')).toBe(true);
    expect(exists('image', 'overlay-lab/busybox:1')).toBe(true);
    expect(plan.kept.map((k) => k.name)).toEqual(expect.arrayContaining([USER_RUNNING, 'overlay-lab/layers:1', 'overlay-lab/busybox:1']));
    // Every image left that is tagged only under overlay-lab/ is one the user's things need.
    const labLeft = lines(docker('images', '--format', '{{.Repository}}:{{.Tag}}')).filter((t) => t.startsWith('overlay-lab/'));
    expect(labLeft.sort()).toEqual(['overlay-lab/busybox:1', 'overlay-lab/layers:1']);
    expect(cli(['cleanup', '--yes', '--lang', 'en']).out).toContain('Nothing of overlay-lab’s to remove.');
  });
});
