import { readLayerDir } from '../../src/image/layer-dir';
import { runOnKernel } from '../../src/kernel/run';
import type { RunOptions } from '../../src/scenario/options';
import { parseScenario } from '../../src/scenario/parse';
import { compareReports } from '../../src/scenario/compare';
import { formatReport } from '../../src/scenario/report';
import { runSimulation } from '../../src/scenario/simulate';

/** Command-line flags of a scenario (`-l`, `-d`, `-u`, `-r`, `-o`) as RunOptions. */
export function optionsFromArgs(args: string): RunOptions {
  const words = args.split(/\s+/).filter(Boolean);
  const o: RunOptions = { lowers: [], dataOnly: [], readOnly: false, options: '' };
  const extra: string[] = [];
  for (let i = 0; i < words.length; i++) {
    const w = words[i];
    if (w === '-r') o.readOnly = true;
    else if (w === '-o') extra.push(words[++i]);
    else if (w === '-l') o.lowers.push(words[++i]);
    else if (w === '-d') o.dataOnly.push(words[++i]);
    else if (w === '-u') o.upper = words[++i];
    else throw new Error(`unknown scenario flag ${w}`);
  }
  o.options = extra.join(',');
  return o;
}

/** The `# args:` line of a scenario file, if any. */
export const argsOf = (text: string) => /^# args: (.*)$/m.exec(text)?.[1] ?? '';

export function simulateText(text: string, opts: RunOptions): { report: string; exit: number } {
  const r = runSimulation(parseScenario(text), opts, {
    lowers: opts.lowers.map(readLayerDir),
    dataOnly: opts.dataOnly.map(readLayerDir),
    upper: opts.upper ? readLayerDir(opts.upper) : undefined,
  });
  return { report: formatReport(r.report), exit: r.exit };
}

export async function kernelText(text: string, opts: RunOptions): Promise<{ report: string; exit: number }> {
  const r = await runOnKernel(parseScenario(text), opts);
  return { report: formatReport(r.report), exit: r.exit };
}

/** Lines where two reports differ, as a small unified listing ('' when they agree). */
export function reportDiff(kernel: string, sim: string): string {
  const c = compareReports(sim, kernel);
  if (c.identical) return '';
  const out = [...c.onlyKernel.map((l) => `- kernel: ${l}`), ...c.onlyModel.map((l) => `+ model:  ${l}`)];
  return out.length ? out.join('\n') : 'same lines, different order';
}
