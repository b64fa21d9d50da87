/* Not a command: the tour command's terminal side (keys, the progress line, the step-by-step loop), apart from its option handling. */
import type { CliContext } from '../command';
import { TOUR_STEPS, type Tour, type TourProgress } from '../../lab/tour';
import type { InterruptGuard } from '../../lab/tour-signals';
import { type Lang } from '../../i18n/lang';
import { say } from '../../i18n/format';
import { renderProgress, renderTourStep, TOUR_TEXT } from '../../render/tour-text';
import { layoutBlocks, pageLines, type TourBlock } from '../../render/tour-wrap';

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

/** The one-line report of slow work: overwritten in place on a terminal, a line each elsewhere. */
export class ProgressLine {
  /** Replaying the steps before --step: only image work is reported. */
  quiet = false;
  private shown = false;

  constructor(
    private readonly ctx: CliContext,
    private readonly lang: Lang,
    private readonly cols: number,
  ) {}

  report(p: TourProgress): void {
    const { ctx, lang, cols } = this;
    if (this.quiet && p.kind !== 'build' && p.kind !== 'import' && p.kind !== 'pull') return;
    // Of the builder's chatter, the step lines say how far it got; ids and container names do not.
    if (p.kind === 'build' && p.detail && !/^(Step \d|Successfully tagged|overlay-lab\/)/.test(p.detail)) return;
    const text = renderProgress(p, lang);
    if (ctx.isTTY) {
      ctx.out(`\r\x1b[K… ${[...text].slice(0, cols - 3).join('')}`);
      this.shown = true;
    } else ctx.out(`… ${[...text].slice(0, cols - 2).join('')}\n`);
  }

  /** Clears the line, if one is shown. */
  end(): void {
    if (this.shown) this.ctx.out('\r\x1b[K');
    this.shown = false;
  }
}

/** Where and how the tour is shown. */
export interface TourScreen {
  ctx: CliContext;
  lang: Lang;
  cols: number;
  /** Terminal height, 0 when unknown (no paging). */
  rows: number;
  /** Waits for a key after each step (and page). */
  interactive: boolean;
  progress: ProgressLine;
}

/**
 * Shows the intro, then each step from `start` on (the ones before it run quietly), waiting
 * for a key between them when interactive; removes what the tour made at the end, on quit or
 * on an error. Returns the exit code.
 * @example return await playTour(tour, screen, guard, intro, 1);
 */
export async function playTour(tour: Tour, screen: TourScreen, guard: InterruptGuard | undefined, intro: TourBlock[], start: number): Promise<number> {
  const { ctx, lang, cols, rows, interactive, progress } = screen;
  const show = (blocks: TourBlock[]) => ctx.out(layoutBlocks(blocks, cols));
  const lineCount = (blocks: TourBlock[]) => layoutBlocks(blocks, cols).split('\n').length - 1;
  const finish = async (): Promise<void> => {
    const outcome = await tour.dispose();
    progress.end();
    if (outcome.removed.length) show([{ kind: 'prose', text: say(TOUR_TEXT.removedAll, lang, { list: outcome.removed.map((r) => r.name).join(', ') }) }]);
  };

  try {
    if (interactive) ctx.out('\x1b[2J\x1b[H');
    show(intro);
    for (let i = 0; i < TOUR_STEPS.length; i++) {
      const id = TOUR_STEPS[i];
      if (i + 1 < start) {
        progress.quiet = true;
        await tour.run(id);
        progress.quiet = false;
        continue;
      }
      const step = await tour.run(id);
      progress.end();
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
    progress.end();
    await tour.dispose().catch(() => undefined);
    throw e;
  } finally {
    guard?.disarm();
  }
}
