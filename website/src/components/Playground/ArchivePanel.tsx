/*
 * A real image in the playground: a `docker save` or OCI archive read in a Web Worker of this
 * page (the file never leaves the machine), shown layer by layer, then mounted to act on.
 */
import React, { useState } from 'react';
import Translate, { translate } from '@docusaurus/Translate';
import useDocusaurusContext from '@docusaurus/useDocusaurusContext';
import { formatBytes, formatNumber, type Lang } from '../../../../src/browser';
import ArchiveHistory from './ArchiveHistory';
import ArchiveLab from './ArchiveLab';
import ArchiveLayers from './ArchiveLayers';
import { useArchive } from './useArchive';
import styles from './archive.module.css';

/** Past this size the contents are not kept unless asked (a browser tab has far less memory than a shell). */
const HASHES_ONLY_FROM = 250e6;

export default function ArchivePanel() {
  const { i18n } = useDocusaurusContext();
  const lang: Lang = i18n.currentLocale === 'en' ? 'en' : 'pt-BR';
  const { state, open, ask } = useArchive(lang);
  const [hashesOnly, setHashesOnly] = useState(false);
  const [over, setOver] = useState(false);
  const pick = (f: File | undefined) => f && open(f, hashesOnly || f.size > HASHES_ONLY_FROM);
  const s = state.summary;
  return (
    <section className={styles.archive} data-testid="archive" data-phase={state.phase}>
      <h2>
        <Translate id="archive.title" description="Heading: open a real image archive">Uma imagem real: abra um arquivo do docker save</Translate>
      </h2>
      <div
        className={`${styles.drop} ${over ? styles.dropping : ''}`}
        data-testid="archive-drop"
        onDragOver={(e) => {
          e.preventDefault();
          setOver(true);
        }}
        onDragLeave={() => setOver(false)}
        onDrop={(e) => {
          e.preventDefault();
          setOver(false);
          pick(e.dataTransfer.files[0]);
        }}>
        <p className={styles.note}>
          <Translate id="archive.drop.hint" description="How to open an archive">
            Solte aqui um arquivo de `docker save IMAGEM -o img.tar` (formato antigo ou OCI), um arquivo OCI, com camadas gzip ou não, ou escolha um. Ele é lido só neste navegador: nada é enviado.
          </Translate>
        </p>
        <input type="file" data-testid="archive-input" aria-label={translate({ id: 'archive.drop.input', message: 'Arquivo de imagem (docker save ou OCI)', description: 'Accessible name of the file picker' })} accept=".tar,.tgz,.gz,application/x-tar,application/gzip" onChange={(e) => pick(e.target.files?.[0] ?? undefined)} />
        <label className={styles.note}>
          <input type="checkbox" data-testid="archive-hashes-only" checked={hashesOnly} onChange={(e) => setHashesOnly(e.target.checked)} />{' '}
          <Translate id="archive.drop.hashesOnly" description="Checkbox: keep only sizes and hashes" values={{ size: formatBytes(HASHES_ONLY_FROM, lang) }}>
            {'Guardar só tamanhos e hashes (para imagens grandes; automático acima de {size})'}
          </Translate>
        </label>
      </div>
      {state.phase === 'loading' && (
        <p data-testid="archive-progress">
          <progress className={styles.progress} max={state.size || 1} value={state.read ?? 0} />{' '}
          <Translate id="archive.progress" description="Progress of reading the archive" values={{ name: state.name, read: formatBytes(state.read ?? 0, lang), size: formatBytes(state.size, lang) }}>
            {'Lendo {name}: {read} de {size}…'}
          </Translate>
        </p>
      )}
      {state.phase === 'failed' && (
        <p className={styles.err} role="alert" data-testid="archive-error" data-code={state.code}>
          {state.error}
        </p>
      )}
      {state.phase === 'loaded' && s && (
        <>
          <p className={styles.note} data-testid="archive-loaded" data-ms={state.ms}>
            <Translate id="archive.loaded" description="After loading: file name, size, seconds" values={{ name: state.name, size: formatBytes(state.size, lang), seconds: formatNumber((state.ms ?? 0) / 1000, lang, 1) }}>
              {'{name} ({size}) lido em {seconds} s, neste navegador.'}
            </Translate>
          </p>
          <ArchiveLayers s={s} lang={lang} />
          <ArchiveHistory history={state.history} error={state.historyError} lang={lang} onAsk={(path) => ask({ type: 'history', path, lang })} />
          <ArchiveLab
            lang={lang}
            lab={state.lab}
            error={state.labError}
            hashesOnly={s.hashesOnly}
            merged={state.merged}
            onMount={() => {
              ask({ type: 'mount', lang });
              ask({ type: 'merged' });
            }}
            onUnmount={() => {
              ask({ type: 'unmount' });
            }}
            onAct={(line) => {
              ask({ type: 'act', line, lang });
              if (state.merged !== undefined) ask({ type: 'merged' });
            }}
            onMerged={() => ask({ type: 'merged' })}
          />
        </>
      )}
    </section>
  );
}
