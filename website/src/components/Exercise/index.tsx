/*
 * A predict-then-check exercise on a lesson page: the question and a prediction box, then the
 * verdict with what happened and why. The judging is the library's (src/course `judge`): a model exercise
 * computes its facts here, in the browser, on the union engine; a live one (lesson 1, the real
 * image of lesson 5) checks against the facts its notebook's run recorded, passed by the page.
 */
import React, { useId, useMemo, useState } from 'react';
import clsx from 'clsx';
import Translate, { translate } from '@docusaurus/Translate';
import useDocusaurusContext from '@docusaurus/useDocusaurusContext';
import { type Lang, exerciseById, isModelExercise, judge, type Verdict } from '../../../../src/browser';
import styles from './styles.module.css';

/** Text with `code` spans, as the library writes commands and paths. */
function WithCode({ text }: { text: string }) {
  return (
    <>
      {text.split(/`([^`]+)`/).map((part, i) => (i % 2 ? <code key={i}>{part}</code> : <React.Fragment key={i}>{part}</React.Fragment>))}
    </>
  );
}

/** What the engine did and the rule that decides it. */
function Explained({ actual, why }: { actual: string; why: string }) {
  return (
    <>
      <p>
        <strong>
          <Translate id="exercise.actual" description="Label: what the engine did">O que aconteceu:</Translate>
        </strong>{' '}
        <WithCode text={actual} />
      </p>
      <p>
        <strong>
          <Translate id="exercise.why" description="Label: the rule that decides it">Por quê:</Translate>
        </strong>{' '}
        <WithCode text={why} />
      </p>
    </>
  );
}

/** A judged prediction; an empty or unreadable one (with what happened and why, when the exercise can say); or the answer. */
type Shown =
  | { kind: 'verdict'; verdict: Verdict }
  | { kind: 'empty' | 'unread'; revealed?: Omit<Verdict, 'correct'> }
  | { kind: 'answer' };

export default function Exercise({ id, facts: recorded = null }: { id: string; facts?: unknown }) {
  const { i18n } = useDocusaurusContext();
  const lang: Lang = i18n.currentLocale === 'en' ? 'en' : 'pt-BR';
  const ex = exerciseById(id);
  const inputId = useId();
  const [text, setText] = useState('');
  const [shown, setShown] = useState<Shown | undefined>();
  // A model exercise runs on the engine in the browser; a live one needs its run's facts.
  const facts = useMemo(() => (ex && isModelExercise(ex) ? ex.model() : recorded), [ex, recorded]);
  if (!ex) throw new Error(`Exercise: no exercise ${id} in src/course`);
  const check = (e: React.FormEvent) => {
    e.preventDefault();
    // A live exercise whose run recorded no facts can only give its answer.
    if (facts === null) return setShown({ kind: 'answer' });
    const j = judge(ex, text, facts, lang);
    setShown(j.state === 'judged' ? { kind: 'verdict', verdict: j.verdict } : { kind: j.state, revealed: j.revealed });
  };
  const v = shown?.kind === 'verdict' ? shown.verdict : undefined;
  const revealed = shown?.kind === 'empty' || shown?.kind === 'unread' ? shown.revealed : undefined;
  return (
    <section className={clsx('alert alert--secondary', styles.box)} data-testid="exercise" data-exercise={id} aria-labelledby={`${inputId}-q`}>
      <p className={styles.kicker}>
        <span aria-hidden="true">✍ </span>
        <Translate id="exercise.kicker" description="Label atop an exercise box">Exercício: prever, depois conferir</Translate>
      </p>
      <p id={`${inputId}-q`} className={styles.question}>
        <WithCode text={ex.question[lang]} />
      </p>
      <form onSubmit={check} className={styles.form}>
        <label htmlFor={inputId} className={styles.label}>
          <WithCode text={ex.form[lang]} />
        </label>
        <div className={styles.row}>
          <input
            id={inputId}
            className={styles.input}
            value={text}
            onChange={(e) => setText(e.target.value)}
            placeholder={translate({ id: 'exercise.placeholder', message: 'Sua previsão', description: 'Placeholder of the prediction box' })}
            autoComplete="off"
          />
          <button type="submit" className="button button--primary">
            <Translate id="exercise.check" description="Button that checks the prediction">Conferir</Translate>
          </button>
          <button type="button" className="button button--link" onClick={() => setShown({ kind: 'answer' })}>
            <Translate id="exercise.reveal" description="Button that shows the answer without a prediction">Mostrar a resposta</Translate>
          </button>
        </div>
      </form>
      <div aria-live="polite" data-testid="exercise-result">
        {shown?.kind === 'empty' && (
          <p className={styles.unread}>
            <Translate id="exercise.empty" description="The check was asked with an empty prediction">Ainda sem previsão: escreva uma na caixa e depois confira.</Translate>
          </p>
        )}
        {shown?.kind === 'unread' && (
          <p className={styles.unread}>
            <Translate id="exercise.unread" description="The prediction could not be read">Não deu para ler a previsão. Escreva como pede a linha acima.</Translate>
          </p>
        )}
        {revealed && <Explained actual={revealed.actual} why={revealed.why} />}
        {v && (
          <div className={clsx(styles.verdict, v.correct ? styles.right : styles.wrong)} data-correct={v.correct}>
            <p className={styles.head}>
              <span aria-hidden="true">{v.correct ? '✔ ' : '✘ '}</span>
              {v.correct ? (
                <Translate id="exercise.right" description="Verdict: the prediction was right">Acertou.</Translate>
              ) : (
                <Translate id="exercise.wrong" description="Verdict: the prediction was wrong">Não foi dessa vez.</Translate>
              )}
            </p>
            <Explained actual={v.actual} why={v.why} />
          </div>
        )}
        {shown?.kind === 'answer' && (
          <div className={styles.verdict} data-testid="exercise-answer">
            <p>
              <strong>
                <Translate id="exercise.answer" description="Label: the exercise's answer">Resposta:</Translate>
              </strong>{' '}
              <WithCode text={ex.answer[lang]} />
            </p>
          </div>
        )}
      </div>
    </section>
  );
}
