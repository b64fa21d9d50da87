// The arrows of DESIGN.md, held by reading the imports: rooms import inwards only, nothing
// reachable from the browser entry needs Node, no import cycle, and files and functions stay
// small enough to read. Each rule names the files that break it.
import { builtinModules } from 'node:module';
import * as fs from 'node:fs';
import * as path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const SRC = path.join(__dirname, '..', 'src');
const MAX_FILE_LINES = 450;
const MAX_FUNCTION_LINES = 100;

interface Edge {
  from: string;
  to: string; // a src-relative file, or a package name
  typeOnly: boolean;
}

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? sourceFiles(p) : p.endsWith('.ts') ? [p] : [];
  });
}

const FILES = sourceFiles(SRC).map((f) => path.relative(SRC, f));
const PARSED = new Map(FILES.map((f) => [f, ts.createSourceFile(f, fs.readFileSync(path.join(SRC, f), 'utf8'), ts.ScriptTarget.Latest, true)]));

function resolveRelative(from: string, spec: string): string {
  const base = path.normalize(path.join(path.dirname(from), spec));
  for (const c of [`${base}.ts`, path.join(base, 'index.ts'), base]) if (FILES.includes(c)) return c;
  return base; // outside src (website/, notebooks/) or missing: reported by the rules
}

/** Every import, export-from, dynamic import() and require() of a file. */
function edgesOf(file: string): Edge[] {
  const out: Edge[] = [];
  const add = (spec: string, typeOnly: boolean) =>
    out.push({ from: file, to: spec.startsWith('.') ? resolveRelative(file, spec) : spec, typeOnly });
  const visit = (n: ts.Node) => {
    if (ts.isImportDeclaration(n) && ts.isStringLiteral(n.moduleSpecifier)) add(n.moduleSpecifier.text, Boolean(n.importClause?.isTypeOnly));
    else if (ts.isExportDeclaration(n) && n.moduleSpecifier && ts.isStringLiteral(n.moduleSpecifier)) add(n.moduleSpecifier.text, n.isTypeOnly);
    else if (ts.isCallExpression(n) && n.arguments.length === 1 && ts.isStringLiteral(n.arguments[0])) {
      const callee = n.expression;
      if (callee.kind === ts.SyntaxKind.ImportKeyword || (ts.isIdentifier(callee) && callee.text === 'require')) add(n.arguments[0].text, false);
    }
    ts.forEachChild(n, visit);
  };
  visit(PARSED.get(file)!);
  return out;
}

const EDGES = FILES.flatMap(edgesOf);

/** The room of a file: its first folder under src (docker's sub-rooms count as docker). */
const roomOf = (file: string) => (file.includes('/') ? file.split('/')[0] : 'entry');

// Which rooms each room may import (DESIGN.md: arrows point inwards; i18n is everyone's).
const MAY_IMPORT: Record<string, string[]> = {
  i18n: [],
  union: ['i18n'],
  scenario: ['union', 'i18n'],
  kernel: ['scenario', 'union', 'i18n'],
  // image reads layer directories' xattrs through kernel/ and `docker save` through docker/engine.
  image: ['kernel', 'docker', 'scenario', 'union', 'i18n'],
  docker: ['image', 'kernel', 'scenario', 'union', 'i18n'],
  lab: ['docker', 'image', 'kernel', 'scenario', 'union', 'i18n'],
  // The course's exercises check predictions against the live store or the union model.
  course: ['docker', 'image', 'kernel', 'scenario', 'union', 'i18n'],
  render: ['course', 'docker', 'image', 'kernel', 'scenario', 'union', 'i18n'],
  // The notebooks' Node edge: tslab's display and Mermaid drawn in Chromium.
  notebook: ['render', 'i18n'],
  cli: ['course', 'lab', 'render', 'docker', 'image', 'kernel', 'scenario', 'union', 'i18n'],
  entry: ['notebook', 'course', 'lab', 'render', 'docker', 'image', 'kernel', 'scenario', 'union', 'i18n'],
};
// A view renders what a flow computed: render may name lab's result types, never call lab.
const TYPES_ONLY: Record<string, string[]> = { render: ['lab'] };

