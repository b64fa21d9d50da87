import type { Lang, Localized } from '../i18n/lang';

/** Where a command writes, and in which language. Passed in so tests can capture it. */
export interface CliContext {
  lang: Lang;
  out: (text: string) => void;
  err: (text: string) => void;
  env: Record<string, string | undefined>;
  /** Standard input, read whole (for `-` as a file name). */
  readStdin: () => Promise<string>;
  /** Whether standard output is a terminal a person is looking at. */
  isTTY: boolean;
}

/** One `overlay-lab` subcommand, in its own file under commands/. */
export interface Command {
  name: string;
  /** One line for `overlay-lab --help`. */
  summary: Localized;
  /** Usage lines, shown on `overlay-lab NAME --help` and on a usage error (in the user's language when given in both). */
  usage: string | Localized;
  /** Returns the exit status. Throws OverlayLabError for a person-facing failure. */
  run(args: string[], ctx: CliContext): Promise<number>;
}
