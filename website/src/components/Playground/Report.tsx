import React, { useState } from 'react';
import Translate from '@docusaurus/Translate';
import type { PlaygroundSession, Snapshot } from './model';
import styles from './styles.module.css';

/** The canonical report, computed only while the box is open. */
export default function Report({ session, snap }: { session: PlaygroundSession; snap: Snapshot }) {
  const [open, setOpen] = useState(false);
  return (
    <details className={styles.report} onToggle={(e) => setOpen(e.currentTarget.open)}>
      <summary data-testid="report-summary">
        <Translate id="playground.report.title" description="Summary of the canonical report box">Relatório canônico (o mesmo de overlay-lab sim run e kernel run)</Translate>
      </summary>
      {open && <pre data-testid="report" data-steps={snap.trace.length}>{session.report()}</pre>}
    </details>
  );
}