describe('the architecture of src/', () => {
  it('imports point inwards: each room imports only the rooms below it', () => {
    const wrong = EDGES.filter((e) => FILES.includes(e.to))
      .filter((e) => {
        const [from, to] = [roomOf(e.from), roomOf(e.to)];
        if (from === to) return false;
        if (e.typeOnly && TYPES_ONLY[from]?.includes(to)) return false;
        return !MAY_IMPORT[from]?.includes(to);
      })
      .map((e) => `${e.from} -> ${e.to}`);
    expect(wrong).toEqual([]);
  });

  it('nothing in src/ imports website/ or notebooks/', () => {
    const outside = EDGES.filter((e) => e.to.startsWith('..')).map((e) => `${e.from} -> ${e.to}`);
    expect(outside).toEqual([]);
  });

  it('the website reaches src/ through the browser entry only', () => {
    const WEBSITE = path.join(SRC, '..', 'website', 'src');
    const files = (dir: string): string[] =>
      fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
        const p = path.join(dir, e.name);
        return e.isDirectory() ? files(p) : /\.tsx?$/.test(e.name) ? [p] : [];
      });
    const deep = files(WEBSITE).flatMap((f) => {
      const sf = ts.createSourceFile(f, fs.readFileSync(f, 'utf8'), ts.ScriptTarget.Latest, true);
      return sf.statements
        .filter((n): n is ts.ImportDeclaration | ts.ExportDeclaration => (ts.isImportDeclaration(n) || ts.isExportDeclaration(n)) && !!n.moduleSpecifier && ts.isStringLiteral(n.moduleSpecifier))
        .map((n) => path.resolve(path.dirname(f), (n.moduleSpecifier as ts.StringLiteral).text))
        .filter((target) => target.startsWith(SRC + path.sep) && target !== path.join(SRC, 'browser'))
        .map((target) => `${path.relative(WEBSITE, f)} -> src/${path.relative(SRC, target)}`);
    });
    expect(deep).toEqual([]);
  });

  it('nothing reachable from the browser entry imports Node or a Node-only package', () => {
    const NODE_ONLY = new Set([...builtinModules, 'dockerode', 'tar-stream', 'typescript']);
    const bad: string[] = [];
    const seen = new Set<string>();
    const walk = (file: string, via: string[]) => {
      if (seen.has(file)) return;
      seen.add(file);
      for (const e of EDGES.filter((x) => x.from === file && !x.typeOnly)) {
        if (FILES.includes(e.to)) walk(e.to, [...via, e.to]);
        else if (e.to.startsWith('node:') || NODE_ONLY.has(e.to)) bad.push(`${[...via, e.to].join(' -> ')}`);
      }
    };
    walk('browser.ts', ['browser.ts']);
    expect(seen.size).toBeGreaterThan(20); // the walk really followed the entry's exports
    expect(bad).toEqual([]);
  });

  it('has no import cycle', () => {
    // Tarjan's strongly connected components over src's own files (type imports included:
    // a cycle of types is still two files that cannot be read apart).
    const next = new Map(FILES.map((f) => [f, EDGES.filter((e) => e.from === f && FILES.includes(e.to)).map((e) => e.to)]));
    let index = 0;
    const idx = new Map<string, number>();
    const low = new Map<string, number>();
    const stack: string[] = [];
    const on = new Set<string>();
    const cycles: string[][] = [];
    const strong = (v: string) => {
      idx.set(v, index);
      low.set(v, index++);
      stack.push(v);
      on.add(v);
      for (const w of next.get(v)!) {
        if (!idx.has(w)) {
          strong(w);
          low.set(v, Math.min(low.get(v)!, low.get(w)!));
        } else if (on.has(w)) low.set(v, Math.min(low.get(v)!, idx.get(w)!));
      }
      if (low.get(v) === idx.get(v)) {
        const scc: string[] = [];
        let w: string;
        do {
          w = stack.pop()!;
          on.delete(w);
          scc.push(w);
        } while (w !== v);
        if (scc.length > 1) cycles.push(scc.sort());
      }
    };
    for (const f of FILES) if (!idx.has(f)) strong(f);
    expect(cycles).toEqual([]);
  });

  it(`keeps files under ${MAX_FILE_LINES} lines and functions under ${MAX_FUNCTION_LINES}`, () => {
    const long: string[] = [];
    for (const [file, sf] of PARSED) {
      const lines = sf.getLineAndCharacterOfPosition(sf.end).line + 1;
      if (lines > MAX_FILE_LINES) long.push(`${file}: ${lines} lines`);
      const visit = (n: ts.Node) => {
        if (ts.isFunctionLike(n) && 'body' in n && n.body) {
          const from = sf.getLineAndCharacterOfPosition(n.getStart()).line;
          const to = sf.getLineAndCharacterOfPosition(n.end).line;
          const name = n.name && ts.isIdentifier(n.name) ? n.name.text : '(anonymous)';
          if (to - from + 1 > MAX_FUNCTION_LINES) long.push(`${file}:${from + 1} ${name}: ${to - from + 1} lines`);
        }
        ts.forEachChild(n, visit);
      };
      visit(sf);
    }
    expect(long).toEqual([]);
  });
});
