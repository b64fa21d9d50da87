/* Pure: the term sheet as the glossary page's list, one Markdown line per term. */
import type { Lang } from '../i18n/lang';
import { TERMS, type Term } from '../i18n/terms';

const SEE: Record<Lang, string> = { 'pt-BR': 'Ver', en: 'See' };

/**
 * One glossary line: the word (in pt-BR with the English word beside it when they differ), the
 * definition, and a link to the concepts page when the term has a section there.
 * @example glossaryLine(TERMS.opaque, 'pt-BR') // '- **diretório opaco (opaque directory)**: Um diretório com … Ver [diretório opaco](./concepts.mdx#opaque).'
 */
export function glossaryLine(term: Term, lang: Lang): string {
  const t = term[lang];
  const word = lang === 'pt-BR' && t.word !== term.en.word ? `${t.word} (${term.en.word})` : t.word;
  const see = term.concept ? ` ${SEE[lang]} [${t.word}](./concepts.mdx#${term.concept}).` : '';
  return `- **${word}**: ${t.definition}${see}`;
}

/**
 * The glossary's list in a language: every term of the sheet, in the sheet's order.
 * @example glossaryLines('en')[0] // '- **layer**: A file tree holding only what changed …'
 */
export function glossaryLines(lang: Lang): string[] {
  return Object.values(TERMS).map((t) => glossaryLine(t, lang));
}
