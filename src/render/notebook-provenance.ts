/* Pure view: where a run's outputs came from, as the first output of every notebook and atop every lab page. */
import type { RunProvenance } from '../docker/engine/provenance';
import { say } from '../i18n/format';
import type { Lang } from '../i18n/lang';
import { escapeHtml, paint, type DisplayBundle } from './notebook-html';
import type { NotebookProvenance, SimulatedCell } from './notebook-record';

const T = {
  title: { en: 'Where these outputs come from', 'pt-BR': 'De onde vêm estas saídas' },
  date: { en: 'run on', 'pt-BR': 'execução em' },
  engine: { en: 'Docker engine', 'pt-BR': 'engine Docker' },
  engineLine: { en: '{version} (API {api}), storage driver {driver}', 'pt-BR': '{version} (API {api}), driver de armazenamento {driver}' },
  containerd: { en: ' on the containerd image store ({type})', 'pt-BR': ' no armazenamento de imagens do containerd ({type})' },
  noEngine: { en: 'none answered: {why}', 'pt-BR': 'nenhum respondeu: {why}' },
  kernel: { en: 'Linux kernel', 'pt-BR': 'kernel Linux' },
  arch: { en: 'architecture', 'pt-BR': 'arquitetura' },
  run: { en: 'run', 'pt-BR': 'execução' },
  // Live means no output came from the simulated host; a notebook that only runs the model is live too.
  live: { en: 'live (no output comes from the simulated host)', 'pt-BR': 'ao vivo (nenhuma saída vem do host simulado)' },
  simulatedOne: { en: 'simulated (cell {list} fell back to the simulated host)', 'pt-BR': 'simulada (a célula {list} caiu no host simulado)' },
  simulatedMany: { en: 'simulated (cells {list} fell back to the simulated host)', 'pt-BR': 'simulada (as células {list} caíram no host simulado)' },
  cell: { en: 'cell {list}', 'pt-BR': 'célula {list}' },
  cells: { en: 'cells {list}', 'pt-BR': 'células {list}' },
};

/** What a lab page says when its executed copy carries no provenance record. */
export const PROVENANCE_UNKNOWN = {
  title: { en: 'Provenance unknown', 'pt-BR': 'Procedência desconhecida' },
  text: {
    en: 'This copy of the notebook was executed before runs recorded where their outputs came from: the Docker engine, the kernel and the date of these outputs are not known, nor whether they were live. Run `npm run notebooks` to replace it.',
    'pt-BR': 'Esta cópia do notebook foi executada antes de as execuções registrarem de onde vêm as saídas: não se sabe o engine Docker, o kernel nem a data destas saídas, nem se foram ao vivo. Rode `npm run notebooks` para substituí-la.',
  },
  // When its outputs themselves say they came from the simulated host, that much is known.
  textSimulated: {
    en: 'This copy of the notebook was executed before runs recorded where their outputs came from: the Docker engine, the kernel and the date of these outputs are not known. Run `npm run notebooks` to replace it.',
    'pt-BR': 'Esta cópia do notebook foi executada antes de as execuções registrarem de onde vêm as saídas: não se sabe o engine Docker, o kernel nem a data destas saídas. Rode `npm run notebooks` para substituí-la.',
  },
};

/** Banner text of a run published with simulated cells (the notebook runner and the site use it). */
export const SIMULATED_RUN = {
  en: 'SIMULATED RUN: some outputs below come from the built-in simulated host, not from a real Docker engine ({cells}). Run `npm run notebooks` with dockerd running to replace them with live outputs.',
  'pt-BR': 'EXECUÇÃO SIMULADA: algumas saídas abaixo vêm do host simulado embutido, não de um engine Docker de verdade ({cells}). Rode `npm run notebooks` com o dockerd no ar para trocá-las por saídas ao vivo.',
};

/**
 * "cell 3" or "cells 3, 5": the cells a simulated run fell back in.
 * @example cellList([3, 5], 'pt-BR') // 'células 3, 5'
 */
