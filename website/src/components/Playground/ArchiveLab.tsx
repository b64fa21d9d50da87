/* The opened image mounted writable (an empty upper layer on its layers, as a container starts): act on it. */
import React from 'react';
import Translate, { translate } from '@docusaurus/Translate';
import { type Lang, counted } from '../../../../src/browser';
import type { LabSnapshot } from './archiveSession';
import ActionForm from './ActionForm';
import Trace from './Trace';
import styles from './archive.module.css';

export interface ArchiveLabProps {
  lang: Lang;
  lab?: LabSnapshot;
  error?: string;
  hashesOnly: boolean;
  merged?: string;
  onMount(): void;
  onUnmount(): void;
  onAct(line: string): void;
  onMerged(): void;
}

export default function ArchiveLab(p: ArchiveLabProps) {
  return (
    <section data-testid="archive-lab">
      <h3>
        <Translate id="archive.lab.title" description="Heading: mount the image and act on it">Montar a imagem e agir sobre ela</Translate>
      </h3>
      {!p.lab ? (
        <button type="button" className="button button--primary button--sm" data-testid="archive-mount" onClick={p.onMount} disabled={p.hashesOnly}>
          <Translate id="archive.lab.mount" description="Button: mount the image with an empty upper layer">Montar (camada de cima vazia, como um contêiner)</Translate>
        </button>
      ) : (
        <>
          <ActionForm
            onAct={p.onAct}
            onBlank={() => p.onAct('')}
            disabled={false}
          />
          <Trace steps={p.lab.trace} />
          <h4>
            <Translate id="archive.lab.upper" description="Heading: the upper layer after the actions; {entries} the merged entries with their word" values={{ entries: counted('entries', p.lab.mergedEntries, p.lang) }}>
              {'A camada de cima (upperdir); o merged tem {entries}'}
            </Translate>
          </h4>
          <ul className={styles.layerList} data-testid="archive-upper">
            {p.lab.upper.entries.map((e) => (
              <li key={e.path} data-path={e.path} data-whiteout={e.whiteout ? '1' : undefined}>
                <code>/{e.path}{e.type === 'd' ? '/' : ''}</code> {e.whiteout && <span className={`${styles.kind} ${styles.deleted}`}>whiteout</span>}
                {e.opaque === 'y' && <span className={`${styles.kind} ${styles.opaque}`}>opaque</span>}
              </li>
            ))}
          </ul>
          <button type="button" className="button button--secondary button--sm" data-testid="archive-unmount" onClick={p.onUnmount}>
            <Translate id="archive.lab.unmount" description="Button: drop the upper layer, back to the image as loaded">Desmontar (descarta a camada de cima)</Translate>
          </button>
        </>
      )}
      {p.error && (
        <p className={styles.err} role="alert" data-testid="archive-lab-error">
          {p.error}
        </p>
      )}
      <p>
        <button type="button" className="button button--secondary button--sm" data-testid="archive-show-merged" onClick={p.onMerged} title={translate({ id: 'archive.merged.tip', message: 'as linhas M do relatório de cenário', description: 'Tooltip of the merged-view button' })}>
          <Translate id="archive.merged.show" description="Button: show the merged view as report lines">Mostrar o merged (linhas do relatório)</Translate>
        </button>
      </p>
      {p.merged !== undefined && (
        <pre className={styles.pre} data-testid="archive-merged">
          {p.merged}
        </pre>
      )}
    </section>
  );
}
