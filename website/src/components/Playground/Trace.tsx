import React from 'react';
import Translate from '@docusaurus/Translate';
import type { TraceStep } from './model';
import styles from './styles.module.css';

/** Each action, its result as the kernel returns it, and what the mount did on its own. */
export default function Trace({ steps }: { steps: TraceStep[] }) {
  if (steps.length === 0) {
    return (
      <p data-testid="trace-empty">
        <Translate id="playground.trace.empty" description="Shown before the first action">Nenhuma ação ainda: escolha uma ação acima.</Translate>
      </p>
    );
  }
  return (
    <ol className={styles.trace} data-testid="trace">
      {steps.map((s, i) => (
        <li key={i} data-ok={s.ok ? '1' : '0'}>
          <code>$ {s.line}</code>{' '}
          {s.ok ? <span className={styles.ok}>OK</span> : <span className={styles.err} data-testid="errno">{s.error}</span>}
          {s.quiet && (
            <>
              {' '}
              <span className={styles.quiet} data-testid="quiet">
                {s.quiet}
              </span>
            </>
          )}
          {s.events.length > 0 && (
            <ul>
              {s.events.map((e, j) => (
                <li key={j}>{e}</li>
              ))}
            </ul>
          )}
        </li>
      ))}
    </ol>
  );
}
