/* Pure (no Node imports): the one way numbers, sizes, percentages, plurals and placeholders are written. */
import type { Lang, Localized } from './lang';

/**
 * Values a template can name. Numbers are written for the language (4.095 in pt-BR, 4,095 in
 * en); a Localized value gives its text in the template's language.
 */
export type Params = Record<string, string | number | Localized>;

const numberFormats = new Map<string, Intl.NumberFormat>();

/** Intl.NumberFormat is slow to build and a table formats thousands of cells: one per language and precision. */
function numberFormat(lang: Lang, min: number, max: number): Intl.NumberFormat {
  const key = `${lang}|${min}|${max}`;
  let f = numberFormats.get(key);
  if (!f) numberFormats.set(key, (f = new Intl.NumberFormat(lang, { minimumFractionDigits: min, maximumFractionDigits: max })));
  return f;
}

/**
 * A number for people: the language's decimal mark and digit grouping.
 * `digits` fixes the decimals (keeps trailing zeros); without it up to 3 decimals are shown.
 * @example formatNumber(1234.5, 'pt-BR') // '1.234,5'
 * @example formatNumber(10, 'en', 1) // '10.0'
 */
export function formatNumber(n: number, lang: Lang, digits?: number): string {
  return digits === undefined ? numberFormat(lang, 0, 3).format(n) : numberFormat(lang, digits, digits).format(n);
}

const BYTE_UNITS = ['kB', 'MB', 'GB', 'TB'];

/**
 * Bytes in SI units as `docker images` writes them (1 kB = 1000 B): three significant digits
 * from 1 kB on, the decimal mark of the language.
 * @example formatBytes(77_900_000, 'pt-BR') // '77,9 MB'
 * @example formatBytes(1984172, 'en') // '1.98 MB'
 */
export function formatBytes(n: number | undefined, lang: Lang): string {
  if (n === undefined || Number.isNaN(n)) return '-';
  if (n < 1000) return `${formatNumber(n, lang)} B`;
  let v = n;
  let u = -1;
  while (v >= 1000 && u < BYTE_UNITS.length - 1) {
    v /= 1000;
    u++;
  }
  return `${formatNumber(v, lang, v >= 100 ? 0 : v >= 10 ? 1 : 2)} ${BYTE_UNITS[u]}`;
}

/**
 * A fraction as a percentage with one decimal. pt-BR puts a space before % (the SI and ABNT
 * usage: "10,5 %"); English does not ("10.5%").
 * @example formatPercent(0.105, 'pt-BR') // '10,5 %'
 */
export function formatPercent(ratio: number, lang: Lang, digits = 1): string {
  const n = formatNumber(ratio * 100, lang, digits);
  return lang === 'pt-BR' ? `${n} %` : `${n}%`;
}

/**
 * The forms of a counted word. `one` and `other` are Intl.PluralRules' categories (pt-BR's `one`
 * covers 0 and 1; `many` is "1 milhão de …", which falls back to `other`); `zero` is an exact 0,
 * for "nenhum órfão" where a 0 reads badly. `#` stands for the number.
 */
export interface PluralForms {
  one: string;
  other: string;
  many?: string;
  zero?: string;
}

const pluralRules = new Map<Lang, Intl.PluralRules>();

/**
 * The form that agrees with a count, with `#` replaced by the count written for the language.
 * @example plural(1, 'pt-BR', { one: '# órfão', other: '# órfãos' }) // '1 órfão'
 * @example plural(2, 'en', { one: '# orphan', other: '# orphans' }) // '2 orphans'
 */
