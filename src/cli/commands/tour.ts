import type { Command, CliContext } from '../command';
import { parseArgs } from '../args';
import { usageError } from '../docker-options';
import type { AccessChoice } from '../../docker/access/access';
import { EXIT } from '../../docker/errors';
import { Tour, TOUR_STEPS } from '../../lab/tour';
import { guardInterrupts, type InterruptGuard } from '../../lab/tour-signals';
import { OverlayLabError } from '../../i18n/errors';
import { type Lang, type Localized } from '../../i18n/lang';
import { say } from '../../i18n/format';
import { TOUR_TEXT } from '../../render/tour-text';
import type { TourBlock } from '../../render/tour-wrap';
import { playTour, ProgressLine } from './tour-play';

const SYNOPSIS = 'overlay-lab tour [--yes] [--step N] [--simulated|--live] [--compact] [--access WAY] [--pull IMAGE]';
const USAGE: Localized = {
  en: `${SYNOPSIS}
  --yes, -y        run every step without waiting (also when standard input is not a terminal)
  --step N         start at step N (1-${TOUR_STEPS.length}); the steps before it run again quietly
  --simulated      the built-in simulated host and the union engine, even when an engine answers
  --live           a live engine or an error, never the simulation
  --compact        the layout for a projector at 60×20: a one-line introduction, no blank lines
                   around a step, no rule under its title, short listings
  --access WAY     how to read the store: auto (default), direct, helper, nsenter
  --pull IMAGE     pull IMAGE as the seed lab does (needs a registry; else the tour builds its own)
Keys: Enter next step (or next page of a step taller than the terminal), q quit.
Each step is laid out for the terminal's width and height, again when the window is resized.
Ctrl-C at any point removes what the tour made.`,
  'pt-BR': `${SYNOPSIS}
  --yes, -y        roda todos os passos sem esperar (também quando a entrada padrão não é um terminal)
  --step N         começa no passo N (1-${TOUR_STEPS.length}); os passos anteriores rodam de novo em silêncio
  --simulated      o host simulado embutido e o motor de união, mesmo quando um engine responde
  --live           um engine ao vivo ou um erro, nunca a simulação
  --compact        o layout para um projetor em 60×20: introdução de uma linha, sem linhas em branco
                   em volta de um passo, sem traço sob o título, listagens curtas
  --access MODO    como ler o armazenamento: auto (padrão), direct, helper, nsenter
  --pull IMAGEM    baixa IMAGEM como o laboratório original (precisa de um registry; senão o tour constrói a sua)
Teclas: Enter próximo passo (ou próxima página de um passo mais alto que o terminal), q sai.
Cada passo é diagramado para a largura e a altura do terminal, e de novo quando a janela muda de tamanho.
Ctrl-C a qualquer momento remove o que o tour criou.`,
};

/** Terminal width: COLUMNS, else the terminal's, else 80 (a recording or a pipe). */
function columns(ctx: CliContext): number {
  const env = Number(ctx.env.COLUMNS);
  if (env > 0) return env;
  return (ctx.isTTY && process.stdout.columns) || 80;
}

/** Terminal height: LINES, else the terminal's, else 0 (unknown: no paging). */
function screenRows(ctx: CliContext): number {
  const env = Number(ctx.env.LINES);
  if (env > 0) return env;
  return (ctx.isTTY && process.stdout.rows) || 0;
}

export const tourCommand: Command = {
  name: 'tour',
  summary: {
    en: 'the classroom tour: the seed lab step by step on a live engine (or the simulated host), cleaned up after',
    'pt-BR': 'o tour da sala de aula: o laboratório passo a passo num engine ao vivo (ou no host simulado), limpo no fim',
  },
  usage: USAGE,
  async run(argv, ctx) {
    const args = parseArgs(argv, {
      values: { '--step': 'one', '--access': 'one', '--pull': 'one' },
      booleans: ['--yes', '--simulated', '--live', '--compact'],
      aliases: { '-y': '--yes' },
    });
    if (args.positional.length) throw usageError(SYNOPSIS);
    const lang: Lang = ctx.lang;
    const start = Number(args.values['--step']?.[0] ?? '1');
    if (!Number.isInteger(start) || start < 1 || start > TOUR_STEPS.length)
      throw new OverlayLabError(
        'EUSAGE',
        { en: '--step takes a step number from 1 to {max}', 'pt-BR': '--step recebe um número de passo de 1 a {max}' },
        { max: TOUR_STEPS.length },
        undefined,
        EXIT.usage,
      );
    const access = (args.values['--access']?.[0] ?? 'auto') as AccessChoice;
    if (!['auto', 'direct', 'helper', 'nsenter'].includes(access)) throw usageError(SYNOPSIS);
    // No terminal to press Enter in (a pipe, CI, npm start in a script): run straight through.
    const interactive = !args.flags.has('--yes') && Boolean(process.stdin.isTTY) && ctx.isTTY;
    const compact = args.flags.has('--compact');
    // Measured again at each redraw: a projector's window is often resized mid-class.
    const size = () => ({ cols: columns(ctx), rows: screenRows(ctx) });
    const progress = new ProgressLine(ctx, lang, () => size().cols);

    const tour = await Tour.open({
      env: ctx.env,
      simulated: args.flags.has('--simulated') ? 'always' : args.flags.has('--live') ? 'never' : 'fallback',
      access,
      pull: args.values['--pull']?.[0],
      onProgress: (p) => progress.report(p),
    });
    let guard: InterruptGuard | undefined;
    if (tour.mode === 'live')
      guard = guardInterrupts(
        async () => {
          tour.interrupt();
          await tour.dispose();
        },
        (signal) => {
          progress.end();
          ctx.err(`\n${say(TOUR_TEXT.interrupted, lang, { signal: signal === 'SIGINT' ? 'Ctrl-C' : signal })}\n`);
        },
      );

    const intro: TourBlock[] = compact ? [] : [{ kind: 'title', text: say(TOUR_TEXT.title, lang) }];
    if (tour.mode === 'live' && tour.facts) {
      const facts = { version: tour.facts.version, endpoint: tour.facts.endpoint, root: tour.facts.rootDir };
      intro.push({ kind: 'prose', text: say(compact ? TOUR_TEXT.liveShort : TOUR_TEXT.live, lang, facts) });
    } else if (compact) intro.push({ kind: 'prose', text: say(TOUR_TEXT.simulatedShort, lang) });
    else {
      const why = tour.simulatedBecause;
      intro.push({ kind: 'prose', text: say(TOUR_TEXT.simulated, lang, { why: why ? say(why.text, lang, why.params) : say(TOUR_TEXT.simulatedAsked, lang) }) });
    }
    // The prompt names the keys; compact spends no line on saying it twice.
    if (interactive && !compact) intro.push({ kind: 'prose', text: say(TOUR_TEXT.keys, lang) });
    if (start > 1) intro.push({ kind: 'prose', text: start === 2 ? say(TOUR_TEXT.resumeOne, lang) : say(TOUR_TEXT.resume, lang, { n: start, m: start - 1 }) });

    return playTour(tour, { ctx, lang, size, interactive, compact, progress }, guard, intro, start);
  },
};
