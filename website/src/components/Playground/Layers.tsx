import React from 'react';
import Translate from '@docusaurus/Translate';
import useDocusaurusContext from '@docusaurus/useDocusaurusContext';
import {
  type LayerEntry,
  type LayerView,
  type MergedEntry,
  type StackView,
  counted,
} from '../../../../src/browser';
import styles from './styles.module.css';

const oct = (m: number) => m.toString(8).padStart(4, '0');
const shown = (e: { path: string; type: string; target?: string }) => `/${e.path}${e.type === 'd' ? '/' : ''}${e.target !== undefined ? ` → ${e.target}` : ''}`;

function Marks({ e }: { e: LayerEntry }) {
  return (
    <>
      {e.whiteout && (
        <span className={`${styles.mark} ${styles.whiteout}`}>
          <Translate id="playground.mark.whiteout" description="Mark of a whiteout entry (a deleted name)">whiteout (apagado)</Translate>
        </span>
      )}
      {e.opaque === 'y' && (
        <span className={`${styles.mark} ${styles.opaque}`}>
          <Translate id="playground.mark.opaque" description="Mark of an opaque directory">opaco</Translate>
        </span>
      )}
      {e.redirect && <span className={styles.mark}>redirect={e.redirect}</span>}
      {e.metacopy && <span className={styles.mark}>metacopy</span>}
      {e.origin && <span className={styles.mark}>origin</span>}
    </>
  );
}

function Layer({ layer, testid }: { layer: LayerView; testid: string }) {
  return (
    <section className={styles.layer} data-testid={testid} data-layer={layer.name} aria-label={layer.name}>
      <h4>{layer.name}</h4>
      {layer.entries.length === 0 ? (
        <p className={styles.empty}>
          <Translate id="playground.layer.empty" description="Shown for a layer with no entries">(vazia)</Translate>
        </p>
      ) : (
        <ul>
          {layer.entries.map((e) => (
            <li key={e.path} data-path={e.path} data-whiteout={e.whiteout ? '1' : undefined} data-opaque={e.opaque === 'y' ? '1' : undefined}>
              <code>{shown(e)}</code> <Marks e={e} />
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function Merged({ entries }: { entries: MergedEntry[] }) {
  return (
    <table className={styles.merged} data-testid="merged">
      <thead>
        <tr>
          <th scope="col">
            <Translate id="playground.merged.path" description="Column: path">caminho</Translate>
          </th>
          <th scope="col">
            <Translate id="playground.merged.mode" description="Column: mode">modo</Translate>
          </th>
          <th scope="col">
            <Translate id="playground.merged.size" description="Column: size in bytes">bytes</Translate>
          </th>
          <th scope="col">
            <Translate id="playground.merged.from" description="Column: layer that serves the entry">vem de</Translate>
          </th>
        </tr>
      </thead>
      <tbody>
        {entries.map((e) => (
          <tr key={e.path} data-path={e.path} data-type={e.type} data-from={e.from} data-size={e.type === 'f' ? e.size : undefined}>
            <td>
              <code>{shown(e)}</code>
            </td>
            <td>{oct(e.mode)}</td>
            <td>{e.type === 'f' ? e.size : ''}</td>
            <td className={e.from === 'upper' ? styles.fromUpper : undefined}>{e.metacopy ? `${e.from} (metacopy)` : e.from}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** The lower layers: the same objects for a whole session, so React skips them after the first render. */
const Lowers = React.memo(function Lowers({ lowers }: { lowers: LayerView[] }) {
  const { i18n } = useDocusaurusContext();
  // The count agrees with its word (1 camada, 2 camadas): the library's plural, in the page's language.
  const layers = counted('layers', lowers.length, i18n.currentLocale === 'en' ? 'en' : 'pt-BR');
  return (
    <div className={styles.column}>
      <h3>
        lowerdir{' '}
        <small>
          <Translate id="playground.column.lowers" description="Subtitle of the lower layers column; {layers} is the count with its word" values={{ layers }}>
            {'({layers}, L0 no topo, somente leitura)'}
          </Translate>
        </small>
      </h3>
      <div className={styles.scroll} tabIndex={0} role="region" aria-label="lowerdir">
        {lowers.map((l) => (
          <Layer key={l.name} layer={l} testid="lower" />
        ))}
      </div>
    </div>
  );
});

/** Lower layers, the upper layer and the merged view, side by side. */
export default function Layers({ view }: { view: StackView }) {
  return (
    <div className={styles.columns}>
      <Lowers lowers={view.lowers} />
      <div className={styles.column}>
        <h3>
          upperdir{' '}
          <small>
            <Translate id="playground.column.upper" description="Subtitle of the upper layer column">(gravável)</Translate>
          </small>
        </h3>
        {view.upper ? (
          <Layer layer={view.upper} testid="upper" />
        ) : (
          <p>
            <Translate id="playground.column.noUpper" description="Shown when mounted read-only">Montagem somente leitura: não há upperdir, toda escrita falha com EROFS.</Translate>
          </p>
        )}
      </div>
      <div className={styles.column}>
        <h3>
          merged{' '}
          <small>
            <Translate id="playground.column.merged" description="Subtitle of the merged view column">(o que o contêiner vê)</Translate>
          </small>
        </h3>
        <Merged entries={view.merged} />
      </div>
    </div>
  );
}
