/* Pure: reading what a student typed, in either language. A reader returns undefined when the
   text says nothing it can read, and the exercise then repeats its form instead of judging. */

/**
 * The first whole number in the text, written as digits or as a word from zero to ten.
 * @example readCount('acho que 2 diretórios') // 2
 * @example readCount('two') // 2
 */
export function readCount(text: string): number | undefined {
  const digits = /\d+/.exec(text);
  if (digits) return Number(digits[0]);
  const words = [
    ['zero', 'nenhum', 'nenhuma', 'none'],
    ['one', 'um', 'uma'],
    ['two', 'dois', 'duas'],
    ['three', 'três', 'tres'],
    ['four', 'quatro'],
    ['five', 'cinco'],
    ['six', 'seis'],
    ['seven', 'sete'],
    ['eight', 'oito'],
    ['nine', 'nove'],
    ['ten', 'dez'],
  ];
  const tokens = text.toLowerCase().split(/[^a-zà-ú]+/);
  for (const t of tokens) {
    const n = words.findIndex((w) => w.includes(t));
    if (n >= 0) return n;
  }
  return undefined;
}

/**
 * Yes or no, in either language.
 * @example readYesNo('Sim, aparece') // true
 * @example readYesNo('no') // false
 */
export function readYesNo(text: string): boolean | undefined {
  const t = text.trim().toLowerCase();
  if (/^(sim|s|yes|y|visível|visivel|visible)\b/.test(t)) return true;
  if (/^(não|nao|n|no|not|invisível|invisivel)\b/.test(t)) return false;
  return undefined;
}

/**
 * A system call's result: `OK` or an errno name.
 * @example readResult('acho que EXDEV') // 'EXDEV'
 * @example readResult('funciona, ok') // 'OK'
 */
export function readResult(text: string): string | undefined {
  const errno = /\bE[A-Z]{2,}\b/.exec(text.toUpperCase());
  if (errno) return errno[0];
  if (/\b(ok|sucesso|success|funciona|works|0)\b/i.test(text)) return 'OK';
  return undefined;
}
