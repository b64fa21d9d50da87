/* A path's history across the image's layers, and which layer the merged view shows. */
import React, { useState } from 'react';
import Translate, { translate } from '@docusaurus/Translate';
import { formatBytes, type Lang, type PathEvent, type PathHistory } from '../../../../src/browser';
import styles from './archive.module.css';

function Action({ e }: { e: PathEvent }) {
  const v = { n: e.position, via: e.via?.path ?? '' };
  switch (e.action) {
    case 'adds':
      return <Translate id="archive.history.adds" description="History: layer {n} adds the path" values={v}>{'camada {n} adiciona'}</Translate>;
    case 'overwrites':
      return <Translate id="archive.history.overwrites" description="History: layer {n} overwrites what was below" values={v}>{'camada {n} sobrescreve o que havia embaixo'}</Translate>;
    case 'modifies':
      return <Translate id="archive.history.modifies" description="History: layer {n} has the directory again (metadata or contents changed)" values={v}>{'camada {n} muda o diretório (metadados ou algo dentro)'}</Translate>;
    case 'deletes':
      if (!e.via) return <Translate id="archive.history.deletes" description="History: layer {n} deletes the path with a whiteout" values={v}>{'camada {n} apaga (whiteout)'}</Translate>;
      if (e.via.how === 'opaque') return <Translate id="archive.history.deletesOpaque" description="History: layer {n} hides the path under opaque directory {via}" values={v}>{'camada {n} esconde (diretório opaco {via})'}</Translate>;
      if (e.via.how === 'whiteout') return <Translate id="archive.history.deletesParent" description="History: layer {n} deletes the parent {via}" values={v}>{'camada {n} apaga o pai {via} (whiteout)'}</Translate>;
      return <Translate id="archive.history.deletesReplaced" description="History: layer {n} replaces the parent {via} by a non-directory" values={v}>{'camada {n} troca o pai {via} por algo que não é diretório'}</Translate>;
  }
}

function Shown({ h }: { h: PathHistory }) {
  if (h.shownBy === undefined) {
    return <Translate id="archive.history.hidden" description="History: the path is not in the merged view">O merged não mostra este caminho: a última camada que o tocou o esconde.</Translate>;
  }
  return (
    <Translate id="archive.history.shown" description="History: the merged view shows the entry of layer {n}, the highest one that has it" values={{ n: h.shownBy }}>
      {'O merged mostra a entrada da camada {n}: é a mais alta que tem este nome, e nenhuma acima o apaga.'}
    </Translate>
  );
}

export default function ArchiveHistory({ history, error, onAsk, lang }: { history?: PathHistory; error?: string; onAsk: (path: string) => void; lang: Lang }) {
  const [path, setPath] = useState('/etc/passwd');
  return (
    <section data-testid="archive-history">
      <h3>
        <Translate id="archive.history.title" description="Heading: the history of one path across the layers">História de um caminho nas camadas</Translate>
      </h3>
      <form
        className={styles.form}
        onSubmit={(e) => {
          e.preventDefault();
          onAsk(path);
        }}>
        <input type="text" data-testid="archive-history-path" aria-label={translate({ id: 'archive.history.path', message: 'caminho na imagem', description: 'Label: a path inside the image' })} value={path} onChange={(e) => setPath(e.target.value)} />
        <button type="submit" className="button button--secondary button--sm">
          <Translate id="archive.history.ask" description="Button: show the history of the path">Ver a história</Translate>
        </button>
      </form>
      {error && (
        <p className={styles.err} role="alert">
          {error}
        </p>
      )}
      {history && (
        <div data-testid="archive-history-result" data-shown-by={history.shownBy ?? ''}>
          <p>
            <code>{history.path}</code>
          </p>
          {history.events.length === 0 ? (
            <p className={styles.note}>
              <Translate id="archive.history.none" description="History: no layer touches the path">Nenhuma camada tem este caminho.</Translate>
            </p>
          ) : (
            <ol>
              {history.events.map((e) => (
                <li key={e.position} data-action={e.action}>
                  <Action e={e} />
                  {e.entry?.type === 'f' && ` (${formatBytes(e.entry.size, lang)}${e.entry.sha256 ? `, sha256 ${e.entry.sha256.slice(0, 12)}` : ''})`}
                  {e.createdBy && (
                    <>
                      {' — '}
                      <code className={styles.step}>{e.createdBy.replace(/^\/bin\/sh -c (#\(nop\) )?/, '')}</code>
                    </>
                  )}
                </li>
              ))}
            </ol>
          )}
          <p>
            <Shown h={history} />
          </p>
        </div>
      )}
    </section>
  );
}
