/*
 * The playground: a union mount driven in the browser by the same engine the CLI, the notebooks
 * and the kernel checks use (src/union through src/scenario). This file only lays out the views.
 */
import React from 'react';
import Translate from '@docusaurus/Translate';
import useDocusaurusContext from '@docusaurus/useDocusaurusContext';
import type { Lang } from '../../../../src/browser';
import ActionForm from './ActionForm';
import Controls from './Controls';
import CopyLink from './CopyLink';
import Layers from './Layers';
import Report from './Report';
import SerialMermaid from './SerialMermaid';
import Trace from './Trace';
import { usePlayground } from './usePlayground';
import styles from './styles.module.css';

export default function Playground() {
  const { i18n } = useDocusaurusContext();
  const lang: Lang = i18n.currentLocale === 'en' ? 'en' : 'pt-BR';
  const pg = usePlayground(lang);
  const { session, snap } = pg;
  if (!session || !snap) {
    return (
      <p data-testid="playground-loading">
        <Translate id="playground.loading" description="Shown while the playground mounts">Montando…</Translate>
      </p>
    );
  }
  return (
    <div ref={pg.rootRef} className={styles.playground} data-testid="playground" data-ready="1" data-steps={snap.trace.length}>
      <Controls state={session.state} lang={lang} onChange={pg.reset} />
      {snap.refused !== undefined ? (
        <p className={styles.err} role="alert" data-testid="refused">
          <Translate id="playground.refused" description="The kernel refused to mount; {reason} is its message" values={{ reason: snap.refused }}>
            {'A montagem foi recusada: {reason}'}
          </Translate>
        </p>
      ) : (
        <>
          {snap.dropped.length > 0 && (
            <div className={styles.err} role="alert" data-testid="dropped">
              <Translate id="playground.dropped" description="Heading: actions of the shared address that could not be read and were left out">
                Ações do endereço que ficaram de fora (não puderam ser lidas):
              </Translate>
              <ul>
                {snap.dropped.map((d, i) => (
                  <li key={i}>
                    <code>{d.line}</code>: {d.reason}
                  </li>
                ))}
              </ul>
            </div>
          )}
          <ActionForm onAct={pg.act} onBlank={pg.blank} disabled={false} />
          {pg.inputError && (
            <p className={styles.err} role="alert" data-testid="input-error">
              {pg.inputError}
            </p>
          )}
          <div className={styles.toolbar}>
            <button type="button" className="button button--sm button--outline button--secondary" onClick={pg.undo} disabled={session.state.actions.length === 0}>
              <Translate id="playground.undo" description="Button: undo the last action">Desfazer a última</Translate>
            </button>{' '}
            <button type="button" className="button button--sm button--outline button--secondary" onClick={() => pg.reset({ ...session.state, actions: [] })}>
              <Translate id="playground.restart" description="Button: remount the starting stack">Recomeçar</Translate>
            </button>{' '}
            <CopyLink />
          </div>
          <h2>
            <Translate id="playground.trace.title" description="Heading of the event trace">O que o kernel fez</Translate>
          </h2>
          <Trace steps={snap.trace} />
          <h2>
            <Translate id="playground.grid.title" description="Heading of the layers-by-paths grid">Cada camada, caminho a caminho</Translate>
          </h2>
          <p className={styles.hint}>
            <Translate id="playground.grid.legend" description="How to read the layers-by-paths grid: the marks it uses">
              Linhas são camadas (merged em cima, depois upperdir, depois os lowerdir de cima para baixo); colunas são caminhos. «← L1»: a camada de onde o merged serve o caminho. ✗ whiteout esconde o nome embaixo; ▣ opaco esconde o diretório de baixo inteiro. ★ e contorno vermelho: o que a última ação mudou.
            </Translate>
          </p>
          <div data-testid="grid" className={styles.diagram}>{snap.grid && <SerialMermaid value={snap.grid} />}</div>
          {snap.view && <Layers view={snap.view} />}
          <h2>
            <Translate id="playground.diagram.title" description="Heading of the diagram">A pilha em diagrama</Translate>
          </h2>
          <div data-testid="diagram" className={styles.diagram}>{snap.diagram && <SerialMermaid value={snap.diagram} />}</div>
          <Report session={session} snap={snap} />
        </>
      )}
    </div>
  );
}
