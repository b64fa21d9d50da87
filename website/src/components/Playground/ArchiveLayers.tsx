/* An opened image as the playground shows its stacks: the layers top to bottom, what each does, sizes, waste. */
import React, { useState } from 'react';
import Translate from '@docusaurus/Translate';
import {
  formatBytes,
  HELD_LAYER_MAX,
  counted,
  type Lang,
  type ImageSummary,
  type LayerSummary,
  type DiffEntry,
  type DiffKind,
} from '../../../../src/browser';
import styles from './archive.module.css';

const step = (s?: string) => (s ?? '').replace(/^\/bin\/sh -c (#\(nop\) )?/, '').replace(/\s+/g, ' ').trim();

export function Kind({ kind }: { kind: DiffKind }) {
  switch (kind) {
    case 'added':
      return <span className={`${styles.kind} ${styles.added}`}><Translate id="archive.kind.added" description="Mark: the layer adds this path">+ adiciona</Translate></span>;
    case 'modified':
      return <span className={`${styles.kind} ${styles.modified}`}><Translate id="archive.kind.modified" description="Mark: the layer changes a path that was below">~ muda</Translate></span>;
    case 'deleted':
      return <span className={`${styles.kind} ${styles.deleted}`}><Translate id="archive.kind.deleted" description="Mark: the layer deletes a path (a whiteout)">− apaga (whiteout)</Translate></span>;
    case 'opaque':
      return <span className={`${styles.kind} ${styles.opaque}`}><Translate id="archive.kind.opaque" description="Mark: an opaque directory replaces the one below">■ substitui (opaco)</Translate></span>;
  }
}

function Entry({ e, lang }: { e: DiffEntry; lang: Lang }) {
  const name = `${e.path}${e.entry.type === 'd' ? '/' : ''}${e.entry.target !== undefined ? ` → ${e.entry.target}` : ''}`;
  return (
    <li data-path={e.path} data-kind={e.kind}>
      <Kind kind={e.kind} /> <code>{name}</code>
      {e.size > 0 && ` ${formatBytes(e.size, lang)}`}
      {(e.hiddenBytes ?? 0) > 0 && (
        <>
          {' '}
          <Translate id="archive.entry.hides" description="After an entry: bytes of lower layers it hides" values={{ bytes: formatBytes(e.hiddenBytes, lang) }}>
            {'(esconde {bytes} de baixo)'}
          </Translate>
        </>
      )}
    </li>
  );
}

/** Two rows per layer: its figures, then (full width, so a phone has room) its build step and entries. */
function LayerRows({ l, top, lang }: { l: LayerSummary; top: boolean; lang: Lang }) {
  const t = l.totals;
  // Entries are drawn when the layer is opened: thousands of closed rows would cost the page a long task.
  const [open, setOpen] = useState(false);
  return (
    <>
      <tr data-testid="archive-layer" data-position={l.position} className={styles.layerHead}>
        <td className={styles.num}>
          {l.position}
          {top && (
            <>
              {' '}
              <Translate id="archive.layer.top" description="Marks the top layer">(topo)</Translate>
            </>
          )}
        </td>
        <td className={styles.num}>{formatBytes(l.tarBytes, lang)}</td>
        <td>
          <span className={`${styles.kind} ${styles.added}`}>+{t.added}</span> <span className={`${styles.kind} ${styles.modified}`}>~{t.modified}</span>{' '}
          <span className={`${styles.kind} ${styles.deleted}`}>−{t.deleted}</span> <span className={`${styles.kind} ${styles.opaque}`}>■{t.opaque}</span>
        </td>
        <td className={styles.num}>{formatBytes(l.wasted.bytes, lang)}</td>
      </tr>
      <tr>
        <td colSpan={4}>
          <details onToggle={(e) => setOpen((e.target as HTMLDetailsElement).open)}>
            <summary>
              <code>{step(l.createdBy) || l.source}</code>
            </summary>
            {open && (
              <ul className={styles.layerList} data-testid="archive-layer-entries">
                {l.entries.map((e) => (
                  <Entry key={e.path} e={e} lang={lang} />
                ))}
              </ul>
            )}
            {l.moreEntries > 0 && (
              <p className={styles.note}>
                <Translate id="archive.layer.more" description="Below a cut list of a layer's entries; {more} is the count with its word" values={{ more: counted('moreEntries', l.moreEntries, lang) }}>
                  {'… e {more} (veja o histórico de um caminho abaixo).'}
                </Translate>
              </p>
            )}
            <p className={styles.note}>
              diff ID <code>{l.diffId ?? '-'}</code> ({l.compression})
            </p>
          </details>
        </td>
      </tr>
    </>
  );
}

export default function ArchiveLayers({ s, lang }: { s: ImageSummary; lang: Lang }) {
  const top = [...s.layers].reverse();
  return (
    <section data-testid="archive-summary" data-layers={s.layers.length}>
      <h3>
        <Translate id="archive.summary.title" description="Heading of an opened image; {name} its tag, {format} the archive format, {layers} its layer count with its word" values={{ name: s.ref ?? s.configId?.slice(7, 19) ?? '?', format: s.format, layers: counted('layers', s.layers.length, lang) }}>
          {'Imagem {name} ({format}, {layers}, de cima para baixo)'}
        </Translate>
      </h3>
      {s.warnings.map((w, i) => (
        <p key={i} className={styles.note}>
          {w[lang]}
        </p>
      ))}
      <div className={styles.tableWrap}>
        <table className={styles.table} data-testid="archive-layers">
          <thead>
            <tr>
              <th scope="col"><Translate id="archive.col.layer" description="Column: layer position (1 = base)">camada</Translate></th>
              <th scope="col"><Translate id="archive.col.size" description="Column: layer size">tamanho</Translate></th>
              <th scope="col"><Translate id="archive.col.changes" description="Column: what the layer adds, changes, deletes, replaces">+adiciona ~muda −apaga ■opaco</Translate></th>
              <th scope="col"><Translate id="archive.col.wasted" description="Column: bytes of this layer hidden by later layers">desperdício</Translate></th>
            </tr>
            <tr>
              <th scope="col" colSpan={4}><Translate id="archive.col.step" description="Column: the build step that made the layer (click for its entries)">criada por (clique: entradas)</Translate></th>
            </tr>
          </thead>
          <tbody>
            {top.map((l, i) => (
              <LayerRows key={l.position} l={l} top={i === 0} lang={lang} />
            ))}
          </tbody>
        </table>
      </div>
      <p data-testid="archive-totals">
        <Translate id="archive.summary.merged" description="Totals of the merged view; {entries} and {files} are counts with their words" values={{ entries: counted('entries', s.merged.entries, lang), files: counted('regularFiles', s.merged.files, lang), bytes: formatBytes(s.merged.bytes, lang) }}>
          {'Merged: {entries}, {files}, {bytes}.'}
        </Translate>{' '}
        <Translate id="archive.summary.wasted" description="Wasted space of the image" values={{ bytes: formatBytes(s.wasted.total, lang) }}>
          {'Espaço desperdiçado: {bytes} em arquivos de camadas de baixo que camadas de cima sobrescrevem ou apagam (ainda guardados e baixados).'}
        </Translate>
      </p>
      {s.wasted.files.length > 0 && (
        <details>
          <summary>
            <Translate id="archive.wasted.list" description="Opens the list of wasted files">Arquivos desperdiçados, do maior para o menor</Translate>
          </summary>
          <ul className={styles.layerList} data-testid="archive-wasted">
            {s.wasted.files.map((w) => (
              <li key={`${w.position}:${w.path}`}>
                <code>{w.path}</code> {formatBytes(w.size, lang)}{' '}
                {w.how === 'overwritten' ? (
                  <Translate id="archive.wasted.overwritten" description="A wasted file overwritten by a later layer" values={{ at: w.position, by: w.hiddenBy }}>
                    {'(camada {at}, sobrescrito pela camada {by})'}
                  </Translate>
                ) : (
                  <Translate id="archive.wasted.deleted" description="A wasted file deleted by a later layer" values={{ at: w.position, by: w.hiddenBy }}>
                    {'(camada {at}, apagado pela camada {by})'}
                  </Translate>
                )}
              </li>
            ))}
          </ul>
        </details>
      )}
      <p className={styles.note} data-testid="archive-kept">
        {s.hashesOnly ? (
          <Translate id="archive.kept.hashes" description="What hashes-only mode keeps; {held} the largest layer held whole while it is hashed" values={{ held: formatBytes(HELD_LAYER_MAX, lang) }}>
            {'Só tamanhos e hashes: a árvore de cada camada (nomes, tipos, modos, donos, links, whiteouts, diretórios opacos) e o tamanho e o SHA-256 de cada arquivo ficam na memória; o conteúdo dos arquivos não. Durante a leitura, cada camada de até {held} fica inteira na memória só até seus hashes saírem. Tudo acima funciona assim; montar e agir precisa do conteúdo.'}
          </Translate>
        ) : (
          <Translate id="archive.kept.contents" description="What full mode keeps; {bytes} file bytes held, {contents} the count of distinct contents with its word" values={{ bytes: formatBytes(s.keptBytes, lang), contents: counted('distinctContents', s.distinctContents, lang) }}>
            {'Conteúdo guardado: {bytes} na memória ({contents}, cada um uma vez), além da árvore de cada camada.'}
          </Translate>
        )}
      </p>
    </section>
  );
}
