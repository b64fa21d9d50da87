/* The playground's state machine as a hook: the URL is read once, then every change writes it back. */
import { useCallback, useEffect, useLayoutEffect, useRef, useState } from 'react';
import { useHistory, useLocation } from '@docusaurus/router';
import { translate } from '@docusaurus/Translate';
import type { Lang } from '../../../../src/browser';
import { decodeState, encodeState, PlaygroundSession, stateForPreset, type PlaygroundState, type Snapshot } from './model';

export interface Playground {
  session: PlaygroundSession | null;
  snap: Snapshot | null;
  inputError?: string;
  act(line: string): void;
  /** A blank line was submitted: replaces any earlier error with one that says so. */
  blank(): void;
  undo(): void;
  reset(state: PlaygroundState): void;
  /** Where the page writes how long the last action took, for the one-frame check. */
  rootRef: React.RefObject<HTMLDivElement | null>;
}

export function usePlayground(lang: Lang): Playground {
  const history = useHistory();
  const location = useLocation();
  const [session, setSession] = useState<PlaygroundSession | null>(null);
  const [snap, setSnap] = useState<Snapshot | null>(null);
  const [inputError, setInputError] = useState<string | undefined>();
  const started = useRef<number | null>(null);
  const rootRef = useRef<HTMLDivElement | null>(null);

  const show = useCallback(
    (s: PlaygroundSession) => {
      setSession(s);
      setSnap(s.snapshot(lang));
      history.replace({ pathname: location.pathname, search: `?${encodeState(s.state)}`, hash: location.hash });
    },
    [history, lang, location.pathname, location.hash],
  );

  // The URL is read after hydration: the static HTML cannot know it.
  useEffect(() => {
    show(PlaygroundSession.open(decodeState(location.search), lang));
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  // From the click to the DOM being updated: the time one action costs the reader.
  useLayoutEffect(() => {
    if (started.current === null || !rootRef.current) return;
    rootRef.current.dataset.actionMs = (performance.now() - started.current).toFixed(2);
    started.current = null;
  }, [snap]);

  const act = useCallback(
    (line: string) => {
      if (!session) return;
      started.current = performance.now();
      const r = session.run(line, lang);
      setInputError(r.inputError);
      show(session);
    },
    [session, lang, show],
  );

  const blank = useCallback(() => {
    setInputError(
      translate({ id: 'playground.action.blank', message: 'Nada a executar: a linha está vazia. Escreva uma linha de cenário, por exemplo mv etc/hostname etc/name.', description: 'Shown when an empty scenario line is submitted' }),
    );
  }, []);

  const reset = useCallback((state: PlaygroundState) => {
    setInputError(undefined);
    show(PlaygroundSession.open(state, lang));
  }, [lang, show]);

  const undo = useCallback(() => {
    if (!session) return;
    reset({ ...session.state, actions: session.state.actions.slice(0, -1) });
  }, [session, reset]);

  return { session, snap, inputError, act, blank, undo, reset, rootRef };
}

export { stateForPreset };
