import * as fs from 'node:fs';
import { OverlayLabError } from '../../i18n/errors';
import type { Localized } from '../../i18n/lang';
import type { Scenario } from '../../scenario/ops';
import { checkRunInput, type RunOptions } from '../../scenario/options';
import { parseScenario } from '../../scenario/parse';
import { formatReport, type ReportInput } from '../../scenario/report';
import { parseArgs } from '../args';
import type { Command } from '../command';

type Runner = (s: Scenario, o: RunOptions) => { report: ReportInput; exit: number } | Promise<{ report: ReportInput; exit: number }>;

/** `overlay-lab sim run` and `overlay-lab kernel run` share their flags and output (SCENARIOS.md). */
export function scenarioCommand(name: 'sim' | 'kernel', summary: Localized, runner: () => Runner): Command {
  return {
    name,
    summary,
    usage: `overlay-lab ${name} run SCENARIO [-l DIR]... [-d DIR]... [-u DIR] [-r] [-o OPTS]`,
    async run(argv, ctx) {
      const a = parseArgs(argv, { values: { '-l': 'many', '-d': 'many', '-u': 'one', '-o': 'many' }, booleans: ['-r'] });
      if (a.positional[0] !== 'run' || a.positional.length !== 2) {
        throw new OverlayLabError(
          'EUSAGE',
          { en: 'usage: {usage}', 'pt-BR': 'uso: {usage}' },
          { usage: this.usage },
        );
      }
      const file = a.positional[1];
      let text: string;
      try {
        text = file === '-' ? await ctx.readStdin() : fs.readFileSync(file, 'utf8');
      } catch (e) {
        throw new OverlayLabError(
          'ENOSCENARIO',
          { en: 'cannot read scenario {file}: {why}', 'pt-BR': 'não consegui ler o cenário {file}: {why}' },
          { file, why: (e as NodeJS.ErrnoException).code ?? String(e) },
        );
      }
      const scenario = parseScenario(text);
      const opts: RunOptions = {
        lowers: a.values['-l'] ?? [],
        dataOnly: a.values['-d'] ?? [],
        upper: a.values['-u']?.[0],
        readOnly: a.flags.has('-r'),
        options: (a.values['-o'] ?? []).join(','),
      };
      // Refuse contradictory input before any layer directory is read.
      checkRunInput(scenario, opts);
      const { report, exit } = await runner()(scenario, opts);
      ctx.out(formatReport(report));
      return exit;
    },
  };
}
