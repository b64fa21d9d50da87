/* Pure: HTML pieces and display bundles for notebook cells. No rules here: only markup. */

/** The metadata key notebook outputs carry their facts under (e.g. { source: 'live' }). */
export const NOTEBOOK_META_KEY = 'overlay-lab';

/**
 * One rich output, as Jupyter's display_data carries it: the same content in several MIME
 * types, the front end picks the richest it can draw. `text/plain` is always there, so a
 * terminal, a log or a front end without Mermaid still shows something readable.
 */
export interface DisplayBundle {
  'text/plain': string;
  'text/html'?: string;
  /** A ```mermaid block (JupyterLab 4.1+ and the site draw it) plus any prose. */
  'text/markdown'?: string;
  /** Facts about the output for tests and tools, e.g. { source: 'live' }; not shown. */
  meta?: Record<string, string | number | boolean>;
}

/**
 * Escapes text for HTML element content and attribute values.
 * @example escapeHtml('<a href="x">') // '&lt;a href=&quot;x&quot;&gt;'
 */
export function escapeHtml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/**
 * The outputs' colours, each a CSS variable with its light value as the fallback: a notebook
 * shows the fallback, a page can theme them (the site's dark mode sets --ol-* in custom.css).
 */
export const PALETTE = {
  border: '#cbd5e1',
  head: '#f1f5f9',
  /** A row the notebook made. */
  mark: '#fef9c3',
  /** A line that differs. */
  diff: '#fee2e2',
  okText: '#15803d',
  badText: '#b91c1c',
  rule: '#64748b',
  infoBg: '#e0f2fe',
  infoLine: '#0369a1',
  okBg: '#dcfce7',
  okLine: '#15803d',
  warnBg: '#fef3c7',
  warnLine: '#b45309',
  badBg: '#fee2e2',
  badLine: '#b91c1c',
} as const;

/**
 * A colour of the palette as inline CSS.
 * @example paint('border') // 'var(--ol-border,#cbd5e1)'
 */
export function paint(name: keyof typeof PALETTE): string {
  return `var(--ol-${name},${PALETTE[name]})`;
}

/** A cell of an HTML table: plain text (escaped), or markup already built with `html`. */
export type HtmlCell = string | { html: string; text: string } | number;

/**
 * Marks a piece of markup as already safe, with its plain-text twin for the fallback.
 * @example htmlRaw('<code>l/</code>', 'l/')
 */
export function htmlRaw(html: string, text: string): { html: string; text: string } {
  return { html, text };
}

/**
 * Inline code, escaped.
 * @example htmlCode('a<b') // { html: '<code>a&lt;b</code>', text: 'a<b' }
 */
export function htmlCode(s: string): { html: string; text: string } {
  return { html: `<code>${escapeHtml(s)}</code>`, text: s };
}

const cellHtml = (c: HtmlCell) => (typeof c === 'object' ? c.html : escapeHtml(String(c)));
const cellText = (c: HtmlCell) => (typeof c === 'object' ? c.text : String(c));

/** Options of an HTML table. */
export interface HtmlTableOptions {
  caption?: string;
  /** Columns aligned right (numbers, sizes), by index. */
  right?: number[];
  /** A CSS class per row (e.g. to highlight rows made by the notebook). */
  rowClass?: (string | undefined)[];
}

const TABLE_STYLE = 'border-collapse:collapse;font-size:0.9em';
const CELL_STYLE = `border:1px solid ${paint('border')};padding:2px 8px;text-align:left;vertical-align:top`;

/**
 * An HTML table with inline styles (notebook outputs carry no stylesheet).
 * @example htmlTable(['dir', 'role'], [['abc', 'layer 1/1 of x']])
 */
export function htmlTable(header: string[], rows: HtmlCell[][], opts: HtmlTableOptions = {}): string {
  const right = new Set(opts.right ?? []);
  const style = (i: number) => `${CELL_STYLE}${right.has(i) ? ';text-align:right' : ''}`;
  const out = [`<table style="${TABLE_STYLE}">`];
  if (opts.caption) out.push(`<caption style="text-align:left;font-weight:bold">${escapeHtml(opts.caption)}</caption>`);
  out.push('<thead><tr>' + header.map((h, i) => `<th style="${style(i)};background:${paint('head')}">${escapeHtml(h)}</th>`).join('') + '</tr></thead>');
  out.push('<tbody>');
  rows.forEach((r, j) => {
    const bg = opts.rowClass?.[j] ? ` style="background:${paint('mark')}"` : '';
    out.push(`<tr${bg}>` + r.map((c, i) => `<td style="${style(i)}">${cellHtml(c)}</td>`).join('') + '</tr>');
  });
  out.push('</tbody></table>');
  return out.join('\n');
}

