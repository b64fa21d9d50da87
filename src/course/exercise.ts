/* Pure (no Node imports): exercises run in notebooks (live engine or model) and on the site (model). */
import type { Lang, Localized } from '../i18n/lang';

/**
 * A "predict, then check" exercise: the student writes a prediction, then the lesson shows
 * what the engine or the model did and says why the prediction was right or wrong.
 * `P` is the prediction's shape (a number, a path, a list of roles...); `F` the facts the
 * check compares it with, taken from a live run or from the union model, never hard-coded.
 */
export interface Exercise<P, F> {
  /** Stable id, `<lesson>/<short-name>`, e.g. `container-lifecycle/create-dirs`. */
  id: string;
  /** The lesson (notebook base name without number, e.g. `container-lifecycle`). */
  lesson: string;
  question: Localized;
  /** How to write the prediction (its form), shown under the question. */
  form: Localized;
  /** The answer in general terms, for the instructor's answer sheet (holds on any host). */
  answer: Localized;
  /** Reads what the student typed; undefined when it cannot be read (then `form` is repeated). */
  parse(text: string): P | undefined;
  check(prediction: P, facts: F, lang: Lang): Verdict;
  /** What happened and why, for a prediction left empty or unreadable (the student still learns). */
  reveal?(facts: F, lang: Lang): Omit<Verdict, 'correct'>;
}

export interface Verdict {
  correct: boolean;
  /** What actually happened, in the student's language. */
  actual: string;
  /** Why: the rule of OverlayFS or Docker that decides it. */
  why: string;
}

/** What became of a prediction: empty, unreadable, or judged (with what happened and why when the exercise can say). */
export type Judgement =
  | { state: 'empty' | 'unread'; text: string; revealed?: Omit<Verdict, 'correct'> }
  | { state: 'judged'; text: string; verdict: Verdict };

/**
 * Reads a prediction and checks it against the facts: the one place a prediction is judged,
 * for the notebooks' verdicts and the site's box alike.
 * @example judge(ex, '', facts, 'en').state // 'empty'
 */
export function judge<P, F>(ex: Exercise<P, F>, prediction: string, facts: F, lang: Lang): Judgement {
  const text = prediction.trim();
  if (!text) return { state: 'empty', text, revealed: ex.reveal?.(facts, lang) };
  const p = ex.parse(prediction);
  if (p === undefined) return { state: 'unread', text, revealed: ex.reveal?.(facts, lang) };
  return { state: 'judged', text, verdict: ex.check(p, facts, lang) };
}
