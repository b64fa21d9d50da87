/* The notebook -> MDX converter and docs:gen, on small executed notebooks (test/fixtures/notebooks). */
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync, existsSync, cpSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { fence, mdxProse, notebookToMdx, type NotebookJson } from '../../src/render/notebook-mdx';
import { generateDocs, labsDir } from '../../scripts/docs-gen';
import { UnionLab } from '../../src/scenario/lab';
import { presetById } from '../../src/scenario/presets';
import { mermaidLab } from '../../src/render/mermaid-lab';

const ROOT = resolve(__dirname, '../..');
const FIXTURES = join(ROOT, 'test/fixtures/notebooks/executed');
const read = (lang: string, name: string) => JSON.parse(readFileSync(join(FIXTURES, lang, name), 'utf8')) as NotebookJson;

/** MDX's own compiler (the one Docusaurus uses): a page that does not compile fails the site build. */
async function compiles(mdx: string): Promise<void> {
  const { compile } = await import('@mdx-js/mdx');
  await compile(mdx);
}

const tmp: string[] = [];
afterAll(() => tmp.forEach((d) => rmSync(d, { recursive: true, force: true })));

describe('mdxProse', () => {
  it('escapes braces and angle brackets outside code, keeps code spans and fences', async () => {
    const md = 'a {b} <c> `{d} <e>`\n\n```ts\nconst x = {a: 1} < 2;\n```\n';
    const out = mdxProse(md);
    expect(out).toBe('a \\{b\\} \\<c> `{d} <e>`\n\n```ts\nconst x = {a: 1} < 2;\n```\n');
    await compiles(out);
  });

  it('passes HTML blocks through as raw HTML and drops comments', async () => {
    const out = mdxProse('text\n\n<table><tr><td>{x}</td></tr></table>\n\nafter <!-- hidden -->');
    expect(out).toContain('dangerouslySetInnerHTML');
    expect(out).toContain(JSON.stringify('<table><tr><td>{x}</td></tr></table>'));
    expect(out).not.toContain('hidden');
    await compiles(out);
  });

  it('rewrites links between notebooks to their pages, keeping the anchor', () => {
    expect(mdxProse('[x](02-b.ipynb#part) [y](./02-b.ipynb)', { '02-b.ipynb': '02-b.mdx' })).toBe('[x](./02-b.mdx#part) [y](./02-b.mdx)');
  });

  it('fences content with more backticks than it holds', () => {
    expect(fence('a ``` b', 'text')).toBe('````text\na ``` b\n````');
  });
});

