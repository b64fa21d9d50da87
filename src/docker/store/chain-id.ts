import { sha256Hex } from '../../union/sha256';

const UTF8 = new TextEncoder();

/**
 * Chain IDs, as the engine computes them to name layerdb entries. A diff ID names one
 * layer's content alone; a chain ID names a layer *on top of* everything below it, so the
 * same tar on two different bases gets two directories:
 *   chain(1) = diff(1)
 *   chain(n) = sha256(chain(n-1) + " " + diff(n))
 * @example chainIds(['sha256:aa', 'sha256:bb'])[0] // 'sha256:aa'
 */
export function chainIds(diffIds: readonly string[]): string[] {
  const out: string[] = [];
  for (const diffId of diffIds) {
    const parent = out[out.length - 1];
    out.push(parent === undefined ? diffId : `sha256:${sha256Hex(UTF8.encode(`${parent} ${diffId}`))}`);
  }
  return out;
}
