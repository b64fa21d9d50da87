import { execFileSync, spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { kernelUnavailable } from '../src/kernel/run';
import { need } from './support/env';
import { waitUntil } from './support/wait';

const CLI = path.join(__dirname, '..', 'dist', 'cli', 'main.js');
const run = (args: string[], input?: string, env: Record<string, string> = {}) =>
  spawnSync('node', [CLI, ...args], { input, encoding: 'utf8', env: { ...process.env, LANG: 'en_US.UTF-8', OVERLAY_LAB_TMP: TMP, ...env } });

/** A private place for the runs of this file (OVERLAY_LAB_TMP), so nothing else on the machine can blur the check. */
const TMP = fs.mkdtempSync(path.join(os.tmpdir(), 'ol-cli-test-'));

/** Our temporary run directories and any overlay mounted in them: what a run must not leave. */
const leftovers = () => ({
  dirs: fs.readdirSync(TMP).sort(),
  mounts: fs.readFileSync('/proc/mounts', 'utf8').split('\n').filter((l) => l.includes(TMP)),
});

beforeAll(() => {
  execFileSync('npm', ['run', 'build', '--silent'], { cwd: path.join(__dirname, '..') });
}, 120_000);
afterAll(() => fs.rmSync(TMP, { recursive: true, force: true }));

describe('overlay-lab sim run', () => {
  it('prints the report and exits 0; reads the scenario from standard input with -', () => {
    const r = run(['sim', 'run', '-'], 'L0: write f a\nrm f\n');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('OP 2 rm f => OK');
    expect(r.stdout).toContain('U /f WHITEOUT');
  });
  it('exits 1 and ends with MOUNT FAILED when the kernel would refuse the mount', () => {
    const r = run(['sim', 'run', '-', '-r'], 'L0: write f a\n');
    expect(r.status).toBe(1);
    expect(r.stdout.trimEnd().split('\n').pop()).toMatch(/^# MOUNT FAILED: overlayfs: at least 2 lowerdir/);
  });
  it.each([
    [['sim', 'run', '-'], 'bogus x\n', /scenario line 1: unknown operation "bogus"/],
    [['sim', 'run', '-'], 'write ../x y\n', /scenario line 1: path "..\/x" has a ".." part/],
    [['sim', 'run', '-'], 'L500: write f x\n', /more than 500 lower layers/],
    [['sim', 'run', '-', '-r', '-u', '/tmp'], 'L0: write f x\n', /-r \(no upper layer\) conflicts with -u/],
    [['sim', 'run', '/nonexistent/file'], '', /cannot read scenario \/nonexistent\/file: ENOENT/],
    [['sim', 'run', '-', '--frob'], '', /unknown option --frob/],
  ])('bad input %j gets one clear line and exit 2', (args, input, message) => {
    const r = run(args, input);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(message);
  });
  it('speaks Portuguese with LANG=pt_BR or --lang pt-BR', () => {
    expect(run(['sim', 'run', '-'], 'bogus\n', { LANG: 'pt_BR.UTF-8' }).stderr).toMatch(/cenário, linha 1: operação desconhecida/);
    expect(run(['sim', 'run', '-', '--lang', 'pt-BR'], 'bogus\n').stderr).toMatch(/operação desconhecida/);
  });
});

const skip = need(kernelUnavailable());
describe.skipIf(skip)(`overlay-lab kernel run${skip ? ` (skipped: ${skip})` : ''}`, () => {
  it('leaves no mount and no directory after a run, a refused mount, or bad input', () => {
    const before = leftovers();
    expect(run(['kernel', 'run', '-'], 'L0: write f a\nappend f b\n').status).toBe(0);
    expect(run(['kernel', 'run', '-', '-r'], 'L0: write f a\n').status).toBe(1);
    expect(run(['kernel', 'run', '-'], 'nonsense\n').status).toBe(2);
    expect(run(['kernel', 'run', '-', '-l', '/nonexistent'], 'rm f\n').status).toBe(2);
    expect(leftovers()).toEqual(before);
  });

  it('never modifies a layer directory it is given', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ol-layer-'));
    fs.writeFileSync(path.join(dir, 'f'), 'original');
    const snapshot = () => execFileSync('ls', ['-lR', '--time-style=full-iso', dir], { encoding: 'utf8' });
    const before = snapshot();
    expect(run(['kernel', 'run', '-', '-l', dir], 'append f more\nrm f\nwrite g new\n').status).toBe(0);
    expect(snapshot()).toBe(before);
    expect(fs.readFileSync(path.join(dir, 'f'), 'utf8')).toBe('original');
    fs.rmSync(dir, { recursive: true });
  });

  it('a real SIGINT in the middle of a run unmounts, removes its directory and exits 130', async () => {
    const before = leftovers();
    // OVERLAY_LAB_KERNEL_SLEEP holds the run with its overlay mounted: the signal lands mid-run
    // for certain, once the mount is there to see, and ends the hold at once.
    const child = spawn('node', [CLI, 'kernel', 'run', '-'], { stdio: ['pipe', 'pipe', 'pipe'], env: { ...process.env, LANG: 'en_US.UTF-8', OVERLAY_LAB_TMP: TMP, OVERLAY_LAB_KERNEL_SLEEP: '60' } });
    let err = '';
    child.stderr.on('data', (c: Buffer) => (err += c.toString()));
    const closed = new Promise<number | null>((r) => child.on('close', r));
    child.stdin.end('L0: write f a\nL1: write g b\nappend f more\nrm g\n');
    await waitUntil('the run to mount its overlay under OVERLAY_LAB_TMP', () => leftovers().mounts.length > before.mounts.length, 20_000, () => `stderr: ${err}`);
    expect(leftovers().dirs.length).toBe(before.dirs.length + 1);
    const sent = Date.now();
    child.kill('SIGINT');
    expect(await closed).toBe(130);
    expect(Date.now() - sent).toBeLessThan(10_000); // the signal ended the hold; it did not run out
    expect(err).toMatch(/interrupted; the mount was undone and the temporary directory removed/);
    expect(leftovers()).toEqual(before);
  });
});
