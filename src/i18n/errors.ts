import { say, type Params } from './format';
import type { Lang, Localized } from './lang';

/**
 * An error meant for a person: a stable code, data for scripts, a message and a hint in
 * both languages, and the exit status the CLI should end with.
 */
export class OverlayLabError extends Error {
  constructor(
    readonly code: string,
    readonly text: Localized,
    readonly params: Params = {},
    readonly hint?: Localized,
    readonly exitCode = 2,
  ) {
    super(say(text, 'en', params));
    this.name = 'OverlayLabError';
  }

  /** One line: the message, then the hint, in the user's language. */
  render(lang: Lang): string {
    const hint = this.hint ? ` ${say(this.hint, lang, this.params)}` : '';
    return `${say(this.text, lang, this.params)}${hint}`;
  }

  toJSON() {
    return { code: this.code, message: this.message, data: this.params };
  }
}
