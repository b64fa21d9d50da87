import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { kernelUnavailable } from '../src/kernel/run';
import { redirectScenarioArb } from './support/arbitrary-redirect';
import { kernelText, optionsFromArgs, reportDiff, simulateText } from './support/differential';
import { need } from './support/env';

const skip = need(kernelUnavailable());
const RUNS = Number(process.env.OVERLAY_LAB_PROPERTY_RUNS ?? 300);

describe.skipIf(skip)(`layer-crafted redirects on the way of an absolute redirect, model against kernel${skip ? ` (skipped: ${skip})` : ''}`, () => {
  it(`agree on ${RUNS} stacks with one planted redirect each`, async () => {
    await fc.assert(
      fc.asyncProperty(redirectScenarioArb, async ({ text, args }) => {
        const opts = optionsFromArgs(args);
        const k = await kernelText(text, opts);
        const s = simulateText(text, opts);
        const diff = reportDiff(k.report, s.report);
        if (diff || k.exit !== s.exit) {
          throw new Error(`model and kernel disagree (args: ${args})\n--- scenario\n${text}--- differences\n${diff}\nexit kernel=${k.exit} model=${s.exit}`);
        }
      }),
      { numRuns: RUNS, seed: process.env.OVERLAY_LAB_SEED ? Number(process.env.OVERLAY_LAB_SEED) : undefined, endOnFailure: false },
    );
    expect(true).toBe(true);
  }, 1_800_000);
});
