/* Notebook views of a union lab (simulation): each step with its event trace, the stack as a diagram, layers as tables. */
import { say } from '../i18n/format';
import type { Lang } from '../i18n/lang';
import type { LabStep, LayerView, StackView, UnionLab } from '../scenario/lab';
import { errnoWords } from '../union/errno';
import { narrate } from '../union/events';
import { errnoOf, resultText as reportResult } from '../scenario/report';
import { renderStackDrawing } from './lab-text';
import { mermaidLab } from './mermaid-lab';
import { htmlCode, escapeHtml, joinBundles, mermaidBundle, htmlRaw, paint, tableBundle, type DisplayBundle, type HtmlCell } from './notebook-html';

const T = {
  ok: { en: 'OK', 'pt-BR': 'OK' },
  noEvents: { en: 'the mount did nothing on its own (no copy-up, no whiteout)', 'pt-BR': 'a montagem não fez nada por conta própria (nem copy-up, nem whiteout)' },
  events: { en: 'What the mount did', 'pt-BR': 'O que a montagem fez' },
  stack: { en: 'The stack after this step', 'pt-BR': 'A pilha depois deste passo' },
  stackNow: { en: 'The stack', 'pt-BR': 'A pilha' },
  options: { en: 'mount options: {o}', 'pt-BR': 'opções de montagem: {o}' },
  defaults: { en: '(defaults)', 'pt-BR': '(padrão)' },
  layerHead: { en: 'path|type|mode|bytes|overlay marks', 'pt-BR': 'caminho|tipo|modo|bytes|marcas do overlay' },
  mergedHead: { en: 'path|type|mode|bytes|served by', 'pt-BR': 'caminho|tipo|modo|bytes|vem de' },
  empty: { en: '{name}: (empty)', 'pt-BR': '{name}: (vazia)' },
  whiteout: { en: 'whiteout (char 0/0): hides this name below', 'pt-BR': 'whiteout (char 0/0): esconde este nome embaixo' },
  opaqueY: { en: 'opaque: nothing below shows inside', 'pt-BR': 'opaco: nada de baixo aparece dentro' },
  opaqueX: { en: 'holds xattr whiteouts', 'pt-BR': 'tem whiteouts por xattr' },
  redirect: { en: 'redirect → {to}', 'pt-BR': 'redirect → {to}' },
  metacopy: { en: 'metacopy: only metadata here, data below', 'pt-BR': 'metacopy: só metadados aqui, dados embaixo' },
  origin: { en: 'origin: copied up from a lower inode', 'pt-BR': 'origin: copiado de um inode inferior' },
};

const oct = (m: number) => m.toString(8).padStart(4, '0');

/** The result of a call as a person reads it: OK, or the errno and the kernel's words for it. */
function resultText(step: LabStep, lang: Lang): string {
  const r = step.result;
  const errno = errnoOf(r);
  if (errno === undefined) return r === 'OK' ? say(T.ok, lang) : reportResult(r);
  const words = errnoWords(errno, lang);
  return words ? `${errno} (${words})` : errno;
}

/**
 * One step: the call, its result and the event trace, narrated in the notebook's language.
 * @example
 * const lab = UnionLab.create({ setup: 'L0: write f hi' }) as UnionLab;
 * display(labStepBundle(lab.run('rm f'), 'en'));
 */
export function labStepBundle(step: LabStep, lang: Lang): DisplayBundle {
  const ok = errnoOf(step.result) === undefined;
  const events = step.events.map((e) => narrate(e, lang));
  const color = paint(ok ? 'okText' : 'badText');
  const html = [
    `<div><code>$ ${escapeHtml(step.op.text)}</code> → <b style="color:${color}">${escapeHtml(resultText(step, lang))}</b></div>`,
    events.length
      ? `<div>${escapeHtml(say(T.events, lang))}:</div><ol style="margin:2px 0">${events.map((e) => `<li>${escapeHtml(e)}</li>`).join('')}</ol>`
      : `<div><i>${escapeHtml(say(T.noEvents, lang))}</i></div>`,
  ].join('\n');
  const plain = [`$ ${step.op.text}   → ${resultText(step, lang)}`, ...(events.length ? events.map((e, i) => `  ${i + 1}. ${e}`) : [`  (${say(T.noEvents, lang)})`])].join('\n');
  return {
    'text/html': html,
    'text/plain': plain + '\n',
    meta: { op: step.op.text, result: ok ? 'OK' : (step.result as { errno: string }).errno, events: step.events.length },
  };
}

/**
 * The stack as a Mermaid diagram (merged, upperdir + workdir, each lowerdir) followed by the
 * upper layer's entries as a table; the fallback is a text drawing and the same entries.
 * @example display(labStackBundle(lab.view(), 'pt-BR'));
 */
export function labStackBundle(view: StackView, lang: Lang, title?: string): DisplayBundle {
  const opts = say(T.options, lang, { o: view.options || say(T.defaults, lang) });
  const upper = view.upper ? layerBundle(view.upper, lang) : undefined;
  const plain = renderStackDrawing(view, lang) + (upper ? `\n${upper['text/plain']}` : '') + `${opts}\n`;
  const b = mermaidBundle(mermaidLab(view, lang), plain, title ?? say(T.stackNow, lang));
  b['text/markdown'] += `\n\n${opts}${upper ? `\n\n${upper['text/html']}` : ''}`;
  return b;
}

