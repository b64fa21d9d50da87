import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as nodePath from 'node:path';
import { OverlayLabError } from '../i18n/errors';
import type { Localized } from '../i18n/lang';
import { executeOp, type ExecTarget } from '../scenario/execute';
import type { Scenario } from '../scenario/ops';
import { checkRunInput, lowerCount, mountOptionString, optionStringFor, type RunOptions } from '../scenario/options';
import type { OpResult, ReportInput } from '../scenario/report';
import { SCENARIO_UMASK } from '../scenario/syscalls';
import { runAsUser } from './as-user';
import { nodeSyscalls } from './node-syscalls';
import { readTree } from './tree';


/**
 * A mount namespace made while our overlay was mounted (a container starting on this machine)
 * holds a copy of it: after our umount the old superblock lives on until that copy goes, and
 * with index=on its upper and work directories stay "in use" (EBUSY). Wait for it, briefly.
 */
function mountBusyAware(mount: () => unknown): void {
  for (let tries = 0; ; tries++) {
    try {
      mount();
      return;
    } catch (e) {
      const text = String((e as { stderr?: unknown }).stderr ?? '');
      if (tries >= 40 || !/busy|already mounted/i.test(text)) throw e;
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 50);
    }
  }
}
/** Why a process cannot mount an overlay, in both languages. */
const NO_KERNEL = {
  linux: { en: 'OverlayFS needs Linux', 'pt-BR': 'o OverlayFS precisa de Linux' },
  root: { en: 'mounting needs root (run with sudo)', 'pt-BR': 'montar exige root (rode com sudo)' },
  module: { en: 'the overlay module is not available (modprobe overlay)', 'pt-BR': 'o módulo overlay não está disponível (modprobe overlay)' },
} satisfies Record<string, Localized>;

/**
 * Why this process cannot mount an overlay, in both languages, or undefined when it can.
 * @example kernelUnavailableWhy()?.['pt-BR'] // 'montar exige root (rode com sudo)' for a user
 */
export function kernelUnavailableWhy(): Localized | undefined {
  if (process.platform !== 'linux') return NO_KERNEL.linux;
  if (process.getuid?.() !== 0) return NO_KERNEL.root;
  try {
    if (!fs.readFileSync('/proc/filesystems', 'utf8').includes('overlay')) {
      execFileSync('modprobe', ['overlay'], { stdio: 'ignore' });
    }
  } catch {
    return NO_KERNEL.module;
  }
  return undefined;
}

/** Why this process cannot mount an overlay (in English, for tests and logs), or undefined when it can. */
export function kernelUnavailable(): string | undefined {
  return kernelUnavailableWhy()?.en;
}

let interrupted = false;
/** Lets a pending SIGINT/SIGTERM handler run between two steps (the steps themselves are synchronous). */
const breath = () => new Promise<void>((resolve) => setImmediate(resolve));
let activeRuns = 0;
const onSignal = () => {
  interrupted = true;
};

/**
 * For tests that interrupt a run: OVERLAY_LAB_KERNEL_SLEEP=N holds the run for N seconds with
 * its overlay mounted (until a signal comes), so the signal lands mid-run for certain and not
 * after a guessed delay (as OVERLAY_LAB_HELPER_SLEEP holds a helper container).
 */
async function holdMountedForTests(): Promise<void> {
  const end = Date.now() + Number(process.env.OVERLAY_LAB_KERNEL_SLEEP ?? 0) * 1000;
  while (Date.now() < end && !interrupted) await new Promise((r) => setTimeout(r, 20));
}

/** The kernel log, to find what it says about a refused mount. */
function kernelLog(): string[] {
  try {
    return execFileSync('dmesg', { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], maxBuffer: 1 << 26 }).split('\n');
  } catch {
    return []; // dmesg may be restricted; the mount tool's own words will do.
  }
}

/** The time stamp of a kernel log line ("[  12.345678] ..."), or -1. */
const stampOf = (line: string | undefined) => Number(/^\[\s*([\d.]+)\]/.exec(line ?? '')?.[1] ?? -1);

