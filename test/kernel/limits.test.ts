// The kernel's limits the material states, measured on real overlay mounts and compared with the
// model's answer: how many lowerdirs one mount takes, and how many bytes of options mount(2) reads.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { kernelUnavailable } from '../../src/kernel/run';
import { hostPageSize } from '../../src/kernel/page-size';
import { makeInode } from '../../src/union/inode';
import { MOUNT_OPTIONS_MAX, OVL_MAX_STACK, PAGE_SIZE } from '../../src/union/limits';
import { Overlay } from '../../src/union/overlay';
import { need } from '../support/env';

const skip = need(kernelUnavailable());

// A short directory and short relative names (L0:L1:...), so 501 lowers fit well inside a page.
let dir = '';
const MAX_TRIED = OVL_MAX_STACK + 1;

/** The kernel's newest overlayfs line in its log after `since`, without the time stamp. */
function kernelSaid(since: number): string | undefined {
  const lines = execFileSync('dmesg', { encoding: 'utf8', maxBuffer: 1 << 26 }).split('\n');
  const stamp = (l: string) => Number(/^\[\s*([\d.]+)\]/.exec(l)?.[1] ?? -1);
  return lines.filter((l) => stamp(l) > since && /overlay(fs)?:/.test(l)).pop()?.replace(/^\[[^\]]*\]\s*/, '');
}
const logNow = () => Number(/^\[\s*([\d.]+)\]/.exec(execFileSync('dmesg', { encoding: 'utf8', maxBuffer: 1 << 26 }).trim().split('\n').pop() ?? '')?.[1] ?? 0);

/**
 * Mounts an overlay at `m` with these options (relative to the test's directory) and undoes it.
 * LIBMOUNT_FORCE_MOUNT2 keeps newer util-linux on mount(2), whose one page is what is measured.
 */
function tryMount(options: string): { ok: true } | { ok: false; said: string } {
  const since = logNow();
  const r = spawnSync('mount', ['-t', 'overlay', 'overlay', '-o', options, 'm'], { cwd: dir, encoding: 'utf8', env: { ...process.env, LIBMOUNT_FORCE_MOUNT2: 'always' } });
  if (r.status === 0) {
    execFileSync('umount', [path.join(dir, 'm')]);
    return { ok: true };
  }
  return { ok: false, said: kernelSaid(since) ?? r.stderr.trim() };
}

const lowerList = (n: number) => Array.from({ length: n }, (_, i) => `L${i}`).join(':');
const emptyDir = () => makeInode('d', 0o755, 0, 0, 0);
/** What the model answers for a mount of `n` empty lowers with this option string. */
const modelMount = (n: number, optionString?: string) =>
  Overlay.mount({ lowers: Array.from({ length: n }, (_, i) => ({ name: `L${i}`, root: emptyDir() })), upper: emptyDir(), optionString });

describe.skipIf(skip)(`the kernel's limits, measured${skip ? ` (skipped: ${skip})` : ''}`, () => {
  beforeAll(() => {
    dir = mkdtempSync('/tmp/ovl-');
    for (const d of ['upper', 'work', 'm']) mkdirSync(path.join(dir, d));
    for (let i = 0; i < MAX_TRIED; i++) mkdirSync(path.join(dir, `L${i}`));
  });
  afterAll(() => {
    if (!dir) return;
    spawnSync('umount', [path.join(dir, 'm')]);
    rmSync(dir, { recursive: true, force: true });
  });

  it('a mount takes OVL_MAX_STACK lowerdirs and refuses one more, as the model says', () => {
    const answers = [OVL_MAX_STACK - 1, OVL_MAX_STACK, OVL_MAX_STACK + 1].map((n) => {
      const options = `lowerdir=${lowerList(n)},upperdir=upper,workdir=work`;
      expect(options.length).toBeLessThan(MOUNT_OPTIONS_MAX); // the page is not what is measured here
      return { n, kernel: tryMount(options), model: modelMount(n) };
    });
    const taken = answers.filter((a) => a.kernel.ok).map((a) => a.n);
    const refused = answers.find((a) => !a.kernel.ok);
    console.log(`kernel ${execFileSync('uname', ['-r'], { encoding: 'utf8' }).trim()}: ${Math.max(...taken)} lowerdirs mount, ${refused?.n} refused: ${refused && !refused.kernel.ok ? refused.kernel.said : '-'}`);
    expect(taken).toEqual([OVL_MAX_STACK - 1, OVL_MAX_STACK]);
    expect(refused?.n).toBe(OVL_MAX_STACK + 1);
    for (const a of answers) {
      if (a.kernel.ok) expect('ok' in a.model, `model on ${a.n} lowers`).toBe(true);
      else expect(a.model).toEqual({ refused: { errno: 'EINVAL', reason: a.kernel.said } });
    }
  });

  it('mount(2) reads one page of options: a string one byte longer than the page allows is refused, as the model says', () => {
    const page = hostPageSize();
    expect(page, 'getconf PAGESIZE').toBeDefined();
    // The adapter against the kernel's own account of this process's pages.
    const smaps = /KernelPageSize:\s+(\d+) kB/.exec(readFileSync('/proc/self/smaps', 'utf8'));
    expect(page).toBe(Number(smaps![1]) * 1024);
    // Extra slashes name the same directory (./////L0 is ./L0): only the length changes. The
    // string ends in workdir=work, so a cut leaves a workdir that does not exist.
    const withLength = (len: number) => {
      const base = 'lowerdir=./L0:L1,upperdir=upper,workdir=work';
      return `lowerdir=.${'/'.repeat(len - base.length + 1)}L0:L1,upperdir=upper,workdir=work`;
    };
    const max = page! - 1;
    const answers = [max - 1, max, max + 1, max + 2].map((len) => {
      const options = withLength(len);
      expect(options).toHaveLength(len);
      return { len, kernel: tryMount(options), model: modelMount(2, options) };
    });
    const longest = Math.max(...answers.filter((a) => a.kernel.ok).map((a) => a.len));
    const cut = answers.find((a) => !a.kernel.ok);
    console.log(`mount(2) on ${page}-byte pages: ${longest} bytes of options mount, ${cut?.len} refused: ${cut && !cut.kernel.ok ? cut.kernel.said : '-'}`);
    expect(answers.map((a) => a.kernel.ok)).toEqual([true, true, false, false]);
    expect(longest).toBe(page! - 1);
    if (page === PAGE_SIZE) {
      expect(longest).toBe(MOUNT_OPTIONS_MAX);
      for (const a of answers) expect('ok' in a.model, `model on ${a.len} bytes`).toBe(a.kernel.ok);
    } else {
      // The material states the 4 KiB figure; on this host the kernel reads a bigger page.
      console.log(`this host's page is ${page} bytes: MOUNT_OPTIONS_MAX (${MOUNT_OPTIONS_MAX}) assumes ${PAGE_SIZE}`);
    }
  });
});
