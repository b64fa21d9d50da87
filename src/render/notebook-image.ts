/* Notebook views of a real image inside the engine: its layers, a file's provenance, layer diffs, wasted space. */
import type { PathHistory } from '../image/history';
import type { LoadedImage } from '../image/image';
import type { DiffKind, LayerDiff } from '../image/layer-diff';
import type { WastedSpace } from '../image/wasted';
import { formatBytes, say } from '../i18n/format';
import type { Lang } from '../i18n/lang';
import { mermaidColumn, type StackBox } from './mermaid-stack';
import { MERMAID_LAB_CLASSES } from './mermaid-lab';
import { htmlCode, joinBundles, mermaidBundle, noteBundle, tableBundle, type DisplayBundle, type HtmlCell } from './notebook-html';

const T = {
  loaded: {
    en: 'Image {ref} ({format}, from {source}): {n, plural, one {# layer} other {# layers}}, {files, plural, one {# distinct file content} other {# distinct file contents}}',
    'pt-BR': 'Imagem {ref} ({format}, de {source}): {n, plural, one {# camada} other {# camadas}}, {files, plural, =0 {0 conteúdos de arquivo distintos} one {# conteúdo de arquivo distinto} other {# conteúdos de arquivo distintos}}',
  },
  layersHead: { en: 'layer|made by|tar bytes|diff ID', 'pt-BR': 'camada|feita por|bytes do tar|diff ID' },
  unknown: { en: '(unknown)', 'pt-BR': '(desconhecido)' },
  layer: { en: 'layer {pos}', 'pt-BR': 'camada {pos}' },
  historyHead: { en: 'layer|action|entry|made by', 'pt-BR': 'camada|ação|entrada|feita por' },
  action: {
    adds: { en: 'adds', 'pt-BR': 'adiciona' },
    overwrites: { en: 'overwrites', 'pt-BR': 'sobrescreve' },
    modifies: { en: 'modifies', 'pt-BR': 'modifica' },
    deletes: { en: 'deletes', 'pt-BR': 'apaga' },
  },
  via: { en: ' (via {how} at {path})', 'pt-BR': ' (por {how} em {path})' },
  shown: { en: '{path}: the merged view shows layer {pos}’s entry.', 'pt-BR': '{path}: o merged mostra a entrada da camada {pos}.' },
  hidden: { en: '{path}: not visible in the merged view (deleted by a later layer).', 'pt-BR': '{path}: não aparece no merged (apagado por uma camada posterior).' },
  never: { en: '{path}: no layer has it.', 'pt-BR': '{path}: nenhuma camada o tem.' },
  diffHead: { en: 'layer|change|path|size|hides below', 'pt-BR': 'camada|mudança|caminho|tamanho|esconde embaixo' },
  kind: {
    added: { en: 'added', 'pt-BR': 'adicionado' },
    modified: { en: 'modified', 'pt-BR': 'modificado' },
    deleted: { en: 'deleted (whiteout)', 'pt-BR': 'apagado (whiteout)' },
    opaque: { en: 'replaced (opaque dir)', 'pt-BR': 'substituído (dir opaco)' },
  } satisfies Record<DiffKind, { en: string; 'pt-BR': string }>,
  diffTotals: { en: 'Layer {pos}: +{added} ~{modified} -{deleted} ■{opaque}', 'pt-BR': 'Camada {pos}: +{added} ~{modified} -{deleted} ■{opaque}' },
  wastedHead: { en: 'path|in layer|size|hidden by layer|how', 'pt-BR': 'caminho|na camada|tamanho|escondido pela camada|como' },
  overwritten: { en: 'overwritten', 'pt-BR': 'sobrescrito' },
  deleted: { en: 'deleted', 'pt-BR': 'apagado' },
  wastedTotal: {
    en: '{bytes} in {files, plural, one {# file} other {# files}} travel with the image but no container can see them: every pull downloads them, overlay2 stores them.',
    'pt-BR': '{bytes} em {files, plural, =0 {0 arquivos} one {# arquivo} other {# arquivos}} viajam com a imagem, mas nenhum contêiner os vê: todo pull os baixa, o overlay2 os guarda.',
  },
  perLayerHead: { en: 'layer|hidden bytes|hidden files', 'pt-BR': 'camada|bytes escondidos|arquivos escondidos' },
};

