/**
 * CONTENT escapes: `\n`, `\t`, `\\` and `\xHH`; inside a quoted path also `\"`. Anything else
 * after a backslash is an error (a typo should not silently become data).
 */
export function decodeContent(text: string, quoted = false): Uint8Array | { error: string; escape: string } {
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
    else if (next === '"' && quoted) out.push(34);
    else if (next === 'x' && /^[0-9a-fA-F]{2}$/.test(text.slice(i + 2, i + 4))) {
      out.push(parseInt(text.slice(i + 2, i + 4), 16));
      i += 2;
    } else {
      return { error: `bad escape "\\${next ?? ''}" (use \\n, \\t, \\\\${quoted ? ', \\"' : ''} or \\xHH)`, escape: `\\${next ?? ''}` };
    }
    i += 1;
  }
  return new Uint8Array(out);
}

const hex2 = (b: number) => `\\x${b.toString(16).padStart(2, '0')}`;

/**
 * Text (or bytes) as CONTENT writes it, so that decodeContent gives it back: backslash, newline
 * and tab escaped, other control bytes and bytes that are not UTF-8 as `\xHH`.
 * @example encodeContent('a\nb') // 'a\\nb'
 */
export function encodeContent(data: string | Uint8Array, quoted = false): string {
  const bytes = typeof data === 'string' ? new TextEncoder().encode(data) : data;
  let out = '';
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i];
    if (b === 0x5c) out += '\\\\';
    else if (b === 0x0a) out += '\\n';
    else if (b === 0x09) out += '\\t';
    else if (b === 0x22 && quoted) out += '\\"';
    else if (b < 0x20 || b === 0x7f) out += hex2(b);
    else if (b < 0x80) out += String.fromCharCode(b);
    else {
      // One UTF-8 sequence as its character, or its bytes escaped when it is not valid UTF-8.
      const len = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : b >= 0xc0 ? 2 : 1;
      const seq = bytes.subarray(i, i + len);
      let ch: string | undefined;
      try {
        ch = len > 1 && seq.length === len ? new TextDecoder('utf-8', { fatal: true }).decode(seq) : undefined;
      } catch {
        ch = undefined;
      }
      if (ch === undefined) out += hex2(b);
      else {
        out += ch;
        i += len;
        continue;
      }
    }
    i++;
  }
  return out;
}
