import { describe, expect, it } from 'vitest';
import { fill, formatBytes, formatNumber, formatPercent, localize, MissingParamError, placeholderNames, plural, say } from '../../src/i18n/format';

describe('numbers for the language', () => {
  it('uses the comma decimal and the dot grouping in pt-BR, the reverse in en', () => {
    expect(formatNumber(1234.5, 'pt-BR')).toBe('1.234,5');
    expect(formatNumber(1234.5, 'en')).toBe('1,234.5');
    expect(formatNumber(10, 'pt-BR', 1)).toBe('10,0');
  });

  it('writes sizes as docker images does, with the decimal mark of the language', () => {
    expect(formatBytes(77_900_000, 'pt-BR')).toBe('77,9 MB');
    expect(formatBytes(77_900_000, 'en')).toBe('77.9 MB');
    expect(formatBytes(1984172, 'pt-BR')).toBe('1,98 MB');
    expect(formatBytes(1984172, 'en')).toBe('1.98 MB');
    expect(formatBytes(2_000_000, 'en')).toBe('2.00 MB');
    expect(formatBytes(123_456_789_000, 'pt-BR')).toBe('123 GB');
    expect(formatBytes(999, 'pt-BR')).toBe('999 B');
    expect(formatBytes(1000, 'en')).toBe('1.00 kB');
    expect(formatBytes(undefined, 'en')).toBe('-');
  });

  it('writes percentages with a space before % in pt-BR only', () => {
    expect(formatPercent(0.105, 'pt-BR')).toBe('10,5 %');
    expect(formatPercent(0.105, 'en')).toBe('10.5%');
    expect(formatPercent(0.1, 'en')).toBe('10.0%');
  });
});

describe('plurals through Intl.PluralRules', () => {
  const orphans = { 'pt-BR': { one: '# órfão', other: '# órfãos' }, en: { one: '# orphan', other: '# orphans' } };
  it('agrees with the count', () => {
    expect(plural(1, 'pt-BR', orphans['pt-BR'])).toBe('1 órfão');
    expect(plural(2, 'pt-BR', orphans['pt-BR'])).toBe('2 órfãos');
    expect(plural(1, 'en', orphans.en)).toBe('1 orphan');
    expect(plural(2, 'en', orphans.en)).toBe('2 orphans');
    expect(plural(1500, 'pt-BR', orphans['pt-BR'])).toBe('1.500 órfãos');
  });
  it('follows each language: pt-BR counts 0 and 1,5 as singular, English neither', () => {
    expect(plural(0, 'pt-BR', orphans['pt-BR'])).toBe('0 órfão');
    expect(plural(0, 'en', orphans.en)).toBe('0 orphans');
    expect(plural(1.5, 'pt-BR', { one: '# hora', other: '# horas' })).toBe('1,5 hora');
  });
  it('takes an exact zero form when one is given; "many" (1 milhão) falls back to other', () => {
    expect(plural(0, 'pt-BR', { zero: 'nenhum órfão', ...orphans['pt-BR'] })).toBe('nenhum órfão');
    expect(plural(1_000_000, 'pt-BR', orphans['pt-BR'])).toBe('1.000.000 órfãos');
  });
});

describe('fill: placeholders and ICU plurals', () => {
  it('fills keys and writes numbers for the language', () => {
    expect(fill('{n} de {max} bytes em {path}', { n: 3584, max: 4095, path: 'l/' }, 'pt-BR')).toBe('3.584 de 4.095 bytes em l/');
    expect(fill('{n} of {max} bytes', { n: 3584, max: 4095 }, 'en')).toBe('3,584 of 4,095 bytes');
  });

  it('picks the plural branch, # as the count, with placeholders inside the branch', () => {
    const t = '{n, plural, =0 {nenhuma camada} one {# camada de {image}} other {# camadas de {image}}}.';
    expect(fill(t, { n: 0, image: 'app' }, 'pt-BR')).toBe('nenhuma camada.');
    expect(fill(t, { n: 1, image: 'app' }, 'pt-BR')).toBe('1 camada de app.');
    expect(fill(t, { n: 125, image: 'app' }, 'pt-BR')).toBe('125 camadas de app.');
    expect(fill('{a, plural, one {# layer} other {# layers}} and {b, plural, one {# image} other {# images}}', { a: 1, b: 3 }, 'en')).toBe('1 layer and 3 images');
  });

  it('fails loudly on a key nobody passed, instead of printing {key}', () => {
    expect(() => fill('{n} camadas em {path}', { n: 1 }, 'pt-BR')).toThrow(MissingParamError);
    expect(() => fill('{n} camadas em {path}', { n: 1 }, 'pt-BR')).toThrow('no value for {path} in "{n} camadas em {path}"');
    expect(() => fill('{n, plural, one {# x} other {# y}}', {}, 'en')).toThrow(MissingParamError);
  });

  it('refuses a malformed plural and a plural of a string', () => {
    expect(() => fill('{n, plural, other {# y}}', { n: 1 }, 'en')).toThrow(/one \{…\} and other/);
    expect(() => fill('{n, plural, one {# x} other {# y}', { n: 1 }, 'en')).toThrow(/unclosed/);
    expect(() => fill('{n, plural, one {# x} other {# y}}', { n: 'two' }, 'en')).toThrow(/needs a number/);
  });

  it('keeps braces that are not placeholders: shell and JSON in examples', () => {
    expect(fill('echo ${HOME} {} { "a": 1 }', {}, 'en')).toBe('echo ${HOME} {} { "a": 1 }');
  });

  it('takes a localized value in the template\'s language', () => {
    const what = { en: 'a path', 'pt-BR': 'um caminho' };
    expect(fill('"{op}" precisa de {what}', { op: 'rm', what }, 'pt-BR')).toBe('"rm" precisa de um caminho');
    expect(fill('"{op}" needs {what}', { op: 'rm', what }, 'en')).toBe('"rm" needs a path');
  });

  it('does not read a value as a template', () => {
    expect(fill('{a}', { a: '{b} #' }, 'en')).toBe('{b} #');
  });

  it('names the keys of a template once, plurals and their branches included', () => {
    expect(placeholderNames('{n, plural, one {# de {total}} other {# de {total}}} em {path}, ${HOME}')).toEqual(['n', 'path', 'total']);
  });

  it('say and localize fill one language or both', () => {
    const text = { en: '{n, plural, one {# orphan} other {# orphans}}', 'pt-BR': '{n, plural, one {# órfão} other {# órfãos}}' };
    expect(say(text, 'pt-BR', { n: 2 })).toBe('2 órfãos');
    expect(localize(text, { n: 1 })).toEqual({ en: '1 orphan', 'pt-BR': '1 órfão' });
  });
});
