/* The page's side of the archive worker: one worker, started with the page (so it works offline once loaded); a new file ends the old load. */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { Lang, ImageSummary, PathHistory } from '../../../../src/browser';
import type { FromWorker, LabSnapshot, ToWorker } from './archiveSession';

export interface ArchiveState {
  phase: 'idle' | 'loading' | 'loaded' | 'failed';
  name?: string;
  size?: number;
  read?: number;
  summary?: ImageSummary;
  /** Milliseconds the worker took to read and analyse the archive. */
  ms?: number;
  error?: string;
  code?: string;
  history?: PathHistory;
  historyError?: string;
  merged?: string;
  lab?: LabSnapshot;
  labError?: string;
}

export interface Archive {
  state: ArchiveState;
  open(file: File, hashesOnly: boolean): void;
  ask(m: ToWorker): void;
}

export function useArchive(lang: Lang): Archive {
  const worker = useRef<Worker | null>(null);
  const [state, setState] = useState<ArchiveState>({ phase: 'idle' });

  const onMessage = useCallback((m: FromWorker) => {
    setState((s) => {
      switch (m.type) {
        case 'progress':
          return { ...s, read: m.read };
        case 'loaded':
          return { ...s, phase: 'loaded', summary: m.summary, ms: m.ms };
        case 'failed':
          return { ...s, phase: 'failed', error: m.message, code: m.code };
        case 'history':
          return { ...s, history: m.history, historyError: m.error };
        case 'merged':
          return { ...s, merged: m.section };
        case 'lab':
          return { ...s, lab: m.snap ?? s.lab, labError: m.error };
      }
    });
  }, []);

  useEffect(() => {
    const w = new Worker(new URL('./archive.worker.ts', import.meta.url));
    w.onmessage = (e: MessageEvent<FromWorker>) => onMessage(e.data);
    worker.current = w;
    return () => w.terminate();
  }, [onMessage]);

  const open = useCallback(
    (file: File, hashesOnly: boolean) => {
      const w = worker.current;
      if (!w) return;
      // The file goes to this page's worker by postMessage (a structured clone of the File handle): no request carries it.
      setState({ phase: 'loading', name: file.name, size: file.size, read: 0 });
      w.postMessage({ type: 'load', file, name: file.name, hashesOnly, lang } satisfies ToWorker);
    },
    [lang, onMessage],
  );

  const ask = useCallback((m: ToWorker) => {
    if (m.type === 'unmount') setState((s) => ({ ...s, lab: undefined, labError: undefined, merged: undefined }));
    worker.current?.postMessage(m);
  }, []);

  return { state, open, ask };
}
