import React, { useState } from 'react';
import Translate from '@docusaurus/Translate';
import styles from './styles.module.css';

/**
 * Copies the page's address (which holds the whole situation). Where the clipboard is not
 * allowed (a page served over plain http), the address is shown selected, ready for Ctrl+C.
 */
export default function CopyLink() {
  const [state, setState] = useState<'idle' | 'copied' | 'manual'>('idle');
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(window.location.href);
      setState('copied');
    } catch {
      setState('manual');
    }
  };
  return (
    <>
      <button type="button" className="button button--sm button--primary" onClick={copy} data-testid="copy-link">
        <Translate id="playground.copyLink" description="Button: copy the address of this situation">Copiar link</Translate>
      </button>{' '}
      <span className={styles.hint} role="status" data-testid="copy-status">
        {state === 'copied' && (
          <Translate id="playground.copyLink.done" description="After the link was copied">Link copiado: quem abrir verá esta mesma situação.</Translate>
        )}
        {state === 'manual' && (
          <>
            <Translate id="playground.copyLink.manual" description="The clipboard is not available: copy the address by hand">O navegador não deixou copiar; copie o endereço abaixo:</Translate>{' '}
            <input readOnly className={styles.linkBox} value={window.location.href} onFocus={(e) => e.currentTarget.select()} autoFocus aria-label="URL" />
          </>
        )}
        {state === 'idle' && (
          <Translate id="playground.share" description="Hint: the address bar holds the whole situation">O endereço desta página guarda a situação inteira.</Translate>
        )}
      </span>
    </>
  );
}
