/* Pure: terminal views of a union lab (steps, layers, merged view). */
import type { Lang } from '../i18n/lang';
import type { LabStep, StackView } from '../scenario/lab';
import { narrate } from '../union/events';
import { errnoWords } from '../union/errno';
import { errnoOf, resultText } from '../scenario/report';
import { renderTable } from './table';

const oct = (m: number) => m.toString(8).padStart(4, '0');

/** One step: the command, its result (an errno in the user's words) and what the mount did. */
export function renderStep(step: LabStep, lang: Lang): string {
  const r = step.result;
  const errno = errnoOf(r);
  const words = errno === undefined ? undefined : errnoWords(errno, lang);
  const result = errno === undefined ? resultText(r) : `${errno}${words ? ` (${words})` : ''}`;
  const lines = [`$ ${step.op.text}   → ${result}`];
  for (const e of step.events) lines.push(`    · ${narrate(e, lang)}`);
  return lines.join('\n') + '\n';
}

function mark(e: StackView['lowers'][number]['entries'][number], lang: Lang): string {
  const pt = lang === 'pt-BR';
  const out: string[] = [];
  if (e.whiteout) out.push(pt ? 'whiteout (apagado)' : 'whiteout (deleted)');
  if (e.opaque === 'y') out.push(pt ? 'opaco' : 'opaque');
  if (e.opaque === 'x') out.push(pt ? 'tem whiteouts por xattr' : 'holds xattr whiteouts');
  if (e.redirect) out.push(`redirect=${e.redirect}`);
  if (e.metacopy) out.push(pt ? 'metacopy (dados embaixo)' : 'metacopy (data below)');
  if (e.origin) out.push('origin');
  return out.join(', ');
}

/** One layer as a table: path, type, mode, size and the overlay's marks. */
export function renderLayer(layer: StackView['lowers'][number], lang: Lang): string {
  const pt = lang === 'pt-BR';
  if (layer.entries.length === 0) return `${layer.name}: ${pt ? '(vazia)' : '(empty)'}\n`;
  const rows = layer.entries.map((e) => [
    `/${e.path}${e.type === 'd' ? '/' : ''}${e.target !== undefined ? ` -> ${e.target}` : ''}`,
    e.whiteout ? 'c 0:0' : e.type,
    e.whiteout ? '' : oct(e.mode),
    e.type === 'f' && !e.whiteout ? String(e.size) : '',
    mark(e, lang),
  ]);
  return `${layer.name}\n${renderTable(pt ? ['caminho', 'tipo', 'modo', 'bytes', 'marcas'] : ['path', 'type', 'mode', 'bytes', 'marks'], rows, { rule: true })}`;
}

/** The merged view, each entry with the layer that serves it. */
export function renderMerged(view: StackView, lang: Lang): string {
  const pt = lang === 'pt-BR';
  const rows = view.merged.map((e) => [
    `/${e.path}${e.type === 'd' ? '/' : ''}${e.target !== undefined ? ` -> ${e.target}` : ''}`,
    e.type,
    oct(e.mode),
    e.type === 'f' ? String(e.size) : '',
    e.metacopy ? `${e.from} (metacopy)` : e.from,
  ]);
  return `merged\n${renderTable(pt ? ['caminho', 'tipo', 'modo', 'bytes', 'vem de'] : ['path', 'type', 'mode', 'bytes', 'from'], rows, { rule: true })}`;
}

/** A text drawing of the stack, top to bottom, as `mount -t overlay` stacks it. */
export function renderStackDrawing(view: StackView, lang: Lang): string {
  const pt = lang === 'pt-BR';
  const lines = [`  merged   ${pt ? '(o que o contêiner vê)' : '(what the container sees)'}`, '     ▲'];
  if (view.upper) lines.push(`  upperdir ${pt ? '(gravável: cópias, whiteouts)' : '(writable: copies, whiteouts)'}   + workdir`);
  view.lowers.forEach((l, i) => lines.push(`  lowerdir ${l.name}${i === 0 ? (pt ? ' (topo)' : ' (top)') : ''}${i === view.lowers.length - 1 ? (pt ? ' (base)' : ' (bottom)') : ''}`));
  return lines.join('\n') + '\n';
}
