import * as fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { kernelUnavailable } from '../src/kernel/run';
import { OP_SHAPES } from '../src/scenario/ops';
import { comparableLines } from '../src/scenario/report';
import { corpus } from './support/corpus';
import { kernelText, optionsFromArgs, reportDiff, simulateText } from './support/differential';
import { need } from './support/env';

const entries = corpus();
const exitOf = (recorded: string) => Number(/exit (\d+)/.exec(recorded.split('\n')[0])?.[1]);

describe('scenario corpus: the model against the kernel reports recorded on a real mount', () => {
  it('holds at least 80 scenarios, each with its recording', () => {
    expect(entries.length).toBeGreaterThanOrEqual(80);
    for (const e of entries) expect(fs.existsSync(e.recordedFile), `${e.name}.kernel missing: run npm run scenarios:record`).toBe(true);
  });

  it.each(entries.map((e) => [e.name, e] as const))('%s', (_name, e) => {
    const recorded = fs.readFileSync(e.recordedFile, 'utf8');
    const sim = simulateText(e.text, optionsFromArgs(e.args));
    expect(reportDiff(recorded, sim.report)).toBe('');
    expect(sim.exit).toBe(exitOf(recorded));
  });

  it('covers every operation, every mount option and the error codes', () => {
    const texts = entries.map((e) => e.text).join('\n');
    for (const op of Object.keys(OP_SHAPES)) expect(texts, `no scenario uses ${op}`).toMatch(new RegExp(`(^|: )${op} `, 'm'));
    const args = entries.map((e) => e.args).join(' ');
    for (const o of ['redirect_dir=on', 'redirect_dir=follow', 'redirect_dir=nofollow', 'redirect_dir=off', 'metacopy=on', 'metacopy=off', 'index=on', 'index=off', 'nfs_export=on', 'userxattr', 'volatile', 'uuid=off', 'uuid=null', 'uuid=on', 'xino=on', 'xino=auto', 'verity=on', 'default_permissions', '-r', '-l ', '-u ', '-d ']) {
      expect(args, `no scenario uses ${o}`).toContain(o);
    }
    const recorded = entries.map((e) => fs.readFileSync(e.recordedFile, 'utf8')).join('\n');
    for (const code of ['ENOENT', 'EEXIST', 'ENOTDIR', 'EISDIR', 'ENOTEMPTY', 'EXDEV', 'EROFS', 'EPERM', 'EINVAL', 'ELOOP', 'ENAMETOOLONG', 'EIO', 'EOPNOTSUPP', 'ENXIO', 'ESTALE', 'EMV']) {
      expect(recorded, `no scenario ends in ${code}`).toContain(`ERR ${code}`);
    }
    expect(recorded).toContain('# MOUNT FAILED');
  });
});

const skip = need(kernelUnavailable());
describe.skipIf(skip)(`scenario corpus on the live kernel${skip ? ` (skipped: ${skip})` : ''}`, () => {
  it.each(entries.map((e) => [e.name, e] as const))('%s: model and kernel agree, and the recording is current', async (_name, e) => {
    const opts = optionsFromArgs(e.args);
    const kernel = await kernelText(e.text, opts);
    const sim = simulateText(e.text, opts);
    expect(reportDiff(kernel.report, sim.report)).toBe('');
    expect(sim.exit).toBe(kernel.exit);
    const recorded = fs.readFileSync(e.recordedFile, 'utf8');
    expect(comparableLines(kernel.report), 'the kernel now says something else: re-record with npm run scenarios:record').toEqual(comparableLines(recorded));
  });
});
