/* Pure: fits one step of the tour to a terminal's height (a projector at 60×20): its listing
   condensed to what fits, else the step in pages, each under the step's title. */
import { layoutBlocks, pageLines, type TourBlock } from './tour-wrap';

/** Fewest rows a condensed listing keeps: fewer would no longer show what the listing is. */
export const MIN_LIST_ROWS = 3;

export interface StepFit {
  /** Screens of the step, each starting with the step's title. */
  pages: string[][];
  /** Rows the step's listing was given. */
  listRows: number;
  /** Lines of the title that start every page. */
  head: number;
}

/**
 * Lays a step out for `cols` × `room` lines (`firstTaken` of them already used on the first
 * screen). `render(n)` gives the step's blocks with a listing of at most n rows, its first
 * block the title. The longest listing, from `maxList` down to MIN_LIST_ROWS, with which the
 * whole step fits one screen is chosen; when none does, the step pages with its whole listing
 * (paging loses nothing, condensing would).
 * @example fitStep((n) => renderTourStep(step, 1, 6, 'en', { listRows: n }), { cols: 60, room: 17, maxList: 12 })
 */
export function fitStep(
  render: (listRows: number) => TourBlock[],
  o: { cols: number; room: number; maxList: number; firstTaken?: number; compact?: boolean },
): StepFit {
  const head = layoutBlocks(render(o.maxList).slice(0, 1), o.cols, o).split('\n').length - 1;
  const lay = (n: number) => pageLines(layoutBlocks(render(n), o.cols, o).replace(/\n$/, '').split('\n'), head, o.room, o.firstTaken ?? 0);
  const whole = lay(o.maxList);
  if (whole.length === 1) return { pages: whole, listRows: o.maxList, head };
  for (let n = o.maxList - 1; n >= MIN_LIST_ROWS; n--) {
    const pages = lay(n);
    if (pages.length === 1) return { pages, listRows: n, head };
  }
  return { pages: whole, listRows: o.maxList, head };
}
