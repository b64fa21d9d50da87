import * as os from 'node:os';

const BY_NUMBER = new Map<number, string>(Object.entries(os.constants.errno).map(([name, n]) => [n, name]));

/**
 * The errno name of a failed Node call. libuv does not name every errno (ESTALE comes back as
 * "Unknown system error -116"), so the number is looked up when the name is missing.
 * @example errnoName({ code: 'Unknown system error -116', errno: -116 }) // 'ESTALE'
 */
export function errnoName(e: unknown): string {
  const err = e as NodeJS.ErrnoException;
  if (err.code && /^E[A-Z0-9]+$/.test(err.code)) return err.code;
  const n = typeof err.errno === 'number' ? Math.abs(err.errno) : Number(/-?(\d+)$/.exec(err.code ?? '')?.[1]);
  return BY_NUMBER.get(n) ?? err.code ?? 'EIO';
}
