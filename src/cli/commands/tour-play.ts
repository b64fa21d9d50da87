/* Not a command: the tour command's terminal side (keys, the progress line, the step-by-step loop), apart from its option handling. */
import type { CliContext } from '../command';
import { TOUR_STEPS, type Tour, type TourProgress } from '../../lab/tour';
import type { InterruptGuard } from '../../lab/tour-signals';
import { type Lang } from '../../i18n/lang';
import { say } from '../../i18n/format';
import { renderProgress, renderTourStep, STORE_ROWS, TOUR_TEXT } from '../../render/tour-text';
import { layoutBlocks, type TourBlock } from '../../render/tour-wrap';
import { fitStep } from '../../render/tour-fit';

type Key = 'next' | 'quit' | 'interrupt' | 'resize';

/**
 * Waits for Enter (next), q / Esc / Ctrl-D (quit) or Ctrl-C, in raw mode so no echo spoils the
 * screen; a resized terminal (SIGWINCH, which node reports as stdout's 'resize') ends the wait too.
 */
function waitKey(): Promise<Key> {
  const stdin = process.stdin;
  return new Promise((resolve) => {
    const onResize = () => done('resize');
    const done = (k: Key) => {
      stdin.off('data', onData);
      stdin.off('end', onEnd);
      process.stdout.off('resize', onResize);
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
    process.stdout.on('resize', onResize);
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
    private readonly width: () => number,
  ) {}

  report(p: TourProgress): void {
    const { ctx, lang } = this;
    const cols = this.width();
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
  /** The terminal's size now (it changes when the window does); rows 0 when unknown (no paging). */
  size: () => { cols: number; rows: number };
  /** Waits for a key after each step (and page). */
  interactive: boolean;
  /** The 60×20 layout: no blank lines around the step, no rule under its title. */
  compact: boolean;
  progress: ProgressLine;
}

/**
 * Shows the intro, then each step from `start` on (the ones before it run quietly), waiting
 * for a key between them when interactive; removes what the tour made at the end, on quit or
 * on an error. A step is fitted to the terminal (tour-fit) and laid out again when the
 * terminal is resized. Returns the exit code.
 * @example return await playTour(tour, screen, guard, intro, 1);
 */
export async function playTour(tour: Tour, screen: TourScreen, guard: InterruptGuard | undefined, intro: TourBlock[], start: number): Promise<number> {
  const { ctx, lang, interactive, compact, progress } = screen;
  const layout = (blocks: TourBlock[]) => layoutBlocks(blocks, screen.size().cols, { compact });
  const show = (blocks: TourBlock[]) => ctx.out(layout(blocks));
  const finish = async (): Promise<void> => {
    const outcome = await tour.dispose();
    progress.end();
    if (outcome.removed.length) show([{ kind: 'prose', text: say(TOUR_TEXT.removedAll, lang, { list: outcome.removed.map((r) => r.name).join(', ') }) }]);
  };
  // Lines around a page: a blank line above the step, a blank line and the prompt below (compact: the prompt only).
  const chrome = compact ? 1 : 3;
  const clear = () => ctx.out('\x1b[2J\x1b[H');
  const closing: TourBlock[] = [{ kind: 'prose', text: '' }, { kind: 'prose', text: say(TOUR_TEXT.done, lang) }];

  try {
    if (interactive) clear();
    show(intro);
    let introLines = layout(intro).split('\n').length - 1;
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
      const fit = () => {
        const { cols, rows } = screen.size();
        const render = (n: number) => renderTourStep(step, i + 1, TOUR_STEPS.length, lang, { listRows: n });
        // Not interactive, or the height unknown: one page, the whole listing.
        if (!interactive || !rows) return { pages: [layout(render(STORE_ROWS)).replace(/\n$/, '').split('\n')], head: 0 };
        // The last step ends with the closing lines instead of a prompt, and the cursor's line
        // under them: room for those too, or they would scroll its title away.
        const last = i === TOUR_STEPS.length - 1 ? (compact ? 0 : 1) + layout(closing).split('\n').length : 0;
        return fitStep(render, { cols, room: rows - Math.max(chrome, last), maxList: STORE_ROWS, firstTaken: introLines, compact });
      };
      let { pages, head } = fit();
      for (let p = 0; p < pages.length; p++) {
        if (interactive && (introLines === 0 || p > 0)) clear();
        // The title in bold on a terminal: it stands out without a rule under it (compact).
        const lines = pages[p].map((l, k) => (k < head && ctx.isTTY ? `\x1b[1m${l}\x1b[22m` : l));
        ctx.out(`${compact ? '' : '\n'}${lines.join('\n')}\n`);
        introLines = 0; // the intro shares only the first screen
        const lastPage = p === pages.length - 1;
        if (!interactive || (lastPage && i === TOUR_STEPS.length - 1)) continue;
        ctx.out(`${compact ? '' : '\n'}${lastPage ? say(TOUR_TEXT.prompt, lang) : say(TOUR_TEXT.pagePrompt, lang, { page: p + 1, pages: pages.length })}`);
        const key = await waitKey();
        if (key === 'resize') {
          // Laid out again for the new size, from the page that holds the first line shown.
          const shownAt = pages.slice(0, p).reduce((n, pg) => n + pg.length - head, 0);
          ({ pages, head } = fit());
          let at = 0;
          for (let seen = pages[0].length - head; at < pages.length - 1 && seen <= shownAt; at++) seen += pages[at + 1].length - head;
          p = at - 1;
          continue;
        }
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
    show(closing);
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
