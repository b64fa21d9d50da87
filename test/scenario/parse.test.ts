import { describe, expect, it } from 'vitest';
import { decodeContent } from '../../src/scenario/content';
import { parseScenario, ScenarioError } from '../../src/scenario/parse';

const problem = (text: string) => {
  try {
    parseScenario(text);
  } catch (e) {
    if (e instanceof ScenarioError) return { en: e.render('en'), pt: e.render('pt-BR') };
    throw e;
  }
  return undefined;
};

describe('scenario language', () => {
  it('splits setup and merged operations and counts the lower layers named', () => {
    const s = parseScenario('# c\n\nL2: write a/b hi\\n\nU: mkdir u\nrm a/b\n');
    expect(s.setup.map((o) => o.layer)).toEqual([{ kind: 'lower', index: 2 }, { kind: 'upper' }]);
    expect(s.ops[0]).toMatchObject({ op: 'rm', path: 'a/b', line: 5 });
    expect(s.lowersNamed).toBe(3);
  });
  it('keeps a trailing slash as part of the path (one slash), and only there', () => {
    const s = parseScenario('rm f/\nrename d// /e/\nrm a/./b\nmkdir /x/');
    expect(s.ops.map((o) => [o.path, o.path2])).toEqual([['f/', undefined], ['d/', 'e/'], ['a/b', undefined], ['x/', undefined]]);
  });
  it('decodes content escapes and keeps everything after the one space', () => {
    expect(Array.from(decodeContent('a\\tb\\x00\\\\ ') as Uint8Array)).toEqual([97, 9, 98, 0, 92, 32]);
    expect(parseScenario('write f  two spaces').ops[0].data).toEqual(new TextEncoder().encode(' two spaces'));
  });
  it.each([
    ['frobnicate x', /line 1: unknown operation "frobnicate"/, /linha 1: operação desconhecida "frobnicate"/],
    ['rm', /line 1: "rm" needs a path/, /linha 1: "rm" precisa de um caminho/],
    ['rm ../etc/passwd', /line 1: path "..\/etc\/passwd" has a ".." part/, /linha 1: o caminho/],
    ['chmod 999 f', /bad mode "999"/, /modo inválido "999"/],
    ['L500: write f x', /more than 500 lower layers/, /mais de 500 camadas/],
    ['whiteout f', /only builds raw layers/, /só serve para preparar camadas cruas/],
    ['rm f\nL0: write f x', /line 2: layer setup lines must all come before/, /linha 2:/],
    ['write f bad\\q', /bad escape "\\q" \(use \\n, \\t, \\\\ or \\xHH\)/, /sequência de escape inválida "\\q" \(use \\n, \\t, \\\\ ou \\xHH\)/],
    ['rename a', /"rename" needs a second path/, /precisa de um segundo caminho/],
    ['open f O_WRONLY|O_FROB', /bad open flags "O_WRONLY\|O_FROB"/, /flags de open inválidas/],
    ['open f O_RDONLY|O_WRONLY', /bad open flags/, /flags de open inválidas/],
    ['as x cat f', /bad user "x" after "as"/, /usuário inválido "x"/],
    ['as 1000 remount', /acts on the mount/, /age sobre a montagem/],
    ['L0: remount', /acts on the mount/, /age sobre a montagem/],
    ['remount -l U X1', /remount takes nothing, or -l/, /remount não leva nada/],
    ['utime f soon', /bad time "soon"/, /tempo inválido "soon"/],
  ])('refuses %j with one clear line in both languages', (text, en, pt) => {
    const p = problem(text);
    expect(p?.en).toMatch(en);
    expect(p?.pt).toMatch(pt);
  });
});
