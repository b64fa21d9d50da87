import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeContent, encodeContent } from '../../src/scenario/content';
import { OP_SHAPES, type OpName } from '../../src/scenario/ops';
import { parseScenario, ScenarioError } from '../../src/scenario/parse';
import { pathWord, quotePath } from '../../src/scenario/quote';
import { formatReport } from '../../src/scenario/report';
import { runSimulation } from '../../src/scenario/simulate';
import { opFields, scenarioLine } from '../../src/scenario/write';

const opts = { lowers: [], dataOnly: [], readOnly: false, options: '' };
const simulate = (text: string) => formatReport(runSimulation(parseScenario(text), opts, { lowers: [], dataOnly: [] }).report);

describe('quoted paths', () => {
  it('reads a quoted path as one path, the rest as content (SCENARIOS.md example)', () => {
    const op = parseScenario('write "meu arquivo.txt" oi').ops[0];
    expect(op.path).toBe('meu arquivo.txt');
    expect(new TextDecoder().decode(op.data)).toBe('oi');
  });
  it('decodes the CONTENT escapes plus \\" inside quotes, for every path of a line', () => {
    const s = parseScenario('rename "a \\"b\\"" "c\\\\d\\te"\nsymlink "x y" "l n"\nmkdir "minha pasta" 0700\nchmod 0600 "a b"\nsetxattr "a b" user.k v w');
    expect(s.ops.map((o) => [o.path, o.path2 ?? o.target])).toEqual([['a "b"', 'c\\d\te'], ['l n', 'x y'], ['minha pasta', undefined], ['a b', undefined], ['a b', undefined]]);
    expect(s.ops[2].number).toBe(0o700);
    expect(new TextDecoder().decode(s.ops[4].data)).toBe('v w');
  });
  it.each([
    ['write "a b x', /no closing "/, /não tem o "/],
    ['write "a"b x', /followed by a space/, /seguido de um espaço/],
    ['write "a\\xff" x', /UTF-8/, /UTF-8/],
    ['write "a\\q" x', /bad escape "\\q" in a quoted path/, /sequência de escape inválida "\\q" num caminho entre aspas/],
    ['rm ""', /names the root/, /é a própria raiz/],
  ])('refuses %j in both languages', (text, en, pt) => {
    let e: unknown;
    try {
      parseScenario(text);
    } catch (x) {
      e = x;
    }
    expect(e).toBeInstanceOf(ScenarioError);
    expect((e as ScenarioError).render('en')).toMatch(en);
    expect((e as ScenarioError).render('pt-BR')).toMatch(pt);
  });
  it('quotes only what needs it, and reads back what it wrote', () => {
    expect(quotePath('etc/motd')).toBe('etc/motd');
    expect(quotePath('ação/é')).toBe('ação/é');
    expect(quotePath('a b')).toBe('"a b"');
    expect(quotePath('a\nb"c\\')).toBe('"a\\nb\\"c\\\\"');
    fc.assert(
      fc.property(fc.string({ minLength: 1, unit: 'binary' }), (p) => {
        const r = pathWord(`${quotePath(p)} rest`);
        expect(r).toEqual({ path: p, rest: 'rest' });
      }),
    );
  });
  it('prints report paths (and hl=, target=) quoted the same way', () => {
    const r = simulate('write "meu arquivo.txt" oi\nln "meu arquivo.txt" "outro nome"\nsymlink "meu arquivo.txt" "o link"');
    expect(r).toContain('M "/meu arquivo.txt" f mode=0644 uid=0 gid=0 nlink=2 size=2 sha256=');
    expect(r).toContain('hl="/meu arquivo.txt"');
    expect(r).toContain('M "/o link" l target="meu arquivo.txt"');
    expect(r).not.toMatch(/^M \/meu /m);
  });
});

describe('scenario lines written from fields', () => {
  it('gives each operation its fields from OP_SHAPES', () => {
    expect(opFields('rename').map((f) => f.name)).toEqual(['path', 'to']);
    expect(opFields('mkdir')).toEqual([{ name: 'path', optional: false }, { name: 'mode', optional: true }]);
    expect(opFields('chown').map((f) => f.name)).toEqual(['owner', 'path']);
  });
  it('writes lines parseScenario reads back to the same fields, for every operation', () => {
    const sample: Record<string, string> = { path: 'meu arquivo.txt', to: 'dir/novo "nome"', target: '../alvo x', content: 'oi\nlinha 2\t\\', number: '42', mode: '0750', owner: '1000:100', name: 'user.k', value: 'v\n', time: '1000', flags: 'O_WRONLY|O_CREAT', lowers: 'U L0' };
    for (const op of Object.keys(OP_SHAPES) as OpName[]) {
      const line = scenarioLine(op, sample, op === 'whiteout' || op === 'opaque' ? { kind: 'lower', index: 0 } : undefined);
      const parsed = parseScenario(line);
      const o = [...parsed.setup, ...parsed.ops][0];
      expect(o.op, line).toBe(op);
      const names = opFields(op).map((f) => f.name);
      if (names.includes('path')) expect(o.path, line).toBe('meu arquivo.txt');
      if (names.includes('to')) expect(o.path2, line).toBe('dir/novo "nome"');
      if (names.includes('target')) expect(o.target, line).toBe('../alvo x');
      if (names.includes('content')) expect(new TextDecoder().decode(o.data), line).toBe('oi\nlinha 2\t\\');
      if (names.includes('value')) expect(new TextDecoder().decode(o.data), line).toBe('v\n');
      if (names.includes('flags')) expect(o.flags, line).toMatchObject({ access: 'w', create: true });
      if (names.includes('time')) expect(o.number, line).toBe(1000);
      if (names.includes('lowers')) expect(o.remountLowers, line).toEqual(['U', 'L0']);
    }
  });
  it('writes `as` and the new operations', () => {
    expect(scenarioLine('cat', { path: 'a b' }, undefined, { uid: 1000, gid: 1000 })).toBe('as 1000:1000 cat "a b"');
    expect(scenarioLine('remount', {})).toBe('remount');
    expect(scenarioLine('utime', { path: 'f', time: 'now' })).toBe('utime f now');
    expect(parseScenario('as 1000 stat f').ops[0].as).toEqual({ uid: 1000, gid: 1000 });
  });
  it('leaves an empty optional field out and writes the layer prefix', () => {
    expect(scenarioLine('mkdir', { path: 'minha pasta', mode: '' })).toBe('mkdir "minha pasta"');
    expect(scenarioLine('write', { path: 'f', content: 'x' }, { kind: 'upper' })).toBe('U: write f x');
  });
  it('encodes content so that decodeContent gives the bytes back', () => {
    fc.assert(
      fc.property(fc.uint8Array(), (bytes) => {
        expect(decodeContent(encodeContent(bytes))).toEqual(bytes);
      }),
    );
  });
});
