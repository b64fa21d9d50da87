import React, { useState } from 'react';
import Translate, { translate } from '@docusaurus/Translate';
import { ACTION_FIELDS, ACTIONS, actionLine, type ActionField, type ActionKind } from './model';
import styles from './styles.module.css';

function fieldLabel(name: ActionField): string {
  switch (name) {
    case 'path':
      return translate({ id: 'playground.action.path', message: 'caminho', description: 'Field: path in the merged view' });
    case 'content':
      return translate({ id: 'playground.action.content', message: 'conteúdo', description: 'Field: text to write' });
    case 'to':
      return translate({ id: 'playground.action.to', message: 'novo caminho', description: 'Field: destination path of rename or link' });
    case 'mode':
      return translate({ id: 'playground.action.mode', message: 'modo (octal)', description: 'Field: octal mode for chmod' });
  }
}

function actionLabel(kind: ActionKind): string {
  switch (kind) {
    case 'write':
      return translate({ id: 'playground.action.write', message: 'escrever (write)', description: 'Action: create or overwrite a file' });
    case 'append':
      return translate({ id: 'playground.action.append', message: 'acrescentar (append)', description: 'Action: append to a file' });
    case 'rm':
      return translate({ id: 'playground.action.rm', message: 'apagar arquivo (rm)', description: 'Action: delete a file' });
    case 'mkdir':
      return translate({ id: 'playground.action.mkdir', message: 'criar diretório (mkdir)', description: 'Action: make a directory' });
    case 'rmdir':
      return translate({ id: 'playground.action.rmdir', message: 'remover diretório (rmdir)', description: 'Action: remove a directory' });
    case 'rename':
      return translate({ id: 'playground.action.rename', message: 'renomear (rename)', description: 'Action: rename' });
    case 'chmod':
      return translate({ id: 'playground.action.chmod', message: 'mudar modo (chmod)', description: 'Action: change mode' });
    case 'ln':
      return translate({ id: 'playground.action.ln', message: 'link físico (link)', description: 'Action: make a hard link' });
  }
}

/** One action on the merged view, turned into a scenario line; or a line typed as is. */
const PLACEHOLDER = 'mv etc/hostname etc/name';

export default function ActionForm({ onAct, onBlank, disabled }: { onAct: (line: string) => void; onBlank: () => void; disabled: boolean }) {
  const [kind, setKind] = useState<ActionKind>('write');
  const [f, setF] = useState({ path: 'etc/motd', content: 'hello', to: '', mode: '0600' });
  const [line, setLine] = useState('');
  return (
    <div className={styles.actions}>
      <form
        data-testid="action-form"
        onSubmit={(e) => {
          e.preventDefault();
          onAct(actionLine(kind, f));
        }}>
        <label className={styles.field}>
          <span>
            <Translate id="playground.action.kind" description="Label of the action select">Ação no merged</Translate>
          </span>
          <select data-testid="action-kind" value={kind} onChange={(e) => setKind(e.target.value as ActionKind)}>
            {ACTIONS.map((a) => (
              <option key={a} value={a}>
                {actionLabel(a)}
              </option>
            ))}
          </select>
        </label>
        {ACTION_FIELDS[kind].map((name) => (
          <label key={name} className={styles.field}>
            <span>{fieldLabel(name)}</span>
            <input data-testid={`action-${name}`} value={f[name]} onChange={(e) => setF({ ...f, [name]: e.target.value })} />
          </label>
        ))}
        <button type="submit" className="button button--primary" disabled={disabled} data-testid="action-run">
          <Translate id="playground.action.run" description="Button that runs the action">Executar</Translate>
        </button>
      </form>
      <form
        data-testid="line-form"
        onSubmit={(e) => {
          e.preventDefault();
          // A blank line runs nothing: say so, instead of leaving the last error on screen.
          if (line.trim()) onAct(line);
          else onBlank();
          setLine('');
        }}>
        <label className={styles.field}>
          <span>
            <Translate id="playground.action.line" description="Label of the free scenario-line input">ou uma linha de cenário</Translate>
          </span>
          <input data-testid="action-line" value={line} placeholder={PLACEHOLDER} size={PLACEHOLDER.length + 2} onChange={(e) => setLine(e.target.value)} />
        </label>
        <button type="submit" className="button button--secondary" disabled={disabled}>
          <Translate id="playground.action.runLine" description="Button that runs the typed scenario line">Executar linha</Translate>
        </button>
      </form>
    </div>
  );
}
