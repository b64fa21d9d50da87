import type { Command, CliContext } from '../command';
import { parseArgs } from '../args';
import { usageError } from '../docker-options';
import type { AccessChoice } from '../../docker/access/access';
import { EXIT } from '../../docker/errors';
import { Tour, TOUR_STEPS, type TourProgress } from '../../lab/tour';
import { guardInterrupts, type InterruptGuard } from '../../lab/tour-signals';
import { OverlayLabError } from '../../i18n/errors';
import { say, type Lang } from '../../i18n/lang';
import { renderProgress, renderTourStep, TOUR_TEXT } from '../../render/tour-text';
import { layoutBlocks, pageLines, type TourBlock } from '../../render/tour-wrap';

const USAGE = `overlay-lab tour [--yes] [--step N] [--simulated|--live] [--access WAY] [--pull IMAGE]
  --yes, -y        run every step without waiting (also when standard input is not a terminal)
  --step N         start at step N (1-${TOUR_STEPS.length}); the steps before it run again quietly
  --simulated      the built-in simulated host and the union engine, even when an engine answers
  --live           a live engine or an error, never the simulation
  --access WAY     how to read the store: auto (default), direct, helper, nsenter
  --pull IMAGE     pull IMAGE as the seed lab does (needs a registry; else the tour builds its own)
Keys: Enter next step (or next page of a step taller than the terminal), q quit.
Ctrl-C at any point removes what the tour made.`;

type Key = 'next' | 'quit' | 'interrupt';

