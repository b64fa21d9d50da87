import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import * as path from 'node:path';

/** The repository root (for scripts and dist/). */
export const REPO = path.resolve(__dirname, '..', '..');

/** Label on everything the tests create, so cleanup removes only that. */
export const TEST_LABEL = 'io.overlay-lab.test=1';

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
