/*
 * Mermaid is one mutable singleton (its config, its d3 selections): a redraw started while a draw
 * is still running can throw from d3 ("t.transition is not a function"), as the playground did
 * when restored from a URL. So the playground draws one diagram at a time, and of the requests
 * that wait, only the newest of each diagram is drawn.
 */
import { loadMermaid } from '@docusaurus/theme-mermaid/lib/client/loadMermaid';

export interface Drawn {
  svg: string;
  bindFunctions?: (element: Element) => void;
}

let queue: Promise<unknown> = Promise.resolve();
const newest = new Map<string, number>();
let asked = 0;

/**
 * Draws `text` as the diagram `id` once every earlier draw has finished. Resolves null when a
 * newer request for the same `id` came in meanwhile (latest wins: that one is drawn instead).
 */
export function drawInTurn(id: string, text: string, config: object): Promise<Drawn | null> {
  const mine = ++asked;
  newest.set(id, mine);
  const turn = queue.then(async (): Promise<Drawn | null> => {
    if (newest.get(id) !== mine) return null;
    const mermaid = await loadMermaid();
    mermaid.initialize(config);
    try {
      return await mermaid.render(id, text);
    } catch (e) {
      // Mermaid leaves an error drawing in the body on failure (as @docusaurus/theme-mermaid removes it).
      document.querySelector(`#d${id}`)?.remove();
      throw e;
    }
  });
  queue = turn.catch(() => undefined);
  return turn;
}
