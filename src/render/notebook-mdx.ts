/*
 * Pure: an executed Jupyter notebook (nbformat 4) as an MDX page for the site. nbconvert's
 * markdown does not compile as MDX (raw braces and angle brackets, indented outputs, raw JSON),
 * so this converter keeps code verbatim in fences and escapes only the prose.
 */
import { say } from '../i18n/format';
import type { Lang } from '../i18n/lang';

type Text = string | string[];

/** The parts of an nbformat 4 notebook the converter reads. */
export interface NotebookJson {
  nbformat: number;
  metadata?: { kernelspec?: { language?: string; name?: string }; language_info?: { name?: string } };
  cells: NotebookCell[];
}

export type NotebookCell =
  | { cell_type: 'markdown'; source: Text; metadata?: unknown }
  | { cell_type: 'raw'; source: Text; metadata?: unknown }
  | { cell_type: 'code'; source: Text; outputs?: NotebookOutput[]; execution_count?: number | null; metadata?: unknown };

export type NotebookOutput =
  | { output_type: 'stream'; name: 'stdout' | 'stderr'; text: Text }
  | { output_type: 'execute_result' | 'display_data'; data: Record<string, Text | object>; metadata?: unknown }
  | { output_type: 'error'; ename: string; evalue: string; traceback: string[] };

export interface NotebookMdxOptions {
  lang: Lang;
  /** The notebook's path in the repository, named in the page's header. */
  source: string;
  /** Notebook file name -> page file name, to rewrite links between notebooks (e.g. "02-x.ipynb" -> "02-x.mdx"). */
  links?: Record<string, string>;
}

/** Mermaid's MIME types (JupyterLab's renderer uses the first). */
const MERMAID_MIME = ['text/vnd.mermaid', 'application/vnd.mermaid'];

const T = {
  output: { 'pt-BR': 'saída', en: 'output' },
  stderr: { 'pt-BR': 'saída de erro', en: 'error output' },
  error: { 'pt-BR': 'erro', en: 'error' },
  generated: {
    'pt-BR': 'Página gerada de `{source}` com as saídas da sua última execução (`npm run notebooks`, depois `npm run docs:gen`). Para mudá-la, edite o notebook.',
    en: 'Page generated from `{source}` with the outputs of its last run (`npm run notebooks`, then `npm run docs:gen`). To change it, edit the notebook.',
  },
};

const text = (t: Text | object | undefined): string => (t === undefined ? '' : Array.isArray(t) ? t.join('') : typeof t === 'string' ? t : JSON.stringify(t, null, 2));