/** The kernel's words about overlayfs after log time `since`, for the MOUNT FAILED line. */
function kernelComplaint(since: number, fallback: string): string {
  // The ring buffer is full on a long-running host: compare time stamps, not line counts.
  const fresh = kernelLog().filter((l) => stampOf(l) > since);
  const said = fresh.reverse().find((l) => /overlay(fs)?:/.test(l));
  if (said) return said.replace(/^\[[^\]]*\]\s*/, '').trim();
  return fallback.trim().split('\n')[0].replace(/^mount: [^:]*: /, '') || 'mount failed';
}

function copyLayer(from: string, to: string): void {
  if (!fs.statSync(from, { throwIfNoEntry: false })?.isDirectory()) {
    throw new OverlayLabError(
      'ENOLAYERDIR',
      { en: 'layer directory {dir} does not exist or is not a directory', 'pt-BR': 'o diretório de camada {dir} não existe ou não é um diretório' },
      { dir: from },
    );
  }
  // cp -a keeps whiteouts (char 0/0), hard links, owners, modes and trusted.* xattrs (as root).
  execFileSync('cp', ['-a', `${from}/.`, to], { stdio: ['ignore', 'ignore', 'pipe'] });
}

/** The run's directories in tmp (L<i>, D<i>, upper, work, merged), the given layers copied in. */
function layerDirs(tmp: string, lowers: number, opts: RunOptions) {
  const dir = (name: string) => {
    const p = nodePath.join(tmp, name);
    fs.mkdirSync(p, { mode: 0o755 });
    return p;
  };
  const lowerDirs = Array.from({ length: lowers }, (_, i) => dir(`L${i}`));
  const dataDirs = opts.dataOnly.map((_, i) => dir(`D${i}`));
  opts.lowers.forEach((src, i) => copyLayer(src, lowerDirs[i]));
  opts.dataOnly.forEach((src, i) => copyLayer(src, dataDirs[i]));
  const upperDir = opts.readOnly ? undefined : dir('upper');
  if (!opts.readOnly) dir('work');
  if (upperDir && opts.upper) copyLayer(opts.upper, upperDir);
  dir('merged');
  return { dir, lowerDirs, dataDirs, upperDir };
}

/** A run's mount as remount changes it: which options, which upper, whether it is mounted now. */
interface KernelMount {
  tmp: string;
  merged: string;
  mounted: boolean;
  options: string;
  upperName: string;
  current: string | undefined;
  generation: number;
}

/**
 * remount: unmount and mount again (caches dropped); remount -l: the named directories as the
 * new lower stack, with a fresh upper and work directory, as a container image's commit.
 */
function remounter(m: KernelMount, lowers: number, opts: RunOptions, dataOnly: number, dir: (name: string) => string) {
  return (lowersAsked?: string[]): string | undefined => {
    let next = m.options;
    let nextUpper: string | undefined;
    if (lowersAsked) {
      const names: string[] = [];
      for (const n of lowersAsked) {
        if (n === 'U' && !m.current) return 'ENOENT';
        if (n !== 'U' && Number(n.slice(1)) >= lowers) return 'ENOENT';
        names.push(n === 'U' ? m.upperName : n);
      }
      m.generation++;
      nextUpper = opts.readOnly ? undefined : `upper${m.generation}`;
      if (nextUpper) {
        dir(nextUpper);
        dir(`work${m.generation}`);
      }
      next = optionStringFor(names, dataOnly, nextUpper ? { upper: nextUpper, work: `work${m.generation}` } : undefined, opts.options);
    }
    execFileSync('umount', [m.merged], { stdio: 'ignore' });
    m.mounted = false;
    const mount = (o: string) => mountBusyAware(() => execFileSync('mount', ['-t', 'overlay', 'overlay', '-o', o, 'merged'], { cwd: m.tmp, stdio: ['ignore', 'pipe', 'pipe'] }));
    try {
      mount(next);
    } catch {
      // Refused: the previous stack is mounted again, so the run goes on with a mount.
      mount(m.options);
      m.mounted = true;
      return 'EINVAL';
    }
    m.mounted = true;
    m.options = next;
    if (nextUpper) {
      m.upperName = nextUpper;
      m.current = nodePath.join(m.tmp, nextUpper);
    }
    return undefined;
  };
}

/**
 * Runs a scenario on a real OverlayFS mount in a fresh temporary directory. The layer
 * directories given are copied, never touched; the mount is always undone and the directory
 * removed, on errors and on Ctrl-C too. Returns the report and the exit status (0, or 1 when
 * the mount failed).
 */
