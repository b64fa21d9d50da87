/* Notebook view: the simulator's report and the kernel's, side by side, line by line. */
import { say } from '../i18n/format';
import type { Lang, Localized } from '../i18n/lang';
import { compareReports } from '../scenario/compare';
import { keyLines } from '../scenario/key-lines';
import { comparableLines } from '../scenario/report';
import { escapeHtml, htmlCode, joinBundles, noteBundle, paint, tableBundle, type DisplayBundle } from './notebook-html';

const T = {
  sim: { en: 'simulation (overlay-lab engine)', 'pt-BR': 'simulação (motor overlay-lab)' },
  kernel: { en: 'kernel (real OverlayFS mount)', 'pt-BR': 'kernel (montagem OverlayFS real)' },
  same: { en: 'identical: {n, plural, one {# line agrees} other {# lines agree}}', 'pt-BR': 'idênticos: {n, plural, one {# linha concorda} other {# linhas concordam}}' },
  differ: {
    en: 'DIFFERENT: {n, plural, one {# of {total} lines disagrees (marked)} other {# of {total} lines disagree (marked)}}',
    'pt-BR': 'DIFERENTES: {n, plural, one {# de {total} linhas discorda (marcada)} other {# de {total} linhas discordam (marcadas)}}',
  },
  noKernel: { en: 'kernel not run here: {why}. The simulation alone:', 'pt-BR': 'kernel não executado aqui: {why}. Só a simulação:' },
};

export { compareReports, type ReportComparison } from '../scenario/compare';

/** Report lines wrap inside their column (hashes and xattrs are long): nothing runs off the page. */
const pre = (lines: string[], bad: Set<number>) =>
  `<pre style="margin:0;font-size:0.8em;white-space:pre-wrap;overflow-wrap:anywhere">${lines
    .map((l, i) => (bad.has(i) ? `<span style="background:${paint('diff')}">${escapeHtml(l)}</span>` : escapeHtml(l)))
    .join('\n')}</pre>`;

/**
 * One report as a column: side by side with the other where the page is wide enough (two
 * columns of at least 20em), one above the other on a phone. Flex, inline: outputs carry no stylesheet.
 */
const column = (title: string, lines: string[], bad: Set<number>) =>
  `<div style="flex:1 1 20em;min-width:0;border:1px solid ${paint('border')};padding:2px 8px"><div style="font-weight:bold">${escapeHtml(title)}</div>${pre(lines, bad)}</div>`;

/** A title or reason given in one language (as written) or in both. */
type Text = string | Localized;
const inLang = (t: Text, lang: Lang) => (typeof t === 'string' ? t : t[lang]);

/**
 * Both reports in two columns with a verdict; where the kernel could not run, the simulation
 * alone and why. Metadata: { kernel: 'ran' | 'unavailable', identical }.
 * @example display(sideBySideBundle({ en: 'copy-up', 'pt-BR': 'copy-up' }, formatReport(sim.report), formatReport(k.report), 'en'));
 */
export function sideBySideBundle(titleText: Text, simReport: string, kernelReport: string | { unavailable: Text }, lang: Lang): DisplayBundle {
  const title = inLang(titleText, lang);
  const head = `<div><b>${escapeHtml(title)}</b></div>`;
  if (typeof kernelReport !== 'string') {
    const u = kernelReport.unavailable;
    const why = say(T.noKernel, lang, { why: inLang(u, lang) });
    const sim = comparableLines(simReport);
    return {
      'text/html': `${head}<div>${escapeHtml(why)}</div>${pre(sim, new Set())}`,
      'text/plain': `${title}\n${why}\n${sim.join('\n')}\n`,
      meta: { kernel: 'unavailable', identical: false, source: 'simulated', because: inLang(u, 'en'), becausePt: inLang(u, 'pt-BR') },
    };
  }
  const c = compareReports(simReport, kernelReport);
  const bad = new Set(c.differ);
  const total = Math.max(c.sim.length, c.kernel.length);
  const verdict = c.identical ? say(T.same, lang, { n: total }) : say(T.differ, lang, { n: c.differ.length, total });
  const color = paint(c.identical ? 'okText' : 'badText');
  const html = [
    head,
    `<div style="color:${color};font-weight:bold">${c.identical ? '✔' : '✘'} ${escapeHtml(verdict)}</div>`,
    '<div style="display:flex;flex-wrap:wrap;gap:4px 8px">',
    column(say(T.sim, lang), c.sim, bad),
    column(say(T.kernel, lang), c.kernel, bad),
    '</div>',
  ].join('\n');
  const plain = [title, `${c.identical ? '✔' : '✘'} ${verdict}`];
  if (c.identical) plain.push(...c.sim.map((l) => `  ${l}`));
  else for (let i = 0; i < total; i++) plain.push(bad.has(i) ? `- ${c.sim[i] ?? ''}\n+ ${c.kernel[i] ?? ''}` : `  ${c.sim[i]}`);
  return { 'text/html': html, 'text/plain': plain.join('\n') + '\n', meta: { kernel: 'ran', identical: c.identical } };
}

