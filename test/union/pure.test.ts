import * as fs from 'node:fs';
import * as path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

// The engine runs unchanged in Node, in a tslab notebook and in the browser: it may import
// itself and i18n, nothing else, and use no Node global.
const UNION = path.resolve(__dirname, '../../src/union');
const I18N = path.resolve(__dirname, '../../src/i18n');
const NODE_GLOBALS = new Set(['Buffer', 'process', 'require', '__dirname', '__filename', 'global', 'setImmediate']);

function problems(file: string, text = fs.readFileSync(file, 'utf8')): string[] {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  const out: string[] = [];
  const where = (n: ts.Node) => `${path.relative(UNION, file)}:${source.getLineAndCharacterOfPosition(n.getStart()).line + 1}`;
  const visit = (n: ts.Node) => {
    const spec =
      (ts.isImportDeclaration(n) || ts.isExportDeclaration(n)) && n.moduleSpecifier && ts.isStringLiteral(n.moduleSpecifier)
        ? n.moduleSpecifier.text
        : ts.isCallExpression(n) && n.expression.kind === ts.SyntaxKind.ImportKeyword && n.arguments[0] && ts.isStringLiteral(n.arguments[0])
          ? n.arguments[0].text
          : undefined;
    if (spec !== undefined) {
      const inside = (dir: string) => {
        const abs = path.resolve(path.dirname(file), spec);
        return abs === dir || abs.startsWith(dir + path.sep);
      };
      if (!spec.startsWith('.') || !(inside(UNION) || inside(I18N))) out.push(`${where(n)} imports ${spec}`);
    }
    const isMember = ts.isIdentifier(n) && ts.isPropertyAccessExpression(n.parent) && n.parent.name === n;
    if (ts.isIdentifier(n) && NODE_GLOBALS.has(n.text) && !isMember) out.push(`${where(n)} uses ${n.text}`);
    ts.forEachChild(n, visit);
  };
  visit(source);
  return out;
}

describe('the union engine is pure', () => {
  const files = fs.readdirSync(UNION).filter((f) => f.endsWith('.ts')).map((f) => path.join(UNION, f));

  it('imports only itself and i18n, and no Node global, in every file', () => {
    expect(files.length).toBeGreaterThan(10);
    expect(files.flatMap((f) => problems(f))).toEqual([]);
  });

  it('sees a Node import, a package, a room above union and a Node global (the check itself can fail)', () => {
    const text = "import * as fs from 'node:fs';\nimport { x } from 'os';\nimport { y } from '../scenario/ops';\nimport { z } from '../i18n/lang';\nexport const b = Buffer.from(process.cwd() + x.process);\n";
    expect(problems(path.join(UNION, 'probe.ts'), text)).toEqual(['probe.ts:1 imports node:fs', 'probe.ts:2 imports os', 'probe.ts:3 imports ../scenario/ops', 'probe.ts:5 uses Buffer', 'probe.ts:5 uses process']);
  });
});
