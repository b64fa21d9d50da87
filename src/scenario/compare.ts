/* Pure: how the model's report and the kernel's compare (comment lines left out, as the contract says). */
import { comparableLines } from './report';

export interface ReportComparison {
  sim: string[];
  kernel: string[];
  /** Indexes where the lines differ (or one side has no line): for showing them side by side. */
  differ: number[];
  /** Lines only the kernel printed, and only the model: for a short listing of what disagrees. */
  onlyKernel: string[];
  onlyModel: string[];
  identical: boolean;
}

/**
 * Compares the simulator's and the kernel's canonical reports on their comparable lines.
 * @example compareReports('## setup\n', '## setup\n').identical // true
 */
export function compareReports(simReport: string, kernelReport: string): ReportComparison {
  const sim = comparableLines(simReport);
  const kernel = comparableLines(kernelReport);
  const differ: number[] = [];
  for (let i = 0; i < Math.max(sim.length, kernel.length); i++) if (sim[i] !== kernel[i]) differ.push(i);
  const inSim = new Set(sim);
  const inKernel = new Set(kernel);
  return {
    sim,
    kernel,
    differ,
    onlyKernel: kernel.filter((l) => !inSim.has(l)),
    onlyModel: sim.filter((l) => !inKernel.has(l)),
    identical: differ.length === 0,
  };
}
