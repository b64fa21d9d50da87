import { runOnKernel } from '../../kernel/run';
import { scenarioCommand } from './scenario-run';

export const kernelCommand = scenarioCommand(
  'kernel',
  {
    en: 'run a scenario on a real OverlayFS mount (Linux, root) and print the canonical report',
    'pt-BR': 'roda um cenário numa montagem OverlayFS real (Linux, root) e imprime o relatório canônico',
  },
  () => runOnKernel,
);