export async function runOnKernel(scenario: Scenario, opts: RunOptions): Promise<{ report: ReportInput; exit: number }> {
  checkRunInput(scenario, opts);
  const why = kernelUnavailable();
  if (why) {
    throw new OverlayLabError('ENOKERNEL', { en: 'cannot run on the kernel: {why}', 'pt-BR': 'não dá para rodar no kernel: {why}' }, { why });
  }
  const lowers = lowerCount(scenario, opts);
  const userxattr = /(^|,)userxattr(,|$)/.test(opts.options);
  const prefix = userxattr ? 'user.overlay.' : 'trusted.overlay.';
  const tmp = fs.mkdtempSync(nodePath.join(process.env.OVERLAY_LAB_TMP ?? os.tmpdir(), 'overlay-lab-k-'));
  const merged = nodePath.join(tmp, 'merged');
  const m: KernelMount = { tmp, merged, mounted: false, options: '', upperName: 'upper', current: undefined, generation: 0 };
  const oldUmask = process.umask(SCENARIO_UMASK);
  if (activeRuns++ === 0) {
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
  }
  try {
    const { dir, lowerDirs, dataDirs, upperDir } = layerDirs(tmp, lowers, opts);

    const now = () => Math.floor(Date.now() / 1000);
    const setup: { op: (typeof scenario.setup)[number]; result: OpResult }[] = [];
    for (const op of scenario.setup) {
      await breath();
      const root = op.layer!.kind === 'upper' ? upperDir! : lowerDirs[(op.layer as { index: number }).index];
      const t: ExecTarget = { sys: nodeSyscalls(root), raw: true, xattrPrefix: prefix, now };
      setup.push({ op, result: executeOp(t, op) });
    }
    await breath();
    if (interrupted) throw new Error('interrupted');

    const optionString = mountOptionString(lowers, dataDirs.length, opts.readOnly, opts.options);
    const header = [`engine: kernel ${os.release()}`, `options: ${opts.options || '(defaults)'}`];
    const logBefore = stampOf(kernelLog().filter((l) => l !== '').pop());
    try {
      execFileSync('mount', ['-t', 'overlay', 'overlay', '-o', optionString, 'merged'], {
        cwd: tmp,
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      m.mounted = true;
    } catch (e) {
      const reason = kernelComplaint(logBefore, String((e as { stderr?: Buffer }).stderr ?? ''));
      return { report: { header, setup, ops: [], mountFailed: reason }, exit: 1 };
    }
    await holdMountedForTests();

    m.options = optionString;
    m.current = upperDir;
    const remount = remounter(m, lowers, opts, dataDirs.length, dir);
    const t: ExecTarget = {
      sys: nodeSyscalls(merged),
      raw: false,
      xattrPrefix: prefix,
      now,
      remount,
      classes: { ino: new Map(), dev: new Map() },
      runAs: (cred, op, target) => runAsUser(merged, cred, op, target),
    };
    const ops: ReportInput['ops'] = [];
    for (const op of scenario.ops) {
      await breath();
      if (interrupted) throw new Error('interrupted');
      ops.push({ op, result: executeOp(t, op) });
    }
    const metacopyName = `${prefix}metacopy`;
    const mergedTree = readTree(merged, false, metacopyName);
    execFileSync('umount', [merged], { stdio: 'ignore' });
    m.mounted = false;
    const upperTree = m.current ? readTree(m.current, true, metacopyName) : undefined;
    return { report: { header, setup, ops, merged: mergedTree, upper: upperTree }, exit: 0 };
  } finally {
    if (m.mounted) {
      try {
        execFileSync('umount', [merged], { stdio: 'ignore' });
      } catch {
        execFileSync('umount', ['-l', merged], { stdio: 'ignore' });
      }
    }
    fs.rmSync(tmp, { recursive: true, force: true });
    process.umask(oldUmask);
    if (--activeRuns === 0) {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
    }
    if (interrupted) {
      interrupted = false;
      // eslint-disable-next-line no-unsafe-finally
      throw new OverlayLabError('EINTR', { en: 'interrupted; the mount was undone and the temporary directory removed', 'pt-BR': 'interrompido; a montagem foi desfeita e o diretório temporário removido' }, {}, undefined, 130);
    }
  }
}
