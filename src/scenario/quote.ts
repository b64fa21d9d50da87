/**
 * Paths in scenario lines and reports (SCENARIOS.md): a path with a space, a double quote, a
 * backslash or a control byte is written in double quotes with the CONTENT escapes plus `\"`.
 */
import { decodeContent, encodeContent } from './content';

/** Whether a path must be quoted to be read back as one word. */
export const needsQuotes = (path: string): boolean => path === '' || path.startsWith('"') || /[\s"\\\x00-\x1f\x7f]/.test(path);

/**
 * A path as a scenario line or a report writes it.
 * @example quotePath('meu arquivo.txt') // '"meu arquivo.txt"'
 * @example quotePath('etc/motd') // 'etc/motd'
 */
export function quotePath(path: string): string {
  return needsQuotes(path) ? `"${encodeContent(path, true)}"` : path;
}

/**
 * Splits the next path off a line: a quoted one (escapes decoded) or one word. Returns the path,
 * the rest after one space (undefined at the end), or why it cannot be read.
 * @example pathWord('"a b" rest') // { path: 'a b', rest: 'rest' }
 */
export function pathWord(s: string): { path: string; rest: string | undefined } | { error: 'unclosed' | 'after' | 'utf8' } | { error: 'escape'; escape: string } {
  if (!s.startsWith('"')) {
    const i = s.indexOf(' ');
    return i < 0 ? { path: s, rest: undefined } : { path: s.slice(0, i), rest: s.slice(i + 1) };
  }
  let i = 1;
  while (i < s.length && s[i] !== '"') i += s[i] === '\\' ? 2 : 1;
  if (i >= s.length) return { error: 'unclosed' };
  const after = s.slice(i + 1);
  if (after !== '' && !after.startsWith(' ')) return { error: 'after' };
  const bytes = decodeContent(s.slice(1, i), true);
  if (!(bytes instanceof Uint8Array)) return { error: 'escape', escape: bytes.escape };
  let path: string;
  try {
    path = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return { error: 'utf8' };
  }
  return { path, rest: after === '' ? undefined : after.slice(1) };
}
