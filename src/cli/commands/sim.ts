import { readLayerDir } from '../../image/layer-dir';
import { runSimulation } from '../../scenario/simulate';
import { scenarioCommand } from './scenario-run';

export const simCommand = scenarioCommand(
  'sim',
  {
    en: 'run a scenario on the union-mount engine and print the canonical report',
    'pt-BR': 'roda um cenário no motor de união e imprime o relatório canônico',
  },
  () => (scenario, opts) =>
    runSimulation(scenario, opts, {
      lowers: opts.lowers.map(readLayerDir),
      dataOnly: opts.dataOnly.map(readLayerDir),
      upper: opts.upper ? readLayerDir(opts.upper) : undefined,
    }),
);