export function cellList(cells: number[], lang: Lang): string {
  return say(cells.length === 1 ? T.cell : T.cells, lang, { list: cells.join(', ') });
}

/**
 * The "simulated run" banner text of a run whose cells fell back to the simulated host.
 * @example simulatedRunText([3], 'en') // 'SIMULATED RUN: some outputs below come from ... (cell 3). ...'
 */
export function simulatedRunText(cells: number[], lang: Lang): string {
  return say(SIMULATED_RUN, lang, { cells: cellList(cells, lang) });
}

/**
 * The lines of a provenance record, label and value, in a language; with a notebook's record
 * (live or not), a last line says whether the run was live or in which cells it was simulated.
 */
export function provenanceLines(p: RunProvenance | NotebookProvenance, lang: Lang): [string, string][] {
  const engine = p.docker
    ? say(T.engineLine, lang, { version: p.docker.version, api: p.docker.apiVersion, driver: p.docker.storageDriver }) +
      (p.docker.driverType ? say(T.containerd, lang, { type: p.docker.driverType }) : '')
    : say(T.noEngine, lang, { why: p.noEngine?.[lang] ?? '?' });
  return [
    [say(T.date, lang), p.date.replace('T', ' ').replace('Z', ' UTC')],
    [say(T.engine, lang), engine],
    [say(T.kernel, lang), p.kernel],
    [say(T.arch, lang), p.arch],
    ...('live' in p ? [[say(T.run, lang), runState(p, lang)] as [string, string]] : []),
  ];
}

function runState(p: NotebookProvenance, lang: Lang): string {
  if (p.live) return say(T.live, lang);
  const cells = p.simulatedCells.map((c) => c.cell);
  return say(cells.length === 1 ? T.simulatedOne : T.simulatedMany, lang, { list: cells.join(', ') });
}

/** What a lab page shows of its run, every text in the page's language (website/src/components/Provenance draws it). */
export interface ProvenanceView {
  /** live: a recorded run with no simulated cell; simulated: a recorded run with some; unknown: no record. */
  state: 'live' | 'simulated' | 'unknown';
  title: string;
  /** Label and value of each fact of the record (empty when unknown). */
  lines: [string, string][];
  /** Why nothing is known, when there is no record. */
  unknown?: string;
  /** The "simulated run" banner, when any output came from the simulated host. */
  banner?: string;
}

/**
 * A page's view of its run: the record's lines, the banner when cells were simulated (by the
 * record, or by the outputs of a copy without one), or "provenance unknown".
 * @example provenanceView(null, [], 'en').title // 'Provenance unknown'
 */
export function provenanceView(record: NotebookProvenance | null, simulated: SimulatedCell[], lang: Lang): ProvenanceView {
  const cells = (record ? record.simulatedCells : simulated).map((c) => c.cell);
  const banner = cells.length ? simulatedRunText(cells, lang) : undefined;
  if (!record) return { state: 'unknown', title: say(PROVENANCE_UNKNOWN.title, lang), lines: [], unknown: say(banner ? PROVENANCE_UNKNOWN.textSimulated : PROVENANCE_UNKNOWN.text, lang), banner };
  return { state: record.live ? 'live' : 'simulated', title: say(T.title, lang), lines: provenanceLines(record, lang), banner };
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
    `<div style="border-left:4px solid ${paint('rule')};padding:2px 10px;font-size:0.9em"><strong>${escapeHtml(title)}</strong><br>` +
    lines.map(([k, v]) => `${escapeHtml(k)}: <code>${escapeHtml(v)}</code>`).join('<br>') +
    '</div>';
  return {
    'text/plain': `${title}\n${lines.map(([k, v]) => `  ${k}: ${v}`).join('\n')}\n`,
    'text/html': html,
    meta: { provenance: JSON.stringify(p) },
  };
}
