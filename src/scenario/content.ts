/**
 * CONTENT escapes: `\n`, `\t`, `\\` and `\xHH`. Anything else after a backslash is an error
 * (a typo should not silently become data).
 */
export function decodeContent(text: string): Uint8Array | { error: string; escape: string } {
  const out: number[] = [];
  const utf8 = new TextEncoder();
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch !== '\\') {
      const cp = text.codePointAt(i)!;
      const s = String.fromCodePoint(cp);
      out.push(...utf8.encode(s));
      i += s.length - 1;
      continue;
    }
    const next = text[i + 1];
    if (next === 'n') out.push(10);
    else if (next === 't') out.push(9);
    else if (next === '\\') out.push(92);
    else if (next === 'x' && /^[0-9a-fA-F]{2}$/.test(text.slice(i + 2, i + 4))) {
      out.push(parseInt(text.slice(i + 2, i + 4), 16));
      i += 2;
    } else {
      return { error: `bad escape "\\${next ?? ''}" (use \\n, \\t, \\\\ or \\xHH)`, escape: `\\${next ?? ''}` };
    }
    i += 1;
  }
  return new Uint8Array(out);
}
