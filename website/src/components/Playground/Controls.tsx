import React from 'react';
import Translate, { translate } from '@docusaurus/Translate';
import { formatNumber, type Lang, LAYER_STORE_MAX_DEPTH, OVL_MAX_STACK } from '../../../../src/browser';
import { MAX_LAYERS_ASKED, MOUNT_FLAGS, PRESETS, stateForPreset, type PlaygroundState } from './model';
import styles from './styles.module.css';

/** Starting stack and mount options: changing one remounts from scratch. */
export default function Controls({ state, lang, onChange }: { state: PlaygroundState; lang: Lang; onChange: (s: PlaygroundState) => void }) {
  return (
    <fieldset className={styles.controls}>
      <legend>
        <Translate id="playground.controls.legend" description="Legend of the box where the reader picks the starting stack and mount options">
          Pilha inicial e opções de montagem
        </Translate>
      </legend>
      <label className={styles.field}>
        <span>
          <Translate id="playground.controls.preset" description="Label of the starting-stack select">Pilha inicial</Translate>
        </span>
        <select data-testid="preset" value={state.preset} onChange={(e) => onChange(stateForPreset(e.target.value))}>
          {PRESETS.map((p) => (
            <option key={p.id} value={p.id}>
              {p.id}: {p.title[lang]}
            </option>
          ))}
        </select>
      </label>
      {MOUNT_FLAGS.map((f) => (
        <label key={f} className={styles.check}>
          <input
            type="checkbox"
            data-testid={`flag-${f}`}
            checked={state.flags[f]}
            onChange={(e) => onChange({ ...state, flags: { ...state.flags, [f]: e.target.checked } })}
          />
          <code>{f}=on</code>
        </label>
      ))}
      <label className={styles.check}>
        <input type="checkbox" data-testid="read-only" checked={state.readOnly} onChange={(e) => onChange({ ...state, readOnly: e.target.checked })} />
        <Translate id="playground.controls.readOnly" description="Checkbox: mount without an upper layer">somente leitura (sem upperdir)</Translate>
      </label>
      <label className={styles.field}>
        <span>
          <Translate id="playground.controls.layers" description="Label of the number input: minimum number of lower layers">Camadas inferiores (mínimo)</Translate>
        </span>
        <input
          type="number"
          data-testid="layers"
          min={0}
          max={MAX_LAYERS_ASKED}
          value={state.layers}
          title={translate(
            { id: 'playground.controls.layersHint', message: 'O Docker aceita imagens de até {store} camadas; o kernel aceita até {kernel} lowerdirs', description: 'Tooltip of the layers input' },
            { store: formatNumber(LAYER_STORE_MAX_DEPTH, lang), kernel: formatNumber(OVL_MAX_STACK, lang) },
          )}
          onChange={(e) => onChange({ ...state, layers: Math.min(Math.max(Number(e.target.value) || 0, 0), MAX_LAYERS_ASKED) })}
        />
      </label>
    </fieldset>
  );
}