export function plural(n: number, lang: Lang, forms: PluralForms): string {
  return pickForm(n, lang, forms).replace(/#/g, formatNumber(n, lang));
}

function pickForm(n: number, lang: Lang, forms: PluralForms): string {
  if (n === 0 && forms.zero !== undefined) return forms.zero;
  let rules = pluralRules.get(lang);
  if (!rules) pluralRules.set(lang, (rules = new Intl.PluralRules(lang)));
  const category = rules.select(n);
  return (category === 'one' || category === 'many' ? forms[category] : undefined) ?? forms.other;
}

/** A template that names a value nobody passed: a bug of the caller, never shown to a reader as "{n}". */
export class MissingParamError extends Error {
  constructor(readonly key: string, readonly template: string) {
    super(`no value for {${key}} in "${template}"`);
    this.name = 'MissingParamError';
  }
}

/** Index of the brace that closes the one at `open`, or -1. */
function closing(s: string, open: number): number {
  let depth = 0;
  for (let i = open; i < s.length; i++) {
    if (s[i] === '{') depth++;
    else if (s[i] === '}' && --depth === 0) return i;
  }
  return -1;
}

const CASE = /^\s*(=0|zero|one|many|other)\s*\{/;

/** The branches of `{n, plural, one {…} other {…}}` (ICU MessageFormat's plural, `=0` as `zero`). */
function pluralCases(body: string, template: string): PluralForms {
  const forms: Partial<PluralForms> = {};
  let rest = body;
  while (rest.trim()) {
    const m = CASE.exec(rest);
    const end = m ? closing(rest, m[0].length - 1) : -1;
    if (!m || end < 0) throw new Error(`bad plural in "${template}": expected one {…} other {…}, got "${rest.trim()}"`);
    forms[m[1] === '=0' ? 'zero' : (m[1] as keyof PluralForms)] = rest.slice(m[0].length, end);
    rest = rest.slice(end + 1);
  }
  if (forms.one === undefined || forms.other === undefined) throw new Error(`bad plural in "${template}": one {…} and other {…} are both needed`);
  return forms as PluralForms;
}

// `${NAME}` is shell, not a placeholder.
const PLACEHOLDER = /(?<!\$)\{(\w+)(\}|\s*,\s*plural\s*,)/;

/**
 * The keys a template names, each once, sorted: `{key}` and `{key, plural, …}` with the keys
 * inside its branches.
 * @example placeholderNames('{n, plural, one {# of {total}} other {# of {total}}} in {path}') // ['n', 'path', 'total']
 */
export function placeholderNames(template: string): string[] {
  return [...new Set([...template.matchAll(new RegExp(PLACEHOLDER.source, 'g'))].map((m) => m[1]))].sort();
}

/**
 * Fills `{key}` placeholders and ICU plurals `{key, plural, one {# camada} other {# camadas}}`
 * (`#` is the count; `=0 {…}` an exact zero). Numbers are written for the language. A key with
 * no value throws MissingParamError: a reader never sees a bare placeholder. A brace that does
 * not open a placeholder, and shell's `${NAME}`, are kept as text.
 * @example fill('{n, plural, one {# órfão} other {# órfãos}} em {path}', { n: 2, path: 'l/' }, 'pt-BR') // '2 órfãos em l/'
 */
export function fill(template: string, params: Params, lang: Lang): string {
  const re = new RegExp(PLACEHOLDER.source, 'g');
  let out = '';
  let last = 0;
  for (let m = re.exec(template); m; m = re.exec(template)) {
    const key = m[1];
    const value = params[key];
    if (value === undefined) throw new MissingParamError(key, template);
    out += template.slice(last, m.index);
    if (m[2] === '}') {
      out += typeof value === 'number' ? formatNumber(value, lang) : typeof value === 'string' ? value : value[lang];
      last = re.lastIndex;
      continue;
    }
    const end = closing(template, m.index);
    if (end < 0) throw new Error(`unclosed plural in "${template}"`);
    if (typeof value !== 'number') throw new Error(`{${key}, plural, …} needs a number, got ${JSON.stringify(value)} in "${template}"`);
    const form = pickForm(value, lang, pluralCases(template.slice(re.lastIndex, end), template));
    out += fill(form.replace(/#/g, formatNumber(value, lang)), params, lang);
    last = re.lastIndex = end + 1;
  }
  return out + template.slice(last);
}

/**
 * The text of a localized string in a language, with placeholders filled.
 * @example say({ en: '{n, plural, one {# layer} other {# layers}}', 'pt-BR': '…' }, 'en', { n: 1 }) // '1 layer'
 */
export function say(text: Localized, lang: Lang, params: Params = {}): string {
  return fill(text[lang], params, lang);
}

/**
 * Both languages filled, for a message that is kept and shown later in either.
 * @example localize({ en: 'kept: {name}', 'pt-BR': 'mantida: {name}' }, { name: 'app' }).en // 'kept: app'
 */
export function localize(text: Localized, params: Params): Localized {
  return { en: say(text, 'en', params), 'pt-BR': say(text, 'pt-BR', params) };
}
