/*
 * What an executed notebook says of its own run: the provenance block its first code cell
 * displayed (provenanceBundle), the cells whose outputs came from the simulated host, and the
 * record the notebook runner stamped into metadata["overlay-lab"].provenance. The runner decides
 * with it whether a copy may be published; the site generator, what a lab page says above the outputs.
 */
import type { RunProvenance } from '../docker/engine/provenance';
import type { Lang } from '../i18n/lang';
import { NOTEBOOK_META_KEY as KEY } from './notebook-html';

/** A cell whose output came from the simulated host (or the model alone where the kernel could not run). */
export interface SimulatedCell {
  /** 1-based, as a person counts the cells of the notebook (the runner's banner cell not counted). */
  cell: number;
  reason: string;
}

/** The provenance record stored in an executed notebook's metadata (`metadata["overlay-lab"].provenance`). */
export type NotebookProvenance = RunProvenance & { live: boolean; simulatedCells: SimulatedCell[] };

type Facts = Record<string, unknown>;
/** The parts of an executed notebook read here (nbformat 4). */
export interface ExecutedNotebookLike {
  cells: { cell_type: string; metadata?: unknown; outputs?: { metadata?: unknown }[] }[];
  metadata?: unknown;
}

const facts = (m: unknown): Facts | undefined => {
  const f = m && typeof m === 'object' ? (m as Record<string, unknown>)[KEY] : undefined;
  return f && typeof f === 'object' ? (f as Facts) : undefined;
};

/** The output that is the provenance block of the run (it carries the record as JSON). */
export const isProvenanceOutput = (o: { metadata?: unknown }): boolean => typeof facts(o.metadata)?.provenance === 'string';

/** The "simulated run" banner cell the runner puts first in a copy published with --allow-simulated. */
export const isSimulatedBanner = (c: { cell_type: string; metadata?: unknown }): boolean => c.cell_type === 'markdown' && facts(c.metadata)?.banner === 'simulated';

/** The notebook's cells as a person counts them: the runner's banner cell is not one of them. */
function counted<C extends ExecutedNotebookLike['cells'][number]>(cells: C[]): C[] {
  return cells.filter((c) => !isSimulatedBanner(c));
}

/**
 * Every cell an output of which says it came from the simulated host, with the reason the output gave.
 * @example simulatedCells(nb, 'en') // [{ cell: 3, reason: 'no Docker engine at /var/run/docker.sock (ECONNREFUSED)' }]
 */
export function simulatedCells(nb: ExecutedNotebookLike, lang: Lang): SimulatedCell[] {
  const out: SimulatedCell[] = [];
  counted(nb.cells).forEach((c, i) => {
    for (const o of c.outputs ?? []) {
      const m = facts(o.metadata);
      if (m?.source !== 'simulated' || out.some((s) => s.cell === i + 1)) continue;
      const reason = String((lang === 'pt-BR' ? m.becausePt : undefined) ?? m.because ?? (lang === 'pt-BR' ? 'pedido explícito do host simulado' : 'the simulated host was asked for'));
      out.push({ cell: i + 1, reason });
    }
  });
  return out;
}

/**
 * What the outputs say of the run: the record the provenance block carries, live when no cell
 * fell back to the simulated host. Undefined when no output carries a record.
 */
export function notebookProvenance(nb: ExecutedNotebookLike, lang: Lang): NotebookProvenance | undefined {
  let record: RunProvenance | undefined;
  for (const c of nb.cells) for (const o of c.outputs ?? []) if (isProvenanceOutput(o)) record = JSON.parse(facts(o.metadata)!.provenance as string) as RunProvenance;
  if (!record) return undefined;
  const cells = simulatedCells(nb, lang);
  return { ...record, live: cells.length === 0, simulatedCells: cells };
}

/**
 * The record the runner stamped into the notebook's metadata, checked for the fields a page
 * shows; undefined when there is none (a copy executed before runs recorded it). Throws on a
 * malformed record.
 */
export function stampedProvenance(nb: ExecutedNotebookLike): NotebookProvenance | undefined {
  const p = facts(nb.metadata)?.provenance as Partial<NotebookProvenance> | undefined;
  if (p === undefined) return undefined;
  const str = (k: 'date' | 'kernel' | 'arch') => typeof p?.[k] === 'string';
  if (!p || !str('date') || !str('kernel') || !str('arch') || typeof p.live !== 'boolean' || !Array.isArray(p.simulatedCells) || (p.docker !== null && typeof p.docker !== 'object')) {
    throw new Error('metadata["overlay-lab"].provenance is malformed (date, kernel, arch, docker, live and simulatedCells are needed)');
  }
  return p as NotebookProvenance;
}
