/*
 * The instructor's answer sheet: every exercise of every lesson, its question and its answer, read
 * from the exercises themselves (src/course, answerSheet) so the sheet never drifts from the lessons.
 */
import React from 'react';
import Link from '@docusaurus/Link';
import useDocusaurusContext from '@docusaurus/useDocusaurusContext';
import { type Lang, answerSheet } from '../../../../src/browser';

function WithCode({ text }: { text: string }) {
  return (
    <>
      {text.split(/`([^`]+)`/).map((part, i) => (i % 2 ? <code key={i}>{part}</code> : <React.Fragment key={i}>{part}</React.Fragment>))}
    </>
  );
}

export default function ExerciseAnswers() {
  const { i18n } = useDocusaurusContext();
  const lang: Lang = i18n.currentLocale === 'en' ? 'en' : 'pt-BR';
  return (
    <div data-testid="exercise-answers">
      {answerSheet(lang).map((l) => (
        <section key={l.lesson} data-lesson={l.lesson}>
          <h3>
            {/* The lab pages drop the notebook's number from their address (docs:gen's slug). */}
            <Link to={`/docs/labs/${l.lesson}`}>
              {Number(l.notebook.slice(0, 2))}. {l.title}
            </Link>
          </h3>
          <ol>
            {l.exercises.map((e) => (
              <li key={e.id} data-exercise={e.id}>
                <p>
                  <WithCode text={e.question} />
                </p>
                <p>
                  <strong>→</strong> <WithCode text={e.answer} />
                </p>
              </li>
            ))}
          </ol>
        </section>
      ))}
    </div>
  );
}
