/* A Mermaid diagram drawn through the playground's queue (mermaid-queue.ts), in the site's Mermaid theme. */
import React, { useEffect, useRef, useState } from 'react';
import { MermaidContainerClassName, useMermaidConfig } from '@docusaurus/theme-mermaid/client';
import { drawInTurn, type Drawn } from './mermaid-queue';

let made = 0;

export default function SerialMermaid({ value }: { value: string }) {
  const config = useMermaidConfig();
  // Mermaid wants an id that is a valid CSS selector (React's useId is not).
  const [id] = useState(() => `playground-mermaid-${++made}`);
  const [drawn, setDrawn] = useState<Drawn | null>(null);
  const [error, setError] = useState<string | undefined>();
  const ref = useRef<HTMLDivElement | null>(null);

  useEffect(() => {
    let current = true;
    drawInTurn(id, value, config).then(
      (d) => {
        if (current && d) (setDrawn(d), setError(undefined));
      },
      (e: unknown) => current && setError(e instanceof Error ? e.message : String(e)),
    );
    return () => {
      current = false;
    };
  }, [id, value, config]);

  useEffect(() => {
    if (drawn && ref.current) drawn.bindFunctions?.(ref.current);
  }, [drawn]);

  if (error) return <pre role="alert">{error}</pre>;
  if (!drawn) return null;
  // eslint-disable-next-line react/no-danger
  return <div ref={ref} className={MermaidContainerClassName} style={{ maxWidth: '100%' }} dangerouslySetInnerHTML={{ __html: drawn.svg }} />;
}
