import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { kernelUnavailable } from '../src/kernel/run';
import { scenarioArb } from './support/arbitrary';
import { kernelText, optionsFromArgs, reportDiff, simulateText } from './support/differential';
import { need } from './support/env';

const skip = need(kernelUnavailable());
const RUNS = Number(process.env.OVERLAY_LAB_PROPERTY_RUNS ?? 500);

describe.skipIf(skip)(`random scenarios, model against kernel${skip ? ` (skipped: ${skip})` : ''}`, () => {
  it(`agree on ${RUNS} random layer stacks and operation sequences`, async () => {
    await fc.assert(
      fc.asyncProperty(scenarioArb, async ({ text, args }) => {
        const opts = optionsFromArgs(args);
        const k = await kernelText(text, opts);
        const s = simulateText(text, opts);
        const diff = reportDiff(k.report, s.report);
        if (diff || k.exit !== s.exit) {
          throw new Error(`model and kernel disagree (args: ${args || 'none'})\n--- scenario\n${text}--- differences\n${diff}\nexit kernel=${k.exit} model=${s.exit}`);
        }
      }),
      { numRuns: RUNS, seed: process.env.OVERLAY_LAB_SEED ? Number(process.env.OVERLAY_LAB_SEED) : undefined, endOnFailure: false },
    );
    expect(true).toBe(true);
  }, 1_800_000);
});
