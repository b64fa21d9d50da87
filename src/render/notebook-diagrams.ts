/*
 * Pure: a notebook output's Mermaid diagrams, and the same output with each diagram drawn as SVG
 * beside its text. Mermaid is drawn only by JupyterLab 4.1+ and the site; GitHub, nbviewer, VS
 * Code and the classic Notebook pick image/svg+xml or text/html before text/markdown, so with
 * these they show the drawing instead of the diagram's source.
 */
import { escapeHtml } from './notebook-html';

/** The MIME types that carry a diagram's text alone (JupyterLab's Mermaid renderer reads the first). */
export const MERMAID_MIMES = ['text/vnd.mermaid', 'application/vnd.mermaid'] as const;

type Data = Record<string, unknown>;
const asText = (v: unknown): string | undefined => (typeof v === 'string' ? v : Array.isArray(v) ? v.join('') : undefined);

const FENCE = /^(`{3,}|~{3,})mermaid[ \t]*\n([\s\S]*?)\n\1[ \t]*$/gm;

/**
 * The diagrams an output carries: its text/vnd.mermaid, else every ```mermaid block of its markdown.
 * @example outputDiagrams({ 'text/markdown': '**A**\n\n```mermaid\nflowchart LR\n  a --> b\n```' }) // ['flowchart LR\n  a --> b']
 */
export function outputDiagrams(bundle: object): string[] {
  const data = bundle as Data;
  for (const m of MERMAID_MIMES) {
    const t = asText(data[m]);
    if (t !== undefined) return [t.trim()];
  }
  const md = asText(data['text/markdown']);
  return md ? [...md.matchAll(FENCE)].map((m) => m[2].trim()) : [];
}

/** Inline markdown of the outputs' prose (a **title**, `code`): the only marks the bundles write. */
function inline(s: string): string {
  return escapeHtml(s)
    .replace(/\*\*([^*]+)\*\*/g, '<strong>$1</strong>')
    .replace(/`([^`]+)`/g, '<code>$1</code>');
}

/**
 * The output's markdown as HTML, each diagram replaced by its SVG: the bundles' markdown is raw
 * HTML parts, fenced blocks and short prose lines (notebook-html.ts joinBundles), nothing more.
 */
function markdownHtml(md: string, svgs: string[]): string {
  const out: string[] = [];
  let k = 0;
  const lines = md.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const open = /^(`{3,}|~{3,})(\w*)[ \t]*$/.exec(lines[i]);
    if (open) {
      const body: string[] = [];
      for (i++; i < lines.length && lines[i].trimEnd() !== open[1]; i++) body.push(lines[i]);
      out.push(open[2] === 'mermaid' ? `<div>${svgs[k++] ?? ''}</div>` : `<pre>${escapeHtml(body.join('\n'))}</pre>`);
    } else if (/^\s*</.test(lines[i])) out.push(lines[i]);
    else if (lines[i].trim()) out.push(`<p>${inline(lines[i])}</p>`);
  }
  return out.join('\n');
}

/**
 * The output with its diagrams drawn: image/svg+xml (the diagram, when the output holds one)
 * and, when the diagram came inside markdown with other parts, text/html (the whole output
 * with the SVG in place), so a front end that prefers the picture loses nothing else.
 * `svgs` are the drawings of outputDiagrams(data), in order.
 * @example withDrawnDiagrams({ 'text/markdown': '```mermaid\nflowchart LR\n  a\n```', 'text/plain': 'a' }, ['<svg/>'])['image/svg+xml'] // '<svg/>'
 */
export function withDrawnDiagrams(bundle: object, svgs: string[]): Data {
  const data = bundle as Data;
  if (svgs.length === 0) return data;
  const out: Data = { ...data };
  if (svgs.length === 1) out['image/svg+xml'] = svgs[0];
  const md = MERMAID_MIMES.some((m) => data[m] !== undefined) ? undefined : asText(data['text/markdown']);
  const onlyDiagram = md !== undefined && /^(`{3,}|~{3,})mermaid[ \t]*\n[\s\S]*?\n\1[ \t]*$/.test(md.trim());
  if (md !== undefined && !onlyDiagram) out['text/html'] = markdownHtml(md, svgs);
  return out;
}