/** Waits for Enter (next), q / Esc / Ctrl-D (quit) or Ctrl-C, in raw mode so no echo spoils the screen. */
function waitKey(): Promise<Key> {
  const stdin = process.stdin;
  return new Promise((resolve) => {
    const done = (k: Key) => {
      stdin.off('data', onData);
      stdin.off('end', onEnd);
      try {
        if (stdin.isTTY) stdin.setRawMode(false);
      } catch {
        // EIO: the terminal is gone (a dropped session); there is no mode left to restore.
      }
      stdin.pause();
      resolve(k);
    };
    const onData = (chunk: Buffer) => {
      const s = chunk.toString('utf8');
      if (s.includes('\x03')) return done('interrupt');
      if (/^[qQ]|^\x1b$|\x04/.test(s)) return done('quit');
      if (/[\r\n ]/.test(s)) return done('next');
    };
    const onEnd = () => done('quit');
    if (stdin.isTTY) stdin.setRawMode(true);
    stdin.on('data', onData);
    stdin.on('end', onEnd);
    stdin.resume();
  });
}

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
      booleans: ['--yes', '--simulated', '--live'],
      aliases: { '-y': '--yes' },
    });
    if (args.positional.length) throw usageError(USAGE);
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
    if (!['auto', 'direct', 'helper', 'nsenter'].includes(access)) throw usageError(USAGE);
    // No terminal to press Enter in (a pipe, CI, npm start in a script): run straight through.
    const interactive = !args.flags.has('--yes') && Boolean(process.stdin.isTTY) && ctx.isTTY;
    const cols = columns(ctx);
    const rows = screenRows(ctx);
    const show = (blocks: TourBlock[]) => ctx.out(layoutBlocks(blocks, cols));
    const lineCount = (blocks: TourBlock[]) => layoutBlocks(blocks, cols).split('\n').length - 1;
    let quiet = false;
    let progressShown = false;
    const onProgress = (p: TourProgress) => {
      if (quiet && p.kind !== 'build' && p.kind !== 'import' && p.kind !== 'pull') return;
      // Of the builder's chatter, the step lines say how far it got; ids and container names do not.
      if (p.kind === 'build' && p.detail && !/^(Step \d|Successfully tagged|overlay-lab\/)/.test(p.detail)) return;
      const text = renderProgress(p, lang);
      if (ctx.isTTY) {
        ctx.out(`\r\x1b[K… ${[...text].slice(0, cols - 3).join('')}`);
        progressShown = true;
      } else ctx.out(`… ${[...text].slice(0, cols - 2).join('')}\n`);
    };
    const endProgress = () => {
      if (progressShown) ctx.out('\r\x1b[K');
      progressShown = false;
    };

    const tour = await Tour.open({
      env: ctx.env,
      simulated: args.flags.has('--simulated') ? 'always' : args.flags.has('--live') ? 'never' : 'fallback',
      access,
      pull: args.values['--pull']?.[0],
      onProgress,
    });
    let guard: InterruptGuard | undefined;
    if (tour.mode === 'live')
      guard = guardInterrupts(
        async () => {
          tour.interrupt();
          await tour.dispose();
        },
        (signal) => {
          endProgress();
          ctx.err(`\n${say(TOUR_TEXT.interrupted, lang, { signal: signal === 'SIGINT' ? 'Ctrl-C' : signal })}\n`);
        },
      );

    const intro: TourBlock[] = [{ kind: 'title', text: say(TOUR_TEXT.title, lang) }];
    if (tour.mode === 'live' && tour.facts)
      intro.push({ kind: 'prose', text: say(TOUR_TEXT.live, lang, { version: tour.facts.version, endpoint: tour.facts.endpoint, root: tour.facts.rootDir }) });
    else {
      const why = tour.simulatedBecause;
      intro.push({ kind: 'prose', text: say(TOUR_TEXT.simulated, lang, { why: why ? say(why.text, lang, why.params) : say(TOUR_TEXT.simulatedAsked, lang) }) });
    }
    if (interactive) intro.push({ kind: 'prose', text: say(TOUR_TEXT.keys, lang) });
    if (start > 1) intro.push({ kind: 'prose', text: start === 2 ? say(TOUR_TEXT.resumeOne, lang) : say(TOUR_TEXT.resume, lang, { n: start, m: start - 1 }) });

    const finish = async (): Promise<void> => {
      const outcome = await tour.dispose();
      endProgress();
      if (outcome.removed.length) show([{ kind: 'prose', text: say(TOUR_TEXT.removedAll, lang, { list: outcome.removed.map((r) => r.name).join(', ') }) }]);
    };

    try {
      if (interactive) ctx.out('\x1b[2J\x1b[H');
      show(intro);
      for (let i = 0; i < TOUR_STEPS.length; i++) {
        const id = TOUR_STEPS[i];
        if (i + 1 < start) {
          quiet = true;
          await tour.run(id);
          quiet = false;
          continue;
        }
        const step = await tour.run(id);
        endProgress();
        const blocks = renderTourStep(step, i + 1, TOUR_STEPS.length, lang);
        const lines = layoutBlocks(blocks, cols).replace(/\n$/, '').split('\n');
        // A step taller than the terminal comes in pages, each under the step's title; the room
        // left is the rows minus a blank line above the step and a blank line and the prompt below.
        const pages = interactive && rows ? pageLines(lines, lineCount(blocks.slice(0, 1)), rows - 3, i + 1 === start ? lineCount(intro) : 0) : [lines];
        for (let p = 0; p < pages.length; p++) {
          if (interactive && (i + 1 > start || p > 0)) ctx.out('\x1b[2J\x1b[H');
          ctx.out(`\n${pages[p].join('\n')}\n`);
          const lastPage = p === pages.length - 1;
          if (!interactive || (lastPage && i === TOUR_STEPS.length - 1)) continue;
          ctx.out(`\n${lastPage ? say(TOUR_TEXT.prompt, lang) : say(TOUR_TEXT.pagePrompt, lang, { page: p + 1, pages: pages.length })}`);
          const key = await waitKey();
          ctx.out('\n');
          if (key === 'interrupt' && guard) {
            await guard.trigger('SIGINT');
            return 130;
          }
          if (key !== 'next') {
            show([{ kind: 'prose', text: say(TOUR_TEXT.quit, lang, { n: i + 1 }) }]);
            await finish();
            return key === 'interrupt' ? 130 : 0;
          }
        }
      }
      await finish();
      show([{ kind: 'prose', text: '' }, { kind: 'prose', text: say(TOUR_TEXT.done, lang) }]);
      return 0;
    } catch (e) {
      // Interrupted: the aborted build or a scan racing the removal fails; the guard is
      // removing everything and will end the process: wait for it, say nothing more.
      if (guard?.interrupted) await new Promise(() => undefined);
      endProgress();
      await tour.dispose().catch(() => undefined);
      throw e;
    } finally {
      guard?.disarm();
    }
  },
};
