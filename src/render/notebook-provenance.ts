/* Pure view: where a run's outputs came from, as the first output of every notebook. */
import type { RunProvenance } from '../docker/provenance';
import { say } from '../i18n/format';
import type { Lang } from '../i18n/lang';
import { escapeHtml, type DisplayBundle } from './notebook-html';

const T = {
  title: { en: 'Where these outputs come from', 'pt-BR': 'De onde vêm estas saídas' },
  date: { en: 'run on', 'pt-BR': 'execução em' },
  engine: { en: 'Docker engine', 'pt-BR': 'engine Docker' },
  engineLine: { en: '{version} (API {api}), storage driver {driver}', 'pt-BR': '{version} (API {api}), driver de armazenamento {driver}' },
  containerd: { en: ' on the containerd image store ({type})', 'pt-BR': ' no armazenamento de imagens do containerd ({type})' },
  noEngine: { en: 'none answered: {why}', 'pt-BR': 'nenhum respondeu: {why}' },
  kernel: { en: 'Linux kernel', 'pt-BR': 'kernel Linux' },
  arch: { en: 'architecture', 'pt-BR': 'arquitetura' },
};

/** Banner text of a run published with simulated cells (the notebook runner and the site use it). */
export const SIMULATED_RUN = {
  en: 'SIMULATED RUN: some outputs below come from the built-in simulated host, not from a real Docker engine ({cells}). Run `npm run notebooks` with dockerd running to replace them with live outputs.',
  'pt-BR': 'EXECUÇÃO SIMULADA: algumas saídas abaixo vêm do host simulado embutido, não de um engine Docker de verdade ({cells}). Rode `npm run notebooks` com o dockerd no ar para trocá-las por saídas ao vivo.',
};

/** The lines of a provenance record, label and value, in a language. */
export function provenanceLines(p: RunProvenance, lang: Lang): [string, string][] {
  const engine = p.docker
    ? say(T.engineLine, lang, { version: p.docker.version, api: p.docker.apiVersion, driver: p.docker.storageDriver }) +
      (p.docker.driverType ? say(T.containerd, lang, { type: p.docker.driverType }) : '')
    : say(T.noEngine, lang, { why: p.noEngine?.[lang] ?? '?' });
  return [
    [say(T.date, lang), p.date.replace('T', ' ').replace('Z', ' UTC')],
    [say(T.engine, lang), engine],
    [say(T.kernel, lang), p.kernel],
    [say(T.arch, lang), p.arch],
  ];
}

/**
 * The provenance block; its metadata carries the record (flattened) for the notebook runner,
 * which copies it into the executed notebook's metadata.
 * @example display(provenanceBundle(await runProvenance(), 'pt-BR'));
 */
export function provenanceBundle(p: RunProvenance, lang: Lang): DisplayBundle {
  const lines = provenanceLines(p, lang);
  const title = say(T.title, lang);
  const html =
    `<div style="border-left:4px solid #64748b;padding:2px 10px;font-size:0.9em"><strong>${escapeHtml(title)}</strong><br>` +
    lines.map(([k, v]) => `${escapeHtml(k)}: <code>${escapeHtml(v)}</code>`).join('<br>') +
    '</div>';
  return {
    'text/plain': `${title}\n${lines.map(([k, v]) => `  ${k}: ${v}`).join('\n')}\n`,
    'text/html': html,
    meta: { provenance: JSON.stringify(p) },
  };
}