function marks(e: LayerView['entries'][number], lang: Lang): string[] {
  const m: string[] = [];
  if (e.whiteout) m.push(say(T.whiteout, lang));
  if (e.opaque === 'y') m.push(say(T.opaqueY, lang));
  if (e.opaque === 'x') m.push(say(T.opaqueX, lang));
  if (e.redirect) m.push(say(T.redirect, lang, { to: e.redirect }));
  if (e.metacopy) m.push(say(T.metacopy, lang));
  if (e.origin) m.push(say(T.origin, lang));
  return m;
}

function layerRows(layer: LayerView, lang: Lang): HtmlCell[][] {
  return layer.entries.map((e) => [
    htmlCode(`/${e.path}${e.type === 'd' ? '/' : ''}${e.target !== undefined ? ` -> ${e.target}` : ''}`),
    e.whiteout ? 'c 0:0' : e.type,
    e.whiteout ? '' : oct(e.mode),
    e.type === 'f' && !e.whiteout ? e.size : '',
    marks(e, lang).join('; '),
  ]);
}

/**
 * One layer's entries on disk with the overlay's marks (whiteouts, opaque, redirect, metacopy, origin).
 * @example display(layerBundle(lab.view().upper!, 'en'));
 */
export function layerBundle(layer: LayerView, lang: Lang): DisplayBundle {
  if (layer.entries.length === 0) {
    const t = say(T.empty, lang, { name: layer.name });
    return { 'text/html': `<div><b>${escapeHtml(t)}</b></div>`, 'text/plain': t + '\n' };
  }
  return tableBundle(say(T.layerHead, lang).split('|'), layerRows(layer, lang), { caption: layer.name, right: [3] });
}

/**
 * The merged view, each entry with the layer that serves it.
 * @example display(mergedBundle(lab.view(), 'en'));
 */
export function mergedBundle(view: StackView, lang: Lang): DisplayBundle {
  const rows: HtmlCell[][] = view.merged.map((e) => [
    htmlCode(`/${e.path}${e.type === 'd' ? '/' : ''}${e.target !== undefined ? ` -> ${e.target}` : ''}`),
    e.type,
    oct(e.mode),
    e.type === 'f' ? e.size : '',
    e.metacopy ? htmlRaw(`<b>${e.from}</b> (metacopy)`, `${e.from} (metacopy)`) : e.from === 'upper' ? htmlRaw('<b>upper</b>', 'upper') : e.from,
  ]);
  return tableBundle(say(T.mergedHead, lang).split('|'), rows, { caption: 'merged', right: [3] });
}

/**
 * A step and the stack after it, in one output: what a lesson shows for each call.
 * @example display(labStepWithStackBundle(lab.run('rm etc/motd'), lab.view(), 'en'));
 */
export function labStepWithStackBundle(step: LabStep, view: StackView, lang: Lang): DisplayBundle {
  return joinBundles(labStepBundle(step, lang), labStackBundle(view, lang, say(T.stack, lang)));
}

const HL = {
  head: { en: 'path|inode (st_ino)|nlink|where the name is served from', 'pt-BR': 'caminho|inode (st_ino)|nlink|de onde o nome vem' },
  shared: { en: '{paths} share one inode: still hard links', 'pt-BR': '{paths} compartilham um inode: ainda são links físicos' },
  broken: { en: 'no two of these names share an inode: the hard links are broken', 'pt-BR': 'nenhum par destes nomes compartilha inode: os links físicos se quebraram' },
};

/**
 * Hard links as a program sees them through the merged view: each name's inode number and
 * link count (what `stat` prints), and whether the names still share an inode.
 * @example display(hardLinksBundle(lab, ['bin/busybox', 'bin/ls'], 'en'));
 */
export function hardLinksBundle(lab: UnionLab, paths: string[], lang: Lang): DisplayBundle {
  const stats = paths.map((p) => ({ p, st: lab.overlay.lstat(p), where: lab.overlay.whereIs(p) }));
  const rows: HtmlCell[][] = stats.map(({ p, st, where }) =>
    'errno' in st
      ? [htmlCode(`/${p}`), st.errno, '', '']
      : [htmlCode(`/${p}`), htmlCode(st.ino), st.nlink, 'errno' in where ? '' : where.layer === 'upper' ? 'upper' : `L${where.layer}`],
  );
  const byIno = new Map<string, string[]>();
  for (const { p, st } of stats) if (!('errno' in st)) byIno.set(st.ino, [...(byIno.get(st.ino) ?? []), `/${p}`]);
  const groups = [...byIno.values()].filter((g) => g.length > 1);
  const verdict = groups.length ? groups.map((g) => say(HL.shared, lang, { paths: g.join(', ') })).join('; ') : say(HL.broken, lang);
  const table = tableBundle(say(HL.head, lang).split('|'), rows, { right: [2] });
  return {
    'text/html': `${table['text/html']}<div>${escapeHtml(verdict)}</div>`,
    'text/plain': `${table['text/plain']}${verdict}\n`,
    meta: { linked: groups.length > 0 },
  };
}