describe('notebookToMdx', () => {
  it('turns an executed notebook into MDX that compiles, with its outputs fenced and its diagram as Mermaid', async () => {
    for (const lang of ['pt-BR', 'en'] as const) {
      const nb = read(lang, '01-first.ipynb');
      const mdx = notebookToMdx(nb, { lang, source: `notebooks/${lang}/01-first.ipynb`, links: { '02-second.ipynb': '02-second.mdx' } });
      await compiles(mdx);
      // Title from the first heading, into the front matter.
      const title = /^# (.+)$/m.exec((nb.cells[0].source as string[]).join(''))![1];
      expect(mdx.startsWith(`---\ntitle: ${JSON.stringify(title)}\n`)).toBe(true);
      // Every output of the run is in the page, not hand-copied: stream text without its colour codes.
      const stream = (nb.cells[1] as { outputs: { text: string[] }[] }).outputs[0].text.join('').replace(/\u001b\[[0-9;]*m/g, '');
      expect(mdx).toContain(stream.trimEnd());
      expect(mdx).not.toContain('\u001b');
      // The diagram is the one the library draws for that state.
      const lab = UnionLab.create({ setup: presetById('ubuntu')!.text }) as UnionLab;
      lab.run('rm etc/hostname');
      expect(mdx).toContain('```mermaid\n' + mermaidLab(lab.view(), lang).trimEnd() + '\n```');
      expect(mdx).toContain('](./02-second.mdx)');
      expect(mdx).toContain(`notebooks/${lang}/01-first.ipynb`);
    }
  });

  it('keeps a code block with backticks inside a longer fence', async () => {
    const mdx = notebookToMdx(read('en', '02-second.ipynb'), { lang: 'en', source: 'notebooks/en/02-second.ipynb' });
    await compiles(mdx);
    expect(mdx).toContain('````text\n``` inside\n````');
  });

  it('renders error outputs and JSON, and refuses what is not a v4 notebook', async () => {
    const nb: NotebookJson = {
      nbformat: 4,
      cells: [
        {
          cell_type: 'code',
          source: 'throw new Error("x")',
          outputs: [
            { output_type: 'error', ename: 'Error', evalue: 'x {y}', traceback: ['\u001b[31mError: x\u001b[0m', '    at <anonymous>'] },
            { output_type: 'display_data', data: { 'application/json': { a: [1, 2] }, 'text/plain': '{a}' } },
          ],
        },
      ],
    };
    const mdx = notebookToMdx(nb, { lang: 'pt-BR', source: 'notebooks/pt-BR/x.ipynb' });
    await compiles(mdx);
    expect(mdx).toContain('```text title="erro"\nError: x {y}\nError: x\n    at <anonymous>\n```');
    expect(mdx).toContain('"a": [');
    expect(() => notebookToMdx({ nbformat: 3, cells: [] }, { lang: 'en', source: 'a.ipynb' })).toThrow(/nbformat 3/);
    expect(() => notebookToMdx({} as NotebookJson, { lang: 'en', source: 'a.ipynb' })).toThrow(/not a notebook/);
  });
});

describe('docs:gen', () => {
  const site = () => {
    const root = mkdtempSync(join(tmpdir(), 'docs-gen-'));
    tmp.push(root);
    return root;
  };

  it('writes one page per notebook in both locales, then finds them up to date', () => {
    const root = site();
    const r = generateDocs({ root, from: FIXTURES });
    expect(r.written.sort()).toEqual(
      [
        'website/docs/labs/01-first.mdx',
        'website/docs/labs/02-second.mdx',
        'website/i18n/en/docusaurus-plugin-content-docs/current/labs/01-first.mdx',
        'website/i18n/en/docusaurus-plugin-content-docs/current/labs/02-second.mdx',
      ].sort(),
    );
    expect(readFileSync(join(labsDir(root, 'en'), '01-first.mdx'), 'utf8')).toContain('Copy-up and whiteout');
    expect(readFileSync(join(labsDir(root, 'pt-BR'), '01-first.mdx'), 'utf8')).toContain('Copy-up e whiteout');
    const again = generateDocs({ root, from: FIXTURES, check: true });
    expect(again.stale).toEqual([]);
    expect(again.unchanged).toHaveLength(4);
  });

  it('finds a page edited by hand stale, and removes pages whose notebook is gone (only generated ones)', () => {
    const root = site();
    generateDocs({ root, from: FIXTURES });
    const page = join(labsDir(root, 'en'), '01-first.mdx');
    writeFileSync(page, readFileSync(page, 'utf8') + '\nedited\n');
    writeFileSync(join(labsDir(root, 'en'), 'index.mdx'), '# hand-written\n');
    expect(generateDocs({ root, from: FIXTURES, check: true }).stale).toEqual(['website/i18n/en/docusaurus-plugin-content-docs/current/labs/01-first.mdx']);
    const from = join(root, 'executed');
    cpSync(FIXTURES, from, { recursive: true });
    for (const lang of ['pt-BR', 'en']) rmSync(join(from, lang, '02-second.ipynb'));
    const r = generateDocs({ root, from });
    expect(r.removed.sort()).toEqual(['website/docs/labs/02-second.mdx', 'website/i18n/en/docusaurus-plugin-content-docs/current/labs/02-second.mdx']);
    expect(existsSync(join(labsDir(root, 'en'), 'index.mdx'))).toBe(true);
    expect(readdirSync(labsDir(root, 'pt-BR'))).toEqual(['01-first.mdx']);
  });

  it('refuses a notebook without its twin in the other language, and an empty folder, with one clear line', () => {
    const root = site();
    const from = join(root, 'executed');
    expect(() => generateDocs({ root, from })).toThrow(/no executed notebooks under executed\/<pt-BR\|en>\/ \(run npm run notebooks first\)/);
    mkdirSync(join(from, 'pt-BR'), { recursive: true });
    cpSync(join(FIXTURES, 'pt-BR', '02-second.ipynb'), join(from, 'pt-BR', '02-second.ipynb'));
    expect(() => generateDocs({ root, from })).toThrow('02-second.ipynb has no en twin in executed/en: every page exists in both languages');
    mkdirSync(join(from, 'en'));
    writeFileSync(join(from, 'en', '02-second.ipynb'), '{not json');
    expect(() => generateDocs({ root, from })).toThrow(/executed\/en\/02-second.ipynb: not valid JSON/);
  });
});