// eslint-disable-next-line no-control-regex
const ANSI = /\u001b\[[0-9;?]*[ -/]*[@-~]/g;
const stripAnsi = (s: string) => s.replace(ANSI, '');

/**
 * A fence longer than any backtick run inside, so content can never close it.
 * @example fence('a ``` b', 'text') // '````text\na ``` b\n````'
 */
export function fence(content: string, lang: string, meta = ''): string {
  const longest = Math.max(0, ...(content.match(/`+/g) ?? []).map((r) => r.length));
  const ticks = '`'.repeat(Math.max(3, longest + 1));
  const body = content.endsWith('\n') ? content : `${content}\n`;
  return `${ticks}${lang}${meta ? ` ${meta}` : ''}\n${body}${ticks}`;
}

/** Escapes what MDX would read as JSX or expressions in one line of prose, leaving code spans alone. */
function escapeProseLine(line: string): string {
  let out = '';
  let i = 0;
  while (i < line.length) {
    const ch = line[i];
    if (ch === '`') {
      const run = /^`+/.exec(line.slice(i))![0];
      const close = line.indexOf(run, i + run.length);
      if (close !== -1) {
        out += line.slice(i, close + run.length);
        i = close + run.length;
        continue;
      }
      out += run;
      i += run.length;
      continue;
    }
    if (ch === '\\' && i + 1 < line.length) {
      out += line.slice(i, i + 2);
      i += 2;
      continue;
    }
    if (ch === '<') {
      const auto = /^<(https?:\/\/[^\s>]+)>/.exec(line.slice(i));
      if (auto) {
        out += `[${auto[1]}](${auto[1]})`;
        i += auto[0].length;
        continue;
      }
      const br = /^<br\s*\/?>/i.exec(line.slice(i));
      if (br) {
        out += '<br />';
        i += br[0].length;
        continue;
      }
    }
    out += ch === '{' || ch === '}' || ch === '<' ? `\\${ch}` : ch;
    i++;
  }
  return out;
}

/** A line that opens an HTML block (CommonMark): a tag at the start of the line, other than <br>. */
const HTML_BLOCK = /^\s{0,3}<\/?(?!br\b)[a-zA-Z][\w-]*(\s|>|\/>|$)/;

/**
 * Raw HTML (an output's table, a note) as JSX that MDX passes through untouched, in a box that
 * scrolls sideways and can take the keyboard's focus (a wide table must be reachable without a mouse).
 * @example rawHtml('<b>x</b>', 'en') // '<div className="notebook-html" tabIndex={0} role="region" aria-label="output" ...'
 */
export function rawHtml(html: string, lang: Lang = 'en'): string {
  return `<div className="notebook-html" tabIndex={0} role="region" aria-label=${JSON.stringify(T.output[lang])} dangerouslySetInnerHTML={{ __html: ${JSON.stringify(html)} }} />`;
}

/**
 * Markdown prose made safe for MDX: fenced blocks kept as they are, `{`, `}` and `<` escaped
 * elsewhere, HTML blocks passed through as raw HTML, HTML comments dropped, links to other notebooks pointed at their pages.
 * @example mdxProse('a {b} <c> `{d}`') // 'a \\{b\\} \\<c> `{d}`'
 */
export function mdxProse(md: string, links: Record<string, string> = {}, lang: Lang = 'en'): string {
  const lines = md.replace(/<!--[\s\S]*?-->/g, '').split('\n');
  const out: string[] = [];
  let open: string | undefined;
  let html: string[] | undefined;
  for (const line of lines) {
    const f = /^\s{0,3}(`{3,}|~{3,})/.exec(line);
    if (open) {
      out.push(line);
      if (f && f[1][0] === open[0] && f[1].length >= open.length && line.trim() === f[1]) open = undefined;
      continue;
    }
    if (f) {
      open = f[1];
      out.push(line);
      continue;
    }
    if (html !== undefined) {
      if (line.trim() === '') {
        out.push(rawHtml(html.join('\n'), lang), '');
        html = undefined;
      } else html.push(line);
      continue;
    }
    if (HTML_BLOCK.test(line)) {
      html = [line];
      continue;
    }
    out.push(escapeProseLine(line));
  }
  if (html !== undefined) out.push(rawHtml(html.join('\n'), lang));
  let joined = out.join('\n');
  for (const [from, to] of Object.entries(links)) {
    const re = new RegExp(`\\]\\((?:\\.\\/)?${from.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(#[^)]*)?\\)`, 'g');
    joined = joined.replace(re, (_, hash: string | undefined) => `](./${to}${hash ?? ''})`);
  }
  return joined;
}

/** The diagram text when an output is only a Mermaid diagram (by MIME type, a ```mermaid block or a mermaid <pre>/<div>). */
function mermaidOf(data: Record<string, Text | object>): string | undefined {
  for (const m of MERMAID_MIME) if (data[m] !== undefined) return text(data[m]);
  const md = data['text/markdown'] !== undefined ? text(data['text/markdown']).trim() : undefined;
  const inMd = md && /^(`{3,}|~{3,})mermaid\s*\n([\s\S]*?)\n\1\s*$/.exec(md);
  if (inMd) return inMd[2];
  const html = data['text/html'] !== undefined ? text(data['text/html']).trim() : undefined;
  const inHtml = html && /^<(pre|div)\s+class="mermaid"\s*>([\s\S]*?)<\/\1>$/.exec(html);
  if (inHtml) return inHtml[2].replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&amp;/g, '&');
  return undefined;
}

function renderOutput(o: NotebookOutput, lang: Lang): string | undefined {
  switch (o.output_type) {
    case 'stream': {
      const body = stripAnsi(text(o.text));
      if (!body.trim()) return undefined;
      return fence(body, 'text', `title="${o.name === 'stderr' ? T.stderr[lang] : T.output[lang]}"`);
    }
    case 'error':
      return fence(stripAnsi([`${o.ename}: ${o.evalue}`, ...(o.traceback ?? [])].join('\n')), 'text', `title="${T.error[lang]}"`);
    default: {
      const d = o.data ?? {};
      const mermaid = mermaidOf(d);
      if (mermaid !== undefined) return fence(mermaid.trim(), 'mermaid');
      if (d['text/markdown'] !== undefined) return mdxProse(text(d['text/markdown']).trim(), {}, lang);
      if (d['image/png'] !== undefined) return `<img alt="${T.output[lang]}" src={${JSON.stringify(`data:image/png;base64,${text(d['image/png']).trim()}`)}} />`;
      if (d['image/svg+xml'] !== undefined || d['text/html'] !== undefined) {
        return rawHtml(text(d['image/svg+xml'] ?? d['text/html']), lang);
      }
      if (d['application/json'] !== undefined) return fence(JSON.stringify(d['application/json'], null, 2), 'json', `title="${T.output[lang]}"`);
      if (d['text/plain'] !== undefined) return fence(stripAnsi(text(d['text/plain'])), 'text', `title="${T.output[lang]}"`);
      return undefined;
    }
  }
}

/** Merges neighbouring stream outputs of the same name, as Jupyter shows them. */
function mergeStreams(outputs: NotebookOutput[]): NotebookOutput[] {
  const out: NotebookOutput[] = [];
  for (const o of outputs) {
    const last = out[out.length - 1];
    if (o.output_type === 'stream' && last?.output_type === 'stream' && last.name === o.name) {
      out[out.length - 1] = { ...last, text: text(last.text) + text(o.text) };
    } else out.push(o);
  }
  return out;
}

const yamlString = (s: string) => JSON.stringify(s);

/**
 * The MDX page of an executed notebook: front matter (title from the first `# ` heading),
 * a note naming the source, prose from markdown cells, code cells fenced in the kernel's
 * language, and every output of the run fenced after its cell (Mermaid outputs as diagrams).
 * @example
 * notebookToMdx({ nbformat: 4, cells: [{ cell_type: 'markdown', source: '# Hi' }] }, { lang: 'en', source: 'notebooks/en/hi.ipynb' })
 * // '---\ntitle: "Hi"\ncustom_edit_url: null\n---\n...'
 */
export function notebookToMdx(nb: NotebookJson, opts: NotebookMdxOptions): string {
  if (!nb || !Array.isArray(nb.cells)) throw new Error(`${opts.source}: not a notebook (no cells)`);
  if (nb.nbformat !== 4) throw new Error(`${opts.source}: nbformat ${nb.nbformat} is not supported (4 is)`);
  const codeLang = nb.metadata?.language_info?.name ?? nb.metadata?.kernelspec?.language ?? 'typescript';
  let title: string | undefined;
  const body: string[] = [];
  for (const cell of nb.cells) {
    const src = text(cell.source);
    if (cell.cell_type === 'markdown') {
      let md = src;
      if (title === undefined) {
        const h = /^\s*#\s+(.+?)\s*#*\s*$/m.exec(md);
        if (h && md.slice(0, h.index).trim() === '') {
          title = h[1];
          md = md.slice(h.index + h[0].length);
        }
      }
      if (md.trim()) body.push(mdxProse(md.trim(), opts.links, opts.lang));
    } else if (cell.cell_type === 'code') {
      if (src.trim()) body.push(fence(src.replace(/\s+$/, ''), codeLang));
      for (const o of mergeStreams(cell.outputs ?? [])) {
        const r = renderOutput(o, opts.lang);
        if (r) body.push(r);
      }
    }
  }
  const name = opts.source.split('/').pop()!.replace(/\.ipynb$/, '');
  const front = ['---', `title: ${yamlString(title ?? name)}`, 'custom_edit_url: null', '---'];
  const note = `:::note\n\n${say(T.generated, opts.lang, { source: opts.source })}\n\n:::`;
  return `${front.join('\n')}\n\n{/* Generated by scripts/docs-gen.ts from ${opts.source}: edit the notebook, then run npm run docs:gen. */}\n\n${note}\n\n${body.join('\n\n')}\n`;
}
