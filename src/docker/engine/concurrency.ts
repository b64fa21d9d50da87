/**
 * Runs `f` over `items` with at most `limit` calls in flight, keeping the order of results:
 * enough parallelism to hide disk and socket latency without opening hundreds of files at once.
 * @example await mapLimit(['a', 'b'], 2, async (x) => x.toUpperCase()) // ['A', 'B']
 */
export async function mapLimit<T, R>(items: readonly T[], limit: number, f: (t: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await f(items[i]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}