const S = {
  head: { en: 'scenario|lines compared|simulation = kernel', 'pt-BR': 'cenário|linhas comparadas|simulação = kernel' },
  yes: { en: 'identical', 'pt-BR': 'idênticos' },
  no: { en: 'DIFFERENT', 'pt-BR': 'DIFERENTES' },
  notRun: { en: 'kernel not run', 'pt-BR': 'kernel não executado' },
  all: {
    en: '{same} of {n, plural, one {# scenario} other {# scenarios}} identical on the real kernel.',
    'pt-BR': '{same} de {n, plural, one {# cenário idêntico} other {# cenários idênticos}} no kernel real.',
  },
  allOn: {
    en: '{same} of {n, plural, one {# scenario} other {# scenarios}} identical on the real kernel, Linux {release}.',
    'pt-BR': '{same} de {n, plural, one {# cenário idêntico} other {# cenários idênticos}} no kernel real, Linux {release}.',
  },
};

/** One scenario's outcome for the summary. */
export interface KernelCheck {
  title: Text;
  sim: string;
  kernel: string | { unavailable: Text };
}

/**
 * A summary of several side-by-side checks: one row per scenario, and the count that agree;
 * given the kernel's release (`uname -r`, RunProvenance.kernel), the verdict names the kernel
 * the simulation was compared against. Metadata: { kernel: 'ran' | 'unavailable', identical, of, release }.
 * @example display(kernelSummaryBundle(checks, 'en', (await runProvenance()).kernel));
 */
export function kernelSummaryBundle(checks: KernelCheck[], lang: Lang, release?: string): DisplayBundle {
  const rows = checks.map((c) => {
    const title = inLang(c.title, lang);
    if (typeof c.kernel !== 'string') return [title, comparableLines(c.sim).length, say(S.notRun, lang)];
    const r = compareReports(c.sim, c.kernel);
    return [title, Math.max(r.sim.length, r.kernel.length), say(r.identical ? S.yes : S.no, lang)];
  });
  const ran = checks.filter((c) => typeof c.kernel === 'string');
  const same = ran.filter((c) => compareReports(c.sim, c.kernel as string).identical).length;
  const table = tableBundle(say(S.head, lang).split('|'), rows, { right: [1] });
  const verdictText = release && ran.length ? say(S.allOn, lang, { same, n: checks.length, release }) : say(S.all, lang, { same, n: checks.length });
  const verdict = noteBundle(verdictText, same === checks.length ? 'ok' : 'bad');
  return { ...joinBundles(table, verdict), meta: { kernel: ran.length ? 'ran' : 'unavailable', identical: same, of: checks.length, ...(release && ran.length ? { release } : {}) } };
}

const K = {
  lookFor: { en: 'What to look for', 'pt-BR': 'O que observar' },
  head: { en: 'line|kernel|engine|agree', 'pt-BR': 'linha|kernel|motor|concordam' },
  full: { en: 'The full reports, line by line', 'pt-BR': 'Os relatórios completos, linha a linha' },
  none: { en: '(no line)', 'pt-BR': '(sem linha)' },
  notRun: { en: '(not run)', 'pt-BR': '(não executado)' },
  yes: { en: 'yes', 'pt-BR': 'sim' },
  no: { en: 'NO', 'pt-BR': 'NÃO' },
};

/**
 * A scenario as a reader meets it: what to look for, in one sentence; a short table of the lines
 * that matter (each operation's result and the upper entry of each path it names, kernel beside
 * engine, agreeing or not); and the full side-by-side reports folded away in a <details>.
 * @example display(agreementBundle(title, lookFor, sim, kernel, 'pt-BR'));
 */
export function agreementBundle(titleText: Text, lookFor: Localized, simReport: string, kernelReport: string | { unavailable: Text }, lang: Lang): DisplayBundle {
  const full = sideBySideBundle(titleText, simReport, kernelReport, lang);
  const ran = typeof kernelReport === 'string';
  const lines = keyLines(simReport, ran ? kernelReport : undefined);
  const cell = (s: string | undefined, notRun = false) => htmlCode(notRun ? say(K.notRun, lang) : (s ?? say(K.none, lang)));
  const rows = lines.map((l) => [htmlCode(l.what), cell(l.kernel, !ran), cell(l.engine), ran ? say(l.agree ? K.yes : K.no, lang) : '—']);
  const table = tableBundle(say(K.head, lang).split('|'), rows, { rowClass: lines.map((l) => (ran && !l.agree ? 'differ' : undefined)) });
  const title = inLang(titleText, lang);
  const look = `${say(K.lookFor, lang)}: ${say(lookFor, lang)}`;
  return {
    'text/html': [
      `<div><b>${escapeHtml(title)}</b></div>`,
      `<div style="margin:2px 0 4px">🔎 ${escapeHtml(look)}</div>`,
      table['text/html'],
      `<details style="margin-top:4px"><summary>${escapeHtml(say(K.full, lang))}</summary>${full['text/html']}</details>`,
    ].join('\n'),
    'text/plain': `${title}\n${look}\n${table['text/plain']}${full['text/plain']}`,
    meta: full.meta,
  };
}
