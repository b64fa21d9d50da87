/* Pure: a predict-then-check exercise in a notebook: the question, then the verdict. Only markup;
   the check itself lives in src/course. */
import { say } from '../i18n/format';
import type { Lang, Localized } from '../i18n/lang';
import { judge, type AnyExercise } from '../course';
import { escapeHtml, paint, type DisplayBundle } from './notebook-html';

const T = {
  title: { 'pt-BR': 'Exercício: prever, depois conferir', en: 'Exercise: predict, then check' },
  how: {
    'pt-BR': 'Escreva sua previsão na célula seguinte, entre as aspas, e rode-a; a conferência vem depois do passo.',
    en: 'Write your prediction in the next cell, between the quotes, and run it; the check comes after the step.',
  },
  empty: { 'pt-BR': 'Ainda sem previsão: escreva uma na célula da previsão e rode esta célula de novo.', en: 'No prediction yet: write one in the prediction cell and run this cell again.' },
  unread: { 'pt-BR': 'Não deu para ler a previsão "{text}". {form}', en: 'Could not read the prediction "{text}". {form}' },
  right: { 'pt-BR': 'Acertou.', en: 'Right.' },
  wrong: { 'pt-BR': 'Não foi dessa vez: a previsão era "{text}".', en: 'Not this time: the prediction was "{text}".' },
  actual: { 'pt-BR': 'O que aconteceu', en: 'What happened' },
  why: { 'pt-BR': 'Por quê', en: 'Why' },
  noFacts: { 'pt-BR': 'Esta conferência precisa de um engine Docker ao vivo. A resposta: {answer}', en: 'This check needs a live Docker engine. The answer: {answer}' },
};

/**
 * Text with `code` spans as HTML (escaped).
 * @example inlineHtml('a `<b>`') // 'a <code>&lt;b&gt;</code>'
 */
export function inlineHtml(text: string): string {
  return escapeHtml(text).replace(/`([^`]+)`/g, '<code>$1</code>');
}

const box = (tone: 'infoBg' | 'okBg' | 'badBg' | 'warnBg', line: 'infoLine' | 'okLine' | 'badLine' | 'warnLine', body: string) =>
  `<div style="background:${paint(tone)};border-left:4px solid ${paint(line)};padding:6px 10px;margin:4px 0">${body}</div>`;

/**
 * The question, its form and how to answer, before the student's prediction cell.
 * @example display(questionBundle(runDirs, 'pt-BR'));
 */
export function questionBundle(ex: AnyExercise, lang: Lang): DisplayBundle {
  const q = say(ex.question, lang);
  const f = say(ex.form, lang);
  return {
    'text/html': box('infoBg', 'infoLine', `<strong>✍ ${escapeHtml(say(T.title, lang))}</strong><br/>${inlineHtml(q)}<br/><em>${inlineHtml(f)}</em><br/><small>${escapeHtml(say(T.how, lang))}</small>`),
    'text/plain': `✍ ${say(T.title, lang)}\n${q}\n${f}\n${say(T.how, lang)}\n`,
    meta: { exercise: ex.id, part: 'question' },
  };
}

/**
 * The verdict on a prediction: right or wrong, what happened and why, in the notebook's language.
 * Facts undefined (a live check without an engine) give the general answer instead.
 * @example display(verdictBundle(rmPasswdUpper, 'a whiteout', rmPasswdUpper.model(), 'en'));
 */
export function verdictBundle(ex: AnyExercise, prediction: string, facts: unknown, lang: Lang): DisplayBundle {
  // The facts travel with every verdict: the site's exercise box checks a visitor's prediction against them.
  const meta = { exercise: ex.id, part: 'verdict', ...(facts === undefined ? {} : { facts: JSON.stringify(facts) }) };
  const note = (tone: 'info' | 'warn', text: string): DisplayBundle => ({
    'text/html': box(`${tone}Bg`, `${tone}Line`, inlineHtml(text)),
    'text/plain': `${tone === 'warn' ? '⚠' : 'ℹ'} ${text}\n`,
    meta,
  });
  if (facts === undefined) return note('info', say(T.noFacts, lang, { answer: say(ex.answer, lang) }));
  const j = judge(ex, prediction, facts, lang);
  if (j.state !== 'judged') {
    // Without a prediction to judge, an exercise that can reveal still says what happened and why.
    const text = j.state === 'empty' ? say(T.empty, lang) : say(T.unread, lang, { text: j.text, form: say(ex.form, lang) });
    return note('warn', j.revealed ? `${text} ${say(T.actual, lang)}: ${j.revealed.actual} ${say(T.why, lang)}: ${j.revealed.why}` : text);
  }
  const v = j.verdict;
  const head = v.correct ? say(T.right, lang) : say(T.wrong as Localized, lang, { text: j.text });
  const [tone, line] = v.correct ? (['okBg', 'okLine'] as const) : (['badBg', 'badLine'] as const);
  return {
    'text/html': box(tone, line, `<strong>${v.correct ? '✔' : '✘'} ${escapeHtml(head)}</strong><br/><strong>${escapeHtml(say(T.actual, lang))}:</strong> ${inlineHtml(v.actual)}<br/><strong>${escapeHtml(say(T.why, lang))}:</strong> ${inlineHtml(v.why)}`),
    'text/plain': `${v.correct ? '✔' : '✘'} ${head}\n${say(T.actual, lang)}: ${v.actual}\n${say(T.why, lang)}: ${v.why}\n`,
    meta: { ...meta, correct: v.correct },
  };
}
