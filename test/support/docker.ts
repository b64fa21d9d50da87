import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';

/** The repository root (for scripts and dist/). */
export const REPO = path.resolve(__dirname, '..', '..');

/** Label on everything the tests create, so cleanup removes only that. */
export const TEST_LABEL = 'io.overlay-lab.test=1';

/**
 * Builds TAG from a Dockerfile's text with the legacy builder (one layer directory per step,
 * as the overlay2 tests count them) in a context of its own; throws with docker's stderr.
 */
export function buildFrom(tag: string, dockerfile: string, extra: string[] = []): void {
  const ctx = mkdtempSync(path.join(tmpdir(), 'ovl-build-'));
  try {
    writeFileSync(path.join(ctx, 'Dockerfile'), dockerfile);
    const r = spawnSync('docker', ['build', '-q', ...extra, '-t', tag, ctx], { encoding: 'utf8', env: { ...process.env, DOCKER_BUILDKIT: '0' } });
    if (r.status !== 0) throw new Error(`docker build ${tag}: ${r.stderr}`);
  } finally {
    rmSync(ctx, { recursive: true, force: true });
  }
}

/** The overlay2 directory ids of an image or container (its GraphDriver.Data), upper first. */
export function dirsOf(ref: string): string[] {
  const data = JSON.parse(docker('inspect', ref, '--format', '{{json .GraphDriver.Data}}')) as { UpperDir: string; LowerDir?: string };
  return [data.UpperDir, ...(data.LowerDir ?? '').split(':').filter(Boolean)].map((p) => path.basename(path.dirname(p)));
}

/** Runs the docker CLI and returns its trimmed stdout; throws with stderr on failure. */
export function docker(...args: string[]): string {
  const r = spawnSync('docker', args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (r.status !== 0) throw new Error(`docker ${args.join(' ')}: ${r.stderr || r.error?.message}`);
  return r.stdout.trim();
}

/** Runs a shell command and returns its trimmed stdout. */
export function sh(cmd: string): string {
  return execFileSync('bash', ['-c', cmd], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 }).trim();
}

/** Why the Docker tests cannot run here, or undefined when a real engine answers. */
export function dockerMissing(): string | undefined {
  if (process.platform !== 'linux') return 'not Linux';
  const r = spawnSync('docker', ['info', '--format', '{{.Driver}} {{.DockerRootDir}}'], { encoding: 'utf8' });
  if (r.error) return 'no docker CLI on PATH (Debian: apt-get install docker.io)';
  if (r.status !== 0) return `no Docker engine answers (start it: bash scripts/services.sh start): ${r.stderr.trim().split('\n').pop()}`;
  const [driver] = r.stdout.trim().split(' ');
  if (driver !== 'overlay2') return `the engine's storage driver is ${driver}, not overlay2`;
  if (typeof process.getuid === 'function' && process.getuid() !== 0) return 'not root: the tests read /var/lib/docker directly';
  return undefined;
}

/** The engine's Docker root. */
export function dockerRoot(): string {
  return docker('info', '--format', '{{.DockerRootDir}}');
}

/** Builds the lab's fixture images (idempotent). */
export function ensureFixtures(): void {
  execFileSync('bash', [path.join(REPO, 'scripts', 'docker-fixtures.sh')], { stdio: 'pipe' });
}

/** Starts a labelled, detached container and returns its id. */
export function runContainer(name: string, image: string, script: string): string {
  spawnSync('docker', ['rm', '-f', name], { encoding: 'utf8' });
  return docker('run', '-d', '--name', name, '--label', TEST_LABEL, '--label', 'io.overlay-lab=1', image, 'sh', '-c', script);
}

/** Removes the test's containers (by label) and the given images. */
export function cleanup(images: string[] = []): void {
  const ids = docker('ps', '-aq', '--filter', `label=${TEST_LABEL}`).split('\n').filter(Boolean);
  if (ids.length) docker('rm', '-f', ...ids);
  for (const i of images) spawnSync('docker', ['rmi', '-f', i], { encoding: 'utf8' });
}

/** Ids of overlay-lab helper containers still present (there should never be any). */
export function leftoverHelpers(): string[] {
  return docker('ps', '-aq', '--filter', 'label=io.overlay-lab.helper=1').split('\n').filter(Boolean);
}

/** The built CLI, for tests that run it as a process. */
export const CLI = path.join(REPO, 'dist', 'cli', 'main.js');

/** Why the built CLI is missing, or undefined. */
export function cliMissing(): string | undefined {
  return existsSync(CLI) ? undefined : 'dist/ not built (npm run build)';
}

/**
 * Crowds the engine as a well-used machine is: `n` small one-layer images, each with its own
 * content (so each has its own layer directory), labelled as the tests' and named
 * `<prefix>-NN:1`. One `docker load` of a hand-made archive (docker save's layout), not n
 * imports: seconds instead of tens of seconds. Returns the image ids for `removeImages`.
 */
export function crowdImages(prefix: string, n: number): string[] {
  const dir = mkdtempSync(path.join(tmpdir(), 'ol-crowd-'));
  const sha256 = (b: Buffer | string) => createHash('sha256').update(b).digest('hex');
  const arch = process.arch === 'x64' ? 'amd64' : process.arch;
  try {
    const manifest = [];
    const ids: string[] = [];
    for (let i = 1; i <= n; i++) {
      const nn = String(i).padStart(2, '0');
      const root = path.join(dir, `rootfs-${nn}`);
      mkdirSync(root);
      writeFileSync(path.join(root, 'crowd.txt'), `crowd ${nn}\n`);
      const layer = path.join(dir, nn, 'layer.tar');
      mkdirSync(path.dirname(layer));
      execFileSync('tar', ['-C', root, '-cf', layer, '.']);
      rmSync(root, { recursive: true });
      const config = JSON.stringify({
        architecture: arch,
        os: 'linux',
        config: { Labels: { [TEST_LABEL.split('=')[0]]: TEST_LABEL.split('=')[1] }, Cmd: ['sh'] },
        rootfs: { type: 'layers', diff_ids: [`sha256:${sha256(readFileSync(layer))}`] },
        history: [{ created_by: 'overlay-lab test: a crowded host' }],
      });
      const id = sha256(config);
      writeFileSync(path.join(dir, `${id}.json`), config);
      manifest.push({ Config: `${id}.json`, RepoTags: [`${prefix}-${nn}:1`], Layers: [`${nn}/layer.tar`] });
      ids.push(`sha256:${id}`);
    }
    writeFileSync(path.join(dir, 'manifest.json'), JSON.stringify(manifest));
    const r = spawnSync('bash', ['-c', `tar -C '${dir}' -c . | docker load`], { encoding: 'utf8' });
    if (r.status !== 0) {
      removeImages(ids);
      throw new Error(`crowding the engine with ${n} images of ${prefix}: docker load failed: ${r.stderr.trim()}`);
    }
    return ids;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Removes images by id (the ones a test made); an id already gone is no error. */
export function removeImages(ids: string[]): void {
  for (let i = 0; i < ids.length; i += 50) spawnSync('docker', ['rmi', '-f', ...ids.slice(i, i + 50)], { encoding: 'utf8' });
}
