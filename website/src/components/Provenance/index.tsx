/*
 * Where a lab page's outputs came from, atop every page generated from a notebook: the run's
 * record (engine, storage driver, kernel, architecture, date, live or simulated), a "simulated
 * run" banner, or "provenance unknown". The generator (src/notebook/mdx.ts) passes the
 * record; the library says what to show (provenanceView): this only draws it.
 */
import React from 'react';
import clsx from 'clsx';
import useDocusaurusContext from '@docusaurus/useDocusaurusContext';
import {
  type Lang,
  type NotebookProvenance,
  type SimulatedCell,
  provenanceView,
} from '../../../../src/browser';
import styles from './styles.module.css';

/** Text with `code` spans, as the library's messages write commands. */
function WithCode({ text }: { text: string }) {
  return (
    <>
      {text.split(/`([^`]+)`/).map((part, i) => (i % 2 ? <code key={i}>{part}</code> : <React.Fragment key={i}>{part}</React.Fragment>))}
    </>
  );
}

export default function Provenance({ record, simulatedCells = [] }: { record: NotebookProvenance | null; simulatedCells?: SimulatedCell[] }) {
  const { i18n } = useDocusaurusContext();
  const lang: Lang = i18n.currentLocale === 'en' ? 'en' : 'pt-BR';
  const v = provenanceView(record, simulatedCells, lang);
  return (
    <div className={styles.provenance} data-testid="provenance" data-state={v.state}>
      {v.banner && (
        <div className={clsx('alert alert--danger', styles.banner)} role="note" data-testid="simulated-banner">
          <span aria-hidden="true">⚠ </span>
          <WithCode text={v.banner} />
        </div>
      )}
      <section className={clsx('alert', v.state === 'unknown' ? 'alert--warning' : 'alert--info', styles.box)} aria-label={v.title}>
        <p className={styles.title}>
          <strong>{v.title}</strong>
        </p>
        {v.unknown !== undefined ? (
          <p className={styles.unknown} data-testid="provenance-unknown">
            <WithCode text={v.unknown} />
          </p>
        ) : (
          <dl className={styles.lines}>
            {v.lines.map(([label, value]) => (
              <div key={label} className={styles.line}>
                <dt>{label}</dt>
                <dd>{value}</dd>
              </div>
            ))}
          </dl>
        )}
      </section>
    </div>
  );
}
