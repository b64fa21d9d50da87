/* Pure: the term sheet as the glossary page's list, one Markdown (MDX) line per term. */
import { fill } from '../i18n/format';
import type { Lang } from '../i18n/lang';
import { TERMS, type Term } from '../i18n/terms';
import { FACTS } from '../union/limits';

const SEE: Record<Lang, string> = { 'pt-BR': 'Ver', en: 'See' };

/** Each stated limit as the page's <Fact/> component, which prints the library's value for the page's locale. */
const FACT_TAGS = Object.fromEntries(Object.keys(FACTS).map((name) => [name, `<Fact name="${name}"/>`]));

/**
 * One glossary line: the word (in pt-BR with the English word beside it when they differ), the
 * definition, its figures as `<Fact/>` components (a limit the library does not state throws),
 * and a link to the concepts page when the term has a section there.
 * @example glossaryLine(TERMS.opaque, 'pt-BR') // '- **diretório opaco (opaque directory)**: Um diretório com … Ver [diretório opaco](./concepts.mdx#opaque).'
 * @example glossaryLine(TERMS.cacheId, 'en') // '- **cache ID**: The random … content. It has <Fact name="cacheIdHex"/> hexadecimal digits.'
 */
export function glossaryLine(term: Term, lang: Lang): string {
  const t = term[lang];
  const word = lang === 'pt-BR' && t.word !== term.en.word ? `${t.word} (${term.en.word})` : t.word;
  const figures = t.figures ? ` ${fill(t.figures, FACT_TAGS, lang)}` : '';
  const see = term.concept ? ` ${SEE[lang]} [${t.word}](./concepts.mdx#${term.concept}).` : '';
  return `- **${word}**: ${t.definition}${figures}${see}`;
}

/**
 * The glossary's list in a language: every term of the sheet, in the sheet's order.
 * @example glossaryLines('en')[0] // '- **layer**: A file tree holding only what changed …'
 */
export function glossaryLines(lang: Lang): string[] {
  return Object.values(TERMS).map((t) => glossaryLine(t, lang));
}
