/* The notebook -> MDX converter and docs:gen, on small executed notebooks (test/fixtures/notebooks). */
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync, existsSync, cpSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { fence, mdxProse, notebookToMdx, type NotebookJson } from '../../src/notebook/mdx';
import { generateDocs, labsDir } from '../../scripts/docs-gen';
import { UnionLab } from '../../src/scenario/lab';
import { presetById } from '../../src/scenario/presets';
import { mermaidLab } from '../../src/render/mermaid-lab';
import { spawnSync } from 'node:child_process';
import * as os from 'node:os';
import { LANGS, type Lang } from '../../src/i18n/lang';
import { OverlayLabError } from '../../src/i18n/errors';
import { runProvenance } from '../../src/docker/engine/provenance';
import { connectEngine } from '../../src/docker/engine/dockerode-engine';
import { inspectHost } from '../../src/docker/inspect';
import { hostSourceBundle } from '../../src/render/notebook-docker';
import { NOTEBOOK_META_KEY } from '../../src/notebook/display';
import type { DisplayBundle } from '../../src/render/notebook-html';
import { provenanceBundle, provenanceView, simulatedRunText } from '../../src/render/notebook-provenance';
import type { NotebookProvenance } from '../../src/render/notebook-record';
import type { PageProvenance } from '../../src/notebook/mdx';
import { stampProvenance } from '../../scripts/run-notebooks';
import { rmPasswdUpper } from '../../src/course';
import { questionBundle, verdictBundle } from '../../src/render/exercise';

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

  it('an exercise becomes one box where its question was, with the facts its verdict recorded; the prediction and check lines leave the page', async () => {
    const out = (b: DisplayBundle) => ({ output_type: 'display_data' as const, data: { 'text/plain': b['text/plain'], 'text/html': b['text/html']! }, metadata: { [NOTEBOOK_META_KEY]: b.meta } });
    const f = rmPasswdUpper.model();
    const nb: NotebookJson = {
      nbformat: 4,
      cells: [
        { cell_type: 'markdown', source: '# Lesson' },
        { cell_type: 'code', source: 'display(questionBundle(rmPasswdUpper, lang));', outputs: [out(questionBundle(rmPasswdUpper, 'en'))] },
        { cell_type: 'code', source: "// en: Your prediction\nconst predictRm = '';", outputs: [] },
        { cell_type: 'code', source: "step(lab, 'rm etc/passwd');\ndisplay(verdictBundle(rmPasswdUpper, predictRm, f, lang));", outputs: [out(verdictBundle(rmPasswdUpper, '', f, 'en'))] },
      ],
    };
    const mdx = notebookToMdx(nb, { lang: 'en', source: 'notebooks/en/02-x.ipynb' });
    await compiles(mdx);
    expect(mdx).toContain("import Exercise from '@site/website/src/components/Exercise';");
    expect(mdx).toContain(`<Exercise id="union-mount-simulation/rm-passwd-upper" facts={${JSON.stringify(f)}} />`);
    expect(mdx.indexOf('<Exercise')).toBeLessThan(mdx.indexOf("step(lab, 'rm etc/passwd');"));
    expect(mdx).not.toMatch(/predictRm|verdictBundle|questionBundle|No prediction yet|Exercise: predict/);
    // A page without exercises imports nothing more.
    expect(notebookToMdx(read('en', '02-second.ipynb'), { lang: 'en', source: 'notebooks/en/02-second.ipynb' })).not.toContain('Exercise');
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
    // The description comes from the notebook, the generated marker stays in the front matter (a YAML
    // comment): nothing of it reaches the page, its card or its meta description.
    const en = readFileSync(join(labsDir(root, 'en'), '01-first.mdx'), 'utf8');
    const front = en.slice(0, en.indexOf('\n---\n', 4));
    expect(front).toContain('description: "We delete /etc/hostname on an Ubuntu stack and watch the whiteout the mount leaves in the upperdir."');
    expect(front).toContain('# Generated by scripts/docs-gen.ts from notebooks/en/01-first.ipynb');
    expect(en.slice(front.length)).not.toContain('Generated by');
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

/*
 * Where a page's outputs came from. The notebooks are built as the runner builds them: the
 * provenance block of a real run (runProvenance against this machine's engine, or none), the
 * real simulated host where the engine is out of reach, and the runner's own stampProvenance.
 */
describe('provenance on a lab page', () => {
  const NO_ENGINE = { DOCKER_HOST: 'unix:///nonexistent/overlay-lab-test.sock' };

  /** One executed copy: a title, the provenance block, and optionally a cell that asked the host. */
  async function executed(lang: Lang, opts: { simulated?: boolean; provenance?: boolean } = {}): Promise<NotebookJson> {
    const record = await runProvenance(opts.simulated ? { engine: connectEngine(NO_ENGINE) } : {});
    const output = (b: DisplayBundle) => ({ output_type: 'display_data' as const, data: { 'text/plain': b['text/plain'], 'text/html': b['text/html']! }, metadata: b.meta ? { [NOTEBOOK_META_KEY]: b.meta } : {} });
    const cells: NotebookJson['cells'] = [
      { cell_type: 'markdown', source: `# ${lang === 'en' ? 'The seed lab' : 'O laboratório original'}\n\nText.` },
      { cell_type: 'code', source: 'display(provenanceBundle(await runProvenance(), lang));', outputs: opts.provenance === false ? [] : [output(provenanceBundle(record, lang))] },
      { cell_type: 'markdown', source: '## Host' },
    ];
    if (opts.simulated) {
      const host = await inspectHost({ simulated: 'fallback', env: NO_ENGINE });
      cells.push({ cell_type: 'code', source: 'display(hostSourceBundle(await inspectHost(), lang));', outputs: [output(hostSourceBundle(host, lang))] });
    }
    return { nbformat: 4, metadata: { language_info: { name: 'typescript' }, [NOTEBOOK_META_KEY]: { lang } }, cells };
  }

  /** Stamps a copy as `npm run notebooks` does; returns the stamped notebook or the runner's refusal. */
  function stamp(nb: NotebookJson, lang: Lang, allowSimulated: boolean): NotebookJson | string {
    const dir = mkdtempSync(join(tmpdir(), 'stamp-'));
    tmp.push(dir);
    const file = join(dir, 'nb.ipynb');
    writeFileSync(file, JSON.stringify(nb));
    const refused = stampProvenance(file, lang, allowSimulated, lang);
    return refused ?? (JSON.parse(readFileSync(file, 'utf8')) as NotebookJson);
  }

  /** The Provenance view's props as the page carries them. */
  function props(mdx: string): PageProvenance {
    const m = /^<Provenance record=\{(.*)\} simulatedCells=\{(.*)\} \/>$/m.exec(mdx);
    expect(m, 'the page has one Provenance view').not.toBeNull();
    expect(mdx.match(/<Provenance /g)).toHaveLength(1);
    return { record: JSON.parse(m![1]), simulatedCells: JSON.parse(m![2]) };
  }

  const stamped = (nb: NotebookJson) => (nb.metadata![NOTEBOOK_META_KEY] as { provenance: NotebookProvenance }).provenance;

  for (const lang of LANGS) {
    it(`${lang}: a live run: the page shows its record once, near the top, and not the notebook's own block`, async () => {
      const nb = stamp(await executed(lang), lang, false) as NotebookJson;
      expect(typeof nb).toBe('object');
      const mdx = notebookToMdx(nb, { lang, source: `notebooks/${lang}/01-x.ipynb` });
      await compiles(mdx);
      const p = props(mdx);
      expect(p.record).toEqual(stamped(nb));
      expect(p.record!.live).toBe(true);
      // Near the top: before the first cell's prose.
      expect(mdx.indexOf('<Provenance ')).toBeLessThan(mdx.indexOf('Text.'));
      expect(mdx).toContain("import Provenance from '@site/website/src/components/Provenance';");
      // The block the first cell displayed is not repeated: neither its HTML nor its text.
      const block = provenanceBundle(p.record!, lang);
      expect(mdx).not.toContain(block['text/plain'].split('\n')[0]);
      expect(mdx).not.toContain('border-left:4px solid #64748b');
      expect(mdx).toContain('display(provenanceBundle(await runProvenance(), lang));');
      // What the view draws: every fact of this machine's run, in the page's language.
      const v = provenanceView(p.record, p.simulatedCells, lang);
      expect(v.state).toBe('live');
      expect(v.banner).toBeUndefined();
      expect(v.title).toBe(lang === 'en' ? 'Where these outputs come from' : 'De onde vêm estas saídas');
      const shown = v.lines.map(([k, val]) => `${k}: ${val}`).join('\n');
      expect(shown).toContain(os.release());
      expect(shown).toContain(p.record!.arch);
      expect(shown).toContain(p.record!.date.slice(0, 10));
      if (p.record!.docker) expect(shown).toContain(`${p.record!.docker.version} (API ${p.record!.docker.apiVersion}), ${lang === 'en' ? 'storage driver' : 'driver de armazenamento'} ${p.record!.docker.storageDriver}`);
      else expect(shown).toContain(lang === 'en' ? 'none answered' : 'nenhum respondeu');
      expect(v.lines.at(-1)).toEqual(lang === 'en' ? ['run', 'live (no output comes from the simulated host)'] : ['execução', 'ao vivo (nenhuma saída vem do host simulado)']);
      // A published build takes it.
      expect(() => notebookToMdx(nb, { lang, source: 'x', requireLive: true })).not.toThrow();
    });

    it(`${lang}: a simulated run: refused by the runner, published under --allow-simulated with one banner in the page's language`, async () => {
      const nb = await executed(lang, { simulated: true });
      const refused = stamp(nb, lang, false);
      expect(refused).toMatch(lang === 'en' ? /not written to notebooks\/executed: cell 4 fell back to the simulated host/ : /não gravado em notebooks\/executed: a célula 4 caiu no host simulado/);
      const allowed = stamp(nb, lang, true) as NotebookJson;
      const mdx = notebookToMdx(allowed, { lang, source: `notebooks/${lang}/04-x.ipynb` });
      await compiles(mdx);
      const p = props(mdx);
      expect(p.record).toEqual(stamped(allowed));
      expect(p.record!.live).toBe(false);
      expect(p.record!.simulatedCells.map((c) => c.cell)).toEqual([4]);
      // The runner's banner cell is not repeated: the view draws the banner.
      expect(mdx).not.toContain('> **⚠');
      const v = provenanceView(p.record, p.simulatedCells, lang);
      expect(v.state).toBe('simulated');
      expect(v.banner).toBe(simulatedRunText([4], lang));
      expect(v.banner).toMatch(lang === 'en' ? /^SIMULATED RUN: .*\(cell 4\)/ : /^EXECUÇÃO SIMULADA: .*\(célula 4\)/);
      expect(v.lines.at(-1)).toEqual(lang === 'en' ? ['run', 'simulated (cell 4 fell back to the simulated host)'] : ['execução', 'simulada (a célula 4 caiu no host simulado)']);
      // The simulated host's own note stays where it was: it is an output of the run.
      expect(mdx).toContain(lang === 'en' ? 'SIMULATED host' : 'host SIMULADO');
      // A published build refuses it, in the user's language.
      for (const user of LANGS) {
        const e = catchError(() => notebookToMdx(allowed, { lang, source: 'notebooks/x.ipynb', requireLive: true }));
        expect(e).toBeInstanceOf(OverlayLabError);
        expect((e as OverlayLabError).render(user)).toMatch(user === 'en' ? /^notebooks\/x.ipynb: cell 4 fell back to the simulated host .*Start dockerd/ : /^notebooks\/x.ipynb: a célula 4 caiu no host simulado .*Suba o dockerd/);
      }
    });

    it(`${lang}: a copy without a record: "provenance unknown", and the banner when its outputs show the simulated host`, async () => {
      const old = await executed(lang, { provenance: false });
      const mdx = notebookToMdx(old, { lang, source: `notebooks/${lang}/02-x.ipynb` });
      await compiles(mdx);
      const p = props(mdx);
      expect(p).toEqual({ record: null, simulatedCells: [] });
      const v = provenanceView(p.record, p.simulatedCells, lang);
      expect(v).toMatchObject({ state: 'unknown', title: lang === 'en' ? 'Provenance unknown' : 'Procedência desconhecida', lines: [], banner: undefined });
      expect(v.unknown).toMatch(lang === 'en' ? /Docker engine, the kernel and the date .* are not known/ : /não se sabe o engine Docker, o kernel nem a data/);

      const oldSimulated = await executed(lang, { provenance: false, simulated: true });
      const p2 = props(notebookToMdx(oldSimulated, { lang, source: 'x' }));
      expect(p2.record).toBeNull();
      expect(p2.simulatedCells.map((c) => c.cell)).toEqual([4]);
      const v2 = provenanceView(p2.record, p2.simulatedCells, lang);
      expect(v2).toMatchObject({ state: 'unknown', banner: simulatedRunText([4], lang) });
      // Its outputs say they were simulated: the box does not call that unknown.
      expect(v2.unknown).not.toMatch(lang === 'en' ? /whether they were live/ : /se foram ao vivo/);
      expect(v.unknown).toMatch(lang === 'en' ? /whether they were live/ : /se foram ao vivo/);

      const e = catchError(() => notebookToMdx(old, { lang, source: 'notebooks/x.ipynb', requireLive: true }));
      expect((e as OverlayLabError).render(lang)).toMatch(lang === 'en' ? /no provenance record/ : /não traz registro de procedência/);
    });
  }

  it('refuses a record that says live over an output of the simulated host, and a malformed record', async () => {
    const nb = stamp(await executed('en'), 'en', false) as NotebookJson;
    const host = await inspectHost({ simulated: 'fallback', env: NO_ENGINE });
    nb.cells.push({ cell_type: 'code', source: 'x', outputs: [{ output_type: 'display_data', data: { 'text/plain': 'x' }, metadata: { [NOTEBOOK_META_KEY]: hostSourceBundle(host, 'en').meta } }] });
    expect(() => notebookToMdx(nb, { lang: 'en', source: 'notebooks/en/x.ipynb' })).toThrow(/^notebooks\/en\/x.ipynb: its provenance record says a live run, but cell 4 shows the simulated host/);
    const bad = { ...nb, metadata: { [NOTEBOOK_META_KEY]: { provenance: { date: 1 } } } };
    expect(() => notebookToMdx(bad, { lang: 'en', source: 'notebooks/en/x.ipynb' })).toThrow('notebooks/en/x.ipynb: metadata["overlay-lab"].provenance is malformed');
  });

  it('docs:gen --require-live refuses the fixtures (no record) with one clear line in the user\'s language, and writes nothing', () => {
    const root = mkdtempSync(join(tmpdir(), 'docs-gen-'));
    tmp.push(root);
    // An English copy refused after the Portuguese ones were fine: no page is written either.
    const from = join(root, 'executed');
    cpSync(FIXTURES, from, { recursive: true });
    for (const lang of LANGS) {
      const file = join(from, lang, '01-first.ipynb');
      const nb = JSON.parse(readFileSync(file, 'utf8')) as NotebookJson;
      if (lang === 'pt-BR') nb.metadata![NOTEBOOK_META_KEY] = { ...(nb.metadata![NOTEBOOK_META_KEY] as object), provenance: { date: '2026-01-01T00:00:00Z', kernel: os.release(), arch: 'x86_64', docker: null, live: true, simulatedCells: [] } };
      writeFileSync(file, JSON.stringify(nb));
    }
    expect(() => generateDocs({ root, from, requireLive: true })).toThrow(/notebooks\/pt-BR\/02-second.ipynb: the copy carries no provenance record/);
    expect(existsSync(labsDir(root, 'pt-BR'))).toBe(false);
    expect(existsSync(labsDir(root, 'en'))).toBe(false);
    for (const [user, want] of [
      ['pt_BR.UTF-8', /^docs:gen: notebooks\/pt-BR\/01-first.ipynb: a cópia não traz registro de procedência, .* Suba o dockerd/],
      ['en_US.UTF-8', /^docs:gen: notebooks\/pt-BR\/01-first.ipynb: the copy carries no provenance record, .* Start dockerd/],
    ] as const) {
      const r = spawnSync(process.execPath, [join(ROOT, 'node_modules/tsx/dist/cli.mjs'), join(ROOT, 'scripts/docs-gen.ts'), '--check', '--from', FIXTURES, '--require-live'], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, LANG: user, LC_ALL: '', LC_MESSAGES: '' } });
      expect(r.status).toBe(2);
      expect(r.stderr.trim()).toMatch(want);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
    }
  });
});

function catchError(f: () => unknown): unknown {
  try {
    f();
  } catch (e) {
    return e;
  }
  throw new Error('expected an error');
}