/** Display width in code points (enough for Latin text and box symbols). */
const width = (s: string) => [...s].length;

/**
 * The same table as aligned plain text, for the text/plain fallback.
 * @example textTable(['A', 'B'], [['x', 'y']]) // 'A  B\n-  -\nx  y\n'
 */
export function textTable(header: string[], rows: HtmlCell[][], opts: HtmlTableOptions = {}): string {
  const cells = rows.map((r) => r.map(cellText));
  const right = new Set(opts.right ?? []);
  const cols = Math.max(header.length, ...cells.map((r) => r.length));
  const w = Array.from({ length: cols }, (_, i) => Math.max(width(header[i] ?? ''), ...cells.map((r) => width(r[i] ?? ''))));
  const line = (r: string[]) =>
    w
      .map((n, i) => {
        const s = r[i] ?? '';
        const fill = ' '.repeat(Math.max(0, n - width(s)));
        return right.has(i) ? fill + s : s + fill;
      })
      .join('  ')
      .replace(/\s+$/, '');
  const out = opts.caption ? [opts.caption] : [];
  out.push(line(header), w.map((n) => '-'.repeat(n)).join('  '));
  for (const r of cells) out.push(line(r));
  return out.join('\n') + '\n';
}

/**
 * A table as a bundle: HTML for notebooks, aligned text for everything else.
 * @example tableBundle(['path', 'from'], [['/etc/motd', 'L1']])['text/plain']
 */
export function tableBundle(header: string[], rows: HtmlCell[][], opts: HtmlTableOptions = {}): DisplayBundle {
  return { 'text/html': htmlTable(header, rows, opts), 'text/plain': textTable(header, rows, opts) };
}

/**
 * A Mermaid diagram as a bundle: a ```mermaid block in text/markdown (drawn by JupyterLab 4.1+
 * and the site) and a plain-text drawing where Mermaid is not drawn.
 * @example mermaidBundle('flowchart TB\n  a --> b\n', 'a\n↓\nb')
 */
export function mermaidBundle(mermaid: string, plain: string, title?: string): DisplayBundle {
  const head = title ? `**${title}**\n\n` : '';
  return { 'text/markdown': `${head}\`\`\`mermaid\n${mermaid.trimEnd()}\n\`\`\``, 'text/plain': (title ? `${title}\n` : '') + plain };
}

/**
 * A short paragraph (a note, a verdict) as a bundle.
 * @example noteBundle('SIMULATED host', 'warn')
 */
export function noteBundle(text: string, tone: 'info' | 'ok' | 'warn' | 'bad' = 'info'): DisplayBundle {
  const colors = {
    info: `${paint('infoBg')};border-color:${paint('infoLine')}`,
    ok: `${paint('okBg')};border-color:${paint('okLine')}`,
    warn: `${paint('warnBg')};border-color:${paint('warnLine')}`,
    bad: `${paint('badBg')};border-color:${paint('badLine')}`,
  };
  const mark = { info: 'ℹ', ok: '✔', warn: '⚠', bad: '✘' };
  return {
    'text/html': `<div style="background:${colors[tone]};border-left:4px solid;padding:4px 8px;margin:4px 0">${mark[tone]} ${escapeHtml(text)}</div>`,
    'text/plain': `${mark[tone]} ${text}\n`,
  };
}

/**
 * Several bundles as one output (HTML joined, text joined, markdown joined when all have it,
 * else the HTML parts stand in the markdown as raw HTML). Metadata merged.
 * @example joinBundles(noteBundle('a'), tableBundle(['x'], [['1']]))
 */
export function joinBundles(...parts: DisplayBundle[]): DisplayBundle {
  const meta = Object.assign({}, ...parts.map((p) => p.meta ?? {}));
  const html = parts.map((p) => p['text/html'] ?? (p['text/markdown'] ? undefined : `<pre>${escapeHtml(p['text/plain'])}</pre>`));
  const hasMarkdown = parts.some((p) => p['text/markdown']);
  const out: DisplayBundle = { 'text/plain': parts.map((p) => p['text/plain'].replace(/\n?$/, '\n')).join('\n') };
  if (!hasMarkdown) out['text/html'] = html.join('\n');
  else
    out['text/markdown'] = parts
      .map((p) => p['text/markdown'] ?? p['text/html'] ?? `\`\`\`text\n${p['text/plain'].trimEnd()}\n\`\`\``)
      .join('\n\n');
  if (Object.keys(meta).length) out.meta = meta;
  return out;
}