const short = (s?: string, max = 60) => (s ? (s.length > max ? `${s.slice(0, max - 3)}…` : s) : '');
/** Docker's "/bin/sh -c #(nop) " prefix says nothing to a reader. */
const step = (s?: string, max = 60) => short(s?.replace(/^\/bin\/sh -c (#\(nop\)\s*)?/, ''), max);

/**
 * An image as loaded: its layers bottom to top with the step that made each, and a diagram.
 * @example display(imageLayersBundle(await loadImageFromEngine('overlay-lab/layers:1'), 'en'));
 */
export function imageLayersBundle(image: LoadedImage, lang: Lang): DisplayBundle {
  const rows: HtmlCell[][] = [...image.layers].reverse().map((l) => [l.position, step(l.createdBy) || say(T.unknown, lang), formatBytes(l.tarBytes, lang), l.diffId ? htmlCode(l.diffId.slice(0, 19)) : '-']);
  const title = say(T.loaded, lang, { ref: image.ref ?? image.source, format: image.format, source: image.source, n: image.layers.length, files: image.contents.distinct });
  const boxes: StackBox[] = [...image.layers].reverse().map((l) => ({
    id: `l${l.position}`,
    // One line per layer, the step cut short: six boxes top to bottom still fit a 768 px screen (the table has the rest).
    lines: [`${say(T.layer, lang, { pos: l.position })} · ${step(l.createdBy, 32) || say(T.unknown, lang)}`],
    kind: 'lower',
  }));
  const drawing = boxes.map((b) => `[ ${b.lines.join(' | ')} ]`).join('\n') + '\n';
  return {
    ...joinBundles(tableBundle(say(T.layersHead, lang).split('|'), rows, { caption: title, right: [0, 2] }), mermaidBundle(mermaidColumn(boxes, { classes: MERMAID_LAB_CLASSES, title: image.ref ?? image.source }), drawing)),
    meta: { layers: image.layers.length, format: image.format },
  };
}

/**
 * A file's provenance: every layer that adds, overwrites, modifies or deletes it, and which one
 * the merged view shows.
 * @example display(pathHistoryBundle(pathHistory(image, '/app/conf/app.conf'), 'en'));
 */
export function pathHistoryBundle(h: PathHistory, lang: Lang): DisplayBundle {
  const rows: HtmlCell[][] = h.events.map((e) => [
    e.position,
    say(T.action[e.action], lang) + (e.via ? say(T.via, lang, { how: e.via.how, path: e.via.path }) : ''),
    e.entry ? `${e.entry.type} ${e.entry.mode.toString(8).padStart(4, '0')} ${e.entry.type === 'f' ? formatBytes(e.entry.size, lang) : e.entry.target ? `-> ${e.entry.target}` : ''}`.trim() : '',
    step(e.createdBy),
  ]);
  const verdict =
    h.shownBy !== undefined
      ? noteBundle(say(T.shown, lang, { path: h.path, pos: h.shownBy }), 'ok')
      : noteBundle(say(h.events.length ? T.hidden : T.never, lang, { path: h.path }), 'warn');
  return { ...joinBundles(tableBundle(say(T.historyHead, lang).split('|'), rows, { caption: h.path, right: [0] }), verdict), meta: { events: h.events.length, shownBy: h.shownBy ?? -1 } };
}

/**
 * What each layer adds, modifies, deletes (whiteouts) and replaces (opaque directories), with sizes.
 * @example display(layerDiffsBundle(layerDiffs(image), 'pt-BR'));
 */
export function layerDiffsBundle(diffs: LayerDiff[], lang: Lang): DisplayBundle {
  const rows: HtmlCell[][] = [];
  for (const d of [...diffs].reverse())
    for (const e of d.entries)
      rows.push([d.position, say(T.kind[e.kind], lang), htmlCode(e.path + (e.entry.type === 'd' ? '/' : '')), e.size ? formatBytes(e.size, lang) : '', e.hiddenBytes ? formatBytes(e.hiddenBytes, lang) : '']);
  const totals = [...diffs].reverse().map((d) => say(T.diffTotals, lang, { pos: d.position, ...d.totals }));
  return {
    ...joinBundles(noteBundle(totals.join(' · ')), tableBundle(say(T.diffHead, lang).split('|'), rows, { right: [0, 3, 4] })),
    meta: { layers: diffs.length, entries: rows.length },
  };
}

/**
 * Wasted space: bytes of files some layer ships that the merged view hides, per layer and per file.
 * @example display(wastedSpaceBundle(wastedSpace(image), 'en'));
 */
export function wastedSpaceBundle(w: WastedSpace, lang: Lang): DisplayBundle {
  const files: HtmlCell[][] = w.files.map((f) => [htmlCode(f.path), f.position, formatBytes(f.size, lang), f.hiddenBy, say(f.how === 'overwritten' ? T.overwritten : T.deleted, lang)]);
  const per: HtmlCell[][] = w.perLayer.map((l) => [l.position, formatBytes(l.bytes, lang), l.files]);
  return {
    ...joinBundles(
      noteBundle(say(T.wastedTotal, lang, { bytes: formatBytes(w.total, lang), files: w.files.length }), w.total ? 'warn' : 'ok'),
      tableBundle(say(T.perLayerHead, lang).split('|'), per, { right: [0, 1, 2] }),
      tableBundle(say(T.wastedHead, lang).split('|'), files, { right: [1, 2, 3] }),
    ),
    meta: { wastedBytes: w.total, wastedFiles: w.files.length },
  };
}
